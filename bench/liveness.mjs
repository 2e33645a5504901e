// @ts-check
/**
 * What liveness costs over safety, on the same models, side by side in one
 * process: `check` (invariants only: a visited set of fingerprints) against
 * `checkLiveness` (the whole graph with its edges, then the fair-component
 * analysis). Rounds interleave safety and liveness so machine noise falls on
 * both alike; the table shows medians.
 *
 *   npm run build && node bench/liveness.mjs             every model
 *   node bench/liveness.mjs philosophers:7 --runs 5      one model, a size, more rounds
 *
 * states/s: distinct states over wall-clock time of the public call.
 * bytes/state: the typed arrays each check holds, over distinct states:
 *   safety   — the fingerprint store (fingerprints, parent ids, hash table);
 *   graph    — the liveness graph (fingerprints, hash table, parent ids, CSR offsets, goal/from flags, 8 bytes per edge);
 *   analysis — what the fair-component search adds while it runs (freed after), counted at its maximum.
 * The frontier's JS objects are the same for both and not counted.
 */
import { check, checkLiveness, defineModel } from '../dist/esm/index.js';
import { analysisBytes, compose, DEFAULT_OPTIONS, exploreGraph, FingerprintStore, search, StateGraph } from 'kripke/internal';

/** @param {number} n */
function philosophers(n) {
  const ids = Array.from({ length: n }, (_, i) => i);
  const first = (/** @type {number} */ i) => Math.min(i, (i + 1) % n);
  const second = (/** @type {number} */ i) => Math.max(i, (i + 1) % n);
  /** @template T @param {T[]} list @param {number} i @param {T} v */
  const set = (list, i, v) => list.map((x, j) => (j === i ? v : x));
  const model = defineModel({
    name: `ordered dining philosophers (${n})`,
    init: { ph: ids.map(() => 0), forks: ids.map(() => -1) }, // 0 thinking, 1 hungry, 2 one fork, 3 eating
    actions: {
      hungry: { choices: () => ids, enabled: (s, i) => s.ph[i] === 0, apply: (s, i) => ({ ...s, ph: set(s.ph, i, 1) }) },
      first: {
        choices: () => ids,
        enabled: (s, i) => s.ph[i] === 1 && s.forks[first(i)] === -1,
        apply: (s, i) => ({ ph: set(s.ph, i, 2), forks: set(s.forks, first(i), i) }),
      },
      second: {
        choices: () => ids,
        enabled: (s, i) => s.ph[i] === 2 && s.forks[second(i)] === -1,
        apply: (s, i) => ({ ph: set(s.ph, i, 3), forks: set(s.forks, second(i), i) }),
      },
      release: {
        choices: () => ids,
        enabled: (s, i) => s.ph[i] === 3,
        apply: (s, i) => ({ ph: set(s.ph, i, 0), forks: s.forks.map((h) => (h === i ? -1 : h)) }),
      },
    },
    invariants: { 'forks-held-by-eaters': (s) => s.forks.every((h) => h === -1 || s.ph[h] >= 2) },
  });
  return {
    model,
    // Holds: strong fairness of every choice; the whole graph is analysed.
    query: { from: (/** @type {any} */ s) => s.ph[0] === 1, goal: (/** @type {any} */ s) => s.ph[0] === 3, strongFair: /** @type {'all'} */ ('all') },
  };
}

/** Independent processes cycling through four phases: many interleavings, n edges per state. @param {number} n */
function processes(n) {
  const ids = Array.from({ length: n }, (_, i) => i);
  const model = defineModel({
    name: `independent processes (${n})`,
    init: ids.map(() => 0),
    actions: { step: { choices: () => ids, apply: (s, i) => s.map((v, j) => (j === i ? (v + 1) % 4 : v)) } },
    invariants: { 'phases-in-range': (s) => s.every((v) => v >= 0 && v < 4) },
  });
  return { model, query: { goal: (/** @type {number[]} */ s) => s[0] === 3, fair: /** @type {'all'} */ ('all') } };
}

const MODELS = { philosophers: [philosophers, 7], processes: [processes, 8] };

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
const targets = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--runs');
const chosen = (targets.length > 0 ? targets : Object.keys(MODELS)).map((t) => {
  const [name, size] = t.split(':');
  const entry = MODELS[/** @type {keyof typeof MODELS} */ (name)];
  if (entry === undefined) throw new Error(`unknown model '${name}'; the models are ${Object.keys(MODELS).join(', ')}`);
  return { name, size: size === undefined ? entry[1] : Number(size), make: entry[0] };
});

const options = { deadlock: false, maxStates: 5_000_000, timeout: 600_000 };
/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** @param {() => any} f */
const timed = (f) => {
  const t0 = performance.now();
  const r = f();
  return { r, ms: performance.now() - t0 };
};
const fmt = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');

console.log(`kripke liveness vs safety — node ${process.version}, ${runs} rounds, medians\n`);
const rows = [];
for (const { name, size, make } of chosen) {
  const { model, query } = make(size);
  /** @type {number[]} */ const safetyMs = [];
  /** @type {number[]} */ const liveMs = [];
  let safety, live;
  for (let i = 0; i < runs; i++) {
    const s = timed(() => check(model, options));
    const l = timed(() => checkLiveness(model, query, options));
    safetyMs.push(s.ms);
    liveMs.push(l.ms);
    safety = s.r;
    live = l.r;
  }
  // Memory: the same searches again through the internals, to read their arrays.
  const store = new FingerprintStore();
  const system = compose(model);
  search(system, { properties: system.invariants, deadlock: false }, { ...DEFAULT_OPTIONS, ...options }, store);
  const graph = new StateGraph(new FingerprintStore(), 1);
  exploreGraph(system, [{ name: '', goal: query.goal, ...(query.from ? { from: query.from } : {}) }], { ...DEFAULT_OPTIONS, ...options }, graph);
  const n = graph.size;
  const edges = graph.targets.length;
  const row = {
    model: model.name,
    states: n,
    edges,
    result: `${safety.ok ? 'ok' : safety.kind} / ${live.ok ? 'ok' : live.kind}`,
    safetyStatesPerSec: n / (median(safetyMs) / 1000),
    livenessStatesPerSec: n / (median(liveMs) / 1000),
    slowdown: median(liveMs) / median(safetyMs),
    safetyBytesPerState: store.bytes() / n,
    graphBytesPerState: graph.bytes() / n,
    analysisBytesPerState: analysisBytes(n, graph.instances.length) / n,
  };
  rows.push(row);
  console.log(`${row.model}: ${fmt(n)} states, ${fmt(edges)} edges (${(edges / n).toFixed(1)} per state); safety ${safety}; liveness ${live}`);
}

console.log('\n| model | states | safety states/s | liveness states/s | liveness time ÷ safety | safety bytes/state | liveness graph bytes/state | + analysis (peak) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.model} | ${fmt(r.states)} | ${fmt(r.safetyStatesPerSec)} | ${fmt(r.livenessStatesPerSec)} | ${r.slowdown.toFixed(2)}× | ${r.safetyBytesPerState.toFixed(1)} | ${r.graphBytesPerState.toFixed(1)} | ${r.analysisBytesPerState.toFixed(1)} |`,
  );
}
