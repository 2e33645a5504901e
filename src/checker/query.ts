/**
 * The checker answers queries. A query says what to look for in a composed
 * system (system.ts): its invariants (all, none, or some by name) and perhaps
 * deadlocks; a state or an action firing to reach, with the shortest witness;
 * liveness properties. Every entry point (check, checkOpen, checkLiveness) and
 * every matcher asks through `ask`, and gets a result of one kind back.
 */
import { assertInitialStatesIntact } from '../model/define-model.js';
import { ModelDefinitionError } from '../model/errors.js';
import { assertUnpollutedPrototype } from '../model/plain-data.js';
import type { LivenessProperty, Model, Property } from '../model/types.js';
import { now } from './clock.js';
import { errorAt, initialCopies, traceTo, type Suspect } from './counterexample.js';
import { runLiveness } from './liveness/check-liveness.js';
import { limitOf, type Resolved } from './options.js';
import { coverageOf, seal, statsOf } from './result.js';
import { search, type SearchOutcome, type SearchTask } from './search.js';
import type { Fingerprinter } from './store/fingerprint.js';
import { ProjectedStore } from './store/projected-store.js';
import { storeFor } from './store/wide-store.js';
import type { StateStore } from './store/state-store.js';
import { identityOf, MergedApart } from './identity.js';
import { DEFINING, parallelTuning, recipeFor, searchInParallel, whyNotParallel } from './parallel/coordinator.js';
import type { TaskSpec } from './parallel/protocol.js';
import type { System } from './system.js';
import { firings, refire } from './trace.js';
import type { ActionCoverage, Budget, CheckResult, CheckStats, ErrorResult, IncompleteResult, Step } from './types.js';

/** Check invariants (and perhaps deadlocks) in every reachable state. */
export interface InvariantsQuery {
  readonly kind: 'invariants';
  /** Which: every invariant and guarantee (default), none, or these by name. */
  readonly invariants?: 'all' | 'none' | readonly string[];
  readonly deadlock: boolean;
}

/** Find the nearest state where `state` holds, or the nearest firing `firing` accepts. */
export interface ReachQuery<S> {
  readonly kind: 'reach';
  readonly state?: (state: S) => unknown;
  /** How the state predicate reads in an error message. */
  readonly name?: string;
  /** A firing of transition `t` (its index in the system) with `choice`. */
  readonly firing?: (t: number, choice: unknown) => boolean;
  /** Hears every choice offered, enabled or not (to tell a label that names nothing). */
  readonly offered?: (t: number, choice: unknown) => void;
}

/** Check liveness properties on the reachable graph. */
export interface LivenessQueryOf<S> {
  readonly kind: 'liveness';
  readonly properties: readonly LivenessProperty<S>[];
}

export type Query<S> = InvariantsQuery | ReachQuery<S> | LivenessQueryOf<S>;

/** A reach query found its target: `trace` is the shortest witness (ending with the firing, for a firing). */
export interface Reached<S> {
  readonly kind: 'reached';
  readonly trace: readonly Step<S>[];
  readonly stats: CheckStats;
  readonly coverage: readonly ActionCoverage[];
  /** Why the search ran as it did (`workers` that ran on one thread). */
  readonly warnings?: readonly string[];
}

/** A reach query's target holds nowhere: every reachable state was explored. */
export interface Unreachable {
  readonly kind: 'unreachable';
  readonly stats: CheckStats;
  readonly coverage: readonly ActionCoverage[];
  /** Why the search ran as it did (`workers` that ran on one thread). */
  readonly warnings?: readonly string[];
}

export type ReachResult<S> = Reached<S> | Unreachable | ErrorResult<S> | IncompleteResult<S>;

/** Internal knobs for tests: an injected fingerprint (to prove collisions cannot pass silently). */
export interface AskInternals {
  readonly fingerprinter?: Fingerprinter;
  /** The caller, for messages (`check`, `toSurvive`…). */
  readonly where?: string;
  /** When the check began, if before this query (`check` asks for invariants, then liveness: one timeout for both). */
  readonly started?: number;
}

