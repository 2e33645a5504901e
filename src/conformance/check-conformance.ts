/**
 * `checkConformance`: the real code against the model. The model's graph is
 * explored once; test paths are derived from it (plan.ts) and run, each on a
 * fresh system under test (run-path.ts), shortest first; the answer is the
 * shortest diverging path.
 */
import { describe } from '../model/action.js';
import { isModel } from '../model/define-model.js';
import { describeThrown, ModelDefinitionError } from '../model/errors.js';
import type { Model } from '../model/types.js';
import { now } from '../checker/clock.js';
import { resolveOptions, type Resolved } from '../checker/options.js';
import { compose } from '../checker/system.js';
import { assertMapped, isImplementation } from './implementation.js';
import { allPaths, countedEdges, exploreEdges, transitionCover, type Graph, type TestPath } from './plan.js';
import { runPath, type PathContext, type PathOutcome } from './run-path.js';
import type { ConformanceBudget, ConformanceOptions, ConformanceResult, ConformanceStats, Implementation } from './types.js';

const OWN_OPTIONS = ['environments', 'cover', 'depth', 'maxPaths', 'stepTimeout', 'concurrency', 'refuses'];

/** Conformance options with defaults filled in. */
interface Settings {
  readonly search: Resolved;
  readonly environments: readonly unknown[];
  readonly cover: 'transitions' | 'paths';
  readonly depth: number;
  readonly maxPaths: number;
  readonly stepTimeout: number;
  readonly concurrency: number;
  readonly refuses: false | ((returned: unknown, action: string) => boolean);
}

function positiveInteger(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new ModelDefinitionError(`${where}: ${name} must be a positive integer, got ${describe(value)}`);
  return value;
}

function settingsOf(options: ConformanceOptions<unknown> | undefined, where: string): Settings {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new ModelDefinitionError(`${where}: options must be an object, got ${describe(options)}`);
  const o = (options ?? {}) as Record<string, unknown>;
  const searchOptions = Object.fromEntries(Object.entries(o).filter(([k]) => !OWN_OPTIONS.includes(k)));
  if ('deadlock' in searchOptions) throw new ModelDefinitionError(`${where}: conformance does not take the deadlock option`);
  const search = resolveOptions({ ...searchOptions, deadlock: false }, where);
  const cover = o.cover ?? 'transitions';
  if (cover !== 'transitions' && cover !== 'paths') throw new ModelDefinitionError(`${where}: cover must be 'transitions' or 'paths', got ${describe(cover)}`);
  if (o.depth !== undefined && cover !== 'paths') throw new ModelDefinitionError(`${where}: depth is for cover: 'paths'; transition cover goes as deep as the model`);
  const refuses = o.refuses ?? false;
  if (typeof refuses !== 'boolean' && typeof refuses !== 'function') throw new ModelDefinitionError(`${where}: refuses must be a boolean or a function (returned, action) => boolean, got ${describe(refuses)}`);
  const env = o.environments;
  return {
    search,
    environments: env === undefined ? [] : Array.isArray(env) ? env : [env],
    cover,
    depth: positiveInteger(where, 'depth', o.depth, 4),
    maxPaths: positiveInteger(where, 'maxPaths', o.maxPaths, 10_000),
    stepTimeout: positiveInteger(where, 'stepTimeout', o.stepTimeout, 5_000),
    concurrency: positiveInteger(where, 'concurrency', o.concurrency, 1),
    refuses: refuses === true ? () => false : refuses === false ? false : (refuses as (returned: unknown, action: string) => boolean),
  };
}

/**
 * Checks the real code against the model: every reachable transition (or
 * every path up to `depth`) is run on a fresh system under test, and after
 * each step what the code shows must equal the projection of the model's
 * state. The answer is the shortest path on which they part.
 *
 * @example
 * const r = await checkConformance(cacheModel, lruCache);
 * r.ok;                              // true: lru-cache does what the model says
 * r.stats.transitions;               // { covered: 96, total: 96 }
 * const bad = await checkConformance(cacheModel, peekRefreshes);
 * bad.kind === 'divergence' && bad.divergence.step; // 4: the shortest path where they part
 */
