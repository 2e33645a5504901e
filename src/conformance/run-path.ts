/**
 * One test path on one fresh system under test: create it, observe it, take
 * each step on the model and on the code, compare; dispose it whatever happened.
 * Every call into the adapter is awaited under the step timeout.
 */
import { ContractError, KripkeError } from '../model/errors.js';
import { formatLiteral, stepLabel } from '../model/literal.js';
import { canonicalKey, copyPlainData, describeNonPlainData, sameState } from '../model/plain-data.js';
import type { Transition } from '../model/types.js';
import { stepOf } from '../checker/trace.js';
import type { Step } from '../checker/types.js';
import type { Graph, TestPath } from './plan.js';
import type { Divergence, ImplementationSpec } from './types.js';

/** A step that did not settle in time. */
export class StepTimeoutError extends KripkeError {
  override name = 'StepTimeoutError';
}

/** What a path needs: the model's transitions and graph, the adapter, the options that matter here. */
export interface PathContext<S> {
  readonly transitions: readonly Transition<S>[];
  readonly graph: Graph<S>;
  readonly spec: ImplementationSpec<S, unknown>;
  readonly stepTimeout: number;
  readonly refuses: false | ((returned: unknown, action: string) => boolean);
  /** With `refuses`: per transition, the choices it takes anywhere in the reachable graph. */
  readonly choicesElsewhere: ReadonlyMap<number, readonly unknown[]>;
  /** Counts implementation action calls and covered edges, across paths. */
  readonly tally: { steps: number; covered: Set<number> };
}

/** How one path ended; `ran`: the edges it actually took (fewer than planned when the implementation chose another way). */
export type PathOutcome<S> =
  | { readonly kind: 'ok'; readonly ran: readonly number[]; readonly deviated: boolean }
  | { readonly kind: 'divergence'; readonly trace: Step<S>[]; readonly divergence: Divergence }
  | { readonly kind: 'error'; readonly trace: Step<S>[]; readonly error: unknown; readonly source: string };

/** A failure of the adapter (not a divergence): which part threw, and what. */
class AdapterFailure {
  constructor(
    readonly source: string,
    readonly error: unknown,
  ) {}
}

interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

/**
 * The timers of `node:timers`, which fake timers (Vitest's, Jest's) leave
 * alone: a step timeout must fire in a test that froze the global clock.
 */
const realTimers: Timers = (() => {
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const timers = typeof builtin === 'function' ? (builtin('node:timers') as Timers | undefined) : undefined;
  return timers ?? { setTimeout: (f, ms) => globalThis.setTimeout(f, ms), clearTimeout: (t) => globalThis.clearTimeout(t as ReturnType<typeof setTimeout>) };
})();

/**
 * `f()`, awaited for at most `ms` when it returns a promise. A synchronous
 * result needs no timer (and a synchronous hang cannot be interrupted anyway).
 */
