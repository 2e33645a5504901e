/**
 * The test paths of a conformance check, derived from the model's reachable
 * graph (explored once, breadth-first, by the checker's own search):
 * transition cover (every edge once, each at the end of a shortest prefix) or
 * every path up to a depth.
 */
import { search, type SearchObserver, type SearchOutcome } from '../checker/search.js';
import { ExactStore, FingerprintStore, type StateStore } from '../checker/store/state-store.js';
import type { Resolved } from '../checker/options.js';
import type { System } from '../checker/system.js';

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
  const store: StateStore = options.exact ? new ExactStore() : new FingerprintStore();
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
 * is the prefix of theirs). Shortest first.
 */
export function transitionCover<S>(graph: Graph<S>, limit: number): TestPath[] {
  const paths: TestPath[] = [];
  for (let e = 0; e < graph.from.length && paths.length < limit; e++) {
    const target = graph.to[e];
    if (graph.parentEdge.get(target) === e && (graph.out.get(target)?.length ?? 0) > 0) continue;
    const prefix = treePath(graph, graph.from[e]);
    paths.push({ init: prefix.init, edges: [...prefix.edges, e] });
  }
  // Each state's edges were recorded in breadth-first order: the paths are already shortest first.
  return paths;
}

/** Every path of `depth` steps (shorter where no action is enabled), at most `limit` of them. */
export function allPaths<S>(graph: Graph<S>, depth: number, limit: number): TestPath[] {
  const paths: TestPath[] = [];
  const walk = (init: number, id: number, edges: number[]): void => {
    const next = graph.out.get(id) ?? [];
    if (edges.length === depth || next.length === 0) {
      paths.push({ init, edges: [...edges] });
      return;
    }
    for (const e of next) {
      if (paths.length >= limit) return;
      edges.push(e);
      walk(init, graph.to[e], edges);
      edges.pop();
    }
  };
  for (const id of graph.inits.keys()) if (paths.length < limit) walk(id, id, []);
  return paths.sort((a, b) => a.edges.length - b.edges.length);
}

/** The edges a cover counts: all of them, or (for paths) those within `depth` steps. */
export function countedEdges<S>(graph: Graph<S>, depth: number): number {
  let n = 0;
  for (let e = 0; e < graph.from.length; e++) if (graph.level.get(graph.from[e])! < depth) n++;
  return n;
}
