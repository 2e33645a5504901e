// Counterexample files: what a failing matcher writes (ITF + explorer), where,
// and what it says; toReplay on those files; dead actions; the timeout advice.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as jestMatcherUtils from 'jest-matcher-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { check, checkOpen, configure, defineImplementation, defineModel, fromITF, replayTrace, toITF } from '../../src/index.js';
import { createMatchers, type MatcherResult } from '../../src/matchers/index.js';
import { artifactPaths, forgetWritten, safeSegment } from '../../src/matchers/artifacts.js';
import { setRunner } from '../../src/matchers/runner.js';
import { tagged } from '../support/runner-context.js';
import { k8s, service } from '../support/models.js';

let root: string;
const matchers = createMatchers() as unknown as Record<string, (this: unknown, ...a: unknown[]) => MatcherResult>;

/** Calls a matcher as a runner would inside test `testName` of `root/test/service.test.ts`. */
function run(name: string, received: unknown, args: unknown[], opts: { not?: boolean; testName?: string } = {}) {
  const ctx = { isNot: opts.not === true, promise: '', utils: jestMatcherUtils, testPath: join(root, 'test/service.test.ts'), currentTestName: opts.testName ?? 'service > survives eviction' };
  const r = matchers[name].call(ctx, received, ...args);
  return { fails: r.pass === (opts.not === true), message: tagged(r.message()).replaceAll(root, '<root>') };
}

const files = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/')).sort() : [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kripke-ci-'));
  forgetWritten();
  setRunner({ name: 'Test', root: () => root, testTimeout: () => 5000, raiseTimeout: "the test's" });
});
afterEach(() => {
  setRunner(undefined);
  configure({});
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('counterexample files', () => {
  it('a failing matcher writes valid ITF and an explorer under .kripke, named after the test file and test, and prints the path', () => {
    const o = run('toSurvive', service, [k8s(false)]);
    expect(o.fails).toBe(true);
    expect(files(join(root, '.kripke'))).toEqual(['test/service.test.ts/service-survives-eviction.html', 'test/service.test.ts/service-survives-eviction.itf.json']);
    expect(o.message.split('\n').slice(0, 4).join('\n')).toMatchSnapshot();
    const itf = JSON.parse(readFileSync(join(root, '.kripke/test/service.test.ts/service-survives-eviction.itf.json'), 'utf8'));
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'kripke', matcher: 'toSurvive', model: 'service', kind: 'invariant', property: 'always-responsive', test: 'service > survives eviction', testFile: 'test/service.test.ts' });
    expect(itf['#meta'].assumptions.map((a: { name: string }) => a.name).length).toBeGreaterThan(0);
    const back = fromITF(itf);
    expect(back.trace.map((s) => s.action)).toEqual([null, 'start', 'k8s:evict-pod']);
  });

  it('writes nothing on a pass, nor on a passing .not, nor with artifacts off', () => {
    expect(run('toSurvive', service, [k8s(true)]).fails).toBe(false);
    expect(run('toSurvive', service, [k8s(false)], { not: true }).fails).toBe(false);
    configure({ artifacts: false });
    expect(run('toSurvive', service, [k8s(false)]).message).not.toContain('Counterexample');
    expect(files(root)).toEqual([]);
  });

  it('KRIPKE_ARTIFACTS beats configure(); "false" turns them off', () => {
    configure({ artifacts: 'from-configure' });
    vi.stubEnv('KRIPKE_ARTIFACTS', 'from-env');
    run('toSurvive', service, [k8s(false)]);
    expect(files(root).every((f) => f.startsWith('from-env/'))).toBe(true);
    vi.stubEnv('KRIPKE_ARTIFACTS', 'false');
    forgetWritten();
    expect(run('toSurvive', service, [k8s(false)], { testName: 'other' }).message).not.toContain('Counterexample');
  });

  it('writes once per test: the same counterexample again (a watch-mode re-run) is not rewritten, a different one replaces it', () => {
    run('toSurvive', service, [k8s(false)]);
    const path = join(root, '.kripke/test/service.test.ts/service-survives-eviction.itf.json');
    writeFileSync(path, 'untouched');
    run('toSurvive', service, [k8s(false)]);
    expect(readFileSync(path, 'utf8')).toBe('untouched');
    const other = run('toSatisfyInvariants', defineModel({ init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n < 2 } }), []);
    expect(other.message).toContain('service-survives-eviction.itf.json');
    expect(fromITF(readFileSync(path, 'utf8')).meta).toMatchObject({ matcher: 'toSatisfyInvariants', property: 'small' });
    expect(files(join(root, '.kripke'))).toHaveLength(2);
  });

  it('a file that cannot be written is said in the message, never thrown', () => {
    writeFileSync(join(root, '.kripke'), 'a file where the folder should be');
    expect(run('toSurvive', service, [k8s(false)]).message).toContain('Counterexample not saved:');
  });
});

