import { fromCaller, type MatcherContext, type MatcherResult, type RenderMode } from './context.js';
import { toBeDeadlockFree } from './to-be-deadlock-free.js';
import { toEventually } from './to-eventually.js';
import { toReach } from './to-reach.js';
import { toReplay } from './to-replay.js';
import { type RunnerInfo, setRunner } from './runner.js';
import { toSatisfyInvariants } from './to-satisfy-invariants.js';
import { toSurvive } from './to-survive.js';
import { toAccept } from './to-accept.js';
import { implementedBy, toBeImplementedBy } from './to-be-implemented-by.js';
import { diffModule, prettyFormatModule } from '../render/lazy.js';

/**
 * Every matcher kripke registers, under the name it is registered by. A new
 * matcher is added here, in its own file, on its doc page and in the type tests
 * (`KripkeMatchers` must list the same names: a type test checks it).
 */
const matchers = { toSatisfyInvariants, toSurvive, toReach, toBeDeadlockFree, toEventually, toBeImplementedBy, toAccept, toReplay } as const;

/** A matcher as `expect.extend` takes it. */
export type KripkeMatcherFunction = (this: MatcherContext, received: unknown, ...args: never[]) => MatcherResult | Promise<MatcherResult>;

/** The matchers, ready for `expect.extend`. */
export type KripkeMatcherFunctions = { -readonly [Name in keyof typeof matchers]: (typeof matchers)[Name] };

/**
 * The matchers, for any runner: each puts the whole failure in its message
 * (every step as path lines) and hands the runner no `actual`/`expected`,
 * except `toBeImplementedBy` in `renderMode: 'diff'` (Vitest): the diverging
 * step's expected and observed values go to the runner's diff instead.
 * `runner` tells the matchers the runner's root and test timeout (the runner entries pass it).
 *
 * @example
 * import { expect } from 'vitest';
 * import { createMatchers, snapshotSerializer } from 'kripke/matchers';
 * expect.extend(createMatchers());
 * expect.addSnapshotSerializer(snapshotSerializer);
 */
export function createMatchers(options: { renderMode?: RenderMode; runner?: RunnerInfo } = {}): KripkeMatcherFunctions {
  if (options.runner !== undefined) setRunner(options.runner);
  const out: Partial<Record<keyof typeof matchers, unknown>> = {};
  for (const name of Object.keys(matchers) as (keyof typeof matchers)[]) out[name] = fromCaller(matchers[name] as KripkeMatcherFunction);
  if (options.renderMode === 'diff') out.toBeImplementedBy = fromCaller(implementedBy('diff'));
  return out as KripkeMatcherFunctions;
}

/**
 * Loads the rendering packages now (`pretty-format`, `diff`; they load at the
 * first failure otherwise): for a runner that refuses a first require later
 * (Jest 30 once a test of a file with concurrent tests has ended).
 */
export function preloadRendering(): void {
  prettyFormatModule();
  diffModule();
}
