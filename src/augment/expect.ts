/**
 * The `Matchers` interface of Jest's `expect` package: what `expect` from
 * `@jest/globals` is typed with.
 */
import type { KripkeMatchers, KripkeSnapshotMatchers } from '../matchers/types.js';

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends KripkeMatchers<R, T>, KripkeSnapshotMatchers<R, T> {}
}

export {};
