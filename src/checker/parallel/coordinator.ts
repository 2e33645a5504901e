/**
 * The main thread's side of a parallel search (`CheckOptions.workers`). It
 * decides whether the check can run in workers (a model they can define
 * again, a task they can be given as data), starts them on `worker_threads`,
 * blocks in `Atomics.wait` until they are done (a check is synchronous), and
 * turns what they wrote in shared memory into the outcome and store the
 * one-worker search would have left: the same counts, the same ids and
 * parents, so the same traces. A worker that fails, exits or hangs never
 * hangs the check: the main thread's waits are bounded, and the check falls
 * back to one worker with a warning saying why.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { partsOf } from '../../model/define-model.js';
import { siteOf } from '../../model/definition-site.js';
import { now } from '../clock.js';
import { traceTo } from '../counterexample.js';
import { describeThrown } from '../../model/errors.js';
import { formatLiteral } from '../../model/literal.js';
import { Random } from '../swarm/random.js';
import { firings, stepOf } from '../trace.js';
import type { Resolved } from '../options.js';
import { BreadthFirst, STOP, type SearchOutcome, type SearchTask } from '../search.js';
import { fingerprint64 } from '../store/fingerprint.js';
import { RECORD, RecordStore } from '../store/record-store.js';
import { FINGERPRINT_STORE_CAPACITY, type StateStore } from '../store/state-store.js';
import type { System } from '../system.js';
import { bootCode, HOOKS_URL } from './boot.js';
import { toURL } from './load-model.js';
import { abort, ABORT_MAIN, C, CONTROL_WORDS, KINDS, MAX_WORKERS, MESSAGE_BYTES, NONE, PER_WORKER, readMessage, slot, W as F, WORKER_BASE, type Recipe, type SharedKind, type TaskSpec, type WorkerData } from './protocol.js';
import { contains, ENTRY, growable } from './shared-table.js';

// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore: import.meta is ES-module-only; the CommonJS build replaces it with __filename (scripts/build.mjs)
const moduleUrl: string = import.meta.url;

/**
 * Tuning, for tests and benchmarks (kripke/internal): below `minStates` a
 * check runs on one thread; workers split the level that reaches `splitAt`
 * states per worker; the table has `tableSlack` entries per state expected.
 */
/** Set in a worker thread of kripke's (boot.ts): a check there never starts workers of its own. */
export const IN_WORKER = Symbol.for('kripke.parallel.worker');

export const parallelTuning = {
  minStates: 20_000,
  splitAt: 4_096,
  tableSlack: 2,
  /**
   * Whether a worker may define the model again by importing the files on
   * defineModel's stack, without `module`. Off: a model can read what its
   * module's code does not fix (a value a test sets in beforeAll, a config
   * object, process.env), which a fresh import does not see, and a worker
   * would then search another model and could report a pass (adversarial
   * review). Kripke's own tests turn it on for models that read nothing else.
   */
  autoSite: false,
  /** Past the timeout, how long (at most; and at most a fifth of the timeout) the main thread waits for workers to notice it before it stops them (their model's code never returned). */
  graceMs: 2_000,
};

/** The last parallel search, for benchmarks (kripke/internal): states each worker expanded, milliseconds until every worker had defined the model. */
export const lastParallelRun: { expanded: number[]; readyMs: number } = { expanded: [], readyMs: 0 };

/** How long workers may take to define the model before the check gives up on them. */
const LOAD_LIMIT_MS = 60_000;

/** What a parallel search left: the outcome and store, or why it could not run (the caller searches with one worker). */
export type ParallelResult =
  | { readonly outcome: SearchOutcome; readonly store: StateStore; readonly workers: number; readonly expanded: readonly number[]; readonly warning?: string }
  | { readonly fallback: string };

/** Why the main thread gave up on workers still busy past the timeout (and a grace): some code of the model's did not return. */
const STUCK = 'stuck';

/** The search as the workers are given it: the task's properties by index in the system. */
export interface ParallelTask<S> {
  readonly task: SearchTask<S>;
  readonly spec: TaskSpec;
}

/**
 * Why a check cannot run in workers, or undefined when it can.
 *
 * @example
 * whyNotParallel(system, task, options); // 'the view option is a function, which a worker cannot be given'
 */
