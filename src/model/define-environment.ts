import { describe, isFieldRecord, normalizeActions } from './action.js';
import { normalizeProperties } from './define-model.js';
import { ModelDefinitionError } from './errors.js';
import { checkFields } from './fields.js';
import type { Assumption, Environment, EnvironmentSpec } from './types.js';

/**
 * Defines an environment: adversarial behaviors that may fire at any moment,
 * guarantees the composed system must keep, and the assumptions no check can
 * discharge (reported by `checkOpen` as residual proof obligations).
 *
 * @example
 * const k8s = defineEnvironment<Service>({
 *   name: 'k8s',
 *   behaviors: {
 *     'evict-pod': {
 *       enabled: (s) => s.status === 'healthy' && s.restarts < s.maxRestarts,
 *       apply: (s) => ({ ...s, status: 'starting', restarts: s.restarts + 1 }),
 *     },
 *   },
 *   guarantees: { 'restarts-non-negative': (s) => s.restarts >= 0 },
 *   assumptions: {
 *     'node-capacity': {
 *       description: 'At least one schedulable node is always available after eviction',
 *       source: 'Kubernetes docs: Pod lifecycle',
 *     },
 *   },
 * });
 */
export function defineEnvironment<S>(spec: EnvironmentSpec<S>): Environment<S> {
  if (typeof spec !== 'object' || spec === null) {
    throw new ModelDefinitionError(`defineEnvironment expects { name, behaviors }, got ${describe(spec)}`);
  }
  const { name } = spec;
  if (typeof name !== 'string' || name === '' || name.includes(':')) {
    throw new ModelDefinitionError(`defineEnvironment: name must be a non-empty string without ':', got ${describe(name)}`);
  }
  const where = `environment '${name}'`;
  checkFields(spec, ['name', 'behaviors', 'guarantees', 'assumptions'], `defineEnvironment: ${where}`);
  const behaviors = normalizeActions(spec.behaviors, where, name);
  if (behaviors.length === 0) throw new ModelDefinitionError(`${where} has no behaviors`);
  return Object.freeze({
    kind: 'kripke/environment' as const,
    name,
    behaviors: Object.freeze(behaviors),
    guarantees: Object.freeze(normalizeProperties(spec.guarantees, `${where}: guarantee`, name)),
    assumptions: Object.freeze(normalizeAssumptions(spec.assumptions, where, name)),
  });
}

function normalizeAssumptions(
  record: EnvironmentSpec<unknown>['assumptions'],
  where: string,
  environment: string,
): Assumption[] {
  if (record === undefined) return [];
  if (!isFieldRecord(record)) {
    throw new ModelDefinitionError(`${where}: assumptions must be a record { name: { description } }, got ${describe(record)}`);
  }
  return Object.entries(record).map(([name, a]) => {
    if (typeof a !== 'object' || a === null || typeof a.description !== 'string' || a.description === '') {
      throw new ModelDefinitionError(`${where}: assumption '${name}' needs a description (a non-empty string)`);
    }
    checkFields(a, ['description', 'status', 'source'], `${where}: assumption '${name}'`);
    const status = a.status ?? 'unverified';
    if (status !== 'unverified' && status !== 'verified') {
      throw new ModelDefinitionError(`${where}: assumption '${name}' has status ${describe(status)}; use 'unverified' or 'verified'`);
    }
    if (a.source !== undefined && typeof a.source !== 'string') {
      throw new ModelDefinitionError(`${where}: assumption '${name}': source must be a string, got ${describe(a.source)}`);
    }
    return Object.freeze({
      name,
      description: a.description,
      status,
      ...(a.source === undefined ? {} : { source: a.source }),
      environment,
    });
  });
}

/**
 * True for what `defineEnvironment` returns (recognised by its `kind`, so across the ESM and CommonJS builds).
 *
 * @example
 * isEnvironment(defineEnvironment({ name: 'net', behaviors: { drop: { apply: (s) => s } } })); // true
 * isEnvironment({ name: 'net' }); // false
 */
export function isEnvironment(value: unknown): value is Environment<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'kripke/environment';
}

/** A key of the state that an environment keeps data of its own under (a fault budget's count), and who keeps it. */
export interface OwnedStateKey {
  readonly key: string;
  /** For messages: `k8s.podEviction (environment 'k8s'): maxEvictions`. */
  readonly owner: string;
}

const STATE_KEYS = Symbol.for('kripke.environment.stateKeys');

/**
 * The environment with the state keys it owns attached (kripke/environments'
 * budgets): composing it makes every other transition keep those keys, so a
 * count cannot silently start again when an action builds a fresh state.
 */
export function withStateKeys<S>(env: Environment<S>, keys: readonly OwnedStateKey[]): Environment<S> {
  if (keys.length === 0) return env;
  return Object.freeze(Object.defineProperty({ ...env }, STATE_KEYS, { value: Object.freeze([...keys]) }));
}

/** The state keys an environment owns (none for one built by defineEnvironment alone). */
export function stateKeysOf<S>(env: Environment<S>): readonly OwnedStateKey[] {
  return (env as { [STATE_KEYS]?: readonly OwnedStateKey[] })[STATE_KEYS] ?? [];
}
