/**
 * A small, independent reference for liveness verdicts, to check the known
 * answers of the TLA+ ports against (TLC itself cannot run here). It shares
 * nothing with src/checker but the model's normalised transitions: its own
 * breadth-first exploration (states keyed by canonical JSON), its own pending
 * monitor, its own strongly connected components and fairness test.
 *
 * Two semantics:
 * - 'stuttering' (TLA+): a behaviour may stop (stutter forever) in any state;
 *   fairness reads `<<A>>_v`: a step that leaves the state unchanged (a
 *   self-loop) neither takes A nor enables it. A fairness constraint is any
 *   step predicate, so a disjunction of actions (WF_vars(A \/ B),
 *   WF_vars(\E i : A(i))) is one constraint: group fairness, exactly.
 * - 'no-stutter' (kripke today): a path goes on while some step is enabled and
 *   stops only where none is; self-loops count as steps, as taking an action
 *   and as enabling it.
 *
 * Verdict of `from ~> goal` (or <>goal without from; or, with `initially`,
 * `initially => <>goal` about the initial state): violated iff some behaviour
 * allowed by the semantics and fair for every constraint reaches a state where
 * the goal is due and then never meets it. Such a behaviour ends either by
 * stopping in a due state s (stuttering: allowed iff no constraint is enabled
 * at s; no-stutter: iff s has no step), or by going round a strongly connected
 * set of due states forever; that set is fair per Emerson–Lei: a weak
 * constraint is taken inside it or disabled somewhere in it; a strong one
 * enabled somewhere in it must be taken inside it, otherwise the states where
 * it is enabled are dropped and the rest is tried again.
 */
import type { Model } from '../../../src/index.js';
import { partsOf } from '../../../src/model/define-model.js';

export type Verdict = 'holds' | 'violated';
export type Semantics = 'stuttering' | 'no-stutter';

export interface Edge {
  from: number;
  to: number;
  action: string;
  choice: unknown;
  /** `action` or `action(choice)`, the choice in canonical JSON. */
  label: string;
}

export interface Graph<S> {
  states: S[];
  inits: number[];
  out: Edge[][];
  /** Most steps from an initial state to a state first reached (breadth-first). */
  depth: number;
}

/** A fairness assumption on an action formula, given as a predicate on steps. */
export interface Constraint<S> {
  kind: 'WF' | 'SF';
  name: string;
  step: (e: Edge, from: S, to: S) => boolean;
}

export interface Property<S> {
  goal: (s: S) => boolean;
  from?: (s: S) => boolean;
  /** `initially => <>goal`: the goal is due at the start only where this holds (no `from`). */
  initially?: (s: S) => boolean;
}

