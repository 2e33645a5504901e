/**
 * What every factory of `kripke/environments` shares: its options are checked
 * the same way, its fault budget is a count kept in the user's state under
 * one key it owns, and its environment is built by `defineEnvironment`.
 */
import { describe } from '../model/action.js';
import { defineEnvironment, withStateKeys } from '../model/define-environment.js';
import { ModelDefinitionError } from '../model/errors.js';
import { checkFields } from '../model/fields.js';
import type { ActionSpec, AssumptionSpec, Environment } from '../model/types.js';

/** Options every factory takes. */
export interface CommonOptions<S> {
  /**
   * The environment's name (default: the platform's, e.g. `'k8s'`): its
   * behaviors read `${name}:${behavior}` in traces, and its budget key is
   * `${name}:${counter}`. Rename to compose two independent ones (`'net-a'`, `'net-b'`).
   */
  name?: string;
  /** Predicates the composed system must keep, checked like invariants and reported as this environment's guarantees. */
  guarantees?: Readonly<Record<string, (state: S) => boolean>>;
}

/** The options a factory knows, by kind, for its checks and its error messages. */
export interface OptionRules {
  /** Callbacks that must be given (functions). */
  readonly required: readonly string[];
  /** Callbacks that may be omitted. */
  readonly optional?: readonly string[];
  /** Fault budgets: non-negative integers. */
  readonly budgets?: readonly string[];
  /** Switches: booleans. */
  readonly flags?: readonly string[];
}

/**
 * Checks a factory's options: an object, no unknown option, every callback a
 * function, every budget a non-negative integer, every flag a boolean, the
 * name a non-empty string without ':'. Each error names the factory and the option.
 *
 * @example
 * checkOptions('k8s.podEviction', { canEvict: 1 }, { required: ['canEvict', 'onEvict'] });
 * // ModelDefinitionError: k8s.podEviction: option canEvict must be a function, got number 1
 */
export function checkOptions(factory: string, options: unknown, rules: OptionRules): void {
  const { required, optional = [], budgets = [], flags = [] } = rules;
  const known = [...required, ...optional, ...budgets, ...flags, 'name', 'guarantees'];
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ModelDefinitionError(`${factory} expects an options object { ${required.join(', ')}, … }, got ${describe(options)}`);
  }
  checkFields(options, known, factory);
  const record = options as Record<string, unknown>;
  for (const key of [...required, ...optional]) {
    const value = record[key];
    if (value === undefined && optional.includes(key)) continue;
    if (typeof value !== 'function') throw new ModelDefinitionError(`${factory}: option ${key} must be a function, got ${describe(value)}`);
  }
  for (const key of budgets) {
    const value = record[key];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      throw new ModelDefinitionError(`${factory}: option ${key} must be a non-negative integer (a count of faults along a path), got ${describe(value)}`);
    }
  }
  for (const key of flags) {
    if (record[key] !== undefined && typeof record[key] !== 'boolean') throw new ModelDefinitionError(`${factory}: option ${key} must be a boolean, got ${describe(record[key])}`);
  }
  const { name } = record;
  if (name !== undefined && (typeof name !== 'string' || name === '' || name.includes(':'))) {
    throw new ModelDefinitionError(`${factory}: option name must be a non-empty string without ':', got ${describe(name)}`);
  }
}

/**
 * A fault budget: at most `max` faults along a path, counted in the state
 * under `key` (a missing key counts as 0). The state must be a plain record.
 */
export class Budget {
  constructor(
    readonly key: string,
    readonly max: number,
    /** Who keeps the count, for errors: "k8s.podEviction (environment 'k8s'): maxEvictions". */
    readonly owner: string,
  ) {}

  /** The count so far in `state`. */
  count(state: unknown): number {
    if (Object.prototype.toString.call(state) !== '[object Object]') {
      throw new ModelDefinitionError(`${this.owner} keeps its count in the state under '${this.key}', so the state must be a plain record; got ${describe(state)}`);
    }
    const n = (state as Record<string, unknown>)[this.key];
    if (n === undefined) return 0;
    if (!Number.isInteger(n) || (n as number) < 0) {
      throw new ModelDefinitionError(`${this.owner}: state['${this.key}'] must be a count of faults (a non-negative integer), got ${describe(n)}`);
    }
    return n as number;
  }

  /** Whether one more fault fits in the budget. */
  allows(state: unknown): boolean {
    return this.count(state) < this.max;
  }

  /** `next` with the count of `before` plus one. */
  spend<S>(before: S, next: S): S {
    const n = this.count(before) + 1;
    if (Object.prototype.toString.call(next) !== '[object Object]') {
      throw new ModelDefinitionError(`${this.owner} keeps its count in the state under '${this.key}', but the fault returned ${describe(next)}, not a plain record`);
    }
    return { ...next, [this.key]: n };
  }
}

