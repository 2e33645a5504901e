/**
 * Results: plain data of one kind each (types.ts), sealed with their one-line
 * summary as `toString` (describe.ts), so that a result prints well in a REPL
 * and snapshots through the serializer without timings. Also the figures every
 * result carries: the search's statistics and per-action coverage.
 */
import type { Transition } from '../model/types.js';
import { summaryOf } from './describe.js';
import type { SearchOutcome } from './search.js';
import type { StateStore } from './store/state-store.js';
import type { ActionCoverage, CheckResult, CheckStats } from './types.js';

export { count, plural } from './describe.js';

type WithoutToString<T> = T extends unknown ? Omit<T, 'toString'> : never;

/** A result of any kind before it is sealed. */
export type Unsealed<S> = WithoutToString<CheckResult<S>>;

/**
 * A result with its summary as `toString` (not enumerable: snapshots and
 * `toEqual` see the data only).
 *
 * @example
 * seal({ ok: true, kind: 'ok', trace: [], stats, coverage }).toString(); // 'OK — 12 states, no violations'
 */
export function seal<S>(fields: Unsealed<S>): CheckResult<S> {
  const text = summaryOf(fields);
  return Object.defineProperty(fields, 'toString', { value: () => text, enumerable: false }) as CheckResult<S>;
}

/**
 * The figures of a finished search. The collision estimate is TLC's:
 * states × (generated − states) / 2^bits, generated counting the initial states.
 */
export function statsOf(outcome: SearchOutcome, store: StateStore, initialStates: number, durationMs = outcome.durationMs): CheckStats {
  const generated = outcome.transitions + initialStates;
  return {
    states: outcome.states,
    transitions: outcome.transitions,
    depth: outcome.depth,
    durationMs,
    collisionProbability: store.bits === Infinity ? 0 : (outcome.states * Math.max(0, generated - outcome.states)) / 2 ** store.bits,
  };
}

/** Coverage per transition, from the search's counters. */
export function coverageOf<S>(transitions: readonly Transition<S>[], outcome: Pick<SearchOutcome, 'enabled' | 'newStates'>): ActionCoverage[] {
  return transitions.map((tr, i) => ({
    action: tr.label,
    ...(tr.environment === undefined ? {} : { environment: tr.environment }),
    enabled: outcome.enabled[i],
    newStates: outcome.newStates[i],
  }));
}
