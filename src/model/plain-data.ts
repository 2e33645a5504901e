/**
 * What a state is, and when two states are the same state: the one definition
 * of state identity. `canonicalKey` is that definition written out (equal
 * states, equal keys); the checker's fingerprint is a fast path that tests
 * prove equal to it, the exact store keys by it, and the render layer compares
 * and names values with it. `describeNonPlainData` is the slow walk that names
 * the first value that is not plain data, with its path.
 *
 * Plain data: records (key order ignored; an undefined property is a missing
 * one), arrays, strings, numbers (by Object.is: -0 is not 0, NaN is NaN), booleans, null,
 * undefined inside arrays, Maps and Sets, bigint, valid Dates. Not plain data:
 * functions, symbols, symbol keys, cycles, class instances, invalid Dates, and a
 * Set (or a Map's keys) holding two elements that are equal as data: the user's
 * code sees two elements where kripke would see one.
 */
import { describeThrown, ModelDefinitionError, StateShapeError } from './errors.js';
import { formatLiteral } from './literal.js';
import { ARRAY, DATE, elementsOf, entriesOf, hiddenKey, MAP, ownKeyCount, RECORD, SET, shapeOf } from './shape.js';

/** Objects may nest this many levels (the state itself is level 0); deeper means a cycle or a runaway structure. */
export const MAX_STATE_DEPTH = 1000;

// Built-ins the copy calls per value, read once (see shape.ts: under Jest each read of a global is slow).
const { keys: ownEnumerableKeys, getOwnPropertySymbols, getPrototypeOf, defineProperty, create } = Object;
const isEnumerable = Object.prototype.propertyIsEnumerable;
const dateTime = Date.prototype.getTime;

/** Thrown inside the fast walks; the slow walk then finds the path for the message. */
const NOT_PLAIN: unknown = Object.freeze({ notPlain: true });

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The path of `key` under `parent` (`''` is the root, printed `state` when a key needs brackets).
 *
 * @example
 * childPath('nodes[1]', 'pods');             // 'nodes[1].pods'
 * childPath('labels', 'app.kubernetes.io');  // 'labels["app.kubernetes.io"]'
 */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent || 'state'}[${JSON.stringify(key)}]`;
}

/** `nodes[2]` */
export function indexPath(parent: string, i: number): string {
  return `${parent || 'state'}[${i}]`;
}

/** `leases.get("n1")`; the key printed whole: two keys cut to one prefix would name two entries alike. */
export function mapKeyPath(parent: string, key: unknown): string {
  return `${parent || 'state'}.get(${formatLiteral(key)})`;
}

function canonical(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'number':
      return v === 0 ? (1 / v > 0 ? 'n0' : 'n-0') : `n${v}`; // -0 is not 0 (Object.is, as toEqual); NaN is `nNaN`, equal to itself
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${v}`;
    case 'object':
      return v === null ? 'N' : canonicalObject(v, depth);
    default:
      throw NOT_PLAIN;
  }
}

function canonicalObject(v: object, depth: number): string {
  if (depth >= MAX_STATE_DEPTH) throw NOT_PLAIN;
  switch (shapeOf(v)) {
    case ARRAY: {
      const a = v as readonly unknown[];
      let s = '[';
      for (let i = 0; i < a.length; i++) s += (i ? ',' : '') + canonical(a[i], depth + 1);
      return `${s}]`;
    }
    case RECORD: {
      const rec = v as Record<string, unknown>;
      const keys = Object.keys(rec);
      if (ownKeyCount(rec) !== keys.length) throw NOT_PLAIN;
      const parts: string[] = [];
      for (const k of keys.sort()) {
        if (rec[k] !== undefined) parts.push(`${JSON.stringify(k)}:${canonical(rec[k], depth + 1)}`);
      }
      return `{${parts.join(',')}}`;
    }
    case MAP: {
      const keys: string[] = [];
      const parts: string[] = [];
      for (const [k, x] of entriesOf(v as Map<unknown, unknown>)) {
        const key = canonical(k, depth + 1);
        keys.push(key);
        parts.push(`${key}=>${canonical(x, depth + 1)}`);
      }
      if (hasDuplicate(keys)) throw NOT_PLAIN;
      return `M{${parts.sort().join(',')}}`;
    }
    case SET: {
      const parts: string[] = [];
      for (const x of elementsOf(v as Set<unknown>)) parts.push(canonical(x, depth + 1));
      if (hasDuplicate(parts)) throw NOT_PLAIN;
      return `S{${parts.sort().join(',')}}`;
    }
    case DATE: {
      const t = Date.prototype.getTime.call(v);
      if (Number.isNaN(t)) throw NOT_PLAIN;
      return `D${t}`;
    }
    default:
      throw NOT_PLAIN;
  }
}

