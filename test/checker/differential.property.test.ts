/**
 * kripke against a plain reference search, on random models whose states come
 * in many spellings (test/support/random-models.ts): the verdict, the figures
 * (states, transitions, depth), the length of the shortest trace and the trace
 * itself, with fingerprints and with exact keys; liveness against the
 * brute-force oracle, with the lasso checked step by step. Many models run one
 * after another in this one process, so every cache carries over from model
 * to model.
 *
 * Seeded: a failure prints its seed and a shrunk plan. `KRIPKE_PROPERTY_SEED`
 * reruns one seed, `KRIPKE_PROPERTY_RUNS` scales the runs.
 */
import fc from 'fast-check';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { check, checkLiveness, defineModel, StateShapeError, type Fairness, type LivenessQuery } from '../../src/index.js';
import { expectAgreement, reachableLabels, type Case, type Edge } from '../support/liveness-oracle.js';
import { decode, hasStep, modelOf, plans, referenceSearch, render, type Rendered } from '../support/random-models.js';
import { FLAWS, spellings } from '../support/spellings.js';

const seed = Number(process.env.KRIPKE_PROPERTY_SEED ?? 20261126);
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.KRIPKE_PROPERTY_RUNS ?? 1)));

describe('safety: kripke agrees with a reference search on random models in many spellings', () => {
  it.each([false, true])('exact: %s', (exact) => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(plans({ flaws: true }), (plan) => {
        const want = referenceSearch(plan);
        const r = check(modelOf(plan), { exact });
        kinds.add(r.kind);
        expect(r.kind).toBe(want.kind);
        if (want.kind === 'ok') {
          expect([r.stats.states, r.stats.transitions, r.stats.depth]).toEqual([want.states, want.transitions, want.depth]);
          return;
        }
        // The shortest trace, step by step a real step of the plan.
        expect(r.trace.length).toBe(want.steps + 1);
        const ids = r.trace.map((s) => decode(s.state));
        expect(plan.inits).toContain(ids[0]);
        for (let k = 1; k < ids.length; k++) expect(hasStep(plan, ids[k - 1], ids[k], r.trace[k].action!)).toBe(true);
        const last = ids[ids.length - 1];
        if (want.kind === 'invariant') expect(plan.bad).toContain(last);
        if (want.kind === 'deadlock') expect(plan.actions.every((a) => a.table[last].every((t) => t === null))).toBe(true);
        if (want.kind === 'error') {
          expect(r.error).toBeInstanceOf(StateShapeError);
          expect((r.error as Error).message).toContain(FLAWS[plan.flaw!.kind].says);
        }
      }),
      { seed, numRuns: runs(400), endOnFailure: false },
    );
    // The sample exercises every answer.
    expect([...kinds].sort()).toEqual(['deadlock', 'error', 'invariant', 'ok']);
  });

  it('the same model, checked twice in one process and in both modes, gives the same trace', () => {
    fc.assert(
      fc.property(plans(), (plan) => {
        const model = modelOf(plan);
        const a = check(model);
        const b = check(model, { exact: true });
        const c = check(model);
        expect(b.trace.map((s) => s.action)).toEqual(a.trace.map((s) => s.action));
        expect(c.trace.map((s) => s.action)).toEqual(a.trace.map((s) => s.action));
        expect(b.coverage).toEqual(a.coverage);
      }),
      { seed, numRuns: runs(150), endOnFailure: false },
    );
  });
});

