/**
 * `kripke/vitest`: add it to Vitest's `setupFiles`. It registers the matchers
 * (each failure entirely in the message, as under Jest), `toMatchAssumptionsSnapshot`
 * and the snapshot serializer. Its types extend Vitest 4's `expect`; on Vitest 5 use
 * `kripke/vitest5`, which registers the same and types Vitest 5's `expect`.
 * Every test file pays for it: the matchers, the checker and the rendering load
 * on the first matcher call (src/matchers/lazy.ts).
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['kripke/vitest'] } });
 *
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
import { expect, onTestFinished } from 'vitest';
import './augment/jest-namespace.js';
import { deferredMatchers, imported, MATCHER_NAMES, type ModuleLoader, sharedRequire } from './matchers/lazy.js';
import * as runnerModule from './matchers/runner.js';
import { snapshotSerializer } from './render/snapshot-serializer.js';

/** Set by scripts/build.mjs in each build of this entry; undefined when it runs from its source. */
declare const KRIPKE_FORMAT: 'esm' | 'cjs' | undefined;

type Retry = number | { count?: number; condition?: RegExp | ((error: unknown) => boolean) };
type Task = {
  type?: string;
  name?: string;
  timeout?: number;
  fails?: boolean;
  concurrent?: boolean;
  retry?: Retry;
  repeats?: number;
  result?: { state?: string; startTime?: number; retryCount?: number; repeatCount?: number; errors?: { message?: string }[] };
  file?: Task;
  tasks?: Task[];
};
type WorkerState = { config?: { root?: string; testTimeout?: number }; current?: Task };
const worker = (): WorkerState | undefined => (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__;

/**
 * Vitest will not run this failed attempt of the test again: its retries are
 * spent, or its retry condition refuses the error (as @vitest/runner decides).
 * Under `repeats` every failed attempt counts as the last: Vitest counts
 * retries on across repeats, so which retry of its repeat this is cannot be told.
 */
function lastAttempt(task: Task): boolean {
  const { retry, result } = task;
  const count = retry === undefined ? 0 : typeof retry === 'number' ? retry : (retry.count ?? 0);
  if ((task.repeats ?? 0) > 0 || (result?.retryCount ?? 0) >= count) return true;
  const errors = result?.errors ?? [];
  const condition = typeof retry === 'object' ? retry.condition : undefined;
  if (errors.length === 0) return true;
  if (condition === undefined) return false;
  try {
    const error = errors[errors.length - 1];
    return condition instanceof RegExp ? !condition.test(error.message ?? '') : typeof condition === 'function' ? !condition(error) : true;
  } catch {
    return true;
  }
}

/** The tests under `task` running now (started, not ended). */
function running(task: Task | undefined): Task[] {
  if (task === undefined) return [];
  return [...(task.type === 'test' && task.result?.state === 'run' ? [task] : []), ...(task.tasks ?? []).flatMap(running)];
}

/** While tests of the file run concurrently: the least time one of them has left before its timeout, and its name. */
function concurrentLimit(): { ms: number; test: string } | undefined {
  const state = worker();
  const together = running(state?.current?.file);
  if (together.length <= 1) return undefined;
  let least: { ms: number; test: string } | undefined;
  for (const t of together) {
    const timeout = t.timeout ?? state?.config?.testTimeout;
    const start = t.result?.startTime;
    if (typeof timeout !== 'number' || timeout <= 0 || typeof start !== 'number') continue;
    // Never more than its whole timeout (a test that fakes Date into the past, review20c). Past its timeout: another
    // test limits nothing (it overran), the current one (a retry: startTime is the first attempt's) its whole timeout.
    let ms = Math.min(timeout, start + timeout - Date.now());
    if (ms <= 0 && t === state?.current) ms = timeout;
    if (ms > 0 && (least === undefined || ms < least.ms)) least = { ms, test: t.name ?? '' };
  }
  return least;
}

/**
 * Why Vitest cannot say which test made this matcher call, or undefined when
 * it can. While tests of the file run concurrently, the global `expect` is
 * given the test that started last, and a matcher cannot tell it from a test
 * context's `expect`: no test is named then.
 */
function uncertainTest(context: unknown): string | undefined {
  const { task } = (context ?? {}) as { task?: Task };
  if (task === undefined) return 'Vitest did not say which test made this call (a concurrent test calling the global expect, or a hook), so the file is named by its counterexample.';
  if (running(task.file).length <= 1) return undefined;
  return 'This test runs concurrently with others, and a matcher cannot tell which of them called expect (Vitest names the one that started last), so the file is named by its counterexample.';
}

runnerModule.setRunner({
  name: 'Vitest',
  root: () => worker()?.config?.root ?? process.cwd(),
  testTimeout: () => worker()?.current?.timeout ?? worker()?.config?.testTimeout,
  concurrentLimit,
  raiseTimeout: "the test's (it(name, fn, 30_000), or test.testTimeout in vitest.config)",
  currentTest: () => worker()?.current,
  attempt: () => (worker()?.current?.result?.repeatCount ?? 0) * 65536 + (worker()?.current?.result?.retryCount ?? 0),
  uncertainTest,
  // onTestFinished runs after each attempt, and before Vitest flips an it.fails test's outcome: a failure there is a pass;
  // a failed attempt that will be retried is not the outcome (a test that passes in the end writes nothing).
  afterTest: (fn) =>
    onTestFinished((context) => {
      const task = (context as { task?: unknown }).task as Task | undefined;
      const failed = task?.result?.state === 'fail';
      if (failed && task !== undefined && !lastAttempt(task)) return;
      fn(failed !== (task?.fails === true));
    }),
});

// The modules the matchers load from (relative to this file), and the loader:
// CommonJS has its own `require`; an ES module uses one only where it shares
// this build's module instances, else imports them now.
const MATCHERS = './matchers/create-matchers.js';
const SNAPSHOT = './snapshot/vitest.js';
let load: ModuleLoader;
if (typeof KRIPKE_FORMAT !== 'undefined' && KRIPKE_FORMAT === 'cjs') load = require;
else {
  load =
    sharedRequire(() => createRequire(import.meta.url), './matchers/runner.js', runnerModule) ??
    imported({ [MATCHERS]: await import('./matchers/create-matchers.js'), [SNAPSHOT]: await import('./snapshot/vitest.js') });
}

expect.extend(
  deferredMatchers([...MATCHER_NAMES, 'toMatchAssumptionsSnapshot'], () => ({
    ...(load(MATCHERS) as typeof import('./matchers/create-matchers.js')).createMatchers({ renderMode: 'diff' }),
    toMatchAssumptionsSnapshot: (load(SNAPSHOT) as typeof import('./snapshot/vitest.js')).toMatchAssumptionsSnapshot,
  })),
);
expect.addSnapshotSerializer(snapshotSerializer);
