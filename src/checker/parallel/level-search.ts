/**
 * One worker's part of a parallel breadth-first search, level by level. The
 * worker expands the states it holds with the one-worker search's own
 * `expand` (search.ts), in the order of their index within the level; each
 * successor is fingerprinted and claimed in the shared table (shared-table.ts)
 * with its parent's index as key. After a barrier, the claims a worker still
 * holds are exactly the states the one-worker search adds from its parents,
 * and in its order: ids, parents and so traces are the same. It keeps the
 * states it won and expands them next level (states never move).
 *
 * Problems are found while expanding, and the earliest (by parent, then by
 * successor) is the one the one-worker search meets; a worker that sees an
 * earlier one elsewhere stops. The figures at a stop count what the one-worker
 * search would have done before it: whole parents before it, and the problem
 * parent's own firings up to it, from a per-level log of each firing's action.
 */
import { Phase } from '../blame.js';
import { BreadthFirst, STOP, type SearchOptions, type SearchOutcome, type SearchSpace, type SearchTask } from '../search.js';
import { fingerprint64 } from '../store/fingerprint.js';
import { RECORD } from '../store/record-store.js';
import { FINGERPRINT_STORE_CAPACITY, type StateStore } from '../store/state-store.js';
import { C, kindCode, NONE, slot, W as F, type SharedKind } from './protocol.js';
import { notSelfContained } from './target.js';
import { BEATEN, claim, claimedSlot, contains, keyAt, VISITED } from './shared-table.js';

/** After the problem's firings: deadlock, mutation, terminal. */
export const AFTER_FIRINGS = 0x3fffffff;

/** The shared memory of one search, as a worker sees it. */
export interface SharedViews {
  readonly ctrl: Int32Array;
  readonly counts: Float64Array;
  readonly tableBuffer: SharedArrayBuffer;
  readonly recordsBuffer: SharedArrayBuffer;
  readonly levelBuffer: SharedArrayBuffer;
  readonly index: number;
  readonly workers: number;
}

/** A store for `expand` in a worker: the mutation check compares with the held state's fingerprint. */
class HeldStore implements StateStore {
  size = 0;
  readonly bits = 64;
  readonly capacity = FINGERPRINT_STORE_CAPACITY;
  a = 0;
  b = 0;
  private readonly fp = new Int32Array(2);
  add(): number {
    throw new Error('HeldStore.add');
  }
  find(): number {
    throw new Error('HeldStore.find');
  }
  matches(state: unknown, _id: number, fresh = false): boolean {
    fingerprint64.of(state, this.fp, fresh);
    return this.fp[0] === this.a && this.fp[1] === this.b;
  }
  verify(state: unknown, id: number): boolean {
    return this.matches(state, id, true);
  }
  parentOf(): number {
    return -1;
  }
  bytes(): number {
    return 0;
  }
  expanding(parent: unknown): void {
    fingerprint64.expanding?.(parent);
  }
}

/** The states a worker holds in the level being searched, in order. */
export interface Held<S> {
  states: S[];
  /** Index within the level (the claim key). */
  keys: number[];
  a: number[];
  b: number[];
}

/** Where the level's search stops: parent `key`, before its successor number `admits` (AFTER_FIRINGS: after them all). */
export interface Stop {
  readonly key: number;
  readonly admits: number;
  /** The firings of parent `key` that count (the successor past maxStates counts as generated). */
  readonly count: number;
  readonly kind: SharedKind;
  readonly property: number;
  /** This worker's own problem: its counters stopped there. */
  readonly own: boolean;
}

