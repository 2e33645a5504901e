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
