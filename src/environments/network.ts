/**
 * The network: a channel over a part of the user's state with the semantics
 * one chooses (ordered or not, lossy, duplicating: Stateright's network
 * semantics), and partitions that heal.
 */
import { canonicalKey, sameState } from '../model/plain-data.js';
import type { ActionSpec, AssumptionSpec, Environment } from '../model/types.js';
import { type Budget, checkOptions, type CommonOptions, counted, environment, fault } from './shared.js';

const UDP = 'RFC 768: User Datagram Protocol';
const TCP = 'RFC 9293: Transmission Control Protocol (TCP)';

/** Options of `network.channel`: where the messages in flight live in the state, and how the channel behaves. */
export interface ChannelOptions<S, M> extends CommonOptions<S> {
  /** The messages in flight, read from the state (oldest first when `ordered`). */
  messages: (state: S) => readonly M[];
  /** The state with these messages in flight instead. */
  withMessages: (state: S, messages: readonly M[]) => S;
  /** What receiving `message` does; called on the state where it is already off the channel. */
  deliver: (state: S, message: M) => S;
  /** FIFO: only the oldest message can be delivered (a TCP connection). Default false: any message, in any order (datagrams). */
  ordered?: boolean;
  /** Any message in flight may be lost (behavior `drop`). Default false. */
  lossy?: boolean;
  /** Any message in flight may be duplicated (behavior `duplicate`), and so delivered twice. Default false. */
  duplicating?: boolean;
  /**
   * At most this many losses and duplications together along a path, counted
   * in the state under `'net:faults'` (`'<name>:faults'` when renamed); a
   * missing key counts as 0. Deliveries are not counted. Without it a
   * duplicating channel's state space is unbounded.
   */
  maxFaults?: number;
}

/**
 * A channel between parts of the model: behavior `deliver(m)` always, `drop(m)`
 * when lossy, `duplicate(m)` when duplicating (in traces `net:deliver(…)`).
 * Delivery is the environment's move, at any moment, as in Stateright's
 * network; the model's actions send by adding to `messages`.
 *
 * @example
 * const net = network.channel<Bank, Transfer>({
 *   messages: (s) => s.inFlight,
 *   withMessages: (s, inFlight) => ({ ...s, inFlight }),
 *   deliver: (s, m) => ({ ...s, balance: s.balance + m.amount }),
 *   lossy: true,
 *   duplicating: true,
 *   maxFaults: 2,
 * });
 */
export function channel<S, M>(options: ChannelOptions<S, M>): Environment<S> {
  checkOptions('network.channel', options, {
    required: ['messages', 'withMessages', 'deliver'],
    budgets: ['maxFaults'],
    flags: ['ordered', 'lossy', 'duplicating'],
  });
  const { ordered = false, lossy = false, duplicating = false } = options;
  return environment<S>({
    factory: 'network.channel',
    platform: 'net',
    options,
    budget: { option: 'maxFaults', counter: 'faults', max: options.maxFaults },
    behaviors: (budget) => channelBehaviors(options, budget),
    assumptions: channelAssumptions(ordered, lossy, duplicating),
  });
}

function channelBehaviors<S, M>(options: ChannelOptions<S, M>, budget: Budget | undefined): Record<string, ActionSpec<S>> {
  const { messages, withMessages, ordered = false } = options;
  const without = (s: S, m: M): M[] => {
    const all = [...messages(s)];
    all.splice(all.findIndex((x) => sameState(x, m)), 1);
    return all;
  };
  const deliver: ActionSpec<S, M> = {
    choices: (s) => (ordered ? messages(s).slice(0, 1) : distinct(messages(s))),
    apply: (s, m) => options.deliver(withMessages(s, without(s, m)), m),
  };
  const behaviors: Record<string, ActionSpec<S>> = { deliver: deliver as ActionSpec<S> };
  if (options.lossy === true) {
    behaviors.drop = counted<S, M>(budget, { choices: (s) => distinct(messages(s)), apply: (s, m) => withMessages(s, without(s, m)) }) as ActionSpec<S>;
  }
  if (options.duplicating === true) {
    const duplicate = (s: S, m: M): S => {
      const all = [...messages(s)];
      // Ordered: the copy follows its original (it cannot overtake what was sent after); unordered: anywhere is alike.
      all.splice(ordered ? all.findIndex((x) => sameState(x, m)) + 1 : all.length, 0, m);
      return withMessages(s, all);
    };
    behaviors.duplicate = counted<S, M>(budget, { choices: (s) => distinct(messages(s)), apply: duplicate }) as ActionSpec<S>;
  }
  return behaviors;
}

/** One of each equal message: two equal messages in flight are one choice. */
function distinct<M>(messages: readonly M[]): M[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = canonicalKey(m);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function channelAssumptions(ordered: boolean, lossy: boolean, duplicating: boolean): Record<string, AssumptionSpec> {
  const assumptions: Record<string, AssumptionSpec> = {
    'no-corruption': {
      description: 'The network never corrupts or invents a message: every message delivered was sent, intact (checksums catch corruption)',
      source: ordered ? TCP : UDP,
    },
  };
  if (ordered) {
    assumptions.fifo = { description: 'Messages on the channel arrive in the order they were sent (one connection)', source: TCP };
  }
  if (!lossy) {
    assumptions['no-loss'] = { description: 'No message is lost (retransmission below the model recovers every loss)', source: TCP };
  }
  if (!duplicating) {
    assumptions['no-duplication'] = { description: 'No message is delivered twice (the transport discards duplicates)', source: TCP };
  }
  return assumptions;
}

/** Options of `network.partition`. */
export interface PartitionOptions<S> extends CommonOptions<S> {
  /** When the network may split (usually: it is whole now). */
  canPartition: (state: S) => boolean;
  /** What the split does: which parts can no longer reach each other. */
  onPartition: (state: S) => S;
  /** When the partition may heal (usually: it is split now). */
  canHeal: (state: S) => boolean;
  /** What healing does: everyone reaches everyone again. */
  onHeal: (state: S) => S;
  /** At most this many partitions along a path (heals are not counted), under `'net:partitions'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * The network splits, then heals: behaviors `partition` and `heal`. Nothing
 * forces the heal in a safety check; the assumption `partitions-heal` records
 * that it comes.
 *
 * @example
 * const split = network.partition<Cluster>({
 *   canPartition: (s) => !s.split,
 *   onPartition: (s) => ({ ...s, split: true }),
 *   canHeal: (s) => s.split,
 *   onHeal: (s) => ({ ...s, split: false }),
 *   maxFaults: 1,
 * });
 */
export function partition<S>(options: PartitionOptions<S>): Environment<S> {
  checkOptions('network.partition', options, { required: ['canPartition', 'onPartition', 'canHeal', 'onHeal'], budgets: ['maxFaults'] });
  return environment<S>({
    factory: 'network.partition',
    platform: 'net',
    options,
    budget: { option: 'maxFaults', counter: 'partitions', max: options.maxFaults },
    behaviors: (budget) => ({
      partition: fault(budget, options.canPartition, options.onPartition),
      heal: fault(undefined, options.canHeal, options.onHeal),
    }),
    assumptions: {
      'partitions-heal': {
        description: 'Every partition heals eventually (a partition that never heals is a failure no protocol can mask)',
        source: "Gilbert and Lynch, Brewer's Conjecture and the Feasibility of Consistent, Available, Partition-Tolerant Web Services (SIGACT News, 2002)",
      },
    },
  });
}
