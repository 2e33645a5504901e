/**
 * What a matcher needs from its runner, and nothing more: `isNot`, `promise`
 * and the colour and hint helpers of `this.utils`. Jest's and Vitest's matcher
 * contexts both fit, so the matchers never import a runner.
 */
import { describe, isFieldRecord } from '../model/action.js';
import { isEnvironment } from '../model/define-environment.js';
import { isModel } from '../model/define-model.js';
import { brandErrorClass, KripkeError } from '../model/errors.js';
import { budgetFactor, checkDeadActions, configuredCheckOptions, envCheckOptions, type DeadActionsPolicy } from '../checker/configure.js';
import { resolveOptions } from '../checker/options.js';
import { ask, type InvariantsQuery, type LivenessQueryOf, type Query, type ReachQuery, type ReachResult } from '../checker/query.js';
import { compose, type System } from '../checker/system.js';
import type { SwarmOptions } from '../checker/swarm/types.js';
import type { CheckOptions, CheckResult } from '../checker/types.js';
import { rejectingFromCaller } from './caller-stack.js';
import type { Environment, Model } from '../model/types.js';
import { type ColourUtils, type Palette, paletteOf } from '../render/palette.js';
import type { TestIdentity } from './artifacts.js';
import { matcherDefaults, runner, timeoutContext, type TimeoutContext } from './runner.js';
import type { BaseDefaults } from '../checker/options.js';

/**
 * Where the runner shows a failure: `'message'` (Jest) or `'diff'` (Vitest,
 * which also prints a diff of a result's `actual` and `expected`). Both now
 * get the whole trace in the message and no actual/expected, so they print the
 * same; `createMatchers` still takes the mode so that wiring written for it compiles.
 */
export type RenderMode = 'message' | 'diff';

/** Options of `matcherHint`, as both runners take them. */
export interface MatcherHintOptions {
  isNot?: boolean;
  promise?: string;
  secondArgument?: string;
  comment?: string;
}

/** The helpers of `this.utils` the matchers use; every one is optional, with a plain fallback. */
export interface MatcherUtils extends ColourUtils {
  matcherHint?: (matcherName: string, received?: string, expected?: string, options?: MatcherHintOptions) => string;
  printReceived?: (value: unknown) => string;
}

/** The matcher context (`this`) of Jest and Vitest, reduced to what kripke reads. */
export interface MatcherContext {
  readonly isNot?: boolean;
  readonly promise?: string;
  readonly utils?: MatcherUtils;
  /** The test file (both runners set it). */
  readonly testPath?: string;
  /** The test's full name (both runners set it). */
  readonly currentTestName?: string;
}

/** What a matcher returns. Vitest would show `actual`/`expected` as a diff (kripke's matchers set neither); Jest ignores them. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** Options of the matchers: the checker's budgets (each matcher decides on deadlocks itself), and what a pass that never fired an action does. */
export type MatcherOptions = Omit<CheckOptions, 'deadlock'> & {
  /** A pass whose search never fired some action or behavior: `'warn'` (default), `'fail'` or `'ignore'`. */
  readonly deadActions?: DeadActionsPolicy;
  /**
   * toSatisfyInvariants and toSurvive: search as one member of a swarm instead
   * of exhaustively (`true` for the defaults). Not exhaustive: a pass is labelled so.
   */
  readonly swarm?: SwarmOptions | boolean;
};

/** One matcher call: its name, labels and the runner's helpers, resolved once. */
export interface Call {
  readonly name: string;
  readonly isNot: boolean;
  readonly palette: Palette;
  /** `expect(service).toSurvive(k8s)`, coloured by the runner. */
  readonly hint: string;
  readonly printReceived: (value: unknown) => string;
  /** The test the call runs in: where its counterexample file goes. */
  readonly test: TestIdentity;
}

/**
 * Resolves the context of one call.
 *
 * @example
 * const call = callOf(this, 'toSurvive', received, 'k8s', options !== undefined);
 * call.hint; // 'expect(service).toSurvive(k8s, options)'
 */
export function callOf(ctx: MatcherContext, name: string, received: unknown, expected: string, hasOptions: boolean): Call {
  const isNot = ctx?.isNot === true;
  const utils = ctx?.utils;
  const receivedLabel = isModel(received) ? nameLabel('model', received.name) : 'received';
  const hintOptions: MatcherHintOptions = { isNot, promise: ctx?.promise ?? '' };
  let expectedLabel = expected;
  if (hasOptions) {
    if (expected === '') expectedLabel = 'options';
    else hintOptions.secondArgument = 'options';
  }
  const hint =
    typeof utils?.matcherHint === 'function'
      ? utils.matcherHint(name, receivedLabel, expectedLabel, hintOptions)
      : `expect(${receivedLabel})${isNot ? '.not' : ''}.${name}(${[expectedLabel, hintOptions.secondArgument].filter(Boolean).join(', ')})`;
  return {
    name,
    isNot,
    palette: paletteOf(utils),
    hint,
    printReceived: typeof utils?.printReceived === 'function' ? utils.printReceived : (v: unknown) => describe(v),
    test: testOf(ctx),
  };
}