export class LevelSearch<S> extends BreadthFirst<S> {
  private readonly held: HeldStore;
  private readonly fp = new Int32Array(2);
  private readonly ctrl: Int32Array;
  private table: Int32Array;
  private mask = 0;
  private level = 0; // stored level of the successors (depth + 2)
  private key = 0;
  private parentStart = 0;
  private inserted = 0;
  private room = 0;
  // This level: per parent expanded, its key and where its firings start in the log; per firing, its action.
  private parentKeys: number[] = [];
  private parentLog: number[] = [];
  private log: number[] = [];
  // Per claim held after the firing: fingerprint, key, action, firing number within the parent, table slot, state.
  private cand: { a: number[]; b: number[]; key: number[]; t: number[]; firing: number[]; slot: number[]; states: S[] } = LevelSearch.emptyCandidates();
  // Counters at the start of the level, to search it again or count part of it.
  private readonly levelEnabled: Float64Array;
  private levelGenerated = 0;
  private levelTruncated = false;
  expanded = 0;
  states = 0;
  deepestLevel = 0;
  problem: { key: number; admits: number; kind: SharedKind; property: number } | undefined;

  constructor(
    space: SearchSpace<S>,
    task: SearchTask<S>,
    options: SearchOptions,
    started: number,
    private readonly views: SharedViews,
  ) {
    super(space, task, options, new HeldStore(), started);
    this.held = this.store as HeldStore;
    this.ctrl = views.ctrl;
    this.table = new Int32Array(views.tableBuffer);
    this.levelEnabled = new Float64Array(this.transitions.length);
  }

  private static emptyCandidates<S>() {
    return { a: [] as number[], b: [] as number[], key: [] as number[], t: [] as number[], firing: [] as number[], slot: [] as number[], states: [] as S[] };
  }

  /** Takes over the counters of the first levels (searched by every worker alike; worker 0 counts them). */
  adopt(prefix: SearchOutcome, depth: number, states: number): void {
    if (this.views.index === 0) {
      this.enabled.set(prefix.enabled);
      this.newStates.set(prefix.newStates);
      this.generated = prefix.transitions;
    }
    this.depth = depth;
    this.states = states;
    this.deepestLevel = prefix.depth;
  }

  /** Starts a level: its depth, the table as it now is, counters saved. */
  beginLevel(depth: number): void {
    this.depth = depth;
    this.level = depth + 2;
    this.table = new Int32Array(this.views.tableBuffer);
    this.mask = Atomics.load(this.ctrl, C.MASK);
    this.inserted = 0;
    this.room = Math.floor((Atomics.load(this.ctrl, C.LIMIT) - Atomics.load(this.ctrl, C.USED)) / this.views.workers);
    this.levelEnabled.set(this.enabled);
    this.levelGenerated = this.generated;
    this.levelTruncated = this.truncated;
    this.parentKeys = [];
    this.parentLog = [];
    this.log = [];
    this.cand = LevelSearch.emptyCandidates();
    this.problem = undefined;
    Atomics.store(this.ctrl, slot(this.views.index, F.PROBLEM_KIND), 0);
    this.end = undefined;
  }

  /** Forgets a level's work, to search it again (the table grew). */
  rewind(): void {
    this.enabled.set(this.levelEnabled);
    this.generated = this.levelGenerated;
    this.truncated = this.levelTruncated;
    this.beginLevel(this.depth);
  }

  /** Phase A: expands the held states in order until the end, an earlier problem elsewhere, or a full table. */
  expandLevel(held: Held<S>, levelStart: number): void {
    const ctrl = this.ctrl;
    const w = this.views.index;
    Atomics.store(ctrl, slot(w, F.PASS_SEEN), Atomics.load(ctrl, C.PASS));
    try {
      this.expandHeld(held, levelStart, slot(w, F.CURRENT), slot(w, F.INSERTED));
    } finally {
      Atomics.store(ctrl, slot(w, F.INSERTED), this.inserted);
      Atomics.store(ctrl, slot(w, F.CURRENT), NONE);
    }
  }

