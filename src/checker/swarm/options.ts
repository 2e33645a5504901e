/** The options of a swarm search: defaults and validation. */
import { describe, isFieldRecord } from '../../model/action.js';
import { ModelDefinitionError } from '../../model/errors.js';
import { resolveOptions, type BaseDefaults, type Resolved } from '../options.js';
import type { MinimiseBudget } from './minimise.js';
import { envShard, parseShard, type Shard } from './shard.js';
import type { SwarmOptions } from './types.js';

/** A swarm's options with every default filled in. */
export interface ResolvedSwarm {
  /** The budgets and switches, as the checker resolves them (maxStates, maxDepth, timeout, deadlock). */
  readonly check: Resolved;
  readonly mode: 'bitstate' | 'random';
  readonly seed: number;
  readonly shard: Shard;
  readonly bits: number;
  readonly hashes: number;
  /** The minimisation's budget; its timeout is resolved when the search ends. */
  readonly minimise: false | { readonly maxStates: number; readonly timeout?: number };
}

const NAMES = ['mode', 'seed', 'shard', 'maxStates', 'maxDepth', 'timeout', 'deadlock', 'bitstateBits', 'hashes', 'minimise'];

const DEFAULT_BITSTATE_BITS = 2 ** 27;
const DEFAULT_HASHES = 3;

/**
 * Options with defaults filled in, validated; `where` names the caller.
 * Budgets resolve as a check's do (explicit > `KRIPKE_*` > `configure()` > `base` > default).
 *
 * @example
 * resolveSwarmOptions({ mode: 'random', seed: 7 }, 'swarm').shard; // { index: 1, count: 1 } unless KRIPKE_SHARD is set
 */
export function resolveSwarmOptions(options: SwarmOptions | undefined, where: string, base: BaseDefaults = {}): ResolvedSwarm {
  if (options !== undefined && !isFieldRecord(options)) {
    throw new ModelDefinitionError(`${where}: swarm options must be an object, got ${describe(options)}`);
  }
  const o: SwarmOptions = options ?? {};
  for (const key of Object.keys(o)) {
    if (!NAMES.includes(key)) throw new ModelDefinitionError(`${where}: unknown swarm option '${key}'; the options are ${NAMES.join(', ')}`);
  }
  const check = resolveOptions({ maxStates: o.maxStates, maxDepth: o.maxDepth, timeout: o.timeout, deadlock: o.deadlock }, where, base);
  const mode = o.mode ?? 'bitstate';
  if (mode !== 'bitstate' && mode !== 'random') throw new ModelDefinitionError(`${where}: mode must be 'bitstate' or 'random', got ${describe(mode)}`);
  const seed = o.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new ModelDefinitionError(`${where}: seed must be an integer from 0 to 2^32 − 1, got ${describe(seed)}`);
  const shard = o.shard === undefined ? (envShard() ?? { index: 1, count: 1 }) : parseShard(o.shard, `${where}: shard`);
  const bits = o.bitstateBits ?? DEFAULT_BITSTATE_BITS;
  if (typeof bits !== 'number' || !Number.isInteger(Math.log2(bits)) || bits < 2 ** 10 || bits > 2 ** 32) {
    throw new ModelDefinitionError(`${where}: bitstateBits must be a power of two from 2^10 to 2^32 (as 2 ** 27), got ${describe(bits)}`);
  }
  const hashes = o.hashes ?? DEFAULT_HASHES;
  if (!Number.isInteger(hashes) || hashes < 1 || hashes > 16) throw new ModelDefinitionError(`${where}: hashes must be an integer from 1 to 16, got ${describe(hashes)}`);
  return { check, mode, seed, shard, bits, hashes, minimise: minimiseOf(o.minimise, check, where) };
}

function minimiseOf(value: SwarmOptions['minimise'], check: Resolved, where: string): ResolvedSwarm['minimise'] {
  if (value === false) return false;
  if (value !== undefined && !isFieldRecord(value)) throw new ModelDefinitionError(`${where}: minimise must be false or { maxStates?, timeout? }, got ${describe(value)}`);
  const maxStates = value?.maxStates ?? check.maxStates;
  if (!(maxStates === Infinity || (Number.isInteger(maxStates) && maxStates >= 1))) throw new ModelDefinitionError(`${where}: minimise.maxStates must be an integer ≥ 1, got ${describe(maxStates)}`);
  const timeout = value?.timeout;
  if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0)) throw new ModelDefinitionError(`${where}: minimise.timeout must be a positive number of milliseconds, got ${describe(timeout)}`);
  for (const key of Object.keys(value ?? {})) {
    if (key !== 'maxStates' && key !== 'timeout') throw new ModelDefinitionError(`${where}: unknown minimise option '${key}'; the options are maxStates, timeout`);
  }
  return timeout === undefined ? { maxStates } : { maxStates, timeout };
}

/**
 * The minimisation's budget once the search took `elapsed` ms: what is left of the timeout, at least a tenth of it.
 *
 * @example
 * minimiseBudget(resolveSwarmOptions({ timeout: 1000 }, 'swarm'), 950); // { maxStates: 1000000, timeout: 100 }
 */
export function minimiseBudget(options: ResolvedSwarm, elapsed: number): MinimiseBudget | false {
  const m = options.minimise;
  if (m === false) return false;
  const timeout = options.check.timeout;
  return { maxStates: m.maxStates, timeout: m.timeout ?? Math.max(timeout - elapsed, timeout / 10) };
}
