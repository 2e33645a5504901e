/**
 * `kripke/jest`: add it to Jest's `setupFilesAfterEnv`. It registers the
 * matchers (everything in the message: Jest prints nothing else),
 * `toMatchAssumptionsSnapshot` (through `jest-snapshot`, loaded when first
 * used) and the snapshot serializer. Its types extend `expect` from
 * `@jest/globals` and the global `expect` of `@types/jest`.
 *
 * @example
 * // jest.config.js
 * module.exports = { setupFilesAfterEnv: ['kripke/jest'] };
 *
 * @packageDocumentation
 */
import { expect } from '@jest/globals';
import './augment/expect.js';
import './augment/jest-namespace.js';
import { createMatchers } from './matchers/create-matchers.js';
import { snapshotSerializer } from './render/snapshot-serializer.js';
import { toMatchAssumptionsSnapshot } from './snapshot/jest.js';

type CircusState = { testTimeout?: number; currentlyRunningTest?: { timeout?: number } | null };
type SnapshotRoot = { snapshotState?: { _rootDir?: string } };
// jest-circus keeps its state under an unregistered Symbol('JEST_STATE_SYMBOL') on the test environment's global.
const circus = (): CircusState | undefined => {
  const key = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
  return key === undefined ? undefined : (globalThis as Record<symbol, CircusState | undefined>)[key];
};

expect.extend({
  ...createMatchers({
    runner: {
      name: 'Jest',
      root: () => (expect.getState() as SnapshotRoot).snapshotState?._rootDir ?? process.cwd(),
      testTimeout: () => circus()?.currentlyRunningTest?.timeout || circus()?.testTimeout,
      raiseTimeout: "the test's (it(name, fn, 30_000), jest.setTimeout(30_000), or testTimeout in jest.config)",
      // No afterTest: a setup file cannot learn a Jest test's outcome (that takes a reporter or a test environment).
      currentTest: () => circus()?.currentlyRunningTest ?? undefined,
    },
  }),
  toMatchAssumptionsSnapshot,
});
expect.addSnapshotSerializer(snapshotSerializer);
