/**
 * The search for a liveness counterexample on the explored graph: a path on
 * which the goal is due and never comes, either because it stops (a state with
 * no enabled action) or because it ends in a cycle that a fair scheduler could
 * repeat forever.
 *
 * 1. Pending region. A one-bit monitor runs beside the graph: `pending` turns
 *    on where the goal becomes due (an initial state for ◇goal; any `from`
 *    state for from ⤳ goal) and off in a goal state. Breadth-first search over
 *    (state, pending) pairs gives, for every pair, its distance from an
 *    initial state. The states reachable with pending on are the region R;
 *    every edge between them keeps pending on, so a bad cycle is a cycle of R.
 * 2. Fair components. Every infinite path ends up inside one strongly connected
 *    component of R, and visits some strongly connected part of it infinitely
 *    often. A component C is fair when, for each weakly fair action, C takes it
 *    on an inner edge or disables it in some state (so a path that goes round
 *    all of C is weakly fair); a weakly fair action enabled in every state of C
 *    and never taken inside makes every path in C unfair, so C is dropped.
 *    Strong fairness is refined: states where a strongly fair action is enabled
 *    but never taken inside C are removed, the rest is split into components
 *    again, and each is tested anew (Emerson–Lei). Sound and complete for
 *    finite graphs.
 * 3. Lasso. The (state, pending) pair nearest to an initial state that is a
 *    dead end or lies in a fair component ends the prefix; the cycle then
 *    walks inside the component from witness to witness (an edge of each fair
 *    action it must take, a state where a weakly fair action is disabled) and
 *    back to where it entered.
 *
 * Fairness counts only steps that change the state (TLA+'s <<A>>_v): a
 * self-loop neither takes a fair action nor keeps it enabled. With
 * `stuttering`, a path may also stop in any state forever (TLA+'s behaviours):
 * every state carries a virtual self-loop that takes no action, so stopping
 * where no fair action is enabled is a counterexample.
 */
import { now } from '../clock.js';
import { CHUNK_BITS, OFFSET } from '../store/columns.js';
import { FROM, GOAL, type StateGraph } from './graph.js';
import { SccScratch, stronglyConnected } from './components.js';

/** Per action instance: 1 where the property assumes that fairness. */
export interface FairnessFlags {
  readonly weak: Uint8Array;
  readonly strong: Uint8Array;
}

/** A counterexample as edge indices of the graph. */
export interface Lasso {
  /** The initial state's id. */
  readonly init: number;
  /** Edges from the initial state to the state where the cycle starts (or the dead end). */
  readonly prefix: readonly number[];
  /** Edges of the cycle, from its first state back to it; absent for a dead end. */
  readonly cycle?: readonly number[];
  /** How many edges of the prefix precede the state where the goal last became due. */
  readonly pendingSince: number;
  /** With stuttering: the path stops (stutters forever) at the prefix's end, where no fair action is enabled. */
  readonly stutters?: boolean;
}

/**
 * Bytes the analysis allocates on top of the graph for `n` states and `instances`
 * action instances (pairs: seen, queue, parent edge; per state: set ids, the pending region, the
 * components being refined, Tarjan's scratch; per instance: counters). At most; all freed when it returns.
 * Freed when it returns. For the benchmark's memory figures.
 */
export function analysisBytes(n: number, instances: number): number {
  return 2 * n * (1 + 4 + 4) + 4 * n * 3 + n * 21 + instances * 6 * 4;
}

/** Thrown out of the analysis when the clock runs out; turned into `incomplete`. */
export class OutOfTime extends Error {}

/** What the search for a counterexample found. */
export interface LassoSearch {
  /** The shortest counterexample, or undefined when every fair path reaches the goal. */
  readonly lasso: Lasso | undefined;
  /** How many states are reachable with the goal pending: 0 means the goal is never awaited (a vacuous check). */
  readonly pendingStates: number;
}

/**
 * Finds the shortest lasso (or dead end) violating the property `prop` of the
 * graph under the given fairness. `leadsTo` selects from ⤳ goal instead of ◇goal.
 */
