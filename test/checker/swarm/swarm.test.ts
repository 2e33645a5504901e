/**
 * swarm(): seeded bitstate and random-walk searches that find deep problems a
 * budgeted breadth-first search misses, minimise their traces (proven
 * shortest when the bounded breadth-first search fits), and never pass.
 */
import { describe, expect, it } from 'vitest';
import { check, checkOpen, defineEnvironment, defineModel, ModelDefinitionError, swarm, swarmOpen, type SwarmResult } from '../../../src/index.js';
import { dieHard } from '../../known-models/die-hard.js';
import { eightPuzzle } from '../../known-models/eight-puzzle.js';
import { hanoi } from '../../known-models/hanoi.js';
import { grid } from '../../support/swarm-models.js';

const MODES = ['bitstate', 'random'] as const;

/** Replays a trace through the model: every step an enabled firing with its label, from an initial state. */
function replays<S>(model: Parameters<typeof check<S>>[0], r: SwarmResult<S>): boolean {
  const again = check(model, { maxDepth: r.trace.length - 1, deadlock: false, maxStates: 1e6 });
  return again.kind !== 'ok' || r.trace.length === 0;
}

describe('a deep bug', () => {
  const model = grid(3, 40, 30);

  it('is missed by a breadth-first search with a small state budget', () => {
    const r = check(model, { maxStates: 2_000 });
    expect(r.kind).toBe('incomplete');
  });

  it.each(MODES)('%s: found within the same budget, its trace minimised to a proven shortest one when the bounded breadth-first search fits', (mode) => {
    const r = swarm(model, { mode, maxStates: 2_000, minimise: { maxStates: 100_000 } });
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('first-below');
    expect(r.shortest).toBe(true);
    expect(r.minimised?.method).toBe('breadth-first');
    expect(r.trace.length).toBe(check(model).trace.length);
    expect(r.trace.at(-1)!.state.c[0]).toBe(30);
    expect(String(r)).toContain('shortest, proven by breadth-first search');
    expect(r.ok).toBe(false);
  });

  it.each(MODES)('%s: shortest: false, and said so, when the bounded breadth-first search does not fit; the trace is still real', (mode) => {
    const r = swarm(model, { mode, maxStates: 2_000, minimise: { maxStates: 500 } });
    expect(r.kind).toBe('invariant');
    expect(r.shortest).toBe(false);
    expect(String(r)).toContain('not proven shortest');
    // Shrunk (steps dropped, shortcuts taken) from what the member found, never below the shortest.
    expect(r.minimised?.method).toBe('shrinking');
    expect(r.trace.length).toBeGreaterThanOrEqual(check(model).trace.length);
    expect(r.trace.length - 1).toBeLessThan(r.minimised!.foundSteps);
    // A real trace: each step one enabled increment, ending where the invariant breaks.
    expect(r.trace[0]).toEqual({ action: null, state: { c: [0, 0, 0] } });
    for (let k = 1; k < r.trace.length; k++) {
      const [before, after] = [r.trace[k - 1].state.c, r.trace[k].state.c];
      expect(after.reduce((a, b) => a + b) - before.reduce((a, b) => a + b)).toBe(1);
      expect(r.trace[k].action).toBe(`inc(${after.findIndex((v, i) => v !== before[i])})`);
    }
    expect(r.trace.at(-1)!.state.c[0]).toBe(30);
  });

  it('minimise: false reports the trace as found, loops cut', () => {
    const r = swarm(model, { maxStates: 2_000, minimise: false });
    expect(r.kind).toBe('invariant');
    expect(r.shortest).toBe(false);
    expect(r.minimised?.method).toBe('none');
    expect(r.trace.length - 1).toBe(r.minimised!.foundSteps);
    // No proof search ran: the summary does not say one ran out of budget (hostile19c).
    expect(String(r)).toContain('not minimised: minimise is false');
    expect(String(r)).not.toContain('ran out of budget');
  });
});

