// @ts-check
/**
 * Before and after: kripke at two (or more) builds on the same models, side by
 * side in one run. Each measurement is a fresh process (bench/ab-run.mjs) that
 * loads one build's dist and checks the model `--repeat` times, keeping the best
 * after the first; rounds alternate the builds (A, B, B, A, …) so that the
 * machine's noise falls on all alike; the table shows medians, the ratio to the
 * first build, and the best of all rounds.
 *
 *   node bench/ab.mjs --baseline ../bench-before                     8-puzzle, Hanoi(14), TwoPhase(8)
 *   node bench/ab.mjs --baseline ../bench-before puzzle8 hanoi:12 --runs 7 --repeat 4
 *   node bench/ab.mjs --baseline ../bench-before --also ../variant twophase:7   a third build
 *
 * The baseline is a checkout of an earlier commit with its own dist built:
 *   git worktree add ../bench-before <commit> && cd ../bench-before \
 *     && ln -s ../main/node_modules node_modules && node scripts/build.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS } from './models/index.mjs';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let baseline = '';
let runs = 5;
let repeat = 1;
/** @type {string[]} */
const also = [];
/** @type {{ name: string, size: number }[]} */
const targets = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--baseline') baseline = resolve(argv[++i]);
  else if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--repeat') repeat = Number(argv[++i]);
  else if (argv[i] === '--also') also.push(resolve(argv[++i]));
  else {
    const [name, size] = argv[i].split(':');
    if (!(name in MODELS)) throw new Error(`unknown model '${name}'; the models are ${Object.keys(MODELS).join(', ')}`);
    targets.push({ name, size: size === undefined ? MODELS[name].size : Number(size) });
  }
}
if (baseline === '' || !existsSync(join(baseline, 'dist/esm/index.js'))) {
  throw new Error('give --baseline <dir>: a checkout of the earlier commit with its dist built (see the comment at the top)');
}
if (targets.length === 0) targets.push({ name: 'puzzle8', size: 0 }, { name: 'hanoi', size: 14 }, { name: 'twophase', size: 8 });

/** @param {string} root @param {{ name: string, size: number }} t */
function measure(root, t) {
  const line = execFileSync(process.execPath, [join(here, 'bench/ab-run.mjs'), root, t.name, String(t.size), String(repeat)], { encoding: 'utf8' });
  return /** @type {{ ms: number, states: number }} */ (JSON.parse(line));
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (/** @type {number} */ ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

const builds = [baseline, here, ...also];
console.log(`builds: ${builds.join(', ')}\n${runs} rounds each, alternating; ${repeat} check(s) a process\n`);
console.log(`| model | ${builds.map((_, i) => (i === 0 ? 'before' : i === 1 ? 'after' : `build ${i + 1}`)).join(' | ')} | ratios to before (median, best) |`);
console.log(`| --- | ${builds.map(() => '---').join(' | ')} | --- |`);
for (const t of targets) {
  /** @type {number[][]} */
  const times = builds.map(() => []);
  let states = -1;
  for (let r = 0; r < runs; r++) {
    const order = builds.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const m = measure(builds[i], t);
      if (states !== -1 && m.states !== states) throw new Error(`${t.name}: the builds disagree on the state count (${states} vs ${m.states})`);
      states = m.states;
      times[i].push(m.ms);
    }
  }
  const base = median(times[0]);
  const baseBest = Math.min(...times[0]);
  const ratios = times.slice(1).map((xs) => `${(median(xs) / base).toFixed(3)}, ${(Math.min(...xs) / baseBest).toFixed(3)}`).join('; ');
  const title = t.name === 'puzzle8' ? '8-puzzle' : `${t.name}(${t.size})`;
  console.log(`| ${title} | ${times.map((xs) => fmt(median(xs))).join(' | ')} | ${ratios} |`);
}
