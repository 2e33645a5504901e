/**
 * Liveness: "something good eventually happens", under fairness. Explores the
 * reachable graph once (graph.ts), looks for a fair path that never reaches
 * the goal (lasso.ts), and turns it into a CheckResult whose trace is a
 * lasso: the shortest prefix, then a cycle that repeats forever, with
 * `loopsTo` marking where it starts again. The trace's states are rebuilt by
 * re-running the model along the path, as for safety counterexamples.
 */
import { describe } from '../../model/action.js';
import { ModelDefinitionError } from '../../model/errors.js';
import { checkPredicate, checkStuttering, normalizeFairness, normalizeLivenessSpec } from '../../model/liveness.js';
import type { Environment, EventuallyAlwaysSpec, EventuallySpec, InfinitelyOftenSpec, LivenessProperty, StatePredicate, Transition } from '../../model/types.js';
import { now } from '../clock.js';
import { errorAt, forRebuild, initialCopies, traceTo, type Suspect } from '../counterexample.js';
import { limitOf, type Resolved } from '../options.js';
import { coverageOf, seal, statsOf } from '../result.js';
import type { SearchSpace } from '../search.js';
import type { Fingerprinter } from '../store/fingerprint.js';
import { storeFor } from '../store/wide-store.js';
import type { System } from '../system.js';
import { replay } from '../trace.js';
import type { Budget, CheckResult, CheckStats, FairnessAssumptions, Step } from '../types.js';
import { fairnessUnits } from './fairness.js';
import { findLasso, OutOfTime, type Lasso, type LassoSearch } from './lasso.js';
import type { Due } from './pending.js';
import { exploreGraph, FROM, GOAL, StateGraph } from './graph.js';

/**
 * What `checkLiveness` checks, in one of four forms: without `from`, every
 * path from an initial state reaches a `goal` state (◇goal); with `from`,
 * after every state where `from` holds a `goal` state follows (from ⤳ goal,
 * □(from ⇒ ◇goal)); `infinitelyOften: P`, P holds again and again on every
 * path (□◇P); `eventuallyAlways: P`, every path settles where P holds for
 * good (◇□P). `goal` may name a liveness property declared on the model; the
 * fields given here then override the declared ones. `environments` add
 * their behaviors to the paths, never as fair actions.
 */
export type LivenessQuery<S> = (
  | (Omit<EventuallySpec<S>, 'goal'> & { goal: StatePredicate<S> | string })
  | InfinitelyOftenSpec<S>
  | EventuallyAlwaysSpec<S>
) & {
  /** Environments whose behaviors the paths may take at any moment (adversarial: never assumed fair). */
  environments?: Environment<S> | readonly Environment<S>[];
};

/**
 * A liveness query as the user gives it (a predicate, or a declared property's
 * name, perhaps with fields that replace the declared ones), as a validated property.
 */
export function livenessProperty<S>(system: System<S>, query: LivenessQuery<S> | string, where: string): LivenessProperty<S> {
  const declared = system.liveness;
  const byName = (name: string): LivenessProperty<S> => {
    const found = declared.find((p) => p.name === name);
    if (found !== undefined) return found;
    throw new ModelDefinitionError(
      declared.length === 0
        ? `${where}: model '${system.name}' declares no liveness property named '${name}' (it declares none); give a goal predicate instead`
        : `${where}: model '${system.name}' declares no liveness property named '${name}'; it declares ${declared.map((p) => `'${p.name}'`).join(', ')}`,
    );
  };
  if (typeof query === 'string') return byName(query);
  if (typeof query !== 'object' || query === null) {
    throw new ModelDefinitionError(`${where}: expected { goal, from?, fair?, strongFair? } or a property name, got ${describe(query)}`);
  }
  const { environments: _environments, ...spec } = query;
  if (typeof spec.goal !== 'string') {
    if (typeof spec.from === 'string') {
      throw new ModelDefinitionError(`${where}: from must be a function (state) => boolean; a name is accepted for goal only (a declared liveness property)`);
    }
    return normalizeLivenessSpec<S>('', spec, system.transitions, where); // '' : unnamed
  }
  return overridden(byName(spec.goal), spec, system.transitions, where);
}

const OVERRIDABLE = ['from', 'fair', 'strongFair', 'stuttering'] as const;

