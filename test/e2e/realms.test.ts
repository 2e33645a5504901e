/**
 * States from other realms in the real runners (issue 8, item 4): Jest runs
 * each test file in a vm sandbox, so `structuredClone` (Node's own) returns
 * objects of the outer realm; Vitest's vmThreads pool runs each file in a vm
 * context. kripke must take them as the plain data they are, with the same
 * verdicts as anywhere else (test/e2e/fixtures/realms).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const fixture = fileURLToPath(new URL('./fixtures/realms/', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' };

function statuses(args: string[]): Record<string, string> {
  const { stdout, stderr, status } = spawnSync(process.execPath, args, { cwd: fixture, env, encoding: 'utf8', timeout: 100_000 });
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error(`no JSON report (exit ${status}):\n${stdout}\n${stderr}`);
  const report = JSON.parse(stdout.slice(start)) as { testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] };
  const failures = report.testResults.flatMap((f) => f.assertionResults.flatMap((t) => t.failureMessages)).join('\n');
  const out = Object.fromEntries(report.testResults.flatMap((f) => f.assertionResults.map((t) => [t.title, t.status])));
  if (Object.values(out).some((s) => s !== 'passed')) throw new Error(`failures:\n${failures}`);
  return out;
}

const want = { 'structuredClone in an action: a real counterexample': 'passed', 'states from vm.runInNewContext: a real pass': 'passed' };

describe('states from another realm', () => {
  it('Jest: structuredClone inside an action', () => {
    expect(statuses([require.resolve('jest/bin/jest'), '--config', 'jest.config.cjs', '--json'])).toEqual(want);
  });

  it("Vitest's vmThreads pool", () => {
    expect(statuses([join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs'), 'run', '--config', 'vitest.config.mjs', '--reporter=json'])).toEqual(want);
  });
});
