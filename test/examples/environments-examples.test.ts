/**
 * The three stories of kripke/environments in docs/examples: a leader
 * election against etcd leader changes, a retrying client over a lossy and
 * duplicating network, a write-ahead log against Linux crashes. Each fails
 * in the naive version with its shortest trace, and passes when fixed.
 */
import { describe, expect, it } from 'vitest';
import { checkOpen } from '../../src/index.js';
import { election, leaderChanges, main as electionStory } from '../../docs/examples/leader-election.js';
import { client, networkFor, main as paymentStory, type Payment } from '../../docs/examples/idempotent-retries.js';
import { linuxFaults, wal, main as walStory } from '../../docs/examples/write-ahead-log.js';
import { network } from '../../src/environments/index.js';

describe('leader election on etcd', () => {
  it('breaks when an aborted campaign is taken for a win: campaign, leader change, resolve', () => {
    const r = checkOpen(election(false), leaderChanges).result;
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('leader-holds-key');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'campaign(a)', 'etcd:leader-change', 'resolve(a)']);
    expect(r.trace[3].state).toEqual({ key: null, a: 'leader', b: 'idle', 'etcd:leader-changes': 1 });
  });

  it('survives two leader changes when the candidate reads the key again', () => {
    const open = checkOpen(election(true), leaderChanges);
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(44);
    expect(open.unverifiedAssumptions.map((a) => a.name)).toEqual(['strict-serializability', 'quorum']);
  });

  it('tells the story', () => {
    const lines: string[] = [];
    electionStory((l) => lines.push(l));
    expect(lines).toContain('    trace: init → campaign(a) → etcd:leader-change → resolve(a)');
    expect(lines).toContain('  read the key again:        OK — 44 states, no violations');
  });
});

describe('retries over a lossy, duplicating network', () => {
  it('charges twice without idempotency keys: a duplicated request, delivered twice', () => {
    const r = checkOpen(client, networkFor(false)).result;
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('charged-at-most-once');
    expect(r.trace).toHaveLength(4);
    expect(r.trace.map((s) => s.action)).toEqual([null, 'requests:duplicate(pay-1)', 'requests:deliver(pay-1)', 'requests:deliver(pay-1)']);
    expect(r.trace[3].state.charged).toBe(2);
  });

  it('charges twice through the retry alone when the network only loses: a lost reply, then the retry', () => {
    const [, replies] = networkFor(false);
    const lossyOnly = network.channel<Payment, string>({
      name: 'requests',
      messages: (s) => s.requests,
      withMessages: (s, requests) => ({ ...s, requests: [...requests] }),
      deliver: (s, key) => ({ ...s, charged: s.charged + 1, applied: [...s.applied, key], replies: [...s.replies, key] }),
      lossy: true,
      maxFaults: 1,
    });
    const r = checkOpen(client, [lossyOnly, replies]).result;
    expect(r.trace.map((s) => s.action)).toEqual([null, 'requests:deliver(pay-1)', 'replies:drop(pay-1)', 'retry', 'requests:deliver(pay-1)']);
  });

  it('charges once with idempotency keys, in 27 states', () => {
    const open = checkOpen(client, networkFor(true));
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(27);
    expect(open.environments).toEqual(['requests', 'replies']);
  });

  it('tells the story', () => {
    const lines: string[] = [];
    paymentStory((l) => lines.push(l));
    expect(lines).toContain("  without idempotency keys: invariant 'charged-at-most-once' violated after 3 steps");
    expect(lines).toContain('  with idempotency keys:    OK — 27 states, no violations');
  });
});

describe('a write-ahead log against Linux crashes', () => {
  it('survives a process crash even acknowledging after write(2): the page cache outlives the process', () => {
    const open = checkOpen(wal(false), linuxFaults[0]);
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(9);
  });

  it('loses an acknowledged entry without fsync: write, then the unsynced write is lost', () => {
    const r = checkOpen(wal(false), linuxFaults).result;
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('acked-entries-survive');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'write', 'linux:lose-unsynced']);
    expect(r.trace[2].state).toEqual({ pending: ['y'], cache: [], disk: [], acked: ['x'], 'linux:lost-writes': 1 });
  });

  it('survives both faults when it acknowledges after fsync', () => {
    const open = checkOpen(wal(true), linuxFaults);
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(15);
    expect(open.unverifiedAssumptions.map((a) => a.name)).toEqual(['crash-stop', 'restarted', 'fsync-durable', 'fsync-error-is-a-crash']);
  });

  it('tells the story', () => {
    const lines: string[] = [];
    walStory((l) => lines.push(l));
    expect(lines).toContain('    trace: init → write → linux:lose-unsynced');
    expect(lines).toContain('  ack after fsync:                     OK — 15 states, no violations');
  });
});