/** A declared property with the fields a query gives in its place (named in `overrides`). */
function overridden<S>(base: LivenessProperty<S>, query: Omit<LivenessQuery<S>, 'environments'>, transitions: readonly Transition<S>[], where: string): LivenessProperty<S> & { overrides?: readonly (typeof OVERRIDABLE)[number][] } {
  const form = (['infinitelyOften', 'eventuallyAlways'] as const).find((key) => (query as Record<string, unknown>)[key] !== undefined);
  if (form !== undefined) {
    throw new ModelDefinitionError(`${where}: goal names liveness '${base.name}', and ${form} gives a predicate too; give one of them`);
  }
  if (query.from !== undefined && base.form !== undefined) {
    throw new ModelDefinitionError(`${where}: liveness '${base.name}' is ${base.form === 'infinitelyOften' ? 'infinitelyOften (□◇P)' : 'eventuallyAlways (◇□P)'}; from goes with goal only`);
  }
  const all = transitions as readonly Transition<unknown>[];
  const from = query.from === undefined ? base.from : checkPredicate<S>(query.from, `${where}: from`);
  const fair = query.fair === undefined ? base.fair : normalizeFairness(query.fair, all, `${where}: fair`);
  const strongFair = query.strongFair === undefined ? base.strongFair : normalizeFairness(query.strongFair, all, `${where}: strongFair`);
  const stuttering = query.stuttering === undefined ? base.stuttering : checkStuttering(query.stuttering, `${where}: stuttering`);
  const given = OVERRIDABLE.filter((key) => query[key] !== undefined);
  return {
    ...(given.length === 0 ? {} : { overrides: given }),
    name: base.name,
    goal: base.goal,
    ...(base.form === undefined ? {} : { form: base.form }),
    ...(from === undefined ? {} : { from }),
    ...(fair === undefined ? {} : { fair }),
    ...(strongFair === undefined ? {} : { strongFair }),
    ...(stuttering === undefined ? {} : { stuttering }),
  };
}

/**
 * Checks liveness properties on one exploration of the graph: the first that
 * fails gives the result (kind `liveness`, a lasso trace); when all pass, the
 * result is OK with any vacuity warnings.
 */
export function runLiveness<S>(
  system: System<S>,
  properties: readonly LivenessProperty<S>[],
  options: Resolved,
  fingerprinter?: Fingerprinter,
  started = now(),
  where = 'checkLiveness',
): CheckResult<S> {
  const deadline = started + options.timeout;
  const store = storeFor(options, fingerprinter);
  const graph = new StateGraph(store, properties.length);
  const pristine = initialCopies(system);
  const outcome = exploreGraph(system, properties, options, graph, started);
  const coverage = coverageOf(system.transitions, outcome);
  // The analysis after the exploration counts in the time too.
  const stats = (): CheckStats => statsOf(outcome, store, system.initStates.length, now() - started);
  const single = properties.length === 1 ? properties[0] : undefined;
  const about = (p: LivenessProperty<S> | undefined) => ({
    ...(p === undefined || p.name === '' ? {} : { liveness: p.name }),
    ...(p === undefined ? {} : { fairness: fairnessOf(p) }),
  });
  const stopped = (budget: Budget, p = single) =>
    seal<S>({ ok: false, kind: 'incomplete', trace: [], stats: stats(), coverage, budget, limit: limitOf(budget, options, store), ...about(p) });

  if (outcome.kind === 'error') {
    const base = { ok: false as const, kind: 'error' as const, stats: stats(), coverage };
    if (outcome.at < 0) return seal<S>({ ...base, trace: [], error: outcome.error, errorSource: outcome.errorSource ?? { kind: 'state' } });
    const rebuilt = traceTo(system, pristine, store, outcome.at);
    if ('failure' in rebuilt) return seal<S>({ ...base, trace: [], error: rebuilt.failure, errorSource: { kind: 'state' } });
    return seal<S>({ ...base, trace: rebuilt.trace, ...errorAt(outcome, rebuilt.trace, system.transitions, suspectsOf(properties), store) });
  }
  if (outcome.kind === 'incomplete') return stopped(outcome.budget ?? 'maxStates');
  // A pass, or a cycle, that a fingerprint collision could have made is not a result.
  if (stats().collisionProbability > options.maxCollisionProbability) return stopped('collisionProbability');

  const warnings: string[] = [];
  const adversarial = environmentInstances(graph, system.transitions);
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p];
    let found: LassoSearch;
    try {
      const fairness = fairnessUnits(graph, system.transitions, property.fair, property.strongFair, where);
      found = findLasso(graph, p, dueOf(property), fairness, deadline, property.stuttering === true, adversarial);
    } catch (error) {
      if (!(error instanceof OutOfTime)) throw error;
      return stopped('timeout', property);
    }
    const { lasso } = found;
    if (lasso === undefined) {
      warnings.push(...vacuity(graph, p, property, found.pendingStates));
      continue;
    }
    let trace: Step<S>[];
    try {
      trace = traceAlong(forRebuild(system, pristine), system.transitions, graph, lasso);
    } catch (error) {
      return seal<S>({ ok: false, kind: 'error', trace: [], stats: stats(), coverage, error, errorSource: { kind: 'state' } });
    }
    return seal<S>({
      ok: false,
      kind: 'liveness',
      trace,
      stats: stats(),
      coverage,
      ...(property.name === '' ? {} : { liveness: property.name }),
      fairness: fairnessOf(property),
      ...(property.form === undefined ? {} : { form: property.form }),
      ...overridesOf(property),
      ...(lasso.cycle === undefined ? {} : { loopsTo: lasso.prefix.length }),
      ending: lasso.cycle !== undefined ? 'cycle' : lasso.stutters === true ? 'stutter' : 'dead-end',
      ...(lasso.environmentMayAct === true ? { environmentMayAct: true } : {}),
      dueAt: lasso.pendingSince,
    });
  }
  return seal<S>({ ok: true, kind: 'ok', trace: [], stats: stats(), coverage, ...about(single), ...(warnings.length === 0 ? {} : { warnings }) });
}

