import { describe, expect, it } from 'vitest';
import { check, checkLiveness, checkOpen, DEFAULT_OPTIONS, defineEnvironment, defineModel, ModelDefinitionError, type CheckOptions } from '../../src/index.js';

type N = { n: number };

/** 0 → 1 → … → last: last + 1 states, one per depth. */
const chain = (last: number, invariants: Record<string, (s: N) => boolean> = {}) =>
  defineModel<N>({
    init: { n: 0 },
    actions: { inc: { enabled: (s) => s.n < last, apply: (s) => ({ n: s.n + 1 }) } },
    invariants,
    terminal: (s) => s.n === last,
  });

/** Never ends: a counter with no bound. */
const runaway = defineModel<number>({ init: 0, actions: { inc: { apply: (s) => s + 1 } } });

describe('maxStates', () => {
  it('passes a model that fits exactly', () => {
    const r = check(chain(4), { maxStates: 5 });
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(5);
  });

  it('gives incomplete, names the budget and says how far, when one state more is needed', () => {
    const r = check(chain(4), { maxStates: 4 });
    expect(r.ok).toBe(false);
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('maxStates');
    expect(r.stats).toMatchObject({ states: 4, depth: 3 });
    expect(r.trace).toEqual([]);
  });

  it('still finds a violation met before the budget runs out', () => {
    const r = check(chain(100, { small: (s) => s.n < 3 }), { maxStates: 10 });
    expect(r.kind).toBe('invariant');
    expect(r.trace.length - 1).toBe(3);
  });

  // Initial states count against the budget like any other.
  it('never stores more states than the budget, initial states included', () => {
    const m = defineModel<N>({ initStates: [{ n: 0 }, { n: 10 }, { n: 20 }], actions: { stay: { apply: (s) => s } } });
    const r = check(m, { maxStates: 1 });
    expect(r.kind).toBe('incomplete');
    expect(r.stats.states).toBeLessThanOrEqual(1);
  });

  it('accepts Infinity', () => {
    expect(check(chain(4), { maxStates: Infinity }).ok).toBe(true);
  });
});

describe('maxDepth', () => {
  it('passes when every state lies within the depth', () => {
    const r = check(chain(4), { maxDepth: 4 });
    expect(r.ok).toBe(true);
    expect(r.stats.depth).toBe(4);
  });

  it('gives incomplete when a new state lies beyond it', () => {
    const r = check(chain(4), { maxDepth: 3 });
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('maxDepth');
    expect(r.stats).toMatchObject({ states: 4, depth: 3 });
  });

  it('with 0, checks the initial states only', () => {
    const r = check(chain(4, { positive: (s) => s.n > 0 }), { maxDepth: 0 });
    expect(r.kind).toBe('invariant');
    const cut = check(chain(4), { maxDepth: 0 });
    expect(cut.kind).toBe('incomplete');
    expect(cut.stats).toMatchObject({ states: 1, depth: 0 });
  });

  it('finds a violation at the last level it explores', () => {
    const r = check(chain(10, { 'below-3': (s) => s.n < 3 }), { maxDepth: 3 });
    expect(r.kind).toBe('invariant');
    expect(r.trace.length - 1).toBe(3);
  });

  it('passes a model whose deeper successors were all seen before', () => {
    // A cycle 0 → 1 → 2 → 0: depth 2, and the edge back to 0 goes nowhere new.
    const ring = defineModel<number>({ init: 0, actions: { next: { apply: (s) => (s + 1) % 3 } } });
    expect(check(ring, { maxDepth: 2 }).ok).toBe(true);
  });
});

describe('timeout', () => {
  it('stops a runaway search with incomplete, naming the budget and how far it got', () => {
    const r = check(runaway, { timeout: 1, maxStates: Infinity });
    expect(r.ok).toBe(false);
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('timeout');
    expect(r.stats.states).toBeGreaterThan(0);
    expect(r.stats.depth).toBe(r.stats.states - 1);
    expect(String(r)).toMatch(/^incomplete — timeout of 1 ms ran out after [\d,]+ states?, [\d,]+ steps? deep$/);
  });
});

