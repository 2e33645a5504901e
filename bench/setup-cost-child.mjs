// @ts-check
// One fresh process of bench/setup-cost.mjs:
//
//   node bench/setup-cost-child.mjs <entry file> <vitest|jest> [--first <kripke index file>]
//
// loads the runner's own package first (a test file has it already), then
// times loading the entry (import for .mjs/.js under an ES module folder,
// require for .cjs and dist/cjs), and prints the milliseconds (wall, and the
// process's CPU time), the packages that load brought in through require, and
// the kripke files it required.
// With --first it then loads `kripke` (the index file given) and calls
// toSatisfyInvariants on a three-state model through the runner's `expect`:
// `first` is the time from the start of the setup to the end of that call,
// what a model test waits for before its first check is done.
//
// Outside `vitest run` Vitest's `expect` needs its worker state; a minimal one
// is set here. Outside Jest, `@jest/globals` throws: it is replaced by
// fake-jest-globals.cjs (Jest's own `expect` package), in require's cache.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [, , entryArg, runner, flag, indexArg] = process.argv;
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const entry = resolve(here, entryArg);
const cjs = entry.endsWith('.cjs') || entry.includes(`${join('dist', 'cjs')}`);

/** @type {(value: unknown) => { toSatisfyInvariants(): void }} */
let expect;
if (runner === 'vitest') {
  Object.assign(globalThis, { __vitest_worker__: { config: { root: process.cwd() }, filepath: join(here, 'setup-cost.test.ts'), current: undefined, onCleanup() {} } });
  expect = /** @type {any} */ ((await import('vitest')).expect);
} else if (runner === 'jest') {
  const globals = require.resolve('@jest/globals');
  const fake = require('./fake-jest-globals.cjs');
  require.cache[globals] = /** @type {NodeJS.Module} */ (/** @type {unknown} */ ({ id: globals, filename: globals, loaded: true, exports: fake, children: [], paths: [] }));
  expect = /** @type {any} */ (fake.expect);
} else {
  throw new Error(`runner: vitest or jest, got ${runner}`);
}

const before = new Set(Object.keys(require.cache));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (cjs) require(entry);
else await import(pathToFileURL(entry).href);
const ms = performance.now() - t0;
const cpuMs = (/** @type {NodeJS.CpuUsage} */ u) => (u.user + u.system) / 1000;
const cpu = cpuMs(process.cpuUsage(cpu0));
const loaded = Object.keys(require.cache).filter((k) => !before.has(k));

let first;
let firstCpu;
if (flag === '--first') {
  const index = resolve(here, indexArg);
  /** @type {typeof import('../src/index.js')} */
  const kripke = cjs ? require(index) : await import(pathToFileURL(index).href);
  const model = kripke.defineModel({ init: 0, actions: { inc: { enabled: (s) => s < 2, apply: (s) => s + 1 } }, invariants: { small: (s) => s < 3 } });
  expect(model).toSatisfyInvariants();
  first = performance.now() - t0;
  firstCpu = cpuMs(process.cpuUsage(cpu0));
}

const packages = [...new Set(loaded.map((k) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))];
const files = loaded.filter((k) => !k.includes('node_modules'));
process.stdout.write(JSON.stringify({ ms, cpu, first, firstCpu, packages, files }) + '\n');