export async function checkConformance<S, Sut>(model: Model<S>, impl: Implementation<S, Sut>, options?: ConformanceOptions<S>): Promise<ConformanceResult<S>> {
  const where = 'checkConformance';
  const started = now();
  if (!isModel(model)) throw new ModelDefinitionError(`${where}: expected a model from defineModel, got ${describe(model)}`);
  if (!isImplementation(impl)) throw new ModelDefinitionError(`${where}: expected an implementation from defineImplementation, got ${describe(impl)}`);
  const settings = settingsOf(options as ConformanceOptions<unknown> | undefined, where);
  const system = compose<S>(model, settings.environments, where);
  assertMapped(system, impl as Implementation<S, unknown>, where);
  const search = settings.cover === 'paths' ? { ...settings.search, maxDepth: Math.min(settings.search.maxDepth, settings.depth) } : settings.search;
  const graph = exploreEdges<S>(system, search, started);
  const base = { graph, started, total: settings.cover === 'paths' ? countedEdges(graph, settings.depth) : graph.from.length };
  const { outcome } = graph;
  if (outcome.kind === 'error') return sealed({ ok: false, kind: 'error', trace: [], error: outcome.error, source: 'model', stats: stats(base, 0, 0, 0) });
  const truncatedOnPurpose = settings.cover === 'paths' && outcome.budget === 'maxDepth' && search.maxDepth === settings.depth && settings.depth < settings.search.maxDepth;
  if (outcome.kind === 'incomplete' && !truncatedOnPurpose) return budgetResult(base, outcome.budget ?? 'maxStates', search, 0, 0);
  const planned = settings.cover === 'paths' ? allPaths(graph, settings.depth, settings.maxPaths + 1) : transitionCover(graph, settings.maxPaths + 1);
  const ctx: PathContext<S> = {
    transitions: system.transitions,
    graph,
    spec: impl.spec as PathContext<S>['spec'],
    stepTimeout: settings.stepTimeout,
    refuses: settings.refuses,
    tally: { steps: 0, covered: new Set() },
  };
  return runPlan(ctx, planned, settings, base);
}

interface Base<S> {
  readonly graph: Graph<S>;
  readonly started: number;
  readonly total: number;
}

function stats<S>(base: Base<S>, paths: number, steps: number, covered: number): ConformanceStats {
  return { paths, steps, transitions: { covered, total: base.total }, states: base.graph.level.size, durationMs: now() - base.started };
}

function budgetResult<S>(base: Base<S>, budget: ConformanceBudget, search: Resolved, paths: number, steps: number, covered = 0): ConformanceResult<S> {
  const limit = budget === 'maxStates' ? search.maxStates : budget === 'maxDepth' ? search.maxDepth : budget === 'timeout' ? search.timeout : budget === 'maxPaths' ? paths : search.maxCollisionProbability;
  return sealed({ ok: false, kind: 'incomplete', trace: [], budget, limit, stats: stats(base, paths, steps, covered) });
}

/** The best failure so far: the shortest divergence, or the first error. */
type Failure<S> = Exclude<PathOutcome<S>, { kind: 'ok' }>;

const stepOfFailure = <S>(f: Failure<S>): number => (f.kind === 'divergence' ? f.divergence.step : f.trace.length - 1);

/**
 * Runs the paths, `concurrency` at a time, shortest first. After a divergence
 * at step k, the paths not yet run are still tried up to step k − 1 (those
 * prefixes not run already): the divergence reported is a shortest one.
 */
