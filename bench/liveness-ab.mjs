// @ts-nocheck
/**
 * One liveness check of ordered dining philosophers(n) against a given build,
 * for A/B measurements of the liveness analysis between two builds (wall
 * clock in `ms`; under callgrind, the instruction count is the steadier figure):
 *
 *   node bench/liveness-ab.mjs <build root> <n> strong|weak
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --single-threaded bench/liveness-ab.mjs ../bench-before 8 strong
 *
 * strong: from ⤳ goal under strongFair 'all' (holds: the analysis refines every component);
 * weak: the same under weak fairness of three actions (fails: a lasso is found and rebuilt).
 */
const [,, root, nArg, mode] = process.argv;
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const k = await import(pathToFileURL(resolve(root, 'dist/esm/index.js')).href);
const n = Number(nArg);
const ids = Array.from({ length: n }, (_, i) => i);
const first = (i) => Math.min(i, (i + 1) % n), second = (i) => Math.max(i, (i + 1) % n);
const set = (l, i, v) => l.map((x, j) => (j === i ? v : x));
const m = k.defineModel({ init: { ph: ids.map(() => 0), forks: ids.map(() => -1) }, actions: {
  hungry: { choices: () => ids, enabled: (s, i) => s.ph[i] === 0, apply: (s, i) => ({ ...s, ph: set(s.ph, i, 1) }) },
  first: { choices: () => ids, enabled: (s, i) => s.ph[i] === 1 && s.forks[first(i)] === -1, apply: (s, i) => ({ ph: set(s.ph, i, 2), forks: set(s.forks, first(i), i) }) },
  second: { choices: () => ids, enabled: (s, i) => s.ph[i] === 2 && s.forks[second(i)] === -1, apply: (s, i) => ({ ph: set(s.ph, i, 3), forks: set(s.forks, second(i), i) }) },
  release: { choices: () => ids, enabled: (s, i) => s.ph[i] === 3, apply: (s, i) => ({ ph: set(s.ph, i, 0), forks: s.forks.map((f) => (f === i ? -1 : f)) }) },
} });
const q = mode === 'strong' ? { goal: (s) => s.ph[0] === 3, from: (s) => s.ph[0] === 1, strongFair: 'all' }
  : { goal: (s) => s.ph[0] === 3, from: (s) => s.ph[0] === 1, fair: ['hungry','second','release'] };
const t0 = performance.now();
const r = k.checkLiveness(m, q, { timeout: Infinity, maxStates: Infinity });
console.log(JSON.stringify({ kind: r.kind, states: r.stats.states, ms: Math.round(performance.now() - t0) }));
