/**
 * A brute-force liveness oracle for tiny graphs, shared by the oracle test and
 * the property suite. It uses the textbook characterisation directly: a fair
 * path that never reaches the goal exists iff, in the part of the graph
 * reachable with the goal pending, there is a dead end, or a non-empty set of
 * edges that is strongly connected (the edges a path takes infinitely often)
 * and fair (each weakly fair action is taken in it or disabled at one of its
 * states; each strongly fair action is taken in it or disabled at all of its
 * states). As in TLA+ (<<A>>_v), only a step that changes the state takes or
 * enables an action: a self-loop does neither. With stuttering, a path may also
 * stop in any state where no fair action is enabled. It enumerates every
 * subset of edges, so it only works for tiny graphs, and it shares no code
 * with the checker.
 *
 * Fairness is read as units: a name is one unit per label it covers (each
 * choice fair on its own), a group `['a', 'b']` one unit for every label of
 * its members together (WF(a ∨ b)); a unit is enabled where one of its labels
 * is, and taken when one of its labels is. The forms: ◇goal, from ⤳ goal,
 * □◇P (`infinitelyOften`: from ⤳ P with from everywhere) and ◇□P
 * (`eventuallyAlways`: a fair path that stops where P fails, or whose cycle
 * passes a state where P fails).
 */
import { expect } from 'vitest';
import { defineEnvironment, defineModel, type CheckResult, type Fairness, type LivenessSpec, type Model } from '../../src/index.js';

/** An edge: from, to, the action's name; its label is `name(choice)` as `Case.label` prints it. */
export type Edge = readonly [from: number, to: number, name: string];

/** An environment's edge (its name is `env:behavior`): never fair, never owed a step, so a path may stop where only such edges leave. */
export const isEnvironmentEdge = (e: Edge) => e[2].includes(':');

export interface Case {
  n: number;
  inits: number[];
  edges: Edge[];
  goal: boolean[];
  from: boolean[] | undefined;
  fair: Fairness | undefined;
  strongFair: Fairness | undefined;
  stuttering: boolean;
  /** The temporal form; default ◇goal (or from ⤳ goal with `from`). */
  form?: 'infinitelyOften' | 'eventuallyAlways';
  /** The label kripke prints for an edge's choice; default `name(to)`. */
  label?: (e: Edge) => string;
}

/** The edge's label as kripke prints it. */
export const labelOf = (e: Edge, c?: Case) => (c?.label ?? ((x: Edge) => `${x[2]}(${x[1]})`))(e);
/** Does a fairness entry (a name, or a group of names) cover the edge? */
const covers = (entry: string | readonly string[], e: Edge, c?: Case): boolean =>
  typeof entry === 'string' ? entry === e[2] || entry === labelOf(e, c) : entry.some((name) => covers(name, e, c));

/** Is the edge's action fair under `list` (on its own or in a group)? */
export const fairTo = (list: Fairness | undefined, e: Edge, c?: Case) =>
  list !== undefined && !isEnvironmentEdge(e) && (list === 'all' || list.some((entry) => covers(entry, e, c)));

interface Unit {
  strong: boolean;
  /** The edge labels the unit covers. */
  labels: Set<string>;
}

/** The fairness units of a case (see the header). */
function unitsOf(c: Case): Unit[] {
  const out: Unit[] = [];
  const labels = [...new Set(c.edges.filter((e) => !isEnvironmentEdge(e)).map((e) => labelOf(e, c)))];
  const add = (list: Fairness | undefined, strong: boolean) => {
    if (list === undefined) return;
    const entries: (string | readonly string[])[] = list === 'all' ? labels : [...list];
    for (const entry of entries) {
      const covered = c.edges.filter((e) => covers(entry, e, c)).map((e) => labelOf(e, c));
      if (typeof entry === 'string') for (const l of new Set(covered)) out.push({ strong, labels: new Set([l]) });
      else out.push({ strong, labels: new Set(covered) });
    }
  };
  add(c.fair, false);
  add(c.strongFair, true);
  return out;
}

/** The labels of the edges out of reachable states. */
export function reachableLabels(c: Case): Set<string> {
  const seen = new Set(c.inits);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [f, t] of c.edges) if (seen.has(f) && !seen.has(t)) seen.add(t), (changed = true);
  }
  return new Set(c.edges.filter(([f]) => seen.has(f)).map((e) => labelOf(e, c)));
}