describe('artifact paths stay inside the folder whatever the test is called', () => {
  const folder = '/repo/.kripke';
  beforeEach(() => forgetWritten());
  const inside = (p: { itf: string; html: string }) => p.itf.startsWith(`${folder}/`) && p.html.startsWith(`${folder}/`);

  it.each([
    ['../../../etc/passwd', 'x'],
    ['/etc/passwd', '/etc/passwd'],
    ['..', '..'],
    ['.', '.'],
    ['a/../../b', '../../../../tmp/evil'],
    ['x'.repeat(5000), `${'y'.repeat(5000)}.ts`],
    ['C:\\Windows\\system32', 'nul\u0000byte'],
  ])('test name %s in file %s', (name, file) => {
    const p = artifactPaths('/repo', folder, file.startsWith('/') ? file : `/repo/${file}`, name);
    expect(inside(p)).toBe(true);
    expect(p.itf.split('/').every((seg) => seg.length <= 255)).toBe(true);
  });

  it('names that collide once made safe keep both files; a safe name stays readable', () => {
    expect(safeSegment('survives eviction')).toBe('survives-eviction');
    const names = ['a/b', 'a?b', 'a b', 'a-b', 'a:b', 'a/b'];
    const paths = names.map((n) => artifactPaths('/repo', folder, '/repo/t.test.ts', n).itf);
    expect(paths[0]).toBe('/repo/.kripke/t.test.ts/a-b.itf.json');
    expect(new Set(paths.slice(0, 5)).size).toBe(5);
    expect(paths[5]).toBe(paths[0]);
    expect(safeSegment('x'.repeat(500))).not.toBe(safeSegment(`${'x'.repeat(499)}y`));
  });

  it('test files outside the root with the same base name keep apart', () => {
    const a = artifactPaths('/repo', folder, '/other/a/x.test.ts', 't').itf;
    const b = artifactPaths('/repo', folder, '/other/b/x.test.ts', 't').itf;
    expect(a).toMatch(/^\/repo\/\.kripke\/x\.test\.ts-[0-9a-f]{8}\/t\.itf\.json$/);
    expect(a).not.toBe(b);
  });
});

describe('the explorer escapes what it shows', () => {
  it('puts a hostile state string in the page as escaped JSON only', () => {
    const evil = '</script><img src=x onerror=alert(1)>';
    const model = defineModel({ name: evil, init: { s: 'ok' }, actions: { [evil]: { apply: () => ({ s: evil }) } }, invariants: { [evil]: (s: { s: string }) => s.s === 'ok' } });
    run('toSatisfyInvariants', model, [], { testName: evil });
    const html = readdirSync(join(root, '.kripke/test/service.test.ts')).find((f) => f.endsWith('.html'))!;
    const page = readFileSync(join(root, '.kripke/test/service.test.ts', html), 'utf8');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('</script><');
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).toContain("default-src 'none'");
    // Loads nothing: no attribute anywhere points at a resource.
    const markup = page.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(markup).toContain('<script id="kripke-trace" type="application/json"></script>');
    expect(markup).not.toMatch(/<[a-z][^>]*\s(src|href|action|srcset|poster|data)\s*=/i);
  });
});

