import { plural, renderAssumptions } from '../render/summary.js';
import {
  callOf,
  environmentsLabel,
  type MatcherContext,
  type MatcherResult,
  requireEnvironments,
  requireModel,
  requireOptions,
  askFor,
  systemOf,
  usageError,
} from './context.js';
import { checkDeadActions, report, withCounterexample } from './report.js';
import { swarmInvariants } from './swarm.js';

/**
 * Passes when, with the environments' behaviors firing at every possible
 * moment, every reachable state satisfies the model's invariants and the
 * environments' guarantees. Pass or fail, the message lists the residual
 * assumptions: what the environments assume and no search can check.
 *
 * @example
 * expect(service).toSurvive(k8s(true));
 * expect(service).toSurvive([k8s(true), network], { maxStates: 100_000 });
 * expect(service).not.toSurvive(k8s(false));
 */
export function toSurvive(this: MatcherContext, received: unknown, environments: unknown, options?: unknown): MatcherResult {
  const call = callOf(this, 'toSurvive', received, environmentsLabel(environments), options !== undefined);
  const model = requireModel(call, received);
  const envs = requireEnvironments(call, environments);
  const opts = requireOptions(call, options);
  const system = systemOf(call, model, envs);
  const guarantees = system.invariants.filter((p) => p.environment !== undefined).length;
  const invariants = system.invariants.length - guarantees;
  const names = system.environments.join(', ');
  if (system.invariants.length === 0) {
    throw usageError(call, `model "${model.name}" declares no invariants and ${names} no guarantees: there is nothing to survive.`);
  }
  const unverified = system.assumptions.filter((a) => a.status === 'unverified');
  const meta = { model: model.name, environments: system.environments, assumptions: unverified.map((a) => ({ ...a })) };
  const footer = renderAssumptions(unverified, call.palette, system.environments);
  if (opts.swarm !== undefined && opts.swarm !== false) return swarmInvariants(call, system, opts, { meta, footer });
  const result = askFor(call, system, { kind: 'invariants', deadlock: false }, opts);
  const properties = [
    ...(invariants > 0 ? [plural(invariants, 'invariant')] : []),
    ...(guarantees > 0 ? [plural(guarantees, 'guarantee')] : []),
  ].join(' and ');
  switch (result.kind) {
    case 'ok':
      return checkDeadActions(call, {
        pass: true,
        message: () =>
          [
            call.hint,
            '',
            `Expected the model to break under ${names}, but all ${plural(result.stats.states, 'reachable state')} satisfy ${properties}.`,
            '',
            ...footer,
          ].join('\n'),
      }, result, opts);
    case 'invariant':
      return withCounterexample(call, { pass: false, ...report(call, result, { footer }) }, result, meta);
    default:
      return withCounterexample(call, { pass: call.isNot, ...report(call, result, { footer }) }, result, meta);
  }
}
