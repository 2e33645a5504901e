/**
 * The search for a liveness counterexample on the explored graph: a path on
 * which the goal is due and never comes, either because it stops (a state with
 * no enabled action) or because it ends in a cycle that a fair scheduler could
 * repeat forever. Three phases, a file each:
 *
 * 1. pending.ts: breadth-first over (state, pending) pairs, so every pair has
 *    its distance from an initial state; the pending region R.
 * 2. fair-components.ts: the components of R a fair path can stay in forever.
 * 3. Here: the (state, pending) pair nearest to an initial state that is a
 *    dead end or lies in a fair component ends the prefix; fair-cycle.ts then
 *    walks inside the component from witness to witness and back.
 *
 * With `stuttering`, a path may also stop in any state forever (TLA+'s
 * behaviours): every state carries a virtual self-loop that takes no action,
 * so stopping where no fair action is enabled is a counterexample.
 */
import { now } from '../clock.js';
import { GOAL, type StateGraph } from './graph.js';
import { fairCores, type Acceptance } from './fair-components.js';
import { fairCycle } from './fair-cycle.js';
import type { FairnessUnits } from './fairness.js';
import { pathToPair, pendingPairs, pendingRegion, type Due } from './pending.js';

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
  /** The path stops where no action of the model is enabled, though an environment's behavior is (it need not act). */
  readonly environmentMayAct?: boolean;
}

/** What the search for a counterexample found. */
export interface LassoSearch {
  /** The shortest counterexample, or undefined when every fair path reaches the goal. */
  readonly lasso: Lasso | undefined;
  /** How many states are reachable with the goal pending: 0 means the goal is never awaited (a vacuous check). */
  readonly pendingStates: number;
}

/** Thrown out of the analysis when the clock runs out; turned into `incomplete`. */
export class OutOfTime extends Error {}

/**
 * Bytes the analysis allocates on top of the graph for `n` states and `instances`
 * action instances (pairs: seen, order, parent edge; per state: the pending region,
 * the component ids, Tarjan's scratch; per instance: counters). At most; all freed
 * when it returns. For the benchmark's memory figures.
 */
export function analysisBytes(n: number, instances: number): number {
  return 2 * n * (1 + 4 + 4) + 4 * n * 3 + n * 21 + instances * 6 * 4;
}

/**
 * Finds a lasso (or dead end) with the shortest prefix violating the property `prop` of the
 * graph under the given fairness; `due` says which temporal form it has. For
 * ◇□P (`'stable'`) a path that ends must end where P fails, and a cycle must
 * pass such a state. `adversarial` marks the action instances of environments:
 * they are never owed a step, so a path may stop where only they are enabled.
 */
export function findLasso(
  graph: StateGraph,
  prop: number,
  due: Due,
  fairness: FairnessUnits,
  deadline: number,
  stuttering = false,
  adversarial?: Uint8Array,
): LassoSearch {
  const clock = () => {
    if (now() > deadline) throw new OutOfTime();
  };
  const flags = graph.flags[prop];
  const failsGoal = (s: number) => (flags.get(s) & GOAL) === 0;
  // Where a path may end for good: anywhere the goal is pending, but for ◇□P only where P fails.
  const mayEnd = due === 'stable' ? failsGoal : () => true;
  const acceptance: Acceptance = due === 'stable' ? { fairness, accepting: failsGoal } : { fairness };
  const pairs = pendingPairs(graph, prop, due, clock);
  const region = pendingRegion(pairs);
  const { setOf, scratch } = fairCores(graph, region, acceptance, stuttering, clock);
  // Breadth-first order is distance order: the first bad pair is the nearest.
  for (let q = 0; q < pairs.count; q++) {
    const x = pairs.order[q];
    if ((x & 1) === 0) continue;
    const s = x >>> 1;
    const edges = graph.firstEdge(s + 1) - graph.firstEdge(s);
    // The path may stop here: nothing is enabled, or only an environment, which need not act.
    const stops = (edges === 0 || (adversarial !== undefined && !modelMayAct(graph, s, adversarial))) && mayEnd(s);
    if (!stops && (edges === 0 || setOf[s] >= 0)) continue;
    const path = pathToPair(graph, pairs, x);
    const found = (lasso: Lasso): LassoSearch => ({ lasso, pendingStates: region.length });
    if (stops) return found(edges === 0 ? path : { ...path, environmentMayAct: true });
    if (stuttering && mayEnd(s) && !fairEnabledAt(graph, s, fairness)) return found({ ...path, stutters: true });
    return found({ ...path, cycle: fairCycle(graph, s, setOf, acceptance, scratch, clock) });
  }
  return { lasso: undefined, pendingStates: region.length };
}

/** Some action of the model (not of an environment) has a step out of `s`. */
function modelMayAct(graph: StateGraph, s: number, adversarial: Uint8Array): boolean {
  const end = graph.firstEdge(s + 1);
  for (let e = graph.firstEdge(s); e < end; e++) if (adversarial[graph.actions.get(e)] === 0) return true;
  return false;
}

/** Some fair unit has a step out of `s` that changes the state. */
function fairEnabledAt(graph: StateGraph, s: number, fairness: FairnessUnits): boolean {
  const end = graph.firstEdge(s + 1);
  for (let e = graph.firstEdge(s); e < end; e++) {
    if (graph.targets.get(e) !== s && fairness.isFair(graph.actions.get(e))) return true;
  }
  return false;
}
