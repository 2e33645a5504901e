/**
 * A worker thread of a parallel search (started by coordinator.ts through
 * boot.ts). It defines the model again (load-model.ts), checks it is the same
 * model, searches the first levels alone exactly as one worker would (every
 * worker does, alike), then takes every W-th state of the level where it
 * splits and searches level by level with the others (level-search.ts),
 * meeting them at barriers in shared memory. Worker 0 leads: it fills the
 * shared table, grows the shared buffers between levels and writes the result.
 */
import { compose } from '../system.js';
import { search, type SearchOutcome, type SearchTask } from '../search.js';
import { fingerprint64 } from '../store/fingerprint.js';
import { RECORD } from '../store/record-store.js';
import { FingerprintStore } from '../store/state-store.js';
import type { Model } from '../../model/types.js';
import { partsOf } from '../../model/define-model.js';
import { LevelSearch, type Held, type SharedViews, type Stop } from './level-search.js';
import { loadModel, type Importer } from './load-model.js';
import { abort, ABORT_FAILED, barrier, C, kindCode, KINDS, NONE, slot, W as F, type SharedKind, type WorkerData } from './protocol.js';
import { ENTRY, growTo, insert, rebuild } from './shared-table.js';
import { notSelfContained, reviveTarget } from './target.js';

/** A search this large splits at a level of 32 states a worker, however wide its levels are. */
const SPLIT_LARGE = 1 << 14;

/** The worker's entry: never throws (failures go to shared memory, see boot.ts). */
export async function runWorker(data: WorkerData, load: Importer): Promise<void> {
  const ctrl = new Int32Array(data.control);
  const model = await loadModel(data.recipe, load);
  sameModel(model, data);
  Atomics.store(ctrl, slot(data.index, F.LOADED), 1);
  Atomics.add(ctrl, C.READY, 1);
  const system = compose(model, [], 'check');
  const task: SearchTask<unknown> = {
    properties: data.task.properties.map((i) => system.invariants[i]),
    deadlock: data.task.deadlock,
    ...(data.task.target === undefined ? {} : { target: reviveTarget(data.task.target), targetName: data.task.targetName }),
  };
  const started = data.startedEpoch - performance.timeOrigin;
  const options = data.options;
  const store = new FingerprintStore();
  // Split at a wide level (the states each worker then holds stay balanced longer), or once the search is large.
  const split = (depth: number, size: number) => {
    if (data.index === 0) {
      // The figures of a search stopped in the model's code before the split (seedTable takes the words over after it).
      Atomics.store(ctrl, C.USED, store.size);
      Atomics.store(ctrl, C.LEVELS, depth);
    }
    return size >= data.splitAt || (store.size >= SPLIT_LARGE && size >= 32 * data.workers);
  };
  const prefix = search(system, { ...task, split }, options, store, started);
  if (notSelfContained !== undefined) throw notSelfContained;
  const views: SharedViews = {
    ctrl,
    counts: new Float64Array(data.counts),
    tableBuffer: data.table,
    recordsBuffer: data.records,
    levelBuffer: data.levelCounts,
    index: data.index,
    workers: data.workers,
  };
  const levels = new LevelSearch(system, task, options, started, views);
  if (prefix.kind !== 'split') finishAlone(prefix, store, levels, data);
  else searchLevels(prefix, store, levels, data, views);
  Atomics.store(ctrl, slot(data.index, F.FINISHED), 1);
  Atomics.add(ctrl, C.DONE, 1);
  Atomics.notify(ctrl, C.DONE);
}

/** Throws unless the model defined here is the one the main thread checks (name, actions, invariants, initial states). */
function sameModel(model: Model<unknown>, data: WorkerData): void {
  const parts = partsOf(model);
  const fp = new Int32Array(2);
  const initial = parts.initStates.flatMap((s) => {
    fingerprint64.of(s, fp);
    return [fp[0], fp[1]];
  });
  const id = data.identity;
  const same =
    model.name === id.name &&
    parts.transitions.map((t) => t.label).join('\n') === id.actions.join('\n') &&
    parts.invariants.map((p) => p.name).join('\n') === id.invariants.join('\n') &&
    initial.join(',') === id.initial.join(',');
  if (!same) throw new Error(`the model '${model.name}' defined in the worker is not the one checked (its actions, invariants or initial states differ)`);
}

