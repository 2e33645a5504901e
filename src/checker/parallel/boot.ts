/**
 * The code a worker thread starts with, as text (a worker is started from a
 * string, so the same code serves the ES module and CommonJS builds and
 * kripke's own TypeScript sources). It registers the module hooks (below:
 * TypeScript files transpiled with what the user's project has, test
 * frameworks replaced by no-ops), notes its exit in shared memory, and imports
 * the worker's entry (worker-main). Anything that fails is written to shared
 * memory for the main thread, which falls back to one worker.
 */

/** The test frameworks' modules in a worker: every export a no-op that runs `describe` bodies (they may define models). */
const STUB = `
const noop = new Proxy(function () {}, { get: (_t, p) => (p === 'then' ? undefined : noop), apply: () => noop });
const suite = new Proxy(function (_name, fn) { if (typeof fn === 'function') { try { fn(); } catch {} } return noop; }, { get: (_t, p) => (p === 'then' ? undefined : noop) });
export const describe = suite, suite_ = suite;
export const it = noop, test = noop, expect = noop, vi = noop, vitest = noop, jest = noop, bench = noop, assert = noop, chai = noop;
export const beforeAll = noop, beforeEach = noop, afterAll = noop, afterEach = noop, onTestFinished = noop, onTestFailed = noop;
export const expectTypeOf = noop, assertType = noop, xit = noop, xtest = noop, xdescribe = noop, fit = noop, fdescribe = noop;
export default noop;
`;

/** Module hooks for the worker: a resolve and a load hook (Node's module.register). */
const HOOKS = `
import { createRequire } from 'node:module';
import * as nodeModule from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const STUB = ${JSON.stringify(`data:text/javascript,${encodeURIComponent(STUB)}`)};
const FRAMEWORKS = new Set(['vitest', '@jest/globals', 'vitest/globals', '@vitest/runner']);
const TS = /\\.(m|c)?tsx?$/;
function candidates(specifier) {
  const js = /\\.(m|c)?jsx?$/.exec(specifier);
  if (js) { const stem = specifier.slice(0, -js[0].length); const m = js[1] ?? ''; return [stem + '.' + m + 'ts', stem + '.tsx']; }
  if (TS.test(specifier)) return [];
  return [specifier + '.ts', specifier + '.tsx', specifier + '.js', specifier + '/index.ts', specifier + '/index.js'];
}
export async function resolve(specifier, context, next) {
  if (FRAMEWORKS.has(specifier)) return { url: STUB, shortCircuit: true };
  try {
    return await next(specifier, context);
  } catch (error) {
    const parent = context.parentURL;
    if (parent !== undefined && parent.startsWith('file:') && (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:'))) {
      for (const candidate of candidates(specifier)) {
        const url = new URL(candidate, parent);
        if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
      }
    }
    throw error;
  }
}
const compilers = new Map();
function compilerFor(url) {
  if (typeof nodeModule.stripTypeScriptTypes === 'function') return (source) => nodeModule.stripTypeScriptTypes(source, { mode: 'transform' });
  const require = createRequire(url);
  for (const name of ['esbuild', 'typescript']) {
    let path;
    try { path = require.resolve(name); } catch { continue; }
    if (compilers.has(path)) return compilers.get(path);
    const lib = require(path);
    const compile = name === 'esbuild'
      ? (source, file) => lib.transformSync(source, { loader: file.endsWith('x') ? 'tsx' : 'ts', format: 'esm', target: 'node20', sourcefile: file }).code
      : (source, file) => lib.transpileModule(source, { fileName: file, compilerOptions: { module: lib.ModuleKind.ESNext, target: lib.ScriptTarget.ES2022, jsx: lib.JsxEmit.ReactJSX } }).outputText;
    compilers.set(path, compile);
    return compile;
  }
  throw new Error('kripke: no TypeScript compiler (esbuild or typescript) can be resolved from ' + fileURLToPath(url) + ' to load it in a worker thread');
}
export async function load(url, context, next) {
  if (url.startsWith('file:') && TS.test(new URL(url).pathname)) {
    const file = fileURLToPath(url);
    return { format: 'module', source: compilerFor(url)(readFileSync(file, 'utf8'), file), shortCircuit: true };
  }
  return next(url, context);
}
`;

/** The hooks as a data: URL for module.register. */
export const HOOKS_URL = `data:text/javascript,${encodeURIComponent(HOOKS)}`;

/**
 * The worker's first code (CommonJS, eval'd). `workerData.control` is the
 * control array; failures go to the worker's message slot and flags.
 */
export const BOOT = `
const { workerData } = require('node:worker_threads');
const ctrl = new Int32Array(workerData.control);
const w = workerData.index;
const at = (field) => ${'${WORKER_BASE}'} + ${'${PER_WORKER}'} * w + field;
function fail(error) {
  try {
    const text = new TextEncoder().encode(String(error && error.stack || error)).subarray(0, ${'${MESSAGE_BYTES}'} - 4);
    const bytes = new Uint8Array(workerData.messages);
    new DataView(workerData.messages, w * ${'${MESSAGE_BYTES}'}, 4).setUint32(0, text.length);
    bytes.set(text, w * ${'${MESSAGE_BYTES}'} + 4);
  } catch {}
  Atomics.store(ctrl, at(${'${FAILED}'}), 1);
  Atomics.compareExchange(ctrl, ${'${ABORT}'}, 0, 1);
  Atomics.add(ctrl, ${'${GENERATION}'}, 0);
  Atomics.notify(ctrl, ${'${GENERATION}'});
  Atomics.notify(ctrl, ${'${DONE}'});
}
process.on('exit', () => {
  Atomics.store(ctrl, at(${'${EXITED}'}), 1);
  if (Atomics.load(ctrl, at(${'${FINISHED}'})) === 0 && Atomics.load(ctrl, at(${'${FAILED}'})) === 0) fail(new Error('the worker exited before it finished'));
});
// A check run while this worker defines the model (a script that checks at its top level) stays on one thread.
globalThis[Symbol.for('kripke.parallel.worker')] = true;
try {
  if (workerData.hooks) require('node:module').register(workerData.hooks);
  // import() here is Node's own (the CommonJS build compiles the workers' import() to require): the worker imports through it.
  const load = (url) => import(url);
  import(workerData.entry).then((m) => (m.runWorker || (m.default && m.default.runWorker))(workerData, load)).catch(fail);
} catch (error) {
  fail(error);
}
`;

/** The boot code with the protocol's numbers filled in. */
export function bootCode(numbers: Record<string, number>): string {
  return BOOT.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    if (!(name in numbers)) throw new Error(`boot: no number for ${name}`);
    return String(numbers[name]);
  });
}