describe('never a pass', () => {
  it.each(MODES)('%s on Hanoi and the 8-puzzle: incomplete with budget swarm, labelled not exhaustive', (mode) => {
    for (const model of [hanoi(3), hanoi(5), eightPuzzle()] as const) {
      const r = swarm(model as Parameters<typeof swarm>[0], { mode, maxStates: 20_000 });
      expect(r.ok).toBe(false);
      expect(r.kind).toBe('incomplete');
      expect(r.budget).toBe('swarm');
      expect(String(r)).toContain('not exhaustive');
    }
  });

  it('bitstate with a large bit array on a small model visits every state: its count equals check()', () => {
    for (const model of [hanoi(6), grid(3, 12, 99)] as const) {
      const r = swarm(model as Parameters<typeof swarm>[0], { bitstateBits: 2 ** 24 });
      expect(r.kind).toBe('incomplete');
      expect(r.swarm.stoppedBy).toBe('exhausted');
      expect(r.swarm.distinct).toBe(check(model as Parameters<typeof check>[0]).stats.states);
      expect(String(r)).toContain('hash collisions may have skipped states');
    }
  });

  it('a tiny bit array skips states (the price of bitstate), and still never passes', () => {
    const r = swarm(hanoi(6), { bitstateBits: 2 ** 10, hashes: 1 });
    expect(r.swarm.distinct).toBeLessThan(729);
    expect(r.kind).toBe('incomplete');
  });
});

describe('a violating model', () => {
  it.each(MODES)('%s: every seed finds a real violation or says incomplete', (mode) => {
    const shortest = check(dieHard()).trace.length;
    for (let seed = 0; seed < 12; seed++) {
      const r = swarm(dieHard(), { mode, seed, maxStates: 400 });
      expect(['invariant', 'incomplete']).toContain(r.kind);
      if (r.kind !== 'invariant') continue;
      expect(r.trace.length).toBe(shortest); // the space is small: the bounded breadth-first search always fits
      expect(r.shortest).toBe(true);
      expect(replays(dieHard(), r)).toBe(true);
    }
  });

  it('Hanoi with its goal as a broken invariant: the swarm trace minimised to 2^n − 1 moves', () => {
    const r = swarm(hanoi(4, { goal: true }), { seed: 5 });
    expect(r.kind).toBe('invariant');
    expect(r.trace.length - 1).toBe(15);
    expect(r.shortest).toBe(true);
  });
});

describe('problems other than invariants, as check() reports them', () => {
  it('a deadlock, with its trace', () => {
    const model = defineModel<{ n: number }>({ init: { n: 0 }, actions: { up: { enabled: (s) => s.n < 7, apply: (s) => ({ n: s.n + 1 }) } } });
    const r = swarm(model);
    expect(r.kind).toBe('deadlock');
    expect(r.trace.length).toBe(8);
    expect(swarm(model, { deadlock: false }).kind).toBe('incomplete');
  });

  it('an action that throws: kind error, its source and the trace to where it threw', () => {
    const model = defineModel<{ n: number }>({
      init: { n: 0 },
      actions: { up: { apply: (s) => { if (s.n === 5) throw new RangeError('five'); return { n: s.n + 1 }; } }, down: { apply: (s) => ({ n: s.n - 1 }) } },
      invariants: { small: (s) => s.n > -20 },
    });
    const r = swarm(model, { mode: 'random', seed: 3 });
    expect(r.kind).toBe('error');
    expect(r.error).toBeInstanceOf(RangeError);
    expect(r.errorSource).toEqual({ kind: 'action', name: 'up' });
    expect(r.trace.at(-1)!.state).toEqual({ n: 5 });
  });

  it('an action that mutates its input is named, as check() names it', () => {
    const model = defineModel<{ xs: number[] }>({ init: { xs: [] }, actions: { push: { enabled: (s) => s.xs.length < 3, apply: (s) => { s.xs.push(1); return { xs: [...s.xs] }; } } }, terminal: () => true });
    const r = swarm(model);
    expect(r.kind).toBe('error');
    expect(String(r)).toContain('push');
  });
});

describe('determinism and members', () => {
  it.each(MODES)('%s: the same seed and shard give the same result', (mode) => {
    const model = grid(4, 20, 99);
    const a = swarm(model, { mode, seed: 9, shard: '2/3', maxStates: 3_000 });
    const b = swarm(model, { mode, seed: 9, shard: { index: 2, count: 3 }, maxStates: 3_000 });
    expect({ ...b.swarm }).toEqual({ ...a.swarm });
    expect(b.coverage).toEqual(a.coverage);
    const bug = grid(3, 40, 30);
    const x = swarm(bug, { mode, seed: 4, maxStates: 2_000, minimise: { maxStates: 300 } });
    const y = swarm(bug, { mode, seed: 4, maxStates: 2_000, minimise: { maxStates: 300 } });
    expect(y.trace).toEqual(x.trace);
  });

  it('members differ: other seeds or shards search in another order', () => {
    const model = grid(4, 20, 99);
    const found = new Set([1, 2, 3].map((index) => swarm(model, { shard: { index, count: 3 }, maxStates: 3_000 }).swarm.deepest));
    const walks = new Set([1, 2, 3].map((seed) => swarm(model, { mode: 'random', seed, maxStates: 3_000 }).swarm.distinct));
    expect(found.size + walks.size).toBeGreaterThan(2);
  });

  it('reads KRIPKE_SHARD when no shard is given; a malformed one is an error naming the variable', () => {
    const saved = process.env.KRIPKE_SHARD;
    try {
      process.env.KRIPKE_SHARD = '3/4';
      expect(swarm(hanoi(3), { maxStates: 100 }).swarm.shard).toEqual({ index: 3, count: 4 });
      expect(swarm(hanoi(3), { maxStates: 100, shard: '1/2' }).swarm.shard).toEqual({ index: 1, count: 2 });
      process.env.KRIPKE_SHARD = '5/4';
      expect(() => swarm(hanoi(3))).toThrow(/KRIPKE_SHARD must be i\/n with 1 ≤ i ≤ n.*got "5\/4"/);
    } finally {
      if (saved === undefined) delete process.env.KRIPKE_SHARD;
      else process.env.KRIPKE_SHARD = saved;
    }
  });
});

