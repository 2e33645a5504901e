/**
 * Linux: what the kernel does to a process — kill it (a crash, the OOM
 * killer), drop writes that were never fsynced, move the wall clock.
 */
import type { Environment } from '../model/types.js';
import { checkOptions, type CommonOptions, environment, fault, oneFault } from './shared.js';

/** Options of `linux.processCrash`. */
export interface ProcessCrashOptions<S> extends CommonOptions<S> {
  /** When the process may crash (usually: while it runs). */
  canCrash: (state: S) => boolean;
  /**
   * The state after the crash and the restart: this callback says what is
   * durable (kept: files, a database) and what is volatile (lost: memory,
   * buffers, in-flight work), by keeping the first and resetting the second.
   */
  onCrash: (state: S) => S;
  /** At most this many crashes along a path, counted in the state under `'linux:crashes'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * The process crashes (SIGKILL, a segfault, a power cut) and restarts:
 * behavior `crash`. Volatile state is lost, durable state kept, as `onCrash`
 * says. Assumes crash-stop (no corrupt write after the crash) and a restart.
 *
 * @example
 * const crash = linux.processCrash<Wal>({
 *   canCrash: (s) => s.running,
 *   onCrash: (s) => ({ ...s, memory: [], running: true }), // s.disk is durable: kept
 *   maxFaults: 1,
 * });
 */
export function processCrash<S>(options: ProcessCrashOptions<S>): Environment<S> {
  checkOptions('linux.processCrash', options, { required: ['canCrash', 'onCrash'], budgets: ['maxFaults'] });
  return environment<S>({
    factory: 'linux.processCrash',
    platform: 'linux',
    options,
    budget: { option: 'maxFaults', counter: 'crashes', max: options.maxFaults },
    behaviors: (budget) => ({ crash: fault(budget, options.canCrash, options.onCrash) }),
    assumptions: {
      'crash-stop': {
        description: 'A crashed process stops at once and writes nothing afterwards (SIGKILL cannot be caught); it does not corrupt what it had written',
        source: 'signal(7) (SIGKILL)',
      },
      'restarted': {
        description: 'A supervisor restarts the process, which then runs its recovery',
        source: 'systemd.service(5) (Restart=)',
      },
    },
  });
}

/** Options of `linux.oomKill`. */
export interface OomKillOptions<S> extends CommonOptions<S> {
  /** When the OOM killer may pick this process (it holds memory). */
  canKill: (state: S) => boolean;
  /** What the kill does (like a crash: volatile state lost; the callback says what survives). */
  onKill: (state: S) => S;
  /** At most this many OOM kills along a path, counted in the state under `'linux:oom-kills'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * The kernel's OOM killer sends SIGKILL to the process when memory runs out,
 * whatever it is doing: behavior `oom-kill`. Assumes overcommit (allocations
 * succeed, the kill comes later) and that any process may be chosen.
 *
 * @example
 * const oom = linux.oomKill<Worker>({
 *   canKill: (s) => s.buffered.length > 0,
 *   onKill: (s) => ({ ...s, buffered: [], alive: false }),
 * });
 */
export function oomKill<S>(options: OomKillOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'linux.oomKill', platform: 'linux', behavior: 'oom-kill', counter: 'oom-kills', when: 'canKill', effect: 'onKill' },
    options,
    {
      'memory-overcommitted': {
        description: 'Memory is overcommitted (vm.overcommit_memory 0 or 1): an allocation succeeds and the OOM killer reclaims later',
        source: 'proc(5) (/proc/sys/vm/overcommit_memory)',
      },
      'any-victim': {
        description: 'Any process may be the victim, chosen by oom_score; oom_score_adj only biases the choice',
        source: 'proc(5) (/proc/pid/oom_score, /proc/pid/oom_score_adj)',
      },
    },
  );
}

/** Options of `linux.fsyncLoss`. */
export interface FsyncLossOptions<S> extends CommonOptions<S> {
  /** When unsynced writes exist (written with write(2), not yet covered by a successful fsync). */
  canLose: (state: S) => boolean;
  /** What the loss does: the unsynced writes vanish, what an fsync covered stays (and the process usually restarts). */
  onLose: (state: S) => S;
  /** At most this many losses along a path, counted in the state under `'linux:lost-writes'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * Writes not yet made durable by fsync are lost: by a power cut, or by a
 * failed writeback after which the kernel drops the dirty pages and a later
 * fsync succeeds without them ("fsyncgate", 2018): behavior `lose-unsynced`.
 * Assumes a successful fsync is durable and an fsync error is handled as a crash.
 *
 * @example
 * const power = linux.fsyncLoss<Wal>({
 *   canLose: (s) => s.cache.length > 0,
 *   onLose: (s) => ({ ...s, cache: [] }), // s.disk: synced, kept
 * });
 */
export function fsyncLoss<S>(options: FsyncLossOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'linux.fsyncLoss', platform: 'linux', behavior: 'lose-unsynced', counter: 'lost-writes', when: 'canLose', effect: 'onLose' },
    options,
    {
      'fsync-durable': {
        description: 'Data written before an fsync that returned 0 is on stable storage and survives a crash (the device honours cache flushes)',
        source: 'fsync(2)',
      },
      'fsync-error-is-a-crash': {
        description: 'After fsync fails (EIO) the unsynced data may be gone even if a retried fsync succeeds; the program treats the error as a crash and recovers from what is durable',
        source: 'fsync(2) (ERRORS); PostgreSQL 11.2 release notes (data_sync_retry)',
      },
    },
  );
}

/** Options of `linux.clockJump`. */
export interface ClockJumpOptions<S> extends CommonOptions<S> {
  /** When the wall clock may be stepped (by an administrator, NTP, a VM resuming). */
  canJump: (state: S) => boolean;
  /** What the jump does to the state's wall-clock reading (forwards or backwards). */
  onJump: (state: S) => S;
  /** At most this many jumps along a path, counted in the state under `'linux:clock-jumps'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * CLOCK_REALTIME jumps (discontinuously, forwards or backwards): behavior
 * `clock-jump`. Assumes CLOCK_MONOTONIC does not jump, so code that measures
 * durations with it is not exposed.
 *
 * @example
 * const jump = linux.clockJump<Lease>({
 *   canJump: (s) => s.now > 0,
 *   onJump: (s) => ({ ...s, now: s.now - 1 }),
 *   maxFaults: 1,
 * });
 */
export function clockJump<S>(options: ClockJumpOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'linux.clockJump', platform: 'linux', behavior: 'clock-jump', counter: 'clock-jumps', when: 'canJump', effect: 'onJump' },
    options,
    {
      'monotonic-clock-steady': {
        description: 'CLOCK_MONOTONIC is not affected by discontinuous jumps of the system time, so durations measured with it do not jump',
        source: 'clock_gettime(2)',
      },
    },
  );
}
