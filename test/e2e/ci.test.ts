/**
 * Failing a pull request well, end to end: a real Vitest and a real Jest run
 * (with their github-actions reporters, as in GitHub Actions) on a failing
 * model test write a valid ITF file and an HTML explorer under `.kripke/`;
 * the annotation carries the property, the trace length and the path; headless
 * Chromium renders the explorer; a second run turns the file into a passing
 * and a failing regression test with toReplay.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromITF } from '../../src/index.js';
import { renderedDom } from '../support/chromium.js';
import { installBuiltPackage, ROOT, type Run, runNode, stripAnsi } from './built-package.js';
import { checkPastedFailures } from './doc-blocks.js';

const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

const RUNNERS = [
  { runner: 'Vitest', project: join(ROOT, 'test/e2e/fixtures/ci-vitest'), bin: VITEST, ext: 'ts', args: (file: string) => ['run', '--reporter=default', '--reporter=github-actions', file] },
  { runner: 'Jest', project: join(ROOT, 'test/e2e/fixtures/ci-jest'), bin: JEST, ext: 'js', args: (file: string) => [file, '--ci', '--runInBand', '--reporters=default', '--reporters=github-actions'] },
] as const;

const files = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/')).sort() : [];

/** The `::error` annotations of a run, their data unescaped as GitHub reads it. */
function annotations(output: string): { properties: string; message: string }[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('::error '))
    .map((l) => {
      const at = l.indexOf('::', 2);
      return { properties: l.slice(8, at), message: l.slice(at + 2).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%') };
    });
}

