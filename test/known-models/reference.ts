/**
 * A deliberately naive explorer to check the checker against: breadth-first
 * over states keyed by JSON.stringify (fine for the fixtures here, whose states
 * are arrays and objects built with a fixed key order), no budgets, no
 * fingerprints, no trace rebuild. It shares nothing with src/checker but the
 * normalised transitions of the model.
 */
import type { Model } from '../../src/index.js';
import { partsOf } from '../../src/model/define-model.js';

export interface ReferenceAnswer {
  states: number;
  transitions: number;
  depth: number;
  /** Fewest steps to a state that breaks an invariant, or to a non-terminal state with no enabled action. */
  firstProblem: { kind: 'invariant' | 'deadlock'; steps: number } | null;
}

export function explore<S>(model: Model<S>): ReferenceAnswer {
  const seen = new Map<string, number>();
  let frontier: S[] = [];
  for (const s of partsOf(model).initStates) {
    const k = JSON.stringify(s);
    if (!seen.has(k)) {
      seen.set(k, 0);
      frontier.push(s);
    }
  }
  let transitions = 0;
  let depth = 0;
  let firstProblem: ReferenceAnswer['firstProblem'] = null;
  for (let level = 0; frontier.length > 0; level++) {
    const next: S[] = [];
    for (const s of frontier) {
      if (firstProblem === null && partsOf(model).invariants.some((p) => p.test(s) !== true)) firstProblem = { kind: 'invariant', steps: level };
      let enabled = 0;
      for (const t of partsOf(model).transitions) {
        for (const c of t.choices ? [...t.choices(s)] : [undefined]) {
          if (t.enabled !== undefined && t.enabled(s, c) !== true) continue;
          enabled++;
          transitions++;
          const succ = t.apply(s, c);
          const k = JSON.stringify(succ);
          if (!seen.has(k)) {
            seen.set(k, level + 1);
            next.push(succ);
            depth = level + 1;
          }
        }
      }
      if (firstProblem === null && enabled === 0 && !(partsOf(model).terminal?.(s) ?? false)) firstProblem = { kind: 'deadlock', steps: level };
    }
    frontier = next;
  }
  return { states: seen.size, transitions, depth, firstProblem };
}