/** The fields a query gave in place of a declared property's, for the result. */
function overridesOf<S>(p: LivenessProperty<S>): { overrides?: readonly (typeof OVERRIDABLE)[number][] } {
  const given = (p as { overrides?: readonly (typeof OVERRIDABLE)[number][] }).overrides;
  return given === undefined ? {} : { overrides: given };
}

/** Fairness as given, for the result and the matcher message. */
function fairnessOf<S>(p: LivenessProperty<S>): FairnessAssumptions {
  return { fair: p.fair ?? [], strongFair: p.strongFair ?? [], stuttering: p.stuttering === true };
}

/** Per action instance: 1 for an environment's behavior; undefined for a closed system (nothing to mark). */
function environmentInstances<S>(graph: StateGraph, transitions: readonly Transition<S>[]): Uint8Array | undefined {
  if (!transitions.some((t) => t.environment !== undefined)) return undefined;
  return Uint8Array.from(graph.instances, (inst) => (transitions[inst.transition].environment === undefined ? 0 : 1));
}

/** When the property's goal falls due, by its temporal form. */
function dueOf<S>(p: LivenessProperty<S>): Due {
  if (p.form === 'infinitelyOften') return 'every-state';
  if (p.form === 'eventuallyAlways') return 'stable';
  return p.from === undefined ? 'start' : 'from';
}

/**
 * Vacuity warnings for a property that held: `from` never holds, the goal holds
 * everywhere, or, more generally, the goal is never awaited in any reachable
 * state (it holds wherever it falls due, as when `from` implies the goal, or the
 * initial states already satisfy a ◇goal).
 */
function vacuity<S>(graph: StateGraph, prop: number, p: LivenessProperty<S>, pendingStates: number): string[] {
  const flags = graph.flags[prop];
  let from = 0;
  let goal = 0;
  for (let s = 0; s < graph.size; s++) {
    const f = flags.get(s);
    if ((f & FROM) !== 0) from++;
    if ((f & GOAL) !== 0) goal++;
  }
  const what = p.name === undefined || p.name === '' ? 'the liveness check' : `liveness '${p.name}'`;
  const out: string[] = [];
  if (p.from !== undefined && from === 0) out.push(`${what} is vacuous: 'from' never holds in a reachable state, so the goal is never due`);
  if (goal === graph.size) out.push(`${what} is vacuous: ${p.form === undefined ? 'the goal' : 'the predicate'} holds in every reachable state`);
  if (out.length === 0 && pendingStates === 0) {
    out.push(
      p.from === undefined
        ? `${what} is vacuous: the goal holds in every initial state, so it is never awaited`
        : `${what} is vacuous: the goal holds wherever 'from' does, so it is never awaited`,
    );
  }
  return out;
}

/** The lasso's steps, rebuilt by re-running the model along its edges (matching label and fingerprint). */
function traceAlong<S>(model: SearchSpace<S>, transitions: readonly Transition<S>[], graph: StateGraph, lasso: Lasso): Step<S>[] {
  const edges = [...lasso.prefix, ...(lasso.cycle ?? [])];
  return replay(
    model,
    transitions,
    graph.store,
    lasso.init,
    edges.map((e) => {
      const { transition, choice } = graph.instances[graph.actions.get(e)];
      return { target: graph.targets.get(e), via: { transition, choice } };
    }),
  );
}

/** The goal and from predicates, for naming one that mutates its state. */
function suspectsOf<S>(properties: readonly LivenessProperty<S>[]): Suspect<S>[] {
  return properties.flatMap((p) => {
    const name = p.name === '' ? undefined : p.name;
    const named = name === undefined ? {} : { name };
    return [
      { kind: 'goal' as const, ...named, test: p.goal },
      ...(p.from === undefined ? [] : [{ kind: 'from' as const, ...named, test: p.from }]),
    ];
  });
}
