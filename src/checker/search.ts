/**
 * Breadth-first search over every reachable state. Level by level, so the
 * first problem met is at the least depth: every counterexample is a shortest
 * one. Each state is checked when it is expanded (its properties, then the
 * reach target, then its actions, then deadlock, then that nothing mutated
 * it), which keeps the order of discovery and the order of checking the same
 * for every kind of problem.
 *
 * The loop is plain code over arrays and the store's typed arrays; all the
 * friendly work (labels, messages, traces) happens once, after it stops.
 */
import { ContractError, MutationError, StateShapeError } from '../model/errors.js';
import { describeNonPlainData } from '../model/plain-data.js';
import type { Property, Transition } from '../model/types.js';
import { asyncAction, explain, isThenable, notBoolean, Phase, sourceOf } from './blame.js';
import { Deadline, now } from './clock.js';
import { MutationAudit, type MutationCheck } from './mutation-audit.js';
import type { StateStore } from './store/state-store.js';
import type { Budget, ErrorSource } from './types.js';

/** Options with every default filled in. */
export interface SearchOptions {
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly timeout: number;
  /** Which expanded states the mutation check hashes again (mutation-audit.ts). Default `'strict'`. */
  readonly mutationCheck?: MutationCheck;
}

/** The part of a system the search walks. */
export interface SearchSpace<S> {
  readonly initStates: readonly S[];
  readonly transitions: readonly Transition<S>[];
  readonly terminal?: (state: S) => boolean;
}

/** What the search looks for. Every part is optional but the space itself. */
export interface SearchTask<S> {
  /** Checked on every state as it is expanded, in order: the first that fails ends the search. */
  readonly properties: readonly Property<S>[];
  /** A reachable state that is not terminal and has no enabled action ends the search. */
  readonly deadlock: boolean;
  /** Reachability of a state: the first expanded state where it holds ends the search. */
  readonly target?: (state: S) => unknown;
  /** How the target reads in an error (`(s) => s.done`). */
  readonly targetName?: string;
  /** Reachability of a firing: the first firing it accepts ends the search once its state is expanded. */
  readonly firing?: (transition: number, choice: unknown) => boolean;
  /** Hears every choice offered, enabled or not. */
  readonly offered?: (transition: number, choice: unknown) => void;
  /** Sees every state and edge (liveness builds its graph with it). */
  readonly observer?: SearchObserver;
  /** Called on each state expanded, after its properties, with its id: samples a symmetry or view (identity.ts); throws where it is wrong. */
  readonly sample?: (state: S, id: number) => void;
  /** Called when every successor of state `id` has been met; `cut` when the depth bound kept one out of the store. */
  readonly expanded?: (id: number, cut: boolean) => void;
  /** Called once every reachable state was expanded, nothing left out (no depth bound hit): the identity guard's last look. */
  readonly finished?: (passed: () => boolean) => void;
  /** Called on every state met (initial or successor) with its class id and whether it is new: compares merged states (identity.ts). */
  readonly met?: (state: S, id: number, added: boolean) => void;
  /** Whether a state about to be reported is still the one stored under `id` (identity.ts: its whole state as met); default: the store's own check. */
  readonly unchanged?: (state: S, id: number) => boolean;
  /** Asked after each level with the next level's size: true ends the search there, as `split`, with that level as `frontier` (parallel/ hands it out). */
  readonly split?: (depth: number, size: number) => boolean;
}

/**
 * What a liveness check needs of the search beyond safety: each expanded
 * state's flags and every edge (liveness/graph.ts records them).
 */
export interface SearchObserver {
  /** An initial state was stored under `id`. */
  initial(id: number): void;
  /** State `id` is expanded next (after its properties). May throw user errors. */
  expand(state: unknown, id: number): void;
  /** An edge from the state being expanded to state `target`, by transition `t` with `choice`. */
  edge(target: number, t: number, choice: unknown): void;
  /** Every reachable state was expanded. */
  complete(): void;
  /** Where the user code called by `expand` threw. */
  errorSource(): ErrorSource;
}

/** How the loop ended. */
export type SearchEnd = 'ok' | 'invariant' | 'deadlock' | 'error' | 'incomplete' | 'reached' | 'split';

