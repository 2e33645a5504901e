/**
 * Runs a real runner on a fixture folder with a JSON reporter and returns each
 * test's status by title, throwing with the failure messages if any failed.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' };

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

function statuses(fixture: string, args: string[]): Record<string, string> {
  const { stdout, stderr, status } = spawnSync(process.execPath, args, { cwd: fixture, env, encoding: 'utf8', timeout: 100_000 });
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error(`no JSON report (exit ${status}):\n${stdout}\n${stderr}`);
  const report = JSON.parse(stdout.slice(start)) as JsonReport;
  const failures = report.testResults.flatMap((f) => f.assertionResults.flatMap((t) => t.failureMessages)).join('\n');
  const out = Object.fromEntries(report.testResults.flatMap((f) => f.assertionResults.map((t) => [t.title, t.status])));
  if (Object.values(out).some((s) => s !== 'passed')) throw new Error(`failures:\n${failures}`);
  return out;
}

/** Jest on `fixture` with its `jest.config.cjs`. */
export function jestStatuses(fixture: string): Record<string, string> {
  return statuses(fixture, [require.resolve('jest/bin/jest'), '--config', 'jest.config.cjs', '--json']);
}

/** Vitest on `fixture` with its `vitest.config.mjs`, or another config file of it. */
export function vitestStatuses(fixture: string, config = 'vitest.config.mjs'): Record<string, string> {
  return statuses(fixture, [join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs'), 'run', '--config', config, '--reporter=json']);
}
