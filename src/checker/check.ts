/**
 * The core entry points: `check` for a closed model, `checkOpen` for a model
 * composed with environments. Both validate their input, run the search, and
 * turn what it found into a CheckResult with the shortest trace.
 */
import { describe } from '../model/action.js';
import { isEnvironment } from '../model/define-environment.js';
import { assertUnpollutedPrototype } from '../model/plain-data.js';
import { assertInitialStatesIntact, isModel } from '../model/define-model.js';
import { ModelDefinitionError } from '../model/errors.js';
import type { Environment, Model, Property, Transition } from '../model/types.js';
import { search, type SearchOptions } from './search.js';
import { now } from './clock.js';
import { initialCopies, resultAt } from './counterexample.js';
import type { Fingerprinter } from './store/fingerprint.js';
import { resolveQuery, runLiveness, withLiveness, type LivenessQuery } from './liveness/check-liveness.js';
import { coverageOf, makeResult, statsOf } from './result.js';
import { ExactStore, FingerprintStore, type StateStore } from './store/state-store.js';
import type { CheckOptions, CheckResult, OpenResult } from './types.js';

/** Defaults: generous for a unit test, small enough that a runaway model cannot hang a test run. */
export const DEFAULT_OPTIONS = Object.freeze({
  deadlock: true,
  maxStates: 1_000_000,
  maxDepth: Infinity,
  timeout: 30_000,
  exact: false,
  maxCollisionProbability: 1e-5,
});

const OPTION_NAMES = Object.keys(DEFAULT_OPTIONS);

type Resolved = SearchOptions & { exact: boolean; maxCollisionProbability: number };

