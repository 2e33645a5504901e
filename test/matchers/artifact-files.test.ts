// Counterexample files, second round: one file per failure within a test
// (expect.soft), names that collide on case-insensitive file systems or are
// reserved on Windows, and the annotation size as GitHub counts it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jestMatcherUtils from 'jest-matcher-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineModel, fromITF } from '../../src/index.js';
import { createMatchers, type MatcherResult } from '../../src/matchers/index.js';
import { artifactPaths, forgetWritten, safeSegment } from '../../src/matchers/artifacts.js';
import { setRunner } from '../../src/matchers/runner.js';

const matchers = createMatchers() as unknown as Record<string, (this: unknown, ...a: unknown[]) => MatcherResult>;
let root: string;
let test: object = {};
let finished: ((failed: boolean) => void)[] = [];

function run(received: unknown, testName = 't > soft') {
  const ctx = { isNot: false, promise: '', utils: jestMatcherUtils, testPath: join(root, 'x.test.ts'), currentTestName: testName };
  const r = matchers.toSatisfyInvariants.call(ctx, received);
  return r.message();
}

const counter = (limit: number) => defineModel({ name: `c${limit}`, init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n < limit } });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kripke-files-'));
  forgetWritten();
  test = {};
  finished = [];
  setRunner({ name: 'Test', root: () => root, testTimeout: () => 5000, raiseTimeout: "the test's", currentTest: () => test });
});
afterEach(() => {
  setRunner(undefined);
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('two failures in one test', () => {
  it('each has its own file, in order, and each message names its own', () => {
    const first = run(counter(2));
    const second = run(counter(3));
    expect(first).toContain('.kripke/x.test.ts/t-soft.itf.json');
    expect(second).toContain('.kripke/x.test.ts/t-soft-2.itf.json');
    expect(fromITF(readFileSync(join(root, '.kripke/x.test.ts/t-soft.itf.json'), 'utf8')).trace).toHaveLength(3);
    expect(fromITF(readFileSync(join(root, '.kripke/x.test.ts/t-soft-2.itf.json'), 'utf8')).trace).toHaveLength(4);
  });

  it('the same test run again starts from the first file again', () => {
    run(counter(2));
    test = {};
    expect(run(counter(3))).toContain('.kripke/x.test.ts/t-soft.itf.json');
  });
});

describe('a runner that tells the test outcome: files only for a failed test', () => {
  beforeEach(() => {
    setRunner({ name: 'Test', root: () => root, testTimeout: () => 5000, raiseTimeout: "the test's", currentTest: () => test, afterTest: (fn) => finished.push(fn) });
  });

  it('a test that passes in the end (it.fails, a caught failure) writes nothing', () => {
    expect(run(counter(2))).toContain('.kripke/x.test.ts/t-soft.itf.json');
    expect(existsSync(join(root, '.kripke'))).toBe(false);
    finished.forEach((fn) => fn(false));
    expect(existsSync(join(root, '.kripke'))).toBe(false);
  });

  it('a failed test writes its files when it ends', () => {
    run(counter(2));
    finished.forEach((fn) => fn(true));
    expect(existsSync(join(root, '.kripke/x.test.ts/t-soft.itf.json'))).toBe(true);
    expect(existsSync(join(root, '.kripke/x.test.ts/t-soft.html'))).toBe(true);
  });
});

describe('names on every file system', () => {
  const folder = '/repo/.kripke';
  it('names that differ only in case keep apart', () => {
    const a = artifactPaths('/repo', folder, '/repo/t.test.ts', 'Foo').itf;
    const b = artifactPaths('/repo', folder, '/repo/t.test.ts', 'foo').itf;
    expect(a).toBe('/repo/.kripke/t.test.ts/Foo.itf.json');
    expect(b.toLowerCase()).not.toBe(a.toLowerCase());
  });

  it.each(['CON', 'nul', 'aux.', 'com1', 'LPT9', 'prn.txt'])('%s is not a Windows reserved name once made safe', (name) => {
    const seg = safeSegment(name);
    expect(seg).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
    expect(seg).not.toMatch(/[. ]$/);
  });
});

describe('the annotation as GitHub counts it', () => {
  it('200 steps of 40 fields, colours off: the workflow-command encoding stays within 64 KB', () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('GITHUB_ACTIONS', 'true');
    const fields = (n: number) => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, n]));
    const wide = defineModel({ name: 'wide', init: fields(0), actions: { step: { apply: (s: Record<string, number>) => fields(s.f0 + 1) } }, invariants: { short: (s) => s.f0 < 200 } });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const plain = { ...jestMatcherUtils, RECEIVED_COLOR: (t: string) => t, EXPECTED_COLOR: (t: string) => t, DIM_COLOR: (t: string) => t, BOLD_WEIGHT: (t: string) => t, INVERTED_COLOR: (t: string) => t };
    const ctx = { isNot: false, promise: '', utils: plain, testPath: join(root, 'x.test.ts'), currentTestName: 'wide' };
    const message = matchers.toSatisfyInvariants.call(ctx, wide, { maxDepth: 250 }).message();
    error.mockRestore();
    // GitHub's escapeData: % → %25, \r → %0D, \n → %0A.
    const encoded = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    expect(message).toContain('invariant "short" is violated after 200 steps');
    expect(Buffer.byteLength(encoded)).toBeLessThanOrEqual(64 * 1024);
  });
});