/** What the loop found, before traces and messages are built. */
export interface SearchOutcome {
  readonly kind: SearchEnd;
  /** Id of the state where it shows (violating, deadlocked, throwing, reached); -1 if none. */
  readonly at: number;
  readonly property?: Property<unknown>;
  readonly error?: unknown;
  readonly errorSource?: ErrorSource;
  /** For an error raised by a transition, or a firing reached: the transition and its choice. */
  readonly transition?: number;
  readonly choice?: unknown;
  readonly budget?: Budget;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly durationMs: number;
  readonly enabled: Float64Array;
  readonly newStates: Float64Array;
  /** For `split`: the level the search stopped before, its states and their ids, in order. */
  readonly frontier?: { readonly states: readonly unknown[]; readonly ids: readonly number[] };
}

/** Choices remembered per action as already found plain (by position in its iteration). */
const CHECKED_CHOICES = 16;

/**
 * Runs the search. Never throws for user errors: they come back as `kind: 'error'`.
 *
 * @example
 * const outcome = search(compose(model), { properties: parts.invariants, deadlock: true }, options, new FingerprintStore());
 * outcome.kind; // 'ok'
 */
export function search<S>(space: SearchSpace<S>, task: SearchTask<S>, options: SearchOptions, store: StateStore, started: number = now()): SearchOutcome {
  return new BreadthFirst(space, task, options, store, started).run();
}

// A step's verdict inside the loop: go on, or stop (the outcome is in `end`).
const GO = 0;
export const STOP = 1;

/**
 * The loop and the expansion of one state. parallel/ extends it: the same
 * `expand`, with successors admitted to a shared table instead of the store.
 */
export class BreadthFirst<S> {
  protected readonly transitions: readonly Transition<S>[];
  protected readonly properties: readonly Property<S>[];
  private readonly observer: SearchObserver | undefined;
  private readonly maxStates: number;
  private readonly clock: Deadline;
  protected readonly enabled: Float64Array;
  protected readonly newStates: Float64Array;
  // Choices must be plain data (they label traces, and liveness tells them apart by value):
  // each is checked once per position in its action's iteration while it stays the same object.
  private readonly checkedChoices: unknown[][];
  private readonly audit: MutationAudit;

  private next: S[] = [];
  private nextIds: number[] = [];
  protected generated = 0;
  protected depth = 0;
  private deepest = 0;
  protected truncated = false;
  /** A successor of the state being expanded lay beyond the depth bound. */
  private cut = false;
  protected end: SearchOutcome | undefined;
  private reached: { transition: number; choice: unknown } | undefined;

  // Where the loop is, for the source of an error.
  protected phase: Phase = Phase.Store;
  private at = -1;
  protected t = -1;
  private p = -1;
  private choice: unknown;
  private produced: unknown; // the successor being stored, to tell an async action by its Promise

  constructor(
    private readonly space: SearchSpace<S>,
    private readonly task: SearchTask<S>,
    protected readonly options: SearchOptions,
    protected readonly store: StateStore,
    private readonly started: number,
  ) {
    this.transitions = space.transitions;
    this.properties = task.properties;
    this.observer = task.observer;
    this.maxStates = Math.min(options.maxStates, store.capacity);
    // Asked before every call into the user's code (clock.ts): a timeout holds at the first call after it.
    this.clock = new Deadline(started, started + options.timeout);
    this.enabled = new Float64Array(this.transitions.length);
    this.newStates = new Float64Array(this.transitions.length);
    this.checkedChoices = this.transitions.map(() => new Array<unknown>(CHECKED_CHOICES).fill(undefined));
    this.audit = new MutationAudit(options.mutationCheck);
  }

  run(): SearchOutcome {
    try {
      let frontier: S[] = [];
      let ids: number[] = [];
      if (this.seed(frontier, ids) === STOP) return this.end!;
      while (frontier.length > 0) {
        for (let i = 0; i < frontier.length; i++) {
          if (this.expand(frontier[i], ids[i]) === STOP) return this.end!;
        }
        frontier = this.next;
        ids = this.nextIds;
        this.next = [];
        this.nextIds = [];
        this.depth++;
        if (frontier.length > 0 && this.task.split?.(this.depth, frontier.length) === true) return this.finish('split', { frontier: { states: frontier, ids } });
      }
      this.observer?.complete();
      if (this.task.finished !== undefined && !this.truncated) {
        this.at = -1;
        this.phase = Phase.Identity;
        this.task.finished(() => this.clock.passed());
      }
    } catch (error) {
      return this.failed(error);
    }
    this.at = -1;
    return this.finish(this.truncated ? 'incomplete' : 'ok', this.truncated ? { budget: 'maxDepth' } : {});
  }