// Issue 8, item 15: the clock was read every 1,024 states, so slow actions overran a timeout by minutes.
describe('timeout, whatever an action costs', () => {
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('stops within about one slow action of the timeout', () => {
    const slow = defineModel({
      name: 'slow',
      init: { n: 0 },
      actions: {
        inc: {
          apply: (s) => {
            busy(40);
            return { n: s.n + 1 };
          },
        },
      },
    });
    const started = performance.now();
    const r = check(slow, { timeout: 100 });
    const took = performance.now() - started;
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('timeout');
    // Before: 1,024 states × 40 ms = 41 s. Generous bounds: this machine is shared.
    expect(took).toBeLessThan(1500);
    expect(r.stats.states).toBeLessThan(10);
  });

  it('stops an endless choices generator whose choices are all disabled', () => {
    const endless = defineModel({
      name: 'endless',
      init: 0,
      actions: {
        pick: {
          *choices() {
            for (let i = 0; ; i++) yield i;
          },
          enabled: () => false,
          apply: (s: number) => s,
        },
      },
    });
    const started = performance.now();
    const r = check(endless, { timeout: 50 });
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1500);
  });
});

describe('defaults', () => {
  it('are documented values: deadlock on, a million states, no depth bound, 30 s, 64-bit fingerprints, 1e-5, a sampled mutation check', () => {
    expect(DEFAULT_OPTIONS).toEqual({
      deadlock: true,
      maxStates: 1_000_000,
      maxDepth: Infinity,
      timeout: 30_000,
      exact: false,
      maxCollisionProbability: 1e-5,
      fingerprintBits: 64,
      mutationCheck: 'strict',
    });
    expect(Object.isFrozen(DEFAULT_OPTIONS)).toBe(true);
  });

  it('stop a runaway model with incomplete instead of hanging the test run', () => {
    const r = check(runaway);
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('maxStates');
    expect(r.stats.states).toBe(DEFAULT_OPTIONS.maxStates);
  });

  it('treat an option given as undefined as not given', () => {
    expect(check(chain(4), { maxStates: undefined, deadlock: undefined }).ok).toBe(true);
  });
});

describe('the collision-probability budget', () => {
  it('turns a pass into incomplete when the estimate exceeds it, and exact: true has no estimate to exceed', () => {
    const ring = defineModel<number>({ init: 0, actions: { next: { apply: (s) => (s + 1) % 3 } } });
    const r = check(ring, { maxCollisionProbability: 0 });
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('collisionProbability');
    expect(r.stats.collisionProbability).toBeGreaterThan(0);
    expect(String(r)).toMatch(/rerun with fingerprintBits: 128 \(a wider fingerprint\), or exact: true \(no fingerprints at all\)$/);
    expect(check(ring, { maxCollisionProbability: 0, exact: true }).ok).toBe(true);
  });
});

describe('options are validated', () => {
  const bad: [string, CheckOptions, RegExp][] = [
    ['an unknown name', { maxstates: 10 } as CheckOptions, /unknown option 'maxstates'; the options are deadlock, maxStates, maxDepth, timeout, exact, maxCollisionProbability/],
    ['maxStates 0', { maxStates: 0 }, /maxStates must be an integer ≥ 1 or Infinity, got number 0/],
    ['maxStates fractional', { maxStates: 2.5 }, /maxStates must be an integer/],
    ['maxStates NaN', { maxStates: NaN }, /maxStates must be an integer/],
    ['maxStates as a string', { maxStates: '10' as never }, /maxStates must be an integer ≥ 1 or Infinity, got the string "10"/],
    ['maxDepth negative', { maxDepth: -1 }, /maxDepth must be an integer ≥ 0/],
    ['timeout 0', { timeout: 0 }, /timeout must be a positive number of milliseconds, got number 0/],
    ['timeout -0 (it said "number 0")', { timeout: -0 }, /timeout must be a positive number of milliseconds, got number -0$/],
    ['maxStates a bigint (it said "bigint 5")', { maxStates: 5n } as never, /maxStates must be an integer ≥ 1 or Infinity, got bigint 5n$/],
    ['timeout negative', { timeout: -5 }, /timeout must be a positive number/],
    ['deadlock not boolean', { deadlock: 'no' as never }, /deadlock must be a boolean, got the string "no"/],
    ['exact not boolean', { exact: 1 as never }, /exact must be a boolean/],
    ['maxCollisionProbability above 1', { maxCollisionProbability: 2 }, /maxCollisionProbability must be a number from 0 to 1, got number 2/],
    ['options not an object', 5 as never, /options must be an object, got number 5/],
    ['options null', null as never, /options must be an object, got null/],
  ];
  it.each(bad)('rejects %s in check', (_n, options, message) => {
    expect(() => check(chain(1), options)).toThrow(ModelDefinitionError);
    expect(() => check(chain(1), options)).toThrow(message);
  });

  it('rejects them in checkOpen too, naming checkOpen', () => {
    const env = defineEnvironment<N>({ name: 'e', behaviors: { nop: { apply: (s) => s } } });
    expect(() => checkOpen(chain(1), env, { maxDepht: 3 } as CheckOptions)).toThrow(/^checkOpen: unknown option 'maxDepht'/);
  });
});

