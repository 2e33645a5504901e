/** Invariants as a module's exports, for `import * as invariants` (a module namespace object is a record). */
export const small = (s: { n: number }): boolean => s.n < 2;
