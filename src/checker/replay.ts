/**
 * Replaying a saved counterexample against today's model: from the trace's
 * initial state, each step's action and choice fired again, each state
 * compared with the saved one, and at the end, whether the property still
 * breaks. The regression test after a fix (`expect(model).not.toReplay(file)`)
 * and the reproduction of a CI failure on a laptop (`toReplay`) both ask this.
 */
import { ContractError, describeThrown, KripkeError, ModelDefinitionError, MutationError, StateShapeError } from '../model/errors.js';
import { describe } from '../model/action.js';
import { normalizeFairness } from '../model/liveness.js';
import { formatLiteral, stepLabel } from '../model/literal.js';
import { describeNonPlainData, sameState } from '../model/plain-data.js';
import type { LivenessProperty, Transition } from '../model/types.js';
import type { System } from './system.js';
import { judgeLasso } from './liveness/judge-lasso.js';
import { firings, refire, successors } from './trace.js';
import type { Step } from './types.js';

/** What was saved: the steps, a lasso's loop start, and the trace's `#meta` (matcher, property, kind). */
export interface ReplayInput<S> {
  readonly trace: readonly Step<S>[];
  readonly loopsTo?: number;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** Options of `replayTrace`. */
export interface ReplayOptions {
  /** The invariant (or guarantee) that must break at the end; default: the file's `property`, else any invariant. */
  readonly property?: string;
}

/** How far a saved counterexample replays, and whether its property still breaks. */
export interface ReplayResult<S> {
  /** True when every step replays to the same state and the property still breaks at the end. */
  readonly reproduced: boolean;
  /** The trace index of the first step that no longer replays (disabled, unknown, or leading to another state). */
  readonly stoppedAt?: number;
  /** One sentence: `step 3 \`k8s:evict-pod\` is no longer enabled`, `the trace runs to its end and always-responsive holds`. */
  readonly reason: string;
  /** The steps replayed, as today's model takes them (up to the one before `stoppedAt`). */
  readonly trace: readonly Step<S>[];
  /** The property checked at the end, when one was. */
  readonly property?: string;
  /**
   * True when the steps replay but the failure at their end cannot be checked
   * again (a liveness goal given inline, an error the file does not locate):
   * `reproduced` is then false, and `.not.toReplay` fails rather than pass on it.
   */
  readonly unverified?: true;
}

type Fired<S> = { readonly step: Step<S> } | { readonly stop: string };

/**
 * Fires the saved step `i` from `state`: the step it makes today, or why it
 * cannot. A step that names no action (another tool's trace) is matched by its
 * state; a named one by its label among the model's actions, or among the
 * behaviors of the environment the file names (never guessed from a `:` in the label).
 */
function fireSaved<S>(system: System<S>, state: S, saved: Step<S>, i: number): Fired<S> {
  if (saved.action === null || saved.action === undefined) return fireByState(system, state, saved, i);
  const label = saved.action;
  const env = saved.environment;
  const candidates = system.transitions.flatMap((t, ti) => (t.environment === env && (t.label === label || (t.choices !== undefined && label.startsWith(`${t.label}(`))) ? [ti] : []));
  if (candidates.length === 0) {
    if (env !== undefined && !system.environments.includes(env)) {
      throw new KripkeError(`step ${i} \`${label}\` is a behavior of environment ${env}, which was not given: replay with its environment (toReplay(file, { environments: [${env}] }))`);
    }
    return { stop: `step ${i} \`${label}\` names no ${env === undefined ? 'action of the model' : `behavior of environment ${env}`} any more` };
  }
  for (const ti of candidates) {
    const fired = fireOne(system.transitions, ti, state, saved);
    if (fired !== undefined) return fired;
  }
  return { stop: `step ${i} \`${label}\` is no longer enabled` };
}

/** How many top-level fields of two states differ (for the nearest candidate). */
function distance(a: unknown, b: unknown): number {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return sameState(a, b) ? 0 : 1;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => !sameState(x[k], y[k])).length;
}