describe('options', () => {
  it.each([
    [{ mode: 'dfs' }, /mode must be 'bitstate' or 'random'/],
    [{ seed: -1 }, /seed must be an integer/],
    [{ shard: '0/2' }, /swarm: shard must be i\/n/],
    [{ shard: { index: 3, count: 2 } }, /got \{ index: 3, count: 2 \}|shard must be i\/n/],
    [{ bitstateBits: 1000 }, /bitstateBits must be a power of two/],
    [{ hashes: 0 }, /hashes must be an integer from 1 to 16/],
    [{ minimise: { maxStates: 0 } }, /minimise.maxStates/],
    [{ minimise: { depth: 3 } }, /unknown minimise option 'depth'/],
    [{ maxstates: 3 }, /unknown swarm option 'maxstates'/],
    [{ maxStates: -3 }, /maxStates must be an integer/],
  ])('%o is refused', (options, message) => {
    expect(() => swarm(hanoi(2), options as never)).toThrow(ModelDefinitionError);
    expect(() => swarm(hanoi(2), options as never)).toThrow(message);
  });

  it('refuses what is not a model', () => {
    expect(() => swarm({} as never)).toThrow(/swarm\(model\): expected a model from defineModel/);
  });
});

describe('swarmOpen', () => {
  const flip = defineEnvironment<{ c: number[] }>({
    name: 'cosmic',
    behaviors: { flip: { enabled: (s) => s.c[1] === 20, apply: (s) => ({ c: [s.c[0], 99] }) } },
    guarantees: { bounded: (s) => s.c[1] <= 40 },
    assumptions: { rare: { description: 'bit flips are rare' } },
  });

  it('finds what the environment breaks, as checkOpen does, with the residual assumptions', () => {
    const model = grid(2, 40, 99);
    const r = swarmOpen(model, flip, { deadlock: false });
    const want = checkOpen(model, flip, { deadlock: false }).result;
    expect(r.kind).toBe('invariant');
    expect(r.environment).toBe('cosmic');
    expect(r.trace.length).toBe(want.trace.length);
    expect(r.trace.at(-1)!.action).toBe('cosmic:flip');
    expect(r.unverifiedAssumptions?.map((a) => a.name)).toEqual(['rare']);
    expect(String(r)).toMatch(/; 1 unverified assumption$/);
  });

  it('refuses an empty list of environments', () => {
    expect(() => swarmOpen(grid(2, 4, 9), [])).toThrow(/swarmOpen: give at least one environment/);
  });
});

describe('swarm options that are no plain object (badinput21: minimise: [] and a Map were taken, bitstateBits: a symbol threw a bare TypeError)', () => {
  it('are refused naming the option', () => {
    const m = dieHard();
    expect(() => swarm(m, new Map() as never)).toThrow(/^swarm: swarm options must be an object, got a Map$/);
    expect(() => swarm(m, { minimise: [] as never })).toThrow(/^swarm: minimise must be false or \{ maxStates\?, timeout\? \}, got an array$/);
    expect(() => swarm(m, { minimise: new Date() as never })).toThrow(/minimise must be false or \{ maxStates\?, timeout\? \}, got a Date$/);
    expect(() => swarm(m, { bitstateBits: Symbol('x') as never })).toThrow(ModelDefinitionError);
    expect(() => swarm(m, { bitstateBits: 10n as never })).toThrow(/bitstateBits must be a power of two from 2\^10 to 2\^32 \(as 2 \*\* 27\), got bigint 10n/);
  });
});