/** What the oracle expects: the length of the shortest prefix to a bad state, or undefined if none. */
export function oracle(c: Case): { prefix: number } | undefined {
  const { n, edges, goal } = c;
  const stable = c.form === 'eventuallyAlways';
  // □◇P is from ⤳ P with from everywhere.
  const from = c.form === 'infinitelyOften' ? goal.map(() => true) : c.from;
  // Distances over (state, pending) pairs; for ◇□P pending is always on.
  const dist = new Map<string, number>();
  const queue: [number, number][] = [];
  for (const s of c.inits) {
    const p = stable || (!goal[s] && (from === undefined || from[s])) ? 1 : 0;
    if (!dist.has(`${s},${p}`)) {
      dist.set(`${s},${p}`, 0);
      queue.push([s, p]);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const [s, p] = queue[q];
    for (const [f, t] of edges) {
      if (f !== s) continue;
      const next = stable || (!goal[t] && (p === 1 || (from !== undefined && from[t]))) ? 1 : 0;
      if (dist.has(`${t},${next}`)) continue;
      dist.set(`${t},${next}`, dist.get(`${s},${p}`)! + 1);
      queue.push([t, next]);
    }
  }
  const pendingAt = (s: number) => dist.get(`${s},1`);
  const region = edges.filter(([f, t]) => pendingAt(f) !== undefined && pendingAt(t) !== undefined);
  const units = unitsOf(c);
  const enabled = (s: number) => new Set(edges.filter(([f, t]) => f === s && t !== s).map((e) => labelOf(e, c)));
  const unitEnabled = (u: Unit, s: number) => [...enabled(s)].some((l) => u.labels.has(l));
  const fairEnabled = (s: number) => units.some((u) => unitEnabled(u, s));
  // For ◇□P a path may only end, and a cycle only count, where P fails.
  const mayEnd = (s: number) => !stable || !goal[s];
  const bad = new Set<number>();
  for (let s = 0; s < n; s++) {
    if (pendingAt(s) === undefined || !mayEnd(s)) continue;
    if (!edges.some((e) => e[0] === s && !isEnvironmentEdge(e)) || (c.stuttering && !fairEnabled(s))) bad.add(s);
  }
  for (let mask = 1; mask < 1 << region.length; mask++) {
    const sub = region.filter((_, i) => (mask >> i) & 1);
    const nodes = [...new Set(sub.flatMap(([f, t]) => [f, t]))];
    const reach = (s: number) => {
      const out = new Set([s]);
      for (let changed = true; changed; ) {
        changed = false;
        for (const [f, t] of sub) if (out.has(f) && !out.has(t)) out.add(t), (changed = true);
      }
      return out;
    };
    if (!nodes.every((s) => { const r = reach(s); return nodes.every((t) => r.has(t)) && sub.some(([f]) => f === s); })) continue;
    if (!nodes.some(mayEnd)) continue;
    const taken = new Set(sub.filter(([f, t]) => f !== t).map((e) => labelOf(e, c)));
    const fairOk = units.every((u) => {
      if ([...u.labels].some((l) => taken.has(l))) return true;
      if (u.strong && nodes.some((s) => unitEnabled(u, s))) return false;
      if (!u.strong && nodes.every((s) => unitEnabled(u, s))) return false;
      return true;
    });
    if (fairOk) nodes.forEach((s) => bad.add(s));
  }
  if (bad.size === 0) return undefined;
  return { prefix: Math.min(...[...bad].map((s) => pendingAt(s)!)) };
}


/**
 * Whether one lasso is a counterexample to the case's property, by the
 * textbook: `states` the path's states (the last one equal to
 * `states[loopsTo]` for a cycle). Without `loopsTo` the path stops at its last state. The goal
 * fails along it as the form says; a stopped path stops where no action of
 * the model is enabled, or where no fair unit is and the property allows
 * stuttering or a self-loop leaves (the same states as that cycle); a cycle is fair (each
 * unit taken on it by a step that changes the state (every edge between a
 * step's two states counts), or weakly fair and
 * disabled at one of its states, or strongly fair and disabled at all).
 */
export function lassoBreaks(c: Case, states: readonly number[], loopsTo: number | undefined): boolean {
  const last = states.length - 1;
  const cycle = loopsTo === undefined ? [last] : states.slice(loopsTo, last).map((_, k) => loopsTo + k);
  const fails = (k: number) => !c.goal[states[k]];
  if (c.form === 'infinitelyOften') {
    if (!cycle.every(fails)) return false;
  } else if (c.form === 'eventuallyAlways') {
    if (!cycle.some(fails)) return false;
  } else {
    const dueFrom = (k: number) => (loopsTo === undefined ? k : Math.min(k, loopsTo));
    const due = states.some((_, k) => (c.from === undefined ? k === 0 : c.from[states[k]]) && states.every((__, j) => j < dueFrom(k) || fails(j)));
    if (!due) return false;
  }
  const units = unitsOf(c);
  const unitEnabled = (u: Unit, s: number) => c.edges.some((e) => e[0] === s && e[1] !== s && u.labels.has(labelOf(e, c)));
  if (loopsTo === undefined) {
    const s = states[last];
    if (!c.edges.some((e) => e[0] === s && !isEnvironmentEdge(e))) return true;
    // Stopping is stuttering: allowed by the property, or the same states as a cycle on a step that changes nothing.
    return (c.stuttering || c.edges.some((e) => e[0] === s && e[1] === s)) && !units.some((u) => unitEnabled(u, s));
  }
  // A step takes every edge between its two states (the cycle repeats: it may take each in turn), whatever the label says.
  const taken = new Set(cycle.map((k) => k + 1).flatMap((k) => c.edges.filter((e) => e[0] === states[k - 1] && e[1] === states[k] && e[0] !== e[1]).map((e) => labelOf(e, c))));
  return units.every((u) => {
    if ([...u.labels].some((l) => taken.has(l))) return true;
    return u.strong ? !cycle.some((k) => unitEnabled(u, states[k])) : cycle.some((k) => !unitEnabled(u, states[k]));
  });
}

/**
 * Checks a liveness result against the oracle: the verdict, the shortest
 * prefix, and that the counterexample is what it claims (the goal due from
 * `dueAt` and never reached; a path that stops where nothing, or with
 * stuttering nothing fair, is enabled; or a cycle that closes and is fair on
 * its own). `decode` maps a trace's state to the graph's state number.
 * Returns true for a violation.
 */
export function expectAgreement(c: Case, r: CheckResult<unknown>, where: string, decode: (state: unknown) => number): boolean {
  const want = oracle(c);
  expect(r.kind, where).toBe(want === undefined ? 'ok' : 'liveness');
  if (want === undefined) return false;
  const states = r.trace.map((s) => decode(s.state));
  const prefix = r.loopsTo ?? states.length - 1;
  expect(prefix, where).toBe(want.prefix);
  // Every step is an edge of the graph, labelled as the edge is.
  for (let k = 1; k < states.length; k++) {
    expect(c.edges.some((e) => e[0] === states[k - 1] && e[1] === states[k] && labelOf(e, c) === r.trace[k].action), `${where}: step ${k}`).toBe(true);
  }
  const stable = c.form === 'eventuallyAlways';
  const last = states[states.length - 1];
  if (stable) {
    // ◇□P: the path ends where P fails, or its cycle passes such a state.
    const tail = r.loopsTo === undefined ? [last] : states.slice(r.loopsTo);
    expect(tail.some((s) => !c.goal[s]), `${where}: P fails on the cycle or at the end`).toBe(true);
  } else {
    // The goal is due from dueAt on and never comes.
    const due = r.dueAt!;
    expect(states.slice(due).some((s) => c.goal[s]), where).toBe(false);
    if (c.from !== undefined && c.form === undefined) expect(c.from[states[due]], where).toBe(true);
  }
  const units = unitsOf(c);
  const unitEnabled = (u: Unit, s: number) => c.edges.some((e) => e[0] === s && e[1] !== s && u.labels.has(labelOf(e, c)));
  if (r.loopsTo === undefined) {
    // It stops: where nothing is enabled, or (stuttering) where nothing fair is.
    if (r.ending === 'stutter') {
      expect(c.stuttering, where).toBe(true);
      expect(units.some((u) => unitEnabled(u, last)), where).toBe(false);
    } else {
      expect(r.ending, where).toBe('dead-end');
      expect(c.edges.some((e) => e[0] === last && !isEnvironmentEdge(e)), where).toBe(false);
      expect(r.environmentMayAct === true, where).toBe(c.edges.some((e) => e[0] === last));
    }
    return true;
  }
  expect(r.ending, where).toBe('cycle');
  // The cycle closes and is fair on its own.
  expect(last, where).toBe(states[r.loopsTo]);
  expect(states.length - 1, where).toBeGreaterThan(r.loopsTo);
  const cycleStates = states.slice(r.loopsTo);
  // Steps that change the state take their action; a self-loop takes nothing.
  const taken = new Set(r.trace.slice(r.loopsTo + 1).filter((_, k) => cycleStates[k + 1] !== cycleStates[k]).map((s) => s.action));
  for (const u of units) {
    if ([...u.labels].some((l) => taken.has(l))) continue;
    const name = [...u.labels].join(' ∨ ');
    if (u.strong) expect(cycleStates.some((s) => unitEnabled(u, s)), `${where}: ${name} strongly fair`).toBe(false);
    else expect(cycleStates.every((s) => unitEnabled(u, s)), `${where}: ${name} weakly fair`).toBe(false);
  }
  return true;
}

export const NAMES = ['a', 'b', 'c'];
export const ENV = 'k8s:e';

export function random(seed: number): () => number {
  // mulberry32: small, seeded, reproducible.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomCase(rnd: () => number): Case {
  const n = 2 + Math.floor(rnd() * 5);
  const m = Math.floor(rnd() * 11);
  const seen = new Set<string>();
  const edges: Edge[] = [];
  // An environment's behavior now and then: adversarial, never fair, never owed a step.
  const names = rnd() < 0.3 ? [...NAMES, ENV] : NAMES;
  for (let i = 0; i < m; i++) {
    const e: Edge = [Math.floor(rnd() * n), Math.floor(rnd() * n), names[Math.floor(rnd() * names.length)]];
    const key = e.join();
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(e);
  }
  const pick = (): Fairness | undefined => {
    const r = rnd();
    if (r < 0.3) return undefined;
    if (r < 0.45) return 'all';
    const names: (string | [string, ...string[]])[] = NAMES.filter(() => rnd() < 0.5);
    // One choice on its own now and then: `a(2)` is fair, `a(1)` is not.
    const own = edges.filter((e) => e[2] !== ENV);
    if (rnd() < 0.3 && own.length > 0) {
      const [, to, name] = own[Math.floor(rnd() * own.length)];
      names.push(`${name}(${to})`);
    }
    // A group now and then: WF(a ∨ b), or a whole parameterised action as one (['a']).
    if (rnd() < 0.35) names.push([NAMES[Math.floor(rnd() * NAMES.length)], ...NAMES.filter(() => rnd() < 0.5)]);
    return names;
  };
  const r = rnd();
  const form = r < 0.2 ? ('infinitelyOften' as const) : r < 0.4 ? ('eventuallyAlways' as const) : undefined;
  return {
    n,
    inits: rnd() < 0.8 ? [0] : [0, 1],
    edges,
    goal: Array.from({ length: n }, () => rnd() < (form === 'eventuallyAlways' ? 0.6 : 0.3)),
    from: form === undefined && rnd() < 0.5 ? Array.from({ length: n }, () => rnd() < 0.4) : undefined,
    fair: pick(),
    strongFair: pick(),
    stuttering: rnd() < 0.3,
    ...(form === undefined ? {} : { form }),
  };
}

/** The case as a model: an action per name whose choices are the targets of its edges (in `order`), with `liveness` declared if given. */
export function modelOf(c: Case, liveness?: Record<string, LivenessSpec<number>>, order: readonly string[] = NAMES): Model<number> {
  return defineModel<number>({
    name: 'random',
    initStates: c.inits,
    actions: Object.fromEntries(
      order.map((name) => [
        name,
        {
          choices: (s: number) => {
            const targets = c.edges.filter(([f, , a]) => f === s && a === name).map(([, t]) => t);
            return order === NAMES ? targets : targets.reverse();
          },
          apply: (_s: number, t: number) => t,
        },
      ]),
    ),
    ...(liveness === undefined ? {} : { liveness }),
  });
}

/** The case's environment edges as the behavior `e` of environment `k8s` (labels `k8s:e(to)`). */
export function environmentOf(c: Case) {
  return defineEnvironment<number>({
    name: 'k8s',
    behaviors: {
      e: {
        choices: (s: number) => c.edges.filter(([f, , a]) => f === s && a === ENV).map(([, t]) => t),
        apply: (_s: number, t: number) => t,
      },
    },
  });
}