/** A step without an action label: the first transition whose successor is the recorded state. */
function fireByState<S>(system: System<S>, state: S, saved: Step<S>, i: number): Fired<S> {
  let nearest: { step: Step<S>; d: number } | undefined;
  for (const step of successors(state, system.transitions)) {
    if (sameState(step.state, saved.state)) return { step };
    const d = distance(saved.state, step.state);
    if (nearest === undefined || d < nearest.d) nearest = { step, d };
  }
  const near = nearest === undefined ? '' : ` (nearest: \`${nearest.step.action}\`, ${firstDifference(saved.state, nearest.step.state)})`;
  return { stop: `step ${i}: no action of the model leads to the recorded state${near}` };
}

/** Transition `ti` fired from `state` with the saved step's choice (or the choice its label names), if enabled. */
function fireOne<S>(transitions: readonly Transition<S>[], ti: number, state: S, saved: Step<S>): Fired<S> | undefined {
  const t = transitions[ti];
  const label = saved.action ?? '';
  const offered = t.choices === undefined ? [undefined] : [...t.choices(state)];
  if (t.choices !== undefined && label === t.label && !('choice' in saved && saved.choice !== undefined)) return byState(transitions, ti, state, saved, offered);
  // By index: undefined is a choice too (hostile19d: a trace through go(undefined) did not replay).
  const at = offered.findIndex((c) => ('choice' in saved && saved.choice !== undefined ? sameState(c, saved.choice) : stepLabel(t.label, t.choices !== undefined, c) === label));
  if (at < 0) return undefined;
  const choice = offered[at];
  if (t.enabled !== undefined && t.enabled(state, choice) !== true) return undefined;
  return { step: refire(state, transitions, ti, choice) };
}

/**
 * A step that names an action with choices and not its choice (another
 * tool's trace: Quint's mbt::actionTaken without its nondetPicks): the enabled
 * choice whose successor is the recorded state, or else the first enabled one
 * (the replay then says where it leads instead).
 */
function byState<S>(transitions: readonly Transition<S>[], ti: number, state: S, saved: Step<S>, offered: readonly unknown[]): Fired<S> | undefined {
  const t = transitions[ti];
  let first: Fired<S> | undefined;
  // A choice that throws may be the one the step took (unverified), unless another leads to the recorded state.
  let thrown: { readonly error: unknown } | undefined;
  for (const c of offered) {
    try {
      if (t.enabled !== undefined && t.enabled(state, c) !== true) continue;
      const step = refire(state, transitions, ti, c);
      if (sameState(step.state, saved.state)) return { step };
      first ??= { step };
    } catch (error) {
      thrown ??= { error };
    }
  }
  if (thrown !== undefined) throw thrown.error;
  return first;
}

/** The first place two plain values differ, as `path: saved → now`. */
export function firstDifference(saved: unknown, now: unknown, path = 'state'): string {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
  if ((isRecord(saved) && isRecord(now)) || (Array.isArray(saved) && Array.isArray(now))) {
    const a = saved as Record<string, unknown>;
    const b = now as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      if (!sameState(a[key], b[key])) return firstDifference(a[key], b[key], Array.isArray(saved) ? `${path}[${key}]` : `${path}.${key}`);
    }
  }
  return `${path} was ${formatLiteral(saved)}, is now ${formatLiteral(now)}`;
}

/**
 * Replays saved steps on a composed system: each step's action and choice from
 * the trace's initial state, then the property at the end.
 */
