import { checkOpen } from '../checker/check.js';
import { plural, renderAssumptions } from '../render/summary.js';
import {
  callOf,
  environmentsLabel,
  type MatcherContext,
  type MatcherResult,
  requireEnvironments,
  requireModel,
  requireOptions,
  runCheck,
  usageError,
} from './context.js';
import { report } from './report.js';

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
  const guarantees = envs.reduce((n, e) => n + e.guarantees.length, 0);
  const names = envs.map((e) => e.name).join(', ');
  if (model.invariants.length + guarantees === 0) {
    throw usageError(call, `model "${model.name}" declares no invariants and ${names} no guarantees: there is nothing to survive.`);
  }
  const open = runCheck(call, () => checkOpen(model, envs, { ...opts, deadlock: false }));
  const result = open.result;
  const footer = renderAssumptions(open.unverifiedAssumptions, call.palette, open.environments);
  const properties = [
    ...(model.invariants.length > 0 ? [plural(model.invariants.length, 'invariant')] : []),
    ...(guarantees > 0 ? [plural(guarantees, 'guarantee')] : []),
  ].join(' and ');
  switch (result.kind) {
    case 'ok':
      return {
        pass: true,
        message: () =>
          [
            call.hint,
            '',
            `Expected the model to break under ${names}, but all ${plural(result.stats.states, 'reachable state')} satisfy ${properties}.`,
            '',
            ...footer,
          ].join('\n'),
      };
    case 'invariant':
      return { pass: false, ...report(call, result, { footer }) };
    default:
      return { pass: call.isNot, ...report(call, result, { footer }) };
  }
}