export function whyNotParallel<S>(system: System<S>, task: SearchTask<S>, options: Resolved, injected: boolean): string | undefined {
  if ((globalThis as Record<symbol, unknown>)[IN_WORKER] === true) return 'a check made while a worker defines a model runs on one thread';
  if (options.view !== undefined) return 'the view option is a function, which a worker thread cannot be given';
  if (system.symmetry !== undefined) return "the model's symmetry is not searched in parallel";
  if (options.exact) return 'exact: true keeps whole states, which workers do not share';
  if (options.fingerprintBits === 128) return 'fingerprintBits: 128 is not searched in parallel';
  if (system.environments.length > 0) return 'environments are not searched in parallel yet';
  if (task.firing !== undefined || task.offered !== undefined) return 'an action as reach target is not searched in parallel';
  if (injected) return 'a test fingerprinter is in use';
  if (task.target !== undefined && /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(task.target))) return 'the reach target is a built-in function';
  return undefined;
}

/** How a worker defines the model: said where the workers could not (a definition site, a worker that defined another model or failed to). */
export const DEFINING = "A worker defines the model again by importing the files that defined it: define it at the top level of a module (or with a factory called at a module's top level), or name it with the module and export options";

/** How workers can define the model, or why they cannot. */
export function recipeFor<S>(system: System<S>, options: Resolved): Recipe | string {
  if (options.module !== undefined) {
    return { kind: 'module', url: toURL(String(options.module)), export: options.export ?? 'default', ...(options.args === undefined ? {} : { args: options.args }) };
  }
  if (!parallelTuning.autoSite) {
    return "workers need the module that defines the model: pass { module: import.meta.url (or a path), export: 'name', args? }. A worker imports it afresh, so the model must follow from that module's code and args alone (nothing set after import: not a value a test sets in beforeAll, not process.env)";
  }
  const pending = partsOf(system.model).site;
  const site = pending === undefined ? null : siteOf(pending);
  if (site === null) return `no file of yours is on the stack where the model was defined. ${DEFINING}`;
  const missing = site.files.find((f) => !existsSync(f));
  if (missing !== undefined) return `the model was defined in ${missing}, which is not a file a worker can import. ${DEFINING}`;
  return { kind: 'site', name: system.name, files: site.files, ordinal: site.ordinal };
}

/**
 * Runs the search on `workers` threads.
 *
 * @example
 * const r = searchInParallel(system, { task, spec }, recipe, options, 2, now(), pristine);
 * if ('fallback' in r) console.log(r.fallback);
 */
export function searchInParallel<S>(system: System<S>, work: ParallelTask<S>, recipe: Recipe, options: Resolved, workers: number, started: number, pristine: readonly S[]): ParallelResult {
  const n = Math.min(workers, MAX_WORKERS);
  const T = system.transitions.length;
  const cap = Math.min(options.maxStates, FINGERPRINT_STORE_CAPACITY);
  const shared = {
    control: new SharedArrayBuffer(CONTROL_WORDS * 4),
    counts: new SharedArrayBuffer(n * (2 * T + 1) * 8),
    messages: new SharedArrayBuffer(n * MESSAGE_BYTES),
    // Virtual memory only: a level may meet more states than maxStates before it is cut.
    table: growable(ENTRY * 4, 2 ** 31),
    records: growable(0, Math.min(cap + 1, 2 ** 27) * RECORD * 4),
    levelCounts: growable(0, Math.min(cap + 1, 2 ** 27) * 4),
  };
  const ctrl = new Int32Array(shared.control);
  const base = {
    workers: n,
    ...shared,
    recipe,
    task: work.spec,
    options: { maxStates: options.maxStates, maxDepth: options.maxDepth, timeout: options.timeout, mutationCheck: options.mutationCheck },
    startedEpoch: performance.timeOrigin + started,
    identity: identityOf(system),
    splitAt: parallelTuning.splitAt * n,
    tableSlack: parallelTuning.tableSlack,
  };
  const threads: Worker[] = [];
  try {
    for (let index = 0; index < n; index++) threads.push(start({ ...base, index }));
    const waited = wait(ctrl, n, started, options.timeout);
    if (waited === STUCK) {
      // Stopped before this thread expands a state again: they would spin beside it.
      for (const t of threads) void t.terminate();
      return stuck(system, work.task, ctrl, shared, n, T, started, pristine, options);
    }
    if (waited !== undefined) return { fallback: waited === 'failed' ? failure(ctrl, shared.messages, n) : waited };
  } finally {
    for (const t of threads) void t.terminate();
  }
  const result = assemble(system, work.task, ctrl, shared, n, T, started, pristine);
  if ('fallback' in result || result.outcome.kind !== 'ok' || result.workers === 1) return result;
  const spend = Math.max(SAME_SPACE_MIN_MS, SAME_SPACE_SHARE * (now() - started));
  const apart = sameSpace(system, work.task, result.store, new Int32Array(shared.table), Atomics.load(ctrl, C.MASK), result.outcome.states, pristine, Math.min(started + options.timeout, now() + spend));
  return apart === undefined ? result : { fallback: apart };
}

