import { checkTraceWith } from '../conformance/check-trace.js';
import type { TraceCheckOptions, TraceInput } from '../conformance/types.js';
import { callOf, type MatcherContext, type MatcherResult, defaultsFor, requireModel, runCheck, usageError } from './context.js';
import { traceLines } from './conformance-report.js';
import { withCounterexample } from './report.js';

/**
 * Passes when some behaviour of the model (with its environments) explains
 * the recorded events: an array of `{ action?, choice?, state? }`, NDJSON
 * text, or an ITF trace. Fails at the first event no behaviour explains, with
 * the model's candidate successors beside it as a diff.
 *
 * @example
 * expect(counter).toAccept([{ action: 'inc' }, { state: { n: 2 } }]);
 * expect(service).toAccept(readFileSync('run.ndjson', 'utf8'), { environments: [k8s] });
 * expect(service).not.toAccept(fromITF(readFileSync('bug.itf.json', 'utf8')));
 */
export function toAccept(this: MatcherContext, received: unknown, events: unknown, options?: unknown): MatcherResult {
  const call = callOf(this, 'toAccept', received, 'events', options !== undefined);
  const model = requireModel(call, received);
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw usageError(call, `${call.palette.expected('options')} must be an object (environments, maxStates, timeout, maxBytes)`, { label: 'Options', value: options });
  }
  // A matcher's default timeout, as every matcher's (review20b: checkTrace's 30 s blocked a 3 s neighbour past its timeout).
  const result = runCheck(call, () => checkTraceWith(model, events as TraceInput<unknown>, options as TraceCheckOptions<unknown> | undefined, defaultsFor(call, options), 'checkTrace'));
  if (result.kind === 'ok') {
    return { pass: true, message: () => [call.hint, '', `Expected no behaviour of the model to explain the events, but one does (${String(result)}):`, `  ${result.trace.map((s) => s.action ?? 'init').join(' → ')}`].join('\n') };
  }
  const pass = result.kind === 'unexplained' ? false : call.isNot;
  const outcome = { pass, message: () => [call.hint, '', ...traceLines(call, result)].join('\n') };
  return withCounterexample(call, outcome, result.trace, { model: model.name, kind: result.kind, ...(result.at === undefined ? {} : { at: result.at }) });
}