/** The test a matcher runs in, as the context and the runner name it. */
function testOf(ctx: MatcherContext): TestIdentity {
  let root: string;
  try {
    root = runner().root();
  } catch {
    root = process.cwd();
  }
  let uncertain: string | undefined;
  try {
    uncertain = runner().uncertainTest?.(ctx);
  } catch {
    uncertain = undefined;
  }
  return {
    root,
    ...(typeof ctx?.testPath === 'string' ? { testPath: ctx.testPath } : {}),
    ...(uncertain !== undefined ? { uncertain } : typeof ctx?.currentTestName === 'string' ? { testName: ctx.currentTestName } : {}),
  };
}

/** A wrong argument: thrown, so that the test fails whether or not `.not` was used. */
export class MatcherUsageError extends KripkeError {
  override name = 'MatcherUsageError';
}
brandErrorClass(MatcherUsageError);

/**
 * The error for a wrong argument, in the runners' own layout:
 * hint, `Matcher error: …`, then what was received.
 */
export function usageError(call: Call, problem: string, received?: { label: string; value: unknown }): MatcherUsageError {
  const lines = [call.hint, '', `${call.palette.bold('Matcher error')}: ${problem}`];
  if (received !== undefined) {
    const { label, value } = received;
    // kripke's own values print as what they are, not as their internals.
    if (isModel(value)) lines.push('', `${label} is a model: ${call.printReceived(value.name)}`);
    else if (isEnvironment(value)) lines.push('', `${label} is an environment: ${call.printReceived(value.name)}`);
    else {
      const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
      lines.push('', `${label} has type:  ${type}`, `${label} has value: ${call.printReceived(value)}`);
    }
  }
  return new MatcherUsageError(lines.join('\n'));
}

/**
 * The matcher, with the stack of a usage error it throws starting at its
 * caller: the runner then points at the user's `expect(…)` line, not into
 * kripke's own files.
 *
 * @example
 * expect.extend({ toSatisfyInvariants: fromCaller(toSatisfyInvariants) });
 */
export function fromCaller<A extends unknown[], R extends MatcherResult | Promise<MatcherResult>>(
  matcher: (this: MatcherContext, received: unknown, ...args: A) => R,
): (this: MatcherContext, received: unknown, ...args: A) => R {
  return function userFacing(this: MatcherContext, received: unknown, ...args: A): R {
    let out: R;
    try {
      out = matcher.call(this, received, ...args);
    } catch (error) {
      if (error instanceof MatcherUsageError && typeof Error.captureStackTrace === 'function') Error.captureStackTrace(error, userFacing);
      throw error;
    }
    return rejectingFromCaller(out, userFacing, (error): error is MatcherUsageError => error instanceof MatcherUsageError);
  };
}

/** The received value as a model, or a clear usage error. */
export function requireModel<S = unknown>(call: Call, received: unknown): Model<S> {
  if (isModel(received)) return received as Model<S>;
  throw usageError(call, `${call.palette.received('received')} value must be a model from defineModel()`, { label: 'Received', value: received });
}

/** One environment or a non-empty list of them, or a clear usage error naming the bad one. */
export function requireEnvironments<S>(call: Call, value: unknown): readonly Environment<S>[] {
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw usageError(call, `${call.palette.expected('environments')} must not be empty: give at least one environment from defineEnvironment()`);
  list.forEach((env, i) => {
    if (!isEnvironment(env)) {
      const which = Array.isArray(value) ? `environments[${i}]` : 'environment';
      throw usageError(call, `${call.palette.expected(which)} must be an environment from defineEnvironment()`, { label: which.charAt(0).toUpperCase() + which.slice(1), value: env });
    }
  });
  return list as readonly Environment<S>[];
}

/** The options object, checked for the one option the matchers decide themselves. */
export function requireOptions(call: Call, options: unknown): MatcherOptions {
  if (options === undefined) return {};
  if (!isFieldRecord(options)) {
    throw usageError(call, `${call.palette.expected('options')} must be an object of check options (maxStates, maxDepth, timeout, …)`, { label: 'Options', value: options });
  }
  if ('deadlock' in options) {
    const own = call.name === 'toBeDeadlockFree' ? 'deadlocks only' : call.name === 'toReach' ? 'reachability only' : call.name === 'toSurvive' ? 'invariants and guarantees only' : 'invariants only';
    throw usageError(
      call,
      `${call.name} does not take the deadlock option: it checks ${own}. Use toBeDeadlockFree() for deadlocks and toSatisfyInvariants() for invariants.`,
    );
  }
  const swarm = (options as MatcherOptions).swarm;
  if (swarm !== undefined && swarm !== false && call.name !== 'toSatisfyInvariants' && call.name !== 'toSurvive') {
    throw usageError(call, `${call.name} does not take the swarm option: a swarm search serves toSatisfyInvariants and toSurvive.`);
  }
  if (swarm !== undefined && swarm !== false && swarm !== true && (typeof swarm !== 'object' || swarm === null || Array.isArray(swarm))) {
    throw usageError(call, `swarm must be true, false or the swarm options ({ seed, shard, mode, maxStates, … }); false (or leaving it out) is the exhaustive check`, { label: 'swarm', value: swarm });
  }
  if ('deadActions' in options) {
    try {
      checkDeadActions((options as MatcherOptions).deadActions, call.name);
    } catch (error) {
      throw usageError(call, (error as Error).message);
    }
  }
  return options as MatcherOptions;
}

