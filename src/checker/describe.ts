/**
 * The English of every kind of result, in one place: the one-line summary a
 * result prints as (`toString`), the headline and the last step's note a
 * matcher shows, what to do about a budget, who to blame for an error. The
 * render layer adds colour and layout; it writes no sentence about a result
 * of its own. Counts only, never timings, so every line can sit in a snapshot.
 */
import { describeThrown, KripkeError } from '../model/errors.js';
import { FINGERPRINT_STORE_CAPACITY } from './store/state-store.js';
import type { Budget, CheckResult, ErrorSource, IncompleteResult, InvariantResult, LivenessResult } from './types.js';

/** 1234567 → '1,234,567'. By hand: the first toLocaleString call loads ICU data (~15 ms). */
export function count(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 state`, `12 states`, `1 property`, `2 properties` */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** The number of actions in a trace: its length less the initial state. */
export function stepsOf(result: { readonly trace: readonly unknown[] }): number {
  return Math.max(0, result.trace.length - 1);
}

const DEADLOCK = 'no action is enabled and the state is not terminal';

/** `invariant 'x'` and `guarantee 'x' of environment 'k8s'` (a summary), or `invariant "x"` and `guarantee "x" of environment k8s` (a message). */
function brokenProperty(r: InvariantResult<unknown>, summary: boolean): string {
  const name = summary ? `'${r.invariant}'` : JSON.stringify(r.invariant);
  if (r.environment === undefined) return `invariant ${name}`;
  return `guarantee ${name} of environment ${summary ? `'${r.environment}'` : r.environment}`;
}

/** How far an incomplete search got, and which budget stopped it. */
function budgetSentence(r: IncompleteResult<unknown>): string {
  const reached = `after ${plural(r.stats.states, 'state')}, ${plural(r.stats.depth, 'step')} deep`;
  switch (r.budget) {
    case 'maxStates':
      if (r.limit === FINGERPRINT_STORE_CAPACITY) {
        return `the fingerprint store's cap of ${plural(r.limit, 'state')} (its 27-bit ids) was reached ${reached}; rerun with exact: true, which has no cap (at several times the memory), or make the model smaller`;
      }
      return `maxStates budget of ${plural(r.limit, 'state')} ran out ${reached}`;
    case 'maxDepth':
      return `maxDepth budget of ${plural(r.limit, 'step')} cut the search ${reached}`;
    case 'timeout':
      return `timeout of ${count(r.limit)} ms ran out ${reached}`;
    case 'swarm':
      return `a swarm search is not exhaustive: it visited ${plural(r.stats.states, 'distinct state')} (by its bit array), ${plural(r.stats.depth, 'step')} deep, and found no violation`;
    case 'collisionProbability':
      return `estimated fingerprint collision probability ${r.stats.collisionProbability.toExponential(1)} exceeds maxCollisionProbability ${r.limit === 0 ? '0' : r.limit.toExponential()} ${reached}; rerun with fingerprintBits: 128 (a wider fingerprint), or exact: true (no fingerprints at all)`;
  }
}

/** What a liveness counterexample shows, by the property's form. */
function livenessBreach(r: LivenessResult<unknown>): string {
  switch (r.form) {
    case 'infinitelyOften':
      return `the predicate holds only finitely often (never again from step ${r.dueAt})`;
    case 'eventuallyAlways':
      return r.loopsTo === undefined ? 'the predicate never holds for good (the path ends where it fails)' : 'the predicate never holds for good (the cycle passes a state where it fails)';
    default:
      return `the goal is never reached${r.dueAt > 0 ? ` (due from step ${r.dueAt})` : ''}`;
  }
}

/** How a liveness counterexample goes on without the goal. */
function lassoSentence(r: LivenessResult<unknown>): string {
  const steps = plural(stepsOf(r), 'step');
  if (r.loopsTo !== undefined) return `after ${plural(r.loopsTo, 'step')}, a cycle of ${plural(stepsOf(r) - r.loopsTo, 'step')} repeats forever`;
  if (r.ending === 'stutter') return `the system may stop after ${steps}, where no fair action is enabled (stuttering)`;
  return r.environmentMayAct === true
    ? `the path stops after ${steps} with no action of the model enabled (an environment need not act)`
    : `the path stops after ${steps} with no action enabled`;
}

/**
 * The one line a result prints as.
 *
 * @example
 * summaryOf(check(model)); // 'OK — 12 states, no violations'
 */
export function summaryOf(r: Omit<CheckResult<unknown>, 'toString'>): string {
  const steps = plural(stepsOf(r), 'step');
  const result = r as CheckResult<unknown>;
  switch (result.kind) {
    case 'ok':
      return `OK — ${plural(r.stats.states, 'state')}, no violations${(result.warnings ?? []).map((w) => `; warning: ${w}`).join('')}`;
    case 'invariant':
      return `${brokenProperty(result, true)} violated after ${steps}`;
    case 'deadlock':
      return `deadlock after ${steps}: ${DEADLOCK}`;
    case 'error': {
      // kripke's own errors already name their source; a user's error gets it here.
      if (result.error instanceof KripkeError) return `error after ${steps}: ${result.error.message}`;
      const src = result.errorSource;
      const where = src.name === undefined ? ` in ${src.kind}` : ` in ${src.kind} '${src.name}'`;
      return `error${where} after ${steps}: ${describeThrown(result.error)}`;
    }
    case 'incomplete':
      return `incomplete — ${budgetSentence(result)}`;
    case 'liveness': {
      const name = result.liveness === undefined ? 'liveness' : `liveness '${result.liveness}'`;
      return `${name} violated: ${livenessBreach(result)} — ${lassoSentence(result)}`;
    }
  }
}

