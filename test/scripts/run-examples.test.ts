/**
 * scripts/run-examples.mjs (what `npm run examples` runs after the build): every
 * example runs under tsx, then the example test files under Vitest, which
 * show what a failing matcher prints; an example that fails, or a test that
 * does not fail exactly when its title says it fails on purpose, makes the
 * whole run fail.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runExamples(...args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR'));
  return spawnSync(process.execPath, ['scripts/run-examples.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
}

describe('run-examples', () => {
  // One run of the whole folder serves both tests: it takes seconds.
  let whole: ReturnType<typeof runExamples> | undefined;
  const all = () => (whole ??= runExamples());

  it('runs every example in docs/examples and exits 0', () => {
    const r = all();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('━━ docs/examples/k8s-scheduler.ts ━━');
    expect(r.stdout).toContain("Open model, fragile (vs k8s eviction):   invariant 'always-responsive' violated after 2 steps");
    expect(r.stdout).toMatch(/\n(\d+) of \1 examples ran\.\n$/);
    // The stories of kripke/environments run with the others.
    expect(r.stdout).toContain('    trace: init → campaign(a) → etcd:leader-change → resolve(a)');
    expect(r.stdout).toContain('    trace: init → requests:duplicate(pay-1) → requests:deliver(pay-1) → requests:deliver(pay-1)');
    expect(r.stdout).toContain('    trace: init → write → linux:lose-unsynced');
  });

  it('ends with the k8s story as a failing test: the message a matcher prints in a real Vitest run', () => {
    const r = all();
    const run = r.stdout.slice(r.stdout.indexOf('━━ docs/examples/k8s-scheduler.test.ts, run by Vitest: what a failing matcher prints ━━'));
    expect(run).toContain('FAIL  docs/examples/k8s-scheduler.test.ts > breaks always-responsive when eviction kills the pod (fails on purpose)');
    expect(run).toContain('Error: expect(service).toSurvive(k8s)');
    expect(run).toContain('Step 2: k8s:evict-pod [environment k8s]\n  - status: "healthy"\n  + status: "unresponsive"\n  ✗ violates invariant "always-responsive"');
    expect(run).toContain('Residual assumptions (2 unverified, not checked by the search):');
    expect(run).toContain('The failure above is on purpose');
    expect(r.status).toBe(0);
  });

  it('fails when an example test does not fail exactly as its title says', () => {
    const r = runExamples('test/scripts/fixtures/examples-misbehaving');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('0 of 1 examples ran.');
    expect(r.stderr).toContain('Failed: counter.test.ts ("breaks small (fails on purpose)" passed, "reaches 3" failed)');
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
