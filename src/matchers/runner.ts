/**
 * What the runner entry tells the matchers about the runner they run in: its
 * root folder (where `.kripke/` goes) and the current test's timeout (from
 * which the matchers' own default timeout is derived, so that kripke's budget
 * message comes before the runner's "Test timed out"). Set once by
 * `createMatchers({ runner })`; a runner that says nothing gets the working
 * directory and a timeout below 5 s.
 */
import type { BaseDefaults } from '../checker/options.js';

/** The runner, as the matchers see it. */
export interface RunnerInfo {
  /** `Vitest` or `Jest`, for the advice in messages. */
  readonly name: string;
  /** The runner's root folder. */
  readonly root: () => string;
  /** The current test's timeout in milliseconds, where the runner exposes it. */
  readonly testTimeout: () => number | undefined;
  /**
   * While tests of the file run concurrently: the least time any of them has
   * left before its timeout, and which. A matcher blocks the thread, so every
   * test running must still be within its timeout when it returns (the runner
   * names the test that started last, which need not be the caller).
   */
  readonly concurrentLimit?: () => { readonly ms: number; readonly test: string } | undefined;
  /** How a user raises the test's timeout in this runner. */
  readonly raiseTimeout: string;
  /** The running test, as an object that stays the same for one run of one test (Vitest's task, jest-circus's test entry). */
  readonly currentTest?: () => unknown;
  /** Which attempt of the running test this is (retries and repeats count anew), where the runner says. */
  readonly attempt?: () => number;
  /**
   * Why the runner cannot tell which test made this matcher call (a test that
   * runs concurrently with others: the name it gives may be another's), or
   * undefined when it can. `context` is the matcher's `this`.
   */
  readonly uncertainTest?: (context: unknown) => string | undefined;
  /**
   * Calls `fn` once the running test has ended, with whether it failed in the
   * end (after `it.fails` is taken into account), where the runner tells it
   * (Vitest's `onTestFinished`); false where it cannot.
   */
  readonly afterTest?: (fn: (failed: boolean) => void) => unknown;
}

/** The timeout of a matcher when the runner exposes none: below the runners' 5 s. */
export const FALLBACK_TIMEOUT = 4_000;

/** The share of the test's timeout a matcher's search may take by default. */
export const TIMEOUT_SHARE = 0.8;

const unknownRunner: RunnerInfo = {
  name: 'the runner',
  root: () => process.cwd(),
  testTimeout: () => undefined,
  raiseTimeout: "the test's own timeout (it(name, fn, 30_000), or the runner's testTimeout setting)",
};

let current: RunnerInfo = unknownRunner;

/** Sets the runner the matchers run in (the runner entries call it through `createMatchers`). */
export function setRunner(runner: RunnerInfo | undefined): void {
  current = runner ?? unknownRunner;
}

/** The runner the matchers run in. */
export function runner(): RunnerInfo {
  return current;
}

/** The test's timeout, if the runner gives a usable one (Jest's 0 and huge values mean none). */
function usableTimeout(): number | undefined {
  let t: number | undefined;
  try {
    t = current.testTimeout();
  } catch {
    t = undefined;
  }
  return typeof t === 'number' && t > 0 && t < 2 ** 31 ? t : undefined;
}

/** The concurrent limit the last matcher started with (its message explains the timeout it derived). */
let limitAtStart: { ms: number; test: string } | undefined;

/**
 * The tightest time left among tests running concurrently (the caller among
 * them). It replaces the current test's timeout: the runner's "current" test
 * may be another, or none once one of them has ended (review20b).
 */
function concurrentLimit(): { ms: number; test: string } | undefined {
  try {
    const c = current.concurrentLimit?.();
    return c !== undefined && c.ms > 0 && Number.isFinite(c.ms) ? c : undefined;
  } catch {
    return undefined;
  }
}

/** The matchers' defaults under the global ones: 80% of the test's timeout (or of the least time a concurrent test has left), else 4 s. */
export function matcherDefaults(): BaseDefaults {
  const t = usableTimeout();
  limitAtStart = concurrentLimit();
  const base = limitAtStart?.ms ?? t;
  if (base === undefined) return { timeout: FALLBACK_TIMEOUT };
  const derived = Math.max(1, Math.floor(base * TIMEOUT_SHARE));
  return { timeout: derived, timeoutCap: derived };
}

/** What a matcher's default timeout came from, as it started: a matcher that awaits keeps it, since concurrent tests' matchers start meanwhile. */
export interface TimeoutContext {
  readonly limit: { readonly ms: number; readonly test: string } | undefined;
  readonly testTimeout: number | undefined;
}

/** The context of the matcher that started last (call right after `matcherDefaults`). */
export function timeoutContext(): TimeoutContext {
  return { limit: limitAtStart, testTimeout: usableTimeout() };
}

/**
 * The advice under a timeout: where kripke's timeout came from (`from`: what set
 * it, when not the matcher's default) and how to raise both it and the test's.
 *
 * @example
 * timeoutAdvice(4000);
 * // ["kripke's timeout of 4000 ms is 80% of the test's timeout (5000 ms), so that this message comes before the runner's.",
 * //  'To search longer, raise both: kripke's ({ timeout: 20_000 }, configure({ timeout }) or KRIPKE_TIMEOUT) and the test's (…).']
 */
export function timeoutAdvice(limit: number, from?: string, at: TimeoutContext = timeoutContext()): string[] {
  const t = at.testTimeout;
  const c = from === undefined ? at.limit : undefined;
  if (c !== undefined) {
    return [
      `kripke's timeout was ${limit} ms: ${TIMEOUT_SHARE * 100}% of the ${Math.round(c.ms)} ms that ${JSON.stringify(c.test)}, running concurrently, had left of its timeout when this matcher started (a matcher blocks every test of the file while it searches).`,
      `To search longer, run this test on its own (not concurrently), or raise kripke's timeout ({ timeout: ${Math.max(limit * 5, 20_000)} } on the matcher, configure({ timeout }) or KRIPKE_TIMEOUT) together with the timeouts of the tests that run beside it.`,
    ];
  }
  const late = t !== undefined && limit >= t ? `, not less than the test's own timeout (${t} ms): the runner may stop the test first` : '';
  const origin =
    from !== undefined
      ? `kripke's timeout was ${limit} ms, set by ${from}${late}.`
      : t === undefined
        ? `kripke's timeout was ${limit} ms (a matcher's default is ${FALLBACK_TIMEOUT} ms, below the runners' 5 s).`
        : `kripke's timeout was ${limit} ms; by default a matcher takes ${TIMEOUT_SHARE * 100}% of the test's timeout (${t} ms), so that kripke's message comes before the runner's.`;
  return [
    origin,
    `To search longer, raise both: kripke's timeout ({ timeout: ${Math.max(limit * 5, 20_000)} } on the matcher, configure({ timeout }) or KRIPKE_TIMEOUT) and ${current.raiseTimeout}.`,
  ];
}