/**
 * Asks a query of a system.
 *
 * @example
 * ask(compose(model), { kind: 'invariants', deadlock: false }, resolveOptions(undefined, 'check'));
 * ask(compose(model), { kind: 'reach', state: (s) => s.done }, options); // { kind: 'reached', trace, … }
 */
export function ask<S>(system: System<S>, query: InvariantsQuery | LivenessQueryOf<S>, options: Resolved, internals?: AskInternals): CheckResult<S>;
export function ask<S>(system: System<S>, query: ReachQuery<S>, options: Resolved, internals?: AskInternals): ReachResult<S>;
export function ask<S>(system: System<S>, query: Query<S>, options: Resolved, internals: AskInternals = {}): CheckResult<S> | ReachResult<S> {
  const where = internals.where ?? 'check';
  assertInitialStatesIntact(system.model as Model<unknown>, where);
  assertUnpollutedPrototype(where);
  if (query.kind === 'liveness') {
    refuseIdentity(system, options, where);
    return runLiveness(system, query.properties, options, internals.fingerprinter, internals.started, where);
  }
  if (query.kind === 'reach' && query.firing !== undefined) refuseFiring(system, options, where);
  const properties = query.kind === 'invariants' ? chosen(system, query.invariants ?? 'all', where) : [];
  const task: SearchTask<S> =
    query.kind === 'invariants'
      ? { properties, deadlock: query.deadlock }
      : {
          properties,
          deadlock: false,
          ...(query.state === undefined ? {} : { target: query.state }),
          ...(query.name === undefined ? {} : { targetName: query.name }),
          ...(query.firing === undefined ? {} : { firing: query.firing }),
          ...(query.offered === undefined ? {} : { offered: query.offered }),
        };
  const spec: TaskSpec = {
    properties: properties.map((p) => system.invariants.indexOf(p)),
    deadlock: task.deadlock,
    ...(task.target === undefined ? {} : { target: Function.prototype.toString.call(task.target) }),
    ...(task.targetName === undefined ? {} : { targetName: task.targetName }),
  };
  const run = explore(system, task, options, internals.fingerprinter, internals.started, spec);
  if (query.kind === 'invariants') return warned(safetyResult(system, run, properties, options), run);
  // A target that mutates the state it is given is named, as an invariant would be.
  const suspects: Suspect<S>[] = query.state === undefined ? [] : [{ kind: 'target', name: query.name, test: query.state }];
  return warned(reachResult(system, run, options, suspects), run);
}

/** The run's warning on a result of any kind (a failure's too: the workers that ran on one thread, or were stopped, are worth saying beside it). */
function warned<R extends { readonly warnings?: readonly string[] }>(result: R, run: Run<unknown>): R {
  if (run.warning === undefined || result.warnings !== undefined) return result;
  Object.defineProperty(result, 'warnings', { value: [run.warning], enumerable: true, writable: false, configurable: true });
  return result;
}

/** The invariants and guarantees a query names. */
function chosen<S>(system: System<S>, which: 'all' | 'none' | readonly string[], where: string): readonly Property<S>[] {
  if (which === 'all') return system.invariants;
  if (which === 'none') return [];
  return which.map((name) => {
    const found = system.invariants.find((p) => p.name === name);
    if (found !== undefined) return found;
    throw new ModelDefinitionError(`${where}: model '${system.name}' has no invariant named '${name}'; it has ${system.invariants.map((p) => `'${p.name}'`).join(', ') || 'none'}`);
  });
}

/** One search, with what it leaves behind for building the result. */
interface Run<S> {
  readonly outcome: SearchOutcome;
  readonly store: StateStore;
  readonly pristine: readonly S[];
  readonly stats: CheckStats;
  readonly coverage: ActionCoverage[];
  /** What identifies states when not the whole state ('symmetry', 'view', …). */
  readonly identity?: string;
  /** Why a check that asked for workers ran on one thread. */
  readonly warning?: string;
}

