// Runs every docs/examples/*.ts story with tsx, one after another, and exits
// non-zero if any of them fails. The examples import 'kripke' itself (the built
// package, through its exports map), so run `npm run build` first:
// `npm run examples` does both. An optional argument names another folder.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const dir = `${process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('../docs/examples', import.meta.url))}/`;
const shown = process.argv[2] ?? 'docs/examples';
// The seed story first: it is the one a newcomer should see play out.
const first = (f) => (f === 'k8s-scheduler.ts' ? 0 : 1);
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort((a, b) => first(a) - first(b) || a.localeCompare(b));

const failed = [];
for (const file of examples) {
  console.log(`\n━━ ${shown}/${file} ━━\n`);
  const { status, signal, error } = spawnSync(process.execPath, [tsx, `${dir}${file}`], { stdio: 'inherit' });
  if (error || status !== 0) failed.push(`${file} (${error?.message ?? (signal ? `signal ${signal}` : `exit code ${status}`)})`);
}

console.log(`\n${examples.length - failed.length} of ${examples.length} examples ran.`);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exit(1);
}
