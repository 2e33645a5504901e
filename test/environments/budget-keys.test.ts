/**
 * A fault budget lives in the state (`'k8s:evictions'`); an action that builds
 * a fresh state without it would let the budget start again, and the search
 * would show more faults than the budget allows. Composing makes every other
 * transition keep the key, and names the one that drops it.
 */
import { describe, expect, it } from 'vitest';
import { checkLiveness, checkOpen, defineEnvironment, defineModel } from '../../src/index.js';
import { k8s, linux } from '../../src/environments/index.js';

type St = { st: 'up' | 'down' | 'done' };

const fresh = defineModel<St>({
  name: 'fresh',
  init: { st: 'up' },
  actions: {
    restart: { enabled: (s) => s.st === 'down', apply: () => ({ st: 'up' }) }, // drops every other key
    finish: { enabled: (s) => s.st === 'up', apply: (s) => ({ ...s, st: 'done' }) },
  },
  terminal: (s) => s.st === 'done',
});
const eviction = k8s.podEviction<St>({ canEvict: (s) => s.st === 'up', onEvict: (s) => ({ ...s, st: 'down' }), maxEvictions: 1 });

describe('fault budgets survive the model', () => {
  it('an action that drops the count is an error naming it, the key and the budget (it used to reset the budget: a false red)', () => {
    const r = checkLiveness(fresh, { goal: (s) => s.st === 'done', fair: 'all', environments: eviction });
    expect(r.kind).toBe('error');
    expect(r.errorSource).toEqual({ kind: 'action', name: 'restart' });
    expect(String(r)).toBe(
      "error after 1 step: action 'restart' returned a state without 'k8s:evictions', the count k8s.podEviction (environment 'k8s'): maxEvictions keeps in the state; build the next state from the last ({ ...s, … }) so the count survives, or the budget would silently start again; 2 unverified assumptions",
    );
    // The trace leads to the state where the action was fired.
    expect(r.trace.map((s) => s.action)).toEqual([null, 'k8s:evict-pod']);
    expect(checkOpen(fresh, eviction).result.kind).toBe('error');
  });

  it('passes, with the budget kept, once the action spreads the state', () => {
    const kept = defineModel<St>({
      name: 'kept',
      init: { st: 'up' },
      actions: {
        restart: { enabled: (s) => s.st === 'down', apply: (s) => ({ ...s, st: 'up' }) },
        finish: { enabled: (s) => s.st === 'up', apply: (s) => ({ ...s, st: 'done' }) },
      },
      terminal: (s) => s.st === 'done',
    });
    const r = checkLiveness(kept, { goal: (s) => s.st === 'done', fair: 'all', environments: eviction });
    expect(r.kind).toBe('ok');
    // up, down, done, each with 0 or 1 evictions, less (down, 0) and (done, 0) reached only without one: 5 states.
    expect(r.stats.states).toBe(5);
  });

  it("another environment's fault that builds a fresh state is named too", () => {
    const kept = defineModel<St>({ name: 'kept', init: { st: 'up' }, actions: { finish: { enabled: (s) => s.st === 'up', apply: (s) => ({ ...s, st: 'done' }) } }, terminal: (s) => s.st === 'done' });
    const crash = linux.processCrash<St>({ canCrash: (s) => s.st === 'down', onCrash: () => ({ st: 'up' }) });
    const r = checkOpen(kept, [eviction, crash]);
    expect(r.result.kind).toBe('error');
    expect(String(r.result)).toContain("action 'linux:crash' returned a state without 'k8s:evictions'");
  });
});

describe('environments that share a name', () => {
  it('may not both declare a guarantee of one name: a failure could not say which broke', () => {
    const m = defineModel<St>({ name: 'm', init: { st: 'up' }, actions: { finish: { enabled: (s) => s.st === 'up', apply: (s) => ({ ...s, st: 'done' }) } }, terminal: (s) => s.st === 'done' });
    const safe = { safe: (s: St) => s.st !== 'down' };
    const a = k8s.podEviction<St>({ canEvict: () => false, onEvict: (s) => s, guarantees: safe });
    const b = k8s.nodeDrain<St>({ canDrain: () => false, onDrain: (s) => s, guarantees: safe });
    expect(() => checkOpen(m, [a, b])).toThrow("checkOpen: two environments named 'k8s' both declare a guarantee 'safe'; rename one, or a failure could not say which broke");
    expect(checkOpen(m, [a, k8s.nodeDrain<St>({ canDrain: () => false, onDrain: (s) => s })]).ok).toBe(true);
  });

  it('may state one assumption each, once in the report; stated differently, it is refused (hostile19c: both showed as cap [k])', () => {
    const m = defineModel<St>({ name: 'm', init: { st: 'up' }, actions: { finish: { enabled: (s) => s.st === 'up', apply: (s) => ({ ...s, st: 'done' }) } }, terminal: (s) => s.st === 'done' });
    const env = (behavior: string, description: string) =>
      defineEnvironment<St>({ name: 'k', behaviors: { [behavior]: { enabled: () => false, apply: (s) => s } }, assumptions: { cap: { description } } });
    const same = checkOpen(m, [env('p', 'capacity holds'), env('q', 'capacity holds')]);
    expect(same.assumptions.map((a) => `${a.environment}/${a.name}`)).toEqual(['k/cap']);
    expect(() => checkOpen(m, [env('p', 'one'), env('q', 'two')])).toThrow("checkOpen: two environments named 'k' both declare an assumption 'cap', differently; rename one, or state it the same way in both");
  });
});
