// @ts-check
/**
 * What conformance costs per step: `checkConformance` on a trivial system
 * under test (a counter object), beside a hand-written loop that drives the
 * same paths (recorded from kripke's run), the same calls awaited, the same
 * model functions for the expected state and a JSON comparison. Rounds
 * interleave the two; medians.
 *
 *   node bench/conformance.mjs            (npm run bench runs it too)
 *   node bench/conformance.mjs --runs 9
 */
import { checkConformance, defineImplementation, defineModel } from 'kripke';

const SIZE = 120;

/** A ring counter: inc, dec, and reset from anywhere but 0. */
const ring = defineModel({
  name: 'ring',
  init: { n: 0 },
  actions: {
    inc: { apply: (/** @type {{ n: number }} */ s) => ({ n: (s.n + 1) % SIZE }) },
    dec: { apply: (/** @type {{ n: number }} */ s) => ({ n: (s.n + SIZE - 1) % SIZE }) },
    reset: { enabled: (/** @type {{ n: number }} */ s) => s.n !== 0, apply: () => ({ n: 0 }) },
  },
});

class Counter {
  n = 0;
  inc() {
    this.n = (this.n + 1) % SIZE;
  }
  dec() {
    this.n = (this.n + SIZE - 1) % SIZE;
  }
  reset() {
    this.n = 0;
  }
}

/** @type {string[][]} */
let recorded = [];
const impl = defineImplementation({
  create: () => {
    recorded.push([]);
    return new Counter();
  },
  actions: {
    inc: (/** @type {Counter} */ c) => (recorded.at(-1)?.push('inc'), c.inc()),
    dec: (/** @type {Counter} */ c) => (recorded.at(-1)?.push('dec'), c.dec()),
    reset: (/** @type {Counter} */ c) => (recorded.at(-1)?.push('reset'), c.reset()),
  },
  observe: (/** @type {Counter} */ c) => ({ n: c.n }),
});

/** The model's functions, as a hand-written test would call them. */
const apply = {
  inc: (/** @type {{ n: number }} */ s) => ({ n: (s.n + 1) % SIZE }),
  dec: (/** @type {{ n: number }} */ s) => ({ n: (s.n + SIZE - 1) % SIZE }),
  reset: () => ({ n: 0 }),
};

/** @param {string[][]} paths */
async function handLoop(paths) {
  let steps = 0;
  for (const path of paths) {
    const c = await new Counter();
    let s = { n: 0 };
    if (JSON.stringify(await { n: c.n }) !== JSON.stringify(s)) throw new Error('diverged');
    for (const a of path) {
      s = apply[/** @type {'inc' | 'dec' | 'reset'} */ (a)](s);
      await c[/** @type {'inc' | 'dec' | 'reset'} */ (a)]();
      steps++;
      if (JSON.stringify(await { n: c.n }) !== JSON.stringify(s)) throw new Error('diverged');
    }
  }
  return steps;
}

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** @param {number} runs */
export async function conformanceOverhead(runs = 5) {
  const kripke = [];
  const hand = [];
  /** @type {import('kripke').ConformanceStats | undefined} */
  let stats;
  let paths = /** @type {string[][]} */ ([]);
  for (let r = 0; r < runs; r++) {
    recorded = [];
    let t = performance.now();
    const result = await checkConformance(ring, impl);
    kripke.push(performance.now() - t);
    if (!result.ok) throw new Error(String(result));
    stats = result.stats;
    paths = recorded;
    t = performance.now();
    const steps = await handLoop(paths);
    hand.push(performance.now() - t);
    if (steps !== stats.steps) throw new Error(`the hand loop took ${steps} steps, kripke ${stats.steps}`);
  }
  if (stats === undefined) throw new Error('no run');
  const k = median(kripke);
  const h = median(hand);
  const perSec = (/** @type {number} */ ms) => Math.round((stats.steps / ms) * 1000).toLocaleString('en-US');
  return [
    `Conformance overhead (ring counter of ${SIZE} states, transition cover: ${stats.paths} paths, ${stats.steps.toLocaleString('en-US')} steps, ${stats.transitions.covered}/${stats.transitions.total} transitions; medians of ${runs} interleaved rounds):`,
    `  checkConformance      ${k.toFixed(1)} ms   ${perSec(k)} steps/s   (exploration, planning, adapter calls, observe, state equality)`,
    `  hand-written loop     ${h.toFixed(1)} ms   ${perSec(h)} steps/s   (the same paths and calls, awaited, JSON comparison)`,
    `  ratio                 ${(k / h).toFixed(2)}×   ${(((k - h) / stats.steps) * 1000).toFixed(2)} µs more per step`,
  ].join('\n');
}

if (process.argv[1]?.endsWith('conformance.mjs')) {
  const i = process.argv.indexOf('--runs');
  console.log(await conformanceOverhead(i > 0 ? Number(process.argv[i + 1]) : 5));
}
