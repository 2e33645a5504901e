import { livenessProperty } from '../checker/liveness/check-liveness.js';
import type { CheckResult, FairnessAssumptions } from '../checker/types.js';
import type { Fairness, StatePredicate } from '../model/types.js';
import type { Palette } from '../render/palette.js';
import { plural, stepsOf } from '../render/summary.js';
import { describeFunction } from '../render/value.js';
import {
  askFor,
  callOf,
  type Call,
  type MatcherContext,
  type MatcherOptions,
  type MatcherResult,
  requireModel,
  requireOptions,
  runCheck,
  systemOf,
  usageError,
} from './context.js';
import { report } from './report.js';

/**
 * Options of `toEventually`: the liveness query's `from` and fairness, and the
 * check's budgets. `L` is the model's action labels, so a misspelt fair action
 * is a type error when they are known.
 */
export interface EventuallyOptions<S = unknown, L extends string = string> extends MatcherOptions {
  /** The goal is due after every state where `from` holds (leads-to), not only at the start. */
  from?: StatePredicate<S>;
  /** Weakly fair actions (names, or 'all'). */
  fair?: Fairness<L>;
  /** Strongly fair actions (names, or 'all'). */
  strongFair?: Fairness<L>;
  /** TLA+'s semantics: a path may stop in any state where no fair action is enabled. Default false. */
  stuttering?: boolean;
  /**
   * Let a vacuous check pass: one whose `from` never holds in a reachable state,
   * or whose goal holds in every reachable state. Default false: a vacuous
   * check proves nothing, so it fails and says why.
   */
  allowVacuous?: boolean;
}

/**
 * Passes when every path the fair scheduler allows reaches the goal: from the
 * initial states (◇goal), or, with `from`, after every state where `from`
 * holds (from ⤳ goal). A string names a liveness property declared on the
 * model; `from`, `fair` and `strongFair` given here replace its own. Fails with
 * a lasso: the shortest path to a cycle that repeats forever without the goal
 * (marked "↻ back to step N"), or a path that stops; the message says which
 * fairness was assumed. A search cut short by a budget, or user code that
 * throws, fails with or without `.not`.
 *
 * @example
 * expect(job).toEventually((s) => s.done, { fair: ['finish'] });
 * expect(lock).toEventually((s) => s.writing, { from: (s) => s.writerWaiting, fair: 'all' });
 * expect(lock).toEventually('writer-progress');
 * expect(readerPreference).not.toEventually('writer-progress');
 */
export function toEventually(this: MatcherContext, received: unknown, goal: unknown, options?: unknown): MatcherResult {
  const label = typeof goal === 'string' ? JSON.stringify(goal) : 'goal';
  const call = callOf(this, 'toEventually', received, label, options !== undefined);
  const model = requireModel(call, received);
  if (typeof goal !== 'function' && typeof goal !== 'string') {
    throw usageError(call, `${call.palette.expected('goal')} must be a predicate (state) => boolean or the name of a liveness property of the model`, {
      label: 'Goal',
      value: goal,
    });
  }
  const { from, fair, strongFair, stuttering, allowVacuous, ...checkOptions } = requireOptions(call, options) as EventuallyOptions;
  if (allowVacuous !== undefined && typeof allowVacuous !== 'boolean') {
    throw usageError(call, `${call.palette.expected('allowVacuous')} must be true or false`, { label: 'allowVacuous', value: allowVacuous });
  }
  const query = {
    goal: goal as StatePredicate<unknown> | string,
    ...(from === undefined ? {} : { from }),
    ...(fair === undefined ? {} : { fair }),
    ...(strongFair === undefined ? {} : { strongFair }),
    ...(stuttering === undefined ? {} : { stuttering }),
  };
  const system = systemOf(call, model);
  const property = runCheck(call, () => livenessProperty(system, query, 'toEventually'));
  const result = askFor(call, system, { kind: 'liveness', properties: [property] }, checkOptions);
  const declared = typeof goal === 'string' ? system.liveness.find((p) => p.name === goal) : undefined;
  const words = {
    goal: describeFunction(declared?.goal ?? goal),
    from: from !== undefined ? describeFunction(from) : declared?.from !== undefined ? describeFunction(declared.from) : undefined,
    property: declared === undefined ? '' : ` (liveness ${JSON.stringify(declared.name)})`,
  };
  const fairness = fairnessLine(result.fairness ?? { fair: [], strongFair: [], stuttering: false }, call.palette);
  const warnings = (result.warnings ?? []).map((w) => call.palette.dim(`Warning: ${w}.`));
  if (result.kind === 'ok' && result.warnings !== undefined && allowVacuous !== true) {
    // A vacuous pass proves nothing: fail, with or without .not, and say why.
    return {
      pass: call.isNot,
      message: () =>
        [
          call.hint,
          '',
          ...result.warnings!.map((w) => call.palette.received(`✗ ${w}.`)),
          call.palette.dim('Nothing is proven. Fix the predicate, or pass { allowVacuous: true } if this is what you mean.'),
          fairness,
        ].join('\n'),
    };
  }
  switch (result.kind) {
    case 'ok': {
      const states = plural(result.stats.states, 'reachable state');
      const expected =
        words.from === undefined
          ? `Expected some path never to reach ${words.goal}${words.property}, but every path reaches it`
          : `Expected some path on which ${words.goal}${words.property} never follows a state where ${words.from} holds, but it always follows`;
      return {
        pass: true,
        message: () => [call.hint, '', `${expected} (${states}).`, fairness, ...warnings].join('\n'),
      };
    }
    case 'liveness':
      return { pass: false, ...report(call, result, lassoWording(call, result, words, fairness)) };
    default:
      // error or incomplete: nothing is proven either way, so fail under .not too.
      return { pass: call.isNot, ...report(call, result, { context: [fairness] }) };
  }
}

