// @ts-check
/**
 * Before and after: kripke at two builds on the same models, side by side in
 * one run. Each measurement is a fresh process running a build's own
 * bench/measure.mjs; rounds alternate the builds (A, B, B, A, A, B, …) so that
 * the machine's noise falls on both alike; the table shows medians and the
 * ratio after/before.
 *
 *   node bench/ab.mjs --baseline ../bench-before                     8-puzzle, Hanoi(14), TwoPhase(8)
 *   node bench/ab.mjs --baseline ../bench-before puzzle8 hanoi:12 --runs 7
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
/** @type {{ name: string, size: number }[]} */
const targets = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--baseline') baseline = resolve(argv[++i]);
  else if (argv[i] === '--runs') runs = Number(argv[++i]);
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
  const line = execFileSync(process.execPath, [join(root, 'bench/measure.mjs'), 'kripke', t.name, String(t.size)], { encoding: 'utf8', cwd: root });
  return /** @type {{ ms: number, maxRssKB: number, states: number, transitions: number, kind: string }} */ (JSON.parse(line));
}

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`before: ${baseline}\nafter:  ${here}\n${runs} rounds each, alternating\n`);
console.log('| model | before (median) | after (median) | after / before | before runs | after runs | states |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const t of targets) {
  /** @type {number[]} */ const before = [];
  /** @type {number[]} */ const after = [];
  let states = -1;
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? [baseline, here] : [here, baseline];
    for (const root of order) {
      const m = measure(root, t);
      if (states !== -1 && m.states !== states) throw new Error(`${t.name}: the builds disagree on the state count (${states} vs ${m.states})`);
      states = m.states;
      (root === here ? after : before).push(m.ms);
    }
  }
  const b = median(before);
  const a = median(after);
  const fmt = (/** @type {number} */ ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
  console.log(
    `| ${t.name === 'puzzle8' ? '8-puzzle' : `${t.name}(${t.size})`} | ${fmt(b)} | ${fmt(a)} | ${(a / b).toFixed(3)} | ${before.map(fmt).join(', ')} | ${after.map(fmt).join(', ')} | ${states} |`,
  );
}
