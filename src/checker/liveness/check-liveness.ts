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
import type { Fairness, LivenessProperty, StatePredicate, Transition } from '../../model/types.js';
import { now } from '../clock.js';
import { errorAt, forRebuild, initialCopies, traceTo, type Suspect } from '../counterexample.js';
import { limitOf, type Resolved } from '../options.js';
import { coverageOf, seal, statsOf } from '../result.js';
import type { SearchSpace } from '../search.js';
import type { Fingerprinter } from '../store/fingerprint.js';
import { ExactStore, FingerprintStore } from '../store/state-store.js';
import type { System } from '../system.js';
import { replay } from '../trace.js';
import type { Budget, CheckResult, CheckStats, FairnessAssumptions, Step } from '../types.js';
import { findLasso, OutOfTime, type FairnessFlags, type Lasso, type LassoSearch } from './lasso.js';
import { exploreGraph, FROM, GOAL, StateGraph } from './graph.js';

/**
 * What `checkLiveness` checks. Without `from`: every path from an initial
 * state reaches a `goal` state (◇goal). With `from`: after every state where
 * `from` holds, a `goal` state follows (from ⤳ goal, □(from ⇒ ◇goal)).
 * `goal` may name a liveness property declared on the model; the fields
 * given here then override the declared ones.
 */
export interface LivenessQuery<S> {
  goal: StatePredicate<S> | string;
  from?: StatePredicate<S>;
  /** Weakly fair actions: an action enabled without interruption from some point on is eventually taken. */
  fair?: Fairness;
  /** Strongly fair actions: an action enabled again and again, even with interruptions, is eventually taken. */
  strongFair?: Fairness;
  /** TLA+'s semantics: a path may stop in any state where no fair action is enabled. Default false. */
  stuttering?: boolean;
}

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
  if (typeof query.goal !== 'string') {
    if (typeof query.from === 'string') {
      throw new ModelDefinitionError(`${where}: from must be a function (state) => boolean; a name is accepted for goal only (a declared liveness property)`);
    }
    return normalizeLivenessSpec<S>('', query, system.transitions, where); // '' : unnamed
  }
  const base = byName(query.goal);
  const all = system.transitions as readonly Transition<unknown>[];
  const from = query.from === undefined ? base.from : checkPredicate<S>(query.from, `${where}: from`);
  const fair = query.fair === undefined ? base.fair : normalizeFairness(query.fair, all, `${where}: fair`);
  const strongFair = query.strongFair === undefined ? base.strongFair : normalizeFairness(query.strongFair, all, `${where}: strongFair`);
  const stuttering = query.stuttering === undefined ? base.stuttering : checkStuttering(query.stuttering, `${where}: stuttering`);
  return {
    name: base.name,
    goal: base.goal,
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
): CheckResult<S> {
  const deadline = started + options.timeout;
  const store = options.exact ? new ExactStore() : new FingerprintStore(fingerprinter);
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
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p];
    let found: LassoSearch;
    try {
      found = findLasso(graph, p, property.from !== undefined, fairnessFlags(graph, system.transitions, property), deadline, property.stuttering === true);
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
      ...(lasso.cycle === undefined ? {} : { loopsTo: lasso.prefix.length }),
      ending: lasso.cycle !== undefined ? 'cycle' : lasso.stutters === true ? 'stutter' : 'dead-end',
      dueAt: lasso.pendingSince,
    });
  }
  return seal<S>({ ok: true, kind: 'ok', trace: [], stats: stats(), coverage, ...about(single), ...(warnings.length === 0 ? {} : { warnings }) });
}

/** Fairness as given, for the result and the matcher message. */
function fairnessOf<S>(p: LivenessProperty<S>): FairnessAssumptions {
  return { fair: p.fair ?? [], strongFair: p.strongFair ?? [], stuttering: p.stuttering === true };
}

/**
 * Per action instance of the graph: is it weakly / strongly fair under this
 * property? A name is an action's label (every choice of it is fair on its
 * own) or one choice's label exactly as traces print it; a choice label that no
 * reachable state enables is a usage error (a typo would otherwise leave the
 * action unfair without a word).
 */
function fairnessFlags<S>(graph: StateGraph, transitions: readonly Transition<S>[], p: LivenessProperty<S>): FairnessFlags {
  const n = graph.instances.length;
  const weak = new Uint8Array(n);
  const strong = new Uint8Array(n);
  const mark = (list: Fairness | undefined, out: Uint8Array, what: string) => {
    if (list === undefined) return;
    const names = list === 'all' ? undefined : new Set(list);
    const used = new Set<string>();
    graph.instances.forEach((inst, i) => {
      const action = transitions[inst.transition].label;
      if (names === undefined || names.has(inst.label) || names.has(action)) out[i] = 1;
      if (names?.has(inst.label)) used.add(inst.label);
      if (names?.has(action)) used.add(action);
    });
    for (const name of names ?? []) {
      if (used.has(name) || transitions.some((t) => t.label === name)) continue;
      throw new ModelDefinitionError(`${what}: ${unknownChoice(name, graph, transitions)}`);
    }
  };
  mark(p.fair, weak, 'fair');
  mark(p.strongFair, strong, 'strongFair');
  return { weak, strong };
}

/** Why a choice label names nothing: the choices of its action that do occur. */
export function unknownChoice<S>(name: string, graph: StateGraph, transitions: readonly Transition<S>[]): string {
  const t = transitions.findIndex((tr) => tr.choices !== undefined && name.startsWith(`${tr.label}(`));
  const labels = graph.instances.filter((inst) => inst.transition === t && inst.label !== transitions[t]?.label).map((inst) => inst.label);
  const known = labels.length === 0 ? 'none is enabled in any reachable state' : `the enabled ones are ${listed(labels)}`;
  return `no reachable state enables '${name}' (labels must match as traces print them: ${known})`;
}

/** `a, b, c and 4 more` */
function listed(labels: readonly string[], most = 6): string {
  const shown = labels.slice(0, most).join(', ');
  return labels.length <= most ? shown : `${shown} and ${labels.length - most} more`;
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
  if (goal === graph.size) out.push(`${what} is vacuous: the goal holds in every reachable state`);
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
