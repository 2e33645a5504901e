/**
 * `kripke/internal`: the checker's own parts, for benchmarks and tools that
 * measure or drive the search directly. Not part of the stable API: names and
 * signatures here may change in any release (the stable API is `kripke`).
 *
 * @example
 * import { compose, FingerprintStore, search } from 'kripke/internal';
 * const store = new FingerprintStore();
 * search(compose(model), { properties: [], deadlock: false }, { maxStates: Infinity, maxDepth: Infinity, timeout: Infinity }, store);
 * store.bytes() / store.size; // bytes per state
 *
 * @packageDocumentation
 */
export { compose, type System } from './checker/system.js';
export { search, type SearchOptions, type SearchOutcome, type SearchTask } from './checker/search.js';
export { ask, type Query, type ReachResult } from './checker/query.js';
export { DEFAULT_OPTIONS, resolveOptions } from './checker/options.js';
export { ExactStore, FingerprintStore, type StateStore } from './checker/store/state-store.js';
export { fingerprint64, type Fingerprinter } from './checker/store/fingerprint.js';
export { exploreGraph, StateGraph } from './checker/liveness/graph.js';
export { analysisBytes } from './checker/liveness/lasso.js';
export { partsOf, type ModelParts } from './model/define-model.js';
export { lastParallelRun, parallelTuning } from './checker/parallel/coordinator.js';
