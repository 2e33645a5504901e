// @ts-check
/**
 * One measurement for bench/ab.mjs: the build at <root> checks one model
 * <repeat> times in this process; prints the best time after the first (the
 * first pays for compiling) as one JSON line.
 *
 *   node bench/ab-run.mjs <root> <model> <size> [repeat]
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { MODELS } from './models/index.mjs';

const [root, name, sizeArg, repeatArg = '1'] = process.argv.slice(2);
const kripke = await import(pathToFileURL(join(root, 'dist/esm/index.js')).href);
const repeat = Number(repeatArg);
let best = Infinity;
let states = 0;
for (let i = 0; i < repeat; i++) {
  const bench = MODELS[name].make(Number(sizeArg));
  const model = kripke.defineModel(bench.spec);
  const t0 = performance.now();
  const r = kripke.check(model, { ...bench.options, maxStates: Infinity, timeout: Infinity });
  const ms = performance.now() - t0;
  if (i > 0 || repeat === 1) best = Math.min(best, ms);
  states = r.stats.states;
}
process.stdout.write(`${JSON.stringify({ ms: best, states })}\n`);
