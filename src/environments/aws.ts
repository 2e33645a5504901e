/**
 * AWS: what a cloud API does to its callers — refuse a request for going too
 * fast (throttling), answer a read with an older value (eventual consistency).
 */
import type { Environment } from '../model/types.js';
import { checkOptions, type CommonOptions, environment, fault, oneFault } from './shared.js';

const RETRIES = 'AWS General Reference: Error retries and exponential backoff in AWS; AWS SDKs and Tools Reference Guide: Retry behavior';
const READ_CONSISTENCY = 'Amazon DynamoDB Developer Guide: Read consistency';

/** Options of `aws.throttling`. */
export interface ThrottlingOptions<S> extends CommonOptions<S> {
  /** When the API may refuse a request in flight (one is pending in the state). */
  canThrottle: (state: S) => boolean;
  /** What the refusal does: the request fails with ThrottlingException and the caller sees the error (and may retry). */
  onThrottle: (state: S) => S;
  /** At most this many refusals along a path, counted in the state under `'aws:throttles'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * An AWS API refuses a request with ThrottlingException (HTTP 400 or 429,
 * "Rate exceeded"): behavior `throttle`. Assumes a refused request had no
 * effect and that retrying with backoff eventually gets through.
 *
 * @example
 * const throttling = aws.throttling<Client>({
 *   canThrottle: (s) => s.pending !== null,
 *   onThrottle: (s) => ({ ...s, pending: null, failed: s.failed + 1 }),
 *   maxFaults: 2,
 * });
 */
export function throttling<S>(options: ThrottlingOptions<S>): Environment<S> {
  checkOptions('aws.throttling', options, { required: ['canThrottle', 'onThrottle'], budgets: ['maxFaults'] });
  return environment<S>({
    factory: 'aws.throttling',
    platform: 'aws',
    options,
    budget: { option: 'maxFaults', counter: 'throttles', max: options.maxFaults },
    behaviors: (budget) => ({ throttle: fault(budget, options.canThrottle, options.onThrottle) }),
    assumptions: {
      'throttled-request-not-applied': {
        description: 'A request refused with ThrottlingException had no effect, so it is safe to retry',
        source: RETRIES,
      },
      'retries-get-through': {
        description: 'Throttling is transient: a request retried with exponential backoff is eventually accepted',
        source: RETRIES,
      },
    },
  });
}

/** Options of `aws.staleRead`. */
export interface StaleReadOptions<S> extends CommonOptions<S> {
  /** When a read may be answered from a replica that has not seen the latest write. */
  canReadStale: (state: S) => boolean;
  /** What the stale answer does: the reader gets the previous value instead of the latest one. */
  onStaleRead: (state: S) => S;
  /** At most this many stale reads along a path, counted in the state under `'aws:stale-reads'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * An eventually consistent read (DynamoDB's default, a read replica) returns
 * a value older than the latest acknowledged write: behavior `stale-read`.
 * Assumes replicas converge and that strongly consistent reads are current.
 *
 * @example
 * const stale = aws.staleRead<Store>({
 *   canReadStale: (s) => s.reading && s.previous !== undefined,
 *   onStaleRead: (s) => ({ ...s, reading: false, seen: s.previous }),
 * });
 */
export function staleRead<S>(options: StaleReadOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'aws.staleRead', platform: 'aws', behavior: 'stale-read', counter: 'stale-reads', when: 'canReadStale', effect: 'onStaleRead' },
    options,
    {
      'replicas-converge': {
        description: 'Once writes stop, every eventually consistent read returns the latest write',
        source: READ_CONSISTENCY,
      },
      'strong-reads-current': {
        description: 'A strongly consistent read (ConsistentRead) reflects every write acknowledged before it',
        source: READ_CONSISTENCY,
      },
    },
  );
}
