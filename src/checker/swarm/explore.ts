/**
 * One swarm member's search: seeded, incomplete by design, fast. Two modes.
 *
 * - `bitstate`: a depth-first search whose visited set is a bit array
 *   (bitstate.ts): each state's successors in a seeded random order, the
 *   actions in a seeded order, the hash functions seeded per member (as in
 *   Holzmann's swarm verification). It ends when nothing is left to explore
 *   (`exhausted`, which still proves nothing: a hash collision may have
 *   skipped states) or when a budget runs out.
 * - `random`: random walks from the initial states, each step a seeded
 *   random enabled firing, restarting at the walk's length or at a state with
 *   no enabled action, until a budget runs out. The bit array only counts.
 *
 * Each state visited is checked as the breadth-first search checks it (its
 * properties, then its actions, then deadlock). The search stops at the first
 * problem with the path that led there; the result, its blame and its
 * shortest trace are made elsewhere (minimise.ts, path.ts) by the checker's
 * own search, so nothing here decides what a problem means.
 */
import { ContractError, MutationError } from '../../model/errors.js';
import type { Property, Transition } from '../../model/types.js';
import { notBoolean } from '../blame.js';
import { Deadline, now } from '../clock.js';
import type { SearchSpace } from '../search.js';
import { fingerprint64 } from '../store/fingerprint.js';
import type { Firing } from '../trace.js';
import { BitState } from './bitstate.js';
import { Random } from './random.js';

/** How one member searches. */
export interface MemberOptions {
  readonly mode: 'bitstate' | 'random';
  /** The member's own seed (random.ts memberSeed). */
  readonly seed: number;
  /** States to visit (a state visited twice by random walks counts twice). */
  readonly maxStates: number;
  /** Bitstate: depth of the search; random: length of each walk. */
  readonly maxDepth: number;
  readonly timeout: number;
  readonly bits: number;
  readonly hashes: number;
  readonly deadlock: boolean;
}

/** How a member's search ended. */
export type MemberEnd = 'violation' | 'exhausted' | 'maxStates' | 'timeout';

/** What a member found and how far it went. */
export interface MemberOutcome<S> {
  readonly end: MemberEnd;
  /** For a violation: the firings from an initial state (the first has transition -1) to the state where it shows. */
  readonly path: readonly Firing<S>[];
  /** What the user's code threw (or kripke's error about it), when that ended the search. */
  readonly error?: unknown;
  readonly visited: number;
  readonly distinct: number;
  readonly transitions: number;
  readonly deepest: number;
  readonly walks: number;
  /** A depth bound left successors unexplored (bitstate). */
  readonly truncated: boolean;
  readonly omission: number;
  readonly durationMs: number;
  readonly enabled: Float64Array;
  readonly newStates: Float64Array;
}

/** Thrown to unwind the search when a budget runs out. */
class Stop {
  constructor(readonly end: MemberEnd) {}
}

/** A firing with its state's fingerprint, taken while its parent was expanded (as the breadth-first search takes it). */
interface Hashed<S> extends Firing<S> {
  a: number;
  b: number;
}

interface Frame<S> {
  readonly firing: Firing<S>;
  readonly succ: (Hashed<S> | undefined)[];
  next: number;
}

/**
 * Runs one member. Never throws for the user's errors: the path to the state
 * where the user's code threw comes back as a violation (the checker then
 * replays it and names the culprit).
 *
 * @example
 * exploreMember(compose(model), model.invariants, { mode: 'bitstate', seed: 7, maxStates: 1e5, maxDepth: Infinity, timeout: 5000, bits: 2 ** 24, hashes: 3, deadlock: true });
 */
export function exploreMember<S>(space: SearchSpace<S>, properties: readonly Property<S>[], options: MemberOptions, started = now()): MemberOutcome<S> {
  return new Member(space, properties, options, started).run();
}

