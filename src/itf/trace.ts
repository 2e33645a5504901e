/**
 * Traces in the Informal Trace Format (Apalache ADR-015), the JSON that
 * Apalache, Quint and TLA+ tooling read and write: `#meta`, `vars`, `states`,
 * and `loop` for a lasso. kripke writes each step's action label, name,
 * choice and environment in the state's `#meta` (as Quint writes
 * `mbt::actionTaken`), and the result's kind, broken property and residual
 * assumptions in the trace's `#meta`. Reading never evaluates anything: a
 * file from CI or production is data, and `__proto__` stays a plain key.
 */
import { describe, isFieldRecord } from '../model/action.js';
import { KripkeError } from '../model/errors.js';
import { checkFields } from '../model/fields.js';
import type { Assumption } from '../model/types.js';
import { isRecord } from '../model/shape.js';
import type { CheckResult, OpenResult, Step, Trace } from '../checker/types.js';
import { decode, define, encode, ItfError, ITF_MAX_DEPTH, type DecodeContext, type ItfValue } from './values.js';

/** The ADR that defines the format, as ITF files cite it. */
export const ITF_FORMAT_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

/** One state of an ITF trace: its `#meta`, then a value per variable. */
export interface ItfState {
  readonly '#meta'?: { readonly index?: number; readonly action?: string | null; readonly name?: string; readonly choice?: ItfValue; readonly environment?: string };
  readonly [variable: string]: ItfValue | ItfState['#meta'];
}

/** An ITF trace, as `JSON.stringify` writes it to a file. */
export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly params?: readonly string[];
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  /** For a lasso: the index of the state the last one leads back to. */
  readonly loop?: number;
}

/**
 * What `fromITF` reads: kripke's steps, the lasso's start, the trace's `#meta`,
 * the variables. A step's `action` is null at step 0, and also where the trace
 * does not say which action was taken (Apalache's traces, Quint's without
 * `mbt::actionTaken`): a reader then matches the state alone.
 */
export interface ItfTraceData<S> {
  readonly trace: Step<S>[];
  readonly loopsTo?: number;
  readonly meta: Record<string, unknown>;
  readonly vars: readonly string[];
}

/** Options of `fromITF`. */
export interface FromItfOptions {
  /** Refuse input longer than this many bytes (default 64 MiB). */
  readonly maxBytes?: number;
  /** Refuse values nested deeper than this (default 1,000, as deep as a state may nest). */
  readonly maxDepth?: number;
}

/** How kripke maps a state to ITF variables: a record's fields, or one variable `state` for any other value. */
const STATE_LAYOUT = 'kripke:state';

/**
 * A result, an open result or a trace as an ITF trace. A record state's
 * fields become the variables; any other state is the one variable `state`.
 *
 * @example
 * const r = checkOpen(service, k8s(false));
 * writeFileSync('counterexample.itf.json', JSON.stringify(toITF(r, { test: 'survives eviction' }), null, 2));
 * toITF(r).states[2]['#meta']; // { index: 2, action: 'k8s:evict-pod', name: 'evict-pod', environment: 'k8s' }
 */
export function toITF<S>(source: CheckResult<S> | OpenResult<S> | Trace<S>, meta: Readonly<Record<string, unknown>> = {}): ItfTrace {
  // badinput21: undefined, a string or {} failed with a bare TypeError; a string meta was spread into #meta letter by letter.
  const held = isObject(source) && !Array.isArray(source) && 'result' in source && 'assumptions' in source ? (source as { result?: unknown }).result : source;
  if (!Array.isArray(source) && !(isObject(held) && Array.isArray((held as { trace?: unknown }).trace))) {
    throw new KripkeError(`toITF expects a check's result, an open result or a list of steps, got ${describe(source)}`);
  }
  if (!isFieldRecord(meta)) throw new KripkeError(`toITF: meta must be an object of fields for the trace's #meta, got ${describe(meta)}`);
  const { trace, about } = partsOf(source);
  const records = trace.every((step) => isRecord(step.state));
  // As the states hold them: a field starting with # is written with one more # (a var '#meta' would name the state's #meta).
  const vars = records ? [...new Set(trace.flatMap((step) => definedKeys(step.state as Record<string, unknown>)))].map((k) => (k.startsWith('#') ? `#${k}` : k)).sort() : ['state'];
  const states = trace.map((step, index) => stateOf(step, index, records));
  const loop = 'loopsTo' in about ? about.loopsTo : undefined;
  return {
    '#meta': {
      format: 'ITF',
      'format-description': ITF_FORMAT_DESCRIPTION,
      source: 'kripke',
      description: 'Created by kripke',
      [STATE_LAYOUT]: records ? 'record' : 'value',
      ...about,
      // As ITF values: a bigint in it made the trace unserialisable (badinput21); fromITF reads #meta back the same way.
      ...Object.fromEntries(Object.entries(meta).map(([k, v]) => [k, encode(v)])),
    },
    vars,
    states,
    ...(typeof loop === 'number' ? { loop } : {}),
  };
}