/** What merges states in this check, as a sentence names it: the model's symmetry, the view option, or neither. */
function identityUsed<S>(system: System<S>, options: Resolved): string[] {
  return [system.symmetry !== undefined ? "the model's symmetry" : '', options.view !== undefined ? 'the view option' : ''].filter(Boolean);
}

/**
 * Symmetry and views merge states by the user's word; the liveness analysis
 * needs the graph of concrete states and edges (a cycle in a quotient graph
 * need not be a cycle of the model), so it refuses them rather than answer
 * for a graph it did not build.
 */
function refuseIdentity<S>(system: System<S>, options: Resolved, where: string): void {
  const used = identityUsed(system, options);
  if (used.length === 0) return;
  throw new ModelDefinitionError(
    `${where}: liveness is not checked under ${used.join(' or ')}: they merge states, and a cycle of merged states need not be a cycle the model can run, so a liveness verdict could be wrong either way. Check liveness on the model without them (define it again without symmetry; leave view out), at a size small enough to search whole.`,
  );
}

/**
 * A firing target asks whether an action fires from some reachable state;
 * under symmetry or a view only one state of each class is expanded, so a
 * firing from another (a renamed one: `finish(2)` where `finish(0)` was
 * expanded) is never tried, and the answer could be wrong either way.
 */
function refuseFiring<S>(system: System<S>, options: Resolved, where: string): void {
  const used = identityUsed(system, options);
  if (used.length === 0) return;
  throw new ModelDefinitionError(
    `${where}: an action firing is not a reach target under ${used.join(' or ')}: they expand one state of each class, so a firing from another state of the class (the same action with renamed ids, say) is never tried and the answer could be wrong either way. Reach a state instead (a predicate on the state the action leads to), or check without them.`,
  );
}

function explore<S>(system: System<S>, task: SearchTask<S>, options: Resolved, fingerprinter?: Fingerprinter, started = now(), spec?: TaskSpec): Run<S> {
  if ((options.workers ?? 1) > 1 && spec !== undefined) return exploreInParallel(system, task, spec, options, fingerprinter, started);
  return exploreHere(system, task, options, fingerprinter, started);
}

/**
 * A check that asked for workers: on one thread when it is small (it finishes
 * under `parallelTuning.minStates`), in workers when they can run it, and
 * otherwise on one thread with a warning that says why.
 */
function exploreInParallel<S>(system: System<S>, task: SearchTask<S>, spec: TaskSpec, options: Resolved, fingerprinter: Fingerprinter | undefined, started: number): Run<S> {
  const why = whyNotParallel(system, task, options, fingerprinter !== undefined);
  const recipe = why === undefined ? recipeFor(system, options) : why;
  const workers = options.workers ?? 1;
  if (typeof recipe === 'string') return { ...exploreHere(system, task, options, fingerprinter, started), warning: fallbackWarning(workers, recipe) };
  const small = parallelTuning.minStates;
  if (options.maxStates > small) {
    const first = exploreHere(system, task, { ...options, maxStates: small }, fingerprinter, started);
    if (first.outcome.kind !== 'incomplete' || first.outcome.budget !== 'maxStates') return first;
  } else {
    return exploreHere(system, task, options, fingerprinter, started);
  }
  const pristine = initialCopies(system);
  const parallel = searchInParallel(system, { task, spec }, recipe, options, workers, started, pristine);
  if ('fallback' in parallel) return { ...exploreHere(system, task, options, fingerprinter, started), warning: fallbackWarning(workers, `${parallel.fallback}. ${DEFINING}`) };
  const { outcome, store } = parallel;
  const stats = Object.defineProperty(statsOf(outcome, store, system.initStates.length), 'workers', { value: parallel.workers, enumerable: false });
  return { outcome, store, pristine, stats, coverage: coverageOf(system.transitions, outcome), ...(parallel.warning === undefined ? {} : { warning: parallel.warning }) };
}

/** The warning of a check that asked for workers and ran on one thread (how a worker defines the model is said only where that is why: review21). */
function fallbackWarning(workers: number, why: string): string {
  return `workers: ${workers} was asked, but this check ran on one thread: ${why}`;
}

