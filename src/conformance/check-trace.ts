/**
 * `checkTrace`: a recorded run against the model. The events are explained
 * step by step by the set of model states consistent with them so far (with
 * the environments' behaviors); the first event no successor explains is the
 * answer, with every successor the model offered instead.
 */
import { describe } from '../model/action.js';
import { isModel } from '../model/define-model.js';
import { describeThrown, ModelDefinitionError } from '../model/errors.js';
import { canonicalKey, sameState } from '../model/plain-data.js';
import { isRecord } from '../model/shape.js';
import type { Model, Transition } from '../model/types.js';
import { now } from '../checker/clock.js';
import { resolveOptions, type BaseDefaults } from '../checker/options.js';
import { compose, type System } from '../checker/system.js';
import { firings, stepOf } from '../checker/trace.js';
import type { Step } from '../checker/types.js';
import { readEvents, TraceInputError, type ReadEvents } from './events.js';
import type { TraceCheckOptions, TraceCheckResult, TraceEvent, TraceInput } from './types.js';

/** The options of checkTrace (and toAccept): its own, then the search budgets it honours. */
const OPTIONS = ['environments', 'maxBytes', 'maxStates', 'timeout'];

/** A state consistent with the events so far, and how the model got there. */
interface Node<S> {
  readonly step: Step<S>;
  readonly parent: Node<S> | undefined;
}

/**
 * Whether `actual` matches the deep-partial `pattern`: a record matches key by
 * key (own keys only; extra keys in `actual` are fine), anything else whole, by
 * kripke's state equality.
 *
 * @example
 * matchesPartial({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }); // true
 * matchesPartial({ xs: [1, 2] }, { xs: [1] });                 // false: arrays match whole
 */
export function matchesPartial(actual: unknown, pattern: unknown): boolean {
  if (!isRecord(pattern)) return sameState(actual, pattern);
  if (!isRecord(actual)) return false;
  for (const key of Object.keys(pattern)) {
    if (!Object.hasOwn(actual, key) || !matchesPartial(actual[key], pattern[key])) return false;
  }
  return true;
}

function explains<S>(event: TraceEvent<S>, step: Step<S>, tr: Transition<S> | undefined): boolean {
  if (event.action !== undefined && event.action !== step.action && event.action !== tr?.label) return false;
  if (Object.hasOwn(event, 'choice') && !(tr?.choices !== undefined && sameState(event.choice, step.choice))) return false;
  return !Object.hasOwn(event, 'state') || matchesPartial(step.state, event.state);
}

const traceOf = <S>(node: Node<S> | undefined): Step<S>[] => {
  const steps: Step<S>[] = [];
  for (let n = node; n !== undefined; n = n.parent) steps.push(n.step);
  return steps.reverse();
};

/**
 * Checks that some behaviour of the model (with its environments) explains a
 * recorded run: each event is one step after the initial state (for ITF and
 * kripke traces, step 0 is the initial state). An omitted `action`, `choice`
 * or `state` means "any"; a `state` may be partial.
 *
 * @example
 * checkTrace(counter, [{ action: 'inc' }, { action: 'inc', state: { n: 2 } }]).ok; // true
 * const r = checkTrace(counter, '{"action":"inc"}\n{"state":{"n":5}}\n');
 * r.kind === 'unexplained' && r.at;                                              // 1
 * checkTrace(counter, fromITF(readFileSync('run.itf.json', 'utf8')));             // ITF, from Quint or Apalache
 */
export function checkTrace<S>(model: Model<S>, events: TraceInput<S>, options?: TraceCheckOptions<S>): TraceCheckResult<S> {
  return checkTraceWith(model, events, options, undefined, 'checkTrace');
}