/** Refuses options that are not an object of the known fields (a typo such as `maxbytes` was ignored: badinput21). */
export function checkOptions(options: unknown, where: string, known: readonly string[]): void {
  if (options === undefined) return;
  if (!isFieldRecord(options)) throw new KripkeError(`${where}: options must be an object { ${known.map((k) => `${k}?`).join(', ')} }, got ${describe(options)}`);
  checkFields(options, known, `${where}: options`);
}

/** The trace and what the trace's `#meta` says about it. */
function partsOf<S>(source: CheckResult<S> | OpenResult<S> | Trace<S>): { trace: Trace<S>; about: Record<string, unknown> } {
  if (Array.isArray(source)) return { trace: source as Trace<S>, about: {} };
  const open = 'result' in source && 'assumptions' in source ? (source as OpenResult<S>) : undefined;
  const r = open === undefined ? (source as CheckResult<S>) : open.result;
  const unverified: readonly Assumption[] | undefined = open?.unverifiedAssumptions ?? r.unverifiedAssumptions;
  const property = r.kind === 'invariant' ? r.invariant : r.kind === 'liveness' ? r.liveness : undefined;
  return {
    trace: r.trace,
    about: {
      kind: r.kind,
      ...(property === undefined ? {} : { property }),
      ...(r.kind === 'invariant' && r.environment !== undefined ? { environment: r.environment } : {}),
      ...(r.kind === 'liveness' && r.loopsTo !== undefined ? { loopsTo: r.loopsTo } : {}),
      // The fields the check gave in place of the declared property's, and its fairness: a replay judges the lasso as it did.
      ...(r.kind === 'liveness' && r.overrides !== undefined ? { overrides: [...r.overrides], fairness: { fair: r.fairness.fair, strongFair: r.fairness.strongFair, stuttering: r.fairness.stuttering } } : {}),
      // What threw, so that a replay can fire it again from the last state.
      ...(r.kind === 'error' ? { errorSource: { ...r.errorSource } } : {}),
      ...(unverified === undefined ? {} : { assumptions: unverified.map((a) => ({ ...a })) }),
      summary: String(r),
    },
  };
}

function definedKeys(state: Record<string, unknown>): string[] {
  return Object.keys(state).filter((k) => state[k] !== undefined);
}

function stateOf<S>(step: Step<S>, index: number, records: boolean): ItfState {
  const meta = {
    index,
    action: step.action,
    ...(step.name === undefined ? {} : { name: step.name }),
    ...('choice' in step ? { choice: encode(step.choice) } : {}),
    ...(step.environment === undefined ? {} : { environment: step.environment }),
  };
  if (!records) return { '#meta': meta, state: encode(step.state) };
  const out: Record<string, unknown> = { '#meta': meta };
  const fields = encode(step.state) as Record<string, ItfValue>;
  for (const key of Object.keys(fields)) define(out, key, fields[key]);
  return out as ItfState;
}

/**
 * Reads an ITF trace (the JSON text, or what `JSON.parse` made of it) as
 * kripke steps: kripke's own files exactly as they were written, and other
 * tools' traces (Apalache, Quint: every integer a `#bigint`, the action in
 * `mbt::actionTaken`) with integers as numbers where they fit. Malformed,
 * oversized or too deeply nested input is an ItfError naming the path.
 *
 * @example
 * const saved = fromITF(readFileSync('.kripke/k8s.test.ts/survives-eviction.itf.json', 'utf8'));
 * saved.trace.map((s) => s.action); // [null, 'start', 'k8s:evict-pod']
 */
