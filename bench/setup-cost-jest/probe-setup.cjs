// The setup file of bench/setup-cost.mjs inside Jest: times requiring the
// setup module KRIPKE_BENCH_SETUP names (a path) through Jest's registry, and
// appends the milliseconds to the file KRIPKE_BENCH_OUT names.
const { appendFileSync } = require('node:fs');

const t0 = performance.now();
require(process.env.KRIPKE_BENCH_SETUP ?? '');
appendFileSync(process.env.KRIPKE_BENCH_OUT ?? '', `${performance.now() - t0}\n`);