export function replaySteps<S>(system: System<S>, input: ReplayInput<S>, options: ReplayOptions = {}): ReplayResult<S> {
  const saved = input.trace;
  if (saved.length === 0) throw new KripkeError('the trace to replay is empty: a counterexample has at least its initial state');
  saved.forEach((step, i) => {
    // badinput21: [1] read as a trace whose initial state is no longer initial, and .not.toReplay passed.
    if (typeof step !== 'object' || step === null || !('state' in step)) {
      throw new KripkeError(`step ${i} of the trace to replay is ${describe(step)}, not a step { action, state }: pass a check's result, its file (toITF(result)), ITF JSON or kripke steps`);
    }
  });
  // A path that stops where the property it broke is unknown here (another model's file?) is no sign of a fix (badinput21).
  const missing = missingProperty(system, input, options);
  // A file of a model by another name (review21b: an error's or a deadlock's file of another model passed .not.toReplay).
  const model = stringOf(input.meta?.model);
  const stopped = (r: ReplayResult<S>): ReplayResult<S> =>
    missing !== undefined
      ? { ...r, unverified: true, property: missing, reason: `${r.reason}, and the model has no property named ${missing} (another model's file? renamed? replay with { property: 'its new name' })` }
      : model !== undefined && model !== system.name
        ? { ...r, unverified: true, reason: `${r.reason}, and the file is of model ${JSON.stringify(model)}, not ${JSON.stringify(system.name)}: replay it on its own model` }
        : r;
  if (!system.initStates.some((s) => sameState(s, saved[0].state))) {
    return stopped({ reproduced: false, stoppedAt: 0, reason: 'step 0: the trace\'s initial state is no longer an initial state of the model', trace: [] });
  }
  const trace: Step<S>[] = [{ action: null, state: saved[0].state }];
  for (let i = 1; i < saved.length; i++) {
    let fired: Fired<S>;
    try {
      fired = fireSaved(system, trace[i - 1].state, saved[i], i);
    } catch (error) {
      if (!isModelFault(error)) throw error;
      // The model's code throws on the saved path: not a reproduction, and no sign of a fix either.
      return { reproduced: false, unverified: true, stoppedAt: i, reason: `step ${i} \`${saved[i].action ?? '(unnamed)'}\` throws now: ${describeThrown(error)}`, trace };
    }
    if ('stop' in fired) return stopped({ reproduced: false, stoppedAt: i, reason: fired.stop, trace });
    if (!sameState(fired.step.state, saved[i].state)) {
      return stopped({ reproduced: false, stoppedAt: i, reason: `step ${i} \`${saved[i].action}\` now leads to another state: ${firstDifference(saved[i].state, fired.step.state)}`, trace });
    }
    trace.push(fired.step);
  }
  try {
    return { ...judgeEnd(system, trace, input, options), trace };
  } catch (error) {
    if (!isModelFault(error)) throw error;
    return { reproduced: false, unverified: true, reason: `the trace runs to its end, but judging its end throws now: ${describeThrown(error)}`, trace };
  }
}

/** The property the file (or { property }) names for what it broke, when the model declares none of that name. */
function missingProperty<S>(system: System<S>, input: ReplayInput<S>, options: ReplayOptions): string | undefined {
  const kind = stringOf(input.meta?.kind);
  const named = options.property ?? stringOf(input.meta?.property);
  if (named === undefined || (kind !== undefined && kind !== 'invariant' && kind !== 'liveness')) return undefined;
  return system.invariants.some((p) => p.name === named) || system.liveness.some((p) => p.name === named) ? undefined : named;
}

/** An error of the model's code (an action, guard, choices or predicate throwing, or returning what is not a state), not of the call. */
function isModelFault(error: unknown): boolean {
  return !(error instanceof KripkeError) || error instanceof StateShapeError || error instanceof ContractError || error instanceof MutationError;
}

/** The steps replayed, as the start of a sentence: `the one step replays`, `both steps replay`, `all 3 steps replay`. */
const steps = (n: number) => (n === 0 ? 'the initial state replays' : n === 1 ? 'the one step replays' : n === 2 ? 'both steps replay' : `all ${n} steps replay`);

type Verdict = Omit<ReplayResult<unknown>, 'trace'>;

const stringOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Whether the saved property still breaks at the end of the replayed trace. */
function judgeEnd<S>(system: System<S>, trace: readonly Step<S>[], input: ReplayInput<S>, options: ReplayOptions): Verdict {
  const end = trace[trace.length - 1].state;
  const n = trace.length - 1;
  const kind = stringOf(input.meta?.kind);
  const named = options.property ?? stringOf(input.meta?.property);
  if (kind === 'deadlock') {
    const stuck = firings(end, system.transitions).next().done === true && system.terminal?.(end) !== true;
    return stuck
      ? { reproduced: true, reason: `${steps(n)} and the last state is still a deadlock` }
      : { reproduced: false, reason: 'the trace runs to its end and its last state is no longer a deadlock' };
  }
  if (kind === 'divergence' || kind === 'unexplained') {
    // What diverged was the implementation's or the log's: the model's steps replaying says nothing of it (hostile20: it always reproduced).
    return { reproduced: false, unverified: true, reason: `${steps(n)} on the model, but the ${kind} was the implementation's or the log's, which the file does not hold: checkConformance or checkTrace re-checks it` };
  }
  if (kind === 'reached') return { reproduced: true, reason: `${steps(n)} (to the state it reached)` };
  if (kind === 'liveness') return judgeLiveness(system, trace, input, named);
  if (kind === undefined && named !== undefined && !system.invariants.some((p) => p.name === named) && system.liveness.some((p) => p.name === named)) {
    // Another tool's lasso (an ITF file with a loop) is judged as one; a list of steps does not say where it loops.
    if (input.loopsTo !== undefined) return judgeLiveness(system, trace, input, named);
    const what = input.meta === undefined ? 'a list of steps' : 'the file (it gives no loop)';
    throw new KripkeError(`${named} is a liveness property, and ${what} does not say where its lasso loops: replay the check's result (replayTrace(model, result)) or its file (toITF(result))${input.meta === undefined ? ' instead of result.trace' : ''}`);
  }
  if (kind === 'error') return judgeError(system, end, n, input.meta?.errorSource, options.property);
  if (kind === undefined && named === undefined) return judgeBareSteps(system, trace, end, n);
  return judgeInvariants(system, end, n, named);
}

/**
 * Steps alone (`result.trace`) say nothing of what they broke: an invariant
 * that breaks at the end, a last state that is a deadlock, or an action that
 * throws from it reproduces (hostile20: a deadlock's or an error's steps said
 * "every invariant holds", and .not.toReplay passed on the unfixed model).
 * Steps that come back to a state they passed are a lasso's shape, whose
 * property the steps do not hold: unverified. (A check's shortest traces of
 * the other kinds never pass a state twice.)
 */
function judgeBareSteps<S>(system: System<S>, trace: readonly Step<S>[], end: S, n: number): Verdict {
  const invariants = judgeInvariants(system, end, n, undefined);
  if (invariants.reproduced || invariants.unverified === true) return invariants;
  // Every choice, guard and effect from the last state, as the search fires them, in one pass: what throws, or whether none fires.
  let fired = 0;
  const thrown = firstThrow(() => {
    for (const f of firings(end, system.transitions)) {
      fired++;
      if (describeNonPlainData(f.state) !== null) return BAD;
    }
    return true;
  });
  if (thrown !== undefined) return { reproduced: true, reason: `${steps(n)} and an action still throws from the last state: ${thrown}` };
  if (fired === 0 && system.terminal?.(end) !== true) {
    // Steps alone do not say whether their check looked for deadlocks (review20c: { deadlock: false }): say how to tell it.
    return { reproduced: true, reason: `${steps(n)} and the last state is still a deadlock (the steps alone do not say what they broke: if their check ran with { deadlock: false }, replay its result or its file, or name the invariant with { property })` };
  }
  if (trace.slice(0, -1).some((step) => sameState(step.state, end))) {
    return { reproduced: false, unverified: true, reason: `${steps(n)} and come back to a state they passed (a lasso?), but the steps alone do not say which liveness property they broke: replay the check's result or its file (toITF(result))` };
  }
  return { reproduced: false, reason: `the trace runs to its end, every invariant holds there, it is no deadlock and no action throws from it` };
}

function judgeInvariants<S>(system: System<S>, end: S, n: number, named: string | undefined): Verdict {
  const properties = named === undefined ? system.invariants : system.invariants.filter((p) => p.name === named);
  if (named !== undefined && properties.length === 0) {
    // Renamed or removed: whether the trace still breaks what it broke is not known (hostile20: .not.toReplay passed after a rename).
    const liveness = system.liveness.some((p) => p.name === named) ? `${named} is a liveness property, and the trace is not a lasso` : `the model has no invariant or guarantee named ${named} any more`;
    return { reproduced: false, unverified: true, property: named, reason: `the trace runs to its end, but ${liveness}, so whether it still breaks what it broke cannot be told (renamed? replay with { property: 'its new name' })` };
  }
  for (const p of properties) {
    let holds: boolean;
    try {
      holds = p.test(end) === true;
    } catch (error) {
      return { reproduced: false, unverified: true, property: p.name, reason: `the trace runs to its end, but ${p.name} throws there now: ${describeThrown(error)}` };
    }
    if (!holds) return { reproduced: true, property: p.name, reason: `${steps(n)} and ${p.name} still breaks at the end` };
  }
  return named === undefined
    ? { reproduced: false, reason: 'the trace runs to its end and every invariant holds' }
    : { reproduced: false, property: named, reason: `the trace runs to its end and ${named} holds` };
}

