import { checkSafety } from '../checker/check.js';
import type { CheckResult, Step } from '../checker/types.js';
import { ContractError, describeThrown, KripkeError, MutationError } from '../model/errors.js';
import { canonicalKey, copyPlainData } from '../model/plain-data.js';
import { stepLabel } from '../model/literal.js';
import type { Model, Property, Transition } from '../model/types.js';
import { plural, stepsOf } from '../render/summary.js';
import { describeFunction } from '../render/value.js';
import { callOf, type Call, type MatcherContext, type MatcherResult, requireModel, requireOptions, runCheck, usageError } from './context.js';
import { report, type ReportOptions } from './report.js';

/** The property the search looks for: it "fails" exactly where the target is reached. */
const TARGET = 'kripke:toReach target';

interface Target {
  /** `(s) => s.status === "healthy"` or `action "recover"`, for sentences. */
  readonly text: string;
  /** True where the target is reached; a non-boolean is passed through for the checker to report. */
  readonly test: (state: unknown) => unknown;
  /** For an action: the step that fires it, appended to the witness (the search itself only asks the guards). */
  readonly fire?: (state: unknown) => Step<unknown> | undefined;
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
  const goal = targetOf(call, model, target);
  const opts = requireOptions(call, options);
  const property: Property<unknown> = {
    name: TARGET,
    test: (s) => {
      const hit = goal.test(s);
      return hit === true ? false : hit === false ? true : hit;
    },
  };
  const searchModel: Model<unknown> = { ...model, invariants: [property] };
  const result = runCheck(call, () => checkSafety(searchModel, { ...opts, deadlock: false }));
  switch (result.kind) {
    case 'invariant': {
      const witness = withFiring(result, goal);
      if (witness.kind === 'error') return { pass: call.isNot, ...report(call, witness) };
      const steps = stepsOf(witness);
      const after = steps === 0 ? 'in an initial state' : `after ${plural(steps, 'step')}`;
      return {
        pass: true,
        ...report(call, witness, {
          headline: goal.fire
            ? `Expected ${goal.text} never to fire, but it fires ${after}`
            : `Expected no reachable state to satisfy ${goal.text}, but one is reached ${after}`,
          traceName: 'shortest witness',
          lastNote: call.palette.received(goal.fire ? `← ${goal.text} fires here` : `← satisfies ${goal.text}`),
        }),
      };
    }
    case 'ok': {
      const unknown = goal.unknown?.();
      if (unknown !== undefined) throw usageError(call, unknown);
      const states = plural(result.stats.states, 'reachable state');
      return {
        pass: false,
        message: () =>
          [
            call.hint,
            '',
            goal.fire
              ? `Expected ${goal.text} to fire in some reachable state, but it is enabled in none of the ${states}.`
              : `Expected some reachable state to satisfy ${goal.text}, but none of the ${states} does.`,
          ].join('\n'),
      };
    }
    default:
      // error or incomplete: nothing is proven either way, so fail under .not too.
      return { pass: call.isNot, ...report(call, targetsOwn(result, goal), problemWording(call, result, goal)) };
  }
}

/** kripke's contract error about the target names the stand-in invariant: name the target instead. */
function targetsOwn(result: CheckResult<unknown>, goal: Target): CheckResult<unknown> {
  if (result.errorSource?.name !== TARGET || !(result.error instanceof ContractError)) return result;
  const error = new ContractError(result.error.message.replace(`invariant '${TARGET}'`, goal.text));
  return Object.defineProperty({ ...result, error }, 'toString', { value: () => String(result), enumerable: false });
}

/** An error inside the target is the target's, not the stand-in invariant's. */
function problemWording(call: Call, result: CheckResult<unknown>, goal: Target): ReportOptions {
  if (result.kind === 'incomplete') {
    return { headline: `the search did not finish before reaching ${goal.text}: ${String(result).replace(/^incomplete — /, '')}` };
  }
  if (result.errorSource?.name !== TARGET) return {};
  const verb = result.error instanceof KripkeError ? 'failed' : 'threw';
  return {
    headline: `the toReach target ${goal.text} ${verb} after ${plural(stepsOf(result), 'step')}`,
    lastNote: call.palette.received(`✗ ${goal.text} ${verb === 'threw' ? 'throws' : 'fails'} in this state`),
  };
}

