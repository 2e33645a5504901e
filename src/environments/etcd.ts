/**
 * etcd: what a coordination service does to its clients — change leader
 * (in-flight requests may be aborted), expire a lease, cancel a watch whose
 * revision was compacted.
 */
import type { Environment } from '../model/types.js';
import { type CommonOptions, oneFault } from './shared.js';

const GUARANTEES = 'etcd docs: etcd API guarantees (https://etcd.io/docs/v3.5/learning/api_guarantees/)';

/** Options of `etcd.leaderChange`. */
export interface LeaderChangeOptions<S> extends CommonOptions<S> {
  /** When the etcd cluster may elect a new leader. */
  canChange: (state: S) => boolean;
  /** What the change does to the clients: requests in flight are aborted without a reply, a leader-elected client loses its session. */
  onChange: (state: S) => S;
  /** At most this many leader changes along a path, counted in the state under `'etcd:leader-changes'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * The etcd cluster elects a new Raft leader: behavior `leader-change`.
 * Requests in flight may be aborted with no reply. Assumes completed
 * operations are strictly serializable across the change, and a quorum.
 *
 * @example
 * const election = etcd.leaderChange<Election>({
 *   canChange: (s) => s.leader !== null,
 *   onChange: (s) => ({ ...s, leader: null }),
 *   maxFaults: 2,
 * });
 */
export function leaderChange<S>(options: LeaderChangeOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'etcd.leaderChange', platform: 'etcd', behavior: 'leader-change', counter: 'leader-changes', when: 'canChange', effect: 'onChange' },
    options,
    {
      'strict-serializability': {
        description: 'KV operations that completed are durable and strictly serializable across leader changes; an aborted one may or may not have happened',
        source: GUARANTEES,
      },
      quorum: {
        description: 'A majority of members is up and connected, so a new leader is elected',
        source: 'etcd docs: Frequently Asked Questions (What is failure tolerance?)',
      },
    },
  );
}

/** Options of `etcd.leaseExpiry`. */
export interface LeaseExpiryOptions<S> extends CommonOptions<S> {
  /** When a lease may expire (its holder's keep-alives stopped arriving, or arrived too late). */
  canExpire: (state: S) => boolean;
  /** What expiry does: the keys attached to the lease are deleted; the holder may not know yet. */
  onExpire: (state: S) => S;
  /** At most this many expiries along a path, counted in the state under `'etcd:lease-expiries'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * A lease expires and etcd deletes its keys (a lock, a leader key, a
 * registration): behavior `lease-expiry`. The holder learns it later, if at
 * all. Assumes expiry deletes the keys atomically and not before the TTL.
 *
 * @example
 * const expiry = etcd.leaseExpiry<Election>({
 *   canExpire: (s) => s.leaseHolder !== null,
 *   onExpire: (s) => ({ ...s, leaseHolder: null }),
 * });
 */
export function leaseExpiry<S>(options: LeaseExpiryOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'etcd.leaseExpiry', platform: 'etcd', behavior: 'lease-expiry', counter: 'lease-expiries', when: 'canExpire', effect: 'onExpire' },
    options,
    {
      'lease-ttl-honoured': {
        description: 'A lease is not revoked before its TTL has passed since the last keep-alive; on expiry its keys are deleted in one revision',
        source: 'etcd docs: etcd API (Lease API)',
      },
    },
  );
}

/** Options of `etcd.watchReset`. */
export interface WatchResetOptions<S> extends CommonOptions<S> {
  /** When a watch may be cancelled because its start revision was compacted. */
  canReset: (state: S) => boolean;
  /** What the cancellation does: the watcher's cache is stale and it must re-read (list) before watching again. */
  onReset: (state: S) => S;
  /** At most this many resets along a path, counted in the state under `'etcd:watch-resets'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * A watch is cancelled with compact_revision set (its revision was
 * compacted), so the events in between are gone: behavior `watch-reset`.
 * Assumes watches are otherwise ordered, unique and reliable.
 *
 * @example
 * const reset = etcd.watchReset<Cache>({
 *   canReset: (s) => s.watching,
 *   onReset: (s) => ({ ...s, watching: false, synced: false }),
 *   maxFaults: 1,
 * });
 */
export function watchReset<S>(options: WatchResetOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'etcd.watchReset', platform: 'etcd', behavior: 'watch-reset', counter: 'watch-resets', when: 'canReset', effect: 'onReset' },
    options,
    {
      'watch-ordered-unique-reliable': {
        description: 'A watch delivers events in revision order, each once, and skips none unless it is cancelled with a compacted revision',
        source: GUARANTEES,
      },
      'compaction-reported': {
        description: 'A watch from a compacted revision is cancelled with compact_revision set, never silently resumed',
        source: 'etcd docs: etcd API (Watch API)',
      },
    },
  );
}