export function findLasso(
  graph: StateGraph,
  prop: number,
  leadsTo: boolean,
  fairness: FairnessFlags,
  deadline: number,
  stuttering = false,
): LassoSearch {
  const n = graph.size;
  const flags = graph.flags[prop];
  const F = graph.firstEdges;
  const T = graph.targets.chunks;
  const clock = () => {
    if (now() > deadline) throw new OutOfTime();
  };

  // 1. Breadth-first over (state, pending) pairs: node x = 2 * state + pending.
  // seen[x]: 0 unseen, else 1 + 2 × (the pending bit of the pair it was reached from).
  // With the edge it was reached by, that names its parent pair: the edge's source is found in the CSR offsets.
  const seen = new Uint8Array(2 * n);
  const queue = new Int32Array(2 * n);
  const parentEdge = new Int32Array(2 * n);
  let head = 0;
  let tail = 0;
  for (const s of graph.initIds) {
    const f = flags.get(s);
    const pending = (f & GOAL) === 0 && (!leadsTo || (f & FROM) !== 0) ? 1 : 0;
    const x = 2 * s + pending;
    if (seen[x] !== 0) continue;
    seen[x] = 1;
    parentEdge[x] = -1;
    queue[tail++] = x;
  }
  while (head < tail) {
    if ((head & 0xffff) === 0) clock();
    const x = queue[head++];
    const s = x >>> 1;
    const pending = x & 1;
    const end = F.get(s + 1);
    for (let e = F.get(s); e < end; e++) {
      const t = T[e >>> CHUNK_BITS][e & OFFSET];
      const f = flags.get(t);
      const next = (f & GOAL) === 0 && (pending === 1 || (leadsTo && (f & FROM) !== 0)) ? 1 : 0;
      const y = 2 * t + next;
      if (seen[y] !== 0) continue;
      seen[y] = 1 + 2 * pending;
      parentEdge[y] = e;
      queue[tail++] = y;
    }
  }

  // 2. The region R and its fair components. setOf[s]: 0 outside, > 0 a candidate set, < 0 a fair core.
  const setOf = new Int32Array(n);
  let regionSize = 0;
  for (let s = 0; s < n; s++) if (seen[2 * s + 1] !== 0) regionSize++;
  const regionNodes = new Int32Array(regionSize);
  for (let s = 0, k = 0; s < n; s++) {
    if (seen[2 * s + 1] !== 0) {
      setOf[s] = 1;
      regionNodes[k++] = s;
    }
  }
  const scratch = new SccScratch(n);
  const nI = graph.instances.length;
  const enabledIn = new Int32Array(nI);
  const countStamp = new Int32Array(nI);
  const stateStamp = new Int32Array(nI);
  const takenStamp = new Int32Array(nI);
  const forbidden = new Int32Array(nI);
  const encountered = new Int32Array(nI);
  let stamp = 0;
  let nextSet = 2;
  let cores = 0;
  const work: Int32Array[] = [];

  const collect = (stack: Int32Array, from: number, to: number) => {
    if (to - from === 1 && !stuttering && !hasSelfLoop(graph, stack[from])) {
      setOf[stack[from]] = 0;
      return;
    }
    const id = nextSet++;
    for (let i = from; i < to; i++) setOf[stack[i]] = id;
    work.push(stack.slice(from, to));
  };
  stronglyConnected(graph, setOf, 1, regionNodes, regionNodes.length, scratch, collect);

  const { weak, strong } = fairness;
  while (work.length > 0) {
    clock();
    const C = work.pop() as Int32Array;
    const id = setOf[C[0]];
    const cStamp = ++stamp;
    let kinds = 0;
    let inner = 0;
    for (let i = 0; i < C.length; i++) {
      const s = C[i];
      const sStamp = ++stamp;
      const end = F.get(s + 1);
      for (let e = F.get(s); e < end; e++) {
        const t = graph.targets.get(e);
        if (setOf[t] === id) inner++;
        if (t === s) continue; // a self-loop neither takes nor enables (<<A>>_v)
        const a = graph.actions.get(e);
        if (countStamp[a] !== cStamp) {
          countStamp[a] = cStamp;
          enabledIn[a] = 0;
          encountered[kinds++] = a;
        }
        if (stateStamp[a] !== sStamp) {
          stateStamp[a] = sStamp;
          enabledIn[a]++;
        }
        if (setOf[t] === id) takenStamp[a] = cStamp;
      }
    }
    let unfair = inner === 0 && !stuttering;
    let refine = false;
    for (let k = 0; k < kinds && !unfair; k++) {
      const a = encountered[k];
      if (takenStamp[a] === cStamp) continue;
      // Enabled everywhere in C, never taken inside: no path that stays in C is fair to it.
      if ((weak[a] === 1 || strong[a] === 1) && enabledIn[a] === C.length) unfair = true;
      else if (strong[a] === 1) {
        forbidden[a] = cStamp;
        refine = true;
      }
    }
    if (unfair) {
      for (let i = 0; i < C.length; i++) setOf[C[i]] = 0;
    } else if (refine) {
      // Strong fairness: drop the states that enable a strongly fair action C never takes, split the rest.
      const keep = nextSet++;
      let kept = 0;
      for (let i = 0; i < C.length; i++) {
        const s = C[i];
        let drop = false;
        const end = F.get(s + 1);
        for (let e = F.get(s); e < end && !drop; e++) drop = graph.targets.get(e) !== s && forbidden[graph.actions.get(e)] === cStamp;
        if (drop) setOf[s] = 0;
        else {
          setOf[s] = keep;
          C[kept++] = s;
        }
      }
      if (kept > 0) stronglyConnected(graph, setOf, keep, C, kept, scratch, collect);
    } else {
      const core = -(++cores);
      for (let i = 0; i < C.length; i++) setOf[C[i]] = core;
    }
  }

  // 3. The nearest bad pair: breadth-first order is distance order.
  for (let q = 0; q < tail; q++) {
    const x = queue[q];
    if ((x & 1) === 0) continue;
    const s = x >>> 1;
    const deadEnd = F.get(s) === F.get(s + 1);
    if (!deadEnd && setOf[s] >= 0) continue;
    const prefix: number[] = [];
    let y = x;
    let pendingSince = -1;
    while (parentEdge[y] !== -1) {
      const e = parentEdge[y];
      const parentPending = seen[y] >>> 1;
      prefix.push(e);
      if (pendingSince < 0 && parentPending === 0) pendingSince = prefix.length;
      y = 2 * sourceOf(graph, e) + parentPending;
    }
    prefix.reverse();
    // pendingSince counted edges from the end; the pair before them had pending off.
    pendingSince = pendingSince < 0 ? 0 : prefix.length - pendingSince + 1;
    const init = y >>> 1;
    const found = (lasso: Lasso): LassoSearch => ({ lasso, pendingStates: regionSize });
    if (deadEnd) return found({ init, prefix, pendingSince });
    if (stuttering && !fairEnabledAt(graph, s, fairness)) return found({ init, prefix, pendingSince, stutters: true });
    return found({ init, prefix, cycle: fairCycle(graph, s, setOf, fairness, scratch, clock), pendingSince });
  }
  return { lasso: undefined, pendingStates: regionSize };
}