export function fromITF<S = unknown>(json: unknown, options: FromItfOptions = {}): ItfTraceData<S> {
  checkOptions(options, 'fromITF', ['maxBytes', 'maxDepth']);
  for (const key of ['maxBytes', 'maxDepth'] as const) {
    const v = options[key];
    // NaN turned the size limit off (badinput21): a limit is a positive whole number, or Infinity for none.
    if (v !== undefined && !(typeof v === 'number' && ((Number.isInteger(v) && v > 0) || v === Infinity))) throw new KripkeError(`fromITF: ${key} must be a positive whole number (or Infinity), got ${describe(v)}`);
  }
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const parsed = typeof json === 'string' ? parse(json, maxBytes) : json;
  if (!isObject(parsed)) throw new ItfError(`ITF: expected a trace object { vars, states }, got ${describeJson(parsed)}`);
  const meta = isObject(parsed['#meta']) ? (decode(parsed['#meta'], '#meta', { kripke: true, maxDepth: 64 }) as Record<string, unknown>) : {};
  // kripke's files say so by their state layout (a source given in toITF's meta replaces 'kripke': review21).
  const ctx: DecodeContext = { kripke: meta.source === 'kripke' || meta[STATE_LAYOUT] === 'record' || meta[STATE_LAYOUT] === 'value', maxDepth: options.maxDepth ?? ITF_MAX_DEPTH };
  const states = parsed.states;
  if (!Array.isArray(states)) throw new ItfError(`ITF: states must be a list, got ${describeJson(states)}`);
  const trace = states.map((state, i) => stepOf<S>(state, i, meta[STATE_LAYOUT] === 'value', ctx));
  // itf-py writes `"loop": null` for every trace without a lasso: no loop, as an absent field.
  const loop = parsed.loop === null ? undefined : parsed.loop;
  if (loop !== undefined && !(Number.isInteger(loop) && (loop as number) >= 0 && (loop as number) < trace.length)) {
    throw new ItfError(`ITF: loop must be the index of a state (0 to ${trace.length - 1}), got ${describeJson(loop)}`);
  }
  const vars = Array.isArray(parsed.vars) ? parsed.vars.filter((v): v is string => typeof v === 'string').map((v) => (v.startsWith('##') ? v.slice(1) : v)) : [];
  return { trace, ...(loop === undefined ? {} : { loopsTo: loop as number }), meta, vars: [...new Set(vars)] };
}

function parse(text: string, maxBytes: number): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw new ItfError(`ITF: the input is ${bytes} bytes, more than maxBytes (${maxBytes}); raise maxBytes if it is meant to be this large`);
  try {
    // A byte order mark (a file saved by a Windows tool, read with readFileSync) is no part of the JSON.
    return JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    throw new ItfError(`ITF: the input is not JSON: ${(error as Error).message}`);
  }
}

/** Quint's model-based-testing variables, read as the step's action and left out of the state. */
const ACTION_TAKEN = 'mbt::actionTaken';

function stepOf<S>(json: unknown, index: number, wrapped: boolean, ctx: DecodeContext): Step<S> {
  const path = `states[${index}]`;
  if (!isObject(json)) throw new ItfError(`ITF: ${path} must be an object of variables, got ${describeJson(json)}`);
  const meta = isObject(json['#meta']) ? json['#meta'] : {};
  const state: Record<string, unknown> = {};
  for (const key of Object.keys(json)) {
    // Quint's mbt:: variables say how the step was taken; in kripke's own file, such a key is the state's own field.
    if (key === '#meta' || (!ctx.kripke && key.startsWith('mbt::'))) continue;
    define(state, key.startsWith('##') ? key.slice(1) : key, decode(json[key], `${path}.${key}`, ctx));
  }
  const action = actionOf(ctx.kripke ? meta.action : (meta.action ?? json[ACTION_TAKEN]), index, path);
  const step: Record<string, unknown> = { action };
  if (typeof meta.environment === 'string') step.environment = meta.environment;
  step.state = wrapped ? state.state : state;
  if (typeof meta.name === 'string') Object.defineProperty(step, 'name', { value: meta.name });
  if ('choice' in meta) Object.defineProperty(step, 'choice', { value: decode(meta.choice, `${path}.#meta.choice`, ctx) });
  return step as unknown as Step<S>;
}

/** The step's action label; null for the initial state, and where the trace does not say (another tool's trace without `mbt::actionTaken`). */
function actionOf(value: unknown, index: number, path: string): string | null {
  if (value === undefined || value === null || (index === 0 && value === 'init')) return null;
  if (typeof value !== 'string') throw new ItfError(`ITF: ${path}.#meta.action must be a string, got ${describeJson(value)}`);
  return index === 0 ? null : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return Array.isArray(value) ? 'a list' : typeof value;
}
