/**
 * The reachable state graph, kept for liveness checking. Safety needs only a
 * visited set; liveness needs the edges too, because a violation is a cycle.
 * Like the safety store, nothing here is an object per state or per edge:
 * fingerprints, parent ids, edge targets and edge actions live in chunked
 * typed arrays (CSR layout: the edges of state `id` are `firstEdge(id)` up to
 * `firstEdge(id + 1)`), and the states themselves only in the search frontier.
 *
 * State identity and parent ids come from the safety search's StateStore,
 * whose `add` also gives the id of a state seen before (an edge's target).
 */
import { now } from '../clock.js';
import { KripkeError } from '../../model/errors.js';
import { stepLabel } from '../../model/literal.js';
import { canonicalKey } from '../../model/plain-data.js';
import type { LivenessProperty } from '../../model/types.js';
import { notBoolean } from '../blame.js';
import { search, type SearchObserver, type SearchOptions, type SearchOutcome, type SearchSpace } from '../search.js';
import { ByteColumn, IntColumn } from '../store/columns.js';
import type { StateStore } from '../store/state-store.js';

/**
 * A fair action: one transition, or one choice of a parameterised transition.
 * Fairness is per instance ("each choice is its own fair action").
 */
export interface ActionInstance {
  /** Index into the transitions. */
  readonly transition: number;
  /** The label in traces: `name` or `name(choice)`; for display and for naming it in `fair`. */
  readonly label: string;
  /** The choice, for a parameterised transition: the first of the values equal to it that was seen. */
  readonly choice?: unknown;
}

/** Flag bits per state and liveness property. */
export const GOAL = 1;
export const FROM = 2;

/** The explored graph: state ids in breadth-first order, edges in CSR order. */
export class StateGraph {
  /** Per expanded state, then one sentinel: where its edges start. */
  readonly firstEdges = new IntColumn();
  readonly targets = new IntColumn();
  /** Per edge: the ActionInstance id. */
  readonly actions = new IntColumn();
  /** Per liveness property, per state: GOAL | FROM bits. */
  readonly flags: ByteColumn[];
  readonly instances: ActionInstance[] = [];
  /** Distinct ids of the initial states, in the model's order. */
  readonly initIds: number[] = [];

  constructor(
    /** State identity and each state's parent (the id it was first reached from). */
    readonly store: StateStore,
    properties: number,
  ) {
    this.flags = Array.from({ length: properties }, () => new ByteColumn());
  }

  /** States stored (reached). */
  get size(): number {
    return this.store.size;
  }

  /** States whose edges are known (all of them once the exploration completed). */
  get expanded(): number {
    return Math.max(0, this.firstEdges.length - 1);
  }

  /** First edge index of state `id`; `firstEdge(id + 1)` ends its edges. */
  firstEdge(id: number): number {
    return this.firstEdges.get(id);
  }

  /** The state whose edges include edge `e`: a binary search over the CSR offsets. */
  sourceOf(e: number): number {
    let lo = 0;
    let hi = this.expanded - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firstEdge(mid) <= e) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Some edge from `s` leads back to `s`. */
  hasSelfLoop(s: number): boolean {
    const end = this.firstEdge(s + 1);
    for (let e = this.firstEdge(s); e < end; e++) if (this.targets.get(e) === s) return true;
    return false;
  }

  /** Bytes held by the graph's arrays. */
  bytes(): number {
    let flagBytes = 0;
    for (const f of this.flags) flagBytes += f.bytes();
    return this.store.bytes() + this.firstEdges.bytes() + this.targets.bytes() + this.actions.bytes() + flagBytes;
  }
}

/** What the exploration found; shaped like the safety search's outcome so results are built the same way. */
export interface GraphOutcome extends SearchOutcome {
  /** For an error in a goal or from: the property it belongs to. */
  readonly predicate?: number;
}

/**
 * Explores every reachable state with the safety search's loop (search.ts),
 * recording each edge with its action instance and each state's goal/from
 * flags. States are expanded in id order, so the edges come out grouped by
 * source (CSR) without sorting. No invariants and no deadlock check here:
 * a liveness check asks only about paths.
 */
export function exploreGraph<S>(
  space: SearchSpace<S>,
  properties: readonly LivenessProperty<S>[],
  options: SearchOptions,
  graph: StateGraph,
  started: number = now(),
): GraphOutcome {
  const { firstEdges, targets, actions, flags, instances } = graph;
  const transitions = space.transitions;
  const nP = properties.length;

  // Instance ids: a plain transition's id is its index; choices get ids as first seen,
  // identified by value (the states' equality): 1 and '1' are two choices, { from, to }
  // and { to, from } one, 0 and -0 two. Primitives key a Map as they are (SameValueZero
  // is that equality for them, but for -0); compound choices and -0 by their canonical key.
  for (let i = 0; i < transitions.length; i++) instances.push({ transition: i, label: transitions[i].label });
  const primitiveIds: Map<unknown, number>[] = transitions.map(() => new Map());
  const compoundIds: Map<string, number>[] = transitions.map(() => new Map());
  const instanceOf = (t: number, c: unknown): number => {
    const compound = (typeof c === 'object' && c !== null) || Object.is(c, -0);
    // The search has checked that every choice is plain data.
    const key = compound ? canonicalKey(c) : c;
    const ids = compound ? compoundIds[t] : primitiveIds[t];
    let id = ids.get(key);
    if (id === undefined) {
      id = instances.length;
      instances.push({ transition: t, label: stepLabel(transitions[t].label, true, c), choice: c });
      ids.set(key, id);
    }
    return id;
  };

  // The predicate being evaluated, for the source of an error it throws.
  let p = -1;
  let inFrom = false;
  const observer: SearchObserver = {
    initial: (id) => {
      graph.initIds.push(id);
    },
    expand: (state, id) => {
      if (id !== firstEdges.length) throw new KripkeError(`internal: state ${id} expanded out of order`);
      firstEdges.push(targets.length);
      for (p = 0; p < nP; p++) {
        const pr = properties[p];
        inFrom = false;
        const g = pr.goal(state as S);
        if (typeof g !== 'boolean') throw notBoolean(g);
        let bits = g ? GOAL : 0;
        if (pr.from !== undefined) {
          inFrom = true;
          const f = pr.from(state as S);
          if (typeof f !== 'boolean') throw notBoolean(f);
          if (f) bits |= FROM;
        }
        flags[p].push(bits);
      }
      p = -1;
    },
    edge: (target, t, choice) => {
      actions.push(transitions[t].choices === undefined ? t : instanceOf(t, choice));
      targets.push(target);
    },
    complete: () => {
      firstEdges.push(targets.length);
    },
    errorSource: () => {
      const name = properties[p]?.name;
      return { kind: inFrom ? 'from' : 'goal', ...(name === undefined || name === '' ? {} : { name }) };
    },
  };

  const outcome = search(space, { properties: [], deadlock: false, observer }, options, graph.store, started);
  return outcome.kind === 'error' && p >= 0 ? { ...outcome, predicate: p } : outcome;
}

