// @ts-check
/**
 * What the setup file costs a test file: `setupFiles: ['kripke/vitest']`
 * (the ES module build, as Vitest loads it) and `setupFilesAfterEnv:
 * ['kripke/jest']` (the CommonJS build, as Jest loads it), each against an
 * empty module of the same kind. Fresh `node` processes load the runner's own
 * package first (a test file has it already), then time loading the built
 * entry (bench/setup-cost-child.mjs); runs are interleaved (entry, empty,
 * entry, …) and the table shows medians. Each kripke entry's process then
 * imports `kripke` and calls one matcher: the first check, what a model test
 * waits for. Jest is timed outside Jest, with Jest's own `expect` in place of
 * `@jest/globals` (which throws outside a Jest environment).
 * Then the same load inside the runners themselves, on an empty test file
 * (bench/setup-cost-vitest, bench/setup-cost-jest): timed by the runner's
 * setup file, against an empty module loaded the same way.
 *
 *   node bench/setup-cost.mjs [--runs 15]             after `npm run build`
 *   node bench/setup-cost.mjs --baseline ../before    also another build's entries (a checkout with dist/ and node_modules/)
 *   node bench/run.mjs setup                          the same, as part of `npm run bench`
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const vitestBin = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const jestBin = require.resolve('jest/bin/jest');

/**
 * @typedef {{ name: string, runner: 'vitest' | 'jest', entry: string, index?: string, empty?: string }} Case
 * @typedef {{ ms: number[], cpu: number[], first: number[], firstCpu: number[], packages: Set<string>, files: number }} Samples
 */

