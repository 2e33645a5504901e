/**
 * Fingerprints can collide: two distinct states share one, and the second is
 * never explored. A deliberately weak fingerprint (a few bits of the real one)
 * makes that happen on small models, to show that a collision never buys a
 * pass: the check finds the problem anyway or ends incomplete with budget
 * 'collisionProbability'. And exact: true (no fingerprints at all) must agree
 * with fingerprints on the known-answer models.
 */
import { describe, expect, it } from 'vitest';
import { check, DEFAULT_OPTIONS, defineModel, type CheckResult, type Model } from '../../src/index.js';
import { ask } from '../../src/checker/query.js';
import { compose } from '../../src/checker/system.js';
import { partsOf } from '../../src/model/define-model.js';
import { fingerprint64, type Fingerprinter } from '../../src/checker/store/fingerprint.js';
import { dieHard } from '../known-models/die-hard.js';
import { eightPuzzle } from '../known-models/eight-puzzle.js';
import { hanoi } from '../known-models/hanoi.js';
import { philosophers } from '../known-models/philosophers.js';

/** `bits` bits of the real fingerprint, shuffled by `salt` so that different states collide per salt. */
function weak(bits: number, salt: number): Fingerprinter {
  const mask = bits >= 32 ? -1 : (1 << bits) - 1;
  return {
    bits,
    of(state, out) {
      fingerprint64.of(state, out);
      out[0] = (Math.imul(out[0] ^ salt, 0x9e3779b1) >>> (32 - bits)) & mask;
      out[1] = 0;
    },
  };
}

function checkWith<S>(model: Model<S>, fingerprinter: Fingerprinter): CheckResult<S> {
  return ask(compose(model), { kind: 'invariants', deadlock: true }, DEFAULT_OPTIONS, { fingerprinter });
}

const counter = defineModel<number>({
  name: 'counter',
  init: 0,
  actions: { inc: { enabled: (s) => s < 300, apply: (s) => s + 1 }, reset: { enabled: (s) => s > 0, apply: () => 0 } },
  invariants: { 'below-250': (s) => s < 250 },
});

const failing: [string, Model<any>][] = [
  ['die hard', dieHard()],
  ['hanoi(3), not solved', hanoi(3, { goal: true })],
  ['hanoi(5), not solved', hanoi(5, { goal: true })],
  ['philosophers(3), left first', philosophers(3, 'left-first')],
  ['philosophers(4), left first', philosophers(4, 'left-first')],
  ['a counter that passes 250', counter],
];

describe('a weak fingerprint', () => {
  it('really loses states: the injected fingerprinter is used', () => {
    const r = checkWith(hanoi(4), weak(4, 1));
    expect(r.stats.states).toBeLessThanOrEqual(16);
    expect(r.stats.states).toBeLessThan(81);
  });

  it.each(failing)('never turns a failing model (%s) into a pass', (_name, model) => {
    const exact = check(model, { exact: true });
    expect(exact.ok).toBe(false);
    const outcomes = new Set<string>();
    for (let bits = 1; bits <= 16; bits++) {
      for (let salt = 0; salt < 8; salt++) {
        const r = checkWith(model, weak(bits, salt * 0x3c6ef372));
        expect(r.ok).toBe(false);
        if (r.kind === 'incomplete') {
          expect(r.budget).toBe('collisionProbability');
          expect(r.stats.collisionProbability).toBeGreaterThan(DEFAULT_OPTIONS.maxCollisionProbability);
        } else {
          expect(r.kind).toBe(exact.kind);
          // A violation it does report is real: the trace ends in a state that shows it.
          const last = r.trace.at(-1)!.state;
          if (r.kind === 'invariant') expect(partsOf(model).invariants.find((p) => p.name === r.invariant)!.test(last)).toBe(false);
          if (r.kind === 'deadlock') expect(partsOf(model).transitions.some((t) => t.enabled?.(last) ?? true)).toBe(false);
          // Lost states can only make the path longer, never shorter than the shortest.
          expect(r.trace.length).toBeGreaterThanOrEqual(exact.trace.length);
        }
        outcomes.add(r.kind);
      }
    }
    // The sweep saw collisions end the check incomplete, and some runs still found the problem.
    expect(outcomes).toContain('incomplete');
    expect(outcomes).toContain(exact.kind);
  });

  it('with every bit of the real fingerprint behaves as the default', () => {
    const full: Fingerprinter = { bits: 64, of: fingerprint64.of };
    const r = checkWith(hanoi(4), full);
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(81);
  });
});

describe('exact: true', () => {
  const models: [string, Model<any>][] = [
    ['hanoi(5)', hanoi(5)],
    ['hanoi(4), not solved', hanoi(4, { goal: true })],
    ['die hard', dieHard()],
    ['die hard without the bomb', dieHard({ bomb: false })],
    ['philosophers(4), left first', philosophers(4, 'left-first')],
    ['philosophers(4), ordered', philosophers(4, 'ordered')],
    ['the 8-puzzle', eightPuzzle()],
  ];
  it.each(models)('gives the same answer as fingerprints on %s', (_name, model) => {
    const fp = check(model);
    const exact = check(model, { exact: true });
    expect(exact.kind).toBe(fp.kind);
    expect(exact.invariant).toBe(fp.invariant);
    expect(exact.trace).toEqual(fp.trace);
    expect(exact.coverage).toEqual(fp.coverage);
    expect([exact.stats.states, exact.stats.transitions, exact.stats.depth]).toEqual([fp.stats.states, fp.stats.transitions, fp.stats.depth]);
    expect(exact.stats.collisionProbability).toBe(0);
    expect(String(exact)).toBe(String(fp));
  });
});

// Second review, item 4: the fingerprint is not collision-resistant against crafted
// values, and the guide says so with this very pair. exact: true is the answer.
describe('a pair of states crafted to collide', () => {
  const P = [7768, -2024601862];
  const Q = [64578, -620021729];

  it('shares one fingerprint, as docs/guide.md says', () => {
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    fingerprint64.of(P, a);
    fingerprint64.of(Q, b);
    expect([...a]).toEqual([...b]);
  });

  it('is told apart by exact: true', () => {
    const m = defineModel({
      name: 'crafted',
      init: { n: 0, v: [] as number[] },
      actions: {
        p: { enabled: (s) => s.n === 0, apply: () => ({ n: 1, v: P }) },
        q: { enabled: (s) => s.n === 0, apply: () => ({ n: 1, v: Q }) },
      },
      invariants: { 'never Q': (s) => s.v[0] !== Q[0] },
      terminal: () => true,
    });
    expect(check(m, { exact: true })).toMatchObject({ kind: 'invariant', invariant: 'never Q' });
  });
});