/** `Fairness: weak for finish, stop-read; strong for every action`, or none. */
function fairnessLine(f: FairnessAssumptions, palette: Palette): string {
  const list = (x: Fairness) => (x === 'all' ? 'every action' : x.join(', '));
  const parts = [...(f.fair === 'all' || f.fair.length > 0 ? [`weak for ${list(f.fair)}`] : []), ...(f.strongFair === 'all' || f.strongFair.length > 0 ? [`strong for ${list(f.strongFair)}`] : [])];
  const stops = f.stuttering ? '; paths may stop where no fair action is enabled (stuttering)' : '';
  return parts.length === 0
    ? palette.dim(
        f.stuttering
          ? 'Fairness: none assumed (paths may stop anywhere, stuttering; pass fair or strongFair to rule that out)'
          : 'Fairness: none assumed (a scheduler may ignore any action forever; pass fair or strongFair to rule that out)',
      )
    : palette.dim(`Fairness: ${parts.join('; ')}${stops}`);
}

/** The headline and the step marks of a lasso (or of a path that stops). */
function lassoWording(call: Call, result: CheckResult<unknown>, words: { goal: string; from?: string; property: string }, fairness: string) {
  const { palette } = call;
  const steps = stepsOf(result);
  const due = result.dueAt ?? 0;
  const expected =
    (words.from === undefined ? `Expected every path to reach ${words.goal}` : `Expected ${words.goal} to follow every state where ${words.from} holds`) +
    words.property;
  const notes = new Map<number, string[]>();
  const add = (i: number, line: string) => notes.set(i, [...(notes.get(i) ?? []), line]);
  if (words.from !== undefined) add(due, palette.received(`⏳ ${words.from} holds: the goal is due from here and never comes`));
  if (result.ending === 'stutter') {
    return {
      headline: `${expected}, but the system may stop after ${plural(steps, 'step')} without it`,
      traceName: 'shortest path',
      context: [fairness],
      notes,
      lastNote: palette.received('✗ no fair action is enabled: with stuttering, the system may stop here forever'),
    };
  }
  if (result.loopsTo === undefined) {
    return {
      headline: `${expected}, but this path stops after ${plural(steps, 'step')} without it`,
      traceName: 'shortest path',
      context: [fairness],
      notes,
      lastNote: palette.received('✗ no action is enabled: the path stops here'),
    };
  }
  const start = result.loopsTo;
  const cycle = steps - start;
  add(start, palette.dim(cycle === 1 ? `↻ step ${start + 1} repeats forever from here` : `↻ steps ${start + 1}–${steps} repeat forever from here`));
  return {
    headline: `${expected}, but after ${plural(start, 'step')} a cycle of ${plural(cycle, 'step')} repeats forever without it`,
    traceName: 'shortest lasso',
    context: [fairness],
    notes,
    lastNote: palette.received(`↻ back to step ${start}`),
  };
}
