/**
 * replayTrace judges a saved lasso by itself, against the brute-force oracle
 * of test/support/liveness-oracle.ts, on random graphs with every form,
 * fairness (names, single choices, groups, 'all', strong), stuttering and
 * environments:
 *
 * - the check's own lasso always reproduces, also on the same model with its
 *   actions and choices in reverse order, where the check may return another,
 *   equally short lasso (it was `unverified` then: a false red);
 * - on a changed model (the goal, fairness or stuttering redrawn), a lasso
 *   that reproduces is a counterexample there: the oracle finds a fair path
 *   that breaks the property (never a lasso judged a counterexample where none exists);
 * - and a lasso reproduces on the changed model exactly when a textbook
 *   judge of that one lasso (lassoBreaks, sharing no code with kripke) says it
 *   is a counterexample there.
 */
import { describe, expect, it } from 'vitest';
import { checkLiveness, replayTrace, toITF, type LivenessSpec, type Model } from '../../src/index.js';
import { type Case, ENV, environmentOf, lassoBreaks, modelOf, NAMES, oracle, random, randomCase, reachableLabels } from '../support/liveness-oracle.js';

const j = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function specOf(c: Case): LivenessSpec<number> {
  const predicate = (s: number) => c.goal[s];
  return {
    ...(c.form === undefined ? { goal: predicate } : { [c.form]: predicate }),
    ...(c.from === undefined ? {} : { from: (s: number) => c.from![s] }),
    ...(c.fair === undefined ? {} : { fair: c.fair }),
    ...(c.strongFair === undefined ? {} : { strongFair: c.strongFair }),
    stuttering: c.stuttering,
  } as LivenessSpec<number>;
}

/** The case's fairness names a choice no reachable state enables (a usage error, tested elsewhere). */
const unknownChoice = (c: Case) => [c.fair, c.strongFair].flatMap((l) => (Array.isArray(l) ? l.flat() : [])).some((name) => name.includes('(') && !reachableLabels(c).has(name));

const withEnv = (c: Case) => (c.edges.some((e) => e[2] === ENV) ? { environments: [environmentOf(c)] } : {});

function declared(c: Case, order: readonly string[] = NAMES): Model<number> {
  return modelOf(c, { p: specOf(c) }, order);
}

describe('a saved lasso is judged by itself', () => {
  it('on 3,000 random graphs: the check\'s own lasso reproduces, on the model and with its actions reversed; a changed model reproduces it only where the oracle finds a counterexample', () => {
    const rnd = random(20261127);
    let lassos = 0;
    let swapped = 0;
    const judged = { reproduced: 0, not: 0 };
    for (let i = 0; i < 3000; i++) {
      const c = randomCase(rnd);
      if (unknownChoice(c)) continue;
      const where = `case ${i}: ${JSON.stringify(c)}`;
      const model = declared(c);
      const r = checkLiveness(model, { goal: 'p', ...withEnv(c) });
      if (r.kind !== 'liveness') continue;
      lassos++;
      const saved = j(toITF(r));
      expect(replayTrace(model, saved, withEnv(c)), where).toMatchObject({ reproduced: true });

      const reversed = declared(c, [...NAMES].reverse());
      const r2 = checkLiveness(reversed, { goal: 'p', ...withEnv(c) });
      expect(r2.kind, where).toBe('liveness');
      if (JSON.stringify(r2.trace) !== JSON.stringify(r.trace)) swapped++;
      expect(replayTrace(reversed, saved, withEnv(c)), `${where}: the first lasso, on the reversed model`).toMatchObject({ reproduced: true });
      expect(replayTrace(model, j(toITF(r2)), withEnv(c)), `${where}: the reversed model's lasso, on the model`).toMatchObject({ reproduced: true });

      // The same graph, another property: the goal, the fairness or stuttering redrawn.
      const other = randomCase(rnd);
      const changed: Case = { ...c, goal: c.goal.map((g) => (rnd() < 0.3 ? !g : g)), fair: other.fair, strongFair: other.strongFair, stuttering: other.stuttering };
      if (unknownChoice(changed)) continue;
      const replayed = replayTrace(declared(changed), saved, withEnv(c));
      expect(replayed.unverified, where).toBeUndefined();
      const want = lassoBreaks(changed, r.trace.map((s) => s.state), r.loopsTo);
      expect(replayed.reproduced, `${where}: on ${JSON.stringify(changed)}: ${replayed.reason}`).toBe(want);
      if (replayed.reproduced) {
        judged.reproduced++;
        expect(oracle(changed), `${where}: reproduces on ${JSON.stringify(changed)} (${replayed.reason}), where no counterexample exists`).toBeDefined();
      } else {
        judged.not++;
        expect(replayed.reason, where).toMatch(/^the lasso replays, but it no longer breaks p: /);
      }
    }
    // The sample must exercise what it claims to.
    expect(lassos).toBeGreaterThan(800);
    expect(swapped).toBeGreaterThan(50);
    expect(judged.reproduced).toBeGreaterThan(100);
    expect(judged.not).toBeGreaterThan(100);
  });
});
