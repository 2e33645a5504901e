/**
 * network.channel, network.partition and sel4.untrustedComponent against
 * models small enough to count by hand, and several factories composed in
 * one checkOpen and one toSurvive.
 */
import '../../src/vitest.js';
import { describe, expect, it } from 'vitest';
import { checkOpen, defineModel, ModelDefinitionError } from '../../src/index.js';
import { k8s, linux, network, sel4 } from '../../src/environments/index.js';

/** Two messages already in flight; the receiver appends what it gets. The model itself does nothing. */
type Mail = { inFlight: string[]; got: string[]; [key: string]: unknown };

const mail = (invariants: Record<string, (s: Mail) => boolean> = {}, inFlight = ['a', 'b']) =>
  defineModel<Mail>({
    name: 'mail',
    init: { inFlight, got: [] },
    actions: { wait: { enabled: () => false, apply: (s) => s } },
    invariants,
    terminal: () => true,
  });

const lens = {
  messages: (s: Mail) => s.inFlight,
  withMessages: (s: Mail, inFlight: readonly string[]) => ({ ...s, inFlight: [...inFlight] }),
  deliver: (s: Mail, m: string) => ({ ...s, got: [...s.got, m] }),
};

describe('network.channel', () => {
  it.each([
    // Unordered: {ab,-} {b,a} {a,b} {-,ab} {-,ba}.
    ['unordered', {}, 5],
    // Ordered: only the head: {ab,-} {b,a} {-,ab}.
    ['ordered', { ordered: true }, 3],
    // Unordered and lossy: each message in flight, got or lost (3 × 3), both got in either order (+1).
    ['unordered, lossy', { lossy: true }, 10],
    // Ordered and lossy: as above but b is got only once a has left the channel, and only after a: 2 + 3 + 3.
    ['ordered, lossy', { ordered: true, lossy: true }, 8],
    // Lossy with one loss at most: the state where both are lost goes.
    ['unordered, lossy, maxFaults 1', { lossy: true, maxFaults: 1 }, 9],
  ])('%s: %i states', (_name, semantics, states) => {
    const r = checkOpen(mail(), network.channel({ ...lens, ...semantics })).result;
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(states);
  });

  it('delivers only the oldest message when ordered', () => {
    const r = checkOpen(mail({ 'a-first': (s) => s.got[0] !== 'b' }), network.channel({ ...lens, ordered: true })).result;
    expect(r.ok).toBe(true);
    const unordered = checkOpen(mail({ 'a-first': (s) => s.got[0] !== 'b' }), network.channel(lens)).result;
    expect(unordered.trace.map((s) => s.action)).toEqual([null, 'net:deliver(b)']);
  });

  it('duplicates, within its budget: one message, maxFaults 1, 5 states, and the double delivery in 3 steps', () => {
    const once = (s: Mail) => new Set(s.got).size === s.got.length;
    const env = network.channel({ ...lens, duplicating: true, maxFaults: 1 });
    const open = checkOpen(mail({ once }, ['a']), env);
    expect(open.result.trace.map((s) => s.action)).toEqual([null, 'net:duplicate(a)', 'net:deliver(a)', 'net:deliver(a)']);
    expect(open.result.trace[1].state).toEqual({ inFlight: ['a', 'a'], got: [], 'net:faults': 1 });
    // ([a],[]) ([],[a]) then, after the duplicate: ([a,a],[]) ([a],[a]) ([],[a,a]).
    expect(checkOpen(mail({}, ['a']), env).result.stats.states).toBe(5);
  });

  it('declares what the chosen semantics leave to the transport', () => {
    const names = (options: object) => checkOpen(mail(), network.channel({ ...lens, ...options })).assumptions.map((a) => a.name);
    expect(names({})).toEqual(['no-corruption', 'no-loss', 'no-duplication']);
    expect(names({ ordered: true, lossy: true, duplicating: true, maxFaults: 1 })).toEqual(['no-corruption', 'fifo']);
    const sources = checkOpen(mail(), network.channel({ ...lens, ordered: true })).assumptions.map((a) => a.source);
    expect(sources).toEqual(Array(4).fill('RFC 9293: Transmission Control Protocol (TCP)'));
  });

  it('composes two independent channels by name', () => {
    type Two = { a: string[]; b: string[]; got: string[] };
    const two = defineModel<Two>({ init: { a: ['x'], b: ['y'], got: [] }, actions: { wait: { enabled: () => false, apply: (s) => s } }, terminal: () => true });
    const over = (part: 'a' | 'b', name: string) =>
      network.channel<Two, string>({
        name,
        messages: (s) => s[part],
        withMessages: (s, m) => ({ ...s, [part]: [...m] }),
        deliver: (s, m) => ({ ...s, got: [...s.got, m] }),
      });
    const open = checkOpen(two, [over('a', 'net-a'), over('b', 'net-b')]);
    // x and y each in flight or got, both got in either order: 2 × 2 + 1.
    expect(open.result.stats.states).toBe(5);
    expect(open.environments).toEqual(['net-a', 'net-b']);
    expect(open.result.coverage.map((c) => c.action)).toEqual(['wait', 'net-a:deliver', 'net-b:deliver']);
  });

  it('refuses a flag that is not a boolean, naming the option', () => {
    expect(() => network.channel({ ...lens, lossy: 'yes' } as never)).toThrow("network.channel: option lossy must be a boolean, got the string \"yes\"");
    expect(() => network.channel({ messages: lens.messages } as never)).toThrow('network.channel: option withMessages must be a function, got undefined');
  });
});

