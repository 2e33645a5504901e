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
import { resolveOptions, type BaseDefaults, type Resolved } from '../checker/options.js';
import { compose } from '../checker/system.js';
import { assertMapped, isImplementation } from './implementation.js';
import { allPaths, choicesByTransition, countedEdges, exploreEdges, prefixKey, ranDepth, transitionCover, type Graph, type TestPath } from './plan.js';
import { runPath, type PathContext, type PathOutcome } from './run-path.js';
import type { ConformanceBudget, ConformanceOptions, ConformanceResult, ConformanceStats, Divergence, Implementation } from './types.js';

const OWN_OPTIONS = ['environments', 'cover', 'depth', 'maxPaths', 'stepTimeout', 'concurrency', 'refuses'];
/** Every option of checkConformance (and toBeImplementedBy): its own, then the search's (all but deadlock). */
const OPTIONS = [...OWN_OPTIONS, 'maxStates', 'maxDepth', 'timeout', 'exact', 'maxCollisionProbability'];

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

function settingsOf(options: ConformanceOptions<unknown> | undefined, where: string, defaults?: BaseDefaults): Settings {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new ModelDefinitionError(`${where}: options must be an object, got ${describe(options)}`);
  const o = (options ?? {}) as Record<string, unknown>;
  const searchOptions = Object.fromEntries(Object.entries(o).filter(([k]) => !OWN_OPTIONS.includes(k)));
  if ('deadlock' in searchOptions) throw new ModelDefinitionError(`${where}: conformance does not take the deadlock option`);
  const unknown = Object.keys(o).find((k) => !OPTIONS.includes(k));
  if (unknown !== undefined) throw new ModelDefinitionError(`${where}: unknown option '${unknown}'; the options are ${OPTIONS.join(', ')}`);
  const search = resolveOptions({ ...searchOptions, deadlock: false }, where, defaults);
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
  return checkConformanceWith(model, impl, options);
}

