/**
 * `kripke/jest`: add it to Jest's `setupFilesAfterEnv`. It registers the
 * matchers (everything in the message: Jest prints nothing else),
 * `toMatchAssumptionsSnapshot` (through `jest-snapshot`, loaded when first
 * used) and the snapshot serializer. Its types extend `expect` from
 * `@jest/globals` and the global `expect` of `@types/jest`. Every test file
 * pays for it: the matchers, the checker and the rendering load on the first
 * matcher call (src/matchers/lazy.ts).
 *
 * @example
 * // jest.config.js
 * module.exports = { setupFilesAfterEnv: ['kripke/jest'] };
 *
 * @packageDocumentation
 */
import { beforeAll, expect } from '@jest/globals';
import { createRequire } from 'node:module';
import './augment/expect.js';
import './augment/jest-namespace.js';
import { deferredMatchers, imported, MATCHER_NAMES, type ModuleLoader, sharedRequire } from './matchers/lazy.js';
import * as runnerModule from './matchers/runner.js';
import { snapshotSerializer } from './render/snapshot-serializer.js';

/** Set by scripts/build.mjs in each build of this entry; undefined when it runs from its source. */
declare const KRIPKE_FORMAT: 'esm' | 'cjs' | undefined;

type CircusTest = { type: 'test'; name?: string; timeout?: number; concurrent?: boolean; invocations?: number; startedAt?: number | null; status?: string | null };
type CircusBlock = { type: 'describeBlock'; children?: (CircusBlock | CircusTest)[] };
type CircusState = { testTimeout?: number; currentlyRunningTest?: CircusTest | null; rootDescribeBlock?: CircusBlock };
type SnapshotRoot = { snapshotState?: { _rootDir?: string } };
// jest-circus keeps its state under an unregistered Symbol('JEST_STATE_SYMBOL') on the test environment's global.
const circus = (): CircusState | undefined => {
  const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
  return key === undefined ? undefined : (globalThis as Record<symbol, CircusState | undefined>)[key];
};

runnerModule.setRunner({
  name: 'Jest',
  root: () => (expect.getState() as SnapshotRoot).snapshotState?._rootDir ?? process.cwd(),
  testTimeout: () => circus()?.currentlyRunningTest?.timeout || circus()?.testTimeout,
  concurrentLimit,
  raiseTimeout: "the test's (it(name, fn, 30_000), jest.setTimeout(30_000), or testTimeout in jest.config)",
  // No afterTest: a setup file cannot learn a Jest test's outcome (that takes a reporter or a test environment).
  currentTest: () => circus()?.currentlyRunningTest ?? undefined,
  attempt: () => circus()?.currentlyRunningTest?.invocations ?? 0,
  // it.concurrent tests run interleaved, and Jest names the one that started last (or none): while any runs, the caller cannot be known.
  uncertainTest: () =>
    concurrentRunning(circus()?.rootDescribeBlock)
      ? 'This test runs concurrently (it.concurrent), so Jest cannot say which test it is: the file is named by its counterexample.'
      : undefined,
});

/** The concurrent tests of the file that have started and not ended. */
function concurrentTests(block: CircusBlock | undefined): CircusTest[] {
  return (block?.children ?? []).flatMap((c) => (c.type === 'describeBlock' ? concurrentTests(c) : c.concurrent === true && c.startedAt != null && c.status !== 'done' ? [c] : []));
}

/** Whether a concurrent test of the file has started and not ended. */
function concurrentRunning(block: CircusBlock | undefined): boolean {
  return concurrentTests(block).length > 0;
}

/** While concurrent tests run: the least time one of them (or the current test) has left before its timeout, and its name. */
function concurrentLimit(): { ms: number; test: string } | undefined {
  const state = circus();
  const concurrent = concurrentTests(state?.rootDescribeBlock);
  if (concurrent.length === 0) return undefined;
  const current = state?.currentlyRunningTest;
  let least: { ms: number; test: string } | undefined;
  for (const t of [...(current ? [current] : []), ...concurrent]) {
    const timeout = t.timeout || state?.testTimeout;
    if (typeof timeout !== 'number' || timeout <= 0 || typeof t.startedAt !== 'number') continue;
    // Never more than its whole timeout (a test that fakes Date into the past, review20c); one past its timeout limits nothing.
    const ms = Math.min(timeout, t.startedAt + timeout - Date.now());
    if (ms > 0 && (least === undefined || ms < least.ms)) least = { ms, test: t.name ?? '' };
  }
  return least;
}

// The modules the matchers load from (relative to this file), and the loader:
// CommonJS has its own `require` (Jest's, with the test file's module
// registry); an ES module uses one only where it shares this build's module
// instances, else imports them now.
const MATCHERS = './matchers/create-matchers.js';
const SNAPSHOT = './snapshot/jest.js';
let load: ModuleLoader;
if (typeof KRIPKE_FORMAT !== 'undefined' && KRIPKE_FORMAT === 'cjs') load = require;
else {
  load =
    sharedRequire(() => createRequire(import.meta.url), './matchers/runner.js', runnerModule) ??
    imported({ [MATCHERS]: await import('./matchers/create-matchers.js'), [SNAPSHOT]: await import('./snapshot/jest.js') });
}

type MatchersModule = typeof import('./matchers/create-matchers.js');
type SnapshotModule = typeof import('./snapshot/jest.js');
let matchers: ReturnType<MatchersModule['createMatchers']> & { toMatchAssumptionsSnapshot: SnapshotModule['toMatchAssumptionsSnapshot'] } | undefined;
const loadMatchers = () =>
  (matchers ??= {
    ...(load(MATCHERS) as MatchersModule).createMatchers(),
    toMatchAssumptionsSnapshot: (load(SNAPSHOT) as SnapshotModule).toMatchAssumptionsSnapshot,
  });
expect.extend(deferredMatchers([...MATCHER_NAMES, 'toMatchAssumptionsSnapshot'], loadMatchers));
expect.addSnapshotSerializer(snapshotSerializer);

// jest-circus (Jest 30) leaves "test code" whenever a test ends, also while concurrent tests still run, and
// Jest then refuses a first require: the matchers' lazy load, or the rendering packages' at a failure
// ("You are trying to require a file outside of the scope of the test code", review20b). A file with
// it.concurrent tests loads them in a beforeAll, which is test code; other files keep loading nothing.
// The matchers are built then, and the packages they print and snapshot with loaded into their modules, so
// that no require is left for later, not even from jest.isolateModules (review20c). beforeAll from @jest/globals:
// it is there with injectGlobals: false too.
if (typeof KRIPKE_FORMAT !== 'undefined' && KRIPKE_FORMAT === 'cjs' && typeof beforeAll === 'function') {
  beforeAll(() => {
    if (!hasConcurrentTests(circus()?.rootDescribeBlock)) return;
    loadMatchers();
    (load(MATCHERS) as MatchersModule).preloadRendering();
    (load(SNAPSHOT) as SnapshotModule).preloadJestSnapshot();
  });
}

/** Whether the file declares an it.concurrent test. */
function hasConcurrentTests(block: CircusBlock | undefined): boolean {
  return (block?.children ?? []).some((c) => (c.type === 'describeBlock' ? hasConcurrentTests(c) : c.concurrent === true));
}
