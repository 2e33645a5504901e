/**
 * Validation of liveness properties and fairness lists, shared by
 * `defineModel` (named properties) and `checkLiveness` (ad-hoc ones), so that
 * a typo in an action name fails at once with the names that exist.
 */
import { describe } from './action.js';
import { ModelDefinitionError } from './errors.js';
import { checkFields } from './fields.js';
import type { Fairness, LivenessProperty, LivenessSpec, StatePredicate, Transition } from './types.js';

/**
 * Checks a fairness list against the transitions: each name is an action's
 * label (`finish`, `k8s:evict-pod`) or one choice of it (`take(0)`).
 */
export function normalizeFairness(value: unknown, transitions: readonly Transition<unknown>[], what: string): Fairness | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return 'all';
  if (!Array.isArray(value)) {
    throw new ModelDefinitionError(`${what} must be 'all' or a list of action names, got ${describe(value)}`);
  }
  for (const name of value as unknown[]) {
    if (typeof name !== 'string' || name === '') {
      throw new ModelDefinitionError(`${what} must list action names as strings, got ${describe(name)}`);
    }
    if (!transitions.some((t) => t.label === name || (t.choices !== undefined && name.startsWith(`${t.label}(`) && name.endsWith(')')))) {
      throw new ModelDefinitionError(
        `${what}: no action is named '${name}'; the actions are ${transitions.map((t) => `'${t.label}'`).join(', ')}`,
      );
    }
  }
  return Object.freeze([...(value as string[])]);
}

/** Checks that a goal or from is a predicate. */
export function checkPredicate<S>(value: unknown, what: string): StatePredicate<S> {
  if (typeof value !== 'function') throw new ModelDefinitionError(`${what} must be a function (state) => boolean, got ${describe(value)}`);
  return value as StatePredicate<S>;
}

const SPEC_KEYS = ['goal', 'from', 'fair', 'strongFair', 'stuttering'];

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
  const goal = checkPredicate<S>(s.goal, `${where}: goal`);
  const from = s.from === undefined ? undefined : checkPredicate<S>(s.from, `${where}: from`);
  const all = transitions as readonly Transition<unknown>[];
  const fair = normalizeFairness(s.fair, all, `${where}: fair`);
  const strongFair = normalizeFairness(s.strongFair, all, `${where}: strongFair`);
  const stuttering = checkStuttering(s.stuttering, `${where}: stuttering`);
  return Object.freeze({
    name,
    goal,
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
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ModelDefinitionError(`${where}: liveness must be a record { name: { goal, from?, fair? } }, got ${describe(record)}`);
  }
  return Object.entries(record).map(([name, spec]) =>
    normalizeLivenessSpec(name, spec, transitions, `${where}: liveness property '${name}'`),
  );
}
