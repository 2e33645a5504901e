/**
 * Which member of a swarm this process is: `i/n`, from the `shard` option or
 * the `KRIPKE_SHARD` variable (a CI matrix sets it per job), 1/1 when neither.
 */
import { describe } from '../../model/action.js';
import { ModelDefinitionError } from '../../model/errors.js';

/** Member `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

const SHAPE = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** The shard as `i/n`, or null when `text` is not one (1 ≤ i ≤ n, both integers). */
function shardOf(text: string): Shard | null {
  const m = SHAPE.exec(text);
  if (m === null) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || index < 1 || index > count) return null;
  return { index, count };
}

/**
 * A shard given as `'i/n'` or `{ index, count }`, checked; `where` names the
 * option or variable in the error.
 *
 * @example
 * parseShard('2/4', 'swarm: shard');                 // { index: 2, count: 4 }
 * parseShard({ index: 1, count: 2 }, 'swarm: shard'); // { index: 1, count: 2 }
 * parseShard('0/4', 'KRIPKE_SHARD');                 // throws: KRIPKE_SHARD must be i/n with 1 ≤ i ≤ n …
 */
export function parseShard(value: unknown, where: string): Shard {
  const found =
    typeof value === 'string'
      ? shardOf(value)
      : typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Shard).index === 'number' && typeof (value as Shard).count === 'number'
        ? shardOf(`${String((value as Shard).index)}/${String((value as Shard).count)}`)
        : null;
  if (found !== null) return found;
  throw new ModelDefinitionError(`${where} must be i/n with 1 ≤ i ≤ n (as '2/4', or { index: 2, count: 4 }), got ${typeof value === 'string' ? JSON.stringify(value) : describe(value)}`);
}

/**
 * `KRIPKE_SHARD`, read now: undefined when unset or blank, an error naming the
 * variable when malformed.
 *
 * @example
 * envShard({ KRIPKE_SHARD: '3/8' }); // { index: 3, count: 8 }
 * envShard({});                      // undefined
 */
export function envShard(env: Readonly<Record<string, string | undefined>> = process.env): Shard | undefined {
  const raw = env.KRIPKE_SHARD;
  if (raw === undefined || raw.trim() === '') return undefined;
  return parseShard(raw, 'KRIPKE_SHARD');
}
