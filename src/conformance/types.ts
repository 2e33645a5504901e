/**
 * Conformance: the model against the real code. The nouns: an implementation
 * adapter (`defineImplementation`), the options and result of
 * `checkConformance`, and the events and result of `checkTrace`.
 */
import type { Budget, CheckOptions, Step, Trace } from '../checker/types.js';
import type { Environment } from '../model/types.js';

/**
 * One action of the implementation. The choice is `unknown` unless annotated:
 * `set: (cache, [key, value]: [string, number]) => cache.set(key, value)`
 * (a method's parameters are bivariant, so an annotated choice is accepted).
 */
export type ImplementationAction<Sut> = {
  bivariant(sut: Sut, choice: unknown): unknown;
}['bivariant'];

/** What `defineImplementation` takes: how to drive and observe the system under test. */
export interface ImplementationSpec<S, Sut> {
  /** Shown in messages; default `'implementation'`. */
  readonly name?: string;
  /** A fresh system under test, for each path. */
  readonly create: () => Sut | Promise<Sut>;
  /**
   * One function per model action and environment behavior, keyed by the
   * action's name (`set`) or the behavior's label (`k8s:evict-pod`). It gets the
   * model's choice (for an action with `choices`; `undefined` for one in `chooses`).
   */
  readonly actions: Readonly<Record<string, ImplementationAction<Sut>>>;
  /** Actions whose choice the implementation makes itself (its own nondeterminism). */
  readonly chooses?: readonly string[];
  /** What the code exposes, compared with `project(modelState)` by kripke's state equality. */
  readonly observe: (sut: Sut) => unknown;
  /** The abstraction function: what of a model state the code should expose. Default: the state itself. */
  readonly project?: (state: S) => unknown;
  /** Runs after each path, whatever happened on it. */
  readonly dispose?: (sut: Sut) => unknown;
}

/** An adapter from `defineImplementation`: opaque, checked once. */
export interface Implementation<S, Sut = unknown> {
  readonly kind: 'implementation';
  readonly name: string;
  /** The labels it maps, in declaration order. */
  readonly actions: readonly string[];
  /** The spec, as given (frozen). @internal */
  readonly spec: ImplementationSpec<S, unknown>;
  /** The type of the system under test (types only; never set). */
  readonly sut?: Sut;
}

/** Options of `checkConformance` and `toBeImplementedBy`. */
export interface ConformanceOptions<S> extends Omit<CheckOptions, 'deadlock'> {
  /** Environments whose behaviors are steps of the paths too (the adapter maps each `${env}:${behavior}`). */
  readonly environments?: Environment<S> | readonly Environment<S>[];
  /** `'transitions'` (default): every reachable transition once, each by a shortest prefix. `'paths'`: every path up to `depth`. */
  readonly cover?: 'transitions' | 'paths';
  /** For `cover: 'paths'`: the length of the paths. Default 4. */
  readonly depth?: number;
  /** Budget: at most this many paths (systems under test created). Default 10,000. */
  readonly maxPaths?: number;
  /** Milliseconds one call into the implementation (create, an action, observe, dispose) may take. Default 5,000. */
  readonly stepTimeout?: number;
  /** Paths run at once, each on its own system under test. Default 1. */
  readonly concurrency?: number;
  /**
   * Also check the negative direction: in each visited state, each action the
   * model disables is tried and must be refused (throw; or, with a function,
   * return a value it calls a refusal), leaving the observation unchanged.
   */
  readonly refuses?: boolean | ((returned: unknown, action: string) => boolean);
}

/** The budget a conformance check ran out of: the search's, or `maxPaths`. */
export type ConformanceBudget = Budget | 'maxPaths';

/** Where the implementation parted from the model. */
export interface Divergence {
  /** The trace index (0: the initial state, observed right after `create`). */
  readonly step: number;
  /** The step's label with its choice; null at step 0. */
  readonly action: string | null;
  /** `project(modelState)`: what the model says the code should show. */
  readonly expected: unknown;
  /** What `observe` returned (undefined when the action threw). */
  readonly observed: unknown;
  /**
   * What the implementation's action threw (where the model enables it, or when
   * it refused a disabled one). The key is present whenever the action threw,
   * even `throw undefined` or `Promise.reject()`: test with `'thrown' in divergence`.
   */
  readonly thrown?: unknown;
  /**
   * With `refuses`: the action the model disables here, tried on the implementation,
   * which accepted it (`refused` absent) or refused it but then showed something else.
   */
  readonly disabled?: string;
  /** With `disabled`: the implementation refused the action (threw, or returned a refusal), yet its state changed. */
  readonly refused?: true;
  /** For an action in `chooses`: the projections of every enabled choice's successor. */
  readonly candidates?: readonly unknown[];
}

