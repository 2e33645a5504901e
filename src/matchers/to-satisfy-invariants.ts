import { plural } from '../render/summary.js';
import { askFor, callOf, type MatcherContext, type MatcherResult, requireModel, requireOptions, systemOf, usageError } from './context.js';
import { checkDeadActions, report, withCounterexample } from './report.js';
import { swarmInvariants } from './swarm.js';

/**
 * Passes when every reachable state satisfies every invariant of the model.
 * Deadlocks are not its business (see `toBeDeadlockFree`). Fails with the
 * shortest trace to a violating state; a search cut short by a budget, or an
 * action or invariant that throws, fails with or without `.not`.
 *
 * @example
 * expect(service).toSatisfyInvariants();
 * expect(service).toSatisfyInvariants({ maxStates: 50_000 });
 * expect(brokenService).not.toSatisfyInvariants();
 * expect(huge).toSatisfyInvariants({ swarm: { seed: 7, maxStates: 500_000 } }); // one member of a swarm: not exhaustive
 */
export function toSatisfyInvariants(this: MatcherContext, received: unknown, options?: unknown): MatcherResult {
  const call = callOf(this, 'toSatisfyInvariants', received, '', options !== undefined);
  const model = requireModel(call, received);
  const opts = requireOptions(call, options);
  const system = systemOf(call, model);
  const { invariants } = system;
  if (invariants.length === 0) {
    throw usageError(call, `model "${model.name}" declares no invariants: there is nothing to satisfy. Add invariants to defineModel({ invariants }).`);
  }
  const names = invariants.map((p) => JSON.stringify(p.name)).join(', ');
  if (opts.swarm !== undefined && opts.swarm !== false) return swarmInvariants(call, system, opts, { meta: { model: model.name } });
  const result = askFor(call, system, { kind: 'invariants', deadlock: false }, opts);
  switch (result.kind) {
    case 'ok':
      return checkDeadActions(call, {
        pass: true,
        message: () =>
          [
            call.hint,
            '',
            `Expected some reachable state to violate an invariant, but all ${plural(result.stats.states, 'reachable state')} satisfy ${plural(invariants.length, 'invariant')}: ${names}.`,
          ].join('\n'),
      }, result, opts);
    case 'invariant':
      return withCounterexample(call, { pass: false, ...report(call, result) }, result, { model: model.name });
    default:
      // error or incomplete: nothing is proven either way, so fail under .not too.
      return withCounterexample(call, { pass: call.isNot, ...report(call, result) }, result, { model: model.name });
  }
}
