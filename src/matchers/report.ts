/**
 * The failure message built around a result's trace, shared by the matchers:
 * what broke with the figures, the trace with its marker on the last step, the
 * user's error. Every step, the last included, prints as path lines in the
 * message, in every runner: a whole-state diff of the last two states (what
 * Vitest would print from actual/expected) misreads shifted arrays and labels
 * the states "Expected" and "Received", which they are not.
 */
import type { Reached } from '../checker/query.js';
import { describeThrown } from '../model/errors.js';
import type { CheckResult } from '../checker/types.js';
import { renderTrace } from '../render/trace.js';
import { budgetAdvice, describeProblem, renderUserError, searchFigures, violationNote } from '../render/summary.js';
import { deadActionsPolicy } from '../checker/configure.js';
import type { CheckResult as AnyResult, OpenResult, Trace } from '../checker/types.js';
import { writeCounterexample } from './artifacts.js';
import { timeoutSourceOf, type Call, type MatcherOptions, type MatcherResult } from './context.js';
import { timeoutAdvice } from './runner.js';

/** How to tell one result. */
export interface ReportOptions {
  /** The first line after the hint; default: what broke (`describeProblem`). */
  readonly headline?: string;
  /** The figures' label: `shortest trace` (default) or `shortest witness`. */
  readonly traceName?: string;
  /** The figures whole, in place of `(shortest trace; 5 states explored)` (a swarm's visits are not a search's states). */
  readonly figures?: string;
  /** The line under the last step; default: the violation (`violationNote`). */
  readonly lastNote?: string;
  /** More lines under any step, by index (before `lastNote` on the last step): a lasso's cycle marks. */
  readonly notes?: ReadonlyMap<number, readonly string[]>;
  /** Lines between the headline and the trace (the fairness a liveness check assumed). */
  readonly context?: readonly string[];
  /** Lines after everything else (residual assumptions). */
  readonly footer?: readonly string[];
}

/**
 * The message for a result with a trace (a violation, a deadlock, an error, a
 * witness) or without one (incomplete).
 */
export function report(call: Call, result: CheckResult<unknown> | Reached<unknown>, options: ReportOptions = {}): Pick<MatcherResult, 'message'> {
  const { palette } = call;
  const trace = result.trace;
  const last = trace.length - 1;
  const message = () => {
    const lines = [call.hint, ''];
    if (result.kind === 'incomplete') {
      lines.push(palette.received(options.headline ?? describeProblem(result)));
      // Why the search ran as it did comes first: workers stopped in a loop that never ends make the advice to raise the timeout moot.
      for (const warning of result.warnings ?? []) lines.push(palette.received(`Warning: ${warning}.`));
      lines.push(palette.dim(budgetAdvice(result.budget)));
      if (result.budget === 'timeout') lines.push(...timeoutAdvice(result.limit, timeoutSourceOf(call)).map((l) => palette.dim(l)));
    } else {
      const headline = options.headline ?? (result.kind === 'reached' ? '' : describeProblem(result));
      lines.push(`${palette.received(headline)} ${palette.dim(options.figures ?? searchFigures(result, options.traceName))}`);
      for (const warning of result.warnings ?? []) lines.push(palette.received(`Warning: ${warning}.`));
      if (options.context !== undefined) lines.push(...options.context);
      if (trace.length > 0) {
        const note = options.lastNote ?? (result.kind === 'reached' ? '' : violationNote(result, palette));
        const notes = new Map(options.notes);
        notes.set(last, [...(notes.get(last) ?? []), ...(note === '' ? [] : [note])]);
        lines.push('', ...printable(() => renderTrace(trace, { palette, notes }), 'the trace'));
      }
      if (result.kind === 'error') {
        lines.push('', palette.bold('The error:'), ...printable(() => renderUserError(result.error), 'the error').map((l) => `  ${l}`));
      }
    }
    if (options.footer !== undefined && options.footer.length > 0) lines.push('', ...options.footer);
    return lines.join('\n');
  };
  return { message };
}

/**
 * Lines that print a user's values, or one line saying why they cannot be
 * printed: a state that reads differently the second time (a getter or a
 * Proxy that throws now) must not turn a failure into a crash of the message.
 */
function printable(render: () => string[], what: string): string[] {
  try {
    return render();
  } catch (error) {
    return [`(${what} cannot be printed: reading a value threw ${describeThrown(error)})`];
  }
}

/** What a failing matcher's counterexample file records about it, beside the trace. */
export interface CounterexampleMeta {
  readonly model?: string;
  readonly property?: string;
  readonly [key: string]: unknown;
}

/**
 * The matcher's outcome, with its counterexample written when the assertion
 * fails and there is a trace to save (never on a pass, nor on a passing `.not`);
 * the message then names the file, under the headline.
 */
export function withCounterexample<S>(call: Call, outcome: MatcherResult, source: AnyResult<S> | OpenResult<S> | Trace<S>, meta: CounterexampleMeta = {}): MatcherResult {
  return withinAnnotationLimit(call, withFile(call, outcome, source, meta));
}

