/**
 * What a check explores: a model composed with its environments, once. The
 * environments' behaviors join the model's actions as transitions, their
 * guarantees join its invariants as properties, and their assumptions are
 * collected; every entry point and matcher then asks a query of the result.
 */
import { describe } from '../model/action.js';
import { isEnvironment } from '../model/define-environment.js';
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
  return {
    model,
    name: model.name,
    initStates: parts.initStates,
    transitions: [...parts.transitions, ...envs.flatMap((e) => e.behaviors)],
    invariants: [...parts.invariants, ...envs.flatMap((e) => e.guarantees)],
    ...(parts.terminal === undefined ? {} : { terminal: parts.terminal }),
    liveness: parts.liveness,
    environments: [...new Set(envs.map((e) => e.name))],
    assumptions: envs.flatMap((e) => e.assumptions),
  };
}