/**
 * A lasso: its steps replayed, it is judged again against the liveness
 * property it broke, as the model declares it today (its goal, form and
 * fairness): still a counterexample when the goal fails along it as the form
 * says and a fair scheduler could run it (judge-lasso.ts). The lasso itself
 * is judged, not whichever lasso the check finds first: two equally short
 * ones swap places when the actions are reordered. Only a property declared
 * on the model (by name) can be: an inline goal is code, not in the file,
 * and the verdict is then `unverified`. Fairness or stuttering that the check
 * gave in place of the declared ones are in the file (`#meta.overrides`,
 * `#meta.fairness`) and judged as given; a `from` given in place is code: `unverified`.
 */
function judgeLiveness<S>(system: System<S>, trace: readonly Step<S>[], input: ReplayInput<S>, named: string | undefined): Verdict {
  const n = trace.length - 1;
  const declared = named === undefined ? undefined : system.liveness.find((p) => p.name === named);
  if (named !== undefined && declared === undefined && system.invariants.some((p) => p.name === named)) {
    return { reproduced: false, unverified: true, property: named, reason: `${steps(n)}, but ${named} is an invariant, and the file holds a liveness lasso: name the liveness property it broke, or leave property out` };
  }
  if (declared === undefined) {
    const why = named === undefined
      ? 'the file names no liveness property declared on the model (an inline goal is code, not saved in the file)'
      : `the model declares no liveness property named ${named} any more`;
    return { reproduced: false, unverified: true, ...(named === undefined ? {} : { property: named }), reason: `${steps(n)}, but ${why}, so the property cannot be re-checked: declare it with defineModel({ liveness }) and check it by name` };
  }
  const property = asChecked(system, declared, input.meta);
  if (typeof property === 'string') return { reproduced: false, unverified: true, property: declared.name, reason: `${steps(n)}, but ${property}` };
  const verdict = judgeLasso(system.transitions, property, trace.map((step) => step.state), input.loopsTo);
  const lasso = input.loopsTo === undefined ? '' : ' (the cycle included)';
  if (verdict.breaks) return { reproduced: true, property: declared.name, reason: `${steps(n)}${lasso} and it still breaks ${declared.name}` };
  if (verdict.unjudged === true) return { reproduced: false, unverified: true, property: declared.name, reason: `${steps(n)}, but ${verdict.why}` };
  return { reproduced: false, property: declared.name, reason: `the lasso replays, but it no longer breaks ${declared.name}: ${verdict.why}` };
}

/**
 * The property as the check that wrote the file had it: the declared one,
 * with the fairness and stuttering the file says the check gave in their
 * place; or why that cannot be known (a `from` given in place, which is code;
 * fairness in the file that names no action of the model any more).
 */
