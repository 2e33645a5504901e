/**
 * The nouns of a model: states, actions, invariants, environments, assumptions.
 * Everything here is plain types; the constructors live beside them
 * (`define-model.ts`, `action.ts`, `define-environment.ts`).
 */

/**
 * A state is plain data: objects (key order does not matter), arrays, strings,
 * numbers, booleans, null, bigint, `Map` and `Set` (unordered) and `Date`.
 * Functions, symbols, cycles and class instances are rejected with the path
 * inside the state that holds them.
 */
export type State = unknown;

/** A named predicate over states that must hold in every reachable state. */
export type Invariant<S> = (state: S) => boolean;

/** An action with one successor: `apply` runs wherever `enabled` holds (always, if omitted). */
export interface SimpleActionSpec<S> {
  /** Guard: the action can fire in this state. Must return a boolean. */
  enabled?: (state: S) => boolean;
  /** The successor state. Return a new value; never mutate `state`. */
  apply: (state: S) => S;
  choices?: undefined;
}

/**
 * A parameterised action: one successor per choice `p` that `choices(state)`
 * yields (and `enabled(state, p)` allows). In traces it reads `name(p)`, e.g.
 * `deliver(m1)` or `move(0,2)` for the choice `[0, 2]`.
 */
export interface ChoiceActionSpec<S, P> {
  /** Every parameter the action may take in this state. */
  choices: (state: S) => Iterable<P>;
  // enabled and apply are declared as methods: their parameters are then checked
  // bivariantly, which lets a ChoiceActionSpec<S, number> sit in a record of
  // ActionSpec<S> (where the choice is unknown).
  /** Guard per choice; all choices are enabled if omitted. Must return a boolean. */
  enabled?(state: S, choice: P): boolean;
  /** The successor for one choice. Return a new value; never mutate `state`. */
  apply(state: S, choice: P): S;
}

/**
 * What a key of `actions` (or of an environment's `behaviors`) may hold: a
 * SimpleActionSpec or a ChoiceActionSpec with any choice type.
 *
 * One interface with an optional `choices` rather than a union of the two:
 * TypeScript gives no contextual type to `(s) => …` inside a union whose
 * members' signatures differ, so `enabled: (s) => s.up` would be an implicit
 * any. Here `s` is always typed; annotate the choice (`(s, m: string) => …`)
 * where nothing infers it (environments; `defineModel` infers it, see `InferredActionSpec`).
 */
export interface ActionSpec<S, P = unknown> {
  choices?: (state: S) => Iterable<P>;
  enabled?(state: S, choice: P): boolean;
  apply(state: S, choice: P): S;
}

/** A named action, as `action(name, enabled, apply)` builds it (musil style). */
export interface Action<S> {
  readonly name: string;
  readonly enabled: (state: S) => boolean;
  readonly apply: (state: S) => S;
}

/** Actions as a record (`{ start: { enabled, apply } }`) or as a list of `action(...)`. */
export type Actions<S> = Readonly<Record<string, ActionSpec<S>>> | readonly Action<S>[];

/**
 * The choice type that an action's `choices` result yields: `number` for
 * `number[]`. `unknown` when the result is unknown (no `choices`, or one
 * TypeScript could not type first), so that an annotated choice still fits.
 */
export type ChoiceOf<C> = unknown extends C ? unknown : C extends Iterable<infer P> ? P : never;

/**
 * One action of the record `defineModel` infers: `C` is what `choices`
 * returns, and the choice parameter of `enabled` and `apply` is its element
 * type, with no annotation. TypeScript types `choices` first when it takes no
 * parameter or an annotated one (`() => [0, 1]`, `(s: State) => s.queue`).
 */
export interface InferredActionSpec<S, C> {
  /** Every parameter the action may take in this state; omit it for an action with one successor. */
  choices?: (state: S) => C & Iterable<unknown>;
  /** Guard (per choice, for a choice action); always enabled if omitted. Must return a boolean. */
  enabled?(state: S, choice: ChoiceOf<C>): boolean;
  /** The successor state (for one choice). Return a new value; never mutate `state`. */
  apply(state: S, choice: ChoiceOf<C>): S;
}

/**
 * The `actions` record of a model whose choice types are inferred: for each
 * action name `K`, `C[K]` is what its `choices` returns.
 */
