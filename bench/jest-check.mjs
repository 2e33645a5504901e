// @ts-check
/**
 * What a check costs inside Jest against plain Node: Tower of Hanoi(n) checked
 * by the built CommonJS kripke in a fresh `node` process and inside a real
 * `jest` run (its vm context and module registry), rounds alternating, medians.
 * Inside Jest every read of a global (`Math.imul`, `Array.isArray`) goes
 * through the vm context's interceptor; the hot path reads them once
 * (test/architecture.test.ts), which this keeps honest.
 *
 *   node bench/jest-check.mjs [n=10] [rounds=3] [--baseline <checkout with dist/>]   after `npm run build`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--baseline');
const baseline = at >= 0 ? resolve(args.splice(at, 2)[1]) : undefined;
const n = Number(args[0] ?? 10);
const rounds = Number(args[1] ?? 3);
const jest = join(here, '../node_modules/jest/bin/jest.js');
const out = join(mkdtempSync(join(tmpdir(), 'kripke-jest-check-')), 'm.json');

/** @param {string} entry @param {'node' | 'jest'} where */
function once(entry, where) {
  const env = { ...process.env, KRIPKE_ENTRY: entry, HANOI_N: String(n), KRIPKE_OUT: out };
  if (where === 'node') {
    const script = `const { timed } = require(${JSON.stringify(join(here, 'jest-check/hanoi.cjs'))}); require('node:fs').writeFileSync(process.env.KRIPKE_OUT, JSON.stringify(timed(process.env.KRIPKE_ENTRY, Number(process.env.HANOI_N))));`;
    execFileSync(process.execPath, ['-e', script], { env, stdio: 'ignore' });
  } else {
    execFileSync(process.execPath, [jest, '--config', join(here, 'jest-check/jest.config.cjs'), '--runInBand', '--silent'], { env, stdio: 'ignore' });
  }
  return /** @type {{ ms: number, states: number }} */ (JSON.parse(readFileSync(out, 'utf8')));
}

const builds = [{ name: 'this build', entry: join(here, '../dist/cjs/index.js') }, ...(baseline ? [{ name: 'baseline', entry: join(baseline, 'dist/cjs/index.js') }] : [])];
/** @type {Record<string, number[]>} */
const times = {};
let states = 0;
for (let r = 0; r < rounds; r++) {
  for (const b of builds) {
    for (const where of /** @type {const} */ (['node', 'jest'])) {
      const m = once(b.entry, where);
      states = m.states;
      (times[`${b.name}, ${where}`] ??= []).push(m.ms);
      process.stderr.write(`  round ${r + 1}: ${b.name}, ${where}: ${m.ms.toFixed(0)} ms\n`);
    }
  }
}
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`hanoi(${n}), ${states.toLocaleString('en-US')} states; medians of ${rounds} rounds, fresh processes, alternating`);
for (const b of builds) {
  const node = median(times[`${b.name}, node`]);
  const inJest = median(times[`${b.name}, jest`]);
  console.log(`  ${b.name}: node ${node.toFixed(0)} ms, inside jest ${inJest.toFixed(0)} ms — jest ÷ node ${(inJest / node).toFixed(2)}×`);
}
