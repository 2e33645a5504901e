import { describe, isFieldRecord, normalizeActions } from './action.js';
import { ModelDefinitionError } from './errors.js';
import { checkFields } from './fields.js';
import { normalizeLiveness } from './liveness.js';
import { captureSite, collectModel, type PendingSite } from './definition-site.js';
import { canonicalKey, describeNonPlainData } from './plain-data.js';
import type { ActionLabel, Invariant, LivenessProperty, Model, ModelSpec, Property, Transition } from './types.js';

/**
 * Defines a model: initial state(s), guarded actions, named invariants.
 * Validates the definition at once, so that a malformed model fails where it
 * is written rather than deep inside a check.
 *
 * TypeScript infers the state type from `init` and each action's choice type
 * from its `choices`, and the model's type carries the action names (so a
 * misspelt `toReach('strat')` does not type-check). With an explicit
 * `defineModel<State>(…)` TypeScript infers nothing else (it takes all type
 * arguments or none): annotate the choice parameters then, or type `init`
 * instead (`const init: State = …`).
 *
 * @example
 * const counter = defineModel({
 *   name: 'counter',
 *   init: { n: 0 },
 *   actions: {
 *     inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) },
 *     reset: { enabled: (s) => s.n === 3, apply: () => ({ n: 0 }) },
 *   },
 *   invariants: { 'at-most-3': (s) => s.n <= 3 },
 * });
 * check(counter).toString(); // 'OK — 4 states, no violations'
 */
export function defineModel<S, C = Record<string, unknown>>(spec: ModelSpec<S, C>): Model<S, ActionLabel<C>> {
  if (typeof spec !== 'object' || spec === null) {
    throw new ModelDefinitionError(`defineModel expects { init, actions, invariants? }, got ${describe(spec)}`);
  }
  const name = spec.name ?? 'model';
  const where = `model '${name}'`;
  checkFields(spec, MODEL_FIELDS, `defineModel: ${where}`);
  if (typeof name !== 'string' || name === '') throw new ModelDefinitionError(`defineModel: name must be a non-empty string, got ${describe(name)}`);
  const hasInit = 'init' in spec && spec.init !== undefined;
  const hasInitStates = spec.initStates !== undefined;
  if (hasInit === hasInitStates) {
    throw new ModelDefinitionError(
      hasInit
        ? `${where}: give either init or initStates, not both`
        : `${where} has no initial state: give init (one state) or initStates (a list)`,
    );
  }
  let initStates: readonly S[];
  if (hasInitStates) {
    if (!Array.isArray(spec.initStates) || spec.initStates.length === 0) {
      throw new ModelDefinitionError(`${where}: initStates must be a non-empty array, got ${describe(spec.initStates)}`);
    }
    initStates = [...spec.initStates];
  } else {
    initStates = [spec.init as S];
  }
  initStates.forEach((s, i) => {
    const root = hasInitStates ? `initStates[${i}]` : 'init';
    if (s === undefined) throw new ModelDefinitionError(`${where}: ${root} is undefined; an initial state must be a value (null, an object, …)`);
    const bad = describeNonPlainData(s, root);
    if (bad) throw new ModelDefinitionError(`${where}: ${bad.message}; states must be plain data`);
  });
  const transitions = normalizeActions(spec.actions, where);
  if (transitions.length === 0) throw new ModelDefinitionError(`${where} has no actions`);
  if (spec.terminal !== undefined && typeof spec.terminal !== 'function') {
    throw new ModelDefinitionError(`${where}: terminal must be a function (state) => boolean, got ${describe(spec.terminal)}`);
  }
  if (spec.symmetry !== undefined && typeof spec.symmetry !== 'function') {
    throw new ModelDefinitionError(`${where}: symmetry must be a function (state) => representative, as permutations({ ids, permute }) returns, got ${describe(spec.symmetry)}`);
  }
  const liveness = normalizeLiveness(spec.liveness, transitions, where);
  // Where it is defined, for a worker thread to define it again (checker/parallel).
  const site = captureSite(name);
  const parts: ModelParts<S> = Object.freeze({
    initStates: Object.freeze(initStates),
    transitions: Object.freeze(transitions),
    invariants: Object.freeze(normalizeProperties(spec.invariants, `${where}: invariant`)),
    ...(spec.terminal === undefined ? {} : { terminal: spec.terminal }),
    liveness: Object.freeze(liveness),
    ...(spec.symmetry === undefined ? {} : { symmetry: spec.symmetry }),
    written: Object.freeze(initStates.map(canonicalKey)),
    site,
  });
  // The parts behind a registered symbol, not enumerable: a model prints as its kind
  // and name, and the CommonJS and ES module builds read the same parts.
  const model = { kind: 'kripke/model' as const, name };
  Object.defineProperty(model, PARTS, { value: parts });
  collectModel(site, model);
  return Object.freeze(model) as Model<S, ActionLabel<C>>;
}

