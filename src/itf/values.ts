/**
 * Values in the Informal Trace Format (Apalache ADR-015): booleans, strings
 * and lists as JSON has them; records as JSON objects; integers as JSON
 * numbers, or `{ "#bigint": "…" }`; `{ "#set": [...] }`, `{ "#map": [[k, v], ...] }`,
 * `{ "#tup": [...] }`, and `{ "#unserializable": "…" }` for what has no ITF form.
 *
 * kripke's states are plain data, so every state has an encoding; what ITF
 * lacks is written so that kripke reads it back as it was: `null` as JSON
 * null, a non-integer number as a JSON number, NaN, ±Infinity, -0 and Dates
 * as `#unserializable` text (`"NaN"`, `"-0"`, `"Date(2026-01-01T00:00:00.000Z)"`),
 * and a record key that starts with `#` with one more `#` in front. Sets and
 * maps are written in the order of their elements' canonical keys, so one
 * state always has one encoding.
 */
import { KripkeError, brandErrorClass } from '../model/errors.js';
import { canonicalKey, MAX_STATE_DEPTH } from '../model/plain-data.js';
import { ARRAY, DATE, elementsOf, entriesOf, MAP, SET, shapeOf } from '../model/shape.js';

/** A value as ITF writes it. */
export type ItfValue =
  | null
  | boolean
  | string
  | number
  | readonly ItfValue[]
  | { readonly '#bigint': string }
  | { readonly '#set': readonly ItfValue[] }
  | { readonly '#map': readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly '#tup': readonly ItfValue[] }
  | { readonly '#unserializable': string }
  | { readonly [key: string]: ItfValue };

/** Malformed, oversized or unsafe ITF input; the message names the path inside it (`states[3].x`). */
export class ItfError extends KripkeError {
  override name = 'ItfError';
}
brandErrorClass(ItfError);

/** A plain-data value as an ITF value. */
export function encode(value: unknown): ItfValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { '#unserializable': Object.is(value, -0) ? '-0' : String(value) };
  if (typeof value === 'bigint') return { '#bigint': value.toString() };
  if (typeof value !== 'object') return { '#unserializable': String(value) }; // undefined (an array's hole); functions never reach a state
  // By shape, not instanceof: states may come from another realm (structuredClone under Jest, Vitest's vmThreads).
  switch (shapeOf(value)) {
    case ARRAY:
      return Array.from(value as unknown[], encode);
    case DATE:
      return { '#unserializable': `Date(${new Date(dateTime.call(value)).toISOString()})` };
    case SET:
      return { '#set': sortedBy([...elementsOf(value as Set<unknown>)], (x) => x).map(encode) };
    case MAP:
      return { '#map': sortedBy([...entriesOf(value as Map<unknown, unknown>)], ([k]) => k).map(([k, v]) => [encode(k), encode(v)] as const) };
    default:
      return encodeRecord(value as Record<string, unknown>);
  }
}

const dateTime = Date.prototype.getTime as (this: unknown) => number;

function encodeRecord(value: Record<string, unknown>): ItfValue {
  const out: Record<string, ItfValue> = {};
  for (const key of Object.keys(value).sort()) {
    if (value[key] === undefined) continue; // kripke: an undefined property is a missing one
    define(out, key.startsWith('#') ? `#${key}` : key, encode(value[key]));
  }
  return out;
}

function sortedBy<T>(items: T[], keyOf: (item: T) => unknown): T[] {
  const keyed = items.map((item) => [canonicalKey(keyOf(item)), item] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, item]) => item);
}

/** An own, enumerable property even for `__proto__`: input never reaches a prototype. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** How to read integers: kripke's own files keep numbers and bigints apart; other tools write every integer as `#bigint`. */
export interface DecodeContext {
  /** The file says kripke wrote it: `#bigint` is a bigint. Otherwise it is a number where it fits exactly. */
  readonly kripke: boolean;
  readonly maxDepth: number;
}

const UNSERIALIZABLE: Readonly<Record<string, unknown>> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0, undefined };

/** As deep as a state may nest: whatever kripke checks and writes, it reads back. */
export const ITF_MAX_DEPTH = MAX_STATE_DEPTH;

/** A path too long to read whole, as its start and end. */
const elided = (path: string): string => (path.length <= 160 ? path : `${path.slice(0, 60)} … ${path.slice(-60)}`);

