// The setup file of bench/setup-cost.mjs inside Vitest: times importing the
// setup module KRIPKE_BENCH_SETUP names (a path) within a Vitest worker, and
// appends the milliseconds to the file KRIPKE_BENCH_OUT names.
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const t0 = performance.now();
await import(pathToFileURL(process.env.KRIPKE_BENCH_SETUP ?? '').href);
appendFileSync(process.env.KRIPKE_BENCH_OUT ?? '', `${performance.now() - t0}\n`);