/** Options with defaults filled in, validated; `where` names the caller in error messages. */
export function resolveOptions(options: CheckOptions | undefined, where: string): Resolved {
  if (options === undefined) return DEFAULT_OPTIONS;
  if (typeof options !== 'object' || options === null) {
    throw new ModelDefinitionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new ModelDefinitionError(`${where}: unknown option '${key}'; the options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const r = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  const count = (name: 'maxStates' | 'maxDepth', min: number) => {
    const v = r[name];
    if (typeof v !== 'number' || !(v === Infinity || (Number.isInteger(v) && v >= min))) {
      throw new ModelDefinitionError(`${where}: ${name} must be an integer ≥ ${min} or Infinity, got ${describe(v)}`);
    }
  };
  count('maxStates', 1);
  count('maxDepth', 0);
  if (typeof r.timeout !== 'number' || !(r.timeout > 0)) {
    throw new ModelDefinitionError(`${where}: timeout must be a positive number of milliseconds, got ${describe(r.timeout)}`);
  }
  if (typeof r.deadlock !== 'boolean') throw new ModelDefinitionError(`${where}: deadlock must be a boolean, got ${describe(r.deadlock)}`);
  if (typeof r.exact !== 'boolean') throw new ModelDefinitionError(`${where}: exact must be a boolean, got ${describe(r.exact)}`);
  const p = r.maxCollisionProbability;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ModelDefinitionError(`${where}: maxCollisionProbability must be a number from 0 to 1, got ${describe(p)}`);
  }
  return r;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Internal knobs for tests: an injected fingerprint (to prove collisions cannot pass silently). */
export interface CheckInternals {
  fingerprinter?: Fingerprinter;
}

/** Runs one search over `transitions` and `properties` and builds the result. */
export function run<S>(
  model: Model<S>,
  transitions: readonly Transition<S>[],
  properties: readonly Property<S>[],
  options: Resolved,
  internals: CheckInternals = {},
): CheckResult<S> {
  const started = now(); // the timeout counts from here: copying huge initial states is part of the check
  const store: StateStore = options.exact ? new ExactStore() : new FingerprintStore(internals.fingerprinter);
  assertInitialStatesIntact(model as Model<unknown>, 'check');
  assertUnpollutedPrototype('check');
  const pristine = initialCopies(model);
  const outcome = search(model, transitions, properties, options, store, undefined, started);
  const stats = statsOf(outcome, store, model.initStates.length);
  const coverage = coverageOf(transitions, outcome);
  const limitOf: Record<string, number> = {
    maxStates: options.maxStates,
    maxDepth: options.maxDepth,
    timeout: options.timeout,
  };

  if (outcome.kind === 'ok' && stats.collisionProbability > options.maxCollisionProbability) {
    // A pass that a fingerprint collision could have bought is not a pass.
    return makeResult<S>(outcome, [], stats, coverage, options.maxCollisionProbability, {
      kind: 'incomplete',
      budget: 'collisionProbability',
    });
  }
  if (outcome.at < 0) return makeResult<S>(outcome, [], stats, coverage, outcome.budget && limitOf[outcome.budget]);
  const suspects = properties.map((p) => ({ kind: p.environment === undefined ? ('invariant' as const) : ('guarantee' as const), ...p }));
  return resultAt(model, pristine, transitions, suspects, store, outcome, stats, coverage);
}

/**
 * Explores every state reachable from the model's initial states, breadth-first,
 * and reports the first invariant violation, deadlock or error with its shortest trace.
 *
 * @example
 * const result = check(model);
 * result.ok;          // true when every reachable state satisfies every invariant
 * String(result);     // 'OK — 12 states, no violations'
 * check(model, { deadlock: false, maxStates: 10_000 });
 */
export function check<S>(model: Model<S>, options?: CheckOptions): CheckResult<S> {
  if (!isModel(model as unknown)) throw new ModelDefinitionError(`check(model): expected a model from defineModel, got ${describe(model)}`);
  const resolved = resolveOptions(options, 'check');
  // Named liveness properties are checked once the invariants hold (see liveness.ts).
  return withLiveness(model, run(model, model.transitions, model.invariants, resolved), resolved);
}

/**
 * `check` without the model's named liveness properties: invariants and
 * deadlock only. For matchers, each of which asserts exactly what its name says.
 */
export function checkSafety<S>(model: Model<S>, options?: CheckOptions): CheckResult<S> {
  if (!isModel(model as unknown)) throw new ModelDefinitionError(`check(model): expected a model from defineModel, got ${describe(model)}`);
  return run(model, model.transitions, model.invariants, resolveOptions(options, 'check'));
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
  if (!isModel(model as unknown)) throw new ModelDefinitionError(`checkLiveness(model, goal): expected a model from defineModel, got ${describe(model)}`);
  const property = resolveQuery(model, query, 'checkLiveness');
  return runLiveness(model, model.transitions, [property], resolveOptions(options, 'checkLiveness'));
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
  if (!isModel(model as unknown)) throw new ModelDefinitionError(`checkOpen(model, env): expected a model from defineModel, got ${describe(model)}`);
  const envs = composeEnvironments(model, environments);
  const transitions = [...model.transitions, ...envs.flatMap((e) => e.behaviors)];
  const properties = [...model.invariants, ...envs.flatMap((e) => e.guarantees)];
  const result = run(model, transitions, properties, resolveOptions(options, 'checkOpen'));
  const assumptions = envs.flatMap((e) => e.assumptions);
  const unverifiedAssumptions = assumptions.filter((a) => a.status === 'unverified');
  const text = `${result.toString()}; ${unverifiedAssumptions.length} unverified assumption${unverifiedAssumptions.length === 1 ? '' : 's'}`;
  return Object.defineProperty(
    {
      ok: result.ok,
      result,
      assumptions,
      unverifiedAssumptions,
      environments: envs.map((e) => e.name),
    },
    'toString',
    { value: () => text, enumerable: false },
  ) as OpenResult<S>;
}

/** Validates the environments of an open check against each other and the model. */
export function composeEnvironments<S>(model: Model<S>, environments: Environment<S> | readonly Environment<S>[]): readonly Environment<S>[] {
  const envs: readonly unknown[] = Array.isArray(environments) ? environments : [environments];
  if (envs.length === 0) throw new ModelDefinitionError('checkOpen: give at least one environment');
  const labels = new Map(model.transitions.map((t) => [t.label, `model action '${t.label}'`]));
  const names = new Set<string>();
  envs.forEach((env, i) => {
    if (!isEnvironment(env)) {
      throw new ModelDefinitionError(`checkOpen: environment ${i} is not an environment from defineEnvironment, got ${describe(env)}`);
    }
    if (names.has(env.name)) throw new ModelDefinitionError(`checkOpen: two environments are named '${env.name}'`);
    names.add(env.name);
    for (const b of env.behaviors) {
      const clash = labels.get(b.label);
      if (clash !== undefined) {
        throw new ModelDefinitionError(`checkOpen: behavior '${b.label}' of environment '${env.name}' has the same name as ${clash}`);
      }
      labels.set(b.label, `behavior '${b.label}'`);
    }
  });
  return envs as readonly Environment<S>[];
}