export type ActionRecord<S, C> = { readonly [K in keyof C]: InferredActionSpec<S, C[K]> };

/**
 * The labels a model's actions may appear under, for `toReach` and fairness
 * lists: each action's name, and `name(…)` for one of its choices. Plain
 * `string` when the names are not known (a list of `action(...)`, or a model
 * typed `Model<S>`).
 *
 * @example
 * type L = ActionLabel<{ start: unknown; take: number[] }>;
 * // 'start' | `start(${string})` | 'take' | `take(${string})`
 */
export type ActionLabel<C> = C extends readonly unknown[]
  ? string
  : string extends keyof C
    ? string
    : { [K in keyof C & string]: K | `${K}(${string})` }[keyof C & string];

/**
 * What `defineModel` takes. Exactly one of `init` and `initStates`. `C` maps
 * each action name to what its `choices` returns (inferred by `defineModel`).
 */
export interface ModelSpec<S, C = Record<string, unknown>> {
  /** A name for messages and reports. */
  name?: string;
  /** The initial state. */
  init?: S;
  /** Several initial states; each is a trace's step 0. */
  initStates?: readonly S[];
  /** What the system may do: a record of actions by name, or a list of `action(...)`. */
  actions: ActionRecord<S, C> | readonly Action<S>[];
  /** Named predicates that must hold in every reachable state. */
  invariants?: Readonly<Record<string, Invariant<S>>>;
  /** States that may have no enabled action without being a deadlock. */
  terminal?: (state: S) => boolean;
  /**
   * Named liveness properties ("something good eventually happens"), checked
   * by `check` after the invariants and by `checkLiveness(model, name)`.
   */
  // Fairness names here are checked when the model is defined, not by type: a
  // spec spread from a `ModelSpec<S>` (string names) must still fit.
  liveness?: Readonly<Record<string, LivenessSpec<S>>>;
}

/** A predicate over states: a goal to reach, or the condition that makes it due. */
export type StatePredicate<S> = (state: S) => boolean;

/**
 * Which actions a liveness check assumes the scheduler treats fairly: a list
 * of action names (`'finish'`, or one choice: `'take(0)'`), or `'all'` (every
 * action of the model; an environment's behaviors are never fair). Each choice
 * of a parameterised action named alone is its own fair action. A nested list
 * is a group treated as one (TLA+'s `WF_vars(Send ∨ Retry)`): fair when some
 * member is taken; `[['take']]` makes a parameterised action fair as a whole
 * rather than each choice.
 */
export type Fairness<L extends string = string> = readonly (L | readonly [L, ...L[]])[] | 'all';

/** The fairness and stuttering fields every liveness property may carry. */
export interface FairnessSpec<L extends string = string> {
  /** Weak fairness: an action enabled without interruption from some point on is eventually taken. */
  fair?: Fairness<L>;
  /** Strong fairness: an action enabled again and again (with interruptions) is eventually taken. */
  strongFair?: Fairness<L>;
  /**
   * TLA+'s semantics: a path may stop in any state forever (stutter), unless a
   * fair action is enabled there; without fairness, nothing then forces any
   * progress. Default false: a path goes on while some action is enabled (which
   * assumes, as TLA+'s WF_vars(Next) would, that the system never just stops).
   */
  stuttering?: boolean;
}

/**
 * "Something good eventually happens": `goal` on every path (◇goal), or, with
 * `from`, after every state where `from` holds (□(from ⇒ ◇goal)).
 */
export interface EventuallySpec<S, L extends string = string> extends FairnessSpec<L> {
  /** The good thing that must eventually happen. */
  goal: StatePredicate<S>;
  /** When given, the goal is due after every state where `from` holds, not only at the start. */
  from?: StatePredicate<S>;
  infinitelyOften?: undefined;
  eventuallyAlways?: undefined;
}

/** "Again and again": the predicate holds infinitely often on every path (□◇P), e.g. a server that keeps serving. */
export interface InfinitelyOftenSpec<S, L extends string = string> extends FairnessSpec<L> {
  infinitelyOften: StatePredicate<S>;
  goal?: undefined;
  from?: undefined;
  eventuallyAlways?: undefined;
}