describe('network.partition', () => {
  type Net = { n: number; split: boolean; [key: string]: unknown };
  const net = (invariants: Record<string, (s: Net) => boolean> = {}) =>
    defineModel<Net>({
      init: { n: 0, split: false },
      actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ ...s, n: s.n + 1 }) } },
      invariants,
      terminal: (s) => s.n === 2,
    });
  const partition = (maxFaults?: number) =>
    network.partition<Net>({
      canPartition: (s) => !s.split,
      onPartition: (s) => ({ ...s, split: true }),
      canHeal: (s) => s.split,
      onHeal: (s) => ({ ...s, split: false }),
      maxFaults,
    });

  it.each([
    // n × split: 3 × 2.
    [undefined, 6],
    // c = 0: whole only (3); c = 1: whole or split (6).
    [1, 9],
    // c = 2 adds 6 more: heals are not counted.
    [2, 15],
  ])('maxFaults %s: %i states', (maxFaults, states) => {
    expect(checkOpen(net(), partition(maxFaults)).result.stats.states).toBe(states);
  });

  it('heals: the shortest way back to a whole network after a split is partition, heal', () => {
    const r = checkOpen(net({ 'never-healed': (s) => !(s['net:partitions'] === 1 && !s.split) }), partition(1)).result;
    expect(r.trace.map((s) => s.action)).toEqual([null, 'net:partition', 'net:heal']);
    expect(r.trace[2].state).toEqual({ n: 0, split: false, 'net:partitions': 1 });
  });

  it('declares that partitions heal, sourced', () => {
    expect(checkOpen(net(), partition()).assumptions.map((a) => [a.name, a.source])).toEqual([
      ['partitions-heal', "Gilbert and Lynch, Brewer's Conjecture and the Feasibility of Consistent, Available, Partition-Tolerant Web Services (SIGACT News, 2002)"],
    ]);
  });
});