/** JSON with object keys sorted and Sets as sorted arrays: equal plain data, equal text. */
export function canon(v: unknown): string {
  if (v instanceof Set) return `[${[...v].map(canon).sort().join(',')}]`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

export function exploreGraph<S>(model: Model<S>): Graph<S> {
  const ids = new Map<string, number>();
  const states: S[] = [];
  const out: Edge[][] = [];
  const level: number[] = [];
  const idOf = (s: S, d: number): number => {
    const k = canon(s);
    let id = ids.get(k);
    if (id === undefined) {
      id = states.length;
      ids.set(k, id);
      states.push(s);
      level.push(d);
    }
    return id;
  };
  const inits = [...new Set(partsOf(model).initStates.map((s) => idOf(s, 0)))];
  for (let i = 0; i < states.length; i++) {
    const s = states[i];
    const edges: Edge[] = [];
    for (const t of partsOf(model).transitions) {
      for (const c of t.choices ? [...t.choices(s)] : [undefined]) {
        if (t.enabled !== undefined && t.enabled(s, c) !== true) continue;
        const to = idOf(t.apply(s, c), level[i] + 1);
        edges.push({ from: i, to, action: t.label, choice: c, label: t.choices ? `${t.label}(${canon(c)})` : t.label });
      }
    }
    out.push(edges);
  }
  return { states, inits, out, depth: Math.max(...level) };
}

/**
 * kripke's fairness (a list of action names or 'all', each choice its own
 * action) as constraints: one per action label that occurs in the graph.
 */
export function perChoice<S>(graph: Graph<S>, kind: 'WF' | 'SF', names: readonly string[] | 'all' | undefined): Constraint<S>[] {
  if (names === undefined) return [];
  const labels = new Set<string>();
  for (const edges of graph.out) for (const e of edges) if (names === 'all' || names.includes(e.action)) labels.add(e.label);
  return [...labels].map((label) => ({ kind, name: label, step: (e: Edge) => e.label === label }));
}

/** Tarjan's algorithm, iterative, on the nodes in `inside` and the edges `succ` gives. */
function components(nodes: readonly number[], succ: (v: number) => readonly number[]): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<[number, number]> = [[root, 0]];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const next = succ(v);
      if (i < next.length) {
        frame[1]++;
        const w = next[i];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}

export function verdict<S>(graph: Graph<S>, property: Property<S>, constraints: readonly Constraint<S>[], semantics: Semantics): Verdict {
  const { states, out } = graph;
  const stutter = semantics === 'stuttering';
  const counts = (e: Edge) => !stutter || e.to !== e.from; // <<A>>_v: a self-loop is no step of A
  const takes = (c: Constraint<S>, e: Edge) => counts(e) && c.step(e, states[e.from], states[e.to]);
  const memo = new Map<Constraint<S>, Int8Array>(constraints.map((c) => [c, new Int8Array(states.length)])); // 0 unknown, 1 no, 2 yes
  const enabled = (c: Constraint<S>, s: number) => {
    const m = memo.get(c)!;
    if (m[s] === 0) m[s] = out[s].some((e) => takes(c, e)) ? 2 : 1;
    return m[s] === 2;
  };

  // The states reachable with the goal due.
  const goal = states.map((s) => property.goal(s));
  const from = property.from === undefined ? undefined : states.map((s) => property.from!(s));
  const dueAtStart = (s: number) => !goal[s] && (property.initially ? property.initially(states[s]) : from === undefined || from[s]);
  const seen = new Uint8Array(2 * states.length); // index 2 * state + (due ? 1 : 0)
  const queue: Array<[number, boolean]> = [];
  const visit = (s: number, due: boolean) => {
    const k = 2 * s + (due ? 1 : 0);
    if (seen[k] === 0) {
      seen[k] = 1;
      queue.push([s, due]);
    }
  };
  for (const s of graph.inits) visit(s, dueAtStart(s));
  for (let h = 0; h < queue.length; h++) {
    const [s, due] = queue[h];
    for (const e of out[s]) visit(e.to, !goal[e.to] && (due || (from !== undefined && from[e.to])));
  }
  const region = new Set(queue.filter(([, due]) => due).map(([s]) => s));

  // A behaviour that stops with the goal due.
  for (const s of region) {
    const mayStop = stutter ? constraints.every((c) => !enabled(c, s)) : out[s].length === 0;
    if (mayStop) return 'violated';
  }

  // A fair strongly connected set of due states.
  const inner = (set: Set<number>) => (v: number) => out[v].filter((e) => counts(e) && set.has(e.to)).map((e) => e.to);
  const fairInside = (set: Set<number>): boolean => {
    for (const comp of components([...set], inner(set))) {
      const members = new Set(comp);
      const edges = comp.flatMap((v) => out[v].filter((e) => counts(e) && members.has(e.to)));
      if (edges.length === 0) continue; // one state and no step inside: no cycle
      const taken = (c: Constraint<S>) => edges.some((e) => takes(c, e));
      if (constraints.some((c) => c.kind === 'WF' && !taken(c) && comp.every((s) => enabled(c, s)))) continue;
      const starved = constraints.filter((c) => c.kind === 'SF' && !taken(c) && comp.some((s) => enabled(c, s)));
      if (starved.length === 0) return true;
      const rest = new Set(comp.filter((s) => starved.every((c) => !enabled(c, s))));
      if (rest.size > 0 && fairInside(rest)) return true;
    }
    return false;
  };
  return fairInside(region) ? 'violated' : 'holds';
}
