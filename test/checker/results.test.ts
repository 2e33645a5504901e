import { describe, expect, it } from 'vitest';
import { check, checkOpen, defineEnvironment, defineModel } from '../../src/index.js';

type Bits = { a: 0 | 1; b: 0 | 1 };

/**
 * Worked by hand:
 *   (0,0) --flipA--> (1,0)
 *   (1,0) --flipA--> (0,0), --flipB--> (1,1)
 *   (1,1) --flipA--> (0,1), --flipB--> (1,0)
 *   (0,1) --flipA--> (1,1)
 * 4 states, 6 transitions; (0,1) is 3 steps from (0,0), the farthest.
 * flipA fires in all 4 states and finds 2 new ones ((1,0), (0,1)); flipB fires in 2 and finds 1 ((1,1)).
 */
const bits = defineModel<Bits>({
  name: 'bits',
  init: { a: 0, b: 0 },
  actions: {
    flipA: { apply: (s) => ({ ...s, a: s.a === 0 ? 1 : 0 }) },
    flipB: { enabled: (s) => s.a === 1, apply: (s) => ({ ...s, b: s.b === 0 ? 1 : 0 }) },
    never: { enabled: () => false, apply: (s) => s },
  },
});

describe('a passing result', () => {
  const r = check(bits);

  it('has exact stats', () => {
    expect(r.ok).toBe(true);
    expect(r.kind).toBe('ok');
    expect(r.stats).toMatchObject({ states: 4, transitions: 6, depth: 3 });
    expect(r.trace).toEqual([]);
    expect(r.invariant).toBeUndefined();
    expect(r.error).toBeUndefined();
    expect(r.budget).toBeUndefined();
  });

  it('reports coverage per action, in declaration order, with 0 for an action that never fires', () => {
    expect(r.coverage).toEqual([
      { action: 'flipA', enabled: 4, newStates: 2 },
      { action: 'flipB', enabled: 2, newStates: 1 },
      { action: 'never', enabled: 0, newStates: 0 },
    ]);
  });

  it('reads as one line', () => {
    expect(String(r)).toBe('OK — 4 states, no violations');
    expect(`${check(defineModel({ init: 0, actions: { stay: { apply: (s: number) => s } } }))}`).toBe('OK — 1 state, no violations');
  });

  it('has a non-enumerable toString, so that it compares and serialises as data', () => {
    expect(Object.keys(r)).not.toContain('toString');
    expect(JSON.parse(JSON.stringify(r)).stats.states).toBe(4);
  });

  it('estimates the fingerprint collision probability from states and duplicates, and 0 when exact', () => {
    // 4 states, 6 transitions + 1 initial state generated: 3 duplicates.
    expect(r.stats.collisionProbability).toBe((4 * 3) / 2 ** 64);
    expect(check(bits, { exact: true }).stats.collisionProbability).toBe(0);
  });
});

describe('a failing result', () => {
  const r = check(defineModel<Bits>({ ...bitsSpec(), invariants: { 'never-both': (s) => !(s.a === 1 && s.b === 1) } }));

  it('starts its trace at the initial state with action null, and ends at the violation', () => {
    expect(r.ok).toBe(false);
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('never-both');
    expect(r.trace).toEqual([
      { action: null, state: { a: 0, b: 0 } },
      { action: 'flipA', state: { a: 1, b: 0 } },
      { action: 'flipB', state: { a: 1, b: 1 } },
    ]);
  });

  it('counts what was explored before it stopped', () => {
    // (0,0), (1,0) expanded and stored (1,1); (1,1) is the first state of level 2 and fails when expanded.
    expect(r.stats).toMatchObject({ states: 3, transitions: 3, depth: 2 });
  });
});

describe('toString', () => {
  it.each([
    ['invariant', () => check(defineModel({ init: 0, actions: { inc: { apply: (s: number) => s + 1 } }, invariants: { 'below-2': (s: number) => s < 2 } })), "invariant 'below-2' violated after 2 steps"],
    ['deadlock', () => check(defineModel({ init: 0, actions: { inc: { enabled: (s: number) => s < 1, apply: (s: number) => s + 1 } } })), 'deadlock after 1 step: no action is enabled and the state is not terminal'],
    ['error', () => check(defineModel({ init: 0, actions: { inc: { apply: (s: number) => { if (s === 1) throw new RangeError('too far'); return s + 1; } } } })), "error in action 'inc' after 1 step: RangeError: too far"],
    ['error that is not an Error', () => check(defineModel({ init: 0, actions: { inc: { apply: () => { throw 'plain string'; } } } })), `error in action 'inc' after 0 steps: "plain string"`],
    ['maxStates', () => check(defineModel({ init: 0, actions: { inc: { apply: (s: number) => s + 1 } } }), { maxStates: 10 }), 'incomplete — maxStates budget of 10 states ran out after 10 states, 9 steps deep'],
    ['maxStates of 1', () => check(defineModel({ init: 0, actions: { inc: { apply: (s: number) => s + 1 } } }), { maxStates: 1 }), 'incomplete — maxStates budget of 1 state ran out after 1 state, 0 steps deep'],
    ['maxDepth', () => check(defineModel({ init: 0, actions: { inc: { apply: (s: number) => s + 1 } } }), { maxDepth: 5 }), 'incomplete — maxDepth budget of 5 steps cut the search after 6 states, 5 steps deep'],
    ['collisionProbability', () => check(defineModel({ init: 0, actions: { flip: { apply: (s: number) => 1 - s } } }), { maxCollisionProbability: 0 }), 'incomplete — estimated fingerprint collision probability 1.1e-19 exceeds maxCollisionProbability 0 after 2 states, 1 step deep; rerun with fingerprintBits: 128 (a wider fingerprint), or exact: true (no fingerprints at all)'],
  ])('%s', (_n, run, line) => {
    expect(String(run())).toBe(line);
  });

  it('names a broken guarantee and its environment, and an open result adds its obligations', () => {
    const env = defineEnvironment<number>({
      name: 'chaos',
      behaviors: { bump: { apply: (s) => s + 10 } },
      guarantees: { 'stays-small': (s) => s < 10 },
      assumptions: { a: { description: 'one' }, b: { description: 'two', status: 'verified' } },
    });
    const open = checkOpen(defineModel({ init: 0, actions: { stay: { apply: (s: number) => s } } }), env);
    expect(String(open.result)).toBe("guarantee 'stays-small' of environment 'chaos' violated after 1 step");
    expect(String(open)).toBe("guarantee 'stays-small' of environment 'chaos' violated after 1 step; 1 unverified assumption");
  });
});

function bitsSpec() {
  return {
    init: { a: 0, b: 0 } as Bits,
    actions: {
      flipA: { apply: (s: Bits): Bits => ({ ...s, a: s.a === 0 ? 1 : 0 }) },
      flipB: { enabled: (s: Bits) => s.a === 1, apply: (s: Bits): Bits => ({ ...s, b: s.b === 0 ? 1 : 0 }) },
    },
  };
}
