/**
 * An action (or guard, choices, invariant) that changes the state it was given
 * instead of returning a new one is reported by name, with a trace that shows
 * the states as they were; a model whose initial state was damaged by it is
 * refused by the next check, with the reason.
 */
import { describe, expect, it, vi } from 'vitest';
import { MUTATION_CHECK_EVERY, MUTATION_CHECK_ONE_IN, MutationAudit } from '../../src/checker/mutation-audit.js';
import { resolveOptions } from '../../src/checker/options.js';
import { check, checkOpen, configure, defineEnvironment, defineModel, MutationError, type Model } from '../../src/index.js';
import { partsOf } from '../../src/model/define-model.js';

type S = { n: number; log: number[] };
const init = (): S => ({ n: 0, log: [] });
const ok = { enabled: (s: S) => s.n < 3, apply: (s: S): S => ({ ...s, n: s.n + 1 }) };

function expectMutation(m: Model<S>, source: object, steps: number) {
  const before = JSON.stringify(partsOf(m).initStates);
  const r = check(m, { deadlock: false });
  expect(r.kind).toBe('error');
  expect(r.error).toBeInstanceOf(MutationError);
  expect(r.errorSource).toEqual(source);
  expect(r.trace.length - 1).toBe(steps);
  // The trace shows the states the model produced, untouched by the mutation.
  r.trace.forEach((step, k) => expect(step.state).toEqual({ n: k, log: [] }));
  // The search ran on the model's own initial state (so identity comparisons behave as written),
  // and the mutation may have reached it: a second check then refuses the model and says why,
  // rather than start from a state nobody wrote; otherwise it gives the same answer.
  const again = () => check(m, { deadlock: false });
  if (JSON.stringify(partsOf(m).initStates) === before) expect(String(again())).toBe(String(r));
  else expect(again).toThrow(/its initial state of model 'model' has changed since defineModel: something changed it in place/);
  return r;
}