/** Sorts `keys` in place and says whether two are equal. */
function hasDuplicate(keys: string[]): boolean {
  if (keys.length < 2) return false;
  keys.sort();
  for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) return true;
  return false;
}

/**
 * The canonical text of a plain-data value: two values are the same state
 * exactly when their canonical keys are equal. Throws StateShapeError, naming
 * the path, for a value that is not plain data.
 *
 * @example
 * canonicalKey({ b: 1, a: new Set([2, 1]) }) === canonicalKey({ a: new Set([1, 2]), b: 1 }); // true
 * canonicalKey({ x: 0, y: undefined }) === canonicalKey({ x: 0 });                           // true
 * canonicalKey({ x: -0 }) === canonicalKey({ x: 0 });                                       // false: Object.is, as toEqual
 */
export function canonicalKey(value: unknown): string {
  try {
    return canonical(value, 0);
  } catch (e) {
    if (e === NOT_PLAIN) throwShapeError(value);
    throw e;
  }
}

/**
 * Equal as states are equal.
 *
 * @example
 * sameState(new Set([1, 2]), new Set([2, 1])); // true
 * sameState({ n: 1 }, { n: '1' });              // false
 */
export function sameState(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) return Object.is(a, b); // -0 is not 0, NaN is NaN
  return canonicalKey(a) === canonicalKey(b);
}

/** Throws the StateShapeError that names the first value of `state` that is not plain data. */
export function throwShapeError(state: unknown, root = 'state'): never {
  const bad = describeNonPlainData(state, root);
  if (bad) throw new StateShapeError(`${bad.message}; states must be plain data`, bad.path, bad.message);
  throw new StateShapeError(`${root} is not plain data`, root);
}

/** A problem found by the slow walk: where, and what. */
export interface NotPlain {
  readonly path: string;
  readonly message: string;
}

function problem(path: string, what: string): NotPlain {
  return { path, message: `${path} ${what}` };
}

/**
 * The first reason `value` is not plain data, with its path, or null when it is plain data.
 *
 * @example
 * describeNonPlainData({ nodes: [{ handler: () => 1 }] })?.message; // 'state.nodes[0].handler is a function'
 */
export function describeNonPlainData(value: unknown, root = 'state'): NotPlain | null {
  return walk(value, root, 0, new Set());
}

function walk(v: unknown, path: string, depth: number, ancestors: Set<object>): NotPlain | null {
  if (typeof v === 'function') return problem(path, 'is a function');
  if (typeof v === 'symbol') return problem(path, 'is a symbol');
  if (typeof v !== 'object' || v === null) return null;
  if (ancestors.has(v)) return problem(path, 'is a cycle: it contains itself');
  if (depth >= MAX_STATE_DEPTH) return problem(path, `is nested more than ${MAX_STATE_DEPTH} levels deep`);
  ancestors.add(v);
  try {
    return walkObject(v, path, depth, ancestors);
  } catch (e) {
    // A getter that throws, a revoked Proxy: not plain data, and said so, never a bare throw.
    return problem(path, `cannot be read (${describeThrown(e)})`);
  } finally {
    ancestors.delete(v);
  }
}

