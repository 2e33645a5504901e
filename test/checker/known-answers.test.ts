/**
 * Models whose answers are known from outside kripke: the figures are formulas
 * (3^n, 2^n − 1, 9!/2) or classic results, and a naive reference explorer
 * (test/known-models/reference.ts) confirms each count independently.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { dieHard } from '../known-models/die-hard.js';
import { eightPuzzle, GOAL } from '../known-models/eight-puzzle.js';
import { hanoi, type Pegs } from '../known-models/hanoi.js';
import { philosophers } from '../known-models/philosophers.js';
import { explore } from '../known-models/reference.js';
import { partsOf } from '../../src/model/define-model.js';

describe('Tower of Hanoi', () => {
  const sizes = [1, 2, 3, 4, 5, 6];

  it.each(sizes)('with %i disks has 3^n states, 3^(n+1) − 3 transitions and depth 2^n − 1', (n) => {
    const r = check(hanoi(n));
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(3 ** n);
    // The three states with every disk on one peg allow 2 moves; every other state allows 3.
    expect(r.stats.transitions).toBe(3 * 2 + (3 ** n - 3) * 3);
    expect(r.stats.depth).toBe(2 ** n - 1);
    expect(explore(hanoi(n))).toMatchObject({ states: r.stats.states, transitions: r.stats.transitions, depth: r.stats.depth });
  });

  it.each(sizes)('with %i disks is solved in 2^n − 1 moves, the length of the counterexample to "not solved"', (n) => {
    const r = check(hanoi(n, { goal: true }));
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('not-solved');
    expect(r.trace.length - 1).toBe(2 ** n - 1);
    // The trace is a real solution: each step moves one top disk onto a larger one, and it ends solved.
    for (let k = 1; k < r.trace.length; k++) {
      const [from, to] = /^move\((\d),(\d)\)$/.exec(r.trace[k].action!)!.slice(1).map(Number);
      const before: Pegs = r.trace[k - 1].state;
      const disk = before.pegs[from].at(-1)!;
      expect(disk).toBeDefined();
      expect(before.pegs[to].at(-1) ?? Infinity).toBeGreaterThan(disk);
      expect(r.trace[k].state.pegs[to].at(-1)).toBe(disk);
    }
    expect(r.trace.at(-1)!.state.pegs[2]).toEqual(Array.from({ length: n }, (_, i) => n - i));
  });
});

describe('the 8-puzzle', () => {
  it('reaches 181,440 = 9!/2 arrangements from the goal, the farthest 31 moves away', () => {
    const r = check(eightPuzzle());
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(181_440);
    expect(r.stats.depth).toBe(31);
    // 20,160 states per blank position; the blank has 2 moves in a corner, 3 on an edge, 4 in the centre.
    expect(r.stats.transitions).toBe(20_160 * (4 * 2 + 4 * 3 + 1 * 4));
    expect(String(r)).toBe('OK — 181,440 states, no violations');
    expect(partsOf(eightPuzzle()).initStates[0]).toEqual(GOAL);
  });
});

describe('Die Hard jugs', () => {
  it('measures 4 gallons in 6 steps, and the trace is the recipe', () => {
    const r = check(dieHard());
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('big-jug-is-not-4');
    expect(r.trace.length - 1).toBe(6);
    expect(r.trace.at(-1)!.state.big).toBe(4);
    expect(r.trace.map((s) => s.action)).toEqual([
      null,
      'fill-big',
      'big-to-small',
      'empty-small',
      'big-to-small',
      'fill-big',
      'big-to-small',
    ]);
    expect(String(r)).toBe("invariant 'big-jug-is-not-4' violated after 6 steps");
    expect(explore(dieHard()).firstProblem).toEqual({ kind: 'invariant', steps: 6 });
  });

  it('has 16 reachable states: one jug empty or full (2·6 + 2·2)', () => {
    const r = check(dieHard({ bomb: false }));
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(16);
    expect(explore(dieHard({ bomb: false })).states).toBe(16);
  });
});

describe('dining philosophers', () => {
  it.each([2, 3, 4, 5])('left-then-right deadlocks after %i steps, every philosopher holding one fork', (n) => {
    const r = check(philosophers(n, 'left-first'));
    expect(r.kind).toBe('deadlock');
    expect(r.trace.length - 1).toBe(n);
    expect(r.trace.at(-1)!.state).toEqual({ forks: Array.from({ length: n }, (_, p) => p), holding: Array(n).fill(1) });
    expect(explore(philosophers(n, 'left-first')).firstProblem).toEqual({ kind: 'deadlock', steps: n });
  });

  it('for three philosophers, deadlocks after exactly 3 steps', () => {
    const r = check(philosophers(3, 'left-first'));
    expect(r.trace.map((s) => s.action)).toEqual([null, 'take-first(0)', 'take-first(1)', 'take-first(2)']);
    expect(String(r)).toBe('deadlock after 3 steps: no action is enabled and the state is not terminal');
  });

  it.each([2, 3, 4, 5])('with %i philosophers taking the lower-numbered fork first never deadlock', (n) => {
    const r = check(philosophers(n, 'ordered'));
    expect(r.ok).toBe(true);
    const ref = explore(philosophers(n, 'ordered'));
    expect(ref.firstProblem).toBeNull();
    expect([r.stats.states, r.stats.transitions, r.stats.depth]).toEqual([ref.states, ref.transitions, ref.depth]);
  });
});
