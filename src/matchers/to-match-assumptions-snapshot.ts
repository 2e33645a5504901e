import { isEnvironment } from '../model/define-environment.js';
import type { Assumption } from '../model/types.js';
import { isAssumption, isOpenResult } from '../render/snapshot-serializer.js';
import { callOf, fromCaller, type MatcherContext, type MatcherResult, usageError } from './context.js';

/** The runner's snapshot matcher (`jest-snapshot`'s `toMatchSnapshot`, Vitest's `Snapshots.toMatchSnapshot`), called with its own context. */
export type SnapshotMatcher = (context: MatcherContext, value: unknown, hint: string | undefined) => MatcherResult;

/**
 * The residual proof obligations of a value: the unverified assumptions of an
 * OpenResult, of an environment or of a list of environments; a list of
 * assumptions as it is. Undefined for anything else.
 *
 * @example
 * assumptionsOf(checkOpen(service, k8s(true))).map((a) => a.name); // ['node-capacity', 'eviction-rate-bounded']
 */
export function assumptionsOf(value: unknown): readonly Assumption[] | undefined {
  if (isOpenResult(value)) return (value as { unverifiedAssumptions: readonly Assumption[] }).unverifiedAssumptions;
  const unverified = (envs: readonly { assumptions: readonly Assumption[] }[]) => envs.flatMap((e) => e.assumptions.filter((a) => a.status === 'unverified'));
  if (isEnvironment(value)) return unverified([value]);
  if (Array.isArray(value) && value.length > 0 && value.every(isEnvironment)) return unverified(value);
  if (Array.isArray(value) && value.every(isAssumption)) return value as readonly Assumption[];
  return undefined;
}

/**
 * `toMatchAssumptionsSnapshot(hint?)` on top of a runner's snapshot matcher:
 * the residual assumptions go into the runner's own snapshot file, printed by
 * the serializer, so that a change that adds, removes or rewords one shows in
 * review. The runner entries build it; wire it yourself only with your runner's
 * snapshot function.
 *
 * @example
 * // Jest, in a setupFilesAfterEnv file
 * const { toMatchSnapshot } = require('jest-snapshot');
 * expect.extend({
 *   toMatchAssumptionsSnapshot: toMatchAssumptionsSnapshotWith((ctx, value, hint) =>
 *     hint === undefined ? toMatchSnapshot.call(ctx, value) : toMatchSnapshot.call(ctx, value, hint)),
 * });
 */
export function toMatchAssumptionsSnapshotWith(snapshot: SnapshotMatcher) {
  return fromCaller(function toMatchAssumptionsSnapshot(this: MatcherContext, received: unknown, hint?: unknown): MatcherResult {
    const call = callOf(this, 'toMatchAssumptionsSnapshot', received, hint === undefined ? '' : 'hint', false);
    if (call.isNot) throw usageError(call, 'snapshot matchers cannot be used with .not');
    if (hint !== undefined && typeof hint !== 'string') {
      throw usageError(call, `${call.palette.expected('hint')} must be a string`, { label: 'Hint', value: hint });
    }
    const assumptions = assumptionsOf(received);
    if (assumptions === undefined) {
      throw usageError(call, `${call.palette.received('received')} value must be the result of checkOpen(), an environment or a list of environments`, {
        label: 'Received',
        value: received,
      });
    }
    return snapshot(this, assumptions, hint);
  });
}
