/**
 * The options of a check: defaults, and their validation. Every entry point and
 * matcher resolves its options here, so a typo like `maxstates` fails the same
 * way everywhere.
 */
import { describe, isFieldRecord } from '../model/action.js';
import { ModelDefinitionError } from '../model/errors.js';
import { budgetFactor, configuredCheckOptions, envCheckOptions } from './configure.js';
import { checkOptionValues } from './option-values.js';
import type { MutationCheck } from './mutation-audit.js';
import type { SearchOptions } from './search.js';
import type { Budget, CheckOptions } from './types.js';

/**
 * Defaults: generous for a unit test, small enough that a runaway model cannot
 * hang a test run. The matchers take their timeout from the runner's test
 * timeout instead (see `matcherTimeout`).
 */
export const DEFAULT_OPTIONS = Object.freeze({
  deadlock: true,
  maxStates: 1_000_000,
  maxDepth: Infinity,
  timeout: 30_000,
  exact: false,
  maxCollisionProbability: 1e-5,
  fingerprintBits: 64,
  mutationCheck: 'strict',
});

/** Options with no default value. */
const OPTIONAL_NAMES = ['view', 'workers', 'module', 'export', 'args'];
const OPTION_NAMES = [...Object.keys(DEFAULT_OPTIONS), ...OPTIONAL_NAMES];

/** Options with every default filled in. */
export type Resolved = SearchOptions & {
  readonly deadlock: boolean;
  readonly exact: boolean;
  readonly maxCollisionProbability: number;
  readonly fingerprintBits: 64 | 128;
  readonly mutationCheck: MutationCheck;
  /** Identity by a projection (CheckOptions.view). */
  readonly view?: (state: unknown) => unknown;
  /** Threads to search with (CheckOptions.workers); 1 when absent. */
  readonly workers?: number;
  readonly module?: string | URL;
  readonly export?: string;
  readonly args?: readonly unknown[];
};

/**
 * The defaults under the global ones: the matchers pass the timeout they
 * derive from the runner's test timeout; `cap` bounds what
 * `KRIPKE_BUDGET_FACTOR` may make of that derived timeout (the runner stops the test there anyway).
 */
export interface BaseDefaults {
  readonly timeout?: number;
  readonly timeoutCap?: number;
}

/**
 * Options with defaults filled in, validated; `where` names the caller in
 * error messages. Field by field: `options` > `KRIPKE_*` variables >
 * `configure()` > `base` > `DEFAULT_OPTIONS`; then `KRIPKE_BUDGET_FACTOR`
 * multiplies maxStates, maxDepth and timeout.
 */
export function resolveOptions(options: CheckOptions | undefined, where: string, base: BaseDefaults = {}): Resolved {
  if (options !== undefined && !isFieldRecord(options)) {
    throw new ModelDefinitionError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options ?? {})) {
    if (!OPTION_NAMES.includes(key)) {
      throw new ModelDefinitionError(`${where}: unknown option '${key}'; the options are ${OPTION_NAMES.join(', ')}`);
    }
  }
  const explicit = stripUndefined(options ?? {});
  const env = envCheckOptions();
  const baseTimeout = base.timeout === undefined ? {} : { timeout: base.timeout };
  const r = { ...DEFAULT_OPTIONS, ...baseTimeout, ...configuredCheckOptions(), ...env, ...explicit };
  const factor = budgetFactor();
  if (factor !== 1) scale(r, factor, 'timeout' in explicit || 'timeout' in env || configuredCheckOptions().timeout !== undefined ? undefined : base.timeoutCap);
  checkOptionValues(r, where);
  return { ...r, workers: r.workers ?? 1 } as Resolved;
}

/** Multiplies the budgets by `factor` (a derived timeout no further than `cap`). */
function scale(r: { maxStates: number; maxDepth: number; timeout: number }, factor: number, cap: number | undefined): void {
  if (typeof r.maxStates === 'number') r.maxStates = Math.max(1, Math.round(r.maxStates * factor));
  if (typeof r.maxDepth === 'number') r.maxDepth = Math.max(0, Math.round(r.maxDepth * factor));
  if (typeof r.timeout === 'number') r.timeout = Math.min(r.timeout * factor, cap ?? Infinity);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}


/** The value of the budget that ran out, for the result. */
export function limitOf(budget: Budget, options: Resolved, store: { readonly capacity: number }): number {
  switch (budget) {
    case 'maxStates':
      return Math.min(options.maxStates, store.capacity);
    case 'swarm':
      return options.maxStates;
    case 'maxDepth':
      return options.maxDepth;
    case 'timeout':
      return options.timeout;
    case 'collisionProbability':
      return options.maxCollisionProbability;
  }
}