  private expandHeld(held: Held<S>, levelStart: number, current: number, inserted: number): void {
    const ctrl = this.ctrl;
    for (let i = 0; i < held.states.length; i++) {
      const key = held.keys[i];
      if (key > Atomics.load(ctrl, C.PROBLEM) || Atomics.load(ctrl, C.OVERFLOW) !== 0) return;
      // Where this worker is, should the model's code never return here (coordinator.ts, stuck), and what it claimed before.
      Atomics.store(ctrl, inserted, this.inserted);
      Atomics.store(ctrl, current, key + 1);
      this.key = key;
      this.parentKeys.push(key);
      this.parentLog.push(this.log.length);
      this.parentStart = this.log.length;
      this.held.a = held.a[i];
      this.held.b = held.b[i];
      let r: number;
      try {
        r = this.expand(held.states[i], levelStart + key);
      } catch (error) {
        this.end = this.failed(error);
        r = STOP;
      }
      if (r === STOP) return this.stopped(key);
      this.expanded++;
    }
  }

  /** Notes this worker's problem at parent `key` and lowers the shared least problem. */
  private stopped(key: number): void {
    if (notSelfContained !== undefined) throw notSelfContained;
    const end = this.end!;
    const admits = this.log.length - this.parentStart;
    let at: number;
    if (end.kind === 'invariant' || end.kind === 'reached' || end.kind === 'incomplete') at = -1;
    else if (end.kind === 'deadlock') at = AFTER_FIRINGS;
    else at = rankOf(this.phase, admits);
    const kind: SharedKind = end.kind === 'incomplete' ? 'timeout' : (end.kind as SharedKind);
    this.problem = { key, admits: at, kind, property: end.property === undefined ? -1 : this.properties.indexOf(end.property as never) };
    const ctrl = this.ctrl;
    Atomics.store(ctrl, slot(this.views.index, F.PROBLEM_KIND), kindCode(kind));
    Atomics.store(ctrl, slot(this.views.index, F.PROBLEM_AT), key);
    for (let held = Atomics.load(ctrl, C.PROBLEM); key < held; held = Atomics.load(ctrl, C.PROBLEM)) {
      if (Atomics.compareExchange(ctrl, C.PROBLEM, held, key) === held) break;
    }
  }

  protected override place(succ: S, _parentId: number): boolean {
    const fp = this.fp;
    fingerprint64.of(succ, fp);
    this.log.push(this.t);
    const a = fp[0];
    const b = fp[1];
    if (this.depth >= this.options.maxDepth) {
      if (!contains(this.table, this.mask, a, b)) this.truncated = true;
      return true;
    }
    const r = claim(this.table, this.mask, a, b, this.level, this.key);
    if (r === VISITED || r === BEATEN) return true;
    // Each worker may fill its share of the room left at the level's start (no shared counter on the hot path).
    if (r === 1 && ++this.inserted > this.room) Atomics.store(this.ctrl, C.OVERFLOW, 1);
    const cand = this.cand;
    cand.a.push(a);
    cand.b.push(b);
    cand.key.push(this.key);
    cand.t.push(this.t);
    cand.firing.push(this.log.length - 1 - this.parentStart);
    cand.slot.push(claimedSlot);
    cand.states.push(succ);
    return true;
  }

  /** Phase B: drops the claims lost to earlier parents and counts the winners of each parent in the shared level array. */
  keepWinners(held: Held<S>): void {
    const cand = this.cand;
    const counts = new Int32Array(this.views.levelBuffer);
    for (const key of held.keys) counts[key] = 0;
    let kept = 0;
    for (let c = 0; c < cand.a.length; c++) {
      if (keyAt(this.table, cand.slot[c]) !== cand.key[c]) continue;
      cand.a[kept] = cand.a[c];
      cand.b[kept] = cand.b[c];
      cand.key[kept] = cand.key[c];
      cand.t[kept] = cand.t[c];
      cand.firing[kept] = cand.firing[c];
      cand.states[kept] = cand.states[c];
      counts[cand.key[c]]++;
      kept++;
    }
    cand.a.length = cand.b.length = cand.key.length = cand.t.length = cand.firing.length = cand.slot.length = cand.states.length = kept;
    Atomics.store(this.ctrl, slot(this.views.index, F.WINNERS), kept);
    const problem = this.problem;
    if (problem !== undefined && problem.key === Atomics.load(this.ctrl, C.PROBLEM)) {
      Atomics.store(this.ctrl, C.STOP_E, problem.admits);
      Atomics.store(this.ctrl, C.STOP_KIND, kindCode(problem.kind));
      Atomics.store(this.ctrl, C.STOP_PROPERTY, problem.property);
      Atomics.store(this.ctrl, C.STOP_WORKER, this.views.index);
    }
  }

