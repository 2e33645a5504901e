/**
 * checkLiveness against a brute-force oracle on small random graphs.
 *
 * The oracle uses the textbook characterisation directly: a fair path that
 * never reaches the goal exists iff, in the part of the graph reachable with
 * the goal pending, there is a dead end, or a non-empty set of edges that is
 * strongly connected (the edges a path takes infinitely often) and fair (each
 * weakly fair action is taken in it or disabled at one of its states; each
 * strongly fair action is taken in it or disabled at all of its states). As
 * in TLA+ (<<A>>_v), only a step that changes the state takes or enables an
 * action: a self-loop does neither. With stuttering, a path may also stop in
 * any state where no fair action is enabled. It enumerates every subset of
 * edges, so it only works for tiny graphs, and it shares no code with the checker.
 */
import { describe, expect, it } from 'vitest';
import { checkLiveness, defineModel, type Fairness, type Model } from '../../src/index.js';

type Edge = readonly [from: number, to: number, name: string];

interface Case {
  n: number;
  inits: number[];
  edges: Edge[];
  goal: boolean[];
  from: boolean[] | undefined;
  fair: Fairness | undefined;
  strongFair: Fairness | undefined;
  stuttering: boolean;
}

const NAMES = ['a', 'b', 'c'];

function random(seed: number): () => number {
  // mulberry32: small, seeded, reproducible.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(rnd: () => number): Case {
  const n = 2 + Math.floor(rnd() * 5);
  const m = Math.floor(rnd() * 11);
  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (let i = 0; i < m; i++) {
    const e: Edge = [Math.floor(rnd() * n), Math.floor(rnd() * n), NAMES[Math.floor(rnd() * NAMES.length)]];
    const key = e.join();
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(e);
  }
  const pick = (): Fairness | undefined => {
    const r = rnd();
    if (r < 0.3) return undefined;
    if (r < 0.45) return 'all';
    const names = NAMES.filter(() => rnd() < 0.5);
    // One choice on its own now and then: `a(2)` is fair, `a(1)` is not.
    if (rnd() < 0.3 && edges.length > 0) {
      const [, to, name] = edges[Math.floor(rnd() * edges.length)];
      names.push(`${name}(${to})`);
    }
    return names;
  };
  return {
    n,
    inits: rnd() < 0.8 ? [0] : [0, 1],
    edges,
    goal: Array.from({ length: n }, () => rnd() < 0.3),
    from: rnd() < 0.5 ? Array.from({ length: n }, () => rnd() < 0.4) : undefined,
    fair: pick(),
    strongFair: pick(),
    stuttering: rnd() < 0.3,
  };
}

function modelOf(c: Case): Model<number> {
  return defineModel<number>({
    name: 'random',
    initStates: c.inits,
    actions: Object.fromEntries(
      NAMES.map((name) => [
        name,
        {
          choices: (s: number) => c.edges.filter(([f, , a]) => f === s && a === name).map(([, t]) => t),
          apply: (_s: number, t: number) => t,
        },
      ]),
    ),
  });
}

const labelOf = (e: Edge) => `${e[2]}(${e[1]})`;
const fairTo = (list: Fairness | undefined, e: Edge) =>
  list !== undefined && (list === 'all' || list.includes(e[2]) || list.includes(labelOf(e)));

/** The labels of the edges out of reachable states. */
function reachableLabels(c: Case): Set<string> {
  const seen = new Set(c.inits);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [f, t] of c.edges) if (seen.has(f) && !seen.has(t)) seen.add(t), (changed = true);
  }
  return new Set(c.edges.filter(([f]) => seen.has(f)).map(labelOf));
}

