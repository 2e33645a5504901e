import type { Assumption, Fairness } from '../model/types.js';

/**
 * One step of a trace: the action that led here (null for an initial state)
 * and the state reached. A step is data: its action's name, environment and
 * choice are fields of their own, so nothing needs to parse the label.
 */
export interface Step<S> {
  /** The label: `name`, `name(choice)`, or `${environment}:${name}…` for a behavior; null at step 0. */
  readonly action: string | null;
  /** The action's name, without environment or choice (`evict-pod`, `deliver`); absent at step 0. */
  readonly name?: string;
  /** The choice the action took, for an action with `choices`; absent otherwise. */
  readonly choice?: unknown;
  /** The environment whose behavior took this step; absent for the model's own actions. */
  readonly environment?: string;
  readonly state: S;
}

/** A trace: step 0 is an initial state; each later step is one action. */
export type Trace<S> = readonly Step<S>[];

/** How a check ended. */
export type ResultKind = CheckResult<unknown>['kind'];

/**
 * The budget that ran out, for `kind: 'incomplete'`. `'swarm'`: a swarm search
 * (`swarm()`), which samples the state space and so never proves a pass.
 */
export type Budget = 'maxStates' | 'maxDepth' | 'timeout' | 'collisionProbability' | 'swarm';

/** Where a user's function threw or misbehaved, for `kind: 'error'`. */
export interface ErrorSource {
  readonly kind: 'action' | 'guard' | 'choices' | 'invariant' | 'guarantee' | 'terminal' | 'state' | 'goal' | 'from' | 'target';
  /**
   * The action's label (with choice), the invariant's or guarantee's name, the
   * liveness property's name for `goal`/`from` (absent if unnamed); absent for `terminal`.
   */
  readonly name?: string;
  /** The environment of a behavior or guarantee. */
  readonly environment?: string;
}

/** How often one action was enabled (and so fired: the search fires every enabled action). */
export interface ActionCoverage {
  /** The action's label without choice: `name` or `${environment}:${name}`. */
  readonly action: string;
  readonly environment?: string;
  /** Firings over every explored state and choice. 0 means the action never fires. */
  readonly enabled: number;
  /** Firings that reached a state not seen before. */
  readonly newStates: number;
}

/** Figures of the search. */
export interface CheckStats {
  /** Distinct states stored (reached). */
  readonly states: number;
  /** Transitions generated (every enabled action of every explored state). */
  readonly transitions: number;
  /** Most steps from an initial state among the states reached (an initial state has depth 0). */
  readonly depth: number;
  /** Wall-clock milliseconds. Excluded from snapshots by the serializer. */
  readonly durationMs: number;
  /**
   * Threads that searched (`CheckOptions.workers`; 1 when the check ran on one).
   * Not enumerable: results compare equal whatever the number of workers.
   */
  readonly workers?: number;
  /**
   * Estimated probability that two distinct states shared a 64-bit fingerprint
   * and one of them went unexplored (TLC's estimate: states × (generated − states) / 2^64).
   * 0 with `exact: true`.
   */
  readonly collisionProbability: number;
}

/** What every result has, whatever its kind. */
interface ResultBase<S> {
  /** True only when the search completed and found nothing wrong. */
  readonly ok: boolean;
  /** The shortest path to the problem; `trace[0]` is an initial state. Empty when nothing went wrong. */
  readonly trace: Trace<S>;
  readonly stats: CheckStats;
  /** Per action, in declaration order (model actions, then each environment's behaviors). */
  readonly coverage: readonly ActionCoverage[];
  /**
   * With environments (`checkLiveness(model, { …, environments })`): every
   * assumption they declare, environment order, then declaration order, as
   * `checkOpen` lists them. Absent without environments.
   */
  readonly assumptions?: readonly Assumption[];
  /** With environments: the residual proof obligations (the assumptions whose status is 'unverified'). */
  readonly unverifiedAssumptions?: readonly Assumption[];
  /** One honest line: `OK — 7 states, no violations`, `invariant 'x' violated after 2 steps`. */
  toString(): string;
}

/**
 * The fields of every other kind, absent: `result.invariant` reads as
 * `string | undefined` on any result, and as `string` once `kind` is known.
 */
interface NoneOf {
  readonly invariant?: undefined;
  readonly environment?: undefined;
  readonly guaranteeOf?: undefined;
  readonly error?: undefined;
  readonly errorSource?: undefined;
  readonly budget?: undefined;
  readonly limit?: undefined;
  readonly liveness?: undefined;
  readonly loopsTo?: undefined;
  readonly ending?: undefined;
  readonly dueAt?: undefined;
  readonly fairness?: undefined;
  readonly warnings?: undefined;
  readonly form?: undefined;
  readonly environmentMayAct?: undefined;
  readonly overrides?: undefined;
}

/** Every reachable state satisfies what was asked. */
export interface OkResult<S> extends ResultBase<S>, Omit<NoneOf, 'liveness' | 'fairness' | 'warnings'> {
  readonly ok: true;
  readonly kind: 'ok';
  /** For a liveness check of a named property: its name. */
  readonly liveness?: string;
  /** For a liveness check: the fairness assumed. */
  readonly fairness?: FairnessAssumptions;
  /** Why a passing liveness check may prove less than it seems (vacuity); absent when there is nothing to say. */
  readonly warnings?: readonly string[];
}