class Member<S> {
  private readonly transitions: readonly Transition<S>[];
  private readonly order: number[];
  private readonly random: Random;
  private readonly bitstate: BitState;
  private readonly clock: Deadline;
  private readonly fp = new Int32Array(2);
  private readonly enabled: Float64Array;
  private readonly newStates: Float64Array;
  private visited = 0;
  private generated = 0;
  private deepest = 0;
  private walks = 0;
  private truncated = false;
  /** Bitstate: the frames of the states being explored; random: unused. */
  private readonly stack: Frame<S>[] = [];
  /** Bitstate: the state being checked, not yet on the stack. */
  private current: Firing<S> | undefined;
  /** The fingerprint of the state being visited (isNew sets it). */
  private ha = 0;
  private hb = 0;
  /** Random: the walk so far. */
  private walked: Firing<S>[] = [];

  constructor(
    private readonly space: SearchSpace<S>,
    private readonly properties: readonly Property<S>[],
    private readonly options: MemberOptions,
    private readonly started: number,
  ) {
    this.transitions = space.transitions;
    this.random = new Random(options.seed);
    this.order = this.random.shuffle(this.transitions.map((_, i) => i));
    this.bitstate = new BitState(options.bits, options.hashes, this.random.next());
    this.clock = new Deadline(started, started + options.timeout);
    this.enabled = new Float64Array(this.transitions.length);
    this.newStates = new Float64Array(this.transitions.length);
  }

  run(): MemberOutcome<S> {
    let end: MemberEnd;
    let thrown: { error: unknown } | undefined;
    fingerprint64.expanding?.(null);
    try {
      end = this.options.mode === 'bitstate' ? this.depthFirst() : this.walk();
    } catch (error) {
      if (!(error instanceof Stop)) thrown = { error };
      end = error instanceof Stop ? error.end : 'violation';
    } finally {
      this.clock.stop();
    }
    return {
      end,
      path: end === 'violation' ? this.pathHere() : [],
      ...thrown,
      visited: this.visited,
      distinct: this.bitstate.added,
      transitions: this.generated,
      deepest: this.deepest,
      walks: this.walks,
      truncated: this.truncated,
      omission: this.bitstate.omission(),
      durationMs: now() - this.started,
      enabled: this.enabled,
      newStates: this.newStates,
    };
  }

  /** The firings that led to the state where the search stopped. */
  private pathHere(): Firing<S>[] {
    if (this.options.mode === 'random') return this.walked;
    const path = this.stack.map((frame) => frame.firing);
    if (this.current !== undefined) path.push(this.current);
    return path;
  }