function targetOf(call: Call, model: Model<unknown>, target: unknown): Target {
  if (typeof target === 'function') {
    return { text: describeFunction(target), test: target as (s: unknown) => unknown };
  }
  if (typeof target === 'string') {
    // `recover`, `move` (any choice) or one labelled choice: `move(0,2)`.
    const named = model.transitions.filter((t) => t.label === target || t.name === target);
    const chosen = named.length > 0 ? [] : model.transitions.filter((t) => t.choices !== undefined && target.startsWith(`${t.label}(`) && target.endsWith(')'));
    if (named.length + chosen.length === 0) {
      const known = model.transitions.map((t) => (t.choices === undefined ? t.label : `${t.label}(…)`)).join(', ');
      throw usageError(call, `model "${model.name}" has no action named ${JSON.stringify(target)}; its actions are ${known}. Pass a predicate (state) => boolean to reach a state.`);
    }
    const text = `action ${JSON.stringify(target)}`;
    if (named.length > 0) {
      return { text, test: (s) => firstEnabled(s, named) !== undefined, fire: (s) => fireOnce(s, firstEnabled(s, named)) };
    }
    // One choice's label: a label no reachable state even offers is a typo, not a pass.
    const offered = new Set<string>();
    let found = false;
    const enabled = (s: unknown) =>
      firstEnabled(s, chosen, target, (label) => {
        if (label === target) found = true;
        else if (offered.size < 7) offered.add(label);
      });
    const unknown = () =>
      found
        ? undefined
        : `model "${model.name}" offers no choice labelled ${JSON.stringify(target)} in any reachable state (labels must match as traces print them${offered.size === 0 ? '' : `; it offers ${[...offered].slice(0, 6).join(', ')}${offered.size > 6 ? ', …' : ''}`}). Pass a predicate (state) => boolean to reach a state.`;
    return { text, test: (s) => enabled(s) !== undefined, fire: (s) => fireOnce(s, enabled(s)), unknown };
  }
  throw usageError(call, `${call.palette.expected('target')} must be a predicate (state) => boolean or the name of an action`, { label: 'Target', value: target });
}

/** A transition and choice enabled in a state, with its label. */
interface Enabled {
  readonly tr: Transition<unknown>;
  readonly choice: unknown;
  readonly action: string;
}

/**
 * The first transition (and choice) of `transitions` enabled in `state`, with the given label if one
 * is given; `offered` hears the label of every choice offered, enabled or not. Guards only: the search
 * asks this of every state, and an action's apply runs once, for the witness.
 */
function firstEnabled(state: unknown, transitions: readonly Transition<unknown>[], label?: string, offered?: (label: string) => void): Enabled | undefined {
  for (const tr of transitions) {
    for (const c of tr.choices === undefined ? [undefined] : tr.choices(state)) {
      const action = stepLabel(tr.label, tr.choices !== undefined, c);
      offered?.(action);
      if (label !== undefined && action !== label) continue;
      if (tr.enabled === undefined || tr.enabled(state, c) === true) return { tr, choice: c, action };
    }
  }
  return undefined;
}

/** The step of an enabled firing; an apply that changes the state it was given is a MutationError naming it. */
function fireOnce(state: unknown, firing: Enabled | undefined): Step<unknown> | undefined {
  if (firing === undefined) return undefined;
  const before = canonicalKey(state);
  const asItWas = copyPlainData(state);
  const next = firing.tr.apply(state, firing.choice);
  if (canonicalKey(state) !== before) {
    throw Object.assign(
      new MutationError(`action '${firing.action}' mutated its input state instead of returning a new one; build the next state with spreads or copies ({ ...s, x: 1 })`),
      { action: firing.action, asItWas },
    );
  }
  return { action: firing.action, ...(firing.tr.environment === undefined ? {} : { environment: firing.tr.environment }), state: next };
}

/** For an action target, the witness ends with the step that fires it; an action that mutates its input makes it an error. */
function withFiring(result: CheckResult<unknown>, goal: Target): CheckResult<unknown> {
  const last = result.trace[result.trace.length - 1];
  let step: Step<unknown> | undefined;
  try {
    step = goal.fire?.(last.state);
  } catch (error) {
    const { action, asItWas } = error as { action?: string; asItWas?: unknown };
    const text = `error after ${plural(stepsOf(result), 'step')}: ${describeThrown(error)}`;
    // The trace shows the last state as it was before the action changed it.
    const trace = asItWas === undefined ? result.trace : [...result.trace.slice(0, -1), { ...last, state: asItWas }];
    return Object.defineProperty(
      { ...result, ok: false, kind: 'error', trace, error, errorSource: { kind: 'action', ...(action === undefined ? {} : { name: action }) } },
      'toString',
      { value: () => text, enumerable: false },
    ) as CheckResult<unknown>;
  }
  if (step === undefined) return result;
  return Object.defineProperty({ ...result, trace: [...result.trace, step] }, 'toString', { value: () => String(result), enumerable: false });
}
