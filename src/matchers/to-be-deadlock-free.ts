import { plural } from '../render/summary.js';
import { askFor, callOf, type MatcherContext, type MatcherResult, requireModel, requireOptions, systemOf } from './context.js';
import { checkDeadActions, report, withCounterexample } from './report.js';

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
  const system = systemOf(call, model);
  // No invariants: a violated invariant must not hide a deadlock behind it.
  const result = askFor(call, system, { kind: 'invariants', invariants: 'none', deadlock: true }, opts);
  switch (result.kind) {
    case 'ok':
      return checkDeadActions(call, {
        pass: true,
        message: () =>
          [
            call.hint,
            '',
            `Expected a reachable deadlock, but each of the ${plural(result.stats.states, 'reachable state')} has an enabled action${system.terminal !== undefined ? ' or is terminal' : ''}.`,
          ].join('\n'),
      }, result, opts);
    case 'deadlock':
      return withCounterexample(call, { pass: false, ...report(call, result) }, result, { model: model.name });
    default:
      return withCounterexample(call, { pass: call.isNot, ...report(call, result) }, result, { model: model.name });
  }
}
