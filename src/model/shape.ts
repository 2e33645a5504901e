/**
 * What kind of plain data an object is: a record, an array, a Map, a Set or a
 * Date, or none of them. One answer for every layer (the fingerprint, the
 * canonical form, the copy, the diff), and one that holds across realms: an
 * object made by `structuredClone` under Jest, or in Vitest's `vmThreads` pool,
 * has another realm's `Object.prototype`, yet it is a plain record.
 *
 * The common case (this realm's prototypes) costs one prototype read and a few
 * compares; a prototype from another realm is recognised once and remembered.
 */

// Built-ins this module calls per value, read once. Under Jest, kripke runs in
// a vm context, where every read of a global (`Math`, `Array`, `Object`,
// `Reflect`) goes through the context's interceptor and keeps V8 from inlining
// the call: `Math.imul` read per hash step made a check 15x slower under Jest
// than in Node (test/architecture.test.ts keeps such reads out of these files).
const { isArray } = Array;
const { getPrototypeOf, getOwnPropertyDescriptor } = Object;
const { ownKeys } = Reflect;

/** An object literal or `Object.create(null)`. */
export const RECORD = 1;
export const ARRAY = 2;
export const MAP = 3;
export const SET = 4;
export const DATE = 5;
/** Anything else: a class instance, a typed array, a Promise, a subclass of Map… */
export const OTHER = 0;

/** One of RECORD, ARRAY, MAP, SET, DATE, OTHER. */
export type Shape = typeof RECORD | typeof ARRAY | typeof MAP | typeof SET | typeof DATE | typeof OTHER;

const OBJECT_PROTO = Object.prototype;
const MAP_PROTO = Map.prototype;
const SET_PROTO = Set.prototype;
const DATE_PROTO = Date.prototype;

// Brand checks: these throw a TypeError for an object without the internal slots.
const mapSize = getOwnPropertyDescriptor(MAP_PROTO, 'size')?.get as (this: unknown) => number;
const setSize = getOwnPropertyDescriptor(SET_PROTO, 'size')?.get as (this: unknown) => number;
const dateTime = DATE_PROTO.getTime as (this: unknown) => number;

const mapEntries = MAP_PROTO.entries as (this: Map<unknown, unknown>) => IterableIterator<[unknown, unknown]>;
const setValues = SET_PROTO.values as (this: Set<unknown>) => IterableIterator<unknown>;

/**
 * A Map's entries as `Map.prototype.entries` gives them: an own
 * `Symbol.iterator` (or `entries`) on the Map cannot hide an entry or invent
 * one, whoever reads the state (the fingerprint, the canonical key, the copy,
 * the label, the diff). A brand check too: it throws a TypeError for an object
 * that only claims Map.prototype. Works on Maps of any realm.
 */
export function entriesOf(map: Map<unknown, unknown>): IterableIterator<[unknown, unknown]> {
  return mapEntries.call(map);
}

/** A Set's elements as `Set.prototype.values` gives them (see `entriesOf`). */
export function elementsOf(set: Set<unknown>): IterableIterator<unknown> {
  return setValues.call(set);
}

/** Prototypes of other realms seen so far, with the shape of their objects. */
const foreign = new WeakMap<object, Shape>();

/**
 * The shape of an object (never null).
 *
 * @example
 * shapeOf({ a: 1 });                               // RECORD
 * shapeOf(vm.runInNewContext('new Map()'));        // MAP: another realm's Map is a Map
 * shapeOf(new (class Point {})());                 // OTHER
 */
export function shapeOf(o: object): Shape {
  let proto: object | null;
  try {
    if (isArray(o)) return ARRAY;
    proto = getPrototypeOf(o) as object | null;
  } catch {
    return OTHER; // a revoked Proxy: nothing can be read from it
  }
  if (proto === OBJECT_PROTO || proto === null) return RECORD;
  // A prototype says what an object claims to be; its internal slots say what it is.
  if (proto === MAP_PROTO) return branded(mapSize, o) ? MAP : OTHER;
  if (proto === SET_PROTO) return branded(setSize, o) ? SET : OTHER;
  if (proto === DATE_PROTO) return branded(dateTime, o) ? DATE : OTHER;
  let shape = foreign.get(proto);
  if (shape === undefined) {
    shape = shapeOfPrototype(proto);
    foreign.set(proto, shape);
  }
  if (shape === MAP) return branded(mapSize, o) ? MAP : OTHER;
  if (shape === SET) return branded(setSize, o) ? SET : OTHER;
  if (shape === DATE) return branded(dateTime, o) ? DATE : OTHER;
  return shape;
}

/** True when `o` is a record, with this realm's prototype or another's. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && shapeOf(value) === RECORD;
}

function branded(check: (this: unknown) => unknown, o: object): boolean {
  try {
    check.call(o);
    return true;
  } catch {
    return false;
  }
}

/** A realm's `Object.prototype`: the end of every ordinary prototype chain, with Object as its constructor. */
function isObjectPrototype(proto: object): boolean {
  return getPrototypeOf(proto) === null && constructorNamed(proto, 'Object');
}

/** The shape of the objects whose prototype is `proto`, a prototype of another realm (or of a class). */
function shapeOfPrototype(proto: object): Shape {
  if (isObjectPrototype(proto)) return RECORD;
  const parent = getPrototypeOf(proto) as object | null;
  // A realm's Map.prototype sits right on that realm's Object.prototype; a subclass of Map does not.
  if (parent === null || !isObjectPrototype(parent)) return OTHER;
  if (constructorNamed(proto, 'Map')) return MAP;
  if (constructorNamed(proto, 'Set')) return SET;
  if (constructorNamed(proto, 'Date')) return DATE;
  return OTHER;
}

/** The prototype's own `constructor` is the built-in function of that name. */
function constructorNamed(proto: object, name: string): boolean {
  const ctor = getOwnPropertyDescriptor(proto, 'constructor')?.value as unknown;
  return (
    typeof ctor === 'function' &&
    ctor.name === name &&
    (ctor as { prototype?: unknown }).prototype === proto &&
    Function.prototype.toString.call(ctor).includes('[native code]')
  );
}

const isEnumerable = Object.prototype.propertyIsEnumerable;
const ownNames = Object.getOwnPropertyNames;
const ownSymbols = Object.getOwnPropertySymbols;

/**
 * `ownKeys(o).length`: every own key, string or symbol, enumerable or
 * not. Counted as names plus symbols, a quarter of the cost in V8 (whose
 * getOwnPropertyNames copies the enum cache; ownKeys goes to the runtime):
 * the fast paths pay it on every record they read.
 *
 * @example
 * ownKeyCount(Object.defineProperty({ a: 1 }, 'x', { value: 1 })); // 2
 */
export function ownKeyCount(o: object): number {
  return ownNames(o).length + ownSymbols(o).length;
}

/**
 * The first own key of a record that its plain-data reading (its enumerable
 * string keys) does not see, or undefined: a symbol key or a non-enumerable
 * property. Such a key would make two states that behave differently one
 * state. The fast paths compare a count (`ownKeyCount(o)` against
 * the keys they read) and ask this only to name the culprit.
 *
 * @example
 * hiddenKey(Object.defineProperty({}, 'x', { value: 1 })); // 'x'
 * hiddenKey({ [Symbol('k')]: 1 }); // Symbol(k)
 * hiddenKey({ a: 1 }); // undefined
 */
export function hiddenKey(o: object): string | symbol | undefined {
  for (const key of ownKeys(o)) {
    if (typeof key === 'symbol' || !isEnumerable.call(o, key)) return key;
  }
  return undefined;
}
