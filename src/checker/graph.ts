/**
 * The reachable state graph, kept for liveness checking. Safety needs only a
 * visited set; liveness needs the edges too, because a violation is a cycle.
 * Like the safety store, nothing here is an object per state or per edge:
 * fingerprints, parent ids, edge targets and edge actions live in chunked
 * typed arrays (CSR layout: the edges of state `id` are `firstEdge(id)` up to
 * `firstEdge(id + 1)`), and the states themselves only in the search frontier.
 *
 * The graph keeps its own fingerprint table rather than the safety store
 * because it must find the id of a state seen before (an edge's target);
 * `StateStore.add` only says "seen" (-1).
 */
import { formatChoice, stepLabel } from '../model/choice-label.js';
import { ContractError, MutationError, StateShapeError } from '../model/errors.js';
import type { Model, StatePredicate, Transition } from '../model/types.js';
import type { SearchOptions, SearchOutcome } from './bfs.js';
import { canonicalKey } from './canonical-key.js';
import { fingerprint64, type Fingerprinter } from './fingerprint.js';
import type { ErrorSource, ResultKind } from './types.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const OFFSET = CHUNK - 1;

const FIRST_CHUNK = 256;

/**
 * A growable int32 column in 64K-entry chunks: appending never copies, except
 * the first chunk, which starts small and doubles (a twelve-state model should
 * not zero megabytes).
 */
export class IntColumn {
  length = 0;
  readonly chunks: Int32Array[] = [];

  push(value: number): void {
    const i = this.length;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(c === 0 ? FIRST_CHUNK : CHUNK));
    else if (c === 0 && i === this.chunks[0].length) this.growFirst();
    this.chunks[c][i & OFFSET] = value;
    this.length = i + 1;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & OFFSET];
  }

  bytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }

  private growFirst(): void {
    const grown = new Int32Array(this.chunks[0].length * 2);
    grown.set(this.chunks[0]);
    this.chunks[0] = grown;
  }
}

/** A growable byte column, for per-state flags; chunked like IntColumn. */
export class ByteColumn {
  length = 0;
  readonly chunks: Uint8Array[] = [];

  push(value: number): void {
    const i = this.length;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint8Array(c === 0 ? FIRST_CHUNK : CHUNK));
    else if (c === 0 && i === this.chunks[0].length) {
      const grown = new Uint8Array(i * 2);
      grown.set(this.chunks[0]);
      this.chunks[0] = grown;
    }
    this.chunks[c][i & OFFSET] = value;
    this.length = i + 1;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & OFFSET];
  }

  bytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }
}

/** State identity for the graph: the id of a state, new or seen before. */
export interface StateIndex {
  /** Bits of identity per state (64, or Infinity for exact keys): for the collision estimate. */
  readonly bits: number;
  readonly size: number;
  /** The new id (≥ 0) if `state` is unseen, else `-(id + 1)` of the state seen before. */
  findOrAdd(state: unknown): number;
  /** True when `state` is the one stored under `id`. */
  matches(state: unknown, id: number): boolean;
  /** `matches`, hashing every value afresh: the mutation check of an expanded state. */
  verify(state: unknown, id: number): boolean;
  /** The state whose successors are hashed next, or null (see Fingerprinter.expanding). */
  expanding(parent: unknown): void;
  bytes(): number;
}

/** Fingerprint identity: two 32-bit lanes per state and an open-addressing table (load ≤ 1/2). */
export class FingerprintIndex implements StateIndex {
  size = 0;
  readonly bits: number;
  private readonly laneA = new IntColumn();
  private readonly laneB = new IntColumn();
  private table = new Int32Array(1 << 9); // id + 1; 0 is empty
  private mask = (1 << 9) - 1;
  private readonly fp = new Int32Array(2);

  constructor(private readonly fingerprinter: Fingerprinter = fingerprint64) {
    this.bits = fingerprinter.bits;
  }