describe('mutation', () => {
  it('by an action, in the initial state', () => {
    const m = defineModel<S>({
      init: init(),
      actions: { ok, push: { enabled: (s) => s.n < 3, apply: (s) => { s.log.push(s.n); return { ...s, log: [] }; } } },
    });
    const r = expectMutation(m, { kind: 'action', name: 'push' }, 0);
    expect(String(r)).toBe(
      "error after 0 steps: action 'push' mutated its input state instead of returning a new one; build the next state with spreads or copies ({ ...s, x: 1 })",
    );
  });

  it('by an action that changes its input and returns it', () => {
    const m = defineModel<S>({ init: init(), actions: { inc: { enabled: (s) => s.n < 3, apply: (s) => { s.n++; return s; } } } });
    expectMutation(m, { kind: 'action', name: 'inc' }, 0);
  });

  it('by an action, deeper, through structure shared with earlier states', () => {
    // { ...s } keeps the same log array in every state: pushing to it changes all of them.
    const m = defineModel<S>({
      init: init(),
      actions: { ok, push: { enabled: (s) => s.n === 2, apply: (s) => { s.log.push(s.n); return { n: 9, log: [] }; } } },
    });
    expectMutation(m, { kind: 'action', name: 'push' }, 2);
  });

  it('by an action with a choice, named with the choice', () => {
    const m = defineModel<S>({
      init: init(),
      actions: {
        add: {
          choices: () => [1, 2],
          apply: (s, c: number) => {
            if (s.n === 1 && c === 2) s.log.push(c);
            return { n: Math.min(s.n + c, 3), log: [] };
          },
        },
      },
    });
    expectMutation(m, { kind: 'action', name: 'add(2)' }, 1);
  });

  it('by a guard', () => {
    const m = defineModel<S>({
      init: init(),
      actions: { ok, sneaky: { enabled: (s) => { if (s.n === 1) s.log.push(0); return false; }, apply: (s) => s } },
    });
    expectMutation(m, { kind: 'guard', name: 'sneaky' }, 1);
  });

  it('by choices', () => {
    const m = defineModel<S>({
      init: init(),
      actions: { ok, pick: { choices: (s) => { if (s.n === 1) s.log.push(0); return []; }, apply: (s) => s } },
    });
    expectMutation(m, { kind: 'choices', name: 'pick' }, 1);
  });

  it('by an invariant', () => {
    const m = defineModel<S>({ init: init(), actions: { ok }, invariants: { sneaky: (s) => { if (s.n === 2) s.log.push(0); return true; } } });
    expectMutation(m, { kind: 'invariant', name: 'sneaky' }, 2);
  });

  it('by an invariant, where the search would stop there: not a deadlock, a violation or a target the state as stored does not show (badinput21)', () => {
    // A fresh initial state each time: the search runs on the model's own, which the mutation reaches.
    const base = () => ({ init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 2, apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, terminal: (s: { n: number }) => s.n === 2 });
    const sneaky = (s: { n: number }) => {
      s.n = 5;
      return true;
    };
    // It said: deadlock after 0 steps, where inc is enabled.
    const dead = check(defineModel({ ...base(), invariants: { sneaky } }));
    expect(dead).toMatchObject({ kind: 'error', errorSource: { kind: 'invariant', name: 'sneaky' } });
    expect(dead.error).toBeInstanceOf(MutationError);
    // It said: invariant 'small' violated, where small holds.
    const broken = check(defineModel({ ...base(), invariants: { sneaky, small: (s: { n: number }) => s.n < 3 } }));
    expect(broken).toMatchObject({ kind: 'error', errorSource: { kind: 'invariant', name: 'sneaky' } });
    // A guarantee, in an open check.
    const env = defineEnvironment<{ n: number }>({ name: 'e', behaviors: { x: { enabled: () => false, apply: (s) => s } }, guarantees: { g: (s) => { s.n = 7; return true; } } });
    expect(checkOpen(defineModel(base()), env).result).toMatchObject({ kind: 'error', errorSource: { kind: 'guarantee', name: 'g' } });
  });

  it('by an invariant under a view or symmetry, where the search would stop there (review21b: a violation in an initial state the invariant had made)', () => {
    type H = { n: number; h: number };
    const spec = () => ({
      name: 'h',
      init: { n: 0, h: 0 },
      actions: { inc: { enabled: (s: H) => s.n < 2, apply: (s: H) => ({ ...s, n: s.n + 1 }) } },
      invariants: {
        meddle: (s: H) => {
          s.h = 7;
          return true;
        },
        clean: (s: H) => s.h === 0,
      },
      terminal: (s: H) => s.n === 2,
    });
    // A MutationError, not the violation the mutation made ('clean' broken after 0 steps). The culprit is not named here:
    // the trace is rebuilt through the model's own initial state, which the class admits as it is now (changed).
    for (const r of [check(defineModel(spec()), { view: (s: H) => s.n }), check(defineModel({ ...spec(), symmetry: (s: H) => ({ ...s, h: 0 }) }))]) {
      expect(r.kind).toBe('error');
      expect(r.error).toBeInstanceOf(MutationError);
    }
  });

  it('by an environment behavior, named with its environment', () => {
    const m = defineModel<S>({ init: init(), actions: { ok } });
    const env = defineEnvironment<S>({ name: 'chaos', behaviors: { scribble: { apply: (s) => { s.log.push(1); return { ...s, log: [] }; } } } });
    const r = checkOpen(m, env, { deadlock: false }).result;
    expect(r.error).toBeInstanceOf(MutationError);
    expect(r.errorSource).toEqual({ kind: 'action', name: 'chaos:scribble', environment: 'chaos' });
  });
});

// Second review, item 3: every entry point refuses a damaged model, not only check().
describe('a model whose initial state was damaged', () => {
  it('is refused by every entry point and matcher, with the reason', async () => {
    const { createMatchers } = await import('../../src/matchers/index.js');
    const { checkLiveness } = await import('../../src/index.js');
    const m = defineModel<S>({ init: init(), actions: { inc: { enabled: (s) => s.n < 3, apply: (s) => { s.log.push(1); return { ...s, n: s.n + 1 }; } } }, invariants: { fine: () => true } });
    expect(check(m, { deadlock: false }).error).toBeInstanceOf(MutationError);
    const matchers = createMatchers();
    const ctx = { isNot: false };
    const reason = /initial state of model 'model' has changed since defineModel: something changed it in place/;
    expect(() => check(m)).toThrow(reason);
    expect(() => checkOpen(m, defineEnvironment<S>({ name: 'e', behaviors: { idle: { apply: (s) => s } } }))).toThrow(reason);
    expect(() => checkLiveness(m, { goal: (s) => s.n === 3 })).toThrow(reason);
    expect(() => matchers.toSatisfyInvariants.call(ctx, m)).toThrow(reason);
    expect(() => matchers.toBeDeadlockFree.call(ctx, m)).toThrow(reason);
    expect(() => matchers.toReach.call(ctx, m, (s: S) => s.n === 3)).toThrow(reason);
    expect(() => matchers.toEventually.call(ctx, m, (s: S) => s.n === 3)).toThrow(reason);
  });
});