/**
 * Who misbehaved, for a sentence: `action "withdraw(2)"`, `the guard (enabled) of
 * behavior "k8s:evict-pod"`, `guarantee "x" of environment k8s`, `the toReach target`.
 */
export function describeSource(source: ErrorSource | undefined): string {
  if (source === undefined) return 'the model';
  const what = source.environment === undefined ? 'action' : 'behavior';
  const name = JSON.stringify(source.name ?? '?');
  switch (source.kind) {
    case 'action':
      return `${what} ${name}`;
    case 'guard':
      return `the guard (enabled) of ${what} ${name}`;
    case 'choices':
      return `the choices of ${what} ${name}`;
    case 'invariant':
      return `invariant ${name}`;
    case 'guarantee':
      return `guarantee ${name} of environment ${source.environment}`;
    case 'terminal':
      return 'terminal';
    case 'state':
      return 'the model';
    case 'goal':
      return source.name === undefined ? 'the goal' : `the goal of liveness ${name}`;
    case 'from':
      return source.name === undefined ? "the 'from' predicate" : `the 'from' predicate of liveness ${name}`;
    case 'target':
      return source.name === undefined ? 'the toReach target' : `the toReach target ${source.name}`;
  }
}

/**
 * What went wrong, in one line, for a matcher's headline: `invariant "always-responsive"
 * is violated after 2 steps`. For `ok` it says so; for `incomplete` it names the budget.
 *
 * @example
 * describeProblem(checkOpen(service, k8s(false)).result);
 * // 'invariant "always-responsive" is violated after 2 steps'
 */
export function describeProblem(result: CheckResult<unknown>): string {
  const steps = plural(stepsOf(result), 'step');
  switch (result.kind) {
    case 'ok':
      return `no problem in ${plural(result.stats.states, 'state')}`;
    case 'invariant':
      return `${brokenProperty(result, false)} is violated after ${steps}`;
    case 'deadlock':
      return `deadlock after ${steps}: ${DEADLOCK}`;
    case 'error': {
      const where = describeSource(result.errorSource);
      const verb = result.error instanceof KripkeError ? 'failed' : 'threw';
      return `${where.charAt(0).toUpperCase()}${where.slice(1)} ${verb} after ${steps}`;
    }
    case 'incomplete':
      return `the search did not finish: ${budgetSentence(result)}`;
    case 'liveness': {
      const what = result.liveness === undefined ? 'liveness' : `liveness ${JSON.stringify(result.liveness)}`;
      const never = result.form === undefined ? 'the goal is never reached' : livenessBreach(result);
      return result.loopsTo === undefined
        ? `${what} is violated: the path stops after ${steps} and ${never}`
        : `${what} is violated: after ${plural(result.loopsTo, 'step')}, a cycle of ${plural(stepsOf(result) - result.loopsTo, 'step')} repeats forever and ${never}`;
    }
  }
}

/** The reason a search did not finish, without the leading word: for a headline of the matcher's own. */
export function incompleteReason(result: IncompleteResult<unknown>): string {
  return budgetSentence(result);
}

/** What to do about a budget that ran out. */
export function budgetAdvice(budget: Budget): string {
  switch (budget) {
    case 'maxStates':
      return 'Raise maxStates or make the model smaller: nothing is proven about the states that were not explored.';
    case 'maxDepth':
      return 'Raise maxDepth: nothing is proven about the states deeper than the limit.';
    case 'timeout':
      return 'Raise timeout or make the model smaller: nothing is proven about the states that were not explored.';
    case 'swarm':
      return 'A swarm samples the state space: nothing is proven about the states it did not visit. Where the space fits, check() proves; more seeds or shards cover more of it.';
    case 'collisionProbability':
      return 'Rerun with fingerprintBits: 128 for a wider fingerprint, or with exact: true so that no two states can share one.';
  }
}

/**
 * Why the trace stops at its last step, for the line under it (the render layer colours it).
 *
 * @example
 * violationText(result); // '✗ violates invariant "always-responsive"'
 */
export function violationText(result: CheckResult<unknown>): string {
  switch (result.kind) {
    case 'invariant':
      return `✗ violates ${brokenProperty(result, false)}`;
    case 'deadlock':
      return `✗ deadlock: ${DEADLOCK}`;
    case 'error': {
      const where = describeSource(result.errorSource);
      return result.error instanceof KripkeError ? `✗ ${where} fails in this state` : `✗ ${where} throws in this state`;
    }
    default:
      return '';
  }
}
