/**
 * The matchers as the runner entries register them: every test file of a
 * project pays for its setup file, and most never call a matcher. So an entry
 * registers a stand-in for each matcher and loads the matchers (and through
 * them the checker and the rendering) on the first call. A call is synchronous,
 * so is the load: `require`, which must give the module instances that
 * `import 'kripke'` gave (one `configure()`, one checker), else the entry
 * imports the matchers at once, as it did before (`sharedRequire`).
 * Only types are imported here: this file is part of every setup.
 */
import type { KripkeMatcherFunctions } from './create-matchers.js';
import { rejectingFromCaller } from './caller-stack.js';

/** Loads a module of this build, by a specifier relative to the runner entry. */
export type ModuleLoader = (specifier: string) => unknown;

// A Record of every name and no other: the compiler checks it against createMatchers.
const REGISTERED: Record<keyof KripkeMatcherFunctions, true> = {
  toSatisfyInvariants: true,
  toSurvive: true,
  toReach: true,
  toBeDeadlockFree: true,
  toEventually: true,
  toBeImplementedBy: true,
  toAccept: true,
  toReplay: true,
};

/** The names `createMatchers` registers. */
export const MATCHER_NAMES = Object.keys(REGISTERED) as (keyof KripkeMatcherFunctions)[];

/**
 * `load` when it gives the module instances the entry's own imports gave:
 * tried on `specifier`, a module the entry imported as `imported` (already
 * loaded, so the try costs a look-up). Undefined where it does not: on a Node
 * without `require` of ES modules (before 20.19 and 22.12), in a runner's own
 * module system (Vitest's vm pools or inlined dependencies, Jest's ES module
 * mode), and when the entry runs from its TypeScript source.
 *
 * @example
 * const load = sharedRequire(() => createRequire(import.meta.url), './matchers/runner.js', runnerModule);
 */
export function sharedRequire(make: () => ModuleLoader, specifier: string, imported: object): ModuleLoader | undefined {
  try {
    const load = make();
    return load(specifier) === imported ? load : undefined;
  } catch {
    return undefined;
  }
}

/** A loader of modules imported already, by their specifiers. */
export function imported(modules: Readonly<Record<string, unknown>>): ModuleLoader {
  return (specifier) => modules[specifier];
}

/** Any matcher, as far as a stand-in is concerned. */
type Matcher = (this: never, ...args: never[]) => unknown;

// MatcherUsageError's brand (model/errors.ts, brandErrorClass): recognised without loading its class.
const USAGE_ERROR = Symbol.for('kripke.MatcherUsageError');
const isUsageError = (error: unknown): error is Error => typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[USAGE_ERROR] === true;

/**
 * A stand-in for each named matcher: on its first call `load` gives the real
 * ones (once; it keeps them), and every call goes to the real one with the
 * runner's `this`. A usage error's stack starts at the stand-in's caller, the
 * user's `expect(…)` line, as `fromCaller` does for the real matcher.
 *
 * @example
 * expect.extend(deferredMatchers(MATCHER_NAMES, () => createMatchers()));
 */
export function deferredMatchers<M extends Record<string, Matcher>>(names: readonly (keyof M & string)[], load: () => M): M {
  let loaded: M | undefined;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    out[name] = function userFacing(this: never, ...args: never[]): unknown {
      loaded ??= load();
      try {
        return rejectingFromCaller(loaded[name].apply(this, args), userFacing, isUsageError);
      } catch (error) {
        if (isUsageError(error) && typeof Error.captureStackTrace === 'function') Error.captureStackTrace(error, userFacing);
        throw error;
      }
    };
  }
  return out as M;
}
