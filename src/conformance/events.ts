/**
 * The input of `checkTrace`, read as untrusted data: an array of events, NDJSON
 * text (one event a line), ITF (parsed, or `fromITF`'s result), or a kripke
 * trace. Nothing is evaluated; a malformed event is an error naming its index
 * or line; keys are only ever read as own properties.
 */
import { describe } from '../model/action.js';
import { KripkeError } from '../model/errors.js';
import { describeNonPlainData } from '../model/plain-data.js';
import { isRecord as isPlainObject } from '../model/shape.js';
import type { Step } from '../checker/types.js';
import { fromITF } from '../itf/index.js';
import type { TraceEvent } from './types.js';

/** Events, with the initial state's pattern when the input has one (ITF, a kripke trace). */
export interface ReadEvents<S> {
  readonly initial?: TraceEvent<S>;
  readonly events: readonly TraceEvent<S>[];
  /** How an event's index reads in a result: `at` of event i is `i + offset`. */
  readonly offset: number;
}

/** A malformed trace or log, with the place named. */
export class TraceInputError extends KripkeError {
  override name = 'TraceInputError';
}

const FIELDS = ['action', 'choice', 'state'];

/**
 * Reads the input of `checkTrace`.
 *
 * @example
 * readEvents('{"action":"inc"}\n{"action":"inc","state":{"n":2}}\n', 'checkTrace', 1e6).events.length; // 2
 */
export function readEvents<S>(input: unknown, where: string, maxBytes: number): ReadEvents<S> {
  if (typeof input === 'string') {
    // A byte order mark (UTF-8 as Windows tools save it; readFileSync keeps it) is no part of the first line.
    const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
    const itf = itfDocument(text);
    return itf === undefined ? { events: ndjson<S>(text, where, maxBytes), offset: 0 } : fromSteps(fromITF<S>(text, { maxBytes }).trace, where);
  }
  if (Array.isArray(input)) {
    const first: unknown = input[0];
    if (isPlainObject(first) && Object.hasOwn(first, 'action') && first.action === null && Object.hasOwn(first, 'state')) return fromSteps(input as Step<S>[], where);
    // Array.from, not map: a hole in a sparse array is an event too (a malformed one), not skipped.
    return { events: Array.from(input as unknown[], (e, i) => eventOf<S>(e, `${where}: event ${i}`)), offset: 0 };
  }
  if (isPlainObject(input) && Object.hasOwn(input, 'states')) return fromSteps(fromITF<S>(input, { maxBytes }).trace, where);
  if (isPlainObject(input) && Object.hasOwn(input, 'trace') && Object.hasOwn(input, 'vars') && Array.isArray(input.trace)) return fromSteps(input.trace as Step<S>[], where);
  throw new TraceInputError(`${where}: expected an array of events, NDJSON text, or an ITF trace, got ${describe(input)}`);
}

/** The text as one ITF document (a JSON object with `states`, as a `.itf.json` file holds it), or undefined for NDJSON. */
function itfDocument(text: string): unknown {
  if (!/^\s*\{/.test(text) || !text.includes('"states"')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) && Object.hasOwn(parsed, 'states') ? parsed : undefined;
  } catch {
    return undefined; // several lines of events: NDJSON
  }
}

/** A trace (ITF or kripke's): step 0 is the initial state, each later step an event with its label, choice and whole state. */
function fromSteps<S>(steps: readonly Step<S>[], where: string): ReadEvents<S> {
  const asEvent = (step: unknown, i: number): TraceEvent<S> => {
    if (!isPlainObject(step)) throw new TraceInputError(`${where}: step ${i} of the trace must be an object { action, state }, got ${describe(step)}`);
    return eventOf<S>(
      {
        ...(typeof step.action === 'string' ? { action: step.action } : {}),
        ...(Object.hasOwn(step, 'choice') && step.choice !== undefined ? { choice: step.choice } : {}),
        state: step.state,
      },
      `${where}: event ${i}`,
    );
  };
  if (steps.length === 0) throw new TraceInputError(`${where}: the trace has no states; it needs at least the initial state`);
  const events = Array.from(steps as unknown[], asEvent);
  return { initial: events[0], events: events.slice(1), offset: 1 };
}

function ndjson<S>(text: string, where: string, maxBytes: number): TraceEvent<S>[] {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxBytes) throw new TraceInputError(`${where}: the log is ${bytes} bytes, more than maxBytes (${maxBytes})`);
  // An empty log is a run that recorded nothing (a log never written?), not a run that conforms (badinput21).
  if (text.trim() === '') throw new TraceInputError(`${where}: the log is empty text: it records no event, so there is nothing to check (was it written?); pass [] to check the initial state alone`);
  const events: TraceEvent<S>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new TraceInputError(`${where}: line ${i + 1} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    events.push(eventOf<S>(parsed, `${where}: line ${i + 1}`));
  });
  return events;
}

/** One event, checked: an object with only action (a string), choice and state. */
function eventOf<S>(value: unknown, place: string): TraceEvent<S> {
  if (!isPlainObject(value)) throw new TraceInputError(`${place} must be an object { action?, choice?, state? }, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!FIELDS.includes(key)) throw new TraceInputError(`${place} has an unknown field '${key}'; an event has ${FIELDS.join(', ')}`);
  }
  if (Object.hasOwn(value, 'action') && typeof value.action !== 'string') throw new TraceInputError(`${place}: action must be a string, got ${describe(value.action)}`);
  for (const key of ['choice', 'state'] as const) {
    const bad = Object.hasOwn(value, key) ? describeNonPlainData(value[key], `event.${key}`) : null;
    if (bad !== null) throw new TraceInputError(`${place}: ${bad.message}; a logged ${key} must be plain data`);
  }
  return value as TraceEvent<S>;
}
