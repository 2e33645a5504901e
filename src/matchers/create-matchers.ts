import { fromCaller, type MatcherContext, type MatcherResult, type RenderMode } from './context.js';
import { toBeDeadlockFree } from './to-be-deadlock-free.js';
import { toEventually } from './to-eventually.js';
import { toReach } from './to-reach.js';
import { toSatisfyInvariants } from './to-satisfy-invariants.js';
import { toSurvive } from './to-survive.js';

/** A matcher as `expect.extend` takes it. */
export type KripkeMatcherFunction = (this: MatcherContext, received: unknown, ...args: never[]) => MatcherResult;

/** The matchers, ready for `expect.extend`. */
export interface KripkeMatcherFunctions {
  toSatisfyInvariants: (this: MatcherContext, received: unknown, options?: unknown) => MatcherResult;
  toSurvive: (this: MatcherContext, received: unknown, environments: unknown, options?: unknown) => MatcherResult;
  toReach: (this: MatcherContext, received: unknown, target: unknown, options?: unknown) => MatcherResult;
  toBeDeadlockFree: (this: MatcherContext, received: unknown, options?: unknown) => MatcherResult;
  toEventually: (this: MatcherContext, received: unknown, goal: unknown, options?: unknown) => MatcherResult;
}

/**
 * The matchers, for any runner: each puts the whole failure in its message
 * (every step as path lines) and hands the runner no `actual`/`expected`.
 * `renderMode` is accepted for wiring written when Vitest got a state diff;
 * it no longer changes the output.
 *
 * @example
 * import { expect } from 'vitest';
 * import { createMatchers, snapshotSerializer } from 'kripke/matchers';
 * expect.extend(createMatchers());
 * expect.addSnapshotSerializer(snapshotSerializer);
 */
export function createMatchers(_options: { renderMode?: RenderMode } = {}): KripkeMatcherFunctions {
  return {
    toSatisfyInvariants: fromCaller(toSatisfyInvariants),
    toSurvive: fromCaller(toSurvive),
    toReach: fromCaller(toReach),
    toBeDeadlockFree: fromCaller(toBeDeadlockFree),
    toEventually: fromCaller(toEventually),
  };
}
