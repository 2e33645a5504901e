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
 * The matchers for one runner. `renderMode: 'diff'` is for runners that print
 * a diff of `actual`/`expected` themselves (Vitest): the message then leaves
 * the last step's changes to that diff. The default, `'message'`, puts
 * everything in the message (Jest).
 *
 * @example
 * import { expect } from 'vitest';
 * import { createMatchers, snapshotSerializer } from 'kripke/matchers';
 * expect.extend(createMatchers({ renderMode: 'diff' }));
 * expect.addSnapshotSerializer(snapshotSerializer);
 */
export function createMatchers(options: { renderMode?: RenderMode } = {}): KripkeMatcherFunctions {
  const renderMode: RenderMode = options.renderMode === 'diff' ? 'diff' : 'message';
  // A copy of the runner's context with the mode added: the runner's own object stays untouched.
  const withMode = <A extends unknown[]>(matcher: (this: MatcherContext, received: unknown, ...args: A) => MatcherResult) =>
    fromCaller(function (this: MatcherContext, received: unknown, ...args: A): MatcherResult {
      return matcher.call({ ...this, renderMode }, received, ...args);
    });
  return {
    toSatisfyInvariants: withMode(toSatisfyInvariants),
    toSurvive: withMode(toSurvive),
    toReach: withMode(toReach),
    toBeDeadlockFree: withMode(toBeDeadlockFree),
    toEventually: withMode(toEventually),
  };
}