// Found by review: after a fast start the countdown ran at the old pace, and a state's invariants,
// an empty choices generator and terminal counted as one call or none.
describe('timeout, when calls turn slow after a fast start', () => {
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  const within = (f: () => { kind: string; budget?: string }) => {
    const started = performance.now();
    const r = f();
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('timeout');
    // The timeout is 150 ms; each slow call 30 ms. Before: 4 to 18 times the timeout.
    expect(performance.now() - started).toBeLessThan(1000);
  };
  const counter = (slow: { inv?: boolean; choices?: boolean; many?: boolean }) =>
    defineModel<{ n: number }>({
      name: 'turns-slow',
      init: { n: 0 },
      actions: {
        inc: { apply: (s) => ({ n: s.n + 1 }) },
        ...(slow.choices ? { idle: { *choices(s: { n: number }) { if (s.n >= 2000) busy(30); }, apply: (s: { n: number }) => s } } : {}),
      },
      invariants: Object.fromEntries(
        Array.from({ length: slow.many ? 20 : 1 }, (_, i) => [`i${i}`, (s: { n: number }) => (slow.inv && s.n >= 2000 ? (busy(30), true) : true)]),
      ),
    });

  it('a slow invariant', () => within(() => check(counter({ inv: true }), { timeout: 150 })));
  it('twenty slow invariants per state', () => within(() => check(counter({ inv: true, many: true }), { timeout: 150 })));
  it('a slow choices generator that yields nothing', () => within(() => check(counter({ choices: true }), { timeout: 150 })));
  it('a slow goal in a liveness check', () =>
    within(() => checkLiveness(counter({}), { goal: (s) => (s.n >= 2000 ? (busy(30), false) : false) }, { timeout: 150 })));
});

// Second review, item 9: a check run inside an action took the one watchdog for
// itself, and the outer check then overran its timeout by up to 64 slow calls.
describe('timeout, with a check nested inside an action', () => {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const sleep = (ms: number) => Atomics.wait(nap, 0, 0, ms);

  it('holds for the outer check once the inner one is done', () => {
    const inner = defineModel({ name: 'inner', init: 0, actions: { inc: { enabled: (n: number) => n < 200, apply: (n: number) => (sleep(0.05), n + 1) } }, terminal: () => true });
    let started = 0;
    let innerDone = false;
    let slowCalls = 0;
    const outer = defineModel({
      name: 'outer',
      init: 0,
      actions: {
        inc: {
          apply: (n: number) => {
            const elapsed = performance.now() - started;
            if (!innerDone && elapsed > 30) {
              innerDone = true;
              expect(check(inner, { timeout: 10_000 }).kind).toBe('ok');
            }
            if (elapsed > 300) {
              slowCalls++;
              sleep(50);
            }
            return n + 1;
          },
        },
      },
    });
    started = performance.now();
    const r = check(outer, { timeout: 300 });
    expect(r).toMatchObject({ kind: 'incomplete', budget: 'timeout' });
    expect(innerDone).toBe(true);
    // Slow calls after the deadline: the watchdog stops the search at the next one. Before: up to 64.
    expect(slowCalls).toBeLessThanOrEqual(4);
  });
});

// Second review, item 7: check() gave its liveness phase a whole timeout of its own.
describe('timeout, for check() with invariants and liveness properties', () => {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const sleep = (ms: number) => Atomics.wait(nap, 0, 0, ms);

  it('is one budget for both phases', () => {
    // Each phase sleeps at least 300 ms (1 ms in each of 300 states): 600 ms together, past the 450 ms timeout.
    const m = defineModel({
      name: 'two-phases',
      init: 0,
      actions: { inc: { enabled: (n: number) => n < 299, apply: (n: number) => n + 1 } },
      invariants: { slow: (n: number) => (sleep(1), n < 300) },
      liveness: { done: { goal: (n: number) => (sleep(1), n === 299) } },
      terminal: (n: number) => n === 299,
    });
    expect(check(m, { timeout: 450 })).toMatchObject({ kind: 'incomplete', budget: 'timeout', liveness: 'done' });
  });
});
