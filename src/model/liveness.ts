/**
 * Validation of liveness properties and fairness lists, shared by
 * `defineModel` (named properties) and `checkLiveness` (ad-hoc ones), so that
 * a typo in an action name fails at once with the names that exist.
 */
import { describe, isFieldRecord } from './action.js';
import { ModelDefinitionError } from './errors.js';
import { checkFields } from './fields.js';
import type { Fairness, LivenessProperty, LivenessSpec, StatePredicate, Transition } from './types.js';

/**
 * Checks a fairness list against the transitions: each name is an action's
 * label (`finish`), one choice of it (`take(0)`), or a group of such names
 * treated as one (`['send', 'retry']`). An environment's behavior is never
 * fair: naming one is an error that says so.
 */
export function normalizeFairness(value: unknown, transitions: readonly Transition<unknown>[], what: string): Fairness | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return 'all';
  if (!Array.isArray(value)) {
    throw new ModelDefinitionError(`${what} must be 'all' or a list of action names (or of groups of them), got ${describe(value)}`);
  }
  const entries = (value as unknown[]).map((entry): string | readonly [string, ...string[]] => {
    if (!Array.isArray(entry)) return checkFairName(entry, transitions, what);
    if (entry.length === 0) throw new ModelDefinitionError(`${what}: a group of actions must name at least one, got []`);
    const [first, ...rest] = entry.map((name: unknown) => checkFairName(name, transitions, what));
    return Object.freeze([first, ...rest] as const);
  });
  return Object.freeze(entries);
}

/** One name in a fairness list: a model action's label or one choice of it. */
function checkFairName(name: unknown, transitions: readonly Transition<unknown>[], what: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new ModelDefinitionError(`${what} must list action names as strings (or groups of them as lists), got ${describe(name)}`);
  }
  const names = (t: Transition<unknown>, as: string) => as === name || (t.choices !== undefined && name.startsWith(`${as}(`) && name.endsWith(')'));
  const named = transitions.find((t) => names(t, t.label));
  // A behavior named without its environment's prefix ('push' for 'e:push') is one too: say it cannot be fair.
  const behavior = named ?? transitions.find((t) => t.environment !== undefined && names(t, t.name));
  if (behavior === undefined) {
    const actions = transitions.filter((t) => t.environment === undefined).map((t) => `'${t.label}'`);
    throw new ModelDefinitionError(`${what}: no action is named '${name}'; ${actions.length === 0 ? 'the model has no actions' : `the actions are ${actions.join(', ')}`}`);
  }
  if (behavior.environment !== undefined) {
    throw new ModelDefinitionError(
      `${what}: '${name}' is a behavior of environment '${behavior.environment}'; an environment is adversarial and never assumed fair (only the model's actions can be)`,
    );
  }
  return name;
}

/** Checks that a goal or from is a predicate. */
export function checkPredicate<S>(value: unknown, what: string): StatePredicate<S> {
  if (typeof value !== 'function') throw new ModelDefinitionError(`${what} must be a function (state) => boolean, got ${describe(value)}`);
  return value as StatePredicate<S>;
}

const SPEC_KEYS = ['goal', 'from', 'infinitelyOften', 'eventuallyAlways', 'fair', 'strongFair', 'stuttering'];
const FORMS = ['goal', 'infinitelyOften', 'eventuallyAlways'] as const;

/** The temporal form of a spec: which one of goal / infinitelyOften / eventuallyAlways it gives, and its predicate. */
function formOf<S>(spec: Record<string, unknown>, where: string): { form?: LivenessProperty<S>['form']; goal: StatePredicate<S> } {
  const given = FORMS.filter((key) => spec[key] !== undefined);
  if (given.length !== 1) {
    throw new ModelDefinitionError(
      given.length === 0
        ? `${where} needs one of goal (◇goal), infinitelyOften (□◇P) or eventuallyAlways (◇□P), a predicate (state) => boolean`
        : `${where} gives ${given.join(' and ')}; give exactly one of goal, infinitelyOften, eventuallyAlways`,
    );
  }
  const key = given[0];
  const goal = checkPredicate<S>(spec[key], `${where}: ${key}`);
  if (key === 'goal') return { goal };
  if (spec.from !== undefined) {
    throw new ModelDefinitionError(`${where}: from goes with goal only (from ⤳ goal); ${key} already speaks of every state`);
  }
  return { form: key, goal };
}

/** Validates one liveness spec (named or not) into a property. */
export function normalizeLivenessSpec<S>(
  name: string,
  spec: unknown,
  transitions: readonly Transition<S>[],
  where: string,
): LivenessProperty<S> {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new ModelDefinitionError(`${where} must be an object { goal, from?, fair?, strongFair?, stuttering? }, got ${describe(spec)}`);
  }
  checkFields(spec, SPEC_KEYS, where);
  const s = spec as LivenessSpec<S>;
  const { form, goal } = formOf<S>(spec as Record<string, unknown>, where);
  const from = s.from === undefined ? undefined : checkPredicate<S>(s.from, `${where}: from`);
  const all = transitions as readonly Transition<unknown>[];
  const fair = normalizeFairness(s.fair, all, `${where}: fair`);
  const strongFair = normalizeFairness(s.strongFair, all, `${where}: strongFair`);
  const stuttering = checkStuttering(s.stuttering, `${where}: stuttering`);
  return Object.freeze({
    name,
    goal,
    ...(form === undefined ? {} : { form }),
    ...(from === undefined ? {} : { from }),
    ...(fair === undefined ? {} : { fair }),
    ...(strongFair === undefined ? {} : { strongFair }),
    ...(stuttering === undefined ? {} : { stuttering }),
  });
}

/** Checks the stuttering switch. */
export function checkStuttering(value: unknown, what: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new ModelDefinitionError(`${what} must be true or false, got ${describe(value)}`);
}

/** The `liveness` record of a model spec as properties, in declaration order. */
export function normalizeLiveness<S>(
  record: unknown,
  transitions: readonly Transition<S>[],
  where: string,
): LivenessProperty<S>[] {
  if (record === undefined) return [];
  if (!isFieldRecord(record)) {
    throw new ModelDefinitionError(`${where}: liveness must be a record { name: { goal, from?, fair? } }, got ${describe(record)}`);
  }
  return Object.entries(record).map(([name, spec]) =>
    normalizeLivenessSpec(name, spec, transitions, `${where}: liveness property '${name}'`),
  );
}
