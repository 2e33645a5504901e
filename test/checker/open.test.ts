import { describe, expect, it } from 'vitest';
import { checkOpen, defineEnvironment, defineModel } from '../../src/index.js';
import { partsOf } from '../../src/model/define-model.js';

/** A mailbox: the model delivers; a network may duplicate a delivered message; power may crash the server. */
type Mail = { queue: string[]; delivered: string[]; up: boolean };

const mailbox = defineModel<Mail>({
  name: 'mailbox',
  init: { queue: ['m1', 'm2'], delivered: [], up: true },
  actions: {
    deliver: {
      choices: (s) => s.queue,
      enabled: (s) => s.up,
      apply: (s, m: string) => ({ ...s, queue: s.queue.filter((x) => x !== m), delivered: [...s.delivered, m] }),
    },
  },
  invariants: { 'delivered-once': (s) => new Set(s.delivered).size === s.delivered.length },
  terminal: (s) => s.queue.length === 0 || !s.up,
});

/** No message vanishes: each is still queued or was delivered. */
function keepsMail(s: Mail): boolean {
  return s.queue.length + new Set(s.delivered).size === 2;
}

const power = defineEnvironment<Mail>({
  name: 'power',
  behaviors: { crash: { enabled: (s) => s.up, apply: (s) => ({ ...s, up: false }) } },
  guarantees: { 'crash-keeps-mail': keepsMail },
  assumptions: {
    ups: { description: 'A UPS lets the server finish a delivery', source: 'datacenter SLA' },
    disks: { description: 'Disks survive a crash', status: 'verified', source: 'fsync audit' },
  },
});

const network = (duplicates: boolean) =>
  defineEnvironment<Mail>({
    name: 'net',
    behaviors: {
      duplicate: {
        choices: (s) => s.delivered,
        enabled: () => duplicates,
        apply: (s, m: string) => ({ ...s, delivered: [...s.delivered, m] }),
      },
    },
    assumptions: {
      fifo: { description: 'Messages arrive in order', source: 'TCP' },
      'no-loss': { description: 'No message is lost' },
    },
  });

describe('checkOpen', () => {
  it('interleaves environment behaviors with model actions, labelled `${env}:${name}`', () => {
    const open = checkOpen(mailbox, network(true));
    expect(open.ok).toBe(false);
    expect(open.result.kind).toBe('invariant');
    expect(open.result.invariant).toBe('delivered-once');
    expect(open.result.trace.map((s) => s.action)).toEqual([null, 'deliver(m1)', 'net:duplicate(m1)']);
    expect(open.result.trace.map((s) => s.environment)).toEqual([undefined, undefined, 'net']);
  });

  it('passes when no behavior breaks anything, and explores every behavior', () => {
    const open = checkOpen(mailbox, [power, network(false)]);
    expect(open.ok).toBe(true);
    expect(open.result.ok).toBe(true);
    // States: the 5 delivery histories (none, m1, m2, m1 m2, m2 m1), each up and each crashed.
    expect(open.result.stats.states).toBe(5 * 2);
    expect(open.result.coverage).toEqual([
      { action: 'deliver', enabled: 4, newStates: 4 },
      { action: 'power:crash', environment: 'power', enabled: 5, newStates: 5 },
      { action: 'net:duplicate', environment: 'net', enabled: 0, newStates: 0 },
    ]);
  });

  it('checks guarantees like invariants, and says whose guarantee broke', () => {
    const lossy = defineEnvironment<Mail>({
      name: 'power',
      behaviors: { crash: { enabled: (s) => s.up, apply: (s) => ({ ...s, up: false, queue: [] }) } },
      guarantees: { 'crash-keeps-mail': keepsMail },
    });
    const r = checkOpen(mailbox, lossy).result;
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('crash-keeps-mail');
    expect(r.guaranteeOf).toBe('power');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'power:crash']);
  });

  it('returns every assumption in environment order, then declaration order, with environment and source', () => {
    const open = checkOpen(mailbox, [network(false), power]);
    expect(open.assumptions.map((a) => [a.environment, a.name, a.status, a.source])).toEqual([
      ['net', 'fifo', 'unverified', 'TCP'],
      ['net', 'no-loss', 'unverified', undefined],
      ['power', 'ups', 'unverified', 'datacenter SLA'],
      ['power', 'disks', 'verified', 'fsync audit'],
    ]);
    expect(open.unverifiedAssumptions.map((a) => `${a.environment}/${a.name}`)).toEqual(['net/fifo', 'net/no-loss', 'power/ups']);
    expect(open.environments).toEqual(['net', 'power']);
    const flipped = checkOpen(mailbox, [power, network(false)]);
    expect(flipped.unverifiedAssumptions.map((a) => `${a.environment}/${a.name}`)).toEqual(['power/ups', 'net/fifo', 'net/no-loss']);
  });

  it('reports the obligations even when the check fails, and counts them in toString', () => {
    const open = checkOpen(mailbox, [power, network(true)]);
    expect(open.ok).toBe(false);
    expect(open.unverifiedAssumptions).toHaveLength(3);
    expect(String(open)).toBe("invariant 'delivered-once' violated after 2 steps; 3 unverified assumptions");
  });

  it('takes one environment or a list of one alike', () => {
    const one = checkOpen(mailbox, power);
    const list = checkOpen(mailbox, [power]);
    expect(String(one)).toBe(String(list));
    expect(one.result.stats).toMatchObject({ states: list.result.stats.states, transitions: list.result.stats.transitions });
  });

  it('accepts options as check does', () => {
    const r = checkOpen(mailbox, power, { maxStates: 2 }).result;
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('maxStates');
  });

  it('composes environments that share a name when their behaviors differ; the name is listed once', () => {
    const halt = defineEnvironment<Mail>({ name: 'power', behaviors: { halt: { enabled: (s) => s.up, apply: (s) => ({ ...s, up: false }) } } });
    const open = checkOpen(mailbox, [power, halt, network(false)]);
    expect(open.ok).toBe(true);
    // halt reaches the same crashed states as crash: 10 states still, and both fire from each of the 5 up states.
    expect(open.result.stats.states).toBe(10);
    expect(open.result.coverage.map((c) => [c.action, c.environment, c.enabled])).toEqual([
      ['deliver', undefined, 4],
      ['power:crash', 'power', 5],
      ['power:halt', 'power', 5],
      ['net:duplicate', 'net', 0],
    ]);
    expect(open.environments).toEqual(['power', 'net']);
    expect(() => checkOpen(mailbox, [power, power])).toThrow("checkOpen: behavior 'power:crash' of environment 'power' has the same name as behavior 'power:crash'");
  });

  it('does not change the model: a plain check of it ignores the environments', () => {
    checkOpen(mailbox, network(true));
    expect(partsOf(mailbox).transitions.map((t) => t.label)).toEqual(['deliver']);
  });
});
