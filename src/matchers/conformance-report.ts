/**
 * The failure messages of the conformance matchers: the model's trace up to
 * the diverging step (or the unexplained event), then what the model expected
 * beside what the code showed, path by path.
 */
import type { ConformanceResult, Divergence, TraceCheckResult } from '../conformance/types.js';
import { threw } from '../conformance/check-conformance.js';
import { sameState } from '../model/plain-data.js';
import type { Step } from '../checker/types.js';
import { matchesPartial } from '../conformance/check-trace.js';
import { renderChange } from '../render/changes.js';
import { stateChanges } from '../render/state-diff.js';
import { renderUserError } from '../render/summary.js';
import { renderTrace } from '../render/trace.js';
import { formatValue } from '../render/value.js';
import { isRecord } from '../model/shape.js';
import { timeoutContextOf, timeoutSourceOf, type Call } from './context.js';
import { timeoutAdvice } from './runner.js';

/** At most this many candidate successors are shown under an unexplained event. */
export const MAX_CANDIDATES = 8;

/** `- path: expected` / `+ path: observed` lines, or both values whole when nothing narrower differs. */
export function differences(call: Call, expected: unknown, observed: unknown): string[] {
  const changes = stateChanges(expected, observed);
  if (changes.length === 0) return [call.palette.dim('(no difference)')];
  return changes.flatMap((c) => renderChange(c, call.palette));
}

/** Whether a divergence's observation differs from the projection (an accepted disabled action may change nothing). */
function differs(d: Divergence): boolean {
  try {
    return !sameState(d.observed, d.expected);
  } catch {
    return true;
  }
}

/**
 * Whether the runner gets the divergence's expected and observed values for
 * its diff: only when they are two views that differ (not a throw, not a
 * choice among candidates, not equal values).
 */
export function handsDiff(d: Divergence): boolean {
  return !threw(d) && d.candidates === undefined && differs(d);
}

/** The lines of a failed conformance check after the hint. */
export function conformanceLines(call: Call, result: Exclude<ConformanceResult<unknown>, { kind: 'ok' }>, implName: string, diffMode: boolean): string[] {
  const { palette } = call;
  const lines = [palette.received(String(result))];
  if (result.trace.length > 0) lines.push('', palette.bold('The model:'), ...renderTrace(result.trace, { palette }).map((l) => `  ${l}`));
  if (result.kind === 'divergence') {
    const d = result.divergence;
    const where = `step ${d.step}${d.action === null ? '' : ` (${d.action})`}`;
    if (d.disabled !== undefined) lines.push('', `${palette.bold('Tried')} ${d.disabled}, which the model disables at ${where}: ${d.refused === true ? `${implName} refused it, then showed another state` : `${implName} accepted it`}.`);
    if (threw(d) && d.disabled === undefined) {
      lines.push('', `${palette.bold(`${implName} threw`)} at ${where}, where the model enables it:`, ...renderUserError(d.thrown).map((l) => `  ${l}`));
    } else if (d.candidates !== undefined) {
      lines.push('', `${palette.bold(`${implName} chose`)} at ${where} what no choice of the model gives. It shows:`, ...formatValue(d.observed).map((l) => `  ${palette.received(l)}`));
      lines.push(`${palette.bold('The model allows')} (${d.candidates.length}):`, ...d.candidates.flatMap((c) => formatValue(c).map((l) => `  ${palette.expected(l)}`)));
    } else if (!differs(d)) {
      lines.push('', `At ${where}, ${implName} shows the model's state (projected), unchanged:`, ...formatValue(d.observed).map((l) => `  ${palette.dim(l)}`));
    } else if (diffMode) {
      lines.push('', `At ${where}, ${palette.expected('expected')} is the model's state (projected), ${palette.received('actual')} what ${implName} shows: see the diff below.`);
    } else {
      lines.push('', `At ${where}, ${palette.expected('- the model (projected)')} and ${palette.received(`+ what ${implName} shows`)}:`, ...differences(call, d.expected, d.observed).map((l) => `  ${l}`));
    }
  }
  if (result.kind === 'error') lines.push('', palette.bold(`The error (in ${result.source}):`), ...renderUserError(result.error).map((l) => `  ${l}`));
  return [...lines, ...timeoutLines(call, result)];
}

/** Where the timeout of a check that ran out of it came from, and how to search longer, as every matcher says. */
function timeoutLines(call: Call, result: { readonly kind: string; readonly budget?: string; readonly limit?: number }): string[] {
  if (result.kind !== 'incomplete' || result.budget !== 'timeout' || result.limit === undefined) return [];
  return timeoutAdvice(result.limit, timeoutSourceOf(call), timeoutContextOf(call)).map((l) => call.palette.dim(l));
}

/** The model's state cut to the keys of a partial pattern, so a diff shows only what the event speaks of. */
function restricted(actual: unknown, pattern: unknown): unknown {
  if (!isRecord(pattern) || !isRecord(actual)) return actual;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(pattern)) if (Object.hasOwn(actual, key)) Object.defineProperty(out, key, { value: restricted(actual[key], pattern[key]), enumerable: true });
  return out;
}

/** A step's action label without its choice: `set`, `k8s:evict-pod`. */
const labelOf = (step: Step<unknown>): string | undefined => (step.name === undefined ? undefined : step.environment === undefined ? step.name : `${step.environment}:${step.name}`);

function candidateLines(call: Call, event: { action?: string; state?: unknown }, candidate: Step<unknown>): string[] {
  const label = event.action === undefined || candidate.action === event.action || labelOf(candidate) === event.action ? candidate.action! : call.palette.dim(candidate.action!);
  if (!('state' in event) || event.state === undefined) return [`  ${label}`];
  if (matchesPartial(candidate.state, event.state)) return [`  ${label}: ${call.palette.dim('(state as logged)')}`];
  return [`  ${label}:`, ...differences(call, restricted(candidate.state, event.state), event.state).map((l) => `    ${l}`)];
}

/** The lines of a failed trace check after the hint. */
export function traceLines(call: Call, result: Exclude<TraceCheckResult<unknown>, { kind: 'ok' }>): string[] {
  const { palette } = call;
  const lines = [palette.received(String(result))];
  if (result.trace.length > 0) lines.push('', palette.bold('Explained so far:'), ...renderTrace(result.trace, { palette }).map((l) => `  ${l}`));
  if (result.kind === 'unexplained') {
    lines.push('', `${palette.bold(`Event ${result.at}`)} (unexplained):`, ...formatValue(result.event).map((l) => `  ${palette.received(l)}`));
    // The successors by the event's own action first: the nearest misses.
    const byAction = (c: Step<unknown>) => result.event.action === undefined || c.action === result.event.action || labelOf(c) === result.event.action;
    const sorted = [...result.candidates.filter(byAction), ...result.candidates.filter((c) => !byAction(c))];
    const shown = sorted.slice(0, MAX_CANDIDATES);
    lines.push('', `${palette.bold('The model could do instead')} (${palette.expected('- the model')}, ${palette.received('+ the event')}):`);
    lines.push(...(shown.length === 0 ? [`  ${palette.dim('nothing: no action is enabled')}`] : shown.flatMap((c) => candidateLines(call, result.event, c))));
    if (result.candidates.length > shown.length) lines.push(palette.dim(`  … and ${result.candidates.length - shown.length} more`));
  }
  if (result.kind === 'error') lines.push('', palette.bold('The error:'), ...renderUserError(result.error).map((l) => `  ${l}`));
  return [...lines, ...timeoutLines(call, result)];
}
