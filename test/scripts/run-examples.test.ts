/**
 * scripts/run-examples.mjs (what `npm run examples` runs after the build): every
 * example runs under tsx, and one that fails makes the whole run fail.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runExamples(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/run-examples.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

describe('run-examples', () => {
  it('runs every example in docs/examples and exits 0', () => {
    const r = runExamples();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('━━ docs/examples/k8s-scheduler.ts ━━');
    expect(r.stdout).toContain("Open model, fragile (vs k8s eviction):   invariant 'always-responsive' violated after 2 steps");
    expect(r.stdout).toMatch(/\n(\d+) of \1 examples ran\.\n$/);
  });

  it('exits non-zero and names the example that failed, after running the others', () => {
    const r = runExamples('test/scripts/fixtures/examples');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('OK — 2 states, no violations');
    expect(r.stdout).toContain('1 of 2 examples ran.');
    expect(r.stderr).toContain('this example is broken on purpose');
    expect(r.stderr).toContain('Failed: broken.ts (exit code 1)');
  });
});
