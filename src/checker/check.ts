/**
 * The core entry points: `check` for a closed model, `checkOpen` for a model
 * composed with environments, `checkLiveness` for "eventually". Each validates
 * its input, composes the system, asks its query (query.ts) and returns the
 * result.
 */
import { describe } from '../model/action.js';
import { isModel } from '../model/define-model.js';
import { ModelDefinitionError } from '../model/errors.js';
import type { Assumption, Environment, Model } from '../model/types.js';
import { now } from './clock.js';
import { livenessProperty, type LivenessQuery } from './liveness/check-liveness.js';
import { resolveOptions } from './options.js';
import { ask } from './query.js';
import { seal } from './result.js';
import { compose } from './system.js';
import type { CheckOptions, CheckResult, OpenResult } from './types.js';

export { DEFAULT_OPTIONS, resolveOptions } from './options.js';

/** Throws a clear error for something that is not a model from defineModel. */
export function requireModel(model: unknown, call: string): void {
  if (!isModel(model)) throw new ModelDefinitionError(`${call}: expected a model from defineModel, got ${describe(model)}`);
}

/**
 * Explores every state reachable from the model's initial states, breadth-first,
 * and reports the first invariant violation, deadlock or error with its shortest
 * trace; then the model's named liveness properties, if it declares any.
 *
 * @example
 * const result = check(model);
 * result.ok;          // true when every reachable state satisfies every invariant
 * String(result);     // 'OK — 12 states, no violations'
 * check(model, { deadlock: false, maxStates: 10_000 });
 */
export function check<S>(model: Model<S>, options?: CheckOptions): CheckResult<S> {
  requireModel(model, 'check(model)');
  const resolved = resolveOptions(options, 'check');
  const system = compose(model, [], 'check');
  const started = now();
  const safety = ask(system, { kind: 'invariants', deadlock: resolved.deadlock }, resolved, { where: 'check', started });
  // Named liveness properties are checked once the invariants hold, in the time that is left.
  if (!safety.ok || system.liveness.length === 0) return safety;
  const live = ask(system, { kind: 'liveness', properties: system.liveness }, resolved, { where: 'check', started });
  if (!live.ok || live.warnings === undefined) return live.ok ? safety : live;
  const { toString: _summary, ...plain } = safety;
  return seal<S>({ ...plain, warnings: [...(safety.warnings ?? []), ...live.warnings] });
}

/**
 * Checks that something good eventually happens: every path from an initial
 * state reaches a `goal` state (◇goal), or, with `from`, every `from` state is
 * followed by a `goal` state (from ⤳ goal). Paths are those a fair scheduler
 * allows: `fair` actions under weak fairness, `strongFair` under strong (`'all'`
 * for every action; each choice of a parameterised action separately). A
 * counterexample is a lasso: `trace` up to `trace[loopsTo]`, then a cycle back
 * to it; or a path that stops in a state with no enabled action.
 *
 * @example
 * const r = checkLiveness(job, { goal: (s) => s.done, fair: ['finish'] });
 * r.ok;                       // true: a fair scheduler cannot spin forever
 * checkLiveness(job, { goal: (s) => s.done }).loopsTo; // 0: `spin` from the initial state, forever
 * checkLiveness(lock, 'writer-progress');              // a property declared with defineModel({ liveness })
 */
export function checkLiveness<S>(model: Model<S>, query: LivenessQuery<S> | string, options?: CheckOptions): CheckResult<S> {
  requireModel(model, 'checkLiveness(model, goal)');
  const environments = typeof query === 'object' && query !== null ? query.environments : undefined;
  const list: readonly unknown[] | undefined = environments === undefined ? undefined : Array.isArray(environments) ? environments : [environments];
  if (list !== undefined && list.length === 0) throw new ModelDefinitionError('checkLiveness: environments must not be empty: give at least one environment, or leave the field out');
  const system = compose(model, list, 'checkLiveness');
  const property = livenessProperty(system, query, 'checkLiveness');
  const result = ask(system, { kind: 'liveness', properties: [property] }, resolveOptions(options, 'checkLiveness'), { where: 'checkLiveness' });
  return list === undefined ? result : withAssumptions(result, system.assumptions);
}

/**
 * A liveness result under environments: the residual proof obligations beside
 * it, as `checkOpen` lists them, and counted in its one line.
 */
export function withAssumptions<S>(result: CheckResult<S>, assumptions: readonly Assumption[]): CheckResult<S> {
  const unverifiedAssumptions = assumptions.filter((a) => a.status === 'unverified');
  const text = `${result.toString()}; ${unverifiedAssumptions.length} unverified assumption${unverifiedAssumptions.length === 1 ? '' : 's'}`;
  return Object.defineProperty({ ...result, assumptions, unverifiedAssumptions }, 'toString', { value: () => text, enumerable: false });
}

/**
 * Checks a model composed with one or more environments: their behaviors fire
 * at every possible moment, interleaved with the model's actions, and their
 * guarantees are checked like invariants. The assumptions they declare come
 * back as residual proof obligations.
 *
 * @example
 * const open = checkOpen(service, k8s);
 * open.ok;                                          // true: survives every eviction timing
 * open.unverifiedAssumptions.map((a) => a.name);    // ['node-capacity', 'eviction-rate-bounded']
 */
export function checkOpen<S>(
  model: Model<S>,
  environments: Environment<S> | readonly Environment<S>[],
  options?: CheckOptions,
): OpenResult<S> {
  requireModel(model, 'checkOpen(model, env)');
  const list: readonly unknown[] = Array.isArray(environments) ? environments : [environments];
  if (list.length === 0) throw new ModelDefinitionError('checkOpen: give at least one environment');
  const system = compose(model, list, 'checkOpen');
  const resolved = resolveOptions(options, 'checkOpen');
  const result = ask(system, { kind: 'invariants', deadlock: resolved.deadlock }, resolved, { where: 'checkOpen' });
  return openResult(result, system.assumptions, system.environments);
}

/** An open check's result: the search's, with the environments' assumptions beside it. */
export function openResult<S>(result: CheckResult<S>, assumptions: OpenResult<S>['assumptions'], environments: readonly string[]): OpenResult<S> {
  const unverifiedAssumptions = assumptions.filter((a) => a.status === 'unverified');
  const text = `${result.toString()}; ${unverifiedAssumptions.length} unverified assumption${unverifiedAssumptions.length === 1 ? '' : 's'}`;
  return Object.defineProperty({ ok: result.ok, result, assumptions, unverifiedAssumptions, environments }, 'toString', {
    value: () => text,
    enumerable: false,
  }) as OpenResult<S>;
}
