/**
 * The global `jest.Matchers` interface: what `@types/jest` types the global
 * `expect` with, and what Vitest 4 reads custom matchers from. Vitest 5 no
 * longer reads it (see `kripke/vitest5`), and merging into it is harmless there.
 */
import type { KripkeMatchers, KripkeSnapshotMatchers } from '../matchers/types.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends KripkeMatchers<R, T>, KripkeSnapshotMatchers<R, T> {}
  }
}

export {};
