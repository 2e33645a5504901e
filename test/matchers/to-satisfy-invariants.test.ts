import { describe, expect, it } from 'vitest';
import { call, thrown } from '../support/runner-context.js';
import { check, defineModel } from '../../src/index.js';
import { createMatchers } from '../../src/matchers/index.js';
import { cluster, logger, service, sloppy, stuck, throwing } from '../support/models.js';

describe('toSatisfyInvariants', () => {
  it('passes when every reachable state satisfies every invariant', () => {
    expect(call('toSatisfyInvariants', service, []).fails).toBe(false);
  });

  it('ignores deadlocks: that is toBeDeadlockFree', () => {
    expect(call('toSatisfyInvariants', stuck, []).fails).toBe(false);
  });

  it('fails with the shortest trace, changes by path, the violation marked', () => {
    const o = call('toSatisfyInvariants', cluster, []);
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  // Second review, item 11: a value that reads differently when the message is printed.
  it("prints a failure whose state throws when read again, saying so instead of throwing the user's error", () => {
    let broken = false;
    const guarded = new Proxy(
      { a: 1 },
      {
        ownKeys: (t) => {
          if (broken) throw new Error('late ownKeys');
          return Reflect.ownKeys(t);
        },
      },
    );
    const m = defineModel({ name: 'late', init: { n: 0, v: {} as object }, actions: { go: { enabled: (s) => s.n === 0, apply: () => ({ n: 1, v: guarded }) } }, invariants: { small: (s) => s.n < 1 }, terminal: () => true });
    const result = createMatchers().toSatisfyInvariants.call({ isNot: false }, m);
    broken = true;
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toContain('invariant "small" is violated after 1 step');
    expect(message).toContain('(the trace cannot be printed: reading a value threw Error: late ownKeys)');
  });

  it('gives a long string that changed a little an inline diff', () => {
    const o = call('toSatisfyInvariants', logger, []);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('~ log: "…one eu-west-1a with <green><inverse>[-1-]</></><red><inverse>{+2+}</></> restarts"');
    expect(o.message).toMatchSnapshot();
  });

  it('.not fails with the figures when every state satisfies the invariants', () => {
    const o = call('toSatisfyInvariants', service, [], { not: true });
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  it('.not passes when an invariant breaks', () => {
    expect(call('toSatisfyInvariants', cluster, [], { not: true }).fails).toBe(false);
  });

  it('fails, with or without .not, when the search runs out of budget, and names the budget', () => {
    for (const not of [false, true]) {
      const o = call('toSatisfyInvariants', service, [{ maxStates: 2 }], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain('maxStates budget of 2 states ran out');
    }
    expect(call('toSatisfyInvariants', service, [{ maxDepth: 1 }]).message).toMatchSnapshot();
  });

  it("fails, with or without .not, with the user's own error and the trace to where it threw", () => {
    for (const not of [false, true]) {
      const o = call('toSatisfyInvariants', throwing, [], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain('The error:</>\n  RangeError: balance would go negative\n      at withdraw (bank.ts:12:15)');
    }
    expect(call('toSatisfyInvariants', throwing, []).message).toMatchSnapshot();
  });

  it("names kripke's own contract errors without a stack", () => {
    expect(call('toSatisfyInvariants', sloppy, []).message).toMatchSnapshot();
  });

  it('in diff mode (Vitest) prints the violating step as path lines, where a state diff would shift array lines', () => {
    const o = call('toSatisfyInvariants', cluster, [], { mode: 'diff' });
    expect(o).not.toHaveProperty('actual');
    expect(o.message).toContain('<red>+ nodes[0].pods[1]: "web-2"</>');
    expect(o.message).toContain('<green>- queue[0]: "web-2"</>');
    expect(o.message).toBe(call('toSatisfyInvariants', cluster, []).message);
    expect(o.message).toMatchSnapshot();
  });

  it('in message mode returns no actual/expected', () => {
    expect('actual' in call('toSatisfyInvariants', cluster, [])).toBe(false);
  });

  it('refuses what is not a model, bad options and the deadlock option with clear messages', () => {
    expect(thrown(() => call('toSatisfyInvariants', { init: 1 }, []))).toMatchSnapshot();
    expect(thrown(() => call('toSatisfyInvariants', service, [{ maxStates: -1 }]))).toMatchSnapshot();
    expect(thrown(() => call('toSatisfyInvariants', service, [{ deadlock: true }]))).toMatchSnapshot();
    expect(thrown(() => call('toSatisfyInvariants', service, ['fast']))).toMatchSnapshot();
  });
});

describe('toSatisfyInvariants and the model\'s named liveness properties', () => {
  it('asserts the invariants only: a failing liveness property does not fail it (toEventually does)', () => {
    const spinner = defineModel<{ done: boolean }>({
      name: 'spinner',
      init: { done: false },
      actions: {
        spin: { enabled: (s) => !s.done, apply: (s) => ({ ...s }) },
        finish: { enabled: (s) => !s.done, apply: () => ({ done: true }) },
      },
      invariants: { boolean: (s) => typeof s.done === 'boolean' },
      terminal: (s) => s.done,
      liveness: { finishes: { goal: (s) => s.done } },
    });
    expect(check(spinner).kind).toBe('liveness'); // check runs the named liveness property…
    expect(call('toSatisfyInvariants', spinner, []).fails).toBe(false); // …the matcher asserts its name only
    expect(call('toBeDeadlockFree', spinner, []).fails).toBe(false);
  });
});