/** The search ended before it split: worker 0 writes its result and every state. */
function finishAlone(prefix: SearchOutcome, store: FingerprintStore, levels: LevelSearch<unknown>, data: WorkerData): void {
  if (data.index !== 0) return levels.report();
  copyStore(store, data.records, store.size);
  const ctrl = new Int32Array(data.control);
  const kind: SharedKind = prefix.kind === 'incomplete' ? (prefix.budget as SharedKind) : (prefix.kind as SharedKind);
  Atomics.store(ctrl, C.KIND, kindCode(kind));
  Atomics.store(ctrl, C.AT, prefix.at);
  Atomics.store(ctrl, C.PROPERTY, prefix.property === undefined ? -1 : levels.propertyIndex(prefix.property));
  Atomics.store(ctrl, C.STATES, prefix.states);
  Atomics.store(ctrl, C.DEPTH, prefix.depth);
  levels.adopt(prefix, prefix.depth, prefix.states);
  levels.report();
}

/** Copies a store's fingerprints and parents to the shared records. */
function copyStore(store: FingerprintStore, records: SharedArrayBuffer, size: number): void {
  growTo(records, size * RECORD * 4);
  const view = new Int32Array(records);
  const fp = new Int32Array(2);
  for (let id = 0; id < size; id++) {
    store.fingerprintOf(id, fp);
    view[id * RECORD] = fp[0];
    view[id * RECORD + 1] = fp[1];
    view[id * RECORD + 2] = store.parentOf(id);
  }
}

/** Entries for `states` at load 1/`slack` or less: a power of two. */
function entriesFor(states: number, slack: number): number {
  let n = 1 << 10;
  while (n < states * slack) n *= 2;
  return n;
}

/** Worker 0 fills the shared table with the first levels' states (their level from their parents). */
function seedTable(store: FingerprintStore, data: WorkerData, ctrl: Int32Array, expected: number): void {
  const entries = Math.max(entriesFor(expected, data.tableSlack), entriesFor(store.size, 2));
  rebuild(data.table, entries, 0);
  const table = new Int32Array(data.table);
  const depthOf = new Int32Array(store.size);
  const fp = new Int32Array(2);
  for (let id = 0; id < store.size; id++) {
    const parent = store.parentOf(id);
    depthOf[id] = parent < 0 ? 0 : depthOf[parent] + 1;
    store.fingerprintOf(id, fp);
    insert(table, entries - 1, fp[0], fp[1], depthOf[id] + 1, 0);
  }
  Atomics.store(ctrl, C.MASK, entries - 1);
  Atomics.store(ctrl, C.USED, store.size);
  Atomics.store(ctrl, C.LIMIT, Math.floor(entries * 0.75));
  Atomics.store(ctrl, C.PROBLEM, NONE);
  Atomics.store(ctrl, C.PASS, 1);
  Atomics.store(ctrl, C.SPLIT, 1);
}