  /** The firing number of this worker's `j`-th winner of parent `key` (the successor past maxStates). */
  firingOfWinner(key: number, j: number): number {
    const cand = this.cand;
    let seen = 0;
    for (let c = 0; c < cand.key.length; c++) {
      if (cand.key[c] !== key) continue;
      if (seen === j) return cand.firing[c];
      seen++;
    }
    return -1;
  }

  /**
   * Phase D: where the level stops (if it does), this worker's records and
   * counts up to there, and its next level (the winners counted). Returns the
   * next level, or undefined at a stop.
   */
  finishLevel(offsets: Int32Array, stop: Stop | undefined, levelStart: number): Held<S> | undefined {
    const cand = this.cand;
    const records = new Int32Array(this.views.recordsBuffer);
    const next: Held<S> = { states: [], keys: [], a: [], b: [] };
    const base = levelStart + offsets.length - 1; // the first id of the next level
    let local = 0;
    for (let c = 0; c < cand.key.length; c++) {
      const key = cand.key[c];
      local = c > 0 && cand.key[c - 1] === key ? local + 1 : 0;
      if (stop !== undefined && (key > stop.key || (key === stop.key && cand.firing[c] >= stop.admits))) break;
      const index = offsets[key] + local;
      const id = base + index;
      records[id * RECORD] = cand.a[c];
      records[id * RECORD + 1] = cand.b[c];
      records[id * RECORD + 2] = levelStart + key;
      this.newStates[cand.t[c]]++;
      next.states.push(cand.states[c]);
      next.keys.push(index);
      next.a.push(cand.a[c]);
      next.b.push(cand.b[c]);
    }
    if (stop !== undefined && !stop.own) this.countUpTo(stop.key, stop.count);
    Atomics.store(this.ctrl, slot(this.views.index, F.COUNTED), next.states.length);
    Atomics.store(this.ctrl, slot(this.views.index, F.TRUNCATED), this.truncated ? 1 : 0);
    return stop === undefined ? next : undefined;
  }

  /** Sets the counters to the level's start plus the firings of parents before `key` and the first `admits` of `key`. */
  private countUpTo(key: number, admits: number): void {
    this.enabled.set(this.levelEnabled);
    let generated = this.levelGenerated;
    for (let p = 0; p < this.parentKeys.length && this.parentKeys[p] <= key; p++) {
      const from = this.parentLog[p];
      const whole = p + 1 < this.parentLog.length ? this.parentLog[p + 1] : this.log.length;
      const to = this.parentKeys[p] < key ? whole : Math.min(whole, from + Math.max(0, admits));
      for (let f = from; f < to; f++) this.enabled[this.log[f]]++;
      generated += to - from;
    }
    this.generated = generated;
  }

  /** Writes this worker's counters for the main thread. */
  report(): void {
    const T = this.transitions.length;
    const at = this.views.index * (2 * T + 1);
    this.views.counts.set(this.enabled, at);
    this.views.counts.set(this.newStates, at + T);
    this.views.counts[at + 2 * T] = this.generated;
    Atomics.store(this.ctrl, slot(this.views.index, F.EXPANDED), this.expanded);
  }

  /** The index of a property among the task's. */
  propertyIndex(property: unknown): number {
    return this.properties.indexOf(property as never);
  }
}

/** Where in its parent a failure of user code stands, from the phase it threw in and the successors admitted so far. */
function rankOf(phase: number, admits: number): number {
  switch (phase) {
    case Phase.Invariant:
    case Phase.Target:
    case Phase.Identity:
      return -1;
    case Phase.Choices:
    case Phase.Guard:
    case Phase.Apply:
    case Phase.Store: // the firing that threw was never logged
      return admits;
    default:
      return AFTER_FIRINGS;
  }
}