function exploreHere<S>(system: System<S>, task: SearchTask<S>, options: Resolved, fingerprinter?: Fingerprinter, started = now()): Run<S> {
  // The timeout counts from `started`: copying huge initial states is part of the check.
  const base = storeFor(options, fingerprinter);
  const identity = identityOf(system, options.view, { properties: task.properties, ...(task.target === undefined ? {} : { target: task.target }) });
  const store = identity === undefined ? base : new ProjectedStore(base, identity.key, identity.noun);
  identity?.attach((s) => store.find(s));
  const pristine = initialCopies(system);
  const outcome = search(system, identity === undefined ? task : { ...task, sample: identity.sample, met: identity.met, unchanged: identity.unchanged, expanded: identity.expanded, finished: identity.finished }, options, store, started);
  const stats = Object.defineProperty(statsOf(outcome, store, system.initStates.length), 'workers', { value: 1, enumerable: false });
  return { outcome, store, pristine, stats, coverage: coverageOf(system.transitions, outcome), ...(identity === undefined ? {} : { identity: identity.noun }) };
}

/** A result with no trace that says a budget ran out. */
function incomplete<S>(run: Run<S>, budget: Budget, options: Resolved): IncompleteResult<S> {
  const { stats, coverage, store } = run;
  return seal<S>({ ok: false, kind: 'incomplete', trace: [], stats, coverage, budget, limit: limitOf(budget, options, store), ...(run.warning === undefined ? {} : { warnings: [run.warning] }) }) as IncompleteResult<S>;
}

/** A pass, unless a fingerprint collision could have bought it. */
function passed<S>(run: Run<S>, options: Resolved): CheckResult<S> {
  if (run.stats.collisionProbability > options.maxCollisionProbability) return incomplete(run, 'collisionProbability', options);
  return seal<S>({ ok: true, kind: 'ok', trace: [], stats: run.stats, coverage: run.coverage, ...(run.warning === undefined ? {} : { warnings: [run.warning] }) });
}

/** The error of a search with its trace (and its culprit, for a mutation). */
function errorResult<S>(system: System<S>, run: Run<S>, suspects: readonly Suspect<S>[]): ErrorResult<S> {
  const { outcome, stats, coverage } = run;
  const base = { ok: false as const, kind: 'error' as const, stats, coverage };
  if (outcome.error instanceof MergedApart) return mergedApart(system, run, outcome.error as MergedApart<S>);
  if (outcome.at < 0) return seal<S>({ ...base, trace: [], error: outcome.error, errorSource: outcome.errorSource ?? { kind: 'state' } }) as ErrorResult<S>;
  const rebuilt = traceTo(system, run.pristine, run.store, outcome.at);
  if ('failure' in rebuilt) return seal<S>({ ...base, trace: [], error: rebuilt.failure, errorSource: { kind: 'state' } }) as ErrorResult<S>;
  return seal<S>({ ...base, trace: rebuilt.trace, ...errorAt(outcome, rebuilt.trace, system.transitions, suspects, run.store) }) as ErrorResult<S>;
}

/**
 * Two merged states differ: the class keeps only a signature of its first
 * member, so the member is rebuilt by replay to name it (and to say what
 * differs). The trace leads to the state being expanded when they met.
 */
function mergedApart<S>(system: System<S>, run: Run<S>, apart: MergedApart<S>): ErrorResult<S> {
  const { outcome, stats, coverage } = run;
  const first = traceTo(system, run.pristine, run.store, apart.classId);
  const error = 'failure' in first ? first.failure : apart.explainWith(first.trace[first.trace.length - 1].state);
  const here = outcome.at < 0 ? undefined : traceTo(system, run.pristine, run.store, outcome.at);
  const trace = here === undefined || 'failure' in here ? [] : here.trace;
  return seal<S>({ ok: false, kind: 'error', trace, stats, coverage, error, errorSource: { kind: 'state' } }) as ErrorResult<S>;
}