/** The level-synchronous search from the level where the first levels split. */
function searchLevels(prefix: SearchOutcome, store: FingerprintStore, levels: LevelSearch<unknown>, data: WorkerData, views: SharedViews): void {
  const { ctrl } = views;
  const frontier = prefix.frontier!;
  let size = store.size;
  let levelStart = frontier.ids[0];
  let depth = prefix.depth;
  let deepest = prefix.depth;
  if (data.index === 0) {
    copyStore(store, data.records, size);
    seedTable(store, data, ctrl, size + frontier.states.length * 4);
    Atomics.store(ctrl, C.LEVELS, depth);
    Atomics.store(ctrl, C.LEVEL_START, levelStart);
    growTo(data.levelCounts, frontier.states.length * 4);
  }
  levels.adopt(prefix, depth, size);
  // The first levels' counts, should the first parallel level never end (workers stuck in the model's code).
  levels.report();
  let held: Held<unknown> | undefined = handOut(frontier, store, data);
  if (!barrier(ctrl, data.workers)) return;
  while (held !== undefined) {
    const width = size - levelStart;
    const offsets = searchLevel(levels, held, depth, levelStart, width, data, views);
    if (offsets === undefined) return;
    const added = offsets[width];
    const stop = decide(ctrl, offsets, size, added, depth, data);
    held = levels.finishLevel(offsets, stop, levelStart);
    // Counts at each level's end: the figures of a search stopped in the model's code in a later level.
    levels.report();
    if (data.index === 0 && (stop !== undefined || added === 0)) writeResult(ctrl, stop, levelStart, size, depth, deepest);
    if (stop !== undefined || added === 0) break;
    if (!barrier(ctrl, data.workers)) return;
    if (data.index === 0) between(ctrl, data, size + added, added, depth + 1);
    levelStart = size;
    size += added;
    deepest = depth + 1;
    depth++;
    if (!barrier(ctrl, data.workers)) return;
  }
  levels.report();
}

/** Every W-th state of the split level, with its index in the level and fingerprint. */
function handOut(frontier: NonNullable<SearchOutcome['frontier']>, store: FingerprintStore, data: WorkerData): Held<unknown> {
  const held: Held<unknown> = { states: [], keys: [], a: [], b: [] };
  const fp = new Int32Array(2);
  for (let i = data.index; i < frontier.states.length; i += data.workers) {
    store.fingerprintOf(frontier.ids[i], fp);
    held.states.push(frontier.states[i]);
    held.keys.push(i);
    held.a.push(fp[0]);
    held.b.push(fp[1]);
  }
  return held;
}

/**
 * Phases A to C of one level: expand (again, in a larger table, if it filled
 * up), keep the winners, count them per parent. The offsets of each parent's
 * winners in the next level (prefix sums), or undefined when aborted.
 */
function searchLevel(levels: LevelSearch<unknown>, held: Held<unknown>, depth: number, levelStart: number, width: number, data: WorkerData, views: SharedViews): Int32Array | undefined {
  const { ctrl } = views;
  levels.beginLevel(depth);
  for (;;) {
    levels.expandLevel(held, levelStart);
    if (!barrier(ctrl, data.workers)) return undefined;
    if (Atomics.load(ctrl, C.OVERFLOW) === 0) break;
    if (!barrier(ctrl, data.workers)) return undefined;
    if (data.index === 0 && !regrow(ctrl, data, depth, levelStart + width)) abort(ctrl, ABORT_FAILED);
    if (!barrier(ctrl, data.workers)) return undefined;
    levels.rewind();
  }
  levels.keepWinners(held);
  if (!barrier(ctrl, data.workers)) return undefined;
  const counts = new Int32Array(views.levelBuffer);
  const offsets = new Int32Array(width + 1);
  for (let k = 0; k < width; k++) offsets[k + 1] = offsets[k] + counts[k];
  const cut = cutOf(offsets, levelStart + width, depth, data);
  if (cut !== undefined) {
    const f = levels.firingOfWinner(cut.key, cut.j);
    if (f >= 0) Atomics.store(ctrl, C.CUT_FIRING, f);
  }
  // Records up to maxStates: a level cut there writes none past it.
  if (data.index === 0) growTo(data.records, Math.min(levelStart + width + offsets[width], data.options.maxStates) * RECORD * 4);
  if (!barrier(ctrl, data.workers)) return undefined;
  return offsets;
}

/** The parent of the first successor past maxStates, and which of its winners it is; undefined when the level fits. */
function cutOf(offsets: Int32Array, size: number, depth: number, data: WorkerData): { key: number; j: number } | undefined {
  const width = offsets.length - 1;
  const budget = Math.min(data.options.maxStates, 134_217_726) - size;
  if (depth >= data.options.maxDepth || offsets[width] <= budget) return undefined;
  let lo = 0;
  let hi = width - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid + 1] > budget) hi = mid;
    else lo = mid + 1;
  }
  return { key: lo, j: budget - offsets[lo] };
}