/** What `environment` needs to build one factory's environment. */
export interface FactoryDefinition<S> {
  /** The factory, as errors name it: `'k8s.podEviction'`. */
  readonly factory: string;
  /** The platform's name: the environment's name unless the options rename it. */
  readonly platform: string;
  readonly options: CommonOptions<S>;
  /** The budget, when the options give one: its option and the counter's noun (the key is `${name}:${counter}`). */
  readonly budget?: { readonly option: string; readonly counter: string; readonly max: number | undefined };
  /** The behaviors; `counted` ones spend the budget. */
  readonly behaviors: (budget: Budget | undefined) => Record<string, ActionSpec<S>>;
  readonly assumptions: Readonly<Record<string, AssumptionSpec>>;
}

/**
 * Builds a factory's environment with `defineEnvironment`: its name, its
 * behaviors (with the budget, if any), the user's guarantees and the
 * platform's assumptions.
 *
 * @example
 * environment({ factory: 'aws.throttling', platform: 'aws', options, behaviors: () => ({ throttle: { apply } }), assumptions: {} });
 */
export function environment<S>(definition: FactoryDefinition<S>): Environment<S> {
  const { factory, platform, options, budget } = definition;
  const name = options.name ?? platform;
  const owned =
    budget?.max === undefined ? undefined : new Budget(`${name}:${budget.counter}`, budget.max, `${factory} (environment '${name}'): ${budget.option}`);
  const env = defineEnvironment<S>({
    name,
    behaviors: definition.behaviors(owned),
    ...(options.guarantees === undefined ? {} : { guarantees: options.guarantees }),
    assumptions: definition.assumptions,
  });
  return owned === undefined ? env : withStateKeys(env, [{ key: owned.key, owner: owned.owner }]);
}

/**
 * A behavior that spends the budget: enabled only while the budget allows,
 * and its successor carries the count plus one. Without a budget, the spec itself.
 *
 * @example
 * counted(budget, { enabled: (s) => s.up, apply: (s) => ({ ...s, up: false }) });
 */
export function counted<S, P>(budget: Budget | undefined, spec: ActionSpec<S, P>): ActionSpec<S, P> {
  if (budget === undefined) return spec;
  const { choices } = spec;
  const enabled = spec.enabled?.bind(spec);
  const apply = spec.apply.bind(spec);
  return {
    ...(choices === undefined ? {} : { choices }),
    enabled: (s: S, p: P) => budget.allows(s) && (enabled === undefined || enabled(s, p)),
    apply: (s: S, p: P) => budget.spend(s, apply(s, p)),
  };
}

/** A fault with one successor: `enabled`/`apply` from the user's callbacks, counted against the budget. */
export function fault<S>(budget: Budget | undefined, enabled: (state: S) => boolean, apply: (state: S) => S): ActionSpec<S> {
  return counted<S, unknown>(budget, { enabled: (s) => enabled(s), apply: (s) => apply(s) });
}

/** The names of a factory with one fault: its environment, behavior, budget counter, and the two callbacks' options. */
export interface OneFault {
  /** `'etcd.leaseExpiry'`, for errors. */
  readonly factory: string;
  readonly platform: string;
  readonly behavior: string;
  /** The budget key's noun: the key is `${name}:${counter}`. */
  readonly counter: string;
  /** The option saying when the fault may happen (`canExpire`). */
  readonly when: string;
  /** The option saying what it does (`onExpire`). */
  readonly effect: string;
}

/**
 * A factory of one fault, the shape most of kripke/environments has: its
 * options checked, a `maxFaults` budget, one behavior from `when` and `effect`.
 *
 * @example
 * return oneFault({ factory: 'etcd.leaseExpiry', platform: 'etcd', behavior: 'lease-expiry', counter: 'lease-expiries', when: 'canExpire', effect: 'onExpire' }, options, assumptions);
 */
export function oneFault<S>(names: OneFault, options: CommonOptions<S> & { readonly maxFaults?: number }, assumptions: Readonly<Record<string, AssumptionSpec>>): Environment<S> {
  checkOptions(names.factory, options, { required: [names.when, names.effect], budgets: ['maxFaults'] });
  const callbacks = options as unknown as Readonly<Record<string, (state: S) => unknown>>;
  return environment<S>({
    factory: names.factory,
    platform: names.platform,
    options,
    budget: { option: 'maxFaults', counter: names.counter, max: options.maxFaults },
    behaviors: (budget) => ({ [names.behavior]: fault(budget, callbacks[names.when] as (state: S) => boolean, callbacks[names.effect] as (state: S) => S) }),
    assumptions,
  });
}