describe('replayTrace and toReplay', () => {
  const counter = (limit: number, step = 1) =>
    defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < limit, apply: (s) => ({ n: s.n + step }) } }, invariants: { small: (s) => s.n < 3 } });

  it('reproduces a saved counterexample, and says why not once the model changes', () => {
    const saved = JSON.stringify(toITF(check(counter(10)), { property: 'small' }));
    expect(replayTrace(counter(10), saved)).toMatchObject({ reproduced: true, reason: 'all 3 steps replay and small still breaks at the end' });
    expect(replayTrace(counter(2), saved)).toMatchObject({ reproduced: false, stoppedAt: 3, reason: 'step 3 `inc` is no longer enabled' });
    expect(replayTrace(counter(10, 2), saved)).toMatchObject({ reproduced: false, stoppedAt: 1, reason: 'step 1 `inc` now leads to another state: state.n was 1, is now 2' });
    const fixed = defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n < 5 } });
    expect(replayTrace(fixed, saved)).toMatchObject({ reproduced: false, reason: 'the trace runs to its end and small holds' });
  });

  it('replays environment behaviors and their choices, and names a missing environment', () => {
    const saved = toITF(checkOpen(service, k8s(false)));
    expect(replayTrace(service, saved, { environments: [k8s(false)] }).reproduced).toBe(true);
    expect(replayTrace(service, saved, { environments: [k8s(true)] })).toMatchObject({ reproduced: false, stoppedAt: 2 });
    expect(() => replayTrace(service, saved)).toThrow('step 2 `k8s:evict-pod` is a behavior of environment k8s, which was not given');
  });

  it('toReplay passes on a file that reproduces; .not fails with the reproduced trace', () => {
    run('toSurvive', service, [k8s(false)]);
    const file = join(root, '.kripke/test/service.test.ts/service-survives-eviction.itf.json');
    expect(run('toReplay', service, [file, { environments: [k8s(false)] }]).fails).toBe(false);
    const not = run('toReplay', service, [file, { environments: [k8s(false)] }], { not: true });
    expect(not.fails).toBe(true);
    expect(not.message.replace(/in \S+service-survives-eviction.itf.json/, 'in <file>')).toMatchSnapshot();
  });

  it('.not.toReplay passes after the fix and says why; toReplay then fails with the reason', () => {
    run('toSurvive', service, [k8s(false)]);
    const file = join(root, '.kripke/test/service.test.ts/service-survives-eviction.itf.json');
    expect(run('toReplay', service, [file, { environments: [k8s(true)] }], { not: true }).fails).toBe(false);
    const o = run('toReplay', service, [file, { environments: [k8s(true)] }]);
    expect(o.fails).toBe(true);
    expect(o.message.replace(/in \S+\.itf\.json/, 'in <file>')).toMatchSnapshot();
  });

  it('bad input is a usage error naming the path or the field', () => {
    expect(() => run('toReplay', service, ['nope/missing.itf.json'])).toThrow('no counterexample file at nope/missing.itf.json');
    expect(() => run('toReplay', service, ['{"states": [{"x": {"#bigint": "zz"}}]}'])).toThrow(/states\[0\]\.x/);
    expect(() => run('toReplay', service, [[{ action: null, state: {} }], { environment: [] }])).toThrow("unknown option 'environment'");
  });
});

describe('dead actions on a pass', () => {
  const vacuous = defineModel({ name: 'vacuous', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) }, reset: { enabled: (s: { n: number }) => s.n < 0, apply: () => ({ n: 0 }) } }, invariants: { small: (s) => s.n < 5 } });

  it('warns in the test output by default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(run('toSatisfyInvariants', vacuous, []).fails).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('kripke: toSatisfyInvariants passed, but this action never fired in 3 reachable states: reset.'));
    warn.mockRestore();
  });

  it('counts one reachable state as one (hostile19b)', () => {
    const still = defineModel({ name: 'still', init: { n: 0 }, actions: { never: { enabled: () => false, apply: (s: { n: number }) => s } }, invariants: { fine: () => true } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(run('toSatisfyInvariants', still, []).fails).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('this action never fired in the 1 reachable state: never.'));
    warn.mockRestore();
  });

  it('fails with { deadActions: "fail" } or configure({ deadActions: "fail" }); "ignore" says nothing', () => {
    const o = run('toSatisfyInvariants', vacuous, [{ deadActions: 'fail' }]);
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
    configure({ deadActions: 'fail' });
    expect(run('toBeDeadlockFree', defineModel({ init: { n: 0 }, actions: { loop: { apply: (s: { n: number }) => s }, never: { enabled: () => false, apply: (s: { n: number }) => s } } }), []).fails).toBe(true);
    const warn = vi.spyOn(console, 'warn');
    expect(run('toSatisfyInvariants', vacuous, [{ deadActions: 'ignore' }]).fails).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a bad value is a usage error', () => {
    expect(() => run('toSatisfyInvariants', vacuous, [{ deadActions: 'loud' }])).toThrow("deadActions must be 'warn', 'fail' or 'ignore'");
  });
});

