// @ts-check
/**
 * What `setupFiles: ['kripke/vitest']` costs a test
 * file: fresh `node` processes that load the runner's package first (a test
 * file has it already), then time importing the built entry, against an empty
 * module, interleaved (entry, empty, entry, …), medians. Also lists the
 * packages each import loaded through `require` (pretty-format must not be one).
 *
 *   node bench/setup-cost.mjs [--runs 15]      after `npm run build`
 *   node bench/setup-cost.mjs --baseline ../before   also another build's entry (a worktree with dist/)
 */
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 15;

const baselineAt = process.argv.indexOf('--baseline');
const CASES = [
  ...(baselineAt > 0 ? [{ name: 'kripke/vitest, baseline', entry: pathToFileURL(resolve(process.argv[baselineAt + 1], 'dist/esm/vitest.js')).href, runner: 'vitest' }] : []),
  { name: 'kripke/vitest', entry: '../dist/esm/vitest.js', runner: 'vitest' },
  { name: 'empty (vitest)', entry: './empty-setup.mjs', runner: 'vitest' },
  // kripke/jest cannot be timed this way: @jest/globals throws outside Jest's environment.
];

/** @type {Map<string, { ms: number[], packages: Set<string> }>} */
const results = new Map(CASES.map((c) => [c.name, { ms: [], packages: new Set() }]));
for (let r = 0; r < runs; r++) {
  for (const c of CASES) {
    const out = execFileSync(process.execPath, [join(here, 'setup-cost-child.mjs'), c.entry, c.runner], { encoding: 'utf8' });
    const { ms, packages } = JSON.parse(out.trim().split('\n').pop() ?? '{}');
    const slot = /** @type {{ ms: number[], packages: Set<string> }} */ (results.get(c.name));
    slot.ms.push(ms);
    for (const p of packages) slot.packages.add(p);
  }
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = CASES.map((c) => {
  const r = /** @type {{ ms: number[], packages: Set<string> }} */ (results.get(c.name));
  return { name: c.name, median: median(r.ms), packages: [...r.packages] };
});
console.log(`| setup | import, median of ${runs} | above empty | packages loaded by require |`);
console.log('| --- | ---: | ---: | --- |');
const empty = rows[rows.length - 1];
for (const row of rows) {
  const above = row === empty ? '' : `${(row.median - empty.median).toFixed(1)} ms`;
  console.log(`| ${row.name} | ${row.median.toFixed(1)} ms | ${above} | ${row.packages.join(', ') || '—'} |`);
}
