/**
 * Phase 1 of the liveness analysis: where the goal is pending.
 *
 * A one-bit monitor runs beside the graph: `pending` turns on where the goal
 * becomes due (an initial state for ◇goal; any `from` state for from ⤳ goal;
 * any state for □◇goal) and off in a goal state. For ◇□P it is on everywhere:
 * the region is the whole graph, and the fair components keep only the cycles
 * that leave P (fair-components.ts). Breadth-first search over (state, pending) pairs
 * gives every pair its distance from an initial state, and a parent edge to
 * walk back along. The states reachable with pending on are the region R;
 * every edge between them keeps pending on, so a bad cycle is a cycle of R.
 */
import { CHUNK_BITS, OFFSET } from '../store/columns.js';
import { FROM, GOAL, type StateGraph } from './graph.js';

/** The (state, pending) pairs reachable from an initial state; pair x is `2 * state + pending`. */
export interface PendingPairs {
  /** 0 for a pair not reached, else 1 + 2 × the pending bit of the pair it was reached from. */
  readonly seen: Uint8Array;
  /** The reached pairs in breadth-first order, which is distance order: `order[0..count)`. */
  readonly order: Int32Array;
  readonly count: number;
  /** The edge a pair was first reached by; -1 for an initial pair. */
  readonly parentEdge: Int32Array;
}

/** The path to a pair: from an initial state, with where the goal last became due. */
export interface PathToPair {
  /** The initial state's id. */
  readonly init: number;
  /** Edges from the initial state to the pair's state. */
  readonly prefix: number[];
  /** How many edges of the prefix precede the state where the goal last became due. */
  readonly pendingSince: number;
}

/**
 * When the goal falls due: at the start (◇goal), where `from` holds
 * (from ⤳ goal), in every state (□◇goal); `'stable'` (◇□P): always pending.
 */
export type Due = 'start' | 'from' | 'every-state' | 'stable';

/** Every pair reachable from an initial state, breadth-first, for property `prop`. */
export function pendingPairs(graph: StateGraph, prop: number, due: Due, clock: () => void): PendingPairs {
  const n = graph.size;
  const flags = graph.flags[prop];
  const F = graph.firstEdges;
  const T = graph.targets.chunks;
  const seen = new Uint8Array(2 * n);
  const order = new Int32Array(2 * n);
  const parentEdge = new Int32Array(2 * n);
  let tail = 0;
  const always = due === 'stable';
  const fromOnly = due === 'from';
  const everyState = due === 'every-state';
  for (const s of graph.initIds) {
    const f = flags.get(s);
    const x = 2 * s + (always || ((f & GOAL) === 0 && (!fromOnly || (f & FROM) !== 0)) ? 1 : 0);
    if (seen[x] !== 0) continue;
    seen[x] = 1;
    parentEdge[x] = -1;
    order[tail++] = x;
  }
  for (let head = 0; head < tail; head++) {
    if ((head & 0xffff) === 0) clock();
    const x = order[head];
    const s = x >>> 1;
    const pending = x & 1;
    const end = F.get(s + 1);
    for (let e = F.get(s); e < end; e++) {
      const t = T[e >>> CHUNK_BITS][e & OFFSET];
      const f = flags.get(t);
      const y = 2 * t + (always || ((f & GOAL) === 0 && (pending === 1 || everyState || (fromOnly && (f & FROM) !== 0))) ? 1 : 0);
      if (seen[y] !== 0) continue;
      seen[y] = 1 + 2 * pending;
      parentEdge[y] = e;
      order[tail++] = y;
    }
  }
  return { seen, order, count: tail, parentEdge };
}

/** The region R: the states reachable with the goal pending, in id order. */
export function pendingRegion({ seen }: PendingPairs): Int32Array {
  const n = seen.length >>> 1;
  let size = 0;
  for (let s = 0; s < n; s++) if (seen[2 * s + 1] !== 0) size++;
  const region = new Int32Array(size);
  for (let s = 0, k = 0; s < n; s++) if (seen[2 * s + 1] !== 0) region[k++] = s;
  return region;
}

/** The shortest path to pair `x`, walked back along the parent edges. */
export function pathToPair(graph: StateGraph, { seen, parentEdge }: PendingPairs, x: number): PathToPair {
  const prefix: number[] = [];
  let y = x;
  let dueAt = -1; // edges from the end, counted when the walk first meets a parent with pending off
  while (parentEdge[y] !== -1) {
    const e = parentEdge[y];
    const parentPending = seen[y] >>> 1;
    prefix.push(e);
    if (dueAt < 0 && parentPending === 0) dueAt = prefix.length;
    y = 2 * graph.sourceOf(e) + parentPending;
  }
  prefix.reverse();
  return { init: y >>> 1, prefix, pendingSince: dueAt < 0 ? 0 : prefix.length - dueAt + 1 };
}