/** checkTrace with the defaults under the global ones (a matcher's: 80% of its test's timeout). */
export function checkTraceWith<S>(model: Model<S>, events: TraceInput<S>, options: TraceCheckOptions<S> | undefined, defaults: BaseDefaults | undefined, where: string): TraceCheckResult<S> {
  const started = now();
  if (!isModel(model)) throw new ModelDefinitionError(`${where}: expected a model from defineModel, got ${describe(model)}`);
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new ModelDefinitionError(`${where}: options must be an object, got ${describe(options)}`);
  const o = (options ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(o).find((k) => !OPTIONS.includes(k));
  if (unknown !== undefined) throw new ModelDefinitionError(`${where}: unknown option '${unknown}'; the options are ${OPTIONS.join(', ')}`);
  const maxBytes = o.maxBytes ?? 64 * 1024 * 1024;
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes < 1) throw new ModelDefinitionError(`${where}: maxBytes must be a positive integer, got ${describe(maxBytes)}`);
  const search = resolveOptions({ maxStates: o.maxStates as number | undefined, timeout: o.timeout as number | undefined }, where, defaults);
  const env = o.environments;
  const system = compose<S>(model, env === undefined ? [] : Array.isArray(env) ? env : [env], where);
  const read = readEvents<S>(events, where, maxBytes);
  assertKnownActions(system, read, where);
  const base = { events: read.events.length + read.offset };
  const initial = system.initStates.map((state): Node<S> => ({ step: { action: null, state }, parent: undefined }));
  let frontier = read.initial === undefined ? initial : initial.filter((n) => matchesPartial(n.step.state, read.initial!.state));
  if (frontier.length === 0) {
    return sealed({ ok: false, kind: 'unexplained', at: 0, event: read.initial!, candidates: initial.map((n) => n.step), trace: [], ...base });
  }
  for (let i = 0; i < read.events.length; i++) {
    const at = i + read.offset;
    if (now() - started > search.timeout) return sealed({ ok: false, kind: 'incomplete', budget: 'timeout', limit: search.timeout, at, trace: traceOf(frontier[0]), ...base });
    let next: Map<string, Node<S>>;
    try {
      next = explained(frontier, read.events[i], system.transitions);
    } catch (error) {
      return sealed({ ok: false, kind: 'error', error, at, trace: traceOf(frontier[0]), ...base });
    }
    if (next.size === 0) {
      const candidates = frontier.flatMap((n) => [...firings(n.step.state, system.transitions)].map((f) => stepOf(f, system.transitions)));
      return sealed({ ok: false, kind: 'unexplained', at, event: read.events[i], candidates, trace: traceOf(frontier[0]), ...base });
    }
    if (next.size > search.maxStates) return sealed({ ok: false, kind: 'incomplete', budget: 'maxStates', limit: search.maxStates, at, trace: traceOf(frontier[0]), ...base });
    frontier = [...next.values()];
  }
  return sealed({ ok: true, kind: 'ok', trace: traceOf(frontier[0]), ...base });
}

/**
 * Throws when an event names an action that no transition has: a typo or a
 * log from another system is a usage error, not an unexplained event.
 */
function assertKnownActions<S>(system: System<S>, read: ReadEvents<S>, where: string): void {
  const labels = system.transitions.map((t) => t.label);
  const known = (action: string) => labels.some((l) => action === l || (action.startsWith(`${l}(`) && action.endsWith(')')));
  read.events.forEach((event, i) => {
    if (event.action === undefined || known(event.action)) return;
    const behaviors = system.transitions.some((t) => t.environment !== undefined) ? ' or behavior of its environments' : '';
    throw new TraceInputError(`${where}: event ${i + read.offset} names '${event.action}', which is no action${behaviors} of model '${system.name}'; its actions are ${labels.map((l) => `'${l}'`).join(', ')}`);
  });
}

/** The states, one per distinct state, that explain `event` from some state of the frontier. */
function explained<S>(frontier: readonly Node<S>[], event: TraceEvent<S>, transitions: readonly Transition<S>[]): Map<string, Node<S>> {
  const next = new Map<string, Node<S>>();
  for (const node of frontier) {
    for (const f of firings(node.step.state, transitions)) {
      const step = stepOf(f, transitions);
      if (!explains(event, step, transitions[f.transition])) continue;
      const key = canonicalKey(step.state);
      if (!next.has(key)) next.set(key, { step, parent: node });
    }
  }
  return next;
}

type Unsealed<S> = TraceCheckResult<S> extends infer R ? (R extends unknown ? Omit<R, 'toString'> : never) : never;

function sealed<S>(fields: Unsealed<S>): TraceCheckResult<S> {
  const text = traceSummary(fields);
  return Object.defineProperty(fields, 'toString', { value: () => text, enumerable: false }) as TraceCheckResult<S>;
}

/**
 * The one line of a trace check.
 *
 * @example
 * traceSummary(result); // 'explained — 12 events'
 */
export function traceSummary(r: Unsealed<unknown>): string {
  const events = `${r.events} event${r.events === 1 ? '' : 's'}`;
  switch (r.kind) {
    case 'ok':
      return `explained — ${events}`;
    case 'unexplained':
      return `event ${r.at} is unexplained: no behaviour of the model leads there (${r.candidates.length} candidate successor${r.candidates.length === 1 ? '' : 's'}) — ${events}`;
    case 'error':
      return `error at event ${r.at}: ${describeThrown(r.error)}`;
    case 'incomplete':
      return `incomplete — the ${r.budget} budget (${r.limit}) ran out at event ${r.at}: nothing is proven`;
  }
}
