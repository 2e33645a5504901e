/**
 * The matchers' types as the runners' `expect(...)` shows them. Each runner
 * entry merges `KripkeMatchers<R, T>` into its own matcher interface; `T` is
 * the received value, so the matchers are callable on a model only
 * (`expect(42).toSurvive(env)` does not type-check) and the environments and
 * predicates are typed by the model's state.
 */
import type { OpenResult, Trace } from '../checker/types.js';
import type { ConformanceOptions, Implementation, TraceCheckOptions, TraceInput } from '../conformance/types.js';
import type { ItfTrace } from '../itf/index.js';
import type { Environment, Model } from '../model/types.js';
import type { MatcherOptions } from './context.js';

/** The options of a matcher a swarm does not serve (toReach, toBeDeadlockFree): `swarm` is a type error there, as it is a usage error at run time. */
type ExhaustiveOptions = Omit<MatcherOptions, 'swarm'>;
import type { EventuallyGoal, EventuallyOptions } from './to-eventually.js';

/** The `this` a matcher demands when the received value is not a model: the type error names it. */
export interface NotAModel {
  'kripke: expect(received) must be a Model from defineModel()': never;
}

/** The `this` `toMatchAssumptionsSnapshot` demands when the received value has no assumptions. */
export interface NotAnAssumptionSource {
  'kripke: expect(received) must be the result of checkOpen() or an environment': never;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Model<any> matches a model of any state type. */
// `any` stays callable (untyped tests keep working); on anything else but a
// Model the matcher is still a function (runners map over their matchers'
// parameters), but one whose `this` no expect(...) can be: the call does not type-check.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Refused<Why> = (this: Why, ...args: unknown[]) => never;
type OnModel<T, F> = IsAny<T> extends true ? F : T extends Model<any> ? F : Refused<NotAModel>;
type OnAssumptionSource<T, F> = IsAny<T> extends true
  ? F
  : T extends OpenResult<any> | Environment<any> | readonly Environment<any>[]
    ? F
    : Refused<NotAnAssumptionSource>;

/** The state type of a model (`any` when unknown). */
export type StateOf<T> = IsAny<T> extends true ? any : T extends Model<infer S> ? S : never;

/** The labels of a model's actions (`string` when they are not known). */
export type LabelOf<T> = IsAny<T> extends true ? string : T extends Model<any, infer L> ? L : string;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * kripke's matchers on `expect(model)`. `R` is what a matcher returns in the
 * runner (`void`, or a promise under `.resolves`), `T` the received value.
 */
export interface KripkeMatchers<R, T = unknown> {
  /**
   * Every reachable state satisfies every invariant of the model.
   * Fails with the shortest trace to a violation, shown as a step-by-step diff.
   *
   * @example
   * expect(service).toSatisfyInvariants();
   * expect(service).toSatisfyInvariants({ maxStates: 50_000 });
   */
  toSatisfyInvariants: OnModel<T, (options?: MatcherOptions) => R>;
  /**
   * With the environments' behaviors firing at every possible moment, every
   * reachable state satisfies the invariants and the environments' guarantees.
   * The message lists the residual assumptions.
   *
   * @example
   * expect(service).toSurvive(k8s(true));
   * expect(service).not.toSurvive(k8s(false));
   */
  toSurvive: OnModel<T, (environments: Environment<StateOf<T>> | readonly Environment<StateOf<T>>[], options?: MatcherOptions) => R>;
  /**
   * Some reachable state satisfies the predicate; a string names an action
   * that must be able to fire (`'recover'`, or one choice: `'move(0,2)'`; a
   * misspelt name is a type error when the model's action names are known).
   * The failure of `.not` shows the shortest witness.
   *
   * @example
   * expect(service).toReach((s) => s.status === 'degraded');
   * expect(service).toReach('recover');
   */
  toReach: OnModel<T, (target: ((state: StateOf<T>) => boolean) | LabelOf<T>, options?: ExhaustiveOptions) => R>;
  /**
   * Every reachable state that is not terminal has an enabled action.
   *
   * @example
   * expect(philosophers).toBeDeadlockFree();
   */
  toBeDeadlockFree: OnModel<T, (options?: ExhaustiveOptions) => R>;
  /**
   * Every path a fair scheduler allows reaches the goal (◇goal); with `from`,
   * the goal follows every state where `from` holds (from ⤳ goal);
   * `{ infinitelyOften: P }`, P holds again and again (□◇P);
   * `{ eventuallyAlways: P }`, P settles for good (◇□P). A string names a
   * liveness property declared on the model. With `environments`, their
   * behaviors join the paths, never as fair actions, and the message lists
   * their residual assumptions. Fails with a lasso: the shortest path to a
   * cycle that repeats forever without the goal.
   *
   * @example
   * expect(server).toEventually({ infinitelyOften: (s) => s.served > 0 }, { fair: 'all' });
   * expect(service).toEventually((s) => s.status === 'healthy', { fair: ['start'], environments: [k8s] });
   * expect(job).toEventually((s) => s.done, { fair: ['finish'] });
   * expect(lock).toEventually((s) => s.writing, { from: (s) => s.writerWaiting, fair: 'all' });
   * expect(readerPreference).not.toEventually('writer-progress');
   */
  toEventually: OnModel<T, (goal: EventuallyGoal<StateOf<T>>, options?: EventuallyOptions<StateOf<T>, LabelOf<T>>) => R>;
  /**
   * The real code behaves like the model: on every test path (each reachable
   * transition by a shortest prefix, or every path up to `depth`), on a fresh
   * system under test, what the code shows after each step equals the
   * projection of the model's state. Async: await it. Fails with the shortest
   * diverging path and expected vs observed at the diverging step.
   *
   * @example
   * await expect(cache).toBeImplementedBy(lruCache);
   * await expect(cache).not.toBeImplementedBy(peekRefreshes);
   */
  toBeImplementedBy: OnModel<T, (implementation: Implementation<StateOf<T>>, options?: ConformanceOptions<StateOf<T>>) => Promise<R>>;
  /**
   * Some behaviour of the model (with its environments) explains the recorded
   * events: `{ action?, choice?, state? }` each (a partial state matches key by
   * key), as an array, NDJSON text or an ITF trace. Fails at the first event
   * none explains, with the model's candidate successors as a diff.
   *
   * @example
   * expect(counter).toAccept([{ action: 'inc' }, { state: { n: 2 } }]);
   * expect(counter).toAccept('{"action":"inc"}\n{"action":"inc"}\n');
   */
  toAccept: OnModel<T, (events: TraceInput<StateOf<T>>, options?: TraceCheckOptions<StateOf<T>>) => R>;
  /**
   * A saved counterexample (the path of an `.itf.json` file, ITF JSON, or
   * kripke steps) still reproduces: every step replays from its initial state
   * to the same state and the property still breaks at the end. `.not` is the
   * regression test after a fix; its failure shows the reproduced trace.
   *
   * @example
   * expect(service).toReplay('.kripke/service.test.ts/survives-eviction.itf.json', { environments: [k8s] });
   * expect(fixedService).not.toReplay('test/regressions/eviction.itf.json', { environments: [k8s] });
   */
  toReplay: OnModel<T, (saved: string | Trace<StateOf<T>> | ItfTrace, options?: ReplayMatcherOptions<StateOf<T>>) => R>;
}

/** Options of `toReplay`. */
export interface ReplayMatcherOptions<S> {
  /** The environments whose behaviors the trace takes. */
  readonly environments?: Environment<S> | readonly Environment<S>[];
  /** The invariant or guarantee that must still break at the end; default: the file's. */
  readonly property?: string;
}

/**
 * The snapshot matcher the runner entries add: the residual assumptions of an
 * open check (or of environments), through the runner's own snapshot store.
 */
export interface KripkeSnapshotMatchers<R, T = unknown> {
  /**
   * Snapshots the residual proof obligations: the unverified assumptions of
   * `checkOpen(...)`'s result, of one environment or of a list of them. A change
   * that adds, removes or rewords one then shows in review.
   *
   * @example
   * expect(checkOpen(service, k8s(true))).toMatchAssumptionsSnapshot();
   * expect(k8s(true)).toMatchAssumptionsSnapshot('k8s');
   */
  toMatchAssumptionsSnapshot: OnAssumptionSource<T, (hint?: string) => R>;
}
