/**
 * Models for the swarm tests: a grid of bounded counters whose bug sits deep
 * (the first counter reaching `bug`), in a space wide enough that a
 * breadth-first search with a small state budget never gets there.
 */
import { defineModel, type Model } from '../../src/index.js';

export interface Counters {
  c: number[];
}

/** `k` counters from 0 to `size`, each step one of them up by one; invariant `first-below`: c[0] never equals `bug`. */
export function grid(k: number, size: number, bug: number): Model<Counters> {
  return defineModel<Counters>({
    name: `grid(${k},${size})`,
    init: { c: Array.from({ length: k }, () => 0) },
    actions: {
      inc: {
        choices: () => Array.from({ length: k }, (_, i) => i),
        enabled: (s, i: number) => s.c[i] < size,
        apply: (s, i: number) => ({ c: s.c.map((v, j) => (j === i ? v + 1 : v)) }),
      },
    },
    invariants: { 'first-below': (s) => s.c[0] !== bug },
    terminal: () => true,
  });
}
