/**
 * fingerprintBits: 128 (checker/store/wide-store.ts): the same counts as the
 * default 64 bits on the known-answer models, distinct states kept apart even
 * when their 64-bit fingerprints collide, and the messages that name the
 * switches when the collision budget or the store's id cap stops a check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, DEFAULT_OPTIONS, defineModel } from '../../src/index.js';
import { ask } from '../../src/checker/query.js';
import { compose } from '../../src/checker/system.js';
import { incompleteReason } from '../../src/checker/describe.js';
import type { Fingerprinter } from '../../src/checker/store/fingerprint.js';
import { FINGERPRINT_STORE_CAPACITY } from '../../src/checker/store/state-store.js';
import { WideFingerprintStore } from '../../src/checker/store/wide-store.js';
import type { IncompleteResult } from '../../src/checker/types.js';
import { twoPhase } from '../../bench/models/two-phase.mjs';
import { hanoi } from '../known-models/hanoi.js';
import { dieHard } from '../known-models/die-hard.js';

const sweep = { maxStates: Infinity, timeout: Infinity };
/** Every state shares one 64-bit fingerprint. */
const constant: Fingerprinter = {
  bits: 64,
  of(_state, out) {
    out[0] = 7;
    out[1] = 11;
  },
};

describe('fingerprintBits: 128', () => {
  it('counts what 64 bits count: Hanoi 3^n, TwoPhase(3) 288, Die Hard in 6 steps', () => {
    for (const n of [3, 5]) expect(check(hanoi(n), { fingerprintBits: 128 }).stats.states).toBe(3 ** n);
    const tp = twoPhase(3);
    const wide = check(defineModel(tp.spec), { ...tp.options, ...sweep, fingerprintBits: 128 });
    expect([wide.kind, wide.stats.states, wide.stats.transitions]).toEqual(['ok', 288, 1_145]);
    const die = check(dieHard(), { fingerprintBits: 128 });
    expect(die.kind).toBe('invariant');
    expect(die.trace).toHaveLength(7);
    expect(wide.stats.collisionProbability).toBeLessThan(1e-30);
  });

  it('keeps states apart whose 64-bit fingerprints are all the same (property: any set of plain values)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.jsonValue(), { selector: (v) => JSON.stringify(v), maxLength: 30 }), (values) => {
        const store = new WideFingerprintStore(constant);
        const ids = values.map((v) => store.add(v, -1));
        expect(ids).toEqual(values.map((_, i) => i));
        values.forEach((v, i) => {
          expect(store.find(v)).toBe(i);
          expect(store.matches(v, i)).toBe(true);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('a whole check through a colliding 64-bit fingerprint still counts every state', () => {
    const r = ask(compose(hanoi(4)), { kind: 'invariants', deadlock: true }, { ...DEFAULT_OPTIONS, fingerprintBits: 128 }, { fingerprinter: constant });
    expect(r.stats.states).toBe(81);
  });

  it('is refused at any other width', () => {
    expect(() => check(hanoi(2), { fingerprintBits: 96 as never })).toThrow(/fingerprintBits must be 64 or 128/);
  });
});

describe('the messages name the switch', () => {
  const stats = { states: FINGERPRINT_STORE_CAPACITY, transitions: 0, depth: 40, durationMs: 1, collisionProbability: 0 };
  it('the collision budget: fingerprintBits: 128, or exact: true', () => {
    const r = check(hanoi(3), { maxCollisionProbability: 0 });
    expect(r.kind).toBe('incomplete');
    expect(String(r)).toMatch(/rerun with fingerprintBits: 128 \(a wider fingerprint\), or exact: true/);
  });

  it("the store's id cap, by name", () => {
    const r = { ok: false, kind: 'incomplete', budget: 'maxStates', limit: FINGERPRINT_STORE_CAPACITY, stats, trace: [], coverage: [] } as unknown as IncompleteResult<unknown>;
    expect(incompleteReason(r)).toMatch(/^the fingerprint store's cap of 134,217,726 states \(its 27-bit ids\) was reached .*; rerun with exact: true/);
    expect(incompleteReason({ ...r, limit: 1000 } as IncompleteResult<unknown>)).toMatch(/^maxStates budget of 1,000 states ran out/);
  });
});
