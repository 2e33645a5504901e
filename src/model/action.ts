import { isRecord } from './shape.js';
import { ContractError, ModelDefinitionError } from './errors.js';
import { checkFields } from './fields.js';
import type { Action, Actions, ActionSpec, Transition } from './types.js';

/**
 * A named action in musil's style, handy when actions are built in a loop.
 *
 * @example
 * const moves = [0, 1, 2].flatMap((from) =>
 *   [0, 1, 2].filter((to) => to !== from).map((to) =>
 *     action(`move(${from},${to})`, (s: Pegs) => canMove(s, from, to), (s) => move(s, from, to)),
 *   ),
 * );
 * defineModel({ init, actions: moves });
 */
export function action<S>(name: string, enabled: (state: S) => boolean, apply: (state: S) => S): Action<S> {
  if (typeof name !== 'string' || name === '') {
    throw new ModelDefinitionError(`action(name, enabled, apply): name must be a non-empty string, got ${describe(name)}`);
  }
  if (typeof enabled !== 'function') {
    throw new ModelDefinitionError(`action '${name}': enabled must be a function (state) => boolean, got ${describe(enabled)}`);
  }
  if (typeof apply !== 'function') {
    throw new ModelDefinitionError(`action '${name}': apply must be a function (state) => state, got ${describe(apply)}`);
  }
  return Object.freeze({ name, enabled, apply });
}

/** A short description of a wrong value for an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return isRecord(value) ? 'an object' : kindOf(value, inheritedName(value));
  if (Object.is(value, -0)) return 'number -0';
  if (typeof value === 'bigint') return `bigint ${value}n`;
  return `${typeof value === 'undefined' ? '' : `${typeof value} `}${String(value)}`.trim();
}

/**
 * Whether a value holds named parts (invariants, actions, options) as its own
 * fields: a plain object, or an instance whose class adds nothing but fields.
 * A Map, a Set, a class with methods or getters, an object that inherits
 * fields: their entries would not be read (badinput21: a Map of invariants was
 * read as none, and the check passed).
 *
 * @example
 * isFieldRecord({ small: (s) => s.n < 2 }); // true
 * isFieldRecord(new Map());                 // false
 */
export function isFieldRecord(value: unknown): value is Record<string, unknown> {
  // Anything else whose prototype chain adds nothing but constructors: a Map, a Promise, a class with methods inherit members.
  return isRecord(value) || (typeof value === 'object' && value !== null && !Array.isArray(value) && inheritedName(value) === undefined);
}

