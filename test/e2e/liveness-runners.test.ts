/**
 * toEventually in the real runners: Jest and Vitest each run the fixture
 * tests in test/e2e/fixtures/liveness (with `kripke/jest` and `kripke/vitest`
 * as their setup files, against the built package), and their JSON reports
 * say which tests passed and what the failures printed.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const fixture = fileURLToPath(new URL('./fixtures/liveness/', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' };

interface Report {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

function runner(args: string[]): Map<string, { status: string; message: string }> {
  const { stdout, stderr, status } = spawnSync(process.execPath, args, { cwd: fixture, env, encoding: 'utf8', timeout: 100_000 });
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error(`no JSON report (exit ${status}):\n${stdout}\n${stderr}`);
  const report = JSON.parse(stdout.slice(start)) as Report;
  const out = new Map<string, { status: string; message: string }>();
  for (const file of report.testResults) {
    for (const t of file.assertionResults) out.set(t.title, { status: t.status, message: t.failureMessages.join('\n') });
  }
  return out;
}

const expectations = (results: Map<string, { status: string; message: string }>) => {
  expect(results.get('passes under weak fairness of finish')?.status).toBe('passed');
  expect(results.get('.not passes without fairness')?.status).toBe('passed');
  const lasso = results.get('fails without fairness, with the lasso');
  expect(lasso?.status).toBe('failed');
  expect(lasso?.message).toContain('expect(job).toEventually(goal)');
  expect(lasso?.message).toContain('after 0 steps a cycle of 2 steps repeats forever without it');
  expect(lasso?.message).toContain('Fairness: none assumed');
  expect(lasso?.message).toContain('↻ steps 1–2 repeat forever from here');
  expect(lasso?.message).toContain('↻ back to step 0');
  const not = results.get('.not fails under fairness');
  expect(not?.status).toBe('failed');
  expect(not?.message).toContain('Expected some path never to reach');
  expect(not?.message).toContain('Fairness: weak for finish');
  expect(results.get('under an environment: healthy again and again')?.status).toBe('passed');
  const flapping = results.get('under an environment: never healthy for good');
  expect(flapping?.status).toBe('failed');
  expect(flapping?.message).toContain('Expected every path to settle where (s) => s.status === "healthy" holds for good, but after 0 steps a cycle of 2 steps repeats forever without settling');
  expect(flapping?.message).toContain('Step 2: k8s:evict-pod [environment k8s]');
  expect(flapping?.message).toContain('✗ (s) => s.status === "healthy" fails here');
  expect(flapping?.message).toContain('• node-capacity [k8s]: A node is free to reschedule the pod');
};

describe('toEventually in the runners', () => {
  it('Jest (kripke/jest)', () => {
    const results = runner([require.resolve('jest/bin/jest'), '--config', 'jest.config.cjs', '--json']);
    expectations(results);
    // The lasso's last step is printed in the message (Jest shows no diff of its own).
    expect(results.get('fails without fairness, with the lasso')?.message).toContain('+ tries: 0');
    expect(results.get('check passes')?.status).toBe('passed');
    expect(results.get('checkLiveness finds the lasso')?.status).toBe('passed');
  });

  it('Vitest (kripke/vitest)', () => {
    const results = runner([join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs'), 'run', '--config', 'vitest.config.mjs', '--reporter=json']);
    expectations(results);
    // Vitest prints the last step in the message too, as Jest does.
    expect(results.get('fails without fairness, with the lasso')?.message).toContain('+ tries: 0');
  });
});