describe.each(RUNNERS)('$runner in CI', ({ runner, project, bin, ext, args }) => {
  let first: Run;
  let replay: Run;
  let budget: Run;
  let outcome: Run;
  let concurrent: Run;
  let itf = '';

  beforeAll(async () => {
    installBuiltPackage(project);
    rmSync(join(project, '.kripke'), { recursive: true, force: true });
    first = await runNode(bin, args(`survives.test.${ext}`), project, { CI: 'true', GITHUB_ACTIONS: 'true', NO_COLOR: '1' });
    itf = files(join(project, '.kripke')).find((f) => f.endsWith('.itf.json')) ?? '';
    replay = await runNode(bin, args(`replay.test.${ext}`), project, { CI: 'true', NO_COLOR: '1', KRIPKE_REPLAY_FILE: `.kripke/${itf}` });
    budget = await runNode(bin, args(`budget.test.${ext}`), project, { CI: 'true', NO_COLOR: '1' });
    rmSync(join(project, '.kripke-outcome'), { recursive: true, force: true });
    outcome = await runNode(bin, args(`outcome.test.${ext}`), project, { CI: 'true', NO_COLOR: '1', KRIPKE_ARTIFACTS: '.kripke-outcome' });
    rmSync(join(project, '.kripke-concurrent'), { recursive: true, force: true });
    concurrent = await runNode(bin, args(`concurrent.test.${ext}`), project, { CI: 'true', NO_COLOR: '1', KRIPKE_ARTIFACTS: '.kripke-concurrent' });
  }, 300_000);

  it('writes one valid ITF file and its explorer for the failing test, nothing for the passing one', () => {
    expect(files(join(project, '.kripke'))).toEqual([`survives.test.${ext}/service-survives-eviction.html`, `survives.test.${ext}/service-survives-eviction.itf.json`]);
    expect(itf).toBe(`survives.test.${ext}/service-survives-eviction.itf.json`);
    const data = fromITF(readFileSync(join(project, '.kripke', itf), 'utf8'));
    expect(data.trace.map((s) => s.action)).toEqual([null, 'start', 'k8s:evict-pod']);
    expect(data.meta).toMatchObject({ matcher: 'toSurvive', property: 'always-responsive', kind: 'invariant', test: runner === 'Vitest' ? 'service > survives eviction' : 'service survives eviction', testFile: `survives.test.${ext}` });
  });

  it(runner === 'Vitest' ? 'writes files only for a test that failed in the end, one pair per failure' : 'writes at the failure (Jest: a setup file cannot see the outcome), one pair per failure', () => {
    const dir = join(project, `.kripke-outcome/outcome.test.${ext}`);
    const written = files(dir).filter((f) => f.endsWith('.itf.json'));
    // Vitest: it.fails and a failure caught by toThrow pass, so nothing of theirs; Jest writes it.failing's file (docs/ci.md).
    // Vitest: a test that fails an attempt and passes its retry writes nothing; one that fails every attempt writes once (hostile19a).
    expect(written).toEqual(runner === 'Vitest' ? ['always-red.itf.json', 'flaky-before-kripke.itf.json', 'two-failures-2.itf.json', 'two-failures.itf.json'] : ['known-bug.itf.json', 'two-failures-2.itf.json', 'two-failures.itf.json']);
    // Vitest shows both soft failures; the Jest test rethrows its first, which names the first file.
    expect(stripAnsi(outcome.output)).toContain(`Counterexample: .kripke-outcome/outcome.test.${ext}/two-failures${runner === 'Vitest' ? '-2' : ''}.itf.json`);
  });

  it('names no file after the wrong test when tests run concurrently: a test the runner cannot name gets a file named by its counterexample (hostile19a)', () => {
    const dir = join(project, `.kripke-concurrent/concurrent.test.${ext}`);
    const written = files(dir).filter((f) => f.endsWith('.itf.json'));
    const read = written.map((f) => ({ file: f, data: fromITF(readFileSync(join(dir, f), 'utf8')) }));
    // One file per failing test, each holding its own counterexample: none lost, none overwritten.
    const broken = read.map(({ data }) => data.meta.property).sort();
    expect(broken).toEqual(runner === 'Vitest' ? ['below 2', 'below 3', 'below 4'] : ['below 2', 'below 3', 'below 4', 'below 5']);
    for (const { file, data } of read) {
      const k = Number(String(data.meta.property).slice('below '.length));
      expect(data.trace).toHaveLength(k + 1);
      // A test that is not concurrent (Jest's 'alone') is named as usual; while Vitest's ran together, none could be (review19).
      if (k === 5) {
        expect(file).toBe('alone.itf.json');
        expect(data.meta.test).toBe('alone');
      } else {
        expect(file).toMatch(/^unknown-test-[0-9a-f]{8}\.itf\.json$/);
        expect(data.meta.test).toBeUndefined();
      }
    }
    const out = stripAnsi(concurrent.output);
    expect(out).toContain(runner === 'Vitest' ? 'This test runs concurrently with others, and a matcher cannot tell which of them called expect' : 'This test runs concurrently (it.concurrent), so Jest cannot say which test it is');
  });

  it("derives a matcher's timeout from the least time a test running beside it has left, not from the test the runner names (it took 80% of a later test's 60 s)", () => {
    const out = stripAnsi(concurrent.output);
    const said = /kripke's timeout was (\d+) ms: 80% of the (\d+) ms that "short", running concurrently, had left of its timeout when this matcher started \(a matcher blocks every test of the file while it searches\)\./.exec(out);
    expect(said).not.toBeNull();
    const [, limit, left] = said!.map(Number);
    expect(left).toBeGreaterThan(1_500);
    expect(left).toBeLessThanOrEqual(3_000);
    expect(Math.abs(limit - left * 0.8)).toBeLessThanOrEqual(1);
    expect(out).toContain("To search longer, run this test on its own (not concurrently), or raise kripke's timeout ({ timeout: 20000 } on the matcher, configure({ timeout }) or KRIPKE_TIMEOUT) together with the timeouts of the tests that run beside it.");
  });

  it('prints the path, relative to the working directory, under the headline', () => {
    const out = stripAnsi(first.output);
    expect(out).toMatch(/invariant "always-responsive" is violated after 2 steps \(shortest trace; 4 states explored\)\n\s*Counterexample: \.kripke\/survives\.test\./);
  });

  it('annotates with the property, the trace length and the path: no colour codes, within GitHub limits', () => {
    const found = annotations(first.output);
    expect(found).toHaveLength(1);
    const [{ properties, message }] = found;
    expect(properties).toMatch(/file=.*survives\.test\./);
    expect(message).toContain('invariant "always-responsive" is violated after 2 steps');
    expect(message).toContain(`Counterexample: .kripke/${itf} (explorer: .kripke/${itf.replace('.itf.json', '.html')})`);
    expect(message).not.toMatch(/\u001b/);
    // GitHub keeps at most 64 KB of an annotation's message; the head carries what matters.
    expect(Buffer.byteLength(message)).toBeLessThan(65_536);
    expect(message.split('\n').slice(0, 6).join('\n')).toContain('Counterexample:');
  });

  it(runner === 'Vitest' ? 'prints the failure and the annotation that docs/ci.md shows' : 'prints the annotation docs/ci.md describes (its pasted lines are Vitest’s)', () => {
    const actual = first.output.split('\n').find((l) => l.startsWith('::error '));
    if (runner !== 'Vitest') {
      expect(actual).toContain(`Counterexample: .kripke/${itf}`);
      return;
    }
    expect(checkPastedFailures(first.output, ' FAIL  survives.test.ts > ')).toBe(1);
    const pasted = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8').split('\n').find((l) => l.startsWith('::error '));
    expect(pasted).toBe(actual?.split(project).join('/home/runner/work/app/app'));
  });

  it('turns the file into a passing and a failing regression test with toReplay', () => {
    const out = stripAnsi(replay.output);
    if (runner === 'Vitest') expect(out).toMatch(/Tests\s+2 failed \| 2 passed/);
    else expect(out).toMatch(/Tests:\s+2 failed, 2 passed, 4 total/);
    expect(out).toContain(`Expected the counterexample in .kripke/${itf} no longer to reproduce, but it does: both steps replay and always-responsive still breaks at the end.`);
    expect(out).toContain(`Expected the counterexample in .kripke/${itf} to reproduce, but step 2 \`k8s:evict-pod\` now leads to another state: state.restarts was 0, is now 1.`);
  });

  it("stops at kripke's own budget before the runner's test timeout, and says how to raise both", () => {
    const out = stripAnsi(budget.output);
    expect(out).toContain('timeout of 800 ms ran out');
    expect(out).toContain("kripke's timeout was 800 ms; by default a matcher takes 80% of the test's timeout (1000 ms), so that kripke's message comes before the runner's.");
    expect(out).toMatch(/To search longer, raise both: kripke's timeout \(\{ timeout: 20000 \} on the matcher, configure\(\{ timeout \}\) or KRIPKE_TIMEOUT\) and the test's \(it\(name, fn, 30_000\)/);
    expect(out).not.toMatch(/timed out in 1000ms|Exceeded timeout of 1000 ms/);
  });

  it('warns in the test output when a pass never fired an action', () => {
    const out = stripAnsi(budget.output);
    expect(out).toContain("kripke: toSatisfyInvariants passed, but this action never fired in 3 reachable states: reset. A pass that never fires an action may be vacuous; { deadActions: 'fail' } (or configure({ deadActions: 'fail' })) fails on this, 'ignore' silences it.");
  });

  it('has an explorer that headless Chromium renders: the steps, the violation marked, the state tree, the residual assumptions', () => {
    const dom = renderedDom(join(project, '.kripke', itf.replace('.itf.json', '.html')));
    expect(dom.match(/<li class="step[^"]*"/g)).toHaveLength(3);
    expect(dom).toMatch(/<li class="step environment violation selected" data-index="2">/);
    expect(dom).toContain('<span class="action">k8s:evict-pod</span><span class="env">k8s</span>');
    expect(dom).toContain('<span class="before">"healthy"</span> → <span class="after">"unresponsive"</span>');
    expect(dom).toContain('<h2>State at step 2</h2>');
    expect(dom).toContain('<span class="value">"unresponsive"</span>');
    expect(dom).toContain('<strong>node-capacity</strong> [k8s]: At least one schedulable node is always available after eviction');
  });
});

describe('Jest: a file with concurrent tests', () => {
  it("loads the matchers and the rendering before its tests: the first matcher after a concurrent test ended was refused a require (review20b)", async () => {
    const { project, bin, args } = RUNNERS[1];
    installBuiltPackage(project);
    const run = await runNode(bin, args('concurrent-first.test.js'), project, { CI: 'true', NO_COLOR: '1', KRIPKE_ARTIFACTS: 'false' });
    const out = stripAnsi(run.output);
    expect(out).not.toContain('outside of the scope of the test code');
    expect(out).toContain('invariant "below 3" is violated after 3 steps');
    expect(out).toMatch(/✓ ends first/);
    expect(out).toMatch(/✕ checks after it/);
    expect(out).toMatch(/✕ checks in isolateModules after it/);
    expect(out.split('invariant "below 3" is violated after 3 steps').length - 1).toBe(2);
    // With injectGlobals: false (review20c: the setup file looked for a global beforeAll).
    const bare = await runNode(bin, [...args('concurrent-first-noglobals.test.js'), '-c', 'jest.noglobals.config.js'], project, { CI: 'true', NO_COLOR: '1', KRIPKE_ARTIFACTS: 'false' });
    const plain = stripAnsi(bare.output);
    expect(plain).not.toContain('outside of the scope of the test code');
    expect(plain).toContain('invariant "below 3" is violated after 3 steps');
  }, 120_000);
});
