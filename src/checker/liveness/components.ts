/**
 * Strongly connected components by Tarjan's algorithm, iterative (an explicit
 * call stack in typed arrays: a recursive version overflows the JS stack on a
 * long chain of states). Works on the subgraph induced by one member set,
 * given as `setOf[s] === set`, so the fairness refinement can re-run it on a
 * shrinking part of one component.
 */
import { CHUNK_BITS, OFFSET } from '../store/columns.js';
import type { StateGraph } from './graph.js';

/** Scratch arrays sized to the graph, reused across runs; every run leaves them clean. */
export class SccScratch {
  readonly index: Int32Array; // 0 = unvisited, else discovery number
  readonly low: Int32Array;
  readonly onStack: Uint8Array;
  readonly stack: Int32Array;
  readonly callNode: Int32Array;
  readonly callEdge: Int32Array;

  constructor(n: number) {
    this.index = new Int32Array(n);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.stack = new Int32Array(n);
    this.callNode = new Int32Array(n);
    this.callEdge = new Int32Array(n);
  }

  bytes(): number {
    return this.index.length * 21;
  }
}

/**
 * Calls `onComponent(stack, from, to)` for every strongly connected component
 * of the subgraph induced by `{ s | setOf[s] === set }`; the component's states
 * are `stack[from..to)`, valid only during the call. `nodes[0..count)` lists the
 * members (the roots to start from).
 */
export function stronglyConnected(
  graph: StateGraph,
  setOf: Int32Array,
  set: number,
  nodes: Int32Array,
  count: number,
  scratch: SccScratch,
  onComponent: (stack: Int32Array, from: number, to: number) => void,
): void {
  const { index, low, onStack, stack, callNode, callEdge } = scratch;
  const T = graph.targets.chunks;
  const F = graph.firstEdges;
  let counter = 1;
  let sp = 0; // component stack
  let cp = 0; // call stack

  for (let r = 0; r < count; r++) {
    const root = nodes[r];
    if (index[root] !== 0 || setOf[root] !== set) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[cp] = root;
    callEdge[cp] = F.get(root);
    cp++;
    while (cp > 0) {
      const v = callNode[cp - 1];
      let e = callEdge[cp - 1];
      const end = F.get(v + 1);
      let descended = false;
      while (e < end) {
        const w = T[e >>> CHUNK_BITS][e & OFFSET];
        e++;
        if (setOf[w] !== set) continue;
        if (index[w] === 0) {
          callEdge[cp - 1] = e;
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[cp] = w;
          callEdge[cp] = F.get(w);
          cp++;
          descended = true;
          break;
        }
        if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      cp--;
      if (low[v] === index[v]) {
        let from = sp;
        do {
          from--;
          onStack[stack[from]] = 0;
        } while (stack[from] !== v);
        onComponent(stack, from, sp);
        sp = from;
      }
      if (cp > 0) {
        const u = callNode[cp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  // Leave the scratch clean for the next run.
  for (let r = 0; r < count; r++) {
    index[nodes[r]] = 0;
    low[nodes[r]] = 0;
  }
}