/** @param {string | undefined} baseline a checkout with dist/ built @returns {Case[]} */
function cases(baseline) {
  /** @type {(name: string, root: string) => Case[]} */
  const kripke = (name, root) => [
    { name: `kripke/vitest${name} (ES module)`, runner: 'vitest', entry: join(root, 'dist/esm/vitest.js'), index: join(root, 'dist/esm/index.js') },
    { name: `kripke/jest${name} (CommonJS)`, runner: 'jest', entry: join(root, 'dist/cjs/jest.js'), index: join(root, 'dist/cjs/index.js') },
  ];
  return [
    ...(baseline === undefined ? [] : kripke(', baseline', resolve(baseline))),
    ...kripke('', join(here, '..')),
    { name: 'empty module (Vitest)', runner: 'vitest', entry: join(here, 'empty-setup.mjs'), empty: 'vitest' },
    { name: 'empty module (Jest)', runner: 'jest', entry: join(here, 'empty-setup.cjs'), empty: 'jest' },
  ];
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** @param {number} ms */
const fmt = (ms) => `${ms.toFixed(1)} ms`;

/**
 * Runs the measurement and returns it as a Markdown table with a heading line.
 *
 * @param {{ runs?: number, baseline?: string }} options
 * @returns {string}
 */
export function setupCost({ runs = 15, baseline } = {}) {
  const all = cases(baseline);
  /** @type {Map<Case, Samples>} */
  const results = new Map(all.map((c) => [c, { ms: [], cpu: [], first: [], firstCpu: [], packages: new Set(), files: 0 }]));
  for (let r = 0; r < runs; r++) {
    for (const c of all) {
      const args = [join(here, 'setup-cost-child.mjs'), c.entry, c.runner, ...(c.index === undefined ? [] : ['--first', c.index])];
      const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
      const { ms, cpu, first, firstCpu, packages, files } = JSON.parse(out.trim().split('\n').pop() ?? '{}');
      const slot = /** @type {Samples} */ (results.get(c));
      slot.ms.push(ms);
      slot.cpu.push(cpu);
      if (typeof first === 'number') slot.first.push(first);
      if (typeof firstCpu === 'number') slot.firstCpu.push(firstCpu);
      for (const p of packages) slot.packages.add(p);
      slot.files = files.length;
    }
  }
  const emptyOf = (/** @type {string} */ runner) => /** @type {Samples} */ (results.get(/** @type {Case} */ (all.find((c) => c.empty === runner))));
  const lines = [
    `Setup file cost (bench/setup-cost.mjs): fresh processes, runs interleaved, medians of ${runs}; wall time, and the process's CPU time (less sensitive to other load). First check: setup, import kripke, one toSatisfyInvariants on a 3-state model.`,
    '',
    '| setup | load | above empty | CPU above empty | first check | first check, CPU | kripke files at setup | packages at setup |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const c of all) {
    const s = /** @type {Samples} */ (results.get(c));
    const empty = emptyOf(c.runner);
    const above = c.empty === undefined ? fmt(median(s.ms) - median(empty.ms)) : '';
    const cpuAbove = c.empty === undefined ? fmt(median(s.cpu) - median(empty.cpu)) : '';
    const first = s.first.length > 0 ? `${fmt(median(s.first))} | ${fmt(median(s.firstCpu))}` : ' | ';
    lines.push(`| ${c.name} | ${fmt(median(s.ms))} | ${above} | ${cpuAbove} | ${first} | ${c.empty === undefined && c.runner === 'jest' ? s.files : ''} | ${[...s.packages].join(', ') || '—'} |`);
  }
  lines.push('', "(Files and packages as require's cache lists them: the CommonJS entry's files; an ES module graph is not listed there, test/package/setup-entries.test.ts lists it.)");
  return [lines.join('\n'), inRunner('vitest', runs, baseline), inRunner('jest', runs, baseline)].join('\n\n');
}

/**
 * Loading each setup module inside the runner itself, timed by the runner's
 * setup file (bench/setup-cost-vitest/probe-setup.mjs: the import in a Vitest
 * worker; bench/setup-cost-jest/probe-setup.cjs: the require through Jest's
 * module registry) in real runs on one empty test file, interleaved; medians.
 * The empty module takes `expect` from the runner, as kripke's entry does.
 *
 * @param {'vitest' | 'jest'} runner
 * @param {number} runs
 * @param {string | undefined} baseline
 * @returns {string}
 */
export function inRunner(runner, runs, baseline) {
  const vitest = runner === 'vitest';
  const project = join(here, `setup-cost-${runner}`);
  const entry = vitest ? 'dist/esm/vitest.js' : 'dist/cjs/jest.js';
  const setups = [
    ...(baseline === undefined ? [] : [{ name: `kripke/${runner}, baseline`, file: join(resolve(baseline), entry) }]),
    { name: `kripke/${runner}`, file: join(here, '..', entry) },
    { name: 'empty module', file: join(project, vitest ? 'external/empty-setup.mjs' : 'empty-setup.cjs') },
  ];
  const command = vitest ? [vitestBin, 'run', '--config', join(project, 'vitest.config.mjs')] : [jestBin, '--config', join(project, 'jest.config.cjs')];
  const out = join(mkdtempSync(join(tmpdir(), 'kripke-setup-cost-')), 'ms.txt');
  /** @type {Map<string, number[]>} */
  const ms = new Map(setups.map((c) => [c.name, []]));
  for (let r = 0; r < runs; r++) {
    for (const c of setups) {
      writeFileSync(out, '');
      const env = { ...process.env, NO_COLOR: '1', CI: '1', KRIPKE_BENCH_SETUP: c.file, KRIPKE_BENCH_OUT: out };
      execFileSync(process.execPath, command, { cwd: project, env, stdio: 'ignore' });
      const value = Number(readFileSync(out, 'utf8').trim());
      if (!(value > 0)) throw new Error(`no time from ${project}'s probe-setup for ${c.file}`);
      ms.get(c.name)?.push(value);
    }
  }
  const empty = median(/** @type {number[]} */ (ms.get('empty module')));
  const rows = setups.map((c) => {
    const m = median(/** @type {number[]} */ (ms.get(c.name)));
    return `| ${c.name} | ${fmt(m)} | ${c.name === 'empty module' ? '' : fmt(m - empty)} |`;
  });
  const how = vitest ? "the import, timed in a Vitest worker's setup file" : "the require through Jest's registry, timed in a Jest setup file";
  return [`Inside ${vitest ? 'Vitest' : 'Jest'} (bench/setup-cost-${runner}: ${how}), medians of ${runs} runs:`, '', '| setup module | load, median | above empty |', '| --- | ---: | ---: |', ...rows].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = (/** @type {string} */ flag) => process.argv.indexOf(flag);
  const runs = at('--runs') > 0 ? Number(process.argv[at('--runs') + 1]) : 15;
  const baseline = at('--baseline') > 0 ? process.argv[at('--baseline') + 1] : undefined;
  console.log(setupCost({ runs, baseline }));
}