/** The outcomes that name a state: each is met again on this thread before it is reported. */
const PROBLEMS: readonly string[] = ['invariant', 'deadlock', 'error', 'reached'];

/** States the main thread samples after a parallel pass; it spends at most a tenth of the search's time on them (at least 200 ms). */
const SAME_SPACE_SAMPLES = 256;
const SAME_SPACE_SHARE = 0.1;
const SAME_SPACE_MIN_MS = 200;

/**
 * Evidence that the workers searched the model under test, after they pass: a
 * module, export and args that define another model with the same name,
 * actions, invariants and initial states (a bound inside a closure) would
 * otherwise pass it. A sample of the states they stored, rebuilt here by
 * replay, must satisfy the properties here, and every successor the model
 * here gives must be stored. Why not, or undefined.
 */
function sameSpace<S>(system: System<S>, task: SearchTask<S>, store: StateStore, table: Int32Array, mask: number, states: number, pristine: readonly S[], deadline: number): string | undefined {
  const fp = new Int32Array(2);
  const other = "the workers' model is not the one checked (the module, export and args must define it exactly)";
  const random = new Random(Math.random() * 0x100000000);
  for (let k = 0; k < Math.min(SAME_SPACE_SAMPLES, states) && now() < deadline; k++) {
    const rebuilt = traceTo(system, pristine, store, random.below(states));
    if ('failure' in rebuilt) return `${other}: a state they reached is not reached here`;
    const s = rebuilt.trace[rebuilt.trace.length - 1].state;
    const shown = () => formatLiteral(s, { max: 200 });
    try {
      for (const p of task.properties) if (p.test(s) !== true) return `${other}: here '${p.name}' does not hold in ${shown()}, a state they passed`;
      if (task.target !== undefined && task.target(s) === true) return `${other}: here ${shown()}, a state they reached, is the target`;
      let fired = 0;
      for (const f of firings(s, system.transitions)) {
        fired++;
        if (task.firing?.(f.transition, f.choice) === true) return `${other}: here ${stepOf(f, system.transitions).action}, the firing sought, is enabled in ${shown()}`;
        fingerprint64.of(f.state, fp, true);
        if (!contains(table, mask, fp[0], fp[1])) return `${other}: here ${stepOf(f, system.transitions).action} leads from ${shown()} to a state they never stored`;
      }
      if (task.deadlock && fired === 0 && system.terminal?.(s) !== true) return `${other}: here ${shown()}, a state they expanded, is a deadlock`;
    } catch (error) {
      return `${other}: here the model throws in ${shown()} (${describeThrown(error)}), a state they expanded`;
    }
  }
  return undefined;
}

function start(data: WorkerData): Worker {
  const numbers = { WORKER_BASE, PER_WORKER, MESSAGE_BYTES, FAILED: F.FAILED, EXITED: F.EXITED, FINISHED: F.FINISHED, ABORT: C.ABORT, GENERATION: C.GENERATION, DONE: C.DONE };
  const ext = /\.[cm]?[jt]s$/.exec(moduleUrl)?.[0] ?? '.js';
  const url = moduleUrl.startsWith('file:') ? moduleUrl : toURL(moduleUrl);
  const entry = new URL(`./worker-main${ext}`, url).href;
  const worker = new Worker(bootCode(numbers), { eval: true, workerData: { ...data, entry, hooks: HOOKS_URL }, execArgv: [], stdout: false, stderr: false });
  worker.unref();
  return worker;
}

