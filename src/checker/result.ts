/**
 * CheckResult values and their one-line summaries. A result is plain data plus
 * `toString`, so that it prints well in a REPL and snapshots through the
 * serializer without timings.
 */
import { describeThrown, KripkeError } from '../model/errors.js';
import type { Transition } from '../model/types.js';
import type { SearchOutcome } from './search.js';
import type { StateStore } from './store/state-store.js';
import type { ActionCoverage, CheckResult, CheckStats, Step } from './types.js';

/** 1234567 → '1,234,567'. By hand: the first toLocaleString call loads ICU data (~15 ms). */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/** `1 state`, `12 states`, `1 property`, `2 properties` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** The one-line summary of a result. */
export function summarize(r: Omit<CheckResult<unknown>, 'toString'>, limit?: number): string {
  const steps = plural(Math.max(0, r.trace.length - 1), 'step');
  switch (r.kind) {
    case 'ok':
      return `OK — ${plural(r.stats.states, 'state')}, no violations${(r.warnings ?? []).map((w) => `; warning: ${w}`).join('')}`;
    case 'liveness': {
      const name = r.liveness === undefined ? 'liveness' : `liveness '${r.liveness}'`;
      const due = r.dueAt !== undefined && r.dueAt > 0 ? ` (due from step ${r.dueAt})` : '';
      const how =
        r.loopsTo !== undefined
          ? `after ${plural(r.loopsTo, 'step')}, a cycle of ${plural(r.trace.length - 1 - r.loopsTo, 'step')} repeats forever`
          : r.ending === 'stutter'
            ? `the system may stop after ${steps}, where no fair action is enabled (stuttering)`
            : `the path stops after ${steps} with no action enabled`;
      return `${name} violated: the goal is never reached${due} — ${how}`;
    }
    case 'invariant':
      return r.guaranteeOf === undefined
        ? `invariant '${r.invariant}' violated after ${steps}`
        : `guarantee '${r.invariant}' of environment '${r.guaranteeOf}' violated after ${steps}`;
    case 'deadlock':
      return `deadlock after ${steps}: no action is enabled and the state is not terminal`;
    case 'error': {
      // kripke's own errors already name their source; a user's error gets it here.
      if (r.error instanceof KripkeError) return `error after ${steps}: ${r.error.message}`;
      const src = r.errorSource;
      const where = src === undefined ? '' : src.name === undefined ? ` in ${src.kind}` : ` in ${src.kind} '${src.name}'`;
      const message = describeThrown(r.error);
      return `error${where} after ${steps}: ${message}`;
    }
    case 'incomplete': {
      const reached = `after ${plural(r.stats.states, 'state')}, ${plural(r.stats.depth, 'step')} deep`;
      switch (r.budget) {
        case 'maxStates':
          return `incomplete — maxStates budget of ${plural(limit ?? r.stats.states, 'state')} ran out ${reached}`;
        case 'maxDepth':
          return `incomplete — maxDepth budget of ${plural(limit ?? r.stats.depth, 'step')} cut the search ${reached}`;
        case 'timeout':
          return `incomplete — timeout of ${count(limit ?? 0)} ms ran out ${reached}`;
        default:
          return `incomplete — estimated fingerprint collision probability ${r.stats.collisionProbability.toExponential(1)} exceeds maxCollisionProbability ${limit === undefined || limit === 0 ? '0' : limit.toExponential()} ${reached}; rerun with exact: true`;
      }
    }
  }
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
export function coverageOf<S>(transitions: readonly Transition<S>[], outcome: SearchOutcome): ActionCoverage[] {
  return transitions.map((tr, i) => ({
    action: tr.label,
    ...(tr.environment === undefined ? {} : { environment: tr.environment }),
    enabled: outcome.enabled[i],
    newStates: outcome.newStates[i],
  }));
}

/** Assembles the public result. `limit` is the budget's configured value, for the summary. */
export function makeResult<S>(
  outcome: SearchOutcome,
  trace: Step<S>[],
  stats: CheckStats,
  coverage: ActionCoverage[],
  limit: number | undefined,
  overrides: Partial<CheckResult<S>> = {},
): CheckResult<S> {
  const kind = overrides.kind ?? outcome.kind;
  const base = {
    ok: kind === 'ok',
    kind,
    ...(outcome.property === undefined ? {} : { invariant: outcome.property.name }),
    ...(outcome.property?.environment === undefined ? {} : { guaranteeOf: outcome.property.environment }),
    trace,
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.errorSource === undefined ? {} : { errorSource: outcome.errorSource }),
    ...(outcome.budget === undefined ? {} : { budget: outcome.budget }),
    stats,
    coverage,
    ...overrides,
  };
  const text = summarize(base, limit);
  return Object.defineProperty(base, 'toString', { value: () => text, enumerable: false }) as CheckResult<S>;
}