function asChecked<S>(system: System<S>, declared: LivenessProperty<S>, meta: Readonly<Record<string, unknown>> | undefined): LivenessProperty<S> | string {
  const overrides = Array.isArray(meta?.overrides) ? (meta.overrides as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  if (overrides.length === 0) return declared;
  if (overrides.includes('from')) return `the check that found it gave 'from' in place of ${declared.name}'s (code, not saved in the file), so the property cannot be re-checked: check the property as declared to make its file replayable`;
  const saved = (typeof meta?.fairness === 'object' && meta.fairness !== null ? meta.fairness : {}) as Record<string, unknown>;
  const all = system.transitions as readonly Transition<unknown>[];
  try {
    const fair = overrides.includes('fair') ? normalizeFairness(saved.fair, all, 'the file\'s fair') : declared.fair;
    const strongFair = overrides.includes('strongFair') ? normalizeFairness(saved.strongFair, all, 'the file\'s strongFair') : declared.strongFair;
    const stuttering = overrides.includes('stuttering') ? saved.stuttering === true : declared.stuttering;
    return { ...declared, ...(fair === undefined ? {} : { fair }), ...(strongFair === undefined ? {} : { strongFair }), ...(stuttering === undefined ? {} : { stuttering }) };
  } catch (error) {
    if (!(error instanceof ModelDefinitionError)) throw error;
    return `the fairness the check that found it gave in place of the declared one cannot be read: ${error.message}`;
  }
}

/** Where the saved error came from, as `#meta.errorSource` records it. */
interface SavedSource {
  readonly kind: string;
  readonly name?: string;
  readonly environment?: string;
}

/**
 * An error: the failing action (or guard, choices, invariant) fired again from
 * the last state; the error reproduces while it still throws there.
 */
function judgeError<S>(system: System<S>, end: S, n: number, recorded: unknown, renamed: string | undefined): Verdict {
  const source = typeof recorded === 'object' && recorded !== null ? (recorded as SavedSource) : undefined;
  // An invariant that threw, renamed since: { property } names it.
  const name = (source?.kind === 'invariant' || source?.kind === 'guarantee' ? renamed : undefined) ?? stringOf(source?.name);
  if (source === undefined || name === undefined || !['action', 'guard', 'choices', 'invariant', 'guarantee'].includes(source.kind)) {
    const what = source === undefined ? 'the file does not say what threw (written before kripke recorded it)' : `a ${source.kind} error`;
    return { reproduced: false, unverified: true, reason: `${steps(n)}, but ${what} cannot be re-checked from the file` };
  }
  const attempts = source.kind === 'invariant' || source.kind === 'guarantee' ? propertyAttempts(system, end, name) : transitionAttempts(system, end, name, source);
  if (attempts.length === 0) {
    // An action gone is a fix like any step gone; an invariant gone is a check deleted, not a fix (review20b, hostile20).
    return source.kind === 'invariant' || source.kind === 'guarantee'
      ? { reproduced: false, unverified: true, reason: `the trace runs to its end, but \`${name}\` names nothing of the model any more, so whether it still throws cannot be told (renamed? replay with { property: 'its new name' })` }
      : { reproduced: false, reason: `the trace runs to its end, but \`${name}\`, which threw, names nothing of the model any more` };
  }
  const thrown = attempts.map(firstThrow).find((t) => t !== undefined);
  return thrown === undefined
    ? { reproduced: false, reason: `the trace runs to its end and \`${name}\` no longer throws from the last state` }
    : { reproduced: true, reason: `${steps(n)} and \`${name}\` still throws from the last state: ${thrown}` };
}

/** What threw (described), or undefined when `attempt` ran and returned something usable. */
function firstThrow(attempt: () => unknown): string | undefined {
  try {
    const out = attempt();
    return out === BAD ? 'it returns no usable value' : undefined;
  } catch (error) {
    return describeThrown(error);
  }
}

const BAD = Symbol('bad output');

function propertyAttempts<S>(system: System<S>, end: S, name: string): (() => unknown)[] {
  return system.invariants.filter((p) => p.name === name).map((p) => () => (typeof p.test(end) === 'boolean' ? true : BAD));
}

/** The failing transition's guard, choices or effect, run again from `end` (each matching choice). */
function transitionAttempts<S>(system: System<S>, end: S, name: string, source: SavedSource): (() => unknown)[] {
  const matching = system.transitions.filter((t) => t.environment === source.environment && (t.label === name || (t.choices !== undefined && name.startsWith(`${t.label}(`))));
  return matching.map((t) => () => {
    const offered = t.choices === undefined ? [undefined] : [...t.choices(end)];
    if (source.kind === 'choices') return offered;
    const at = offered.findIndex((c) => stepLabel(t.label, t.choices !== undefined, c) === name);
    if (at < 0) return undefined;
    const choice = offered[at];
    const enabled = t.enabled === undefined ? true : t.enabled(end, choice);
    if (source.kind === 'guard') return typeof enabled === 'boolean' ? enabled : BAD;
    if (enabled !== true) return undefined;
    const next = t.apply(end, choice);
    return describeNonPlainData(next) === null ? next : BAD;
  });
}
