import { describe, expect, it } from 'vitest';
import { call, thrown } from '../support/runner-context.js';
import { cluster, finishing, service, stuck, throwing } from '../support/models.js';

describe('toBeDeadlockFree', () => {
  it('passes when every reachable state has an enabled action', () => {
    expect(call('toBeDeadlockFree', service, []).fails).toBe(false);
  });

  it('passes when the states without an enabled action are terminal', () => {
    expect(call('toBeDeadlockFree', finishing, []).fails).toBe(false);
    expect(call('toBeDeadlockFree', cluster, []).fails).toBe(false); // it breaks an invariant: not this matcher's business
  });

  it('fails with the shortest trace to the deadlock', () => {
    const o = call('toBeDeadlockFree', stuck, []);
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  it('.not fails with the figures; .not passes on a deadlock', () => {
    const o = call('toBeDeadlockFree', finishing, [], { not: true });
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
    expect(call('toBeDeadlockFree', stuck, [], { not: true }).fails).toBe(false);
  });

  it('in diff mode (Vitest) prints the deadlocked step in the message too, and hands the runner no state diff', () => {
    const o = call('toBeDeadlockFree', stuck, [], { mode: 'diff' });
    expect(o).not.toHaveProperty('actual');
    expect(o.message).toBe(call('toBeDeadlockFree', stuck, []).message);
  });

  it("fails, with or without .not, on the user's error", () => {
    for (const not of [false, true]) {
      const o = call('toBeDeadlockFree', throwing, [], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain('RangeError: balance would go negative');
    }
  });

  it('refuses the deadlock option and what is not a model', () => {
    expect(thrown(() => call('toBeDeadlockFree', stuck, [{ deadlock: false }]))).toMatchSnapshot();
    expect(thrown(() => call('toBeDeadlockFree', null, []))).toContain('Received has type:  null');
  });
});
