import type { Assumption, Fairness } from '../model/types.js';

/** One step of a trace: the action that led here (null for an initial state) and the state reached. */
export interface Step<S> {
  /** `name`, `name(choice)`, or `${environment}:${name}` for an environment behavior; null at step 0. */
  readonly action: string | null;
  /** The environment whose behavior took this step; absent for the model's own actions. */
  readonly environment?: string;
  readonly state: S;
}

/** A trace: step 0 is an initial state; each later step is one action. */
export type Trace<S> = readonly Step<S>[];

/** How a check ended. */
export type ResultKind = 'ok' | 'invariant' | 'deadlock' | 'error' | 'incomplete' | 'liveness';

/** The budget that ran out, for `kind: 'incomplete'`. */
export type Budget = 'maxStates' | 'maxDepth' | 'timeout' | 'collisionProbability';

/** Where a user's function threw or misbehaved, for `kind: 'error'`. */
export interface ErrorSource {
  readonly kind: 'action' | 'guard' | 'choices' | 'invariant' | 'guarantee' | 'terminal' | 'state' | 'goal' | 'from';
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
   * Estimated probability that two distinct states shared a 64-bit fingerprint
   * and one of them went unexplored (TLC's estimate: states × (generated − states) / 2^64).
   * 0 with `exact: true`.
   */
  readonly collisionProbability: number;
}

/** The outcome of `check`, `checkOpen` and the matchers built on them. */
export interface CheckResult<S> {
  /** True only when the search completed and found nothing wrong. */
  readonly ok: boolean;
  readonly kind: ResultKind;
  /** The broken invariant or guarantee, for `kind: 'invariant'`. */
  readonly invariant?: string;
  /** For a broken guarantee: the environment that declared it. */
  readonly guaranteeOf?: string;
  /** The shortest path to the problem; `trace[0]` is an initial state. Empty when nothing went wrong. */
  readonly trace: Trace<S>;
  /** For `kind: 'error'`: what the user's code threw (or the KripkeError that describes bad output). */
  readonly error?: unknown;
  /** For `kind: 'error'`: where it happened. */
  readonly errorSource?: ErrorSource;
  /** For `kind: 'incomplete'`: the budget that ran out. */
  readonly budget?: Budget;
  /** For `kind: 'liveness'`: the named liveness property that failed (absent for an unnamed one). */
  readonly liveness?: string;
  /**
   * For `kind: 'liveness'` with a cycle: the index in `trace` where the cycle
   * starts. The last step leads back to this state (`trace[trace.length - 1].state`
   * equals `trace[loopsTo].state`), and the steps after `loopsTo` repeat forever.
   * Absent when the path stops at a state with no enabled action.
   */
  readonly loopsTo?: number;
  /**
   * For `kind: 'liveness'`: how the counterexample path goes on forever without
   * the goal: `'cycle'` (the steps after `loopsTo` repeat), `'dead-end'` (it stops
   * where no action is enabled), `'stutter'` (with `stuttering`, it stops where
   * no fair action is enabled).
   */
  readonly ending?: 'cycle' | 'dead-end' | 'stutter';
  /**
   * For `kind: 'liveness'`: the step from which the goal is due and never
   * comes (the last state where `from` held; 0 for ◇goal).
   */
  readonly dueAt?: number;
  /** For a liveness check: the fairness assumed. */
  readonly fairness?: FairnessAssumptions;
  /** Why a passing liveness check may prove less than it seems (vacuity); absent when there is nothing to say. */
  readonly warnings?: readonly string[];
  readonly stats: CheckStats;
  /** Per action, in declaration order (model actions, then each environment's behaviors). */
  readonly coverage: readonly ActionCoverage[];
  /** One honest line: `OK — 7 states, no violations`, `invariant 'x' violated after 2 steps`. */
  toString(): string;
}

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
  /** The names of the environments, in the order given. */
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
   * and asks for `exact: true`. Default 1e-5.
   */
  maxCollisionProbability?: number;
}
