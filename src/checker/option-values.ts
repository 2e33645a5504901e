/**
 * What each check option may be: checked where it is given (a check's own
 * options, merged with the defaults, or `configure()`'s), and named there.
 */
import { describe } from '../model/action.js';
import { ModelDefinitionError } from '../model/errors.js';

/** Most workers a check may ask for. */
export const MAX_WORKERS = 64;

/** The option values as given: any may be missing (left to the defaults). */
type Given = { readonly [K in 'maxStates' | 'maxDepth' | 'timeout' | 'deadlock' | 'exact' | 'maxCollisionProbability' | 'fingerprintBits' | 'mutationCheck' | 'view' | 'workers' | 'module' | 'export' | 'args']?: unknown };

/**
 * Throws a ModelDefinitionError, prefixed by `where`, for the first option
 * whose value is not one it may take; options left out are not checked.
 *
 * @example
 * checkOptionValues({ maxStates: -1 }, 'configure'); // throws "configure: maxStates must be an integer ≥ 1 or Infinity, got number -1"
 */
export function checkOptionValues(r: Given, where: string): void {
  const fail = (message: string): never => {
    throw new ModelDefinitionError(`${where}: ${message}`);
  };
  const count = (name: 'maxStates' | 'maxDepth', min: number) => {
    const v = r[name];
    if (v !== undefined && (typeof v !== 'number' || !(v === Infinity || (Number.isInteger(v) && v >= min)))) fail(`${name} must be an integer ≥ ${min} or Infinity, got ${describe(v)}`);
  };
  count('maxStates', 1);
  count('maxDepth', 0);
  const { timeout, deadlock, exact, maxCollisionProbability: p, fingerprintBits, mutationCheck, view } = r;
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout > 0))) fail(`timeout must be a positive number of milliseconds, got ${describe(timeout)}`);
  if (deadlock !== undefined && typeof deadlock !== 'boolean') fail(`deadlock must be a boolean, got ${describe(deadlock)}`);
  if (exact !== undefined && typeof exact !== 'boolean') fail(`exact must be a boolean, got ${describe(exact)}`);
  if (p !== undefined && (typeof p !== 'number' || !(p >= 0 && p <= 1))) fail(`maxCollisionProbability must be a number from 0 to 1, got ${describe(p)}`);
  if (fingerprintBits !== undefined && fingerprintBits !== 64 && fingerprintBits !== 128) fail(`fingerprintBits must be 64 or 128, got ${describe(fingerprintBits)}`);
  if (mutationCheck !== undefined && mutationCheck !== 'strict' && mutationCheck !== 'sampled') fail(`mutationCheck must be 'strict' or 'sampled', got ${describe(mutationCheck)}`);
  if (view !== undefined && typeof view !== 'function') fail(`view must be a function (state) => the part that identifies it, got ${describe(view)}`);
  checkWorkers(r, fail);
}

/** `workers` and the options that tell a worker how to define the model. */
function checkWorkers(r: Given, fail: (message: string) => never): void {
  const w = r.workers;
  if (w !== undefined && !(typeof w === 'number' && Number.isInteger(w) && w >= 1 && w <= MAX_WORKERS)) {
    fail(`workers must be an integer from 1 to ${MAX_WORKERS} (threads to search with; 1 searches on this thread), got ${describe(w)}`);
  }
  if (r.module !== undefined && !(typeof r.module === 'string' && r.module !== '') && !(r.module instanceof URL)) fail(`module must be a path or URL of the module that defines the model, got ${describe(r.module)}`);
  if (r.export !== undefined && (typeof r.export !== 'string' || r.export === '')) fail(`export must be the name of the module's export that is the model (or a factory), got ${describe(r.export)}`);
  if ((r.export !== undefined || r.args !== undefined) && r.module === undefined) fail('export and args name a model in a module: give module too');
  if (r.args !== undefined && !Array.isArray(r.args)) fail(`args must be an array of the factory's arguments, got ${describe(r.args)}`);
}