/** A reachable state breaks an invariant (or an environment's guarantee): `trace` ends in it. */
export interface InvariantResult<S> extends ResultBase<S>, Omit<NoneOf, 'invariant' | 'environment' | 'guaranteeOf' | 'warnings'> {
  readonly ok: false;
  readonly kind: 'invariant';
  /** The broken invariant's or guarantee's name. */
  readonly invariant: string;
  /** For a broken guarantee: the environment that declared it. */
  readonly environment?: string;
  /** @deprecated The same as `environment`; will go in 0.3. */
  readonly guaranteeOf?: string;
  /** Why the search ran as it did, when it is worth saying: `workers` that ran on one thread, or were stopped in the model's code. */
  readonly warnings?: readonly string[];
}

/** A reachable state that is not terminal has no enabled action: `trace` ends in it. */
export interface DeadlockResult<S> extends ResultBase<S>, Omit<NoneOf, 'warnings'> {
  readonly ok: false;
  readonly kind: 'deadlock';
  /** Why the search ran as it did, when it is worth saying: `workers` that ran on one thread, or were stopped in the model's code. */
  readonly warnings?: readonly string[];
}

/** The user's code threw or misbehaved: `trace` leads to the state where it did. */
export interface ErrorResult<S> extends ResultBase<S>, Omit<NoneOf, 'error' | 'errorSource' | 'warnings'> {
  readonly ok: false;
  readonly kind: 'error';
  /** What the user's code threw (or the KripkeError that describes bad output). */
  readonly error: unknown;
  /** Where it happened. */
  readonly errorSource: ErrorSource;
  /** Why the search ran as it did, when it is worth saying: `workers` that ran on one thread, or were stopped in the model's code. */
  readonly warnings?: readonly string[];
}

/** A budget ran out before the search ended: nothing is proven either way. */
export interface IncompleteResult<S> extends ResultBase<S>, Omit<NoneOf, 'budget' | 'limit' | 'liveness' | 'fairness' | 'warnings'> {
  readonly ok: false;
  readonly kind: 'incomplete';
  /** The budget that ran out. */
  readonly budget: Budget;
  /** Its value: states, steps, milliseconds, or the highest collision probability allowed (for 'swarm': its maxStates). */
  readonly limit: number;
  readonly liveness?: string;
  readonly fairness?: FairnessAssumptions;
  /** Why the search ran as it did, when it is worth saying: `workers` that ran on one thread, or were stopped in the model's code. */
  readonly warnings?: readonly string[];
}

/** A path on which the goal is due and never comes: a lasso, or a path that stops. */
export interface LivenessResult<S> extends ResultBase<S>, Omit<NoneOf, 'liveness' | 'loopsTo' | 'ending' | 'dueAt' | 'fairness' | 'form' | 'environmentMayAct' | 'overrides'> {
  readonly ok: false;
  readonly kind: 'liveness';
  /** The named liveness property that failed (absent for an unnamed one). */
  readonly liveness?: string;
  /**
   * With a cycle: the index in `trace` where the cycle starts. The last step
   * leads back to this state (`trace[trace.length - 1].state` equals
   * `trace[loopsTo].state`), and the steps after `loopsTo` repeat forever.
   * Absent when the path stops.
   */
  readonly loopsTo?: number;
  /**
   * How the path goes on forever without the goal: `'cycle'` (the steps after
   * `loopsTo` repeat), `'dead-end'` (it stops where no action is enabled),
   * `'stutter'` (with `stuttering`, it stops where no fair action is enabled).
   */
  readonly ending: 'cycle' | 'dead-end' | 'stutter';
  /**
   * With environments, on a path that stops: no action of the model is
   * enabled there, only an environment's behavior, which is never obliged to
   * act. Absent otherwise.
   */
  readonly environmentMayAct?: boolean;
  /** The step from which the goal is due and never comes (the last state where `from` held; 0 for ◇goal). */
  readonly dueAt: number;
  /** The fairness assumed. */
  readonly fairness: FairnessAssumptions;
  /**
   * For a declared property checked with fields given in place of its own
   * (`checkLiveness(model, { goal: 'name', fair: [] })`): which. The counterexample
   * file records them, so that a replay judges the lasso as this check did.
   */
  readonly overrides?: readonly ('from' | 'fair' | 'strongFair' | 'stuttering')[];
  /**
   * The temporal form, for □◇P (`'infinitelyOften'`: after `dueAt` the predicate
   * never holds again) and ◇□P (`'eventuallyAlways'`: the path ends where the
   * predicate fails, or its cycle passes such a state); absent for ◇goal and from ⤳ goal.
   */
  readonly form?: 'infinitelyOften' | 'eventuallyAlways';
}

/**
 * The outcome of `check`, `checkOpen` and `checkLiveness`: one type per `kind`.
 *
 * @example
 * const r = check(model);
 * if (r.kind === 'invariant') console.log(r.invariant, r.trace.length - 1);
 * String(r); // 'invariant \'no-overdraft\' violated after 3 steps'
 */
