/**
 * `kripke/vitest5`: the setup of `kripke/vitest`, typed for Vitest 5, which
 * reads custom matchers from `Matchers<R, T>` (R: what a matcher returns, T:
 * the received value). Written by hand and copied into dist by
 * scripts/build.mjs: kripke itself builds against Vitest 4, whose `Matchers`
 * has other type parameters, so this file cannot be compiled with it.
 * Type-checked against Vitest 5 by test/types/vitest5.
 */
import type { KripkeMatchers, KripkeSnapshotMatchers } from './matchers/types.js';

declare module 'vitest' {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown>
    extends KripkeMatchers<R, T>,
      KripkeSnapshotMatchers<R, T> {}
}

export {};
