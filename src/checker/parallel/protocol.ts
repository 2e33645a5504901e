/**
 * What the main thread and the workers of a parallel search share: one
 * control array of int32 words (counters, flags, the barrier, the result), a
 * float64 array of per-worker counts, and a byte area for messages. The main
 * thread blocks in `Atomics.wait` (its event loop does not run while a check
 * runs), so every report goes through this memory, never through messages.
 */
import type { MutationCheck } from '../mutation-audit.js';

/** Control words. */
export const C = {
  /** Barrier: workers arrived, and the generation (bumped when the last arrives). */
  ARRIVED: 0,
  GENERATION: 1,
  /** Set (to a reason code) to stop every worker: a worker failed or exited, or the main thread gave up. */
  ABORT: 2,
  /** Table entries − 1. */
  MASK: 3,
  /** Entries used at the level's start, and the most the table takes; a worker past its share of the room sets OVERFLOW and the level is searched again in a larger table. */
  USED: 4,
  LIMIT: 5,
  /** Read before each parent: alone on their cache line with nothing written often. */
  OVERFLOW: 24,
  /** The least index within the level of a parent where some worker stopped. */
  PROBLEM: 25,
  /** The index, among its parent's successors, of the successor past maxStates (written by its parent's worker). */
  CUT_FIRING: 8,
  /** Workers that finished (the main thread waits on it), and that loaded the model. */
  DONE: 9,
  READY: 10,
  /** The result, written by worker 0. */
  KIND: 11,
  AT: 12,
  PROPERTY: 13,
  STATES: 14,
  DEPTH: 15,
  /** How the problem holder stopped: the phase rank (see worker). */
  STOP_E: 16,
  STOP_KIND: 17,
  STOP_PROPERTY: 18,
  STOP_WORKER: 19,
  /** Whether the parallel levels ran at all (the search split), for stats.workers. */
  SPLIT: 20,
  LEVELS: 21,
  /** The id of the first state of the level being searched (written between levels). */
  LEVEL_START: 22,
  /** Bumped by worker 0 before each pass over a level (a level searched again after the table grew is another pass). */
  PASS: 23,
} as const;

/** Per-worker words from here, `PER_WORKER` each: a cache line of its own, since CURRENT is written before every parent. */
export const WORKER_BASE = 32;
export const PER_WORKER = 16;
/**
 * Per worker: whether it cut a successor at maxDepth, the states it added in
 * the last level, whether it exited or failed, states expanded, claims won;
 * the pass over a level it began last (C.PASS when it began), the parent it is
 * expanding in that pass (its index + 1; NONE once it stopped expanding) and
 * the states it claimed first in it, before that parent; the index of the
 * parent where it met a problem in this level and the problem's kind.
 */
export const W = { TRUNCATED: 0, COUNTED: 1, LOADED: 2, FINISHED: 3, EXITED: 4, FAILED: 5, EXPANDED: 6, WINNERS: 7, CURRENT: 8, PROBLEM_AT: 9, PROBLEM_KIND: 10, INSERTED: 11, PASS_SEEN: 12 } as const;

export const NONE = 0x7fffffff;
export const MAX_WORKERS = 64;
export const CONTROL_WORDS = WORKER_BASE + PER_WORKER * MAX_WORKERS;

/** Result kinds in shared memory. */
export const KINDS = ['ok', 'invariant', 'deadlock', 'error', 'incomplete', 'reached', 'timeout', 'maxStates', 'maxDepth'] as const;
export type SharedKind = (typeof KINDS)[number];
export const kindCode = (k: SharedKind): number => KINDS.indexOf(k) + 1;

/** Abort reasons. */
export const ABORT_FAILED = 1;
export const ABORT_MAIN = 2;

/** Bytes of message per worker (a load failure's reason). */
export const MESSAGE_BYTES = 2048;

export function slot(w: number, field: number): number {
  return WORKER_BASE + PER_WORKER * w + field;
}

/** Waits until all `n` workers arrive; false when the search was aborted meanwhile. */
export function barrier(ctrl: Int32Array, n: number): boolean {
  const generation = Atomics.load(ctrl, C.GENERATION);
  if (Atomics.add(ctrl, C.ARRIVED, 1) === n - 1) {
    Atomics.store(ctrl, C.ARRIVED, 0);
    Atomics.add(ctrl, C.GENERATION, 1);
    Atomics.notify(ctrl, C.GENERATION);
    return Atomics.load(ctrl, C.ABORT) === 0;
  }
  while (Atomics.load(ctrl, C.GENERATION) === generation) {
    if (Atomics.load(ctrl, C.ABORT) !== 0) return false;
    Atomics.wait(ctrl, C.GENERATION, generation, 200);
  }
  return Atomics.load(ctrl, C.ABORT) === 0;
}

/** Stops every worker (and wakes the main thread). */
export function abort(ctrl: Int32Array, reason: number): void {
  Atomics.compareExchange(ctrl, C.ABORT, 0, reason);
  Atomics.add(ctrl, C.GENERATION, 0);
  Atomics.notify(ctrl, C.GENERATION);
  Atomics.notify(ctrl, C.DONE);
  Atomics.notify(ctrl, C.READY);
}

/** The message of worker `w`, or '' if none. */
export function readMessage(bytes: Uint8Array, w: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset + w * MESSAGE_BYTES, MESSAGE_BYTES);
  const length = view.getUint32(0);
  return new TextDecoder().decode(bytes.slice(w * MESSAGE_BYTES + 4, w * MESSAGE_BYTES + 4 + length));
}

/** What the main thread hands each worker. */
export interface WorkerData {
  readonly index: number;
  readonly workers: number;
  readonly control: SharedArrayBuffer;
  readonly counts: SharedArrayBuffer;
  readonly messages: SharedArrayBuffer;
  readonly table: SharedArrayBuffer;
  readonly records: SharedArrayBuffer;
  readonly levelCounts: SharedArrayBuffer;
  /** How to define the model again. */
  readonly recipe: Recipe;
  /** What to look for. */
  readonly task: TaskSpec;
  readonly options: { readonly maxStates: number; readonly maxDepth: number; readonly timeout: number; readonly mutationCheck: MutationCheck };
  /** The epoch milliseconds at the main thread's `now() === started`. */
  readonly startedEpoch: number;
  /** Initial states' fingerprints and the action and invariant names, to check that the worker defined the same model. */
  readonly identity: ModelIdentity;
  /** The level size from which the workers search in parallel. */
  readonly splitAt: number;
  /** Table entries per state expected (2: load ½); tests make it small to fill the table mid-level. */
  readonly tableSlack: number;
}

/** How a worker defines the model: the files of its definition site, or an explicit module export. */
export type Recipe =
  | { readonly kind: 'site'; readonly name: string; readonly files: readonly string[]; readonly ordinal: number }
  | { readonly kind: 'module'; readonly url: string; readonly export: string; readonly args?: readonly unknown[] };

/** The search task as data. */
export interface TaskSpec {
  readonly properties: readonly number[];
  readonly deadlock: boolean;
  /** The reach target's source, when it is a self-contained function. */
  readonly target?: string;
  readonly targetName?: string;
}

export interface ModelIdentity {
  readonly name: string;
  readonly actions: readonly string[];
  readonly invariants: readonly string[];
  readonly initial: readonly number[];
}