/** The state whose edges include edge `e`: binary search over the CSR offsets. */
function sourceOf(graph: StateGraph, e: number): number {
  let lo = 0;
  let hi = graph.expanded - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (graph.firstEdge(mid) <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Some weakly or strongly fair action has a step out of `s` that changes the state. */
function fairEnabledAt(graph: StateGraph, s: number, { weak, strong }: FairnessFlags): boolean {
  const end = graph.firstEdge(s + 1);
  for (let e = graph.firstEdge(s); e < end; e++) {
    const a = graph.actions.get(e);
    if (graph.targets.get(e) !== s && (weak[a] === 1 || strong[a] === 1)) return true;
  }
  return false;
}

function hasSelfLoop(graph: StateGraph, s: number): boolean {
  const end = graph.firstEdge(s + 1);
  for (let e = graph.firstEdge(s); e < end; e++) if (graph.targets.get(e) === s) return true;
  return false;
}

/**
 * A cycle from `entry` back to it, inside entry's fair core, fair in itself:
 * it takes every strongly fair action enabled anywhere on it, and for each
 * weakly fair action enabled at entry it takes it or passes a state that disables it.
 */
function fairCycle(
  graph: StateGraph,
  entry: number,
  setOf: Int32Array,
  fairness: FairnessFlags,
  scratch: SccScratch,
  clock: () => void,
): number[] {
  const core = setOf[entry];
  const F = graph.firstEdges;
  const { weak, strong } = fairness;
  const enabledAt = (s: number): Set<number> => {
    const out = new Set<number>();
    const end = F.get(s + 1);
    for (let e = F.get(s); e < end; e++) if (graph.targets.get(e) !== s) out.add(graph.actions.get(e));
    return out;
  };
  const needWeak = new Set<number>();
  const needStrong = new Set<number>();
  const taken = new Set<number>();
  for (const a of enabledAt(entry)) if (weak[a] === 1 && strong[a] !== 1) needWeak.add(a);
  const visit = (s: number) => {
    const on = enabledAt(s);
    for (const a of needWeak) if (!on.has(a)) needWeak.delete(a);
    for (const a of on) if (strong[a] === 1 && !taken.has(a)) needStrong.add(a);
  };
  const walk: number[] = [];
  const follow = (path: number[]) => {
    for (const e of path) {
      walk.push(e);
      const target = graph.targets.get(e);
      if (target !== sourceOf(graph, e)) {
        const a = graph.actions.get(e);
        taken.add(a);
        needWeak.delete(a);
        needStrong.delete(a);
      }
      visit(target);
    }
  };
  visit(entry);

  // Breadth-first inside the core from `from` to the first state or edge that satisfies `stop`.
  const { index: mark, low: via, stack: queue, callNode: viaNode } = scratch;
  let round = 0;
  const pathFrom = (from: number, stopAt: (s: number) => boolean, stopOn: (a: number) => boolean): number[] => {
    clock();
    round++;
    let head = 0;
    let tail = 0;
    queue[tail++] = from;
    mark[from] = round;
    const back = (s: number): number[] => {
      const path: number[] = [];
      for (let x = s; x !== from; x = viaNode[x]) path.push(via[x]);
      return path.reverse();
    };
    while (head < tail) {
      const u = queue[head++];
      const end = F.get(u + 1);
      for (let e = F.get(u); e < end; e++) {
        const w = graph.targets.get(e);
        if (setOf[w] !== core) continue;
        if ((w !== u && stopOn(graph.actions.get(e))) || (w === from && stopAt(w))) return [...back(u), e];
        if (mark[w] === round) continue;
        mark[w] = round;
        via[w] = e;
        viaNode[w] = u;
        if (stopAt(w)) return back(w);
        queue[tail++] = w;
      }
    }
    throw new Error(`kripke internal error: no fair witness inside a fair component (state ${from})`);
  };

  let cur = entry;
  for (;;) {
    while (needWeak.size > 0 || needStrong.size > 0) {
      const path = pathFrom(
        cur,
        (s) => [...needWeak].some((a) => !enabledAt(s).has(a)),
        (a) => needWeak.has(a) || needStrong.has(a),
      );
      follow(path);
      cur = graph.targets.get(path[path.length - 1]);
    }
    if (cur === entry && walk.length > 0) break;
    follow(pathFrom(cur, (s) => s === entry, () => false));
    cur = entry;
    if (needWeak.size === 0 && needStrong.size === 0) break;
  }
  // Leave the scratch clean for whoever uses it next.
  mark.fill(0);
  return walk;
}