function timed<T>(f: () => T | Promise<T>, ms: number, what: string): T | Promise<T> {
  const value = f();
  if (!isThenable(value)) return value;
  let timer: unknown;
  const timeout = new Promise<never>((_, reject) => {
    timer = realTimers.setTimeout(() => reject(new StepTimeoutError(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([value, timeout]).finally(() => realTimers.clearTimeout(timer));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Calls a part of the adapter; what it throws (or a timeout) is an AdapterFailure naming the part. */
async function adapter<T>(source: string, f: () => T | Promise<T>, ms: number): Promise<T> {
  // Awaited inside the try: a synchronous throw and a rejection are both the adapter's.
  try {
    return await timed(f, ms, source);
  } catch (error) {
    throw new AdapterFailure(source, error);
  }
}

/**
 * Runs one path, at most `limit` steps of it.
 *
 * @example
 * await runPath(ctx, { init: 0, edges: [0, 3] }, Infinity); // { kind: 'ok' }
 */
export async function runPath<S>(ctx: PathContext<S>, path: TestPath, limit: number): Promise<PathOutcome<S>> {
  const trace: Step<S>[] = [{ action: null, state: ctx.graph.inits.get(path.init)! }];
  let sut: unknown;
  let created = false;
  let outcome: PathOutcome<S> | undefined;
  try {
    sut = await adapter('create', () => ctx.spec.create(), ctx.stepTimeout);
    created = true;
    outcome = await walk(ctx, sut, path, Math.min(limit, path.edges.length), trace);
  } catch (error) {
    outcome = failure(error, trace);
  } finally {
    if (created && ctx.spec.dispose !== undefined) {
      const dispose = ctx.spec.dispose;
      try {
        await adapter('dispose', () => dispose(sut), ctx.stepTimeout);
      } catch (error) {
        outcome = outcome?.kind === 'ok' ? failure(error, trace) : outcome;
      }
    }
  }
  return outcome ?? { kind: 'ok', ran: [], deviated: false };
}

function failure<S>(error: unknown, trace: Step<S>[]): PathOutcome<S> {
  if (error instanceof AdapterFailure) return { kind: 'error', trace, error: error.error, source: error.source };
  return { kind: 'error', trace, error, source: 'model' };
}

/** The steps of a path after `create`; throws an AdapterFailure for the adapter's errors. */
async function walk<S>(ctx: PathContext<S>, sut: unknown, path: TestPath, steps: number, trace: Step<S>[]): Promise<PathOutcome<S>> {
  const first = await compare(ctx, sut, trace, 0);
  if (first !== undefined) return first;
  let refused = await refusals(ctx, sut, trace);
  if (refused !== undefined) return refused;
  let node = path.init;
  const ran: number[] = [];
  for (let i = 0; i < steps; i++) {
    const e = path.edges[i];
    const tr = ctx.transitions[ctx.graph.transition[e]];
    const taken = ctx.spec.chooses?.includes(tr.label) === true ? await chosen(ctx, sut, trace, node, e) : await planned(ctx, sut, trace, e);
    if (typeof taken !== 'number') return taken;
    ctx.tally.covered.add(taken);
    ran.push(taken);
    // The implementation chose another way: the rest of the plan no longer applies (the caller plans it again).
    if (taken !== e) return { kind: 'ok', ran, deviated: true };
    node = ctx.graph.to[e];
    refused = await refusals(ctx, sut, trace);
    if (refused !== undefined) return refused;
  }
  return { kind: 'ok', ran, deviated: false };
}

/** A fresh deep copy of a choice for the implementation: what it does to it cannot reach the model's graph. */
const handOver = (choice: unknown): never => copyPlainData(choice) as never;

/** A step whose choice the model makes: the edge's index, or how it diverged. */
async function planned<S>(ctx: PathContext<S>, sut: unknown, trace: Step<S>[], e: number): Promise<number | PathOutcome<S>> {
  const { graph, transitions } = ctx;
  const t = graph.transition[e];
  const choice = graph.choice[e];
  const step = stepOf({ transition: t, choice, state: transitions[t].apply(trace[trace.length - 1].state, choice) }, transitions);
  trace.push(step);
  const act = ctx.spec.actions[transitions[t].label];
  ctx.tally.steps++;
  try {
    await timed(() => act(sut, handOver(choice)), ctx.stepTimeout, `action '${step.action}'`);
  } catch (thrown) {
    if (thrown instanceof StepTimeoutError) throw new AdapterFailure(`action '${step.action}'`, thrown);
    const expected = await project(ctx, step.state);
    return { kind: 'divergence', trace, divergence: { step: trace.length - 1, action: step.action, expected, observed: undefined, thrown } };
  }
  return (await compare(ctx, sut, trace, trace.length - 1)) ?? e;
}

/**
 * A step whose choice the implementation makes: the edge whose successor it
 * shows (the planned one first), or a divergence listing every candidate.
 */
async function chosen<S>(ctx: PathContext<S>, sut: unknown, trace: Step<S>[], node: number, e: number): Promise<number | PathOutcome<S>> {
  const { graph, transitions } = ctx;
  const t = graph.transition[e];
  const state = trace[trace.length - 1].state;
  const options = [e, ...graph.out.get(node)!.filter((x) => x !== e && graph.transition[x] === t)];
  const steps = options.map((x) => stepOf({ transition: t, choice: graph.choice[x], state: transitions[t].apply(state, graph.choice[x]) }, transitions));
  const label = transitions[t].label;
  ctx.tally.steps++;
  try {
    await timed(() => ctx.spec.actions[label](sut, undefined as never), ctx.stepTimeout, `action '${label}'`);
  } catch (thrown) {
    if (thrown instanceof StepTimeoutError) throw new AdapterFailure(`action '${label}'`, thrown);
    trace.push(steps[0]);
    return { kind: 'divergence', trace, divergence: { step: trace.length - 1, action: label, expected: await project(ctx, steps[0].state), observed: undefined, thrown } };
  }
  const observed = await observe(ctx, sut);
  const candidates: unknown[] = [];
  for (let k = 0; k < steps.length; k++) {
    const expected = await project(ctx, steps[k].state);
    if (same(observed, expected)) {
      trace.push(steps[k]);
      return options[k];
    }
    candidates.push(expected);
  }
  trace.push(steps[0]);
  return { kind: 'divergence', trace, divergence: { step: trace.length - 1, action: label, expected: candidates[0], observed, candidates } };
}

/** Observes and compares with the projection of the trace's last state; a divergence, or undefined. */
async function compare<S>(ctx: PathContext<S>, sut: unknown, trace: Step<S>[], step: number): Promise<PathOutcome<S> | undefined> {
  const observed = await observe(ctx, sut);
  const expected = await project(ctx, trace[step].state);
  if (same(observed, expected)) return undefined;
  return { kind: 'divergence', trace, divergence: { step, action: trace[step].action, expected, observed } };
}

/** What the implementation shows, copied now: a live reference it returned may change later (a later step, dispose). */
async function observe<S>(ctx: PathContext<S>, sut: unknown): Promise<unknown> {
  return copyPlainData(await adapter('observe', () => ctx.spec.observe(sut), ctx.stepTimeout));
}

async function project<S>(ctx: PathContext<S>, state: S): Promise<unknown> {
  const p = ctx.spec.project;
  if (p === undefined) return state;
  const projected = await adapter('project', () => p(state), ctx.stepTimeout);
  // A misspelt field reads as undefined on both sides and every step conforms (badinput21: a decrementing counter passed).
  if (projected === undefined) {
    throw new AdapterFailure('project', new ContractError(`project returned undefined for ${formatLiteral(state, { max: 80 })}: a misspelt field reads as undefined, and an observation that reads one too would match it at every step; return the value to compare (null for nothing)`));
  }
  return projected;
}

/**
 * kripke's state equality of an observation and a projection; a value that is
 * not plain data is the error of whichever part returned it, with its path.
 */
function same(observed: unknown, expected: unknown): boolean {
  try {
    return sameState(observed, expected);
  } catch (error) {
    const bad = describeNonPlainData(observed, 'observed');
    if (bad !== null) throw new AdapterFailure('observe', new ContractError(`observe returned a value that is not plain data: ${bad.message}; return what the code shows as plain data (objects, arrays, Map, Set, …)`));
    const wrong = describeNonPlainData(expected, 'projected');
    if (wrong !== null) throw new AdapterFailure('project', new ContractError(`project returned a value that is not plain data: ${wrong.message}`));
    throw error;
  }
}

/**
 * With `refuses`: each action the model disables in the trace's last state is
 * tried; it must be refused and leave the observation as it was.
 */
async function refusals<S>(ctx: PathContext<S>, sut: unknown, trace: Step<S>[]): Promise<PathOutcome<S> | undefined> {
  if (ctx.refuses === false) return undefined;
  const state = trace[trace.length - 1].state;
  for (const [t, choice, label] of disabled(ctx, state)) {
    const act = ctx.spec.actions[ctx.transitions[t].label];
    ctx.tally.steps++;
    let refusedBy: unknown;
    let returned: unknown;
    try {
      returned = await timed(() => act(sut, handOver(choice)), ctx.stepTimeout, `disabled action '${label}'`);
    } catch (thrown) {
      if (thrown instanceof StepTimeoutError) throw new AdapterFailure(`disabled action '${label}'`, thrown);
      refusedBy = { thrown };
    }
    const step = trace.length - 1;
    if (refusedBy === undefined && !ctx.refuses(returned, label)) {
      return { kind: 'divergence', trace, divergence: { step, action: trace[step].action, expected: await project(ctx, state), observed: await observe(ctx, sut), disabled: label } };
    }
    const changed = await compare(ctx, sut, trace, step);
    if (changed?.kind === 'divergence') return { ...changed, divergence: { ...changed.divergence, disabled: label, refused: true, ...(refusedBy as object | undefined) } };
  }
  return undefined;
}

/**
 * The firings the model disables in `state`: [transition, choice, label]. An
 * action with choices is tried with each choice it takes anywhere in the
 * reachable graph (or yields here) that is not enabled here, so a `choices`
 * that yields nothing here disables it as much as an `enabled` guard does;
 * one that takes no choice anywhere is tried without one, as is an action in
 * `chooses` that no choice enables here.
 */
function disabled<S>(ctx: PathContext<S>, state: S): [number, unknown, string][] {
  const found: [number, unknown, string][] = [];
  const chooses = ctx.spec.chooses ?? [];
  ctx.transitions.forEach((tr, t) => {
    if (tr.choices === undefined) {
      if (tr.enabled !== undefined && tr.enabled(state) !== true) found.push([t, undefined, tr.label]);
      return;
    }
    const offered = [...tr.choices(state)];
    const on = new Set(offered.filter((c) => tr.enabled === undefined || tr.enabled(state, c) === true).map((c) => canonicalKey(c)));
    if (chooses.includes(tr.label)) {
      if (on.size === 0) found.push([t, undefined, tr.label]);
      return;
    }
    const tried = new Map<string, unknown>();
    for (const c of [...offered, ...(ctx.choicesElsewhere.get(t) ?? [])]) if (!tried.has(canonicalKey(c))) tried.set(canonicalKey(c), c);
    if (tried.size === 0) found.push([t, undefined, tr.label]);
    for (const [key, c] of tried) if (!on.has(key)) found.push([t, c, stepLabel(tr.label, true, c)]);
  });
  return found;
}