/**
 * How long past the timeout the main thread waits for the workers before it
 * stops them: within the fifth of a timeout that a matcher leaves below its
 * test's own (`parallelTuning.graceMs`, 2 s, at most), so that workers stuck
 * in the model's code do not make the test outlast its timeout.
 *
 * @example
 * stopGrace(4_000); // 800: a matcher's 80% of a 5 s test, and the 20% left
 * stopGrace(60_000); // 2_000
 */
export function stopGrace(timeout: number): number {
  return Math.min(parallelTuning.graceMs, Math.max(100, timeout / 5));
}

/** Blocks until every worker is done: undefined then, 'failed' when one failed or exited, STUCK past the timeout, or why the wait gave up. */
function wait(ctrl: Int32Array, n: number, started: number, timeout: number): string | undefined {
  const from = now();
  // Defining the model may take at most half the time left (and a minute): a slow import leaves one thread the rest.
  const loadLimit = Math.min(LOAD_LIMIT_MS, Math.max(0, (started + timeout - from) / 2));
  const loadBy = from + loadLimit;
  const doneBy = started + timeout + stopGrace(timeout);
  lastParallelRun.readyMs = 0;
  for (;;) {
    const done = Atomics.load(ctrl, C.DONE);
    if (lastParallelRun.readyMs === 0 && Atomics.load(ctrl, C.READY) === n) lastParallelRun.readyMs = now() - from;
    if (done === n) return undefined;
    if (Atomics.load(ctrl, C.ABORT) !== 0) return 'failed';
    const t = now();
    if (Atomics.load(ctrl, C.READY) < n && t > loadBy) {
      abort(ctrl, ABORT_MAIN);
      const within = loadLimit >= 10_000 ? `${Math.round(loadLimit / 1000)} s` : `${Math.round(loadLimit)} ms`;
      return `the workers did not define the model within ${within}${loadLimit < LOAD_LIMIT_MS ? ', half the time the check had left' : ''}`;
    }
    if (t > doneBy) {
      abort(ctrl, ABORT_MAIN);
      return STUCK;
    }
    Atomics.wait(ctrl, C.DONE, done, lastParallelRun.readyMs === 0 ? 5 : 50);
  }
}

/** Why the workers failed, from the first message one left. */
function failure(ctrl: Int32Array, messages: SharedArrayBuffer, n: number): string {
  const bytes = new Uint8Array(messages);
  for (let w = 0; w < n; w++) {
    if (Atomics.load(ctrl, slot(w, F.FAILED)) === 0) continue;
    const text = readMessage(bytes, w).split('\n')[0].replace(/^Error: /, '');
    const loaded = Atomics.load(ctrl, slot(w, F.LOADED)) === 1;
    return loaded ? `a worker thread failed (${text})` : `the model could not be defined again in a worker thread (${text})`;
  }
  return 'a worker thread stopped';
}

function identityOf<S>(system: System<S>): WorkerData['identity'] {
  const parts = partsOf(system.model);
  const fp = new Int32Array(2);
  return {
    name: system.name,
    actions: parts.transitions.map((t) => t.label),
    invariants: parts.invariants.map((p) => p.name),
    initial: parts.initStates.flatMap((s) => {
      fingerprint64.of(s, fp);
      return [fp[0], fp[1]];
    }),
  };
}

