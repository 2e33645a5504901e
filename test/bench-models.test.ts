/**
 * The benchmark models (bench/models) still count what they are known to
 * count, at sizes small enough for the test run. The bench's own timings stay
 * in `npm run bench`: nothing here is timed.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel } from '../src/index.js';
import { jsonBfs, keyBfs } from '../bench/baselines.mjs';
import { alternatingBit, hanoi, philosophers, puzzle8, twoPhase } from '../bench/models/index.mjs';
import { solved } from '../bench/models/hanoi.mjs';
import { consistentArrangements } from '../bench/models/philosophers.mjs';

const sweep = { maxStates: Infinity, timeout: Infinity };

describe('8-puzzle', () => {
  it('reaches 9!/2 = 181,440 boards from the solved one, with 24 moves per 9 boards', () => {
    const m = puzzle8();
    const r = check(defineModel(m.spec), { ...m.options, ...sweep });
    expect(r.kind).toBe('ok');
    expect(r.stats.states).toBe(181_440);
    expect(r.stats.transitions).toBe((181_440 / 9) * 24);
    // The hardest boards are 31 moves from the goal.
    expect(r.stats.depth).toBe(31);
  });
});

describe('Tower of Hanoi', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('hanoi(%i) has 3^n states and 3^(n+1) − 3 moves', (n) => {
    const m = hanoi(n);
    const r = check(defineModel(m.spec), { ...m.options, ...sweep });
    expect(r.kind).toBe('ok');
    expect(r.stats.states).toBe(3 ** n);
    expect(r.stats.transitions).toBe(3 ** (n + 1) - 3);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('hanoi(%i) is solved in 2^n − 1 moves at the fewest', (n) => {
    const m = hanoi(n);
    const r = check(defineModel({ ...m.spec, invariants: { 'not solved': (s) => !solved(s) } }), sweep);
    expect(r.kind).toBe('invariant');
    expect(r.trace).toHaveLength(2 ** n); // the initial tower, then one step per move
    expect(solved(r.trace[r.trace.length - 1].state)).toBe(true);
    expect(r.trace.slice(1).every((step) => /^move\(\d,\d\)$/.test(step.action ?? ''))).toBe(true);
  });
});

describe("Lamport's TwoPhase", () => {
  it('N=3: 288 states and 1,145 transitions (TLC: 1,146 generated with the initial state), depth 10 (TLC: 11)', () => {
    const m = twoPhase(3);
    const r = check(defineModel(m.spec), { ...m.options, ...sweep });
    expect(r.kind).toBe('ok');
    expect([r.stats.states, r.stats.transitions, r.stats.depth]).toEqual([288, 1_145, 10]);
  });

  it.each([
    [5, 8_832], // Stateright examples/2pc.rs
    [6, 50_816], // the closing comment of TwoPhase.tla
  ])('N=%i: %i states, and the RMs never disagree', (n, states) => {
    const m = twoPhase(n);
    expect(m.expected?.states).toBe(states);
    const r = check(defineModel(m.spec), { ...m.options, ...sweep });
    expect(r.kind).toBe('ok');
    expect(r.stats.states).toBe(states);
  });

  it('commits only with every RM prepared: dropping that guard breaks consistency', () => {
    const m = twoPhase(3);
    const { TMCommit, ...rest } = m.spec.actions;
    const hasty = { ...rest, TMCommit: { apply: TMCommit.apply, enabled: (s: { tmState: string }) => s.tmState === 'init' } };
    const r = check(defineModel({ ...m.spec, actions: hasty }), sweep);
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('consistent');
  });
});

describe('dining philosophers with a resource order', () => {
  it.each([2, 3, 4, 5, 6, 7, 8])('philosophers(%i): every arrangement with no fork held twice, and no deadlock', (n) => {
    const m = philosophers(n);
    const r = check(defineModel(m.spec), { ...m.options, ...sweep });
    expect(r.kind).toBe('ok'); // deadlock detection is on
    expect(r.stats.states).toBe(consistentArrangements(n));
  });

  it('counts arrangements as a brute-force enumeration of all 3^n does', () => {
    const brute = (n: number) => {
      let count = 0;
      for (let code = 0; code < 3 ** n; code++) {
        const held = new Array<number>(n).fill(0);
        for (let i = 0, c = code; i < n; i++, c = Math.floor(c / 3)) {
          const s = c % 3; // 0 thinking, 1 holding its first fork, 2 eating
          const [lo, hi] = [Math.min(i, (i + 1) % n), Math.max(i, (i + 1) % n)];
          if (s >= 1) held[lo]++;
          if (s === 2) held[hi]++;
        }
        if (held.every((h) => h <= 1)) count++;
      }
      return count;
    };
    for (let n = 2; n <= 9; n++) expect(consistentArrangements(n)).toBe(brute(n));
  });
});

describe('alternating-bit protocol', () => {
  it.each([
    [2, 2],
    [3, 3],
    [3, 5],
  ])('%i messages over channels of %i: in order, and every message gets across', (messages, capacity) => {
    const m = alternatingBit(messages, capacity);
    const r = check(defineModel(m.spec), { ...m.options, ...sweep });
    expect(r.kind).toBe('ok');
    expect(r.stats.states).toBe(jsonBfs(m).states); // an independent search agrees
    const done = check(defineModel({ ...m.spec, invariants: { 'not all delivered': (s) => s.delivered.length < messages } }), sweep);
    expect(done.kind).toBe('invariant');
    expect(done.trace[done.trace.length - 1].state.delivered).toEqual([...Array(messages).keys()]);
  });
});

describe('the baselines', () => {
  const small = [
    ['8-puzzle', puzzle8()],
    ['hanoi(6)', hanoi(6)],
    ['two-phase(4)', twoPhase(4)],
    ['philosophers(6)', philosophers(6)],
  ] as const;

  it.each(small)('%s: the JSON and perfect-key searches count what kripke counts (so the keys are perfect)', (_, m) => {
    const r = check(defineModel(m.spec as never), { ...m.options, ...sweep });
    const json = jsonBfs(m as never);
    const key = keyBfs(m as never);
    expect(json).toEqual({ states: r.stats.states, transitions: r.stats.transitions, depth: r.stats.depth });
    expect(key).toEqual(json);
  });

  it('see a broken invariant', () => {
    const m = hanoi(3);
    expect(jsonBfs({ ...m, spec: { ...m.spec, invariants: { 'not solved': (s) => !solved(s) } } }).violation).toBe('not solved');
  });
});
