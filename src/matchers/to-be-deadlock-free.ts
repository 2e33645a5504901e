import { checkSafety } from '../checker/check.js';
import type { Model } from '../model/types.js';
import { plural } from '../render/summary.js';
import { callOf, type MatcherContext, type MatcherResult, requireModel, requireOptions, runCheck } from './context.js';
import { report } from './report.js';

/**
 * Passes when every reachable state that is not terminal has an enabled
 * action. Invariants are not its business (see `toSatisfyInvariants`). Fails
 * with the shortest trace to a deadlocked state.
 *
 * @example
 * expect(philosophers).toBeDeadlockFree();
 * expect(naivePhilosophers).not.toBeDeadlockFree();
 */
export function toBeDeadlockFree(this: MatcherContext, received: unknown, options?: unknown): MatcherResult {
  const call = callOf(this, 'toBeDeadlockFree', received, '', options !== undefined);
  const model = requireModel(call, received);
  const opts = requireOptions(call, options);
  // The same model without its invariants: a violated invariant must not hide a deadlock behind it.
  const actionsOnly: Model<unknown> = { ...model, invariants: [] };
  const result = runCheck(call, () => checkSafety(actionsOnly, { ...opts, deadlock: true }));
  switch (result.kind) {
    case 'ok':
      return {
        pass: true,
        message: () =>
          [
            call.hint,
            '',
            `Expected a reachable deadlock, but each of the ${plural(result.stats.states, 'reachable state')} has an enabled action${model.terminal ? ' or is terminal' : ''}.`,
          ].join('\n'),
      };
    case 'deadlock':
      return { pass: false, ...report(call, result) };
    default:
      return { pass: call.isNot, ...report(call, result) };
  }
}
