/**
 * The search's clock: has the timeout passed? Asked before every call into
 * the user's code, so it must cost next to nothing, and it must be right even
 * when one call takes 200 ms.
 *
 * Two ways of knowing, used together. A countdown of calls reads the clock
 * about once a millisecond at the pace seen so far (at most every 8 calls,
 * every call when calls are slow): enough for a check that ends within a few
 * milliseconds, which is most of them. A check that runs longer asks a
 * watchdog thread to raise a flag in shared memory at the deadline; reading it
 * is one load, so a model whose calls turn slow after a fast start still stops
 * at the first call after its timeout. The one gap: calls that turn slow
 * within the first WATCH_AFTER_MS, before the watchdog runs, may overrun by up
 * to 8 of them (MAX_STRIDE_ALONE). The watchdog is one thread for the process,
 * started the first time a search outlives WATCH_AFTER_MS, and never keeps
 * the process alive; a check nested inside another's action borrows it and
 * hands it back. Where threads are not to be had, the countdown alone keeps
 * time.
 */
import type { Worker as WorkerType } from 'node:worker_threads';

const CLOCK_MS = 1;
/** Most calls between two readings of the clock: before the watchdog runs, and after. */
const MAX_STRIDE_ALONE = 8;
const MAX_STRIDE_WATCHED = 64;
/** A search that has run this long gets the watchdog (starting its thread costs ~4 ms, once). */
const WATCH_AFTER_MS = 10;

/**
 * The real clock. Fake timers (Jest's and Vitest's, both @sinonjs/fake-timers)
 * replace the global `performance` with an object of their own and may patch
 * `now` on Node's `perf_hooks.performance` itself, perhaps before kripke loads
 * (Jest's `fakeTimers: { enableGlobally: true }`). They leave the `Performance`
 * prototype alone: its `now` and `timeOrigin`, called on Node's own object,
 * are the real ones. In a browser, or where Node's object cannot be had, the
 * global `performance` it is.
 */
/** What kripke needs of a `Performance` object. */
interface Clock {
  now(): number;
  readonly timeOrigin: number;
}

const clockSource: Clock = (() => {
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const hooks = typeof builtin === 'function' ? (builtin('node:perf_hooks') as { performance?: Clock } | undefined) : undefined;
  return hooks?.performance ?? globalThis.performance;
})();
const prototype = Object.getPrototypeOf(clockSource) as Partial<Clock> | null;

/** Milliseconds on a monotonic clock that fake timers do not stop. */
export const now: () => number = (typeof prototype?.now === 'function' ? prototype.now : clockSource.now).bind(clockSource);

/** The epoch milliseconds at `now() === 0`: what the watchdog thread, on its own clock, waits for. */
const timeOrigin: number = (() => {
  const getter = prototype === null ? undefined : Object.getOwnPropertyDescriptor(prototype, 'timeOrigin')?.get;
  return typeof getter === 'function' ? (getter.call(clockSource) as number) : clockSource.timeOrigin;
})();

// [0]: the generation whose deadline passed; [1]: the generation of the current deadline.
// deadline[0]: the current deadline in epoch milliseconds (0: none).
let shared: { flags: Int32Array; deadline: Float64Array } | null | undefined;

const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const flags = new Int32Array(workerData, 0, 2);
const deadline = new Float64Array(workerData, 8, 1);
for (;;) {
  const generation = Atomics.load(flags, 1);
  const at = deadline[0];
  if (at === 0) { Atomics.wait(flags, 1, generation); continue; }
  const wait = at - (performance.timeOrigin + performance.now());
  if (wait > 0 && Atomics.wait(flags, 1, generation, wait) !== 'timed-out') continue;
  if (Atomics.load(flags, 1) === generation) Atomics.store(flags, 0, generation);
  Atomics.wait(flags, 1, generation);
}`;

/** The watchdog's shared memory, starting its thread the first time; null where no thread can be started. */
function watchdog(): { flags: Int32Array; deadline: Float64Array } | null {
  if (shared !== undefined) return shared;
  try {
    // Loaded only now, and only where Node offers it without an import (20.16+): a check that
    // ends in 10 ms never pays for worker_threads.
    const builtin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule;
    const threads = typeof builtin === 'function' ? (builtin('node:worker_threads') as { Worker: typeof WorkerType } | undefined) : undefined;
    if (threads === undefined) {
      shared = null;
      return shared;
    }
    const memory = new SharedArrayBuffer(16);
    const worker = new threads.Worker(WATCHDOG, { eval: true, workerData: memory });
    worker.unref();
    worker.on('error', () => {
      shared = null;
    });
    shared = { flags: new Int32Array(memory, 0, 2), deadline: new Float64Array(memory, 8, 1) };
  } catch {
    shared = null;
  }
  return shared;
}

/** The deadline of one search. */
export class Deadline {
  private countdown = 1;
  private stride = 1;
  private last: number;
  private flags: Int32Array | undefined;
  /** The watchdog's generation for this search's deadline (re-armed after a nested search). */
  generation = 0;

  constructor(
    private readonly started: number,
    readonly at: number,
  ) {
    this.last = started;
    // No deadline, nothing to read: the countdown never runs out in practice (2^31 calls, then once more).
    if (at === Infinity) this.countdown = this.stride = 0x7fffffff;
  }

  /** True once the deadline has passed. Call it before each call into user code. */
  passed(): boolean {
    if (this.flags !== undefined && this.flags[0] === this.generation) return true;
    return --this.countdown === 0 && this.read();
  }

  /** Lets the watchdog go back to sleep, or back to the enclosing search's deadline: call when the search ends. */
  stop(): void {
    if (this.flags === undefined || shared == null) return;
    this.flags = undefined;
    // Nested searches (a check inside an action) end first; a search that never
    // stopped (an exception) is dropped with the one that encloses it.
    const at = watched.lastIndexOf(this);
    if (at >= 0) watched.length = at;
    const outer = watched[watched.length - 1];
    if (outer === undefined) arm(shared, 0);
    else outer.generation = arm(shared, outer.at);
  }

  private read(): boolean {
    const t = now();
    if (t > this.at) {
      this.countdown = 1; // once passed, passed: the next question reads the clock again
      return true;
    }
    if (this.at === Infinity) {
      this.countdown = 0x7fffffff;
      return false;
    }
    if (this.flags === undefined && t - this.started > WATCH_AFTER_MS) this.watch();
    const pace = Math.floor((this.stride * CLOCK_MS) / Math.max(t - this.last, 1e-3));
    const most = this.flags === undefined ? MAX_STRIDE_ALONE : MAX_STRIDE_WATCHED;
    this.stride = Math.max(1, Math.min(most, 2 * this.stride, pace));
    this.countdown = this.stride;
    this.last = t;
    return false;
  }

  private watch(): void {
    const dog = watchdog();
    if (dog === null) return;
    watched.push(this);
    this.generation = arm(dog, this.at);
    this.flags = dog.flags;
  }
}

/** The searches with a watchdog, outermost first: the innermost one's deadline is watched. */
const watched: Deadline[] = [];

/** Sets the watchdog's deadline (`at` on `now()`'s clock; 0: none) under a new generation, returned. */
function arm(dog: { flags: Int32Array; deadline: Float64Array }, at: number): number {
  dog.deadline[0] = at === 0 ? 0 : timeOrigin + at;
  const generation = Atomics.add(dog.flags, 1, 1) + 1;
  Atomics.notify(dog.flags, 1);
  return generation;
}