function walkObject(v: object, path: string, depth: number, ancestors: Set<object>): NotPlain | null {
  const inner = (x: unknown, p: string) => walk(x, p, depth + 1, ancestors);
  switch (shapeOf(v)) {
    case ARRAY: {
      const a = v as readonly unknown[];
      for (let i = 0; i < a.length; i++) {
        const r = inner(a[i], `${path}[${i}]`);
        if (r) return r;
      }
      return null;
    }
    case RECORD: {
      for (const key of Object.keys(v)) {
        let x: unknown;
        try {
          x = (v as Record<string, unknown>)[key];
        } catch (e) {
          return problem(childPath(path, key), `cannot be read (${describeThrown(e)})`);
        }
        const r = inner(x, childPath(path, key));
        if (r) return r;
      }
      const hidden = hiddenKey(v);
      if (hidden === undefined) return null;
      return typeof hidden === 'symbol'
        ? problem(path, `has a symbol key (${String(hidden)})`)
        : problem(path, `has a non-enumerable property '${hidden}' (a state is what its enumerable keys hold: kripke would not see it)`);
    }
    case MAP: {
      const keys: unknown[] = [];
      for (const [k, x] of entriesOf(v as Map<unknown, unknown>)) {
        const r = inner(k, `${path}.<key ${keys.length}>`) ?? inner(x, mapKeyPath(path, k));
        if (r) return r;
        keys.push(k);
      }
      const twins = equalPair(keys);
      return twins && problem(path, `has two keys equal as data (keys ${twins[0]} and ${twins[1]}: ${formatLiteral(keys[twins[0]], { max: 60 })}): ${TWINS}`);
    }
    case SET: {
      const elements = [...elementsOf(v as Set<unknown>)];
      for (let i = 0; i < elements.length; i++) {
        const r = inner(elements[i], `${path}.<element ${i}>`);
        if (r) return r;
      }
      const twins = equalPair(elements);
      return (
        twins &&
        problem(path, `holds two elements equal as data (elements ${twins[0]} and ${twins[1]}: ${formatLiteral(elements[twins[0]], { max: 60 })}): ${TWINS}`)
      );
    }
    case DATE:
      return Number.isNaN(Date.prototype.getTime.call(v)) ? problem(path, 'is an invalid Date') : null;
    default: {
      const ctor = (v as { constructor?: { name?: unknown } }).constructor?.name;
      const name = typeof ctor === 'string' && ctor !== '' ? ctor : 'a class';
      return problem(path, `is an instance of ${name}, not plain data (use objects, arrays, Map, Set, Date)`);
    }
  }
}

const TWINS =
  'a Set (or Map) tells objects apart by identity, kripke tells states apart by value, so the two would be one state to kripke and two to your code; keep one of them (add by value), or key a Map by an id';

/** The first two indices whose values are equal as data, or null. */
function equalPair(values: readonly unknown[]): [number, number] | null {
  const seen = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const key = canonical(values[i], 0);
    const first = seen.get(key);
    if (first !== undefined) return [first, i];
    seen.set(key, i);
  }
  return null;
}

/**
 * A deep copy of a plain-data state, built with this realm's objects, arrays,
 * Maps, Sets and Dates (whatever realm the original came from). Anything that
 * is not plain data is kept as it is, for the checks to name.
 *
 * @example
 * const copy = copyPlainData({ pods: new Set(['web-1']), at: new Date(0) });
 * copy.pods.add('web-2'); // the original is untouched
 */
export function copyPlainData<T>(value: T): T {
  return copyValue(value, 0) as T;
}

function copyValue(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null || depth > MAX_STATE_DEPTH) return v;
  const d = depth + 1;
  switch (shapeOf(v)) {
    case ARRAY: {
      const a = v as readonly unknown[];
      const n = a.length;
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = copyValue(a[i], d);
      return out;
    }
    case MAP:
      return new Map(Array.from(entriesOf(v as Map<unknown, unknown>), ([k, x]) => [copyValue(k, d), copyValue(x, d)]));
    case SET:
      return new Set(Array.from(elementsOf(v as Set<unknown>), (x) => copyValue(x, d)));
    case DATE:
      return new Date(dateTime.call(v));
    case RECORD: {
      const record = v as Record<PropertyKey, unknown>;
      const out: Record<PropertyKey, unknown> = getPrototypeOf(v) === null ? create(null) : {};
      // Own enumerable keys, strings then symbols (Reflect.ownKeys' order), by assignment, which keeps
      // the copy a fast object; "__proto__" by defineProperty, or it would become the prototype.
      const keys = ownEnumerableKeys(v);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const x = copyValue(record[key], d);
        if (key === '__proto__') defineProperty(out, key, { value: x, enumerable: true, writable: true, configurable: true });
        else out[key] = x;
      }
      const symbols = getOwnPropertySymbols(v);
      for (let i = 0; i < symbols.length; i++) if (isEnumerable.call(v, symbols[i])) out[symbols[i]] = copyValue(record[symbols[i]], d);
      return out;
    }
    default:
      return v;
  }
}

/**
 * Throws when `Object.prototype` carries an enumerable property (prototype
 * pollution): every record would then seem to hold that key too, and a check
 * could not tell a state's own keys from inherited ones.
 */
export function assertUnpollutedPrototype(where: string): void {
  // eslint-disable-next-line guard-for-in -- enumerating the inherited keys is the point
  for (const key in {}) {
    throw new ModelDefinitionError(
      `${where}: Object.prototype has an enumerable property '${key}' (prototype pollution): every record would seem to hold it; remove it, or define it with enumerable: false`,
    );
  }
}
