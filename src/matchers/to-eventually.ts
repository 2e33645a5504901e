import { livenessProperty, type LivenessQuery } from '../checker/liveness/check-liveness.js';
import type { CheckResult, FairnessAssumptions } from '../checker/types.js';
import type { Environment, Fairness, StatePredicate } from '../model/types.js';
import type { Palette } from '../render/palette.js';
import { plural, renderAssumptions, stepsOf } from '../render/summary.js';
import { describeFunction } from '../render/value.js';
import {
  askFor,
  callOf,
  type Call,
  type MatcherContext,
  type MatcherOptions,
  type MatcherResult,
  requireEnvironments,
  requireModel,
  requireOptions,
  runCheck,
  systemOf,
  usageError,
} from './context.js';
import { report, withCounterexample } from './report.js';

/**
 * Options of `toEventually`: the liveness query's `from` and fairness, and the
 * check's budgets. `L` is the model's action labels, so a misspelt fair action
 * is a type error when they are known.
 */
/**
 * What `toEventually` waits for: a goal predicate (◇goal, or from ⤳ goal with
 * `from`), a liveness property declared on the model by name, or one of the
 * two forms that speak of every state: `{ infinitelyOften: P }` (□◇P, P holds
 * again and again) and `{ eventuallyAlways: P }` (◇□P, P settles for good).
 */
export type EventuallyGoal<S = unknown> =
  | StatePredicate<S>
  | string
  | { readonly infinitelyOften: StatePredicate<S>; readonly eventuallyAlways?: never }
  | { readonly eventuallyAlways: StatePredicate<S>; readonly infinitelyOften?: never };

export interface EventuallyOptions<S = unknown, L extends string = string> extends MatcherOptions {
  /** The goal is due after every state where `from` holds (leads-to), not only at the start. */
  from?: StatePredicate<S>;
  /** Weakly fair actions (names, groups of names treated as one, or 'all'). */
  fair?: Fairness<L>;
  /** Strongly fair actions (names, groups of names treated as one, or 'all'). */
  strongFair?: Fairness<L>;
  /**
   * Environments whose behaviors the paths may take at any moment. They are
   * adversarial, never assumed fair; the message lists their residual assumptions.
   */
  environments?: Environment<S> | readonly Environment<S>[];
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
  const spec = requireGoal(call, goal);
  const { from, fair, strongFair, stuttering, allowVacuous, environments, ...checkOptions } = requireOptions(call, options) as EventuallyOptions;
  if (allowVacuous !== undefined && typeof allowVacuous !== 'boolean') {
    throw usageError(call, `${call.palette.expected('allowVacuous')} must be true or false`, { label: 'allowVacuous', value: allowVacuous });
  }
  const query = {
    ...spec,
    ...(from === undefined ? {} : { from }),
    ...(fair === undefined ? {} : { fair }),
    ...(strongFair === undefined ? {} : { strongFair }),
    ...(stuttering === undefined ? {} : { stuttering }),
  } as LivenessQuery<unknown>;
  const envs = environments === undefined ? [] : requireEnvironments(call, environments);
  const system = systemOf(call, model, envs);
  const property = runCheck(call, () => livenessProperty(system, query, 'toEventually'));
  const result = askFor(call, system, { kind: 'liveness', properties: [property] }, checkOptions);
  const words: Words = {
    goal: describeFunction(property.goal),
    ...(property.from === undefined ? {} : { from: describeFunction(property.from) }),
    ...(property.form === undefined ? {} : { form: property.form }),
    property: typeof goal === 'string' ? ` (liveness ${JSON.stringify(property.name)})` : '',
  };
  const fairness = fairnessLine(result.fairness ?? { fair: [], strongFair: [], stuttering: false }, call.palette);
  const footer = envs.length === 0 ? [] : renderAssumptions(system.assumptions.filter((a) => a.status === 'unverified'), call.palette, system.environments);
  const tail = footer.length === 0 ? [] : ['', ...footer];
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
          ...tail,
        ].join('\n'),
    };
  }
  switch (result.kind) {
    case 'ok': {
      const states = plural(result.stats.states, 'reachable state');
      return { pass: true, message: () => [call.hint, '', `${holdsSentence(words)} (${states}).`, fairness, ...warnings, ...tail].join('\n') };
    }
    case 'liveness':
      return withCounterexample(call, { pass: false, ...report(call, result, { ...lassoWording(call, result, words, fairness, property.goal), footer }) }, result, { model: model.name });
    default:
      // error or incomplete: nothing is proven either way, so fail under .not too.
      return withCounterexample(call, { pass: call.isNot, ...report(call, result, { context: [fairness], footer }) }, result, { model: model.name });
  }
}

/** How the property reads in a message. */
interface Words {
  goal: string;
  from?: string;
  form?: 'infinitelyOften' | 'eventuallyAlways';
  /** ` (liveness "name")` for a declared property, else ''. */
  property: string;
}

