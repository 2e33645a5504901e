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
import { checkLiveness, type LivenessQuery } from '../../src/index.js';
import { ENV, environmentOf, expectAgreement, modelOf, random, randomCase, reachableLabels } from '../support/liveness-oracle.js';

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
