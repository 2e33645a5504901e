/**
 * `kripke/matchers`: the matchers without a runner, for wiring by hand.
 *
 * @example
 * import { expect } from 'vitest';
 * import { createMatchers, snapshotSerializer } from 'kripke/matchers';
 * expect.extend(createMatchers());
 * expect.addSnapshotSerializer(snapshotSerializer);
 *
 * @packageDocumentation
 */
export { toSatisfyInvariants } from './to-satisfy-invariants.js';
export { toSurvive } from './to-survive.js';
export { toReach } from './to-reach.js';
export { toBeDeadlockFree } from './to-be-deadlock-free.js';
export { toBeImplementedBy } from './to-be-implemented-by.js';
export { toAccept } from './to-accept.js';
export { toEventually, type EventuallyGoal, type EventuallyOptions } from './to-eventually.js';
export { createMatchers, type KripkeMatcherFunctions } from './create-matchers.js';
export { assumptionsOf, toMatchAssumptionsSnapshotWith, type SnapshotMatcher } from './to-match-assumptions-snapshot.js';
export { MatcherUsageError } from './context.js';
export type { MatcherContext, MatcherOptions, MatcherResult, MatcherUtils, RenderMode } from './context.js';
export type { KripkeMatchers, KripkeSnapshotMatchers, LabelOf, NotAModel, NotAnAssumptionSource, StateOf } from './types.js';
export { snapshotSerializer, type SnapshotSerializer } from '../render/snapshot-serializer.js';