/** The options the checker takes: the matcher's own (`deadActions`) removed. */
function checkOptionsOf(options: MatcherOptions): CheckOptions {
  const { deadActions: _ignored, swarm: _exhaustive, ...rest } = options;
  return rest;
}

/**
 * The model (and environments) a matcher checks, composed; a definition error
 * (clashing names) becomes a usage error.
 */
export function systemOf<S>(call: Call, model: Model<S>, environments: readonly Environment<S>[] = []): System<S> {
  return runCheck(call, () => compose(model, environments, call.name));
}

/**
 * Asks the checker a query for a matcher, with the matcher's options (the
 * check's budgets); a definition error becomes a usage error.
 */
export function askFor<S>(call: Call, system: System<S>, query: InvariantsQuery | LivenessQueryOf<S>, options: MatcherOptions): CheckResult<S>;
export function askFor<S>(call: Call, system: System<S>, query: ReachQuery<S>, options: MatcherOptions): ReachResult<S>;
export function askFor<S>(call: Call, system: System<S>, query: Query<S>, options: MatcherOptions): CheckResult<S> | ReachResult<S> {
  return runCheck(call, () => {
    timeoutSources.set(call, timeoutSource(options));
    const resolved = resolveOptions(checkOptionsOf(options), call.name, matcherDefaults());
    return query.kind === 'reach' ? ask(system, query, resolved, { where: call.name }) : ask(system, query, resolved, { where: call.name });
  });
}

/** What set each call's timeout, when not the matcher's default (for the message when it runs out). */
const timeoutSources = new WeakMap<Call, string | undefined>();

/**
 * What set a matcher's timeout, in the order that wins (the matcher's
 * option, KRIPKE_TIMEOUT, configure), with the budget factor; undefined for
 * the matcher's default.
 *
 * @example
 * timeoutSource({ timeout: 8000 }); // "the matcher's { timeout }"
 */
function timeoutSource(options: MatcherOptions): string | undefined {
  const set = options.timeout !== undefined ? "the matcher's { timeout }" : envCheckOptions().timeout !== undefined ? 'KRIPKE_TIMEOUT' : configuredCheckOptions().timeout !== undefined ? 'configure({ timeout })' : undefined;
  const factor = budgetFactor();
  // A factor above 1 never raises the matcher's default past its cap (80% of the test's timeout): it had no effect.
  if (set === undefined && factor >= 1 && matcherDefaults().timeoutCap !== undefined) return undefined;
  return factor === 1 ? set : `${set ?? "the matcher's default"} times KRIPKE_BUDGET_FACTOR (${factor})`;
}

/**
 * The defaults of a call that checks by itself (toAccept, toBeImplementedBy),
 * noting for its message what set its timeout and what its default came from
 * as it started (review21: an awaiting matcher named a later matcher's neighbour).
 */
export function defaultsFor(call: Call, options: unknown): BaseDefaults {
  timeoutSources.set(call, timeoutSource(typeof options === 'object' && options !== null ? (options as MatcherOptions) : {}));
  const defaults = matcherDefaults();
  timeoutContexts.set(call, timeoutContext());
  return defaults;
}

const timeoutContexts = new WeakMap<Call, TimeoutContext>();

/** What a call's default timeout came from as it started, if it noted it. */
export function timeoutContextOf(call: Call): TimeoutContext | undefined {
  return timeoutContexts.get(call);
}

/** What set the timeout of a call that ran a check, when not the matcher's default. */
export function timeoutSourceOf(call: Call): string | undefined {
  return timeoutSources.get(call);
}

/** Runs a check; a definition error (bad option, clashing names) becomes a usage error. */
export function runCheck<R>(call: Call, search: () => R): R {
  try {
    return search();
  } catch (error) {
    if (error instanceof KripkeError) throw usageError(call, error.message);
    throw error;
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A model's or environment's name as the hint shows it: bare when it reads as
 * a variable (`service`), else named and quoted, so that `lock-service` never
 * reads as a subtraction.
 *
 * @example
 * nameLabel('model', 'service');      // 'service'
 * nameLabel('model', 'lock-service'); // 'model "lock-service"'
 */
export function nameLabel(kind: 'model' | 'environment', name: string): string {
  return IDENTIFIER.test(name) ? name : `${kind} ${JSON.stringify(name)}`;
}

/** The environments' names as the hint shows them: `k8s` or `[k8s, network]`. */
export function environmentsLabel(value: unknown): string {
  const name = (e: unknown) => (isEnvironment(e) ? nameLabel('environment', e.name) : 'environment');
  return Array.isArray(value) ? `[${value.map(name).join(', ')}]` : name(value);
}
