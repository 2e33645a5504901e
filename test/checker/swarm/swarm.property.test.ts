/**
 * swarm() against the reference search on random models in many spellings
 * (test/support/random-models.ts): whatever a member reports is real (each
 * step a step of the plan, the last state breaking what the result says), a
 * trace proven shortest has the reference's length, and a model without
 * problems never passes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swarm } from '../../../src/index.js';
import { decode, hasStep, modelOf, plans, referenceSearch } from '../../support/random-models.js';

const seed = Number(process.env.KRIPKE_PROPERTY_SEED ?? 20261126);
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.KRIPKE_PROPERTY_RUNS ?? 1)));

describe('swarm on random models', () => {
  it.each(['bitstate', 'random'] as const)('%s: every problem reported is real, and as short as the reference once proven shortest', (mode) => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(plans({ flaws: true }), fc.nat(1000), (plan, member) => {
        const want = referenceSearch(plan);
        const r = swarm(modelOf(plan), { mode, seed: member, maxStates: mode === 'random' ? 300 : 2_000, maxDepth: 60, bitstateBits: 2 ** 16 });
        kinds.add(r.kind);
        expect(r.ok).toBe(false);
        if (want.kind === 'ok') {
          expect(r.kind).toBe('incomplete');
          return;
        }
        if (r.kind === 'incomplete') return; // a member may miss a problem: it says so, it never passes
        const ids = r.trace.map((s) => decode(s.state));
        expect(plan.inits).toContain(ids[0]);
        for (let k = 1; k < ids.length; k++) expect(hasStep(plan, ids[k - 1], ids[k], r.trace[k].action!)).toBe(true);
        const last = ids[ids.length - 1];
        if (r.kind === 'invariant') expect(plan.bad).toContain(last);
        if (r.kind === 'deadlock') expect(plan.actions.every((a) => a.table[last].every((t) => t === null))).toBe(true);
        if (r.kind === 'error') expect(plan.actions.some((a) => a.table[last].includes(plan.flaw!.into))).toBe(true);
        expect(r.shortest).toBe(true); // small models: the bounded breadth-first search always completes
        expect(r.trace.length).toBe(want.steps + 1);
      }),
      { seed, numRuns: runs(300), endOnFailure: false },
    );
    expect([...kinds].sort()).toEqual(['deadlock', 'error', 'incomplete', 'invariant']);
  });

  it('shrinking without the proof (a minimisation budget of one state): the trace stays real, never shorter than the reference', () => {
    let shrunk = 0;
    fc.assert(
      fc.property(plans({ flaws: true }), fc.nat(1000), (plan, member) => {
        const want = referenceSearch(plan);
        const r = swarm(modelOf(plan), { seed: member, maxStates: 2_000, bitstateBits: 2 ** 16, minimise: { maxStates: 1 } });
        if (r.kind === 'incomplete') return;
        const ids = r.trace.map((s) => decode(s.state));
        expect(plan.inits).toContain(ids[0]);
        for (let k = 1; k < ids.length; k++) expect(hasStep(plan, ids[k - 1], ids[k], r.trace[k].action!)).toBe(true);
        const last = ids[ids.length - 1];
        if (r.kind === 'invariant') expect(plan.bad).toContain(last);
        if (r.kind === 'deadlock') expect(plan.actions.every((a) => a.table[last].every((t) => t === null))).toBe(true);
        expect(r.trace.length).toBeGreaterThanOrEqual(want.steps + 1);
        if (r.shortest) expect(r.trace.length).toBe(want.steps + 1);
        if (r.minimised.method === 'shrinking') shrunk++;
      }),
      { seed, numRuns: runs(300), endOnFailure: false },
    );
    expect(shrunk).toBeGreaterThan(0);
  });
});
