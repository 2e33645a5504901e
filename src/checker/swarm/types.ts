/**
 * What a swarm search is told and what it says. A swarm never passes: it
 * returns a problem with its trace, or `incomplete` with `budget: 'swarm'`.
 */
import type { DeadlockResult, ErrorResult, IncompleteResult, InvariantResult } from '../types.js';
import type { MemberEnd } from './explore.js';
import type { Minimisation } from './minimise.js';
import type { Shard } from './shard.js';

export type { Shard } from './shard.js';
export type { Minimisation } from './minimise.js';

/** Options of `swarm()` and of a matcher's `{ swarm: { … } }`. */
export interface SwarmOptions {
  /**
   * `'bitstate'` (default): a depth-first search whose visited set is a bit
   * array (Holzmann's supertrace), successors in a seeded random order.
   * `'random'`: seeded random walks with restarts.
   */
  mode?: 'bitstate' | 'random';
  /** The swarm's seed, an integer from 0 to 2^32 − 1. Default 1. Each member mixes it with its index. */
  seed?: number;
  /** Which member this is: `'i/n'` or `{ index, count }`. Default: `KRIPKE_SHARD`, else `'1/1'`. */
  shard?: string | Shard;
  /** States to visit (random walks count a state each time they pass it). Default as `check()`: 1,000,000. */
  maxStates?: number;
  /** Bitstate: how deep the search goes; random: the length of each walk (default 1,000 when unbounded). */
  maxDepth?: number;
  /** Milliseconds for the search and the minimisation. Default as `check()`. */
  timeout?: number;
  /** Report reachable non-terminal states with no enabled action. Default true (the matchers set their own). */
  deadlock?: boolean;
  /** Size of the bit array in bits: a power of two from 2^10 to 2^32. Default 2^27 (16 MB). */
  bitstateBits?: number;
  /** Bits each state sets (k hash functions), 1 to 16. Default 3. */
  hashes?: number;
  /**
   * Minimising a problem's trace: the bounded breadth-first search may store
   * `maxStates` states (default: the swarm's maxStates) and both stages share
   * `timeout` ms (default: what is left of the swarm's timeout, at least a
   * tenth of it). `false`: report the trace as found.
   */
  minimise?: false | { maxStates?: number; timeout?: number };
}

/** How far one swarm member went. */
export interface SwarmCoverage {
  /** A hash of the model's code (actions, properties, terminal) and initial states: the merge refuses records of two definitions under one check. */
  readonly definition: string;
  readonly mode: 'bitstate' | 'random';
  readonly seed: number;
  readonly shard: Shard;
  /** States visited (checked); a random walk counts a state each time it passes it. */
  readonly visited: number;
  /**
   * Distinct states as the bit array counts them: a lower bound (two states
   * that set the same bits count once). Shards cannot be summed: they overlap.
   */
  readonly distinct: number;
  /** Transitions generated. */
  readonly transitions: number;
  /** Most steps from an initial state among the states visited. */
  readonly deepest: number;
  /** Random walks started (random mode; 0 in bitstate mode). */
  readonly walks: number;
  /** Why the search stopped: a problem, nothing left (bitstate), or a budget. */
  readonly stoppedBy: MemberEnd;
  /** A depth bound left states unexplored. */
  readonly truncated: boolean;
  readonly bitstate: {
    readonly bits: number;
    readonly hashes: number;
    /** When the search stopped, the chance that a state never seen would be taken as visited: (bits set / bits)^k. */
    readonly omission: number;
  };
}

/** What every swarm result has beside a check result's fields. */
interface SwarmFields {
  /** Never true: a swarm samples the state space. */
  readonly ok: false;
  readonly swarm: SwarmCoverage;
}

/** A problem a swarm found, its trace minimised. */
export type SwarmProblem<S> = (InvariantResult<S> | DeadlockResult<S> | ErrorResult<S>) &
  SwarmFields & {
    /** True when the trace is proven a shortest one (a bounded breadth-first search completed). */
    readonly shortest: boolean;
    /** How the trace was shortened, and how long it was as found. */
    readonly minimised: { readonly method: Minimisation; readonly foundSteps: number };
  };

/** No problem found in what the swarm visited: nothing is proven. */
export type SwarmIncomplete<S> = IncompleteResult<S> & SwarmFields & { readonly budget: 'swarm'; readonly shortest?: undefined; readonly minimised?: undefined };

/**
 * The outcome of `swarm()`: a problem with its trace, or `incomplete`
 * (`budget: 'swarm'`) with the coverage; never `ok`.
 */
export type SwarmResult<S> = SwarmProblem<S> | SwarmIncomplete<S>;
