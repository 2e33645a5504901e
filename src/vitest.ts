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

type WorkerState = { config?: { root?: string; testTimeout?: number }; current?: { timeout?: number } };
type Finished = { task?: { fails?: boolean; result?: { state?: string } } };
const worker = (): WorkerState | undefined => (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__;

runnerModule.setRunner({
  name: 'Vitest',
  root: () => worker()?.config?.root ?? process.cwd(),
  testTimeout: () => worker()?.current?.timeout ?? worker()?.config?.testTimeout,
  raiseTimeout: "the test's (it(name, fn, 30_000), or test.testTimeout in vitest.config)",
  currentTest: () => worker()?.current,
  // onTestFinished runs before Vitest flips an it.fails test's outcome: a failure there is a pass.
  afterTest: (fn) => onTestFinished((ctx: Finished) => fn((ctx.task?.result?.state === 'fail') !== (ctx.task?.fails === true))),
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