const BUILT_INS = ['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'Promise', 'RegExp', 'Error'];

/** The first member a value inherits from a prototype other than Object.prototype (a method, a getter, a field), or undefined. */
function inheritedName(value: object): string | undefined {
  try {
    for (let proto = Object.getPrototypeOf(value) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
      // Object.prototype, of this realm or another (Jest's vm context): its own prototype is null.
      if (Object.getPrototypeOf(proto) === null && constructorName(value, proto) === 'Object') return undefined;
      const names = [...Object.getOwnPropertyNames(proto), ...Object.getOwnPropertySymbols(proto).map(String)].filter((k) => k !== 'constructor');
      if (names.length > 0) return names[0];
    }
    return undefined;
  } catch {
    return '(unreadable)';
  }
}

function constructorName(value: object, proto: object | null = Object.getPrototypeOf(value) as object | null): string | undefined {
  const name = (proto as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** An object that is not a plain record, by its class: 'a Map', 'a Promise', 'an instance of Invariants, whose small is inherited (only own fields are read)'. */
function kindOf(value: object, inherited: string | undefined): string {
  let name: string | undefined;
  try {
    name = constructorName(value);
  } catch {
    name = undefined;
  }
  if (name !== undefined && BUILT_INS.includes(name)) return `a ${name}`;
  const what = name === undefined || name === 'Object' ? 'an object' : `an instance of ${name}`;
  return inherited === undefined ? what : `${what}, whose ${inherited} is inherited (only own fields are read)`;
}

// `name` for what action(name, enabled, apply) builds, in a list or a record.
const ACTION_FIELDS = ['enabled', 'apply', 'choices', 'name'];

/**
 * Turns either form of `actions` (record or list) into the checker's transitions,
 * rejecting duplicate names and malformed entries with the action named.
 */
export function normalizeActions<S>(actions: Actions<S>, what: string, environment?: string): Transition<S>[] {
  const prefix = environment === undefined ? '' : `${environment}:`;
  const out: Transition<S>[] = [];
  const seen = new Set<string>();
  const add = (rawName: string, spec: ActionSpec<S> | Action<S>) => {
    // musil writes behaviors as 'k8s:evict-pod'; accept the environment's own prefix once.
    const name = prefix !== '' && rawName.startsWith(prefix) ? rawName.slice(prefix.length) : rawName;
    if (name === '') throw new ModelDefinitionError(`${what}: an action has an empty name`);
    if (seen.has(name)) throw new ModelDefinitionError(`${what}: two actions are named '${prefix}${name}'; names must be unique`);
    seen.add(name);
    if (typeof spec !== 'object' || spec === null) {
      throw new ModelDefinitionError(`${what}: action '${prefix}${name}' must be an object with apply, got ${describe(spec)}`);
    }
    checkFields(spec, ACTION_FIELDS, `${what}: action '${prefix}${name}'`);
    const { apply, enabled } = spec;
    const choices = 'choices' in spec ? spec.choices : undefined;
    if (typeof apply !== 'function') {
      throw new ModelDefinitionError(`${what}: action '${prefix}${name}' has no apply function (state) => state`);
    }
    if (enabled !== undefined && typeof enabled !== 'function') {
      throw new ModelDefinitionError(`${what}: action '${prefix}${name}': enabled must be a function, got ${describe(enabled)}`);
    }
    if (choices !== undefined && typeof choices !== 'function') {
      throw new ModelDefinitionError(`${what}: action '${prefix}${name}': choices must be a function (state) => Iterable, got ${describe(choices)}`);
    }
    out.push(
      Object.freeze({
        name,
        label: prefix + name,
        ...(environment === undefined ? {} : { environment }),
        enabled: enabled as Transition<S>['enabled'],
        apply: apply as Transition<S>['apply'],
        choices: choices === undefined ? undefined : listed(prefix + name, choices as NonNullable<Transition<S>['choices']>),
      }),
    );
  };
  if (Array.isArray(actions)) {
    for (const a of actions as readonly Action<S>[]) {
      if (typeof a !== 'object' || a === null || typeof a.name !== 'string') {
        throw new ModelDefinitionError(`${what}: every entry of the list must come from action(name, enabled, apply), got ${describe(a)}`);
      }
      add(a.name, a);
    }
  } else if (isFieldRecord(actions)) {
    for (const [name, spec] of Object.entries(actions as Record<string, ActionSpec<S>>)) add(name, spec);
  } else {
    throw new ModelDefinitionError(`${what}: actions must be a record { name: { enabled?, apply } } or a list of action(...), got ${describe(actions)}`);
  }
  refuseLookalikes(out, what, prefix);
  return out;
}

/**
 * An action named like one choice of another (`go(1)` beside `go` with
 * choices) would share its label in traces, in `toReach('go(1)')` and in
 * fairness lists: refused, naming both.
 */
function refuseLookalikes<S>(transitions: readonly Transition<S>[], what: string, prefix: string): void {
  const withChoices = new Set(transitions.filter((t) => t.choices !== undefined).map((t) => t.name));
  for (const { name } of transitions) {
    const open = name.indexOf('(');
    if (open <= 0 || !name.endsWith(')') || !withChoices.has(name.slice(0, open))) continue;
    const base = `${prefix}${name.slice(0, open)}`;
    throw new ModelDefinitionError(
      `${what}: action '${prefix}${name}' is named like a choice of action '${base}', whose steps read '${base}(choice)'; rename one of them`,
    );
  }
}

/**
 * An action's `choices`, returning what the user's returns when it is a list
 * (any iterable); a Promise or anything else is a ContractError naming the
 * action and what came back (iterating it would throw a TypeError naming
 * kripke's own variables).
 */
function listed<S>(label: string, choices: (state: S) => Iterable<unknown>): (state: S) => Iterable<unknown> {
  const wrapper = (state: S): Iterable<unknown> => {
    const out: unknown = choices(state);
    if (out !== null && out !== undefined && typeof (out as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') return out as Iterable<unknown>;
    // Named here, for every caller (the search, conformance, replay): "choices 'step' returned …".
    const who = `choices '${label}' returned`;
    const async = out !== null && (typeof out === 'object' || typeof out === 'function') && (typeof (out as { then?: unknown }).then === 'function' || typeof (out as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function');
    if (async) throw new ContractError(`${who} ${typeof (out as { then?: unknown }).then === 'function' ? 'a Promise' : 'an async iterable'}, not a list of choices: choices must be synchronous (no async functions or generators, no awaiting)`);
    throw new ContractError(`${who} ${describe(out)}, not a list of choices: choices must return an array (or another iterable) of the choices the state offers${out === undefined ? ' (a missing return?)' : ''}`);
  };
  wrapped.set(wrapper, choices);
  return wrapper;
}

/** The user's function behind each of kripke's wrappers of one. */
const wrapped = new WeakMap<object, unknown>();

/**
 * The source code of a function of the model, as its author wrote it (the
 * user's `choices`, not kripke's wrapper of it): what tells two definitions of
 * a model apart.
 *
 * @example
 * sourceOf(transition.choices); // '() => [0, 1]'
 */
export function sourceOf(f: unknown): string {
  const original = typeof f === 'function' ? (wrapped.get(f) ?? f) : f;
  return typeof original === 'function' ? Function.prototype.toString.call(original) : '';
}