/** Figures of a conformance check. */
export interface ConformanceStats {
  /** Systems under test created. */
  readonly paths: number;
  /** Implementation action calls. */
  readonly steps: number;
  /** Reachable labelled transitions (self-loops and environment behaviors included), and how many a path took. */
  readonly transitions: { readonly covered: number; readonly total: number };
  /** Model states explored. */
  readonly states: number;
  readonly durationMs: number;
}

interface ConformanceBase<S> {
  readonly ok: boolean;
  /** The model's steps up to the diverging one (`divergence.step + 1` entries); [] when ok or incomplete. */
  readonly trace: Trace<S>;
  readonly stats: ConformanceStats;
  /** One line: `conforms — 12 paths, 40 steps, 18/18 transitions`. */
  toString(): string;
}

/** The outcome of `checkConformance`, one type per kind. */
export type ConformanceResult<S> =
  | (ConformanceBase<S> & { readonly ok: true; readonly kind: 'ok' })
  | (ConformanceBase<S> & { readonly ok: false; readonly kind: 'divergence'; readonly divergence: Divergence })
  | (ConformanceBase<S> & {
      readonly ok: false;
      readonly kind: 'error';
      /** What threw: the model, or the adapter (create, observe, project, dispose), or a step that timed out. */
      readonly error: unknown;
      /** Which part threw: `create`, `observe`, `project`, `dispose`, `model`, or `action 'x'` (a timeout). */
      readonly source: string;
    })
  | (ConformanceBase<S> & { readonly ok: false; readonly kind: 'incomplete'; readonly budget: ConformanceBudget; readonly limit: number });

/** Objects match key by key, recursively (extra keys in the state are fine); other values whole. */
export type DeepPartial<T> = T extends readonly unknown[] | ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | Date
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** One recorded step of a real run; an omitted field means "any". */
export interface TraceEvent<S> {
  /** The action's label as traces print it (`set(a,1)`) or name (`set`; `k8s:evict-pod` for a behavior). */
  readonly action?: string;
  /** The choice, compared as data. */
  readonly choice?: unknown;
  /** What the state looked like after the step. */
  readonly state?: DeepPartial<S>;
}

/** What `checkTrace` reads: events, NDJSON text (one event a line), ITF (parsed), `fromITF`'s result, or a kripke trace (step 0 the initial state). */
export type TraceInput<S> = readonly TraceEvent<S>[] | Trace<S> | string | { readonly states: readonly unknown[] } | { readonly trace: readonly Step<S>[]; readonly vars: readonly string[] };

/** Options of `checkTrace` and `toAccept`. */
export interface TraceCheckOptions<S> extends Pick<CheckOptions, 'maxStates' | 'timeout'> {
  readonly environments?: Environment<S> | readonly Environment<S>[];
  /** Largest NDJSON text read, in bytes. Default 64 MiB. */
  readonly maxBytes?: number;
}

interface TraceCheckBase<S> {
  readonly ok: boolean;
  /** A behaviour of the model that explains the events (up to `at` when unexplained). */
  readonly trace: Trace<S>;
  /** Events read. */
  readonly events: number;
  toString(): string;
}

/** The outcome of `checkTrace`, one type per kind. */
export type TraceCheckResult<S> =
  | (TraceCheckBase<S> & { readonly ok: true; readonly kind: 'ok' })
  | (TraceCheckBase<S> & {
      readonly ok: false;
      readonly kind: 'unexplained';
      /** The first event no behaviour explains (0-based; for ITF, an index into `states`). */
      readonly at: number;
      readonly event: TraceEvent<S>;
      /** What the model could do instead: every successor of the states that explain the events before. */
      readonly candidates: readonly Step<S>[];
    })
  | (TraceCheckBase<S> & { readonly ok: false; readonly kind: 'error'; readonly error: unknown; readonly at: number })
  | (TraceCheckBase<S> & { readonly ok: false; readonly kind: 'incomplete'; readonly budget: 'maxStates' | 'timeout'; readonly limit: number; readonly at: number });
