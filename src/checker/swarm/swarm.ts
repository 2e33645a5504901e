/**
 * Swarm verification (Holzmann, Joshi, Groce 2008) for state spaces beyond
 * one machine's memory or time: many small, differently seeded, incomplete
 * searches instead of one exhaustive one, each member a process (or a job of
 * a CI matrix, `KRIPKE_SHARD=i/n`). A member reports a problem with a trace
 * minimised to a shortest one where a bounded breadth-first search can prove
 * it, or the coverage it reached; never a pass.
 */
import { sourceOf } from '../../model/action.js';
import { ModelDefinitionError, MutationError } from '../../model/errors.js';
import type { Environment, Model } from '../../model/types.js';
import { now } from '../clock.js';
import { fingerprint64 } from '../store/fingerprint.js';
import { initialCopies } from '../counterexample.js';
import { count, plural, summaryOf } from '../describe.js';
import type { InvariantsQuery } from '../query.js';
import { coverageOf as actionCoverage, type Unsealed } from '../result.js';
import { requireModel, withAssumptions } from '../check.js';
import { compose, type System } from '../system.js';
import type { ActionCoverage, CheckResult, CheckStats, IncompleteResult } from '../types.js';
import { exploreMember, type MemberOutcome } from './explore.js';
import { minimise, type Minimised } from './minimise.js';
import { mutationAlong } from './path.js';
import { minimiseBudget, resolveSwarmOptions, type ResolvedSwarm } from './options.js';
import { memberSeed } from './random.js';
import type { SwarmCoverage, SwarmIncomplete, SwarmOptions, SwarmProblem, SwarmResult } from './types.js';

/**
 * Searches a model as one member of a swarm: a seeded bitstate (default) or
 * random-walk search of its invariants and deadlocks, within its budgets.
 * Returns a problem (its trace minimised; `shortest` says whether it is proven
 * a shortest one) or `incomplete` with `budget: 'swarm'`; never `ok`: a swarm
 * that finds nothing proves nothing.
 *
 * @example
 * const r = swarm(model, { seed: 7, maxStates: 200_000 });
 * r.kind;          // 'invariant', or 'incomplete' when it found nothing
 * r.shortest;      // true when a bounded breadth-first search proved the trace shortest
 * String(r);       // "invariant 'x' violated after 30 steps — swarm (bitstate, seed 7, shard 1/1): shortest, proven by breadth-first search"
 * swarm(model, { shard: '2/4', mode: 'random' }); // member 2 of 4 (or KRIPKE_SHARD=2/4)
 */
export function swarm<S>(model: Model<S>, options?: SwarmOptions): SwarmResult<S> {
  requireModel(model, 'swarm(model)');
  const resolved = resolveSwarmOptions(options, 'swarm');
  return runSwarm(compose(model, [], 'swarm'), { kind: 'invariants', deadlock: resolved.check.deadlock }, resolved, 'swarm');
}

/**
 * `swarm` for a model composed with environments, as `checkOpen` composes
 * them: their behaviors fire at every moment, their guarantees are checked,
 * and the result lists their assumptions.
 *
 * @example
 * const r = swarmOpen(service, k8s, { seed: 3 });
 * r.unverifiedAssumptions; // the residual proof obligations, as checkOpen lists them
 */
export function swarmOpen<S>(model: Model<S>, environments: Environment<S> | readonly Environment<S>[], options?: SwarmOptions): SwarmResult<S> {
  requireModel(model, 'swarmOpen(model, env)');
  const list: readonly unknown[] = Array.isArray(environments) ? environments : [environments];
  if (list.length === 0) throw new ModelDefinitionError('swarmOpen: give at least one environment');
  const system = compose(model, list, 'swarmOpen');
  const resolved = resolveSwarmOptions(options, 'swarmOpen');
  const result = runSwarm(system, { kind: 'invariants', deadlock: resolved.check.deadlock }, resolved, 'swarmOpen');
  return withAssumptions(result as CheckResult<S>, system.assumptions) as SwarmResult<S>;
}

/**
 * One member's search of a composed system, for the entry points and the
 * matchers: explore, then minimise and confirm what it found.
 *
 * @example
 * runSwarm(compose(model), { kind: 'invariants', deadlock: false }, resolveSwarmOptions({ seed: 2 }, 'toSatisfyInvariants'), 'toSatisfyInvariants');
 */
export function runSwarm<S>(system: System<S>, query: InvariantsQuery, options: ResolvedSwarm, where: string): SwarmResult<S> {
  const started = now();
  const { check } = options;
  const properties = query.invariants === 'none' ? [] : system.invariants;
  const pristine = initialCopies(system);
  const member = exploreMember(system, properties, memberOptions(options, query.deadlock), started);
  const coverage = coverageOf(options, member, definitionOf(system));
  const actions = actionCoverage(system.transitions, member);
  if (member.end !== 'violation') return incomplete<S>(member, coverage, actions, check.maxStates);
  const found: Minimised<S> =
    member.error instanceof MutationError
      ? { result: mutationAlong(system, member.path, pristine), shortest: false, method: 'none', found: member.path.length - 1 }
      : minimise(system, query, member.path, check, minimiseBudget(options, now() - started), where);
  const { toString: _text, stats: _stats, coverage: _actions, ...fields } = found.result;
  const problem = { ...fields, stats: statsOf(member, now() - started), coverage: actions, swarm: coverage, shortest: found.shortest, minimised: { method: found.method, foundSteps: found.found } };
  const text = `${summaryOf(problem as Unsealed<S>)} — ${problemNote(problem as SwarmProblem<S>)}`;
  return Object.defineProperty(problem, 'toString', { value: () => text, enumerable: false }) as SwarmProblem<S>;
}

