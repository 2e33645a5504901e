// @ts-check
/**
 * One measurement in a fresh process, so that its peak RSS is its own:
 *
 *   node bench/measure.mjs <engine> <model> <size> [--bytes]
 *
 * engine: kripke | json | key | idle (loads everything, runs nothing: the floor of RSS) |
 * overhead (the k8s example of docs/examples, checked once cold and then many times warm;
 * needs `--import tsx`, model and size are ignored).
 * Prints one JSON line: states, transitions, depth, ok, ms, maxRssKB, and with
 * --bytes (kripke only, after the timed run and its RSS reading) the bytes the
 * fingerprint store holds for the same sweep.
 */
import { check, defineModel } from 'kripke';
import { jsonBfs, keyBfs } from './baselines.mjs';
import { MODELS } from './models/index.mjs';

const [engine, name, sizeArg, ...flags] = process.argv.slice(2);
const entry = MODELS[name];
if (entry === undefined) throw new Error(`unknown model '${name}'; the models are ${Object.keys(MODELS).join(', ')}`);
const size = Number(sizeArg);
const bench = entry.make(size);
/** Lift the budgets meant for unit tests: the bench sweeps everything. */
const options = { ...bench.options, maxStates: Infinity, timeout: Infinity };

/** @type {Record<string, unknown>} */
let out;
const t0 = performance.now();
if (engine === 'kripke') {
  const r = check(defineModel(bench.spec), options);
  const ms = performance.now() - t0;
  out = { ok: r.ok, kind: r.kind, states: r.stats.states, transitions: r.stats.transitions, depth: r.stats.depth, ms };
} else if (engine === 'json' || engine === 'key') {
  const r = engine === 'json' ? jsonBfs(bench) : keyBfs(bench);
  const ms = performance.now() - t0;
  out = { ok: r.violation === undefined, kind: r.violation ?? 'ok', states: r.states, transitions: r.transitions, depth: r.depth, ms };
} else if (engine === 'overhead') {
  out = await overhead();
} else if (engine === 'idle') {
  out = { ok: true, kind: 'ok', states: 0, transitions: 0, depth: 0, ms: 0 };
} else {
  throw new Error(`unknown engine '${engine}'; the engines are kripke, json, key, idle, overhead`);
}
out.maxRssKB = process.resourceUsage().maxRSS;

if (flags.includes('--bytes') && engine === 'kripke') out.storeBytes = await storeBytes();
process.stdout.write(`${JSON.stringify({ engine, model: name, size, ...out })}\n`);

/**
 * The store's own bytes for the same sweep. check() keeps its store to itself,
 * so run the search loop that check() runs, with a store we hold. Internal
 * modules: if their shape changes, say so instead of failing the bench.
 */
async function storeBytes() {
  try {
    const { compose, search, FingerprintStore } = await import('kripke/internal');
    const model = defineModel(bench.spec);
    const store = new FingerprintStore();
    const system = compose(model);
    search(system, { properties: system.invariants, deadlock: true }, { maxDepth: Infinity, ...options }, store);
    return store.bytes();
  } catch (error) {
    process.stderr.write(`store bytes unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

/**
 * What a check costs a test: the seed example's open check, first in a fresh
 * process (module JIT, first-use initialisation) and then warm (median of many).
 */
async function overhead() {
  const example = '../docs/examples/k8s-scheduler.ts'; // a .ts file: run with --import tsx
  const { service, k8s } = await import(example);
  const { checkOpen } = await import('kripke');
  const env = k8s(true);
  let t = performance.now();
  const r = checkOpen(service, env).result;
  const firstMs = performance.now() - t;
  const warm = [];
  for (let i = 0; i < 2000; i++) {
    t = performance.now();
    checkOpen(service, env);
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  return { ok: r.ok, kind: r.kind, states: r.stats.states, transitions: r.stats.transitions, depth: r.stats.depth, ms: firstMs, warmMs: warm[warm.length >> 1] };
}
