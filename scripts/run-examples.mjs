// Runs every docs/examples/*.ts story with tsx, one after another, then the
// example test files (*.test.ts) with Vitest, so that a newcomer sees what a
// failing kripke matcher prints in a test run; a test whose title says it
// "fails on purpose" must fail, every other must pass. Exits non-zero if any
// example does not behave. The examples import 'kripke' itself (the built
// package, through its exports map), so run `npm run build` first:
// `npm run examples` does both (kripke/environments too: the stories import it).
// An optional argument names another folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const vitest = join(require.resolve('vitest/package.json'), '../vitest.mjs');
const config = fileURLToPath(new URL('examples.vitest.config.mjs', import.meta.url));
const dir = `${process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(new URL('../docs/examples', import.meta.url))}/`;
const shown = process.argv[2] ?? 'docs/examples';
// The seed story first: it is the one a newcomer should see play out.
const first = (f) => (f === 'k8s-scheduler.ts' ? 0 : 1);
const files = readdirSync(dir).sort((a, b) => first(a) - first(b) || a.localeCompare(b));
const stories = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const tests = files.filter((f) => f.endsWith('.test.ts'));

const failed = [];
for (const file of stories) {
  console.log(`\n━━ ${shown}/${file} ━━\n`);
  const { status, signal, error } = spawnSync(process.execPath, [tsx, `${dir}${file}`], { stdio: 'inherit' });
  if (error || status !== 0) failed.push(`${file} (${error?.message ?? (signal ? `signal ${signal}` : `exit code ${status}`)})`);
}

if (tests.length > 0) {
  console.log(`\n━━ ${tests.map((f) => `${shown}/${f}`).join(', ')}, run by Vitest: what a failing matcher prints ━━\n`);
  const reportDir = mkdtempSync(join(tmpdir(), 'kripke-examples-'));
  const report = join(reportDir, 'report.json');
  // Variables of an enclosing Vitest run (the tests of this script) would confuse this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|VITE_)/.test(k)));
  // Vitest reports failures on stderr: send them to stdout, in order, since they are the show here.
  const { error } = spawnSync(process.execPath, [vitest, 'run', '--config', config, '--dir', dir, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: ['inherit', 'inherit', 1],
    env,
  });
  let results = [];
  try {
    results = JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((f) => f.assertionResults.map((a) => ({ file: f.name, ...a })));
  } catch {
    failed.push(`${tests.join(', ')} (${error?.message ?? 'Vitest wrote no report'})`);
  }
  rmSync(reportDir, { recursive: true, force: true });
  const before = failed.length;
  for (const file of tests) {
    const own = results.filter((r) => r.file.endsWith(`/${file}`));
    const wrong = own.filter((r) => (r.status === 'failed') !== /fails on purpose/.test(r.title));
    if (own.length === 0 && results.length > 0) failed.push(`${file} (no test ran)`);
    if (wrong.length > 0) failed.push(`${file} (${wrong.map((r) => `"${r.title}" ${r.status}`).join(', ')})`);
  }
  if (failed.length === before) console.log('The failure above is on purpose: it shows what a kripke matcher prints when its check fails.');
}

const count = stories.length + tests.length;
console.log(`\n${count - failed.length} of ${count} examples ran.`);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(', ')}`);
  process.exit(1);
}