  findOrAdd(state: unknown): number {
    this.fingerprinter.of(state, this.fp);
    const a = this.fp[0];
    const b = this.fp[1];
    const table = this.table;
    const mask = this.mask;
    const A = this.laneA.chunks;
    const B = this.laneB.chunks;
    let i = a & mask;
    for (let e = table[i]; e !== 0; e = table[i]) {
      const id = e - 1;
      const c = id >>> CHUNK_BITS;
      const o = id & OFFSET;
      if (A[c][o] === a && B[c][o] === b) return -e;
      i = (i + 1) & mask;
    }
    const id = this.size;
    this.laneA.push(a);
    this.laneB.push(b);
    table[i] = id + 1;
    this.size = id + 1;
    if (this.size * 2 > table.length) this.grow();
    return id;
  }

  matches(state: unknown, id: number, anew = false): boolean {
    this.fingerprinter.of(state, this.fp, anew);
    return this.laneA.get(id) === this.fp[0] && this.laneB.get(id) === this.fp[1];
  }

  verify(state: unknown, id: number): boolean {
    return this.matches(state, id, true);
  }

  expanding(parent: unknown): void {
    this.fingerprinter.expanding?.(parent);
  }

  bytes(): number {
    return this.table.byteLength + this.laneA.bytes() + this.laneB.bytes();
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.laneA.get(id) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** Exact identity for `exact: true`: keyed by each state's canonical text. */
export class ExactIndex implements StateIndex {
  readonly bits = Infinity;
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private keyBytes = 0;

  get size(): number {
    return this.keys.length;
  }

  findOrAdd(state: unknown): number {
    const key = canonicalKey(state);
    const seen = this.ids.get(key);
    if (seen !== undefined) return -(seen + 1);
    const id = this.keys.length;
    this.ids.set(key, id);
    this.keys.push(key);
    this.keyBytes += key.length;
    return id;
  }

  matches(state: unknown, id: number): boolean {
    return canonicalKey(state) === this.keys[id];
  }

  verify(state: unknown, id: number): boolean {
    return this.matches(state, id);
  }

  expanding(): void {
    // Canonical keys are computed whole every time: nothing to remember.
  }

  bytes(): number {
    return this.keyBytes + this.keys.length * 40; // an estimate, as for ExactStore
  }
}

/**
 * A fair action: one transition, or one choice of a parameterised transition.
 * Fairness is per instance ("each choice is its own fair action").
 */
export interface ActionInstance {
  /** Index into the transitions. */
  readonly transition: number;
  /** The label in traces: `name` or `name(choice)`. */
  readonly label: string;
}

/** Flag bits per state and liveness property. */
export const GOAL = 1;
export const FROM = 2;

/** A predicate pair the exploration evaluates at every state, one per liveness property. */
export interface GraphPredicates<S> {
  /** The property's name for error messages; undefined for an unnamed one. */
  readonly name: string | undefined;
  readonly goal: StatePredicate<S>;
  readonly from?: StatePredicate<S>;
}

/** The explored graph: state ids in breadth-first order, edges in CSR order. */
export class StateGraph {
  /** Per state: the id it was first reached from (-1 for an initial state). */
  readonly parents = new IntColumn();
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
    readonly index: StateIndex,
    properties: number,
  ) {
    this.flags = Array.from({ length: properties }, () => new ByteColumn());
  }

  /** States stored (reached). */
  get size(): number {
    return this.index.size;
  }

  /** States whose edges are known (all of them once the exploration completed). */
  get expanded(): number {
    return Math.max(0, this.firstEdges.length - 1);
  }

  /** First edge index of state `id`; `firstEdge(id + 1)` ends its edges. */
  firstEdge(id: number): number {
    return this.firstEdges.get(id);
  }

  /** Bytes held by the graph's arrays. */
  bytes(): number {
    let flagBytes = 0;
    for (const f of this.flags) flagBytes += f.bytes();
    return this.index.bytes() + this.parents.bytes() + this.firstEdges.bytes() + this.targets.bytes() + this.actions.bytes() + flagBytes;
  }
}

// What the loop was doing when user code threw, for the error's source.
const enum Phase {
  Goal,
  From,
  Choices,
  Guard,
  Apply,
  Store,
  Mutation,
}

const CLOCK_EVERY = 1023;

/** What the exploration found; shaped like the safety search's outcome so results are built the same way. */
export interface GraphOutcome extends SearchOutcome {
  /** For an error in a goal or from: the property it belongs to. */
  readonly predicate?: number;
}

/**
 * Explores every reachable state breadth-first, recording each edge with its
 * action instance and each state's goal/from flags. States are expanded in id
 * order, so the edges come out grouped by source (CSR) without sorting.
 */
export function exploreGraph<S>(
  model: Model<S>,
  transitions: readonly Transition<S>[],
  predicates: readonly GraphPredicates<S>[],
  options: SearchOptions,
  graph: StateGraph,
  started: number = performance.now(),
): GraphOutcome {
  const deadline = started + options.timeout;
  const { maxStates, maxDepth } = options;
  const index = graph.index;
  const nT = transitions.length;
  const nP = predicates.length;
  const enabledCount = new Float64Array(nT);
  const newCount = new Float64Array(nT);
  const { parents, firstEdges, targets, actions, flags, instances } = graph;

  // Instance ids: a plain transition's id is its index; choices get ids as first seen.
  for (let i = 0; i < nT; i++) instances.push({ transition: i, label: transitions[i].label });
  const choiceIds: Map<unknown, number>[] = transitions.map(() => new Map());
  const instanceOf = (t: number, c: unknown): number => {
    const key = typeof c === 'object' && c !== null ? `\u0000${formatChoice(c)}` : c;
    const ids = choiceIds[t];
    let id = ids.get(key);
    if (id === undefined) {
      id = instances.length;
      instances.push({ transition: t, label: stepLabel(transitions[t].label, true, c) });
      ids.set(key, id);
    }
    return id;
  };

  let frontier: S[] = [];
  let next: S[] = [];
  let generated = 0;
  let depth = 0;
  let deepest = 0;
  let overBudget: 'maxDepth' | 'maxStates' = 'maxStates';
  let nextId = 0; // the id the next expanded state must have

  let phase = Phase.Store;
  let at = -1;
  let t = -1;
  let p = -1;
  let choice: unknown;

  const finish = (kind: ResultKind, extra: Partial<GraphOutcome> = {}): GraphOutcome => {
    index.expanding(null); // traces are rebuilt with every value hashed afresh
    return {
      kind,
      at,
      states: index.size,
      transitions: generated,
      depth: deepest,
      durationMs: performance.now() - started,
      enabled: enabledCount,
      newStates: newCount,
      ...extra,
    };
  };

  // Stores one edge; false when a budget stops the exploration.
  const edge = (succ: S, parentId: number, action: number): boolean => {
    generated++;
    if (succ === undefined) throw new ContractError(`returned undefined; an action must return the next state`);
    let id = index.findOrAdd(succ);
    if (id >= 0) {
      // A state past a budget: the graph would be cut, and a cut graph proves nothing about cycles.
      if (depth >= maxDepth || id >= maxStates) {
        overBudget = depth >= maxDepth ? 'maxDepth' : 'maxStates';
        return false;
      }
      parents.push(parentId);
      newCount[t]++;
      next.push(succ);
      deepest = depth + 1;
    } else {
      id = -id - 1;
    }
    targets.push(id);
    actions.push(action);
    return true;
  };

  try {
    for (const init of model.initStates) {
      const id = index.findOrAdd(init);
      if (id >= 0) {
        parents.push(-1);
        frontier.push(init);
        graph.initIds.push(id);
      }
    }

    while (frontier.length > 0) {
      for (let i = 0; i < frontier.length; i++) {
        const s = frontier[i];
        const id = nextId++;
        at = id;
        t = -1;
        firstEdges.push(targets.length);

        for (p = 0; p < nP; p++) {
          const pr = predicates[p];
          phase = Phase.Goal;
          const g = pr.goal(s);
          if (typeof g !== 'boolean') throw notBoolean(g);
          let bits = g ? GOAL : 0;
          if (pr.from !== undefined) {
            phase = Phase.From;
            const f = pr.from(s);
            if (typeof f !== 'boolean') throw notBoolean(f);
            if (f) bits |= FROM;
          }
          flags[p].push(bits);
        }
        p = -1;

        index.expanding(s);
        for (t = 0; t < nT; t++) {
          const tr = transitions[t];
          if (tr.choices === undefined) {
            choice = undefined;
            if (tr.enabled !== undefined) {
              phase = Phase.Guard;
              const g = tr.enabled(s);
              if (g !== true) {
                if (g === false) continue;
                throw notBoolean(g);
              }
            }
            enabledCount[t]++;
            phase = Phase.Apply;
            const succ = tr.apply(s);
            phase = Phase.Store;
            if (!edge(succ, id, t)) return stopped();
          } else {
            phase = Phase.Choices;
            for (const c of tr.choices(s)) {
              choice = c;
              if (tr.enabled !== undefined) {
                phase = Phase.Guard;
                const g = tr.enabled(s, c);
                if (g !== true) {
                  if (g === false) continue;
                  throw notBoolean(g);
                }
              }
              enabledCount[t]++;
              phase = Phase.Apply;
              const succ = tr.apply(s, c);
              phase = Phase.Store;
              if (!edge(succ, id, instanceOf(t, c))) return stopped();
              phase = Phase.Choices;
            }
          }
        }
        t = -1;

        phase = Phase.Mutation;
        if (!index.verify(s, id)) throw new MutationError('a state changed while it was being checked');

        if ((nextId & CLOCK_EVERY) === 0 && performance.now() > deadline) {
          at = -1;
          return finish('incomplete', { budget: 'timeout' });
        }
      }
      frontier = next;
      next = [];
      depth++;
    }
    firstEdges.push(targets.length);
  } catch (error) {
    const errorSource = sourceOf(phase, transitions[t], choice, p >= 0 ? predicates[p] : undefined);
    return finish('error', {
      error: explain(error, errorSource),
      errorSource,
      ...(t >= 0 ? { transition: t, choice } : {}),
      ...(p >= 0 ? { predicate: p } : {}),
    });
  }
  at = -1;
  return finish('ok');

  function stopped(): GraphOutcome {
    at = -1;
    // The state that broke the budget was stored; it is not counted.
    return finish('incomplete', { budget: overBudget, states: index.size - 1 });
  }
}

/** kripke's own errors say whose output was wrong (as the safety search does); user errors stay as thrown. */
function explain(error: unknown, source: ErrorSource): unknown {
  const who = source.name === undefined ? source.kind : `${source.kind} '${source.name}'`;
  if (error instanceof ContractError) return new ContractError(`${who} ${error.message}`);
  if (error instanceof StateShapeError && source.kind === 'action') {
    return new StateShapeError(`${who} returned a state that is not plain data: ${error.detail}`, error.path, error.detail);
  }
  return error;
}

function notBoolean(value: unknown): ContractError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const type = value === null || value === undefined ? String(value) : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  return new ContractError(`returned ${shown} (${type}), not a boolean`);
}

function sourceOf<S>(phase: Phase, tr: Transition<S> | undefined, choice: unknown, pr: GraphPredicates<S> | undefined): ErrorSource {
  const label = tr === undefined ? undefined : stepLabel(tr.label, tr.choices !== undefined, choice);
  const env = (o: { environment?: string } | undefined) => (o?.environment === undefined ? {} : { environment: o.environment });
  const named = pr?.name === undefined ? {} : { name: pr.name };
  switch (phase) {
    case Phase.Goal:
      return { kind: 'goal', ...named };
    case Phase.From:
      return { kind: 'from', ...named };
    case Phase.Choices:
      return { kind: 'choices', name: tr?.label, ...env(tr) };
    case Phase.Guard:
      return { kind: 'guard', name: label, ...env(tr) };
    case Phase.Apply:
    case Phase.Store:
      return { kind: 'action', name: label, ...env(tr) };
    case Phase.Mutation:
      return { kind: 'state' };
  }
}