function safetyResult<S>(system: System<S>, run: Run<S>, properties: readonly Property<S>[], options: Resolved): CheckResult<S> {
  const { outcome, stats, coverage } = run;
  const suspects = properties.map((p) => ({ kind: p.environment === undefined ? ('invariant' as const) : ('guarantee' as const), ...p }));
  if (outcome.kind === 'ok') return passed(run, options);
  if (outcome.kind === 'incomplete') return incomplete(run, outcome.budget ?? 'maxStates', options);
  if (outcome.kind === 'error') return errorResult(system, run, suspects);
  const rebuilt = traceTo(system, run.pristine, run.store, outcome.at);
  if ('failure' in rebuilt) return seal<S>({ ok: false, kind: 'error', trace: [], stats, coverage, error: rebuilt.failure, errorSource: { kind: 'state' } });
  const { trace } = rebuilt;
  const shows = run.identity === undefined || (outcome.kind === 'deadlock' ? deadlockShows(system, trace) : outcome.property!.test(trace[trace.length - 1].state) === false);
  if (!shows) return unconfirmed(run, trace, outcome.kind === 'deadlock' ? 'a deadlock' : `invariant '${outcome.property!.name}' false`);
  if (outcome.kind === 'deadlock') return seal<S>({ ok: false, kind: 'deadlock', trace, stats, coverage });
  const property = outcome.property!;
  const environment = property.environment === undefined ? {} : { environment: property.environment, guaranteeOf: property.environment };
  return seal<S>({ ok: false, kind: 'invariant', invariant: property.name, ...environment, trace, stats, coverage });
}

/** Whether the last state of a trace is deadlocked (no firing, not terminal). */
function deadlockShows<S>(system: System<S>, trace: readonly Step<S>[]): boolean {
  const last = trace[trace.length - 1].state;
  for (const _ of firings(last, system.transitions)) return false;
  return system.terminal === undefined || system.terminal(last) === false;
}

const truthy = (v: unknown): boolean => v === true;

/**
 * Under symmetry or a view, the replayed trace ends in a state the check
 * identified with the one where it found the problem; when the problem does
 * not show there, the identification was wrong, and so is any verdict.
 */
function unconfirmed<S>(run: Run<S>, trace: Step<S>[], problem: string): ErrorResult<S> {
  const noun = run.identity ?? 'identity';
  const error = new ModelDefinitionError(
    `${noun}: the search found ${problem} in a state it identifies with the last state of this trace, but the trace's own last state does not show it: the ${noun} merges states that behave differently. Fix the ${noun} or the model, or leave the ${noun} out.`,
  );
  return seal<S>({ ok: false, kind: 'error', trace, stats: run.stats, coverage: run.coverage, error, errorSource: { kind: 'state' } }) as ErrorResult<S>;
}

function reachResult<S>(system: System<S>, run: Run<S>, options: Resolved, suspects: readonly Suspect<S>[]): ReachResult<S> {
  const { outcome, stats, coverage } = run;
  switch (outcome.kind) {
    case 'ok':
      return stats.collisionProbability > options.maxCollisionProbability ? incomplete(run, 'collisionProbability', options) : { kind: 'unreachable', stats, coverage };
    case 'incomplete':
      return incomplete(run, outcome.budget ?? 'maxStates', options);
    case 'error':
      return errorResult(system, run, suspects);
    default: {
      const rebuilt = traceTo(system, run.pristine, run.store, outcome.at);
      if ('failure' in rebuilt) return seal<S>({ ok: false, kind: 'error', trace: [], stats, coverage, error: rebuilt.failure, errorSource: { kind: 'state' } }) as ErrorResult<S>;
      const trace: Step<S>[] = rebuilt.trace;
      if (run.identity !== undefined && outcome.transition === undefined && !truthy(suspects[0]?.test(trace[trace.length - 1].state))) return unconfirmed(run, trace, 'the target holding');
      // A firing reached: the witness ends with the step that fires it.
      if (outcome.transition !== undefined) trace.push(refire(trace[trace.length - 1].state, system.transitions, outcome.transition, outcome.choice));
      return { kind: 'reached', trace, stats, coverage };
    }
  }
}
