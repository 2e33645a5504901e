/**
 * The one-behavior factories of kripke/environments (every platform but the
 * network and seL4), each against the same small model whose answers are
 * counted by hand: a counter n = 0 → 1 → 2 (terminal at 2) that the fault
 * resets to 0 whenever n > 0.
 *
 * - Without a budget the fault adds no state: 3 states (n = 0, 1, 2).
 * - With a budget B the count c = 0..B is in the state: 3 × (B + 1) states.
 * - "n back at 2 after a fault" is first reached in 4 steps:
 *   inc, fault, inc, inc (inc, inc, fault, inc, inc is 5).
 */
import { describe, expect, it } from 'vitest';
import { check, checkOpen, defineModel, type Environment, ModelDefinitionError } from '../../src/index.js';
import { aws, etcd, k8s, linux } from '../../src/environments/index.js';

type Counter = { n: number; [key: string]: unknown };

const counter = (invariants: Record<string, (s: Counter) => boolean> = {}) =>
  defineModel<Counter>({
    name: 'counter',
    init: { n: 0 },
    actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ ...s, n: s.n + 1 }) } },
    invariants,
    terminal: (s) => s.n === 2,
  });

const canFault = (s: Counter) => s.n > 0;
const reset = (s: Counter) => ({ ...s, n: 0 });

interface Case {
  factory: string;
  make: (options: { max?: number; name?: string }) => Environment<Counter>;
  env: string;
  behavior: string;
  counter: string;
  budgetOption: string;
}

const cases: Case[] = [
  {
    factory: 'k8s.podEviction',
    make: ({ max, name }) => k8s.podEviction({ canEvict: canFault, onEvict: reset, maxEvictions: max, name }),
    env: 'k8s',
    behavior: 'evict-pod',
    counter: 'evictions',
    budgetOption: 'maxEvictions',
  },
  {
    // The same budget under the name every other factory uses.
    factory: 'k8s.podEviction',
    make: ({ max, name }) => k8s.podEviction({ canEvict: canFault, onEvict: reset, maxFaults: max, name }),
    env: 'k8s',
    behavior: 'evict-pod',
    counter: 'evictions',
    budgetOption: 'maxFaults',
  },
  { factory: 'k8s.nodeDrain', make: ({ max, name }) => k8s.nodeDrain({ canDrain: canFault, onDrain: reset, maxFaults: max, name }), env: 'k8s', behavior: 'drain-node', counter: 'drains', budgetOption: 'maxFaults' },
  { factory: 'k8s.nodeFailure', make: ({ max, name }) => k8s.nodeFailure({ canFail: canFault, onFail: reset, maxFaults: max, name }), env: 'k8s', behavior: 'fail-node', counter: 'node-failures', budgetOption: 'maxFaults' },
  { factory: 'k8s.rollingUpdate', make: ({ max, name }) => k8s.rollingUpdate({ canReplace: canFault, onReplace: reset, maxFaults: max, name }), env: 'k8s', behavior: 'replace-pod', counter: 'replacements', budgetOption: 'maxFaults' },
  { factory: 'aws.throttling', make: ({ max, name }) => aws.throttling({ canThrottle: canFault, onThrottle: reset, maxFaults: max, name }), env: 'aws', behavior: 'throttle', counter: 'throttles', budgetOption: 'maxFaults' },
  { factory: 'aws.staleRead', make: ({ max, name }) => aws.staleRead({ canReadStale: canFault, onStaleRead: reset, maxFaults: max, name }), env: 'aws', behavior: 'stale-read', counter: 'stale-reads', budgetOption: 'maxFaults' },
  { factory: 'linux.processCrash', make: ({ max, name }) => linux.processCrash({ canCrash: canFault, onCrash: reset, maxFaults: max, name }), env: 'linux', behavior: 'crash', counter: 'crashes', budgetOption: 'maxFaults' },
  { factory: 'linux.oomKill', make: ({ max, name }) => linux.oomKill({ canKill: canFault, onKill: reset, maxFaults: max, name }), env: 'linux', behavior: 'oom-kill', counter: 'oom-kills', budgetOption: 'maxFaults' },
  { factory: 'linux.fsyncLoss', make: ({ max, name }) => linux.fsyncLoss({ canLose: canFault, onLose: reset, maxFaults: max, name }), env: 'linux', behavior: 'lose-unsynced', counter: 'lost-writes', budgetOption: 'maxFaults' },
  { factory: 'linux.clockJump', make: ({ max, name }) => linux.clockJump({ canJump: canFault, onJump: reset, maxFaults: max, name }), env: 'linux', behavior: 'clock-jump', counter: 'clock-jumps', budgetOption: 'maxFaults' },
  { factory: 'etcd.leaderChange', make: ({ max, name }) => etcd.leaderChange({ canChange: canFault, onChange: reset, maxFaults: max, name }), env: 'etcd', behavior: 'leader-change', counter: 'leader-changes', budgetOption: 'maxFaults' },
  { factory: 'etcd.leaseExpiry', make: ({ max, name }) => etcd.leaseExpiry({ canExpire: canFault, onExpire: reset, maxFaults: max, name }), env: 'etcd', behavior: 'lease-expiry', counter: 'lease-expiries', budgetOption: 'maxFaults' },
  { factory: 'etcd.watchReset', make: ({ max, name }) => etcd.watchReset({ canReset: canFault, onReset: reset, maxFaults: max, name }), env: 'etcd', behavior: 'watch-reset', counter: 'watch-resets', budgetOption: 'maxFaults' },
];