/** "Settles": from some point on the predicate holds forever (◇□P), e.g. a self-stabilising protocol converging. */
export interface EventuallyAlwaysSpec<S, L extends string = string> extends FairnessSpec<L> {
  eventuallyAlways: StatePredicate<S>;
  goal?: undefined;
  from?: undefined;
  infinitelyOften?: undefined;
}

/**
 * A liveness property: ◇goal, from ⤳ goal, □◇P (`infinitelyOften`) or ◇□P
 * (`eventuallyAlways`), with the fairness it assumes.
 */
export type LivenessSpec<S, L extends string = string> = EventuallySpec<S, L> | InfinitelyOftenSpec<S, L> | EventuallyAlwaysSpec<S, L>;

/** A named liveness property as a model holds it after `defineModel`. */
export interface LivenessProperty<S> {
  readonly name: string;
  /** The predicate: the goal of ◇goal and from ⤳ goal, P of □◇P and ◇□P. */
  readonly goal: StatePredicate<S>;
  readonly from?: StatePredicate<S>;
  /** Absent for ◇goal and from ⤳ goal. */
  readonly form?: 'infinitelyOften' | 'eventuallyAlways';
  readonly fair?: Fairness;
  readonly strongFair?: Fairness;
  readonly stuttering?: boolean;
}

/** One transition rule after normalisation: the unit the search works with. */
export interface Transition<S> {
  /** The action's name (without a choice or environment prefix). */
  readonly name: string;
  /** The label in traces: `name`, or `${environment}:${name}` for a behavior. */
  readonly label: string;
  /** The environment a behavior belongs to; absent for the model's own actions. */
  readonly environment?: string;
  readonly enabled?: (state: S, choice?: unknown) => unknown;
  readonly apply: (state: S, choice?: unknown) => S;
  readonly choices?: (state: S) => Iterable<unknown>;
}

/** A named predicate with its origin: a model invariant or an environment guarantee. */
export interface Property<S> {
  readonly name: string;
  readonly test: (state: S) => unknown;
  /** The environment a guarantee belongs to; absent for a model invariant. */
  readonly environment?: string;
}

// A type-only key: Model carries its action labels for the matchers' types, never at run time.
declare const actionLabels: unique symbol;
declare const stateType: unique symbol;

/**
 * A model, as `defineModel` returns it. Immutable; reusable across checks.
 * `L` is the labels of its actions when TypeScript knows them (see
 * `ActionLabel`), so that `toReach('strat')` or `fair: ['finsh']` is a type error.
 */
export interface Model<S, L extends string = string> {
  readonly kind: 'kripke/model';
  readonly name: string;
  /** Never present: it only carries `S` for the type checker (a model is opaque). */
  readonly [stateType]?: (state: S) => S;
  /** Never present: it only carries `L` for the type checker. */
  readonly [actionLabels]?: L;
}

/** How far an assumption has been discharged outside the model. */
export type AssumptionStatus = 'unverified' | 'verified';

/** An assumption as an environment declares it. */
export interface AssumptionSpec {
  /** What is assumed, in one sentence. */
  description: string;
  /** `'unverified'` (the default) makes it a residual proof obligation. */
  status?: AssumptionStatus;
  /** Where the assumption comes from (a document, an SLA, a ticket). */
  source?: string;
}

/** An assumption as results report it: named, with its environment. */
export interface Assumption {
  readonly name: string;
  readonly description: string;
  readonly status: AssumptionStatus;
  readonly source?: string;
  /** The environment that declared it. */
  readonly environment: string;
}

/** What `defineEnvironment` takes. */
export interface EnvironmentSpec<S> {
  /** Behaviors appear in traces as `${name}:${key}`. */
  name: string;
  /** What the environment may do, at any moment, interleaved with the model's actions. */
  behaviors: Actions<S>;
  /** Predicates the composed system must keep; checked like invariants. */
  guarantees?: Readonly<Record<string, Invariant<S>>>;
  /** What no check can discharge: reported as residual proof obligations. */
  assumptions?: Readonly<Record<string, AssumptionSpec>>;
}

/** An environment, as `defineEnvironment` returns it. */
export interface Environment<S> {
  readonly kind: 'kripke/environment';
  readonly name: string;
  readonly behaviors: readonly Transition<S>[];
  readonly guarantees: readonly Property<S>[];
  readonly assumptions: readonly Assumption[];
}