/** What the oracle expects: the length of the shortest prefix to a bad state, or undefined if none. */
function oracle(c: Case): { prefix: number } | undefined {
  const { n, edges, goal, from } = c;
  // Distances over (state, pending) pairs.
  const dist = new Map<string, number>();
  const queue: [number, number][] = [];
  for (const s of c.inits) {
    const p = !goal[s] && (from === undefined || from[s]) ? 1 : 0;
    if (!dist.has(`${s},${p}`)) {
      dist.set(`${s},${p}`, 0);
      queue.push([s, p]);
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const [s, p] = queue[q];
    for (const [f, t] of edges) {
      if (f !== s) continue;
      const next = !goal[t] && (p === 1 || (from !== undefined && from[t])) ? 1 : 0;
      if (dist.has(`${t},${next}`)) continue;
      dist.set(`${t},${next}`, dist.get(`${s},${p}`)! + 1);
      queue.push([t, next]);
    }
  }
  const pendingAt = (s: number) => dist.get(`${s},1`);
  const region = edges.filter(([f, t]) => pendingAt(f) !== undefined && pendingAt(t) !== undefined);
  const enabled = (s: number) => new Set(edges.filter(([f, t]) => f === s && t !== s).map(labelOf));
  const fairEnabled = (s: number) => edges.some((e) => e[0] === s && e[1] !== s && (fairTo(c.fair, e) || fairTo(c.strongFair, e)));
  const bad = new Set<number>();
  for (let s = 0; s < n; s++) {
    if (pendingAt(s) === undefined) continue;
    if (!edges.some(([f]) => f === s) || (c.stuttering && !fairEnabled(s))) bad.add(s);
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
    const taken = new Set(sub.filter(([f, t]) => f !== t).map(labelOf));
    const fairOk = edges.every((e) => {
      const a = labelOf(e);
      if (taken.has(a)) return true;
      if (fairTo(c.strongFair, e) && nodes.some((s) => enabled(s).has(a))) return false;
      if (fairTo(c.fair, e) && nodes.every((s) => enabled(s).has(a))) return false;
      return true;
    });
    if (fairOk) nodes.forEach((s) => bad.add(s));
  }
  if (bad.size === 0) return undefined;
  return { prefix: Math.min(...[...bad].map((s) => pendingAt(s)!)) };
}

describe('checkLiveness agrees with a brute-force oracle on random graphs', () => {
  it('on 3,000 graphs: same verdict, shortest prefix, and a fair lasso', () => {
    const rnd = random(20260601);
    let violations = 0;
    for (let i = 0; i < 3000; i++) {
      const c = randomCase(rnd);
      const model = modelOf(c);
      const query = {
        goal: (s: number) => c.goal[s],
        ...(c.from === undefined ? {} : { from: (s: number) => c.from![s] }),
        ...(c.fair === undefined ? {} : { fair: c.fair }),
        ...(c.strongFair === undefined ? {} : { strongFair: c.strongFair }),
        stuttering: c.stuttering,
      };
      // A choice named in fairness that no reachable state enables is a usage error, never silently unfair.
      const unknown = [c.fair, c.strongFair].flatMap((l) => (Array.isArray(l) ? l : [])).find((name) => name.includes('(') && !reachableLabels(c).has(name));
      if (unknown !== undefined) {
        expect(() => checkLiveness(model, query), `case ${i}`).toThrow(`no reachable state enables '${unknown}'`);
        continue;
      }
      const r = checkLiveness(model, query);
      const want = oracle(c);
      const where = `case ${i}: ${JSON.stringify(c)}`;
      expect(r.kind, where).toBe(want === undefined ? 'ok' : 'liveness');
      if (want === undefined) continue;
      violations++;
      const states = r.trace.map((s) => s.state);
      const prefix = r.loopsTo ?? states.length - 1;
      expect(prefix, where).toBe(want.prefix);
      // The goal is due from dueAt on and never comes.
      const due = r.dueAt!;
      expect(states.slice(due).some((s) => c.goal[s]), where).toBe(false);
      if (c.from !== undefined) expect(c.from[states[due]], where).toBe(true);
      const last = states[states.length - 1];
      if (r.loopsTo === undefined) {
        // It stops: where nothing is enabled, or (stuttering) where nothing fair is.
        if (r.ending === 'stutter') {
          expect(c.stuttering, where).toBe(true);
          expect(c.edges.some((e) => e[0] === last && e[1] !== last && (fairTo(c.fair, e) || fairTo(c.strongFair, e))), where).toBe(false);
        } else {
          expect(r.ending, where).toBe('dead-end');
          expect(c.edges.some(([f]) => f === last), where).toBe(false);
        }
        continue;
      }
      expect(r.ending, where).toBe('cycle');
      // The cycle closes and is fair on its own.
      expect(states[states.length - 1], where).toBe(states[r.loopsTo]);
      expect(states.length - 1, where).toBeGreaterThan(r.loopsTo);
      const cycleStates = states.slice(r.loopsTo);
      // Steps that change the state take their action; a self-loop takes nothing.
      const taken = new Set(r.trace.slice(r.loopsTo + 1).filter((s, i) => s.state !== cycleStates[i]).map((s) => s.action));
      const enabled = (s: number) => new Set(c.edges.filter(([f, t]) => f === s && t !== s).map(labelOf));
      for (const e of c.edges) {
        const a = labelOf(e);
        if (taken.has(a)) continue;
        if (fairTo(c.strongFair, e)) expect(cycleStates.some((s) => enabled(s).has(a)), `${where}: ${a} strongly fair`).toBe(false);
        if (fairTo(c.fair, e)) expect(cycleStates.every((s) => enabled(s).has(a)), `${where}: ${a} weakly fair`).toBe(false);
      }
    }
    // The sample must exercise both answers to mean anything.
    expect(violations).toBeGreaterThan(500);
    expect(violations).toBeLessThan(2700);
  });
});
