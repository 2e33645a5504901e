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
import { checkLiveness, defineEnvironment, defineModel, type Fairness, type LivenessQuery, type Model } from '../../src/index.js';
import { type Case, type Edge, expectAgreement, reachableLabels } from '../support/liveness-oracle.js';

const NAMES = ['a', 'b', 'c'];
const ENV = 'k8s:e';

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

/** The case's environment edges as the behavior `e` of environment `k8s` (labels `k8s:e(to)`). */
function environmentOf(c: Case) {
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

describe('checkLiveness agrees with a brute-force oracle on random graphs', () => {
  it('on 5,000 graphs: same verdict, shortest prefix, and a fair lasso, for ◇goal, from ⤳ goal, □◇P and ◇□P, with groups and environments', () => {
    const rnd = random(20260601);
    let violations = 0;
    const forms = { eventually: [0, 0], infinitelyOften: [0, 0], eventuallyAlways: [0, 0] };
    for (let i = 0; i < 5000; i++) {
      const c = randomCase(rnd);
      const model = modelOf(c);
      const predicate = (s: number) => c.goal[s];
      const query = {
        ...(c.form === undefined ? { goal: predicate } : { [c.form]: predicate }),
        ...(c.from === undefined ? {} : { from: (s: number) => c.from![s] }),
        ...(c.fair === undefined ? {} : { fair: c.fair }),
        ...(c.strongFair === undefined ? {} : { strongFair: c.strongFair }),
        ...(c.edges.some((e) => e[2] === ENV) ? { environments: [environmentOf(c)] } : {}),
        stuttering: c.stuttering,
      };
      // A choice named in fairness that no reachable state enables is a usage error, never silently unfair.
      const unknown = [c.fair, c.strongFair].flatMap((l) => (Array.isArray(l) ? l.flat() : [])).find((name) => name.includes('(') && !reachableLabels(c).has(name));
      if (unknown !== undefined) {
        expect(() => checkLiveness(model, query as LivenessQuery<number>), `case ${i}`).toThrow(`no reachable state enables '${unknown}'`);
        continue;
      }
      const r = checkLiveness(model, query as LivenessQuery<number>);
      const bad = expectAgreement(c, r, `case ${i}: ${JSON.stringify(c)}`, (x) => x as number);
      if (bad) violations++;
      forms[c.form ?? 'eventually'][bad ? 1 : 0]++;
    }
    // The sample must exercise both answers, in every form, to mean anything.
    expect(violations).toBeGreaterThan(800);
    expect(violations).toBeLessThan(4500);
    for (const [form, [held, broken]] of Object.entries(forms)) {
      expect(held, `${form} held`).toBeGreaterThan(150);
      expect(broken, `${form} broken`).toBeGreaterThan(150);
    }
  });
});