// Issue 13: the mutation check runs on every state among the first MUTATION_CHECK_EVERY expanded,
// then on a sample ('sampled', opt-in), or on every state ('strict', the default).
describe('mutationCheck: strict or sampled', () => {
  type C = { n: number; log: number[] };
  /** A chain of `length` states; `push` mutates its input from state `from` on. */
  const chain = (length: number, from: number) =>
    defineModel<C>({
      init: { n: 0, log: [] },
      actions: {
        step: {
          enabled: (s) => s.n < length,
          apply: (s) => {
            if (s.n >= from) s.log.push(s.n);
            return { n: s.n + 1, log: [] };
          },
        },
      },
      terminal: (s) => s.n === length,
    });

  it('both modes check every one of the first states expanded, with the same report', () => {
    const strict = check(chain(100, 60));
    const sampled = check(chain(100, 60), { mutationCheck: 'sampled' });
    expect(strict.error).toBeInstanceOf(MutationError);
    expect(String(sampled)).toBe(String(strict));
    expect(sampled.errorSource).toEqual({ kind: 'action', name: 'step' });
    expect(strict.trace.length - 1).toBe(60);
  });

  it('past them, strict stops at the first state that shows it; sampled names the same culprit, at that state or later', () => {
    const from = MUTATION_CHECK_EVERY + 500;
    const strict = check(chain(from + 2000, from), { maxStates: Infinity });
    expect(strict.error).toBeInstanceOf(MutationError);
    expect(strict.trace.length - 1).toBe(from);
    // 2,000 states show it: the chance that a sample of one in 8 misses them all is (7/8)^2000.
    const sampled = check(chain(from + 2000, from), { mutationCheck: 'sampled', maxStates: Infinity });
    expect(sampled.error).toBeInstanceOf(MutationError);
    expect((sampled.error as Error).message).toBe((strict.error as Error).message);
    expect(sampled.errorSource).toEqual(strict.errorSource);
    expect(sampled.trace.length - 1).toBeGreaterThanOrEqual(from);
  });

  it('KRIPKE_MUTATION_CHECK and configure() set it; a bad value is an error naming it', () => {
    try {
      vi.stubEnv('KRIPKE_MUTATION_CHECK', 'sampled');
      expect(resolveOptions(undefined, 'check').mutationCheck).toBe('sampled');
      expect(resolveOptions({ mutationCheck: 'strict' }, 'check').mutationCheck).toBe('strict');
      vi.stubEnv('KRIPKE_MUTATION_CHECK', 'always');
      expect(() => resolveOptions(undefined, 'check')).toThrow('KRIPKE_MUTATION_CHECK must be strict or sampled, got "always"');
      vi.unstubAllEnvs();
      expect(resolveOptions(undefined, 'check').mutationCheck).toBe('strict');
      configure({ mutationCheck: 'sampled' });
      expect(resolveOptions(undefined, 'check').mutationCheck).toBe('sampled');
      expect(() => check(chain(3, 9), { mutationCheck: 'every' as never })).toThrow("check: mutationCheck must be 'strict' or 'sampled', got the string \"every\"");
    } finally {
      configure({});
      vi.unstubAllEnvs();
    }
  });

  it('the sample: every one of the first states, then about one in 8, different per seed', () => {
    const strict = new MutationAudit('strict');
    for (let i = 0; i < 10_000; i++) expect(strict.due()).toBe(true);
    const picks = (seed: number) => {
      const audit = new MutationAudit('sampled', seed);
      const out: boolean[] = [];
      for (let i = 0; i < MUTATION_CHECK_EVERY + 80_000; i++) out.push(audit.due());
      return out;
    };
    const a = picks(1);
    expect(a.slice(0, MUTATION_CHECK_EVERY).every(Boolean)).toBe(true);
    const rate = a.slice(MUTATION_CHECK_EVERY).filter(Boolean).length / 80_000;
    expect(rate).toBeGreaterThan(1 / MUTATION_CHECK_ONE_IN - 0.01);
    expect(rate).toBeLessThan(1 / MUTATION_CHECK_ONE_IN + 0.01);
    expect(picks(2).slice(MUTATION_CHECK_EVERY)).not.toEqual(a.slice(MUTATION_CHECK_EVERY));
  });
});