describe('budgets that fit the runner', () => {
  const big = defineModel({ name: 'big', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { ok: () => true } });

  it("a timeout names where kripke's came from and how to raise both", () => {
    setRunner({ name: 'Test', root: () => root, testTimeout: () => 50, raiseTimeout: "the test's (it(name, fn, 30_000))" });
    const o = run('toSatisfyInvariants', big, [{ maxStates: Infinity }]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain("kripke's timeout was 40 ms; by default a matcher takes 80% of the test's timeout (50 ms)");
    expect(o.message).toContain("To search longer, raise both: kripke's timeout ({ timeout: 20000 } on the matcher, configure({ timeout }) or KRIPKE_TIMEOUT) and the test's (it(name, fn, 30_000)).");
  });

  it('a timeout set by the matcher, KRIPKE_TIMEOUT or configure is named as such, not as the default (hostile19c)', () => {
    setRunner({ name: 'Test', root: () => root, testTimeout: () => 50, raiseTimeout: "the test's (it(name, fn, 30_000))" });
    const explicit = run('toSatisfyInvariants', big, [{ maxStates: Infinity, timeout: 60 }]);
    expect(explicit.message).toContain("kripke's timeout was 60 ms, set by the matcher's { timeout }, not less than the test's own timeout (50 ms): the runner may stop the test first.");
    expect(explicit.message).not.toContain('by default');
    vi.stubEnv('KRIPKE_TIMEOUT', '30');
    try {
      expect(run('toSatisfyInvariants', big, [{ maxStates: Infinity }]).message).toContain("kripke's timeout was 30 ms, set by KRIPKE_TIMEOUT.");
    } finally {
      vi.unstubAllEnvs();
    }
    // A factor above 1 cannot raise the default past its cap: not named (review19b).
    vi.stubEnv('KRIPKE_BUDGET_FACTOR', '3');
    try {
      expect(run('toSatisfyInvariants', big, [{ maxStates: Infinity }]).message).toContain("kripke's timeout was 40 ms; by default a matcher takes 80% of the test's timeout (50 ms)");
    } finally {
      vi.unstubAllEnvs();
    }
    const previous = configure({ timeout: 20 });
    try {
      expect(run('toSatisfyInvariants', big, [{ maxStates: Infinity }]).message).toContain("kripke's timeout was 20 ms, set by configure({ timeout }).");
    } finally {
      configure(previous);
    }
  });
});

describe('messages within GitHub annotation limits', () => {
  it('a huge failure keeps its head (headline, file) and tail (violation) under 60 KB; the whole message goes to the log', () => {
    const big = defineModel({ name: 'big', init: { n: 0, pad: '' }, actions: { grow: { apply: (s: { n: number; pad: string }) => ({ n: s.n + 1, pad: `${'x'.repeat(1500)}${s.n}` }) } }, invariants: { small: (s) => s.n < 60 } });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const o = run('toSatisfyInvariants', big, []);
    expect(o.fails).toBe(true);
    expect(Buffer.byteLength(o.message)).toBeLessThan(60_000);
    expect(o.message).toContain('invariant "small" is violated after 60 steps');
    expect(o.message).toContain('Counterexample: <root>/.kripke/test/service.test.ts/service-survives-eviction.itf.json');
    expect(o.message).toMatch(/… \d+ lines not shown, to keep this message within GitHub's 64 KB annotation limit/);
    expect(o.message).toContain('✗ violates invariant "small"');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0]).length).toBeGreaterThan(80_000);
    error.mockRestore();
  });

  it('a message that fits is left whole', () => {
    const o = run('toSurvive', service, [k8s(false)]);
    expect(o.message).not.toContain('lines not shown');
  });
});

describe('the conformance matchers write their traces too', () => {
  const counter = defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) } } });

  it('toBeImplementedBy: the path to the divergence, with the implementation and the step', async () => {
    const skips = defineImplementation({ name: 'skips', create: () => ({ n: 0 }), actions: { inc: (c: { n: number }) => void (c.n += c.n === 1 ? 2 : 1) }, observe: (c) => ({ n: c.n }) });
    const ctx = { isNot: false, promise: '', utils: jestMatcherUtils, testPath: join(root, 'test/counter.test.ts'), currentTestName: 'counter conforms' };
    const r = await (matchers.toBeImplementedBy as unknown as (this: unknown, ...a: unknown[]) => Promise<MatcherResult>).call(ctx, counter, skips);
    expect(r.pass).toBe(false);
    expect(r.message()).toContain('Counterexample:');
    const saved = fromITF<{ n: number }>(readFileSync(join(root, '.kripke/test/counter.test.ts/counter-conforms.itf.json'), 'utf8'));
    expect(saved.meta).toMatchObject({ matcher: 'toBeImplementedBy', kind: 'divergence', implementation: 'skips', step: 2 });
    expect(saved.trace.map((s) => s.action)).toEqual([null, 'inc', 'inc']);
    expect(replayTrace(counter, saved.trace).reproduced).toBe(false);
  });

  it('toAccept: the explained prefix of an unexplained log, with the event index', () => {
    const o = run('toAccept', counter, [[{ action: 'inc' }, { state: { n: 5 } }]], { testName: 'log' });
    expect(o.fails).toBe(true);
    const saved = fromITF(readFileSync(join(root, '.kripke/test/service.test.ts/log.itf.json'), 'utf8'));
    expect(saved.meta).toMatchObject({ matcher: 'toAccept', kind: 'unexplained', at: 1 });
  });
});
