// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with type
// declarations, from one source tree: tsc compiles every module, one file per
// source file. The runner entries (kripke/vitest, kripke/vitest5, kripke/jest)
// are compiled by esbuild instead, once per format (tsc writes their
// declarations; the CommonJS tsc build leaves them out, tsconfig.cjs.json):
// their ES module build may await (src/vitest.ts), and each is one file with
// src/matchers/lazy.ts inside. Every other module they load stays tsc's
// module of the build, shared with `kripke`: no class, no state exists twice.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const run = (...args) => execFileSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });

/** The runner entries, and the files each bundles; any other file it imports stays external. */
const ENTRIES = ['vitest', 'vitest5', 'jest'];
const BUNDLED = ['matchers/lazy.ts', 'matchers/caller-stack.ts', 'augment/expect.ts', 'augment/jest-namespace.ts'].map((f) => resolve('src', f));

rmSync('dist', { recursive: true, force: true });
run('-p', 'tsconfig.json', '--outDir', 'dist/esm');
run('-p', 'tsconfig.cjs.json');
// CommonJS cannot parse import.meta: its build of the lazy loader takes its path from __filename instead.
// So does the parallel search's coordinator, which starts its workers from the file beside it.
for (const file of ['dist/cjs/render/lazy.js', 'dist/cjs/checker/parallel/coordinator.js']) {
  const source = readFileSync(file, 'utf8');
  if (!source.includes('import.meta.url')) throw new Error(`${file}: import.meta.url not found; update scripts/build.mjs`);
  writeFileSync(file, source.replaceAll('import.meta.url', '__filename'));
}
// Each folder says how Node should read its .js files, whatever the root says.
mkdirSync('dist/esm', { recursive: true });
writeFileSync('dist/esm/package.json', '{ "type": "module" }\n');
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');

/** @type {import('esbuild').Plugin} */
const keepModules = {
  name: 'keep-modules',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      return BUNDLED.includes(target) ? undefined : { path: args.path, external: true };
    });
  },
};
for (const format of /** @type {const} */ (['esm', 'cjs'])) {
  const result = await build({
    entryPoints: ENTRIES.map((e) => `src/${e}.ts`),
    outdir: `dist/${format}`,
    format,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    // KRIPKE_FORMAT picks the entry's loader; the CommonJS build never reaches its import.meta.
    define: { KRIPKE_FORMAT: JSON.stringify(format), ...(format === 'cjs' ? { 'import.meta.url': 'undefined' } : {}) },
    plugins: [keepModules],
    sourcemap: 'linked',
    sourcesContent: true,
    banner: { js: `// kripke: built by scripts/build.mjs from src/ (${format === 'esm' ? 'ES module' : 'CommonJS'}); the source is in the source map.` },
    logLevel: 'warning',
    // The augmentations are types alone: their empty modules are left out, as package.json's sideEffects allows.
    logOverride: { 'ignored-bare-import': 'silent' },
  });
  if (result.errors.length + result.warnings.length > 0) throw new Error(`esbuild (${format}): ${[...result.errors, ...result.warnings].map((m) => m.text).join('; ')}`);
}
// tsc's declarations of the entries (the ES module build's) serve both builds: they only import the augmentations beside them.
for (const entry of ['vitest', 'jest']) copyFileSync(`dist/esm/${entry}.d.ts`, `dist/cjs/${entry}.d.ts`);
// Declarations tsc cannot produce from src (they augment a runner version other
// than the one kripke builds against) replace the emitted ones.
for (const dir of ['dist/esm', 'dist/cjs']) copyFileSync('types/vitest5.d.ts', `${dir}/vitest5.d.ts`);