/** checkConformance with the defaults under the global ones (a matcher's: 80% of its test's timeout). */
export async function checkConformanceWith<S, Sut>(model: Model<S>, impl: Implementation<S, Sut>, options: ConformanceOptions<S> | undefined, defaults?: BaseDefaults): Promise<ConformanceResult<S>> {
  const where = 'checkConformance';
  const started = now();
  if (!isModel(model)) throw new ModelDefinitionError(`${where}: expected a model from defineModel, got ${describe(model)}`);
  if (!isImplementation(impl)) throw new ModelDefinitionError(`${where}: expected an implementation from defineImplementation, got ${describe(impl)}`);
  const settings = settingsOf(options as ConformanceOptions<unknown> | undefined, where, defaults);
  const system = compose<S>(model, settings.environments, where);
  assertMapped(system, impl as Implementation<S, unknown>, where);
  const search = settings.cover === 'paths' ? { ...settings.search, maxDepth: Math.min(settings.search.maxDepth, settings.depth) } : settings.search;
  const graph = exploreEdges<S>(system, search, started);
  const base = { graph, started, total: settings.cover === 'paths' ? countedEdges(graph, settings.depth) : graph.from.length };
  const { outcome } = graph;
  if (outcome.kind === 'error') return sealed({ ok: false, kind: 'error', trace: [], error: outcome.error, source: 'model', stats: stats(base, 0, 0, 0) });
  const truncatedOnPurpose = settings.cover === 'paths' && outcome.budget === 'maxDepth' && search.maxDepth === settings.depth && settings.depth < settings.search.maxDepth;
  if (outcome.kind === 'incomplete' && !truncatedOnPurpose) return budgetResult(base, outcome.budget ?? 'maxStates', search, 0, 0);
  // The whole transition cover (one path per edge at most), or the paths cover up to one past the budget (enough to tell how deep the budget let it go).
  const planned = settings.cover === 'paths' ? allPaths(graph, settings.depth, settings.maxPaths + 1) : transitionCover(graph, Infinity);
  const ctx: PathContext<S> = {
    transitions: system.transitions,
    graph,
    spec: impl.spec as PathContext<S>['spec'],
    stepTimeout: settings.stepTimeout,
    refuses: settings.refuses,
    choicesElsewhere: settings.refuses === false ? new Map() : choicesByTransition(graph),
    tally: { steps: 0, covered: new Set() },
  };
  return runPlan(ctx, planned.slice(0, settings.maxPaths), planned.slice(settings.maxPaths), settings, base);
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

/** A path the implementation left (an action in `chooses` chose another way) is tried this many times in all. */
const TRIES = 3;

/**
 * Runs the paths, `concurrency` at a time, shortest first; `unrun`: the paths
 * of the plan past the `maxPaths` budget. After a divergence at step k, the
 * paths not yet run are still tried up to step k − 1 (those prefixes not run
 * already): the divergence reported is a shortest one, or, when a budget left
 * paths out that could hide a shorter one, the result is incomplete.
 */
async function runPlan<S>(ctx: PathContext<S>, planned: readonly TestPath[], unrun: readonly TestPath[], settings: Settings, base: Base<S>): Promise<ConformanceResult<S>> {
  const queue = planned.map((path) => ({ path, tries: 1 }));
  // Every prefix actually run without a divergence, as prefixKey.
  const done = new Set<string>();
  const deadline = base.started + settings.search.timeout;
  let best: Failure<S> | undefined;
  let created = 0;
  let cut: ConformanceBudget | undefined = unrun.length > 0 ? 'maxPaths' : undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < queue.length && best?.kind !== 'error') {
      const { path, tries } = queue[next];
      const limit = best === undefined ? path.edges.length : Math.min(path.edges.length, stepOfFailure(best) - 1);
      if (limit < 0) return;
      if (done.has(prefixKey(path, limit))) {
        next++;
        continue;
      }
      if (now() > deadline || created >= settings.maxPaths) {
        cut = now() > deadline ? 'timeout' : 'maxPaths';
        return;
      }
      next++;
      created++;
      const outcome = await runPath(ctx, path, limit);
      if (outcome.kind !== 'ok') {
        if (best === undefined || outcome.kind === 'error' || stepOfFailure(outcome) < stepOfFailure(best)) best = outcome;
        continue;
      }
      for (let k = 0; k <= outcome.ran.length; k++) done.add(prefixKey({ init: path.init, edges: outcome.ran }, k));
      // It chose another way: the rest of the planned path was not run; try it again on a fresh system.
      if (outcome.deviated && tries < TRIES) queue.push({ path, tries: tries + 1 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, Math.max(queue.length, 1)) }, worker));
  const left = [...unrun, ...queue.slice(next).map((q) => q.path)];
  const figures = stats(base, created, ctx.tally.steps, ctx.tally.covered.size);
  if (best?.kind === 'error') return sealed({ ok: false, kind: 'error', trace: best.trace, error: best.error, source: best.source, stats: figures });
  // A divergence is reported when no path left out could part sooner.
  if (best?.kind === 'divergence' && (cut === undefined || best.divergence.step <= ranDepth(done, left))) {
    return sealed({ ok: false, kind: 'divergence', trace: best.trace, divergence: best.divergence, stats: figures });
  }
  if (cut !== undefined) return budgetResult(base, cut, settings.search, cut === 'maxPaths' ? settings.maxPaths : created, ctx.tally.steps, ctx.tally.covered.size);
  return sealed({ ok: true, kind: 'ok', trace: [], stats: figures });
}

type Unsealed<S> = ConformanceResult<S> extends infer R ? (R extends unknown ? Omit<R, 'toString'> : never) : never;

/** A result with its one line as `toString` (not enumerable). */
function sealed<S>(fields: Unsealed<S>): ConformanceResult<S> {
  const text = conformanceSummary(fields);
  return Object.defineProperty(fields, 'toString', { value: () => text, enumerable: false }) as ConformanceResult<S>;
}

/** Whether the implementation's action threw: `thrown` may be undefined (`throw undefined`, `Promise.reject()`), so its key says. */
export const threw = (d: Divergence): boolean => Object.hasOwn(d, 'thrown');

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
      const what =
        d.disabled !== undefined
          ? d.refused === true
            ? `refuses '${d.disabled}', which the model disables, but then shows another state`
            : `accepts '${d.disabled}', which the model disables`
          : threw(d)
            ? `throws on '${d.action}'`
            : 'shows another state';
      return `diverges at step ${d.step}${d.action === null ? ' (the initial state)' : ` (${d.action})`}: the implementation ${what} — ${figures}`;
    }
    case 'error':
      return `error in ${r.source}${r.trace.length > 0 ? ` after ${plural(r.trace.length - 1, 'step')}` : ''}: ${describeThrown(r.error)}`;
    case 'incomplete':
      return `incomplete — the ${r.budget} budget (${r.limit}) ran out: nothing is proven (${figures})`;
  }
}
