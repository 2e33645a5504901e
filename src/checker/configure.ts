/**
 * Global defaults: `configure()` in a setup file and the `KRIPKE_*`
 * environment variables. Precedence, field by field: an explicit option >
 * a `KRIPKE_*` variable > `configure()` > the default (for the matchers, a
 * timeout derived from the runner's test timeout); `KRIPKE_BUDGET_FACTOR`
 * then multiplies the budgets that result.
 */
import { describe, isFieldRecord } from '../model/action.js';
import { ModelDefinitionError } from '../model/errors.js';
import { checkOptionValues } from './option-values.js';
import type { CheckOptions } from './types.js';

/** What to do with actions and behaviors that never fired in a passing check. */
export type DeadActionsPolicy = 'warn' | 'fail' | 'ignore';

/** Global defaults for every check and matcher: `configure({ maxStates: 100_000, artifacts: 'out/kripke' })`. */
export interface Configuration extends CheckOptions {
  /**
   * Where failing matchers write their counterexample files (`.itf.json` and
   * `.html`), relative to the runner's root; `false` writes none. Default `.kripke`.
   */
  artifacts?: string | false;
  /**
   * A passing matcher whose search never fired some action or environment
   * behavior: `'warn'` (default) prints a warning in the test output, `'fail'`
   * fails the test, `'ignore'` says nothing.
   */
  deadActions?: DeadActionsPolicy;
}

let current: Readonly<Configuration> = Object.freeze({});

const CHECK_KEYS = ['deadlock', 'maxStates', 'maxDepth', 'timeout', 'exact', 'maxCollisionProbability', 'workers', 'mutationCheck'] as const;
const KEYS: readonly string[] = [...CHECK_KEYS, 'artifacts', 'deadActions'];

/**
 * Sets global defaults for every check and matcher (a setup file is the place),
 * replacing those set before; returns the previous ones, so a test can restore them.
 * An unknown key or a value an option cannot take is an error now, naming configure (the configuration stays as it was).
 *
 * @example
 * // vitest.setup.ts
 * import { configure } from 'kripke';
 * configure({ maxStates: 200_000, timeout: 10_000, artifacts: 'test-results/kripke' });
 */
export function configure(options: Configuration): Configuration {
  if (!isFieldRecord(options)) {
    throw new ModelDefinitionError(`configure: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key)) throw new ModelDefinitionError(`configure: unknown option '${key}'; the options are ${KEYS.join(', ')}`);
  }
  checkOptionValues(options, 'configure');
  checkArtifacts(options.artifacts, 'configure');
  checkDeadActions(options.deadActions, 'configure');
  const previous = current;
  current = Object.freeze({ ...options });
  return { ...previous };
}

/** The defaults set by `configure()`. */
export function configuration(): Readonly<Configuration> {
  return current;
}

/** The check options `configure()` set (its other fields removed). */
export function configuredCheckOptions(): CheckOptions {
  const out: Record<string, unknown> = {};
  for (const key of CHECK_KEYS) if (current[key] !== undefined) out[key] = current[key];
  return out as CheckOptions;
}

type Env = Readonly<Record<string, string | undefined>>;

function envNumber(env: Env, name: string, integer: boolean): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim() === 'Infinity' ? Infinity : Number(raw.replace(/_/g, ''));
  if (!(value > 0) || (integer && value !== Infinity && !Number.isInteger(value))) {
    throw new ModelDefinitionError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** `KRIPKE_MAX_STATES`, `KRIPKE_TIMEOUT`, `KRIPKE_WORKERS` and `KRIPKE_MUTATION_CHECK`, read now (a bad value is an error naming the variable). */
export function envCheckOptions(env: Env = process.env): CheckOptions {
  const out: { maxStates?: number; timeout?: number; workers?: number; mutationCheck?: 'strict' | 'sampled' } = {};
  const maxStates = envNumber(env, 'KRIPKE_MAX_STATES', true);
  const timeout = envNumber(env, 'KRIPKE_TIMEOUT', false);
  const workers = envNumber(env, 'KRIPKE_WORKERS', true);
  if (maxStates !== undefined) out.maxStates = maxStates;
  if (timeout !== undefined) out.timeout = timeout;
  if (workers !== undefined) out.workers = workers;
  const mutation = env.KRIPKE_MUTATION_CHECK?.trim();
  if (mutation === 'strict' || mutation === 'sampled') out.mutationCheck = mutation;
  else if (mutation !== undefined && mutation !== '') throw new ModelDefinitionError(`KRIPKE_MUTATION_CHECK must be strict or sampled, got ${JSON.stringify(env.KRIPKE_MUTATION_CHECK)}`);
  return out;
}

/** `KRIPKE_BUDGET_FACTOR`: what every budget is multiplied by (1 when unset). */
export function budgetFactor(env: Env = process.env): number {
  return envNumber(env, 'KRIPKE_BUDGET_FACTOR', false) ?? 1;
}

/**
 * The artifacts folder: `KRIPKE_ARTIFACTS` (`false`, `0` or `off` turn them
 * off) > `configure({ artifacts })` > `.kripke`.
 */
export function artifactsSetting(env: Env = process.env): string | false {
  const raw = env.KRIPKE_ARTIFACTS;
  if (raw !== undefined && raw.trim() !== '') return ['false', '0', 'off'].includes(raw.trim().toLowerCase()) ? false : raw.trim();
  return current.artifacts ?? '.kripke';
}

/** The dead-actions policy: an explicit one > `configure({ deadActions })` > `'warn'`. */
export function deadActionsPolicy(explicit?: DeadActionsPolicy): DeadActionsPolicy {
  return explicit ?? current.deadActions ?? 'warn';
}

/** A valid `artifacts` value, or an error saying what it must be. */
export function checkArtifacts(value: unknown, where: string): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ModelDefinitionError(`${where}: artifacts must be a folder (a non-empty string) or false, got ${describe(value)}`);
  }
}

/** A valid `deadActions` value, or an error saying what it must be. */
export function checkDeadActions(value: unknown, where: string): void {
  if (value === undefined || value === 'warn' || value === 'fail' || value === 'ignore') return;
  throw new ModelDefinitionError(`${where}: deadActions must be 'warn', 'fail' or 'ignore', got ${describe(value)}`);
}