describe.each(cases)('$factory', ({ factory, make, env, behavior, counter: noun, budgetOption }) => {
  const label = `${env}:${behavior}`;
  const key = `${env}:${noun}`;

  it(`fires as ${label} and, without a budget, adds nothing to the state: 3 states`, () => {
    const open = checkOpen(counter({ 'no-count': (s) => !(key in s) }), make({}));
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(3);
    expect(open.environments).toEqual([env]);
    // The fault fires from n = 1 and n = 2 and leads back to the initial state: no new state.
    expect(open.result.coverage).toContainEqual({ action: label, environment: env, enabled: 2, newStates: 0 });
  });

  it.each([
    [0, 3],
    [1, 6],
    [2, 9],
  ])(`with ${budgetOption} %i keeps its count under '${key}': %i states`, (max, states) => {
    const r = checkOpen(counter(), make({ max })).result;
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(states);
  });

  it('finds the shortest trace to n = 2 after a fault, with the count in the state', () => {
    const again = (s: Counter) => !((s[key] as number | undefined) !== undefined && s.n === 2);
    const r = checkOpen(counter({ 'not-again': again }), make({ max: 2 })).result;
    expect(r.kind).toBe('invariant');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'inc', label, 'inc', 'inc']);
    expect(r.trace.map((s) => s.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 0, [key]: 1 }, { n: 1, [key]: 1 }, { n: 2, [key]: 1 }]);
  });

  it('declares its assumptions, each with a description and a source', () => {
    const open = checkOpen(counter(), make({}));
    expect(open.assumptions.length).toBeGreaterThanOrEqual(1);
    for (const a of open.assumptions) {
      expect(a.environment).toBe(env);
      expect(a.description.length).toBeGreaterThan(20);
      expect(a.source?.length).toBeGreaterThan(5);
    }
  });

  it('takes a name: the label and the budget key follow it', () => {
    const r = checkOpen(counter({ 'not-again': (s) => !(s[`ops:${noun}`] === 1 && s.n === 2) }), make({ name: 'ops', max: 1 })).result;
    expect(r.trace.map((s) => s.action)).toEqual([null, 'inc', `ops:${behavior}`, 'inc', 'inc']);
    expect(r.trace[2]).toMatchObject({ environment: 'ops', state: { n: 0, [`ops:${noun}`]: 1 } });
  });

  it(`refuses a state that is not a plain record when budgeted, naming the factory, the environment and ${budgetOption}`, () => {
    const bare = defineModel<number>({ init: 0, actions: { inc: { enabled: (n) => n < 1, apply: (n) => n + 1 } }, terminal: () => true });
    const budgeted = make({ max: 1 }) as unknown as Environment<number>;
    const r = checkOpen(bare, budgeted).result;
    expect(r.kind).toBe('error');
    expect(String((r.error as Error).message)).toContain(
      `${factory} (environment '${env}'): ${budgetOption} keeps its count in the state under '${key}', so the state must be a plain record; got number 0`,
    );
    // Without a budget the same state is fine: nothing is kept in it.
    expect(checkOpen(bare, make({}) as unknown as Environment<number>).ok).toBe(true);
  });

  it(`refuses a negative ${budgetOption}, naming the factory and the option`, () => {
    expect(() => make({ max: -1 })).toThrow(ModelDefinitionError);
    expect(() => make({ max: -1 })).toThrow(`${factory}: option ${budgetOption} must be a non-negative integer (a count of faults along a path), got number -1`);
    expect(() => make({ max: 1.5 })).toThrow(`${factory}: option ${budgetOption} must be`);
  });

  it('refuses a name with a colon, naming the factory and the option', () => {
    expect(() => make({ name: 'a:b' })).toThrow(`${factory}: option name must be a non-empty string without ':', got the string "a:b"`);
  });
});

describe('bad options', () => {
  it('names the factory and the missing callback', () => {
    expect(() => k8s.podEviction({ canEvict: canFault } as never)).toThrow('k8s.podEviction: option onEvict must be a function, got undefined');
    expect(() => linux.processCrash({ canCrash: 1, onCrash: reset } as never)).toThrow('linux.processCrash: option canCrash must be a function, got number 1');
  });

  it('names a misspelt option and suggests the right one', () => {
    expect(() => k8s.podEviction({ canEvict: canFault, onEvict: reset, maxEviction: 2 } as never)).toThrow(
      "k8s.podEviction: unknown field 'maxEviction' (did you mean 'maxEvictions'?); the fields are canEvict, onEvict, maxEvictions, maxFaults, name, guarantees",
    );
    // maxFaults is podEviction's budget too (the name every factory shares), but not beside maxEvictions.
    expect(() => k8s.podEviction({ canEvict: canFault, onEvict: reset, maxEvictions: 1, maxFaults: 2 })).toThrow(
      'k8s.podEviction: give maxEvictions or maxFaults (the same budget), not both',
    );
  });

  it('says what it expected when given no options object', () => {
    expect(() => etcd.leaderChange(undefined as never)).toThrow('etcd.leaderChange expects an options object { canChange, onChange, … }, got undefined');
  });

  it('passes guarantees through: a broken one is reported as the environment’s', () => {
    const r = checkOpen(counter(), k8s.podEviction({ canEvict: canFault, onEvict: (s) => ({ ...s, n: -1 }), guarantees: { 'n-non-negative': (s) => s.n >= 0 } })).result;
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('n-non-negative');
    expect(r.guaranteeOf).toBe('k8s');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'inc', 'k8s:evict-pod']);
  });
});

describe('the closed model', () => {
  it('has the 3 states the counts above start from', () => {
    expect(check(counter()).stats.states).toBe(3);
  });
});
