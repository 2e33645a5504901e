import { incompleteReason } from '../checker/describe.js';
import type { ReachQuery, Reached } from '../checker/query.js';
import type { System } from '../checker/system.js';
import { KripkeError } from '../model/errors.js';
import { stepLabel } from '../model/literal.js';
import { plural, stepsOf } from '../render/summary.js';
import { describeFunction } from '../render/value.js';
import { askFor, callOf, type Call, type MatcherContext, type MatcherResult, requireModel, requireOptions, systemOf, usageError } from './context.js';
import { report, type ReportOptions, withCounterexample } from './report.js';

/** What `toReach` looks for, as a reach query, with its words. */
interface Target {
  /** `(s) => s.status === "healthy"` or `action "recover"`, for sentences. */
  readonly text: string;
  /** An action (a firing) rather than a state. */
  readonly firing: boolean;
  readonly query: ReachQuery<unknown>;
  /** For one choice's label, after a search that never reached it: why the label names nothing, if it does not. */
  readonly unknown?: () => string | undefined;
}

/**
 * Passes when some reachable state satisfies the predicate; the failure of
 * `.not` shows the shortest witness. A string names an action of the model
 * (`'recover'`, or `'move'` for every `move(…)` choice): it passes when the
 * action can fire in some reachable state, which catches guards that never
 * open. Invariants and deadlocks are not its business.
 *
 * @example
 * expect(service).toReach((s) => s.status === 'degraded');
 * expect(service).toReach('recover');
 * expect(service).not.toReach((s) => s.restarts > s.maxRestarts);
 */
export function toReach(this: MatcherContext, received: unknown, target: unknown, options?: unknown): MatcherResult {
  const label = typeof target === 'string' ? JSON.stringify(target) : typeof target === 'function' ? 'predicate' : 'target';
  const call = callOf(this, 'toReach', received, label, options !== undefined);
  const model = requireModel(call, received);
  const system = systemOf(call, model);
  const goal = targetOf(call, system, target);
  const opts = requireOptions(call, options);
  const result = askFor(call, system, goal.query, opts);
  switch (result.kind) {
    case 'reached':
      warnOnPass(call, result, true);
      return withCounterexample(call, { pass: true, ...witness(call, result, goal) }, result.trace, { model: model.name, kind: 'reached', property: goal.text });
    case 'unreachable': {
      const unknown = goal.unknown?.();
      if (unknown !== undefined) throw usageError(call, unknown);
      warnOnPass(call, result, false);
      const states = plural(result.stats.states, 'reachable state');
      const expected = goal.firing
        ? `Expected ${goal.text} to fire in some reachable state, but it is enabled in none of the ${states}.`
        : `Expected some reachable state to satisfy ${goal.text}, but none of the ${states} does.`;
      const warnings = (result.warnings ?? []).map((w) => call.palette.received(`Warning: ${w}.`));
      return { pass: false, message: () => [call.hint, '', expected, ...warnings].join('\n') };
    }
    default:
      // error or incomplete: nothing is proven either way, so fail under .not too.
      return withCounterexample(call, { pass: call.isNot, ...report(call, result, problemWording(call, result, goal)) }, result, { model: model.name });
  }
}

/** A result's warnings where the matcher passes (its message is not shown), as every passing matcher says them (review21: never shown). */
function warnOnPass(call: Call, result: { readonly warnings?: readonly string[] }, pass: boolean): void {
  if (pass === call.isNot) return;
  for (const warning of result.warnings ?? []) console.warn(`kripke: ${call.name}: ${warning}`);
}

/** The message of a target reached: the shortest witness, ending where it is reached (or with the firing). */
function witness(call: Call, result: Reached<unknown>, goal: Target): Pick<MatcherResult, 'message'> {
  const steps = stepsOf(result);
  const after = steps === 0 ? 'in an initial state' : `after ${plural(steps, 'step')}`;
  return report(call, result, {
    headline: goal.firing
      ? `Expected ${goal.text} never to fire, but it fires ${after}`
      : `Expected no reachable state to satisfy ${goal.text}, but one is reached ${after}`,
    traceName: 'shortest witness',
    lastNote: call.palette.received(goal.firing ? `← ${goal.text} fires here` : `← satisfies ${goal.text}`),
  });
}

/** Headlines of the matcher's own for a search cut short, or for an error in the target itself. */
function problemWording(call: Call, result: Parameters<typeof report>[1], goal: Target): ReportOptions {
  if (result.kind === 'incomplete') return { headline: `the search did not finish before reaching ${goal.text}: ${incompleteReason(result)}` };
  if (result.kind !== 'error' || result.errorSource.kind !== 'target') return {};
  const verb = result.error instanceof KripkeError ? 'failed' : 'threw';
  return {
    headline: `the toReach target ${goal.text} ${verb} after ${plural(stepsOf(result), 'step')}`,
    lastNote: call.palette.received(`✗ ${goal.text} ${verb === 'threw' ? 'throws' : 'fails'} in this state`),
  };
}

function targetOf(call: Call, system: System<unknown>, target: unknown): Target {
  if (typeof target === 'function') {
    const text = describeFunction(target);
    return { text, firing: false, query: { kind: 'reach', state: target as (s: unknown) => unknown, name: text } };
  }
  if (typeof target !== 'string') {
    throw usageError(call, `${call.palette.expected('target')} must be a predicate (state) => boolean or the name of an action`, { label: 'Target', value: target });
  }
  const transitions = system.transitions;
  const text = `action ${JSON.stringify(target)}`;
  // `recover`, `move` (any choice) or one labelled choice: `move(0,2)`.
  const named = new Set(transitions.flatMap((t, i) => (t.label === target || t.name === target ? [i] : [])));
  if (named.size > 0) return { text, firing: true, query: { kind: 'reach', firing: (t) => named.has(t) } };
  const chosen = new Set(transitions.flatMap((t, i) => (t.choices !== undefined && target.startsWith(`${t.label}(`) && target.endsWith(')') ? [i] : [])));
  if (chosen.size === 0) {
    const known = transitions.map((t) => (t.choices === undefined ? t.label : `${t.label}(…)`)).join(', ');
    throw usageError(call, `model "${system.name}" has no action named ${JSON.stringify(target)}; its actions are ${known}. Pass a predicate (state) => boolean to reach a state.`);
  }
  // One choice's label: a label no reachable state even offers is a typo, not a pass.
  const labelOf = (t: number, c: unknown) => stepLabel(transitions[t].label, true, c);
  const offered = new Set<string>();
  let found = false;
  const query: ReachQuery<unknown> = {
    kind: 'reach',
    firing: (t, c) => chosen.has(t) && labelOf(t, c) === target,
    offered: (t, c) => {
      if (!chosen.has(t) || found) return;
      const l = labelOf(t, c);
      if (l === target) found = true;
      else if (offered.size < 7) offered.add(l);
    },
  };
  const unknown = () =>
    found
      ? undefined
      : `model "${system.name}" offers no choice labelled ${JSON.stringify(target)} in any reachable state (labels must match as traces print them${offered.size === 0 ? '' : `; it offers ${[...offered].slice(0, 6).join(', ')}${offered.size > 6 ? ', …' : ''}`}). Pass a predicate (state) => boolean to reach a state.`;
  return { text, firing: true, query, unknown };
}
