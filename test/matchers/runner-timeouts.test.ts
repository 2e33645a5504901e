// The timeout a matcher derives from the runner: 80% of the current test's,
// and while tests run concurrently, 80% of the least time one of them has left
// (the runner names the test that started last, or none once one has ended).
import { afterEach, describe, expect, it } from 'vitest';
import { matcherDefaults, setRunner, timeoutAdvice, type RunnerInfo } from '../../src/matchers/runner.js';

const base: RunnerInfo = { name: 'Test', root: () => process.cwd(), testTimeout: () => 5_000, raiseTimeout: "the test's" };
afterEach(() => setRunner(undefined));

describe("a matcher's default timeout", () => {
  it('alone: 80% of the test timeout, and the message says so', () => {
    setRunner(base);
    expect(matcherDefaults()).toEqual({ timeout: 4_000, timeoutCap: 4_000 });
    expect(timeoutAdvice(4_000)[0]).toBe("kripke's timeout was 4000 ms; by default a matcher takes 80% of the test's timeout (5000 ms), so that kripke's message comes before the runner's.");
  });

  it("concurrently: 80% of the least time left, even above the current test's timeout (review20b: once a test had ended, the runner's 5 s default replaced 59 s left)", () => {
    setRunner({ ...base, concurrentLimit: () => ({ ms: 59_500, test: 'B' }) });
    expect(matcherDefaults()).toEqual({ timeout: 47_600, timeoutCap: 47_600 });
    expect(timeoutAdvice(47_600)[0]).toBe('kripke\'s timeout was 47600 ms: 80% of the 59500 ms that "B", running concurrently, had left of its timeout when this matcher started (a matcher blocks every test of the file while it searches).');
  });

  it('concurrently, below: the neighbour that has least time left', () => {
    setRunner({ ...base, concurrentLimit: () => ({ ms: 1_000, test: 'A' }) });
    expect(matcherDefaults().timeout).toBe(800);
  });

  it('a limit that is no time (0, negative, NaN) or throws is no limit: the test timeout rules', () => {
    for (const ms of [0, -100, Number.NaN]) {
      setRunner({ ...base, concurrentLimit: () => ({ ms, test: 'A' }) });
      expect(matcherDefaults().timeout).toBe(4_000);
    }
    setRunner({ ...base, concurrentLimit: () => { throw new Error('runner internals moved'); } });
    expect(matcherDefaults().timeout).toBe(4_000);
  });
});

describe('toAccept takes the default every matcher takes (review20b: checkTrace\'s own 30 s blocked a 3 s neighbour past its timeout)', () => {
  it('80% of the test timeout, as the message says', async () => {
    const { defineModel } = await import('../../src/index.js');
    const { createMatchers } = await import('../../src/matchers/index.js');
    const jestMatcherUtils = await import('jest-matcher-utils');
    setRunner({ ...base, testTimeout: () => 250 });
    const slow = defineModel({ name: 'slow', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => { for (const until = Date.now() + 5; Date.now() < until; ); return { n: s.n + 1 }; } } }, invariants: { fine: () => true } });
    const events = Array.from({ length: 400 }, () => ({ action: 'inc' }));
    const outcome = createMatchers().toAccept.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, slow, events);
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toContain('incomplete — the timeout budget (200) ran out at event');
    // Where the 200 ms came from, and how to search longer, as every matcher says (review20c: it said neither).
    expect(outcome.message()).toContain("kripke's timeout was 200 ms; by default a matcher takes 80% of the test's timeout (250 ms), so that kripke's message comes before the runner's.");
    const set = createMatchers().toAccept.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, slow, events, { timeout: 150 });
    expect(set.message()).toContain("kripke's timeout was 150 ms, set by the matcher's { timeout }.");
  });
});

describe('toBeImplementedBy takes the default every matcher takes', () => {
  it('80% of the test timeout (it was checkConformance\'s 30 s)', async () => {
    const { defineImplementation, defineModel } = await import('../../src/index.js');
    const { createMatchers } = await import('../../src/matchers/index.js');
    const jestMatcherUtils = await import('jest-matcher-utils');
    setRunner({ ...base, testTimeout: () => 250 });
    const slow = defineModel({ name: 'slow', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => { for (const until = Date.now() + 2; Date.now() < until; ); return { n: s.n + 1 }; } } }, invariants: { fine: () => true } });
    const impl = defineImplementation({ create: () => ({ n: 0 }), actions: { inc: (sut: { n: number }) => { sut.n++; } }, observe: (sut: { n: number }) => ({ n: sut.n }) });
    const outcome = await createMatchers().toBeImplementedBy.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, slow, impl);
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toMatch(/timeout/);
    expect(outcome.message()).toContain('200');
    expect(outcome.message()).toContain("kripke's timeout was 200 ms; by default a matcher takes 80% of the test's timeout (250 ms), so that kripke's message comes before the runner's.");
  });
});

describe('toBeImplementedBy explains the timeout it started with, though another matcher starts while it awaits (review21)', () => {
  it('names the neighbour of its own start, not of the last matcher to start', async () => {
    const { defineImplementation, defineModel } = await import('../../src/index.js');
    const { createMatchers } = await import('../../src/matchers/index.js');
    const jestMatcherUtils = await import('jest-matcher-utils');
    let neighbour = { ms: 250, test: 'A' };
    setRunner({ ...base, concurrentLimit: () => neighbour });
    const slow = defineModel({ name: 'slow', init: { n: 0 }, actions: { one: { enabled: (s: { n: number }) => s.n === 0, apply: () => ({ n: 1 }) }, two: { enabled: (s: { n: number }) => s.n === 0, apply: () => ({ n: 2 }) }, three: { enabled: (s: { n: number }) => s.n === 0, apply: () => ({ n: 3 }) } }, terminal: () => true });
    const impl = defineImplementation({
      create: async () => {
        // Another concurrent test's matcher starts meanwhile.
        neighbour = { ms: 60_000, test: 'B' };
        matcherDefaults();
        for (const until = Date.now() + 150; Date.now() < until; );
        return { n: 0 };
      },
      actions: { one: (sut: { n: number }) => { sut.n = 1; }, two: (sut: { n: number }) => { sut.n = 2; }, three: (sut: { n: number }) => { sut.n = 3; } },
      observe: (sut: { n: number }) => ({ n: sut.n }),
    });
    const outcome = await createMatchers().toBeImplementedBy.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, slow, impl);
    expect(outcome.pass).toBe(false);
    expect(outcome.message()).toMatch(/incomplete — the timeout budget \(200\) ran out: nothing is proven \([1-9]/);
    expect(outcome.message()).toContain('kripke\'s timeout was 200 ms: 80% of the 250 ms that "A", running concurrently, had left of its timeout when this matcher started');
  });
});