async function runPlan<S>(ctx: PathContext<S>, planned: TestPath[], settings: Settings, base: Base<S>): Promise<ConformanceResult<S>> {
  const overBudget = planned.length > settings.maxPaths;
  const paths = overBudget ? planned.slice(0, settings.maxPaths) : planned;
  // Prefixes already run without a divergence, as `init:e1,e2,…`; built only once a divergence is found.
  const passed: { path: TestPath; limit: number }[] = [];
  let done: Set<string> | undefined;
  const prefixes = (path: TestPath, limit: number): string[] => Array.from({ length: limit + 1 }, (_, k) => `${path.init}:${path.edges.slice(0, k).join(',')}`);
  const deadline = base.started + settings.search.timeout;
  let best: Failure<S> | undefined;
  let created = 0;
  let timedOut = false;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length && best?.kind !== 'error') {
      if (now() > deadline) {
        timedOut = true;
        return;
      }
      const path = paths[next++];
      const limit = best === undefined ? path.edges.length : Math.min(path.edges.length, stepOfFailure(best) - 1);
      if (limit < 0) return;
      if (best !== undefined) {
        done ??= new Set(passed.flatMap((p) => prefixes(p.path, p.limit)));
        if (done.has(`${path.init}:${path.edges.slice(0, limit).join(',')}`)) continue;
      }
      created++;
      const outcome = await runPath(ctx, path, limit);
      if (outcome.kind === 'ok') {
        if (done === undefined) passed.push({ path, limit });
        else for (const key of prefixes(path, limit)) done.add(key);
      } else if (best === undefined || outcome.kind === 'error' || stepOfFailure(outcome) < stepOfFailure(best)) best = outcome;
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, Math.max(paths.length, 1)) }, worker));
  const figures = stats(base, created, ctx.tally.steps, ctx.tally.covered.size);
  if (best?.kind === 'divergence') return sealed({ ok: false, kind: 'divergence', trace: best.trace, divergence: best.divergence, stats: figures });
  if (best?.kind === 'error') return sealed({ ok: false, kind: 'error', trace: best.trace, error: best.error, source: best.source, stats: figures });
  if (timedOut) return budgetResult(base, 'timeout', settings.search, created, ctx.tally.steps, ctx.tally.covered.size);
  if (overBudget) return budgetResult(base, 'maxPaths', settings.search, settings.maxPaths, ctx.tally.steps, ctx.tally.covered.size);
  return sealed({ ok: true, kind: 'ok', trace: [], stats: figures });
}

type Unsealed<S> = ConformanceResult<S> extends infer R ? (R extends unknown ? Omit<R, 'toString'> : never) : never;

/** A result with its one line as `toString` (not enumerable). */
function sealed<S>(fields: Unsealed<S>): ConformanceResult<S> {
  const text = conformanceSummary(fields);
  return Object.defineProperty(fields, 'toString', { value: () => text, enumerable: false }) as ConformanceResult<S>;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The one line of a conformance result.
 *
 * @example
 * conformanceSummary(result); // 'conforms — 12 paths, 40 steps, 18/18 transitions covered'
 */
export function conformanceSummary(r: Unsealed<unknown>): string {
  const { paths, steps, transitions } = r.stats;
  const figures = `${plural(paths, 'path')}, ${plural(steps, 'step')}, ${transitions.covered}/${transitions.total} transitions covered`;
  switch (r.kind) {
    case 'ok':
      return `conforms — ${figures}`;
    case 'divergence': {
      const d = r.divergence;
      const what = d.disabled !== undefined ? `accepts '${d.disabled}', which the model disables` : d.thrown !== undefined ? `throws on '${d.action}'` : 'shows another state';
      return `diverges at step ${d.step}${d.action === null ? ' (the initial state)' : ` (${d.action})`}: the implementation ${what} — ${figures}`;
    }
    case 'error':
      return `error in ${r.source}${r.trace.length > 0 ? ` after ${plural(r.trace.length - 1, 'step')}` : ''}: ${describeThrown(r.error)}`;
    case 'incomplete':
      return `incomplete — the ${r.budget} budget (${r.limit}) ran out: nothing is proven (${figures})`;
  }
}
