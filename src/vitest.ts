/**
 * `kripke/vitest`: add it to Vitest's `setupFiles`. It registers the matchers
 * (each failure entirely in the message, as under Jest), `toMatchAssumptionsSnapshot`
 * and the snapshot serializer. Its types extend Vitest 4's `expect`; on Vitest 5 use
 * `kripke/vitest5`, which registers the same and types Vitest 5's `expect`.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['kripke/vitest'] } });
 *
 * @packageDocumentation
 */
import { expect, onTestFinished } from 'vitest';
import './augment/jest-namespace.js';
import { createMatchers } from './matchers/create-matchers.js';
import { snapshotSerializer } from './render/snapshot-serializer.js';
import { toMatchAssumptionsSnapshot } from './snapshot/vitest.js';

type WorkerState = { config?: { root?: string; testTimeout?: number }; current?: { timeout?: number } };
type Finished = { task?: { fails?: boolean; result?: { state?: string } } };
const worker = (): WorkerState | undefined => (globalThis as { __vitest_worker__?: WorkerState }).__vitest_worker__;

expect.extend({
  ...createMatchers({
    renderMode: 'diff',
    runner: {
      name: 'Vitest',
      root: () => worker()?.config?.root ?? process.cwd(),
      testTimeout: () => worker()?.current?.timeout ?? worker()?.config?.testTimeout,
      raiseTimeout: "the test's (it(name, fn, 30_000), or test.testTimeout in vitest.config)",
      currentTest: () => worker()?.current,
      // onTestFinished runs before Vitest flips an it.fails test's outcome: a failure there is a pass.
      afterTest: (fn) => onTestFinished((ctx: Finished) => fn((ctx.task?.result?.state === 'fail') !== (ctx.task?.fails === true))),
    },
  }),
  toMatchAssumptionsSnapshot,
});
expect.addSnapshotSerializer(snapshotSerializer);