/** Where the level stops: the earliest of the first problem and the successor past maxStates (the same answer in every worker). */
function decide(ctrl: Int32Array, offsets: Int32Array, size: number, _added: number, depth: number, data: WorkerData): Stop | undefined {
  const key = Atomics.load(ctrl, C.PROBLEM);
  const problem: Stop | undefined =
    key === NONE
      ? undefined
      : {
          key,
          admits: Atomics.load(ctrl, C.STOP_E),
          count: Atomics.load(ctrl, C.STOP_E),
          kind: KINDS[Atomics.load(ctrl, C.STOP_KIND) - 1],
          property: Atomics.load(ctrl, C.STOP_PROPERTY),
          own: Atomics.load(ctrl, C.STOP_WORKER) === data.index,
        };
  const cut = cutOf(offsets, size, depth, data);
  if (cut === undefined) return problem;
  const firing = Atomics.load(ctrl, C.CUT_FIRING);
  if (problem !== undefined && (problem.key < cut.key || (problem.key === cut.key && problem.admits <= firing))) return problem;
  return { key: cut.key, admits: firing, count: firing + 1, kind: 'maxStates', property: -1, own: false };
}

/** Worker 0: the result of a level that stopped or found nothing new. */
function writeResult(ctrl: Int32Array, stop: Stop | undefined, levelStart: number, size: number, depth: number, deepest: number): void {
  Atomics.store(ctrl, C.KIND, kindCode(stop === undefined ? 'ok' : stop.kind));
  Atomics.store(ctrl, C.AT, stop === undefined || stop.kind === 'maxStates' || stop.kind === 'timeout' ? -1 : levelStart + stop.key);
  Atomics.store(ctrl, C.PROPERTY, stop?.property ?? -1);
  Atomics.store(ctrl, C.STATES, size);
  Atomics.store(ctrl, C.DEPTH, deepest);
  Atomics.store(ctrl, C.LEVELS, depth);
}

/** Worker 0 between levels: room in the table for the next level, the level counts, the problem words reset. */
function between(ctrl: Int32Array, data: WorkerData, states: number, added: number, deepest: number): void {
  const entries = (Atomics.load(ctrl, C.MASK) + 1) as number;
  // Never below load ½ for the states stored (a small slack only makes levels overflow and grow the table).
  const wanted = Math.max(entriesFor(states + 2 * added, data.tableSlack), entriesFor(states, 2));
  if (wanted > entries) {
    rebuild(data.table, wanted, 0x7fffffff);
    Atomics.store(ctrl, C.MASK, wanted - 1);
    Atomics.store(ctrl, C.LIMIT, Math.floor(wanted * 0.75));
  }
  growTo(data.levelCounts, added * 4);
  Atomics.store(ctrl, C.USED, states);
  Atomics.store(ctrl, C.LEVEL_START, states - added);
  // The depth of the states stored so far: the figure of a search stopped mid-level (writeResult sets the final one).
  Atomics.store(ctrl, C.LEVELS, deepest);
  Atomics.store(ctrl, C.PROBLEM, NONE);
  Atomics.store(ctrl, C.CUT_FIRING, -1);
  Atomics.add(ctrl, C.PASS, 1);
}

/** Worker 0, when the table filled mid-level: a table twice the size with the states stored before this level. */
function regrow(ctrl: Int32Array, data: WorkerData, depth: number, stored: number): boolean {
  const entries = (Atomics.load(ctrl, C.MASK) + 1) * 2;
  if (entries * ENTRY * 4 > (data.table as unknown as { maxByteLength: number }).maxByteLength) return false;
  rebuild(data.table, entries, depth + 1);
  Atomics.store(ctrl, C.MASK, entries - 1);
  Atomics.store(ctrl, C.LIMIT, Math.floor(entries * 0.75));
  Atomics.store(ctrl, C.USED, stored);
  Atomics.store(ctrl, C.OVERFLOW, 0);
  Atomics.store(ctrl, C.PROBLEM, NONE);
  Atomics.add(ctrl, C.PASS, 1);
  return true;
}