  /** Stores the initial states as the first level. */
  private seed(frontier: S[], ids: number[]): number {
    for (const init of this.space.initStates) {
      if (this.clock.passed()) return this.timedOut();
      if (this.store.size >= this.maxStates && this.store.find(init) < 0) return this.stop('incomplete', { budget: 'maxStates' });
      const id = this.store.add(init, -1);
      this.meet(init, id < 0 ? -id - 1 : id, id >= 0);
      if (id >= 0) {
        frontier.push(init);
        ids.push(id);
        this.observer?.initial(id);
      }
    }
    return GO;
  }

  /** Checks one state and fires every enabled transition from it. */
  protected expand(s: S, id: number): number {
    this.at = id;
    this.t = -1;
    if (this.checkProperties(s) === STOP) return STOP;
    if (this.task.target !== undefined && this.hits(s)) return this.unchanged(s, id) && this.stop('reached');
    if (this.task.sample !== undefined) {
      this.phase = Phase.Identity;
      this.task.sample(s, id);
    }
    if (this.observer !== undefined) {
      if (this.clock.passed()) return this.timedOut();
      this.phase = Phase.Observe;
      this.observer.expand(s, id);
    }
    this.store.expanding(s);
    this.cut = false;
    let enabledHere = 0;
    for (let t = 0; t < this.transitions.length; t++) {
      this.t = t;
      const fired = this.fireAll(s, id, this.transitions[t]);
      if (fired < 0) return STOP;
      enabledHere += fired;
    }
    this.t = -1;
    if (this.task.expanded !== undefined) {
      this.phase = Phase.Identity;
      this.task.expanded(id, this.cut);
    }
    if (enabledHere === 0 && this.task.deadlock && this.deadlocked(s)) return this.unchanged(s, id) && this.stop('deadlock');
    this.phase = Phase.Mutation;
    if (this.audit.due() && !this.store.verify(s, id)) throw new MutationError('a state changed while it was being checked');
    if (this.reached !== undefined) return this.stop('reached', this.reached);
    return GO;
  }

  /**
   * Before a state is reported (broken, deadlocked, the target): it is the
   * state stored, or the code that ran on it changed it (a property that
   * mutates: review21's badinput found a false deadlock and a false violation).
   * Throws the MutationError the blame names; true otherwise.
   */
  private unchanged(s: S, id: number): true {
    this.phase = Phase.Mutation;
    // Under a view or symmetry the store keeps classes, and the guard the whole state as it was met.
    if (!(this.task.unchanged?.(s, id) ?? this.store.verify(s, id))) throw new MutationError('a state changed while it was being checked');
    return true;
  }

  /** The state's properties, in order; a false one ends the search. */
  private checkProperties(s: S): number {
    const properties = this.properties;
    this.phase = Phase.Invariant;
    for (let p = 0; p < properties.length; p++) {
      this.p = p;
      if (this.clock.passed()) return this.timedOut();
      const holds = properties[p].test(s);
      if (holds !== true) {
        if (holds === false) return this.unchanged(s, this.at) && this.stop('invariant', { property: properties[p] as Property<unknown> });
        throw notBoolean(holds);
      }
    }
    this.p = -1;
    return GO;
  }

  /** Whether the reach target holds in `s`. */
  private hits(s: S): boolean {
    if (this.clock.passed()) return false;
    this.phase = Phase.Target;
    const hit = this.task.target!(s);
    if (typeof hit !== 'boolean') throw notBoolean(hit);
    return hit;
  }

  /** Fires transition `tr` from `s`, once or once per choice: how many firings, or -1 to stop. */
  private fireAll(s: S, id: number, tr: Transition<S>): number {
    if (tr.choices === undefined) {
      this.choice = undefined;
      return this.fire(s, id, tr, undefined);
    }
    this.phase = Phase.Choices;
    if (this.clock.passed()) return this.timedOut() && -1;
    let fired = 0;
    let k = 0;
    for (const c of tr.choices(s)) {
      this.choice = c;
      if (typeof c === 'object' ? c !== null : typeof c === 'function' || typeof c === 'symbol') this.checkChoice(c, k);
      k++;
      this.task.offered?.(this.t, c);
      const f = this.fire(s, id, tr, c);
      if (f < 0) return -1;
      fired += f;
      this.phase = Phase.Choices;
    }
    return fired;
  }