/** The outcome and store from shared memory; for an error, its details from expanding the state again here. */
function assemble<S>(
  system: System<S>,
  task: SearchTask<S>,
  ctrl: Int32Array,
  shared: { counts: SharedArrayBuffer; records: SharedArrayBuffer },
  n: number,
  T: number,
  started: number,
  pristine: readonly S[],
  stopped?: 'timeout',
): ParallelResult {
  const counts = new Float64Array(shared.counts);
  const enabled = new Float64Array(T);
  const newStates = new Float64Array(T);
  let transitions = 0;
  let counted = 0;
  let truncated = false;
  const expanded: number[] = [];
  for (let w = 0; w < n; w++) {
    const at = w * (2 * T + 1);
    for (let t = 0; t < T; t++) {
      enabled[t] += counts[at + t];
      newStates[t] += counts[at + T + t];
    }
    transitions += counts[at + 2 * T];
    counted += Atomics.load(ctrl, slot(w, F.COUNTED));
    truncated ||= Atomics.load(ctrl, slot(w, F.TRUNCATED)) === 1;
    expanded.push(Atomics.load(ctrl, slot(w, F.EXPANDED)));
  }
  lastParallelRun.expanded = expanded;
  const split = Atomics.load(ctrl, C.SPLIT) === 1;
  // Stopped mid-level: the states stored before it (written between levels), to the depth they reach.
  const states = stopped !== undefined ? Atomics.load(ctrl, C.USED) : Atomics.load(ctrl, C.STATES) + (split ? counted : 0);
  const depth = stopped !== undefined ? Atomics.load(ctrl, C.LEVELS) : split && counted > 0 ? Atomics.load(ctrl, C.LEVELS) + 1 : Atomics.load(ctrl, C.DEPTH);
  let kind = stopped ?? KINDS[Atomics.load(ctrl, C.KIND) - 1];
  if (kind === 'ok' && split && truncated) kind = 'maxDepth';
  const at = Atomics.load(ctrl, C.AT);
  const store = new RecordStore(new Int32Array(shared.records), states);
  const common = { at, states, transitions, depth, durationMs: now() - started, enabled, newStates };
  const property = Atomics.load(ctrl, C.PROPERTY);
  const outcome: SearchOutcome = ['timeout', 'maxStates', 'maxDepth'].includes(kind)
    ? { ...common, kind: 'incomplete', at: -1, budget: kind as 'timeout' | 'maxStates' | 'maxDepth' }
    : { ...common, kind: kind as SearchOutcome['kind'], ...(kind === 'invariant' ? { property: task.properties[property] as SearchOutcome['property'] } : {}) };
  if (!PROBLEMS.includes(outcome.kind)) return { outcome, store, workers: split ? n : 1, expanded };
  // Every problem is met again here before it is reported (review21: args that define another model gave an invariant broken that the model checked keeps).
  const sure = confirmed(outcome, expandAgain(system, task, store, at, pristine));
  if (sure === undefined) {
    const met = outcome.kind === 'invariant' ? `invariant '${outcome.property?.name}' broken` : outcome.kind === 'reached' ? 'the target' : `a${outcome.kind === 'error' ? 'n' : ''} ${outcome.kind}`;
    return { fallback: `the state where a worker met ${met} behaved otherwise when expanded again here: the workers' model is not the one checked (the module, export and args must define it exactly)` };
  }
  return { outcome: sure, store, workers: split ? n : 1, expanded };
}

/**
 * A workers' problem as this thread meets it, expanding its state again: the
 * same kind (and property), with what only this thread holds (the error the
 * model threw, where, the firing); undefined where this thread sees otherwise.
 */
function confirmed(outcome: SearchOutcome, again: SearchOutcome | undefined): SearchOutcome | undefined {
  if (again === undefined || again.kind !== outcome.kind || (outcome.property !== undefined && again.property !== outcome.property)) return undefined;
  const { property, error, errorSource, transition, choice } = again;
  return { ...outcome, ...(property === undefined ? {} : { property }), ...(outcome.kind === 'error' ? { error, errorSource } : {}), ...(transition === undefined ? {} : { transition, choice }) };
}

/**
 * The workers were still busy past the timeout and were stopped: the model's
 * code did not return on some state (one thread would hang there for good).
 * `incomplete` with the states stored before the level they were searching,
 * and why; running the check again on one thread would find the clock spent.
 */
function stuck<S>(system: System<S>, task: SearchTask<S>, ctrl: Int32Array, shared: { counts: SharedArrayBuffer; records: SharedArrayBuffer }, n: number, T: number, started: number, pristine: readonly S[], options: Resolved): ParallelResult {
  const { timeout, maxStates } = options;
  const result = assemble(system, task, ctrl, shared, n, T, started, pristine, 'timeout');
  if ('fallback' in result) return result;
  const past = Math.round(now() - started - timeout);
  const first = problemBeforeStuck(ctrl, n, maxStates);
  if (first !== undefined) {
    // One thread meets that problem first and stops there: it is the answer, met again here as every workers' problem is.
    const id = Atomics.load(ctrl, C.LEVEL_START) + first.key;
    const outcome = confirmed({ ...result.outcome, kind: first.kind, at: id }, expandAgain(system, task, result.store, id, pristine));
    if (outcome !== undefined) {
      const warning = `a worker was still in the model's code ${past.toLocaleString('en-US')} ms after the timeout and was stopped (some action, guard, choices or invariant never returned while the workers expanded the states at depth ${result.outcome.depth}), but another had met this problem earlier in breadth-first order, where one thread stops: the figures are those of the levels before`;
      return { ...result, outcome, warning };
    }
  }
  const figures = Atomics.load(ctrl, C.SPLIT) === 1 ? 'the figures are those of the levels before' : 'the figures are the states and depth of the levels before (each worker was still searching alone: its transitions and coverage were not counted)';
  const warning = `the workers were still searching ${past.toLocaleString('en-US')} ms after the timeout and were stopped: some action, guard, choices or invariant of the model never returned (a loop that never ends?) while they expanded the states at depth ${result.outcome.depth}; ${figures}`;
  return { ...result, warning };
}

