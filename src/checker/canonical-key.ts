/**
 * The canonical text of a plain-data state, for `exact: true`: equal states
 * give equal strings, with key order and Map/Set insertion order ignored.
 * Slower and larger than a fingerprint; free of collisions.
 */
import { isPlainObject, MAX_STATE_DEPTH } from '../model/plain-data.js';
import { throwShapeError } from './fingerprint.js';

const NOT_PLAIN = { notPlain: true };

function key(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'number':
      return v === 0 ? 'n0' : `n${v}`; // folds -0 into 0, as the fingerprint does
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${v}`;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (v === null) return 'N';
  if (depth > MAX_STATE_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + key(v[i], depth + 1);
    return `${s}]`;
  }
  if (isPlainObject(v)) {
    const rec = v as Record<string, unknown>;
    // Object.keys skips symbol keys; a state that has one is not plain data (describeNonPlainData says so too).
    if (Object.getOwnPropertySymbols(rec).length > 0) throw NOT_PLAIN;
    const parts: string[] = [];
    for (const k of Object.keys(rec).sort()) {
      if (rec[k] !== undefined) parts.push(`${JSON.stringify(k)}:${key(rec[k], depth + 1)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (v instanceof Map) {
    const parts = [...v].map(([k, x]) => `${key(k, depth + 1)}=>${key(x, depth + 1)}`).sort();
    return `M{${parts.join(',')}}`;
  }
  if (v instanceof Set) return `S{${[...v].map((x) => key(x, depth + 1)).sort().join(',')}}`;
  if (v instanceof Date) return `D${v.getTime()}`;
  throw NOT_PLAIN;
}

/**
 * @example
 * canonicalKey({ b: 1, a: new Set([2, 1]) }) === canonicalKey({ a: new Set([1, 2]), b: 1 }) // true
 */
export function canonicalKey(state: unknown): string {
  try {
    return key(state, 0);
  } catch (e) {
    if (e === NOT_PLAIN) throwShapeError(state);
    throw e;
  }
}