/** The goal as a spec without fairness: a predicate, a declared property's name, or one of the two forms. */
function requireGoal(call: Call, goal: unknown): Pick<LivenessQuery<unknown>, 'goal'> | { infinitelyOften: StatePredicate<unknown> } | { eventuallyAlways: StatePredicate<unknown> } {
  if (typeof goal === 'function' || typeof goal === 'string') return { goal: goal as StatePredicate<unknown> | string };
  if (typeof goal === 'object' && goal !== null && !Array.isArray(goal)) {
    const keys = Object.keys(goal);
    const [key] = keys;
    const value = (goal as Record<string, unknown>)[key];
    if (keys.length === 1 && (key === 'infinitelyOften' || key === 'eventuallyAlways') && typeof value === 'function') {
      return key === 'infinitelyOften' ? { infinitelyOften: value as StatePredicate<unknown> } : { eventuallyAlways: value as StatePredicate<unknown> };
    }
  }
  throw usageError(
    call,
    `${call.palette.expected('goal')} must be a predicate (state) => boolean, the name of a liveness property of the model, { infinitelyOften: predicate } or { eventuallyAlways: predicate }`,
    { label: 'Goal', value: goal },
  );
}

/** The `.not` failure: the property holds, said the way its form reads. */
function holdsSentence(w: Words): string {
  if (w.form === 'infinitelyOften') return `Expected some path on which ${w.goal}${w.property} holds only finitely often, but it holds again and again on every path`;
  if (w.form === 'eventuallyAlways') return `Expected some path on which ${w.goal}${w.property} never holds for good, but every path settles where it holds`;
  return w.from === undefined
    ? `Expected some path never to reach ${w.goal}${w.property}, but every path reaches it`
    : `Expected some path on which ${w.goal}${w.property} never follows a state where ${w.from} holds, but it always follows`;
}

/** `Fairness: weak for finish, stop-read; strong for every action`, or none. */
function fairnessLine(f: FairnessAssumptions, palette: Palette): string {
  const list = (x: Fairness) => (x === 'all' ? 'every action' : x.map((e) => (typeof e === 'string' ? e : `(${e.join(' ∨ ')}, as one)`)).join(', '));
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
function lassoWording(call: Call, result: CheckResult<unknown>, words: Words, fairness: string, predicate: StatePredicate<unknown>) {
  const { palette } = call;
  const steps = stepsOf(result);
  const due = result.dueAt ?? 0;
  const expected = expectedSentence(words) + words.property;
  const without = words.form === 'eventuallyAlways' ? 'settling' : 'it';
  const notes = new Map<number, string[]>();
  const add = (i: number, line: string) => notes.set(i, [...(notes.get(i) ?? []), line]);
  if (words.from !== undefined) add(due, palette.received(`⏳ ${words.from} holds: the goal is due from here and never comes`));
  if (words.form === 'infinitelyOften') add(due, palette.received(`⏳ from here ${words.goal} never holds again`));
  if (words.form === 'eventuallyAlways') markFailures(result, predicate, (i) => add(i, palette.received(`✗ ${words.goal} fails here`)));
  if (result.ending === 'stutter') {
    return {
      headline: `${expected}, but the system may stop after ${plural(steps, 'step')} without ${without}`,
      traceName: 'shortest path',
      context: [fairness],
      notes,
      lastNote: palette.received('✗ no fair action is enabled: with stuttering, the system may stop here forever'),
    };
  }
  if (result.loopsTo === undefined) {
    return {
      headline: `${expected}, but this path stops after ${plural(steps, 'step')} without ${without}`,
      traceName: 'shortest path',
      context: [fairness],
      notes,
      lastNote: palette.received(
        result.environmentMayAct === true
          ? '✗ no action of the model is enabled, and an environment need not act: the path may stop here'
          : '✗ no action is enabled: the path stops here',
      ),
    };
  }
  const start = result.loopsTo;
  const cycle = steps - start;
  add(start, palette.dim(cycle === 1 ? `↻ step ${start + 1} repeats forever from here` : `↻ steps ${start + 1}–${steps} repeat forever from here`));
  return {
    headline: `${expected}, but after ${plural(start, 'step')} a cycle of ${plural(cycle, 'step')} repeats forever without ${without}`,
    traceName: 'lasso with the shortest prefix',
    context: [fairness],
    notes,
    lastNote: palette.received(`↻ back to step ${start}`),
  };
}

/** The failure's headline, by the property's form. */
function expectedSentence(w: Words): string {
  if (w.form === 'infinitelyOften') return `Expected ${w.goal} to hold again and again on every path`;
  if (w.form === 'eventuallyAlways') return `Expected every path to settle where ${w.goal} holds for good`;
  return w.from === undefined ? `Expected every path to reach ${w.goal}` : `Expected ${w.goal} to follow every state where ${w.from} holds`;
}

/** ◇□P: the steps of the cycle (or the last state of a path that stops) where P fails, to mark them. */
function markFailures(result: CheckResult<unknown>, predicate: StatePredicate<unknown>, mark: (i: number) => void): void {
  const last = result.trace.length - 1;
  const from = result.loopsTo === undefined ? last : result.loopsTo + 1;
  for (let i = from; i <= last; i++) {
    try {
      if (predicate(result.trace[i].state) === false) mark(i);
    } catch {
      // The search already evaluated it here; a predicate that throws now says nothing more.
    }
  }
}
