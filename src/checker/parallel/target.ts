/**
 * A reach target in a worker. A predicate is code with no home module; it is
 * sent as its source and compiled again, and only runs if it is
 * self-contained: a name it does not define (other than JavaScript's own
 * globals) throws `NotSelfContained` when read, and the main thread then
 * searches with one worker (coordinator.ts).
 */

/** Read by a target's source: a name from outside the function, which a worker does not have. */
export class NotSelfContained extends Error {}

/** The first NotSelfContained a revived target threw (the search records it as the target's error; the worker gives up instead). */
export let notSelfContained: NotSelfContained | undefined;

const ALLOWED = new Set([
  'undefined', 'NaN', 'Infinity', 'Math', 'JSON', 'Number', 'String', 'Boolean', 'BigInt', 'Symbol', 'Object', 'Array', 'Set', 'Map',
  'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'Reflect', 'structuredClone',
]);

/**
 * The function `source` defines, evaluated where every free name but
 * JavaScript's own throws NotSelfContained when read.
 *
 * @example
 * reviveTarget('(s) => s.done')({ done: true }); // true
 */
export function reviveTarget(source: string): (state: unknown) => unknown {
  const scope = new Proxy(Object.create(null) as object, {
    has: (_target, name) => typeof name === 'string' && !ALLOWED.has(name),
    get: (_target, name) => {
      if (name === Symbol.unscopables) return undefined;
      // Recorded here, before it is thrown: a target that catches its own errors must not hide it.
      const error = new NotSelfContained(`the reach target reads '${String(name)}', which is defined outside it`);
      notSelfContained ??= error;
      throw error;
    },
  });
  // `with` is the one way to see every free name a function reads; sloppy-mode code only.
  const make = new Function('scope', `with (scope) { return (${source}\n); }`) as (scope: object) => unknown;
  const fn = make(scope);
  if (typeof fn !== 'function') throw new NotSelfContained('the reach target is not a function expression');
  // The scope records a name read from outside before it throws, so a target that catches its own errors hides nothing.
  return fn as (state: unknown) => unknown;
}
