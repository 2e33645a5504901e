/**
 * Die Hard with a Vengeance: a 3-gallon and a 5-gallon jug, a fountain, and a
 * bomb that wants exactly 4 gallons. The invariant "the big jug never holds 4"
 * breaks after 6 steps, and the trace is the recipe.
 */
import { defineModel, type Model } from '../../src/index.js';

export interface Jugs {
  small: number;
  big: number;
}

export function dieHard(options: { bomb?: boolean } = { bomb: true }): Model<Jugs> {
  return defineModel<Jugs>({
    name: 'die-hard',
    init: { small: 0, big: 0 },
    actions: {
      'fill-small': { apply: (s) => ({ ...s, small: 3 }) },
      'fill-big': { apply: (s) => ({ ...s, big: 5 }) },
      'empty-small': { apply: (s) => ({ ...s, small: 0 }) },
      'empty-big': { apply: (s) => ({ ...s, big: 0 }) },
      'small-to-big': {
        apply: (s) => {
          const poured = Math.min(s.small, 5 - s.big);
          return { small: s.small - poured, big: s.big + poured };
        },
      },
      'big-to-small': {
        apply: (s) => {
          const poured = Math.min(s.big, 3 - s.small);
          return { small: s.small + poured, big: s.big - poured };
        },
      },
    },
    invariants: options.bomb ? { 'big-jug-is-not-4': (s) => s.big !== 4 } : {},
  });
}