export type CheckResult<S> = OkResult<S> | InvariantResult<S> | DeadlockResult<S> | ErrorResult<S> | IncompleteResult<S> | LivenessResult<S>;

/** The fairness a liveness check assumed, as given (action names, or 'all'; [] for none). */
export interface FairnessAssumptions {
  /** Weakly fair actions. */
  readonly fair: Fairness;
  /** Strongly fair actions. */
  readonly strongFair: Fairness;
  /** Paths may stop in a state where no fair action is enabled (TLA+'s semantics). */
  readonly stuttering: boolean;
}

/** The outcome of `checkOpen`: the composed search plus the environments' assumptions. */
export interface OpenResult<S> {
  readonly ok: boolean;
  readonly result: CheckResult<S>;
  /** Every declared assumption: environment order, then declaration order. */
  readonly assumptions: readonly Assumption[];
  /** The residual proof obligations: the assumptions still `unverified`. */
  readonly unverifiedAssumptions: readonly Assumption[];
  /** The names of the environments, in the order given, each once. */
  readonly environments: readonly string[];
  toString(): string;
}

/** Budgets and switches of a check. Every budget that runs out gives `kind: 'incomplete'`. */
export interface CheckOptions {
  /** Report reachable non-terminal states with no enabled action. Default true. */
  deadlock?: boolean;
  /** Stop after storing this many distinct states. Default 1,000,000. */
  maxStates?: number;
  /** Explore no state more than this many steps from an initial state. Default unbounded. */
  maxDepth?: number;
  /** Wall-clock budget in milliseconds. Default 30,000. */
  timeout?: number;
  /**
   * Key the visited set by the full canonical state instead of a 64-bit
   * fingerprint: no collision risk, several times the memory. Default false.
   */
  exact?: boolean;
  /**
   * The highest estimated fingerprint-collision probability a passing check may
   * carry; above it the result is `incomplete` (budget `collisionProbability`)
   * and names the switch that lowers it (`fingerprintBits: 128`, or `exact: true`). Default 1e-5.
   */
  maxCollisionProbability?: number;
  /**
   * Bits of each state's fingerprint: 64 (default), or 128 for very large
   * checks, whose estimated collision probability at 64 bits would exceed
   * `maxCollisionProbability` (from a few hundred million generated states):
   * about 8 more bytes a state, and the time to write each state's canonical
   * text. `exact: true` removes the risk entirely at several times the memory.
   */
  fingerprintBits?: 64 | 128;
  /**
   * Which expanded states are hashed again, after their successors were
   * computed, to catch an action, guard, `choices` or invariant that changed
   * the state it was given (a `MutationError` naming it). `'strict'`
   * (default): every state, for about one more fingerprint per state.
   * `'sampled'` (opt-in, 2–6% faster on large checks): every state among the
   * first 4,096 expanded, then about one in 8 at random; a mutation in a
   * state the sample skips goes unreported, and the search has then explored
   * a state that changed under it, so a check of such a model can pass.
   */
  mutationCheck?: 'strict' | 'sampled';
  /**
   * Identity by a projection of the state (TLC's VIEW): states with equal views
   * are one state, searched once. For auxiliary or history variables (a step
   * counter, a log kept for the trace) that no invariant, guard or action reads
   * to decide anything. An abstraction, and the user's responsibility: every
   * time two different states meet under one view, the check compares them on
   * its invariants, reach target, `terminal` and enabled actions, and fails
   * where they differ (their unexplored successors are not compared). Traces
   * keep the whole states. Liveness checks and firing targets refuse it.
   *
   * @example
   * check(model, { view: (s: State) => ({ ...s, history: undefined }) });
   */
  view?: (state: never) => unknown;
  /**
   * Threads to search with (`worker_threads`): a level-by-level parallel
   * breadth-first search with the same counts, verdict and shortest trace as
   * one thread. Default 1. For large checks (a check under about 20,000 states
   * runs on one thread anyway). Each worker defines the model again by
   * importing the files that defined it (define it at the top level of a
   * module, or through a factory called at the top level of a test file), or
   * from `module` and `export`. What a worker cannot be given (a model defined
   * inside a test, a view, symmetry, environments, `exact`, an action as reach
   * target, liveness) runs on one thread; a passing result then says why in
   * `warnings`. `stats.workers` (not enumerable) tells how many searched.
   *
   * @example
   * check(twoPhase, { workers: 2, maxStates: 5_000_000 });
   * expect(model).toSatisfyInvariants({ workers: 4 });
   * check(model, { workers: 2, module: new URL('./models.ts', import.meta.url), export: 'twoPhase', args: [8] });
   */
  workers?: number;
  /** For `workers`: the module (an absolute path or a URL) a worker imports to define the model; with `export`. */
  module?: string | URL;
  /** For `workers`: the export of `module` that is the model, or a factory called with `args`. Default 'default'. */
  export?: string;
  /** For `workers`: the arguments of the factory `export` names (structured-cloneable). */
  args?: readonly unknown[];
}
