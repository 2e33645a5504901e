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
import { ExactStore, FingerprintStore, type StateStore } from './store/state-store.js';
import type { System } from './system.js';
import { refire } from './trace.js';
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
}

/** A reach query's target holds nowhere: every reachable state was explored. */
export interface Unreachable {
  readonly kind: 'unreachable';
  readonly stats: CheckStats;
  readonly coverage: readonly ActionCoverage[];
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
  if (query.kind === 'liveness') return runLiveness(system, query.properties, options, internals.fingerprinter, internals.started, where);
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
  const run = explore(system, task, options, internals.fingerprinter, internals.started);
  if (query.kind === 'invariants') return safetyResult(system, run, properties, options);
  // A target that mutates the state it is given is named, as an invariant would be.
  const suspects: Suspect<S>[] = query.state === undefined ? [] : [{ kind: 'target', name: query.name, test: query.state }];
  return reachResult(system, run, options, suspects);
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
}

function explore<S>(system: System<S>, task: SearchTask<S>, options: Resolved, fingerprinter?: Fingerprinter, started = now()): Run<S> {
  // The timeout counts from `started`: copying huge initial states is part of the check.
  const store: StateStore = options.exact ? new ExactStore() : new FingerprintStore(fingerprinter);
  const pristine = initialCopies(system);
  const outcome = search(system, task, options, store, started);
  return { outcome, store, pristine, stats: statsOf(outcome, store, system.initStates.length), coverage: coverageOf(system.transitions, outcome) };
}

/** A result with no trace that says a budget ran out. */
function incomplete<S>(run: Run<S>, budget: Budget, options: Resolved): IncompleteResult<S> {
  const { stats, coverage, store } = run;
  return seal<S>({ ok: false, kind: 'incomplete', trace: [], stats, coverage, budget, limit: limitOf(budget, options, store) }) as IncompleteResult<S>;
}

/** A pass, unless a fingerprint collision could have bought it. */
function passed<S>(run: Run<S>, options: Resolved): CheckResult<S> {
  if (run.stats.collisionProbability > options.maxCollisionProbability) return incomplete(run, 'collisionProbability', options);
  return seal<S>({ ok: true, kind: 'ok', trace: [], stats: run.stats, coverage: run.coverage });
}

/** The error of a search with its trace (and its culprit, for a mutation). */
function errorResult<S>(system: System<S>, run: Run<S>, suspects: readonly Suspect<S>[]): ErrorResult<S> {
  const { outcome, stats, coverage } = run;
  const base = { ok: false as const, kind: 'error' as const, stats, coverage };
  if (outcome.at < 0) return seal<S>({ ...base, trace: [], error: outcome.error, errorSource: outcome.errorSource ?? { kind: 'state' } }) as ErrorResult<S>;
  const rebuilt = traceTo(system, run.pristine, run.store, outcome.at);
  if ('failure' in rebuilt) return seal<S>({ ...base, trace: [], error: rebuilt.failure, errorSource: { kind: 'state' } }) as ErrorResult<S>;
  return seal<S>({ ...base, trace: rebuilt.trace, ...errorAt(outcome, rebuilt.trace, system.transitions, suspects, run.store) }) as ErrorResult<S>;
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
  if (outcome.kind === 'deadlock') return seal<S>({ ok: false, kind: 'deadlock', trace, stats, coverage });
  const property = outcome.property!;
  const environment = property.environment === undefined ? {} : { environment: property.environment, guaranteeOf: property.environment };
  return seal<S>({ ok: false, kind: 'invariant', invariant: property.name, ...environment, trace, stats, coverage });
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
      // A firing reached: the witness ends with the step that fires it.
      if (outcome.transition !== undefined) trace.push(refire(trace[trace.length - 1].state, system.transitions, outcome.transition, outcome.choice));
      return { kind: 'reached', trace, stats, coverage };
    }
  }
}