  /** One firing: the clock, the guard, the action, the successor stored. 1 if it fired, 0 if not, -1 to stop. */
  private fire(s: S, id: number, tr: Transition<S>, c: unknown): number {
    if (this.clock.passed()) return this.timedOut() && -1;
    if (tr.enabled !== undefined) {
      this.phase = Phase.Guard;
      const g = tr.enabled(s, c);
      if (g !== true) {
        if (g === false) return 0;
        throw notBoolean(g);
      }
    }
    this.enabled[this.t]++;
    this.phase = Phase.Apply;
    const succ = tr.apply(s, c);
    this.phase = Phase.Store;
    if (!this.admit(succ, id)) return this.stop('incomplete', { budget: 'maxStates' }) && -1;
    if (this.task.firing !== undefined && this.reached === undefined && this.task.firing(this.t, c)) this.reached = { transition: this.t, choice: c };
    return 1;
  }

  /** A choice that is not plain data is the choices' error (once per object and position). */
  private checkChoice(c: unknown, k: number): void {
    const seen = this.checkedChoices[this.t];
    if (k < CHECKED_CHOICES && seen[k] === c) return;
    const bad = describeNonPlainData(c, 'choice');
    if (bad !== null) throw new ContractError(`yielded a value that is not plain data: ${bad.message}; choices must be plain data, as states are`);
    if (k < CHECKED_CHOICES) seen[k] = c;
  }

  /** Stores a successor; false when the state budget is spent. */
  private admit(succ: S, parentId: number): boolean {
    this.generated++;
    this.produced = succ;
    if (succ === undefined) throw new ContractError('returned undefined; an action must return the next state');
    return this.place(succ, parentId);
  }

  /** Stores a successor that is a value (parallel/ claims it in a shared table instead); false when the state budget is spent. */
  protected place(succ: S, parentId: number): boolean {
    const store = this.store;
    let id: number;
    let added = false;
    if (this.depth >= this.options.maxDepth) {
      // Beyond the depth budget: store nothing new, but note that unexplored states exist.
      id = store.find(succ);
      if (id < 0) {
        this.truncated = true;
        this.cut = true;
        return true;
      }
    } else if (store.size >= this.maxStates && store.find(succ) < 0) {
      return false; // at the state budget, add-then-check would grow the store past it
    } else {
      id = store.add(succ, parentId);
      if (id >= 0) {
        added = true;
        this.newStates[this.t]++;
        this.next.push(succ);
        this.nextIds.push(id);
        this.deepest = this.depth + 1;
      } else {
        id = -id - 1;
      }
    }
    this.meet(succ, id, added);
    this.observer?.edge(id, this.t, this.choice);
    return true;
  }

  /** Hands a state met to the identity guard, with its class id and whether it created the class. */
  private meet(s: S, id: number, added: boolean): void {
    if (this.task.met === undefined) return;
    this.phase = Phase.Identity;
    this.task.met(s, id, added);
    this.phase = Phase.Store;
  }

  /** A state with no enabled action: a deadlock unless terminal. */
  private deadlocked(s: S): boolean {
    const terminal = this.space.terminal;
    if (terminal === undefined) return true;
    if (this.clock.passed()) return false;
    this.phase = Phase.Terminal;
    const end = terminal(s);
    if (typeof end !== 'boolean') throw notBoolean(end);
    return !end;
  }

  private timedOut(): number {
    this.at = -1;
    return this.stop('incomplete', { budget: 'timeout' });
  }

  private stop(kind: SearchEnd, extra: Partial<SearchOutcome> = {}): number {
    if (kind === 'incomplete') this.at = -1;
    this.end = this.finish(kind, extra);
    return STOP;
  }

  protected failed(error: unknown): SearchOutcome {
    const { phase, t, p, choice } = this;
    const errorSource =
      phase === Phase.Observe && this.observer !== undefined ? this.observer.errorSource() : sourceOf(phase, this.transitions[t], choice, this.properties[p], this.task.targetName);
    const async = phase === Phase.Store && error instanceof StateShapeError && isThenable(this.produced);
    return this.finish('error', {
      error: async ? asyncAction(errorSource) : explain(error, errorSource),
      errorSource,
      ...(t >= 0 ? { transition: t, choice } : {}),
    });
  }

  private finish(kind: SearchEnd, extra: Partial<SearchOutcome>): SearchOutcome {
    this.clock.stop();
    this.store.expanding(null); // traces are rebuilt with every value hashed afresh
    return {
      kind,
      at: this.at,
      states: this.store.size,
      transitions: this.generated,
      depth: this.deepest,
      durationMs: now() - this.started,
      enabled: this.enabled,
      newStates: this.newStates,
      ...extra,
    };
  }
}
