import { checkConformance, checkConformanceWith } from '../conformance/check-conformance.js';
import { isImplementation } from '../conformance/implementation.js';
import type { ConformanceOptions, Implementation } from '../conformance/types.js';
import { KripkeError } from '../model/errors.js';
import { callOf, type Call, type MatcherContext, type MatcherResult, type RenderMode, defaultsFor, requireModel, usageError } from './context.js';
import { conformanceLines, handsDiff } from './conformance-report.js';
import { withCounterexample } from './report.js';

/**
 * Passes when the implementation behaves like the model on every test path:
 * after each step, what it shows equals the projection of the model's state.
 * Async: `await expect(model).toBeImplementedBy(impl)`. Fails with the
 * shortest diverging path; under Vitest the diverging step's expected and
 * observed values also come as `expected`/`actual`, for the diff.
 *
 * @example
 * await expect(cache).toBeImplementedBy(lruCache);
 * await expect(cache).not.toBeImplementedBy(peekRefreshes);
 * await expect(mutex).toBeImplementedBy(asyncMutex, { refuses: true, stepTimeout: 500 });
 */
export function toBeImplementedBy(this: MatcherContext, received: unknown, impl: unknown, options?: unknown): Promise<MatcherResult> {
  return implementedBy('message').call(this, received, impl, options);
}

/** The matcher for one render mode: `'diff'` (Vitest) hands the diverging step to the runner's diff. */
export function implementedBy(mode: RenderMode) {
  return function toBeImplementedBy(this: MatcherContext, received: unknown, impl: unknown, options?: unknown): Promise<MatcherResult> {
    const name = isImplementation(impl) ? impl.name : 'implementation';
    const call = callOf(this, 'toBeImplementedBy', received, /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name), options !== undefined);
    const model = requireModel(call, received);
    if (!isImplementation(impl)) throw usageError(call, `${call.palette.expected('implementation')} must come from defineImplementation()`, { label: 'Implementation', value: impl });
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw usageError(call, `${call.palette.expected('options')} must be an object of conformance options (cover, depth, maxPaths, stepTimeout, concurrency, refuses, …)`, { label: 'Options', value: options });
    }
    return run(call, model, impl as Implementation<unknown, unknown>, options as ConformanceOptions<unknown> | undefined, mode);
  };
}

async function run(call: Call, model: Parameters<typeof checkConformance>[0], impl: Implementation<unknown, unknown>, options: ConformanceOptions<unknown> | undefined, mode: RenderMode): Promise<MatcherResult> {
  let result;
  try {
    // A matcher's default timeout, as every matcher's (review20b: checkConformance's own 30 s outlived the test's).
    result = await checkConformanceWith(model, impl, options, defaultsFor(call, options));
  } catch (error) {
    if (error instanceof KripkeError) throw usageError(call, error.message);
    throw error;
  }
  if (result.kind === 'ok') {
    return { pass: true, message: () => [call.hint, '', `Expected ${impl.name} to diverge from the model, but it ${String(result)}.`].join('\n') };
  }
  const message = () => [call.hint, '', ...conformanceLines(call, result, impl.name, mode === 'diff')].join('\n');
  // Only a divergence is the implementation's fault: an error or an incomplete check fails `.not` too.
  const pass = result.kind === 'divergence' ? false : call.isNot;
  const meta = { model: model.name, kind: result.kind, implementation: impl.name, ...(result.kind === 'divergence' ? { step: result.divergence.step, action: result.divergence.action } : {}) };
  if (result.kind === 'divergence' && mode === 'diff' && handsDiff(result.divergence)) {
    return withCounterexample(call, { pass, message, actual: result.divergence.observed, expected: result.divergence.expected }, result.trace, meta);
  }
  return withCounterexample(call, { pass, message }, result.trace, meta);
}
