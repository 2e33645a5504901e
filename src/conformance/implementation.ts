/**
 * `defineImplementation`: the adapter between a model and the real code,
 * checked once when defined (a wrong field is an error naming it) and against
 * the model when a check starts (every action mapped, nothing else).
 */
import { describe } from '../model/action.js';
import { ModelDefinitionError } from '../model/errors.js';
import type { System } from '../checker/system.js';
import type { Implementation, ImplementationSpec } from './types.js';

const BRAND = Symbol.for('kripke.implementation');
const FIELDS = ['name', 'create', 'actions', 'chooses', 'observe', 'project', 'dispose'];

/**
 * Describes how to drive and observe the real code for `checkConformance` and
 * `toBeImplementedBy`: a fresh system under test per path, one function per
 * model action (and environment behavior), and what it exposes.
 *
 * @example
 * const impl = defineImplementation<CacheState, LRUCache<string, number>>({
 *   create: () => new LRUCache({ max: 2 }),
 *   actions: {
 *     set: (cache, [key, value]: [string, number]) => cache.set(key, value),
 *     get: (cache, key: string) => cache.get(key),
 *   },
 *   observe: (cache) => [...cache.entries()].reverse(),
 *   project: (s) => s.entries,
 * });
 */
export function defineImplementation<S, Sut>(spec: ImplementationSpec<S, Sut>): Implementation<S, Sut> {
  const where = 'defineImplementation';
  if (typeof spec !== 'object' || spec === null) throw new ModelDefinitionError(`${where}: expected an object, got ${describe(spec)}`);
  for (const key of Object.keys(spec)) {
    if (!FIELDS.includes(key)) throw new ModelDefinitionError(`${where}: unknown field '${key}'; the fields are ${FIELDS.join(', ')}`);
  }
  for (const key of ['create', 'observe'] as const) {
    if (typeof spec[key] !== 'function') throw new ModelDefinitionError(`${where}: '${key}' must be a function, got ${describe(spec[key])}`);
  }
  for (const key of ['project', 'dispose'] as const) {
    if (spec[key] !== undefined && typeof spec[key] !== 'function') throw new ModelDefinitionError(`${where}: '${key}' must be a function, got ${describe(spec[key])}`);
  }
  if (spec.name !== undefined && typeof spec.name !== 'string') throw new ModelDefinitionError(`${where}: 'name' must be a string, got ${describe(spec.name)}`);
  const actions = spec.actions as unknown;
  if (typeof actions !== 'object' || actions === null || Array.isArray(actions)) {
    throw new ModelDefinitionError(`${where}: 'actions' must be an object of functions keyed by action name, got ${describe(actions)}`);
  }
  for (const [label, fn] of Object.entries(actions)) {
    if (typeof fn !== 'function') throw new ModelDefinitionError(`${where}: action '${label}' must be a function (sut, choice) => …, got ${describe(fn)}`);
  }
  const chooses = spec.chooses as unknown;
  if (chooses !== undefined && (!Array.isArray(chooses) || chooses.some((c) => typeof c !== 'string'))) {
    throw new ModelDefinitionError(`${where}: 'chooses' must be an array of action names, got ${describe(chooses)}`);
  }
  const impl = { kind: 'implementation' as const, name: spec.name ?? 'implementation', actions: Object.keys(actions), spec: Object.freeze({ ...spec }) as ImplementationSpec<S, unknown> };
  Object.defineProperty(impl, BRAND, { value: true });
  return Object.freeze(impl) as Implementation<S, Sut>;
}

/** Whether a value came from `defineImplementation`. */
export function isImplementation(value: unknown): value is Implementation<unknown, unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Checks an adapter against a composed system: every transition label is
 * mapped, nothing else is, and `chooses` names actions with choices.
 */
export function assertMapped<S>(system: System<S>, impl: Implementation<S, unknown>, where: string): void {
  const labels = system.transitions.map((t) => t.label);
  const missing = labels.filter((l) => !impl.actions.includes(l));
  if (missing.length > 0) {
    const list = missing.map((l) => `'${l}'`).join(', ');
    throw new ModelDefinitionError(`${where}: ${impl.name} maps no action ${list} of model '${system.name}'; add ${missing.length === 1 ? 'it' : 'them'} to defineImplementation({ actions })`);
  }
  const extra = impl.actions.filter((l) => !labels.includes(l));
  if (extra.length > 0) {
    throw new ModelDefinitionError(`${where}: ${impl.name} maps ${extra.map((l) => `'${l}'`).join(', ')}, which model '${system.name}' does not have; its actions are ${labels.map((l) => `'${l}'`).join(', ')}`);
  }
  for (const name of impl.spec.chooses ?? []) {
    const tr = system.transitions.find((t) => t.label === name);
    if (tr === undefined || tr.choices === undefined) {
      throw new ModelDefinitionError(`${where}: chooses names '${name}', which is not an action with choices of model '${system.name}'`);
    }
  }
}
