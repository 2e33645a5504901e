/**
 * The parallel search against the one-worker search on random models
 * (test/support/random-models.ts): the same verdict, figures, coverage and
 * trace, step for step, with 2 and 3 workers. The workers define each model
 * from its plan through `module`, `export` and `args`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckResult } from '../../src/index.js';
import { parallelTuning } from '../../src/checker/parallel/coordinator.js';
import { plans } from '../support/random-models.js';
import { random } from '../support/worker-models.js';

const MODULE = new URL('../support/worker-models.ts', import.meta.url);
const saved = { ...parallelTuning };
beforeAll(() => {
  parallelTuning.minStates = 0;
  parallelTuning.splitAt = 1;
});
afterAll(() => {
  Object.assign(parallelTuning, saved);
});

function plainOf(r: CheckResult<unknown>): unknown {
  const { durationMs: _d, ...stats } = r.stats;
  return { ...r, stats, trace: r.trace.map((s) => ({ ...s, name: s.name, choice: s.choice })), error: r.error === undefined ? undefined : String(r.error), text: String(r) };
}

describe('workers on random models', () => {
  it('give the one-worker answer exactly', () => {
    let parallel = 0;
    fc.assert(
      fc.property(plans({ maxStates: 40, flaws: true }).filter((p) => p.n >= 10), fc.constantFrom(2, 3), fc.option(fc.integer({ min: 1, max: 30 }), { freq: 3 }), (plan, workers, maxStates) => {
        const options = { deadlock: plan.n % 2 === 0, ...(maxStates === null ? {} : { maxStates }) };
        const one = check(random(plan), options) as CheckResult<unknown>;
        const many = check(random(plan), { ...options, workers, module: MODULE, export: 'random', args: [plan] }) as CheckResult<unknown>;
        expect(plainOf(many)).toEqual(plainOf(one));
        if (many.stats.workers! > 1) parallel++;
      }),
      { numRuns: 25 },
    );
    // Most plans split into the workers' levels (the rest end in the first levels, searched alike).
    expect(parallel).toBeGreaterThan(2);
  });
});