function memberOptions(options: ResolvedSwarm, deadlock: boolean) {
  const { check } = options;
  return {
    mode: options.mode,
    seed: memberSeed(options.seed, options.shard.index),
    maxStates: check.maxStates,
    maxDepth: check.maxDepth,
    timeout: check.timeout,
    bits: options.bits,
    hashes: options.hashes,
    deadlock,
  };
}

/**
 * A hash of what defines the system: its actions' and properties' names and
 * code, `terminal`, and its initial states. Records of one swarm check made
 * from different definitions (a model edited between runs, stale records)
 * are told apart by the merge. Values a closure captures are not code: a
 * factory's arguments show only through the initial states.
 */
function definitionOf<S>(system: System<S>): string {
  const parts = [
    ...system.transitions.map((t) => `${t.label}|${sourceOf(t.choices)}|${sourceOf(t.enabled)}|${sourceOf(t.apply)}`),
    ...system.invariants.map((p) => `${p.environment ?? ''}:${p.name}|${sourceOf(p.test)}`),
    sourceOf(system.terminal),
  ];
  const fp = new Int32Array(2);
  fingerprint64.of([parts, system.initStates], fp, true);
  return [...fp].map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

function coverageOf<S>(options: ResolvedSwarm, m: MemberOutcome<S>, definition: string): SwarmCoverage {
  return {
    definition,
    mode: options.mode,
    seed: options.seed,
    shard: options.shard,
    visited: m.visited,
    distinct: m.distinct,
    transitions: m.transitions,
    deepest: m.deepest,
    walks: m.walks,
    stoppedBy: m.end,
    truncated: m.truncated,
    bitstate: { bits: options.bits, hashes: options.hashes, omission: m.omission },
  };
}

/** The figures a check result carries: distinct states as the bit array counts them. */
function statsOf<S>(m: MemberOutcome<S>, durationMs: number): CheckStats {
  return { states: m.distinct, transitions: m.transitions, depth: m.deepest, durationMs, collisionProbability: (m.distinct * Math.max(0, m.transitions - m.distinct)) / 2 ** 64 };
}

function incomplete<S>(m: MemberOutcome<S>, swarm: SwarmCoverage, coverage: ActionCoverage[], limit: number): SwarmIncomplete<S> {
  const fields = { ok: false as const, kind: 'incomplete' as const, trace: [], stats: statsOf(m, m.durationMs), coverage, budget: 'swarm' as const, limit, swarm };
  const text = `${summaryOf(fields as Unsealed<S>)} (${memberName(swarm)}; stopped: ${stopSentence(swarm)})`;
  return Object.defineProperty(fields, 'toString', { value: () => text, enumerable: false }) as IncompleteResult<S> as SwarmIncomplete<S>;
}

/**
 * Who a member is, in words.
 *
 * @example
 * memberName(result.swarm); // 'bitstate, seed 7, shard 2/4'
 */
export function memberName(c: SwarmCoverage): string {
  return `${c.mode}, seed ${c.seed}, shard ${c.shard.index}/${c.shard.count}`;
}

/**
 * Why a member stopped, in words.
 *
 * @example
 * stopSentence(result.swarm); // 'the budget of 20,000 states visited ran out'
 */
export function stopSentence(c: SwarmCoverage): string {
  switch (c.stoppedBy) {
    case 'exhausted':
      return `nothing left to explore${c.truncated ? ' within maxDepth' : ''}, though hash collisions may have skipped states`;
    case 'maxStates':
      return `the budget of ${plural(c.visited, 'state')} visited ran out`;
    case 'timeout':
      return 'the timeout ran out';
    case 'violation':
      return 'a problem was found';
  }
}

/**
 * What a problem's one line says about the swarm: who found it, whether the trace is proven shortest.
 *
 * @example
 * problemNote(result); // 'swarm (bitstate, seed 1, shard 1/1) after 98 states visited: shortest, proven by breadth-first search'
 */
function problemNote<S>(r: SwarmProblem<S>): string {
  const proof = r.shortest
    ? r.minimised.method === 'breadth-first'
      ? 'shortest, proven by breadth-first search'
      : 'shortest'
    : `not proven shortest (found after ${plural(r.minimised.foundSteps, 'step')}${r.minimised.method === 'shrinking' ? ', shrunk' : ''}; ${r.minimised.method === 'none' ? 'not minimised: minimise is false' : 'the breadth-first search that would prove it ran out of budget'})`;
  return `swarm (${memberName(r.swarm)}) after ${count(r.swarm.visited)} states visited: ${proof}`;
}
