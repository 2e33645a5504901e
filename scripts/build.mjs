// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with type
// declarations, from one source tree. Plain tsc: no bundler, nothing to configure.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const run = (...args) => execFileSync(process.execPath, [tsc, ...args], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('-p', 'tsconfig.json', '--outDir', 'dist/esm');
run('-p', 'tsconfig.json', '--outDir', 'dist/cjs', '--module', 'CommonJS', '--moduleResolution', 'Node10', '--verbatimModuleSyntax', 'false');
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
// Declarations tsc cannot produce from src (they augment a runner version other
// than the one kripke builds against) replace the emitted ones.
for (const dir of ['dist/esm', 'dist/cjs']) copyFileSync('types/vitest5.d.ts', `${dir}/vitest5.d.ts`);
