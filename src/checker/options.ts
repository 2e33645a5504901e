/**
 * The options of a check: defaults, and their validation. Every entry point and
 * matcher resolves its options here, so a typo like `maxstates` fails the same
 * way everywhere.
 */
import { describe } from '../model/action.js';
import { ModelDefinitionError } from '../model/errors.js';
import type { SearchOptions } from './search.js';
import type { Budget, CheckOptions } from './types.js';

/** Defaults: generous for a unit test, small enough that a runaway model cannot hang a test run. */
export const DEFAULT_OPTIONS = Object.freeze({
  deadlock: true,
  maxStates: 1_000_000,
  maxDepth: Infinity,
  timeout: 30_000,
  exact: false,
  maxCollisionProbability: 1e-5,
  fingerprintBits: 64,
});

/** Options with no default value. */
const OPTIONAL_NAMES = ['view'];
const OPTION_NAMES = [...Object.keys(DEFAULT_OPTIONS), ...OPTIONAL_NAMES];

/** Options with every default filled in. */
export type Resolved = SearchOptions & {
  readonly deadlock: boolean;
  readonly exact: boolean;
  readonly maxCollisionProbability: number;
  readonly fingerprintBits: 64 | 128;
  /** Identity by a projection (CheckOptions.view). */
  readonly view?: (state: unknown) => unknown;
};

/** Options with defaults filled in, validated; `where` names the caller in error messages. */
export function resolveOptions(options: CheckOptions | undefined, where: string): Resolved {
  if (options === undefined) return DEFAULT_OPTIONS;
  if (typeof options !== 'object' || options === null) {
    throw new ModelDefinitionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new ModelDefinitionError(`${where}: unknown option '${key}'; the options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const r = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  const count = (name: 'maxStates' | 'maxDepth', min: number) => {
    const v = r[name];
    if (typeof v !== 'number' || !(v === Infinity || (Number.isInteger(v) && v >= min))) {
      throw new ModelDefinitionError(`${where}: ${name} must be an integer ≥ ${min} or Infinity, got ${describe(v)}`);
    }
  };
  count('maxStates', 1);
  count('maxDepth', 0);
  if (typeof r.timeout !== 'number' || !(r.timeout > 0)) {
    throw new ModelDefinitionError(`${where}: timeout must be a positive number of milliseconds, got ${describe(r.timeout)}`);
  }
  if (typeof r.deadlock !== 'boolean') throw new ModelDefinitionError(`${where}: deadlock must be a boolean, got ${describe(r.deadlock)}`);
  if (typeof r.exact !== 'boolean') throw new ModelDefinitionError(`${where}: exact must be a boolean, got ${describe(r.exact)}`);
  const p = r.maxCollisionProbability;
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ModelDefinitionError(`${where}: maxCollisionProbability must be a number from 0 to 1, got ${describe(p)}`);
  }
  if (r.fingerprintBits !== 64 && r.fingerprintBits !== 128) throw new ModelDefinitionError(`${where}: fingerprintBits must be 64 or 128, got ${describe(r.fingerprintBits)}`);
  if (r.view !== undefined && typeof r.view !== 'function') throw new ModelDefinitionError(`${where}: view must be a function (state) => the part that identifies it, got ${describe(r.view)}`);
  return r as Resolved;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}


/** The value of the budget that ran out, for the result. */
export function limitOf(budget: Budget, options: Resolved, store: { readonly capacity: number }): number {
  switch (budget) {
    case 'maxStates':
      return Math.min(options.maxStates, store.capacity);
    case 'maxDepth':
      return options.maxDepth;
    case 'timeout':
      return options.timeout;
    case 'collisionProbability':
      return options.maxCollisionProbability;
  }
}