/** Where a model keeps its parts: a registered symbol, the same in every build. */
const PARTS = Symbol.for('kripke.model.parts');

/**
 * What a model is made of, for the checker: its initial states, transitions,
 * invariants, terminal predicate and named liveness properties. Not part of
 * the public API (a model is opaque to users).
 */
export interface ModelParts<S> {
  readonly initStates: readonly S[];
  readonly transitions: readonly Transition<S>[];
  readonly invariants: readonly Property<S>[];
  readonly terminal?: (state: S) => boolean;
  readonly liveness: readonly LivenessProperty<S>[];
  /** The representative of a state's symmetry class, when the model declares one. */
  readonly symmetry?: (state: S) => S;
  /** The initial states as defined, by canonical key: a check refuses a model whose initial states changed since. */
  readonly written: readonly string[];
  /** Where it was defined, for a worker thread (model/definition-site.ts). */
  readonly site?: PendingSite;
}

/**
 * The parts of a model from `defineModel`.
 *
 * @example
 * partsOf(counter).transitions.map((t) => t.label); // ['inc', 'reset']
 */
export function partsOf<S>(model: Model<S, string>): ModelParts<S> {
  return (model as unknown as Record<symbol, ModelParts<S>>)[PARTS];
}

/**
 * Throws if an initial state of `model` is no longer what `defineModel` was
 * given: an action that mutated its input (reported by an earlier check) or
 * code outside the model changed it in place, and a check would start from a
 * state nobody wrote.
 */
export function assertInitialStatesIntact(model: Model<unknown>, where: string): void {
  const { initStates, written: keys } = partsOf(model);
  initStates.forEach((s, i) => {
    let same: boolean;
    try {
      same = canonicalKey(s) === keys[i];
    } catch {
      same = false;
    }
    if (!same) {
      const which = initStates.length === 1 ? 'its initial state' : `initial state ${i}`;
      throw new ModelDefinitionError(
        `${where}: ${which} of model '${model.name}' has changed since defineModel: something changed it in place (an action that mutates its input, reported by an earlier check, or code outside the model). Define the model again, and keep initial states out of reach of code that changes them.`,
      );
    }
  });
}

const MODEL_FIELDS = ['name', 'init', 'initStates', 'actions', 'invariants', 'terminal', 'liveness', 'symmetry'];

/** Named predicates as properties, rejecting anything that is not a function. */
export function normalizeProperties<S>(
  record: Readonly<Record<string, Invariant<S>>> | undefined,
  what: string,
  environment?: string,
): Property<S>[] {
  if (record === undefined) return [];
  if (!isFieldRecord(record)) {
    throw new ModelDefinitionError(`${what}s must be a record { name: (state) => boolean }, got ${describe(record)}`);
  }
  return Object.entries(record).map(([name, test]) => {
    if (typeof test !== 'function') {
      throw new ModelDefinitionError(`${what} '${name}' must be a function (state) => boolean, got ${describe(test)}`);
    }
    return Object.freeze({ name, test, ...(environment === undefined ? {} : { environment }) });
  });
}

/**
 * True for what `defineModel` returns (recognised by its `kind`, so across the ESM and CommonJS builds).
 *
 * @example
 * isModel(defineModel({ init: 0, actions: { stay: { apply: (s) => s } } })); // true
 * isModel({ init: 0 }); // false
 */
export function isModel(value: unknown): value is Model<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'kripke/model' && PARTS in value;
}