  /** Bitstate depth-first search from each initial state, in a seeded order. */
  private depthFirst(): MemberEnd {
    const stack = this.stack;
    for (const i of this.random.shuffle(this.space.initStates.map((_, k) => k))) {
      const init: Firing<S> = { transition: -1, choice: undefined, state: this.space.initStates[i] };
      const root = this.enter(init, stack);
      if (root === 'violation') return root;
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (top.next >= top.succ.length) {
          stack.pop();
          continue;
        }
        const f = top.succ[top.next]!;
        top.succ[top.next++] = undefined; // the stack keeps only what is still to explore
        if (this.enter(f, stack) === 'violation') return 'violation';
      }
    }
    return 'exhausted';
  }

  /** Visits a firing's state unless its bits say it was visited; pushes its frame. */
  private enter(f: Firing<S> | Hashed<S>, stack: Frame<S>[]): 'violation' | 'go' {
    if (this.visited >= this.options.maxStates) throw new Stop('maxStates');
    this.current = undefined;
    if (!this.isNew(f)) return 'go';
    this.current = f;
    const succ = this.expand(f.state, stack.length);
    if (succ === null) return 'violation';
    this.generated += succ.length;
    stack.push({ firing: f, succ: stack.length >= this.options.maxDepth ? this.cut(succ) : this.random.shuffle(succ), next: 0 });
    this.current = undefined;
    return 'go';
  }

  /** Whether the firing's state sets a new bit (counted against its action). An initial state is hashed here. */
  private isNew(f: Firing<S> | Hashed<S>): boolean {
    if ('a' in f) {
      this.ha = f.a;
      this.hb = f.b;
    } else {
      fingerprint64.of(f.state, this.fp);
      this.ha = this.fp[0];
      this.hb = this.fp[1];
    }
    const fresh = this.bitstate.add(this.ha, this.hb);
    if (fresh && f.transition >= 0) this.newStates[f.transition]++;
    return fresh;
  }

  /** At the depth bound: nothing below is explored (and the search says so). */
  private cut(succ: Hashed<S>[]): Hashed<S>[] {
    if (succ.length > 0) this.truncated = true;
    return [];
  }

  /** Random walks from the initial states, until a budget runs out. A walk never takes a self-loop (it leads nowhere new). */
  private walk(): MemberEnd {
    const inits = this.space.initStates;
    const length = this.options.maxDepth === Infinity ? DEFAULT_WALK : this.options.maxDepth;
    for (;;) {
      this.walks++;
      let f: Firing<S> | Hashed<S> | undefined = { transition: -1, choice: undefined, state: inits[this.random.below(inits.length)] };
      this.walked = [];
      for (let depth = 0; f !== undefined; depth++) {
        if (this.visited >= this.options.maxStates) throw new Stop('maxStates');
        this.isNew(f); // counts distinct states; a walk goes on through states seen before
        this.walked.push(f);
        const succ = this.expand(f.state, depth);
        if (succ === null) return 'violation';
        this.generated += succ.length;
        const onward = succ.filter((g) => g.a !== this.ha || g.b !== this.hb);
        f = depth < length && onward.length > 0 ? onward[this.random.below(onward.length)] : undefined;
        if (depth >= length && onward.length > 0) this.truncated = true;
      }
    }
  }

  /**
   * Checks a state and lists its enabled firings; null when it shows a
   * problem (a property false, a deadlock, the user's code throwing: thrown
   * errors end the search as a violation too, through run()).
   */
  private expand(s: S, depth: number): Hashed<S>[] | null {
    this.visited++;
    if (depth > this.deepest) this.deepest = depth;
    if (this.violates(s)) return null;
    const succ = this.firings(s);
    if (succ.length === 0 && this.options.deadlock && this.deadlocked(s)) return null;
    // Successors hashed while their parent is remembered (shared values hash once), then the parent afresh: the mutation check.
    fingerprint64.expanding?.(s);
    try {
      for (const g of succ) {
        fingerprint64.of(g.state, this.fp);
        g.a = this.fp[0];
        g.b = this.fp[1];
      }
    } finally {
      fingerprint64.expanding?.(null);
    }
    fingerprint64.of(s, this.fp, true);
    if (this.fp[0] !== this.ha || this.fp[1] !== this.hb) throw new MutationError('a state changed while it was being checked');
    return succ;
  }

  /** Whether some property is false in `s`. */
  private violates(s: S): boolean {
    for (const p of this.properties) {
      this.tick();
      const holds = p.test(s);
      if (holds !== true) {
        if (holds === false) return true;
        throw notBoolean(holds);
      }
    }
    return false;
  }

  /** Every enabled firing of `s`, actions in the member's order. */
  private firings(s: S): Hashed<S>[] {
    const out: Hashed<S>[] = [];
    for (const t of this.order) {
      const tr = this.transitions[t];
      if (tr.choices === undefined) {
        this.fire(s, t, tr, undefined, out);
        continue;
      }
      this.tick();
      for (const c of tr.choices(s)) this.fire(s, t, tr, c, out);
    }
    return out;
  }

  private fire(s: S, t: number, tr: Transition<S>, c: unknown, out: Hashed<S>[]): void {
    this.tick();
    if (tr.enabled !== undefined) {
      const g = tr.enabled(s, c);
      if (g !== true) {
        if (g === false) return;
        throw notBoolean(g);
      }
    }
    this.enabled[t]++;
    const next = tr.apply(s, c);
    if (next === undefined) throw new ContractError('returned undefined; an action must return the next state');
    out.push({ transition: t, choice: c, state: next, a: 0, b: 0 });
  }

  private deadlocked(s: S): boolean {
    const terminal = this.space.terminal;
    if (terminal === undefined) return true;
    this.tick();
    const end = terminal(s);
    if (typeof end !== 'boolean') throw notBoolean(end);
    return !end;
  }

  private tick(): void {
    if (this.clock.passed()) throw new Stop('timeout');
  }
}

/** Steps of a random walk when maxDepth is unbounded. */
const DEFAULT_WALK = 1000;