/**
 * The index in the level of a problem some worker met (not a budget) before
 * the parent any worker is still expanding: no worker can meet an earlier one,
 * and one thread would stop there without reaching the parents where workers
 * are stuck. Undefined when there is none, or before the levels split.
 */
export function problemBeforeStuck(ctrl: Int32Array, n: number, maxStates: number): { readonly key: number; readonly kind: SearchOutcome['kind'] } | undefined {
  // Read twice: every word moves one way in a pass (a parent index up, the least problem down), so two equal
  // readings are the words as they all were at one moment, between them (a worker that moves was not stuck).
  const words = readWords(ctrl, n);
  if (words.join() !== readWords(ctrl, n).join()) return undefined;
  const [key, split, overflow, pass, used] = words;
  // A full table sends every worker out of the level where it stands, parents before the problem left unexpanded.
  if (key === NONE || split !== 1 || overflow !== 0) return undefined;
  let kind: SharedKind | undefined;
  let claimed = 0;
  for (let w = 0, at = 5; w < n; w++, at += 5) {
    const [seen, current, inserted, problemAt, problemKind] = words.slice(at, at + 5);
    // A worker not yet in this pass over the level (still waking from the barrier) has expanded none of its parents.
    if (seen !== pass || (current !== NONE && current - 1 <= key)) return undefined;
    if (problemKind !== 0 && problemAt === key) kind = KINDS[problemKind - 1];
    claimed += inserted;
  }
  // One thread stops at maxStates before the problem when the states stored and those met first in this level
  // before it pass the budget: the claims made (an upper bound of those) must not.
  if (used + claimed > Math.min(maxStates, FINGERPRINT_STORE_CAPACITY)) return undefined;
  return kind !== undefined && PROBLEMS.includes(kind) ? { key, kind: kind as SearchOutcome['kind'] } : undefined;
}

/** The words problemBeforeStuck reads: the least problem, split, overflow, pass, states stored; per worker its pass, parent, claims, problem. */
function readWords(ctrl: Int32Array, n: number): number[] {
  const words = [C.PROBLEM, C.SPLIT, C.OVERFLOW, C.PASS, C.USED].map((i) => Atomics.load(ctrl, i));
  for (let w = 0; w < n; w++) for (const f of [F.PASS_SEEN, F.CURRENT, F.INSERTED, F.PROBLEM_AT, F.PROBLEM_KIND]) words.push(Atomics.load(ctrl, slot(w, f)));
  return words;
}

/** Expands state `id` once more, here, as the search did: the error it stops with (the worker's own error object stays in the worker). */
function expandAgain<S>(system: System<S>, task: SearchTask<S>, store: StateStore, id: number, pristine: readonly S[]): SearchOutcome | undefined {
  const rebuilt = traceTo(system, pristine, store, id);
  if ('failure' in rebuilt) return undefined;
  const state = rebuilt.trace[rebuilt.trace.length - 1].state;
  return new ExpandOnce(system, task, { maxStates: Infinity, maxDepth: Infinity, timeout: Infinity }, store, now()).once(state, id);
}

/** The search's own expansion of one state, successors fingerprinted and dropped. */
class ExpandOnce<S> extends BreadthFirst<S> {
  private readonly fp = new Int32Array(2);

  protected override place(succ: S): boolean {
    fingerprint64.of(succ, this.fp);
    return true;
  }

  once(state: S, id: number): SearchOutcome | undefined {
    try {
      return this.expand(state, id) === STOP ? this.end : undefined;
    } catch (error) {
      return this.failed(error);
    }
  }
}