/** A random graph for the oracle, its states rendered in many spellings and its choices as records `{ by, to }`. */
const cases: fc.Arbitrary<Case & { spell: number }> = fc.oneof(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 6 })).chain((n) => {
  const node = fc.integer({ min: 0, max: n - 1 });
  const edges = fc.uniqueArray(fc.tuple(node, node, fc.constantFrom('a', 'b', 'c')), { maxLength: 9, selector: (e) => e.join() });
  const flags = fc.array(fc.boolean(), { minLength: n, maxLength: n });
  return edges.chain((es) => {
    const labels = es.map((e) => `${e[2]}({by:${e[2]},to:${e[1]}})`);
    const fairness: fc.Arbitrary<Fairness | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.constant('all' as const),
      fc.subarray(['a', 'b', 'c', ...labels], { maxLength: 3 }),
      // One choice on its own is where telling choices apart matters most.
      fc.subarray(labels, { minLength: Math.min(1, labels.length), maxLength: Math.min(2, labels.length) }),
      // Groups fair as one, beside single names.
      fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.subarray(['a', 'b', 'c', ...labels], { minLength: 1, maxLength: 3 }).map((g) => g as [string, ...string[]])), { minLength: 1, maxLength: 3 }),
    );
    return fc.record({
      n: fc.constant(n),
      inits: fc.constantFrom([0], [0, 1]),
      edges: fc.constant(es as Edge[]),
      goal: flags,
      from: fc.option(flags, { nil: undefined }),
      fair: fairness,
      strongFair: fairness,
      stuttering: fc.boolean(),
      form: fc.constantFrom(undefined, 'infinitelyOften' as const, 'eventuallyAlways' as const),
      spell: fc.integer(),
    }).map(({ form, ...c }): Case & { spell: number } => ({ ...c, inits: [...c.inits], ...(form === undefined ? {} : { form, from: undefined }) }));
  });
});

describe('liveness: kripke agrees with the oracle on random graphs in many spellings', () => {
  it('verdict, shortest prefix, and a real, fair lasso', () => {
    let violations = 0;
    let total = 0;
    fc.assert(
      fc.property(cases, (c) => {
        const label = (e: Edge) => `${e[2]}({by:${e[2]},to:${e[1]}})`;
        const model = defineModel<Rendered>({
          name: 'graph',
          initStates: c.inits.map((s) => render(s, c.spell + s)),
          actions: Object.fromEntries(
            ['a', 'b', 'c'].map((name) => [
              name,
              {
                // The choice { by, to }, spelled anew in each state: key order, extra undefined keys, other realms.
                choices: (s: Rendered) =>
                  c.edges.filter(([f, , x]) => f === decode(s) && x === name).map(([, t]) => spelled({ by: name, to: t }, c.spell ^ decode(s))),
                apply: (s: Rendered, ch: { by: string; to: number }) => render(ch.to, c.spell + ch.to + decode(s), s),
              },
            ]),
          ),
        });
        const predicate = (s: Rendered) => c.goal[decode(s)];
        const query = {
          ...(c.form === undefined ? { goal: predicate } : { [c.form]: predicate }),
          ...(c.from === undefined ? {} : { from: (s: Rendered) => c.from![decode(s)] }),
          ...(c.fair === undefined ? {} : { fair: c.fair }),
          ...(c.strongFair === undefined ? {} : { strongFair: c.strongFair }),
          stuttering: c.stuttering,
        };
        const withLabels = { ...c, label };
        const unknown = [c.fair, c.strongFair].flatMap((l) => (Array.isArray(l) ? l.flat() : [])).find((n) => n.includes('(') && !reachableLabels(withLabels).has(n));
        const asked = query as LivenessQuery<Rendered>;
        if (unknown !== undefined) {
          expect(() => checkLiveness(model, asked)).toThrow(`no reachable state enables '${unknown}'`);
          return;
        }
        total++;
        for (const exact of [false, true]) {
          if (expectAgreement(withLabels, checkLiveness(model, asked, { exact }), JSON.stringify(c), decode)) violations += exact ? 0 : 1;
        }
      }),
      { seed, numRuns: runs(1000), endOnFailure: false },
    );
    expect(violations).toBeGreaterThan(total / 10);
    expect(violations).toBeLessThan(total - total / 10);
  });
});

/** A choice record in another spelling: reordered, with an undefined key, or from another realm. */
function spelled(choice: { by: string; to: number }, s: number): unknown {
  const how = spellings(s, ['plain', 'reorder', 'reorder', 'undefined-key', 'foreign'])();
  if (how === 'foreign') return foreign(choice);
  if (how === 'undefined-key') return { note: undefined, ...choice };
  if (how === 'reorder') return { to: choice.to, by: choice.by };
  return { ...choice };
}

const foreign = vm.runInNewContext('(c) => ({ to: c.to, by: c.by })') as (c: { by: string; to: number }) => unknown;
