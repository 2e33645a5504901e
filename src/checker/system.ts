/**
 * What a check explores: a model composed with its environments, once. The
 * environments' behaviors join the model's actions as transitions, their
 * guarantees join its invariants as properties, and their assumptions are
 * collected; every entry point and matcher then asks a query of the result.
 */
import { describe } from '../model/action.js';
import { isEnvironment, stateKeysOf, type OwnedStateKey } from '../model/define-environment.js';
import { ContractError } from '../model/errors.js';
import { partsOf } from '../model/define-model.js';
import { ModelDefinitionError } from '../model/errors.js';
import type { Assumption, Environment, LivenessProperty, Model, Property, Transition } from '../model/types.js';

/** A model and its environments, composed. */
export interface System<S> {
  readonly model: Model<S>;
  readonly name: string;
  readonly initStates: readonly S[];
  /** The model's actions, then each environment's behaviors. */
  readonly transitions: readonly Transition<S>[];
  /** The model's invariants, then each environment's guarantees (with their environment). */
  readonly invariants: readonly Property<S>[];
  readonly terminal?: (state: S) => boolean;
  /** The model's symmetry (defineModel's `symmetry`), if any. */
  readonly symmetry?: (state: S) => S;
  /** The model's named liveness properties. */
  readonly liveness: readonly LivenessProperty<S>[];
  /** The environments' names, in the order given, each once (one platform's factories may share a name). */
  readonly environments: readonly string[];
  /** Every declared assumption: environment order, then declaration order. */
  readonly assumptions: readonly Assumption[];
}

/**
 * Composes a model with environments (none: the closed model), checking that
 * each is an environment and that no behavior's label is a model action's name
 * or another behavior's. Environments may share a name when their behaviors
 * differ (the factories of one platform: `k8s.podEviction` and `k8s.nodeFailure`
 * are both 'k8s'); the same label twice is refused.
 *
 * @example
 * const open = compose(service, [k8s]);
 * open.transitions.map((t) => t.label); // ['start', 'k8s:evict-pod']
 */
export function compose<S>(model: Model<S>, environments: readonly unknown[] = [], where = 'checkOpen'): System<S> {
  const parts = partsOf(model);
  const labels = new Map(parts.transitions.map((t) => [t.label, `model action '${t.label}'`]));
  const envs = environments.map((env, i) => {
    if (!isEnvironment(env)) {
      throw new ModelDefinitionError(`${where}: environment ${i} is not an environment from defineEnvironment, got ${describe(env)}`);
    }
    for (const b of env.behaviors) {
      const clash = labels.get(b.label);
      if (clash !== undefined) throw new ModelDefinitionError(`${where}: behavior '${b.label}' of environment '${env.name}' has the same name as ${clash}`);
      labels.set(b.label, `behavior '${b.label}'`);
    }
    return env as Environment<S>;
  });
  const guarantees = envs.flatMap((e) => e.guarantees);
  guarantees.forEach((g, i) => {
    if (guarantees.findIndex((h) => h.name === g.name && h.environment === g.environment) < i) {
      throw new ModelDefinitionError(`${where}: two environments named '${g.environment}' both declare a guarantee '${g.name}'; rename one, or a failure could not say which broke`);
    }
  });
  // Environments of one name (a platform's factories) may state one assumption each; stated differently, it is refused.
  const assumptions: Assumption[] = [];
  for (const a of envs.flatMap((e) => e.assumptions)) {
    const same = assumptions.find((b) => b.name === a.name && b.environment === a.environment);
    if (same === undefined) assumptions.push(a);
    else if (same.description !== a.description || same.status !== a.status || same.source !== a.source) {
      throw new ModelDefinitionError(`${where}: two environments named '${a.environment}' both declare an assumption '${a.name}', differently; rename one, or state it the same way in both`);
    }
  }
  const owned = envs.flatMap((e) => stateKeysOf(e));
  const transitions = [...parts.transitions, ...envs.flatMap((e) => e.behaviors)];
  return {
    model,
    name: model.name,
    initStates: parts.initStates,
    transitions: owned.length === 0 ? transitions : transitions.map((t) => keepingKeys(t, owned)),
    invariants: [...parts.invariants, ...guarantees],
    ...(parts.terminal === undefined ? {} : { terminal: parts.terminal }),
    liveness: parts.liveness,
    ...(parts.symmetry === undefined ? {} : { symmetry: parts.symmetry }),
    environments: [...new Set(envs.map((e) => e.name))],
    assumptions,
  };
}

/**
 * A transition that must keep the state keys environments own (a fault
 * budget's count): one that drops a count would let the budget silently start
 * again, and the search would show faults the budget rules out.
 */
function keepingKeys<S>(t: Transition<S>, owned: readonly OwnedStateKey[]): Transition<S> {
  const apply = t.apply;
  return {
    ...t,
    apply: (state: S, choice?: unknown) => {
      const next = apply(state, choice);
      for (const { key, owner } of owned) {
        if (countOf(state, key) !== undefined && countOf(next, key) === undefined) {
          throw new ContractError(
            // blame.ts puts the action's name in front.
            `returned a state without '${key}', the count ${owner} keeps in the state; build the next state from the last ({ ...s, … }) so the count survives, or the budget would silently start again`,
          );
        }
      }
      return next;
    },
  };
}

function countOf(state: unknown, key: string): unknown {
  return typeof state === 'object' && state !== null ? (state as Record<string, unknown>)[key] : undefined;
}
