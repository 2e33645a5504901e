import { describe, expect, it, vi } from 'vitest';
import { call, thrown } from '../support/runner-context.js';
import { cluster, service, stuck } from '../support/models.js';
import { defineModel } from '../../src/index.js';

type S = { status: string; restarts: number };
type C = { nodes: { pods: string[] }[] };

// Named predicates print as their source: keep them on one line here as users would write them.
const degraded = (s: S) => s.status === 'degraded';
const tooMany = (s: S) => s.restarts > 3;

describe('toReach', () => {
  it('passes when some reachable state satisfies the predicate', () => {
    expect(call('toReach', service, [degraded]).fails).toBe(false);
  });

  it('fails with the figures when none does', () => {
    const o = call('toReach', service, [tooMany]);
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  it('.not fails with the shortest witness', () => {
    const o = call('toReach', service, [degraded], { not: true });
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  it('.not passes when no state satisfies it', () => {
    expect(call('toReach', service, [tooMany], { not: true }).fails).toBe(false);
  });

  it('a witness may be an initial state', () => {
    const o = call('toReach', service, [(s: S) => s.restarts === 0], { not: true });
    expect(o.message).toContain('but one is reached in an initial state');
  });

  it('ignores invariants and deadlocks: the cluster reaches a state past its broken invariant', () => {
    expect(call('toReach', cluster, [(s: C) => s.nodes[0].pods.length === 2]).fails).toBe(false);
    expect(call('toReach', stuck, [(s: { n: number }) => s.n === 2]).fails).toBe(false);
  });

  it('a string names an action: passes when it can fire, .not shows the witness ending with it', () => {
    expect(call('toReach', service, ['recover']).fails).toBe(false);
    const o = call('toReach', service, ['recover'], { not: true });
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  it('a string matches an action with choices by its name', () => {
    expect(call('toReach', cluster, ['schedule']).fails).toBe(false);
    expect(call('toReach', cluster, ['schedule(1)']).fails).toBe(false);
  });

  // Issue 8, item 10: `.not.toReach('schedule(0, 1)')` passed on a typo.
  it('refuses, with or without .not, a choice label that no reachable state offers, listing those it does', () => {
    for (const not of [false, true]) {
      const message = thrown(() => call('toReach', cluster, ['schedule( 1)'], { not }));
      expect(message).toContain('<bold>Matcher error</>: model "cluster" offers no choice labelled "schedule( 1)" in any reachable state');
      expect(message).toContain('it offers schedule(0), schedule(1)');
    }
    // A label that is offered but never enabled is a real answer, not a typo.
    const never = call('toReach', cluster, ['schedule(1)'], { not: true });
    expect(never.fails).toBe(true);
  });

  // Found by review: the target action's apply ran inside the search, and a mutation went unreported.
  it('an action target that mutates its input fails, with or without .not, naming it', () => {
    const pushy = () => defineModel<{ a: number[] }>({
      name: 'pushy',
      init: { a: [] },
      actions: {
        push: {
          enabled: (s) => s.a.length < 2,
          apply: (s) => {
            s.a.push(1);
            return { a: [...s.a] };
          },
        },
      },
    });
    for (const not of [false, true]) {
      // A fresh model each time: the mutation changes the model's own initial state.
      const o = call('toReach', pushy(), ['push'], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain("MutationError: action 'push' mutated its input state");
      expect(o.message).toContain('"a": [],');
    }
  });

  it('fails when an action can never fire', () => {
    const o = call('toReach', stuck, ['inc'], { not: true });
    expect(o.fails).toBe(true);
    expect(o.message).toContain('Expected action "inc" never to fire, but it fires after 1 step');
  });

  it('in diff mode (Vitest) prints the whole witness in the message, and hands the runner no state diff', () => {
    const o = call('toReach', service, [degraded], { not: true, mode: 'diff' });
    expect(o).not.toHaveProperty('actual');
    expect(o.message).toBe(call('toReach', service, [degraded], { not: true }).message);
  });

  it("fails, with or without .not, with the predicate's own error", () => {
    const boom = (s: S) => {
      if (s.status === 'healthy') throw new TypeError('no health check configured');
      return false;
    };
    for (const not of [false, true]) {
      const o = call('toReach', service, [boom], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain('threw after 1 step');
      expect(o.message).toContain('TypeError: no health check configured');
    }
  });

  it('reports a non-boolean predicate result', () => {
    const o = call('toReach', service, [(s: S) => s.restarts]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain("ContractError: target '(s) => s.restarts' returned 0 (a number), not a boolean");
    expect(o.message).not.toContain('kripke:toReach');
  });

  it('fails, with or without .not, when a budget runs out before the target is reached', () => {
    for (const not of [false, true]) {
      const o = call('toReach', service, [tooMany, { maxStates: 2 }], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain('the search did not finish before reaching');
    }
  });

  it('refuses an unknown action, a target of the wrong type and the deadlock option', () => {
    expect(thrown(() => call('toReach', service, ['restart']))).toMatchSnapshot();
    expect(thrown(() => call('toReach', service, [42]))).toMatchSnapshot();
    expect(thrown(() => call('toReach', service, [degraded, { deadlock: true }]))).toContain('toReach does not take the deadlock option');
  });
});

describe("toReach says the check's warnings (review21: a fallback to one thread was never shown)", () => {
  it('in the message where it fails, on the console where it passes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const fails = call('toReach', service, [tooMany, { workers: 2 }]);
      expect(fails.fails).toBe(true);
      expect(fails.message).toMatch(/\n<red>Warning: workers: 2 was asked, but this check ran on one thread: workers need the module that defines the model: pass \{ module: import\.meta\.url \(or a path\), export: 'name', args\? \}\. A worker imports it afresh, so the model must follow from that module's code and args alone \(nothing set after import: not a value a test sets in beforeAll, not process\.env\)\.<\/>$/);
      expect(warn).not.toHaveBeenCalled();
      expect(call('toReach', service, [tooMany, { workers: 2 }], { not: true }).fails).toBe(false);
      expect(call('toReach', service, [degraded, { workers: 2 }]).fails).toBe(false);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^kripke: toReach: workers: 2 was asked/), expect.stringMatching(/^kripke: toReach: workers: 2 was asked/)]);
    } finally {
      warn.mockRestore();
    }
  });
});
