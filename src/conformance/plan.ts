/**
 * The test paths of a conformance check, derived from the model's reachable
 * graph (explored once, breadth-first, by the checker's own search):
 * transition cover (every edge once, each at the end of a shortest prefix) or
 * every path up to a depth.
 */
import { search, type SearchObserver, type SearchOutcome } from '../checker/search.js';
import { storeFor } from '../checker/store/wide-store.js';
import type { Resolved } from '../checker/options.js';
import type { System } from '../checker/system.js';
import { canonicalKey } from '../model/plain-data.js';

/** The reachable graph: edges in breadth-first order, grouped by source. */
export interface Graph<S> {
  readonly from: number[];
  readonly transition: number[];
  readonly choice: unknown[];
  readonly to: number[];
  /** Per state id: its outgoing edge indices. */
  readonly out: Map<number, number[]>;
  /** Per state id: steps from an initial state. */
  readonly level: Map<number, number>;
  /** Per state id: the edge that first reached it (absent for initial states). */
  readonly parentEdge: Map<number, number>;
  /** The initial states by id, in the model's order. */
  readonly inits: Map<number, S>;
  readonly outcome: SearchOutcome;
}

/** A test path: an initial state and the edges taken from it. */
export interface TestPath {
  readonly init: number;
  readonly edges: readonly number[];
}

/**
 * Explores the system breadth-first and records every edge (no invariants, no
 * deadlocks: conformance asks only what the model can do).
 */
export function exploreEdges<S>(system: System<S>, options: Resolved, started: number): Graph<S> {
  const g = { from: [] as number[], transition: [] as number[], choice: [] as unknown[], to: [] as number[] };
  const out = new Map<number, number[]>();
  const level = new Map<number, number>();
  const parentEdge = new Map<number, number>();
  const inits = new Map<number, S>();
  let current = -1;
  const observer: SearchObserver = {
    initial: (id) => void level.set(id, 0),
    expand: (state, id) => {
      current = id;
      out.set(id, []);
      if (level.get(id) === 0 && !inits.has(id)) inits.set(id, state as S);
    },
    edge: (target, t, choice) => {
      const e = g.from.length;
      g.from.push(current);
      g.transition.push(t);
      g.choice.push(choice);
      g.to.push(target);
      out.get(current)!.push(e);
      if (!level.has(target)) {
        level.set(target, level.get(current)! + 1);
        parentEdge.set(target, e);
      }
    },
    complete: () => undefined,
    errorSource: () => ({ kind: 'state' }),
  };
  const store = storeFor(options);
  const outcome = search(system, { properties: [], deadlock: false, observer }, options, store, started);
  return { ...g, out, level, parentEdge, inits, outcome };
}

/** The edges from an initial state to state `id`, along the breadth-first tree. */
function treePath<S>(graph: Graph<S>, id: number): { init: number; edges: number[] } {
  const edges: number[] = [];
  let x = id;
  for (let e = graph.parentEdge.get(x); e !== undefined; e = graph.parentEdge.get(x)) {
    edges.push(e);
    x = graph.from[e];
  }
  return { init: x, edges: edges.reverse() };
}

/**
 * Transition cover: one path per edge, the shortest prefix to its source then
 * the edge; a tree edge whose target has edges of its own is left out (its path
 * is the prefix of theirs). An initial state with no edge is a path of no
 * step: it is still observed. Shortest first.
 */
export function transitionCover<S>(graph: Graph<S>, limit: number): TestPath[] {
  const paths: TestPath[] = [];
  for (const id of graph.inits.keys()) if ((graph.out.get(id)?.length ?? 0) === 0 && paths.length < limit) paths.push({ init: id, edges: [] });
  for (let e = 0; e < graph.from.length && paths.length < limit; e++) {
    const target = graph.to[e];
    if (graph.parentEdge.get(target) === e && (graph.out.get(target)?.length ?? 0) > 0) continue;
    const prefix = treePath(graph, graph.from[e]);
    paths.push({ init: prefix.init, edges: [...prefix.edges, e] });
  }
  // Each state's edges were recorded in breadth-first order: the paths are already shortest first.
  return paths;
}

/**
 * Every path of `depth` steps (shorter where no action is enabled), at most
 * `limit` of them, in the order in which they part from the paths before
 * them: first one path from each initial state, then one through each other
 * first step, then through each other second step… So the first n paths run
 * every walk up to the length where the (n+1)th parts from them, and a budget
 * keeps the paths where short divergences show.
 */
export function allPaths<S>(graph: Graph<S>, depth: number, limit: number): TestPath[] {
  const paths: TestPath[] = [];
  /** The first path through a walk: its first edge at each state, to depth or a dead end. */
  const extend = (id: number, edges: number[]): number[] => {
    let next = graph.out.get(id) ?? [];
    while (edges.length < depth && next.length > 0) {
      edges.push(next[0]);
      next = graph.out.get(graph.to[next[0]]) ?? [];
    }
    return edges;
  };
  let walks: { init: number; id: number; edges: number[] }[] = [];
  for (const id of graph.inits.keys()) {
    if (paths.length < limit) paths.push({ init: id, edges: extend(id, []) });
    walks.push({ init: id, id, edges: [] });
  }
  while (walks.length > 0 && paths.length < limit) {
    const longer: typeof walks = [];
    for (const w of walks) {
      const out = w.edges.length < depth ? (graph.out.get(w.id) ?? []) : [];
      out.forEach((e, k) => {
        const edges = [...w.edges, e];
        // The first edge continues the walk's own path; each other one starts a new path here.
        if (k > 0 && paths.length < limit) paths.push({ init: w.init, edges: extend(graph.to[e], [...edges]) });
        longer.push({ init: w.init, id: graph.to[e], edges });
      });
      if (paths.length >= limit) break;
    }
    walks = longer;
  }
  return paths;
}

/** The key of a path's first `k` steps: `init:e1,e2,…`. */
export const prefixKey = (path: TestPath, k: number): string => `${path.init}:${path.edges.slice(0, k).join(',')}`;

/**
 * How deep the paths run are sure to have gone: the number of steps up to
 * which every prefix of the paths left out (`unrun`) was run too (`ran`: the
 * keys of every prefix run). A divergence at step k is a shortest one when k
 * is at most this.
 *
 * @example
 * ranDepth(new Set(['0:', '0:1', '0:1,2']), [{ init: 0, edges: [1, 3] }]); // 2
 */
export function ranDepth(ran: ReadonlySet<string>, unrun: readonly TestPath[]): number {
  let depth = Infinity;
  for (const p of unrun) {
    let k = 0;
    while (k <= p.edges.length && ran.has(prefixKey(p, k))) k++;
    depth = Math.min(depth, k);
  }
  return depth;
}

/** Per transition, the distinct choices its edges take anywhere in the graph. */
export function choicesByTransition<S>(graph: Graph<S>): Map<number, unknown[]> {
  const out = new Map<number, Map<string, unknown>>();
  for (let e = 0; e < graph.from.length; e++) {
    const t = graph.transition[e];
    const seen = out.get(t) ?? new Map<string, unknown>();
    out.set(t, seen);
    const key = canonicalKey(graph.choice[e]);
    if (!seen.has(key)) seen.set(key, graph.choice[e]);
  }
  return new Map([...out].map(([t, seen]) => [t, [...seen.values()]]));
}

/** The edges a cover counts: all of them, or (for paths) those within `depth` steps. */
export function countedEdges<S>(graph: Graph<S>, depth: number): number {
  let n = 0;
  for (let e = 0; e < graph.from.length; e++) if (graph.level.get(graph.from[e])! < depth) n++;
  return n;
}