describe('sel4.untrustedComponent', () => {
  type Sys = { driver: number; crypto: string; [key: string]: unknown };
  const sys = defineModel<Sys>({
    init: { driver: 0, crypto: 'key' },
    actions: { wait: { enabled: () => false, apply: (s) => s } },
    invariants: { 'key-intact': (s) => s.crypto === 'key' },
    terminal: () => true,
  });

  it('acts within its own part: 3 states, the proofs verified, only the hardware and boot residual', () => {
    const rogue = sel4.untrustedComponent<Sys>({ canAct: (s) => s.driver < 2, onAct: (s) => ({ ...s, driver: s.driver + 1 }), outside: (s) => s.crypto });
    const open = checkOpen(sys, rogue);
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(3);
    expect(open.assumptions.map((a) => [a.name, a.status])).toEqual([
      ['functional-correctness', 'verified'],
      ['integrity', 'verified'],
      ['confidentiality', 'verified'],
      ['hardware-and-boot', 'unverified'],
    ]);
    expect(open.unverifiedAssumptions.map((a) => a.name)).toEqual(['hardware-and-boot']);
    expect(open.assumptions.find((a) => a.name === 'confidentiality')?.source).toContain('Murray et al.');
    expect(open.assumptions.find((a) => a.name === 'functional-correctness')?.source).toContain('Klein et al., seL4: Formal Verification of an OS Kernel (SOSP 2009)');
  });

  it('refuses an act that changes what it holds no capability to, at the step that does', () => {
    const forged = sel4.untrustedComponent<Sys>({ canAct: () => true, onAct: (s) => ({ ...s, crypto: 'stolen' }), outside: (s) => s.crypto });
    const r = checkOpen(sys, forged).result;
    expect(r.kind).toBe('error');
    expect((r.error as Error).message).toContain('sel4.untrustedComponent: onAct changed what outside() returns');
    expect(r.trace.map((s) => s.action)).toEqual([null]);
  });
});

describe('several factories in one check', () => {
  type Pod = { up: boolean; cache: number; [key: string]: unknown };
  const pod = defineModel<Pod>({
    name: 'pod',
    init: { up: true, cache: 0 },
    actions: {
      fill: { enabled: (s) => s.up && s.cache < 1, apply: (s) => ({ ...s, cache: s.cache + 1 }) },
      restart: { enabled: (s) => !s.up, apply: (s) => ({ ...s, up: true }) },
    },
    invariants: { 'cache-only-when-up': (s) => s.up || s.cache === 0 },
    terminal: (s) => s.up && s.cache === 1,
  });
  const eviction = k8s.podEviction<Pod>({ canEvict: (s) => s.up, onEvict: (s) => ({ ...s, up: false, cache: 0 }), maxEvictions: 1 });
  const failure = k8s.nodeFailure<Pod>({ canFail: (s) => s.up, onFail: (s) => ({ ...s, up: false, cache: 0 }), maxFaults: 1 });
  const crash = linux.processCrash<Pod>({ canCrash: (s) => s.up, onCrash: (s) => ({ ...s, up: false }), maxFaults: 1 });

  it('explores every factory; two of one platform share its name, listed once', () => {
    const open = checkOpen(pod, [eviction, failure]);
    expect(open.ok).toBe(true);
    // (up, cache) for each count of (evictions, failures): (0,0): T0 T1 — 2;
    // (1,0), (0,1), (1,1): F0 T0 T1 — 3 each (a fault leaves F0). Total 11.
    expect(open.result.stats.states).toBe(11);
    expect(open.environments).toEqual(['k8s']);
    expect(open.assumptions.map((a) => a.name)).toEqual(['node-capacity', 'eviction-rate-bounded', 'failed-node-fenced']);
    expect(open.result.coverage.map((c) => c.action)).toEqual(['fill', 'restart', 'k8s:evict-pod', 'k8s:fail-node']);
  });

  it('finds the fault of another platform that breaks the invariant, in the shortest trace', () => {
    const r = checkOpen(pod, [eviction, failure, crash]).result;
    expect(r.kind).toBe('invariant');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'fill', 'linux:crash']);
    expect(r.trace[2].state).toEqual({ up: false, cache: 1, 'linux:crashes': 1 });
  });

  it('works with toSurvive', () => {
    expect(pod).toSurvive([eviction, failure]);
    expect(pod).not.toSurvive([eviction, failure, crash]);
  });

  it('refuses the same factory twice: the same label', () => {
    expect(() => checkOpen(pod, [eviction, eviction])).toThrow(ModelDefinitionError);
    expect(() => checkOpen(pod, [eviction, eviction])).toThrow("checkOpen: behavior 'k8s:evict-pod' of environment 'k8s' has the same name as behavior 'k8s:evict-pod'");
  });
});