function withFile<S>(call: Call, outcome: MatcherResult, source: AnyResult<S> | OpenResult<S> | Trace<S>, meta: CounterexampleMeta): MatcherResult {
  const fails = outcome.pass === call.isNot;
  const trace = Array.isArray(source) ? (source as Trace<S>) : 'result' in source && 'assumptions' in source ? (source as OpenResult<S>).result.trace : (source as AnyResult<S>).trace;
  if (!fails || trace.length === 0) return outcome;
  const line = writeCounterexample(call.test, source, { matcher: call.name, ...meta });
  if (line === undefined) return outcome;
  const message = outcome.message;
  return {
    ...outcome,
    message: () => {
      const lines = message().split('\n');
      // hint, blank, headline: the file goes right under the headline, where an annotation shows it.
      lines.splice(Math.min(3, lines.length), 0, call.palette.dim(line));
      return lines.join('\n');
    },
  };
}

/**
 * A pass whose search never fired some action or environment behavior: a
 * warning in the test output (`'warn'`), a failure (`'fail'`), or nothing.
 * The result's own warnings (`workers` that ran on one thread) are printed
 * too: a passing matcher's result is not shown anywhere else.
 */
export function checkDeadActions(call: Call, outcome: MatcherResult, result: AnyResult<unknown>, options: MatcherOptions): MatcherResult {
  if (!outcome.pass || call.isNot || result.kind !== 'ok') return outcome;
  for (const warning of result.warnings ?? []) console.warn(`kripke: ${call.name}: ${warning}`);
  const policy = deadActionsPolicy(options.deadActions);
  const dead = result.coverage.filter((c) => c.enabled === 0).map((c) => c.action);
  if (policy === 'ignore' || dead.length === 0) return outcome;
  const what = `${dead.length === 1 ? 'this action never fired' : `these ${dead.length} actions never fired`} in ${result.stats.states === 1 ? 'the 1 reachable state' : `${result.stats.states} reachable states`}: ${dead.join(', ')}`;
  if (policy === 'fail') {
    return {
      pass: false,
      message: () => [call.hint, '', call.palette.received(`The check passed, but ${what}.`), call.palette.dim('A model whose actions never fire proves little. Fix the model, or pass { deadActions: \'warn\' } to only warn.')].join('\n'),
    };
  }
  console.warn(`kripke: ${call.name} passed, but ${what}. A pass that never fires an action may be vacuous; { deadActions: 'fail' } (or configure({ deadActions: 'fail' })) fails on this, 'ignore' silences it.`);
  return outcome;
}

/**
 * GitHub keeps at most 64 KB of an annotation's message, counted as the
 * workflow command carries it (`%0A` for each newline): a failure message
 * stays under this many bytes so encoded.
 */
export const MAX_MESSAGE_BYTES = 60_000;

/** The bytes a text takes in a workflow command (`::error …::text`): `%`, `\r` and `\n` escaped as `%25`, `%0D`, `%0A`. */
export function annotationBytes(text: string): number {
  let escapes = 0;
  for (const c of text) if (c === '%' || c === '\r' || c === '\n') escapes++;
  return Buffer.byteLength(text) + 2 * escapes;
}

/**
 * A failure message longer than a GitHub annotation takes (a long trace of
 * big states): its head (the headline, the file) and tail (the violation)
 * stay; the middle is cut with a line saying where everything is. The whole
 * message goes to the log (stderr) first, so nothing is lost.
 */
export function withinAnnotationLimit(call: Call, outcome: MatcherResult): MatcherResult {
  if (outcome.pass !== call.isNot) return outcome;
  let fitted: string | undefined;
  // Lazy, as the runners expect: a state is read only when the message is shown.
  return { ...outcome, message: () => (fitted ??= fit(call, outcome.message())) };
}

function fit(call: Call, full: string): string {
  const bytes = annotationBytes(full);
  if (bytes <= MAX_MESSAGE_BYTES) return full;
  console.error(`kripke: the whole failure message of ${call.test.testName ?? call.name} (${Buffer.byteLength(full)} bytes; the test's failure shows its head and tail):\n${full}`);
  const lines = full.split('\n');
  const head: string[] = [];
  const tail: string[] = [];
  let budget = MAX_MESSAGE_BYTES - 600;
  for (let i = 0, j = lines.length - 1; i <= j; ) {
    const front = head.length <= 2 * tail.length;
    const line = front ? lines[i] : lines[j];
    const size = annotationBytes(line) + 3;
    if (size > budget) break;
    budget -= size;
    if (front) head.push(lines[i++]);
    else tail.unshift(lines[j--]);
  }
  const cut = lines.length - head.length - tail.length;
  const note = call.palette.dim(`… ${cut} lines not shown, to keep this message within GitHub's 64 KB annotation limit: the whole message is in the log above, the whole trace in the counterexample file.`);
  return [...head, note, ...tail].join('\n');
}