/** An ITF value as plain data; `path` names it in errors. */
export function decode(json: unknown, path: string, ctx: DecodeContext, depth = 0): unknown {
  if (depth > ctx.maxDepth) throw new ItfError(`ITF: ${elided(path)} is nested deeper than ${ctx.maxDepth} levels`);
  if (json === null || typeof json === 'boolean' || typeof json === 'string') return json;
  if (typeof json === 'number') {
    // Another tool's integer past 2^53 as a JSON number (ITF before #bigint) was rounded by JSON.parse: refused, never misread.
    if (!ctx.kripke && Number.isInteger(json) && !Number.isSafeInteger(json)) {
      throw new ItfError(`ITF: ${elided(path)} is an integer beyond 2^53 written as a JSON number: it was rounded when read (write it as { "#bigint": "…" })`);
    }
    return json;
  }
  if (Array.isArray(json)) return json.map((x, i) => decode(x, `${path}[${i}]`, ctx, depth + 1));
  if (typeof json !== 'object') throw new ItfError(`ITF: ${path} is ${typeof json}, not a JSON value`);
  const record = json as Record<string, unknown>;
  const keys = Object.keys(record);
  const tag = keys.length === 1 && keys[0].startsWith('#') && !keys[0].startsWith('##') ? keys[0] : undefined;
  if (tag === undefined) return decodeRecord(record, keys, path, ctx, depth);
  const body = record[tag];
  const inner = `${path}.${tag}`;
  switch (tag) {
    case '#bigint':
      return decodeBigint(body, inner, ctx);
    case '#set':
      return distinct(new Set(listOf(body, inner).map((x, i) => decode(x, `${inner}[${i}]`, ctx, depth + 1))), body, inner, 'element');
    case '#map':
      return distinct(new Map(listOf(body, inner).map((pair, i) => decodePair(pair, `${inner}[${i}]`, ctx, depth + 1))), body, inner, 'key');
    case '#tup':
      return listOf(body, inner).map((x, i) => decode(x, `${inner}[${i}]`, ctx, depth + 1));
    case '#unserializable':
      return decodeUnserializable(body, inner);
    default:
      throw new ItfError(`ITF: ${path} has the unknown tag '${tag}' (ITF knows #bigint, #set, #map, #tup, #unserializable)`);
  }
}

function decodeRecord(record: Record<string, unknown>, keys: string[], path: string, ctx: DecodeContext, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (key.startsWith('#') && !key.startsWith('##')) {
      throw new ItfError(`ITF: ${path} mixes the tag '${key}' with other fields; a tagged value has one field`);
    }
    const name = key.startsWith('##') ? key.slice(1) : key;
    define(out, name, decode(record[key], `${path}.${name}`, ctx, depth + 1));
  }
  return out;
}

function decodeBigint(body: unknown, path: string, ctx: DecodeContext): number | bigint {
  if (typeof body !== 'string' || !/^-?\d+$/.test(body)) throw new ItfError(`ITF: ${path} must be a string of digits, got ${JSON.stringify(body)}`);
  const n = BigInt(body);
  if (ctx.kripke) return n;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function decodeUnserializable(body: unknown, path: string): unknown {
  if (typeof body !== 'string') throw new ItfError(`ITF: ${path} must be a string, got ${JSON.stringify(body)}`);
  if (Object.prototype.hasOwnProperty.call(UNSERIALIZABLE, body)) return UNSERIALIZABLE[body];
  const date = /^Date\((.*)\)$/.exec(body);
  if (date !== null) {
    const d = new Date(date[1]);
    if (Number.isNaN(d.getTime())) throw new ItfError(`ITF: ${path}: ${JSON.stringify(body)} is not a valid date`);
    return d;
  }
  return body; // what another tool could not serialise stays its text
}

function decodePair(pair: unknown, path: string, ctx: DecodeContext, depth: number): [unknown, unknown] {
  if (!Array.isArray(pair) || pair.length !== 2) throw new ItfError(`ITF: ${path} must be a [key, value] pair`);
  return [decode(pair[0], `${path}[0]`, ctx, depth), decode(pair[1], `${path}[1]`, ctx, depth)];
}

/** A set or map read back with as many entries as the file lists: a repeated element or key is malformed, not silently merged. */
function distinct<T extends Set<unknown> | Map<unknown, unknown>>(read: T, body: unknown, path: string, what: string): T {
  if (read.size !== (body as unknown[]).length) throw new ItfError(`ITF: ${path} lists the same ${what} twice`);
  // Records, lists and tuples equal as data are apart by identity once read, and kripke tells states apart by value.
  const elements = read instanceof Map ? [...read.keys()] : [...read];
  if (elements.length > 1 && elements.some((x) => typeof x === 'object' && x !== null) && new Set(elements.map(canonicalKey)).size !== elements.length) {
    throw new ItfError(`ITF: ${path} lists the same ${what} twice`);
  }
  return read;
}

function listOf(body: unknown, path: string): unknown[] {
  if (!Array.isArray(body)) throw new ItfError(`ITF: ${path} must be a list, got ${body === null ? 'null' : typeof body}`);
  return body;
}
