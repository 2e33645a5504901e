// One fresh process of test/package/setup-entries.test.ts (never timed:
// bench/setup-cost.mjs times):
//
//   node load-entry.mjs <entry file> <index file> [package=fake file ...]
//
// Loads the runner's package first (Vitest itself, or fakes: '@jest/globals'
// outside Jest, 'vitest' for a CommonJS entry), then the built entry, then
// `kripke` from the same build with configure({ maxStates: 1 }), and calls
// toSatisfyInvariants on a 3-state model. Prints, as JSON, the files and
// packages that loading the entry loaded, those the call loaded, and the
// call's failure message. ES modules are seen through module hooks
// (hooks.mjs), CommonJS ones in require's cache.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [, , entry, index, ...fakeArgs] = process.argv;
const require = createRequire(import.meta.url);
const fakes = Object.fromEntries(fakeArgs.map((a) => a.split('=')));
const log = join(mkdtempSync(join(tmpdir(), 'kripke-loads-')), 'loads.txt');
writeFileSync(log, '');
register('./hooks.mjs', import.meta.url, { data: { log, fakes: Object.fromEntries(Object.entries(fakes).map(([name, file]) => [name, pathToFileURL(file).href])) } });

let expect;
if (Object.keys(fakes).length === 0) {
  // Outside `vitest run`, Vitest's expect needs a worker state.
  globalThis.__vitest_worker__ = { config: { root: process.cwd() }, filepath: join(process.cwd(), 'loads.test.ts'), current: undefined, onCleanup() {} };
  ({ expect } = await import('vitest'));
}
for (const [name, file] of Object.entries(fakes)) {
  const real = require.resolve(name);
  require.cache[real] = { id: real, filename: real, loaded: true, exports: require(file), children: [], paths: [] };
  ({ expect } = require(file));
}

/** Every file loaded so far: ES modules from the hooks' log, CommonJS ones from require's cache. */
const loadedFiles = () => [
  ...readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith('file:'))
    .map((u) => fileURLToPath(u)),
  ...Object.keys(require.cache),
];
/** What was loaded since `seen`: files outside node_modules, and packages by name. */
function since(seen) {
  const now = [...new Set(loadedFiles())].filter((f) => !seen.has(f));
  return {
    files: now.filter((f) => !f.includes('/node_modules/')).sort(),
    packages: [...new Set(now.map((f) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter(Boolean))].sort(),
  };
}
const load = (file) => (file.includes('/dist/cjs/') ? require(file) : import(pathToFileURL(file).href));

const beforeSetup = new Set(loadedFiles());
await load(entry);
const setup = since(beforeSetup);

const kripke = await load(index);
kripke.configure({ maxStates: 1 });
const model = kripke.defineModel({ init: 0, actions: { inc: { enabled: (s) => s < 2, apply: (s) => s + 1 } }, invariants: { small: (s) => s < 3 } });
const beforeCall = new Set(loadedFiles());
let message = '';
try {
  expect(model).toSatisfyInvariants();
} catch (error) {
  message = String(error?.message);
}
const call = since(beforeCall);
process.stdout.write(`${JSON.stringify({ setup, call, message })}\n`);
