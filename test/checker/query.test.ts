// The checker's query interface (src/checker/query.ts), asked directly: what
// every entry point and matcher goes through.
import { describe, expect, it } from 'vitest';
import { defineEnvironment, defineModel, MutationError } from '../../src/index.js';
import { ask, compose, resolveOptions } from '../../src/internal.js';

type Jugs = { small: number; big: number };

// Die Hard: 3 and 5 gallon jugs; 4 gallons in the big one takes 6 steps.
const jugs = defineModel<Jugs>({
  name: 'jugs',
  init: { small: 0, big: 0 },
  actions: {
    fillSmall: { apply: (s) => ({ ...s, small: 3 }) },
    fillBig: { apply: (s) => ({ ...s, big: 5 }) },
    emptySmall: { apply: (s) => ({ ...s, small: 0 }) },
    emptyBig: { apply: (s) => ({ ...s, big: 0 }) },
    smallToBig: { apply: (s) => ({ small: Math.max(0, s.small + s.big - 5), big: Math.min(5, s.small + s.big) }) },
    bigToSmall: { apply: (s) => ({ small: Math.min(3, s.small + s.big), big: Math.max(0, s.small + s.big - 3) }) },
  },
  invariants: { notFour: (s) => s.big !== 4, bounded: (s) => s.small <= 3 && s.big <= 5 },
});

const options = resolveOptions(undefined, 'test');
const system = compose(jugs);

// A counter that adds 1, 2 or 3 up to 6.
const adder = compose(
  defineModel({ name: 'adder', init: 0, actions: { add: { choices: () => [1, 2, 3], enabled: (n: number, k) => n + k <= 6, apply: (n: number, k) => n + k } } }),
);

describe('ask: invariants', () => {
  it('checks all of them by default and stops at the shortest violation', () => {
    const r = ask(system, { kind: 'invariants', deadlock: false }, options);
    expect(r.kind).toBe('invariant');
    if (r.kind !== 'invariant') return;
    expect(r.invariant).toBe('notFour');
    expect(r.trace.length - 1).toBe(6);
  });

  it('checks only the ones named', () => {
    expect(ask(system, { kind: 'invariants', invariants: ['bounded'], deadlock: false }, options).kind).toBe('ok');
    expect(ask(system, { kind: 'invariants', invariants: ['notFour'], deadlock: false }, options).kind).toBe('invariant');
  });

  it('checks none, for deadlocks alone', () => {
    const stuck = compose(defineModel({ name: 'stuck', init: 0, actions: { inc: { enabled: (n: number) => n < 2, apply: (n: number) => n + 1 } }, invariants: { never: () => false } }));
    expect(ask(stuck, { kind: 'invariants', invariants: 'none', deadlock: false }, options).kind).toBe('ok');
    const r = ask(stuck, { kind: 'invariants', invariants: 'none', deadlock: true }, options);
    expect(r.kind).toBe('deadlock');
    expect(r.trace.map((step) => step.state)).toEqual([0, 1, 2]);
  });

  it('refuses an invariant it does not have, naming the ones it has', () => {
    expect(() => ask(system, { kind: 'invariants', invariants: ['notfour'], deadlock: false }, options, { where: 'test' })).toThrow(
      "test: model 'jugs' has no invariant named 'notfour'; it has 'notFour', 'bounded'",
    );
  });

  it("names a broken guarantee's environment", () => {
    const spill = defineEnvironment<Jugs>({ name: 'spill', behaviors: { spill: { apply: (s) => ({ ...s, big: s.big - 1 }) } }, guarantees: { nonNegative: (s) => s.big >= 0 } });
    const r = ask(compose(jugs, [spill]), { kind: 'invariants', invariants: ['nonNegative'], deadlock: false }, options);
    expect(r).toMatchObject({ kind: 'invariant', invariant: 'nonNegative', environment: 'spill' });
    expect(r.trace.length - 1).toBe(1);
  });
});

describe('ask: reach', () => {
  it('finds the nearest state where the target holds, with its shortest witness', () => {
    const r = ask(system, { kind: 'reach', state: (s) => s.big === 4 }, options);
    expect(r.kind).toBe('reached');
    if (r.kind !== 'reached') return;
    expect(r.trace.length - 1).toBe(6);
    expect(r.trace.at(-1)?.state.big).toBe(4);
  });

  it('ignores the invariants: a reach query looks for its target only', () => {
    expect(ask(system, { kind: 'reach', state: (s) => s.small === 3 && s.big === 4 }, options).kind).toBe('reached');
  });

  it('answers unreachable after exploring every state', () => {
    const r = ask(system, { kind: 'reach', state: (s) => s.big === 6 }, options);
    expect(r.kind).toBe('unreachable');
    expect(r.stats.states).toBe(16);
  });

  it('finds the nearest firing, and ends the witness with the step that fires it, its name and choice as data', () => {
    const r = ask(adder, { kind: 'reach', firing: (_t, k) => k === 3 }, options);
    expect(r.kind).toBe('reached');
    if (r.kind !== 'reached') return;
    expect(r.trace.map((step) => [step.action, step.name, step.choice, step.state])).toEqual([
      [null, undefined, undefined, 0],
      ['add(3)', 'add', 3, 3],
    ]);
  });

  it('hears every choice offered, enabled or not', () => {
    const heard: unknown[] = [];
    const r = ask(adder, { kind: 'reach', firing: () => false, offered: (_t, k) => heard.push(k) }, options);
    expect(r.kind).toBe('unreachable');
    expect(heard.length).toBe(7 * 3); // in each of the 7 states 0..6, all three choices, enabled or not
  });

  it('blames a target that mutates the state it is given', () => {
    const target = (s: Jugs) => {
      if (s.small === 3) s.big = 1;
      return false;
    };
    const r = ask(system, { kind: 'reach', state: target, name: 'the target' }, options);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.error).toBeInstanceOf(MutationError);
    expect(String((r.error as Error).message)).toMatch(/^target 'the target' mutated the state it was given/);
    expect(r.errorSource).toEqual({ kind: 'target', name: 'the target' });
  });

  it('stops at a budget, with its limit', () => {
    const r = ask(system, { kind: 'reach', state: () => false }, resolveOptions({ maxStates: 5 }, 'test'));
    expect(r).toMatchObject({ kind: 'incomplete', budget: 'maxStates', limit: 5 });
  });
});

describe('ask: liveness', () => {
  it('answers with a lasso where a fair path never reaches the goal', () => {
    const r = ask(system, { kind: 'liveness', properties: [{ name: 'four', goal: (s) => s.big === 4, fair: 'all' }] }, options);
    expect(r.kind).toBe('liveness');
  });
});
