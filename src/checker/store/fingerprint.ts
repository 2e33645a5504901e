/**
 * 64-bit fingerprints of plain-data states, computed in one walk without
 * building strings. Two 32-bit lanes (murmur3-style block mixing with
 * different constants) run side by side; compound values combine their parts
 * in order (arrays) or by a sum of well-mixed entry hashes (object keys, Map
 * entries, Set elements), so key order and insertion order do not matter.
 *
 * Module-level scratch (`laneB`, `depth`) keeps the walk free of allocation:
 * each call returns lane A and leaves lane B in `laneB`.
 */
import { describeNonPlainData, MAX_STATE_DEPTH, throwShapeError } from '../../model/plain-data.js';
import { DATE, elementsOf, entriesOf, MAP, ownKeyCount, RECORD, SET, shapeOf } from '../../model/shape.js';

// Built-ins this module calls per value, read once. Under Jest, kripke runs in
// a vm context, where every read of a global (`Math`, `Array`, `Object`,
// `Reflect`) goes through the context's interceptor and keeps V8 from inlining
// the call: `Math.imul` read per hash step made a check 15x slower under Jest
// than in Node (test/architecture.test.ts keeps such reads out of these files).
const { imul } = Math;
const { isArray } = Array;
const { getPrototypeOf, keys: objectKeys } = Object;

/** Computes fingerprints; the store takes one so that tests can inject a weak one. */
export interface Fingerprinter {
  /** Bits of the fingerprint that vary: 64 for the real one. Used for the collision estimate. */
  readonly bits: number;
  /**
   * Writes the fingerprint of `state` to `out[0]` (lane A) and `out[1]` (lane B).
   * Throws StateShapeError for non-plain data. `fresh`: hash every value anew,
   * reusing no hash of a value shared with the parent (the mutation check of each expanded state).
   */
  of(state: unknown, out: Int32Array, fresh?: boolean): void;
  /**
   * The state whose successors are hashed next, or null when none is (before
   * a mutation check, which must hash every value afresh). Lets a fingerprinter
   * reuse the hashes of values successors share with their parent.
   */
  expanding?(parent: unknown): void;
}

let laneB = 0;
let depth = 0;

// A thrown sentinel: the slow walker then finds the path for the message.
const NOT_PLAIN = { notPlain: true };

const OBJECT_PROTO = Object.prototype;
const SET_PROTO = Set.prototype;
const DATE_PROTO = Date.prototype;

const SEED_INT_A = 0x2545f491, SEED_INT_B = 0x1b873593;
const SEED_FLOAT_A = 0x6a09e667, SEED_FLOAT_B = 0x3c6ef372;
const SEED_STR_A = 0x510e527f, SEED_STR_B = 0x1f83d9ab;
const SEED_ARR_A = 0x5be0cd19, SEED_ARR_B = 0x428a2f98;
const SEED_OBJ_A = 0x71374491, SEED_OBJ_B = 0x3956c25b;
const SEED_MAP_A = 0x59f111f1, SEED_MAP_B = 0x12835b01;
const SEED_SET_A = 0x243185be, SEED_SET_B = 0x550c7dc3;
const SEED_DATE_A = 0x72be5d74, SEED_DATE_B = 0x06ca6351;
const SEED_BIG_A = 0x14292967, SEED_BIG_B = 0x27b70a85;
const NULL_A = 0x2e1b2138, NULL_B = 0x4d2c6dfc;
const UNDEF_A = 0x53380d13, UNDEF_B = 0x650a7354;
const TRUE_A = 0x766a0abb, TRUE_B = 0x81c2c92e;
const FALSE_A = 0x92722c85, FALSE_B = 0xa2bfe8a1;
const NAN_A = 0xa81a664b, NAN_B = 0xc24b8b70;

const f64 = new Float64Array(1);
const u32 = new Int32Array(f64.buffer);

/** murmur3 block step, lane A. */
function stepA(h: number, k: number): number {
  k = imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (imul(h, 5) + 0xe6546b64) | 0;
}

/** The same shape with other constants and rotations, lane B. */
function stepB(h: number, k: number): number {
  k = imul(k, 0x85ebca77);
  k = (k << 13) | (k >>> 19);
  h ^= imul(k, 0xc2b2ae3d);
  h = (h << 17) | (h >>> 15);
  return (imul(h, 9) + 0x27d4eb2f) | 0;
}

/** murmur3 finaliser. */
function fmixA(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** "lowbias32" finaliser (Wellons), independent of lane A's. */
function fmixB(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

function hashString(s: string, seedA: number, seedB: number): number {
  const n = s.length;
  let a = seedA ^ n;
  let b = seedB ^ n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = stepA(a, k);
    b = stepB(b, k);
  }
  if (i < n) {
    const k = s.charCodeAt(i);
    a = stepA(a, k);
    b = stepB(b, k);
  }
  laneB = fmixB(b);
  return fmixA(a);
}

/**
 * Strings recur across states (status names, record keys). Two levels of
 * cache: a direct-mapped table indexed by length and three characters, hit
 * with one compare (the same string object, as literals are, compares by
 * pointer); behind it a Map (an engine-hashed lookup, a third of the cost of
 * hashing in two lanes), bounded so that models minting strings per state
 * cannot grow it without end.
 */
class StringHashCache {
  private readonly slots = new Map<string, number>();
  private readonly lanes = new Int32Array(2 * STRING_CACHE_LIMIT);
  private readonly recent: string[] = new Array<string>(RECENT).fill('');
  private readonly recentLanes = new Int32Array(2 * RECENT);
  constructor(
    private readonly seedA: number,
    private readonly seedB: number,
  ) {}

  hash(s: string): number {
    const n = s.length;
    // Short strings hash faster than a lookup; long ones are rarely repeated and must not be kept alive.
    if (n < 5 || n > LONGEST_CACHED) return hashString(s, this.seedA, this.seedB);
    const r = (n * 61 + s.charCodeAt(0) * 31 + s.charCodeAt(n >> 1) * 7 + s.charCodeAt(n - 1)) & (RECENT - 1);
    if (this.recent[r] === s) {
      laneB = this.recentLanes[2 * r + 1];
      return this.recentLanes[2 * r];
    }
    let a: number;
    const slot = this.slots.get(s);
    if (slot !== undefined) {
      a = this.lanes[slot];
      laneB = this.lanes[slot + 1];
    } else {
      a = hashString(s, this.seedA, this.seedB);
      const size = this.slots.size;
      if (size < STRING_CACHE_LIMIT) {
        this.lanes[2 * size] = a;
        this.lanes[2 * size + 1] = laneB;
        this.slots.set(s, 2 * size);
      }
    }
    this.recent[r] = s;
    this.recentLanes[2 * r] = a;
    this.recentLanes[2 * r + 1] = laneB;
    return a;
  }
}

const RECENT = 256;
const STRING_CACHE_LIMIT = 1 << 13;
/** Longer strings are hashed each time: the caches hold at most ~(8,192 + 256) × 64 characters. */
const LONGEST_CACHED = 64;
const stringValues = new StringHashCache(SEED_STR_A, SEED_STR_B);
const recordKeys = new StringHashCache(SEED_OBJ_A, SEED_OBJ_B);

function hashNumber(v: number, seedA: number, seedB: number): number {
  // Numbers are equal by Object.is (as toEqual): -0 is not 0, so it takes the float branch (its sign bit).
  if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
    laneB = fmixB(stepB(seedB, v));
    return fmixA(stepA(seedA, v));
  }
  if (v !== v) {
    laneB = NAN_B;
    return NAN_A;
  }
  f64[0] = v;
  const lo = u32[0];
  const hi = u32[1];
  laneB = fmixB(stepB(stepB(seedB ^ SEED_FLOAT_B, lo), hi));
  return fmixA(stepA(stepA(seedA ^ SEED_FLOAT_A, lo), hi));
}

function hashValue(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return hashNumber(v, SEED_INT_A, SEED_INT_B);
    case 'string':
      return stringValues.hash(v);
    case 'boolean':
      laneB = v ? TRUE_B : FALSE_B;
      return v ? TRUE_A : FALSE_A;
    case 'object':
      if (v === null) {
        laneB = NULL_B;
        return NULL_A;
      }
      return hashObject(v);
    case 'undefined':
      laneB = UNDEF_B;
      return UNDEF_A;
    case 'bigint':
      return hashString(v.toString(16), SEED_BIG_A, SEED_BIG_B);
    default:
      throw NOT_PLAIN;
  }
}

function hashObject(o: object): number {
  if (++depth > MAX_STATE_DEPTH) throw NOT_PLAIN;
  let a: number;
  if (isArray(o)) {
    a = hashArray(o);
  } else {
    // This realm's records and Sets first (one read, two compares); the rest out of line.
    const proto = getPrototypeOf(o);
    if (proto === OBJECT_PROTO || proto === null) a = hashRecord(o as Record<string, unknown>);
    else if (proto === SET_PROTO) a = hashSet(o as Set<unknown>);
    else a = hashOther(o);
  }
  depth--;
  return a;
}

/** Maps, Dates, and every object of another realm (shapeOf knows them); anything else is not plain data. */
function hashOther(o: object): number {
  switch (shapeOf(o)) {
    case RECORD:
      return hashRecord(ownKeysOnly(o as Record<string, unknown>));
    case MAP:
      return hashMap(o as Map<unknown, unknown>);
    case SET:
      return hashSet(o as Set<unknown>);
    case DATE:
      return hashDate(o as Date);
    default:
      throw NOT_PLAIN;
  }
}

function hashDate(d: Date): number {
  const t = DATE_PROTO.getTime.call(d);
  if (t !== t) throw NOT_PLAIN; // an invalid Date is not a value a state can hold
  return hashNumber(t, SEED_DATE_A, SEED_DATE_B);
}

/*
 * Successors built as `{ ...s, x }` or `s.map(...)` share most of their
 * parent's top-level values. While a state is expanded, the hashes of its
 * compound top-level values are kept by position (each hashed when a successor
 * first shares it); a successor holding the very same object there reuses the hash. (Same object, same value: a
 * value mutated in place meanwhile is caught by the mutation check, which runs
 * with the memo off.)
 */
const MEMO = 64;
// NO_MEMO marks a position that holds no compound value; no user value is === to it.
const NO_MEMO: object = Object.freeze({});
const memoValues: unknown[] = new Array<unknown>(MEMO).fill(NO_MEMO);
const memoLanes = new Int32Array(2 * MEMO);
const memoReady = new Uint8Array(MEMO);
let memoCount = 0;

function remember(p: number, v: unknown): void {
  memoValues[p] = typeof v === 'object' && v !== null ? v : NO_MEMO;
  memoReady[p] = 0;
}

// The memo pays only where successors share values with their parent (records built
// by spreading); where none do (Hanoi's new pegs in every move) it is skipped for a
// while, then tried again: MEMO_WINDOW expansions without a hit turn it off for MEMO_REST.
const MEMO_WINDOW = 256;
const MEMO_REST = 4096;
let memoWindow = 0;
let memoHits = 0;
let memoResting = 0;

/** Notes the parent's top-level values; each is hashed on the first successor that shares it, if any does. */
function rememberParent(state: unknown): void {
  memoCount = 0;
  if (memoResting > 0) {
    memoResting--;
    return;
  }
  if (++memoWindow === MEMO_WINDOW) {
    if (memoHits === 0) memoResting = MEMO_REST;
    memoWindow = 0;
    memoHits = 0;
  }
  if (typeof state !== 'object' || state === null) return;
  let p = 0;
  if (isArray(state)) {
    for (; p < state.length && p < MEMO; p++) remember(p, state[p]);
  } else if (getPrototypeOf(state) === OBJECT_PROTO) {
    const rec = state as Record<string, unknown>;
    for (const key in rec) {
      const v = rec[key];
      if (v === undefined) continue;
      if (p === MEMO) break;
      remember(p++, v);
    }
  }
  memoCount = p;
}

/** The hash of the parent's value at position p (lane B in laneB), computed once. */
function memoHash(p: number): number {
  memoHits++;
  if (memoReady[p] === 0) {
    memoLanes[2 * p] = hashObject(memoValues[p] as object);
    memoLanes[2 * p + 1] = laneB;
    memoReady[p] = 1;
    return memoLanes[2 * p];
  }
  laneB = memoLanes[2 * p + 1];
  return memoLanes[2 * p];
}

function hashArray(arr: readonly unknown[]): number {
  const n = arr.length;
  let a = SEED_ARR_A ^ n;
  let b = SEED_ARR_B ^ n;
  for (let i = 0; i < n; i++) {
    const x = arr[i];
    // Small integers in line (boards, counters): lane A steps the value in, lane B an
    // independent bijection of it (xorshift-multiply), so the two lanes never take the
    // same 32-bit input. One multiply, not hashNumber's two finalisers: boards are hot.
    if (typeof x === 'number' && (x | 0) === x && (x !== 0 || 1 / x > 0)) {
      a = stepA(a, x);
      b = stepB(b, imul(x ^ (x >>> 15), 0x2c1b3c6d));
    } else if (depth === 1 && i < memoCount && x === memoValues[i]) {
      a = stepA(a, memoHash(i));
      b = stepB(b, laneB);
    } else {
      a = stepA(a, hashLeafOrValue(x));
      b = stepB(b, laneB);
    }
  }
  laneB = fmixB(b);
  return fmixA(a);
}

/**
 * hashValue with the leaves handled in line: hashValue is recursive and so is
 * not inlined, and booleans and strings are most of what records and arrays hold.
 */
function hashLeafOrValue(x: unknown): number {
  if (typeof x === 'boolean') {
    laneB = x ? TRUE_B : FALSE_B;
    return x ? TRUE_A : FALSE_A;
  }
  if (typeof x === 'string') return stringValues.hash(x);
  return hashValue(x);
}

// The key last seen at each position of a record, by depth and position, with
// its lanes: records of one shape meet their keys in the same order (and records
// at different depths are usually of different shapes), so most lookups are one compare.
const KEY_POSITIONS = 256;
// Every position starts out holding the key '' with its real lanes: a record with an
// empty-string key then hashes the same whatever was hashed before it.
const lastKey: string[] = new Array<string>(KEY_POSITIONS).fill('');
const lastKeyLanes = new Int32Array(2 * KEY_POSITIONS);
{
  const emptyA = recordKeys.hash('');
  const emptyB = laneB;
  for (let p = 0; p < KEY_POSITIONS; p++) {
    lastKeyLanes[2 * p] = emptyA;
    lastKeyLanes[2 * p + 1] = emptyB;
  }
}

/**
 * A record of another realm as a record of this one, with its own keys only:
 * for…in would also walk the keys its realm's Object.prototype may have been
 * polluted with (this realm's is checked before every search). Rare, so a copy.
 */
function ownKeysOnly(o: Record<string, unknown>): Record<string, unknown> {
  const keys = objectKeys(o);
  if (ownKeyCount(o) !== keys.length) throw NOT_PLAIN;
  const local: Record<string, unknown> = {};
  for (const key of keys) Object.defineProperty(local, key, { value: o[key], enumerable: true, writable: true, configurable: true });
  return local;
}

function hashRecord(o: Record<string, unknown>): number {
  let sumA = 0;
  let sumB = 0;
  let n = 0;
  let position = 0;
  let keys = 0;
  for (const key in o) {
    keys++;
    const v = o[key];
    // An undefined property is the same state as a missing one (as in toEqual).
    if (v === undefined) continue;
    n++;
    let va: number;
    let vb: number;
    if (depth === 1 && position < memoCount && v === memoValues[position]) {
      va = memoHash(position);
      vb = laneB;
    } else {
      va = typeof v === 'number' ? hashNumber(v, SEED_INT_A, SEED_INT_B) : hashLeafOrValue(v);
      vb = laneB;
    }
    const p = ((depth << 4) + position++) & (KEY_POSITIONS - 1);
    let ka: number;
    let kb: number;
    if (lastKey[p] === key) {
      ka = lastKeyLanes[2 * p];
      kb = lastKeyLanes[2 * p + 1];
    } else {
      ka = recordKeys.hash(key);
      kb = laneB;
      if (key.length <= LONGEST_CACHED) {
        lastKey[p] = key;
        lastKeyLanes[2 * p] = ka;
        lastKeyLanes[2 * p + 1] = kb;
      }
    }
    // Key and value lanes are finalised hashes already (and keys are hashed with seeds of their
    // own, so { a: 'b' } is not { b: 'a' }): one finaliser over their xor makes the entry.
    sumA = (sumA + fmixA(ka ^ va)) | 0;
    sumB = (sumB + fmixB(kb ^ vb)) | 0;
  }
  // Symbol keys and non-enumerable properties are invisible to for…in: count them, or a
  // state with one would be merged with the same state without it.
  if (ownKeyCount(o) !== keys) throw NOT_PLAIN;
  laneB = fmixB(stepB(SEED_OBJ_B ^ n, sumB));
  return fmixA(stepA(SEED_OBJ_A ^ n, sumA));
}

function hashMap(m: Map<unknown, unknown>): number {
  let sumA = 0;
  let sumB = 0;
  const base = twinTop;
  let n = 0;
  for (const [k, v] of entriesOf(m)) {
    n++;
    const ka = hashValue(k);
    const kb = laneB;
    if (typeof k === 'object' && k !== null) pushTwin(ka, kb);
    const va = hashValue(v);
    sumA = (sumA + fmixA(stepA(ka, va))) | 0;
    sumB = (sumB + fmixB(stepB(kb, laneB))) | 0;
  }
  if (twinTop - base > 1) checkTwins(base);
  else twinTop = base;
  laneB = fmixB(stepB(SEED_MAP_B ^ n, sumB));
  return fmixA(stepA(SEED_MAP_A ^ n, sumA));
}

function hashSet(s: Set<unknown>): number {
  let sumA = 0;
  let sumB = 0;
  const base = twinTop;
  let n = 0;
  for (const x of elementsOf(s)) {
    n++;
    if (typeof x === 'object' && x !== null) {
      const xa = hashObject(x);
      sumA = (sumA + xa) | 0;
      sumB = (sumB + laneB) | 0;
      pushTwin(xa, laneB);
    } else {
      sumA = (sumA + hashValue(x)) | 0;
      sumB = (sumB + laneB) | 0;
    }
  }
  if (twinTop - base > 1) checkTwins(base);
  else twinTop = base;
  laneB = fmixB(stepB(SEED_SET_B ^ n, sumB));
  return fmixA(stepA(SEED_SET_A ^ n, sumA));
}

/*
 * A Set tells its object elements (and a Map its object keys) apart by
 * identity; kripke tells states apart by value. Two elements equal as data are
 * not plain data (see plain-data.ts): the lanes of the compound elements of the
 * Sets and Map keys being hashed wait on a stack (they nest), and each
 * collection compares its own once it is hashed. Lanes only, never the objects:
 * a long-lived array holding young objects would cost every garbage collection.
 * Equal lanes send the whole state to the slow walk, which decides by value.
 */
let twinLanes = new Int32Array(64);
let twinTop = 0;
/** Thrown when two elements share their lanes: the slow walk tells twins from a collision. */
const TWINS = { twins: true };
/** Off while a state whose lanes matched is hashed again, after the slow walk found no twins. */
let twinsChecked = true;

function pushTwin(a: number, b: number): void {
  if (2 * twinTop + 2 > twinLanes.length) {
    const grown = new Int32Array(twinLanes.length * 2);
    grown.set(twinLanes);
    twinLanes = grown;
  }
  twinLanes[2 * twinTop] = a;
  twinLanes[2 * twinTop++ + 1] = b;
}

/** Throws TWINS when two of the entries from `base` up share both lanes; pops them. */
function checkTwins(base: number): void {
  const end = twinTop;
  twinTop = base;
  if (!twinsChecked) return;
  if (end - base > 16) return checkManyTwins(base, end);
  for (let i = base + 1; i < end; i++) {
    const a = twinLanes[2 * i];
    const b = twinLanes[2 * i + 1];
    for (let j = base; j < i; j++) if (twinLanes[2 * j] === a && twinLanes[2 * j + 1] === b) throw TWINS;
  }
}

/**
 * The same for a large collection, sorted instead of pairwise (16,000 elements:
 * 6.7 s pairwise). Each pair of lanes as one double: equal lanes give equal
 * doubles; a few unequal ones (same lane A, lane B apart in its low bits only)
 * may round together, a false alarm the slow walk then clears.
 */
function checkManyTwins(base: number, end: number): void {
  const keys = new Float64Array(end - base);
  for (let i = base; i < end; i++) keys[i - base] = twinLanes[2 * i] * 4294967296 + (twinLanes[2 * i + 1] >>> 0);
  keys.sort();
  for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) throw TWINS;
}

/** The fingerprint every check uses unless told otherwise. */
export const fingerprint64: Fingerprinter = {
  bits: 64,
  of(state: unknown, out: Int32Array, anew = false): void {
    depth = 0;
    twinTop = 0;
    const memo = memoCount;
    if (anew) memoCount = 0;
    try {
      out[0] = hashValue(state);
      out[1] = laneB;
    } catch (e) {
      // A TypeError here comes from an object that fakes a Map, Set or Date (the walk calls no user code).
      if (e === NOT_PLAIN || e instanceof TypeError) throwShapeError(state);
      if (e !== TWINS) throw e;
      // Two elements share 64 bits: twins (not plain data), or one collision in 2^64.
      if (describeNonPlainData(state) !== null) throwShapeError(state);
      twinsChecked = false;
      try {
        depth = 0;
        twinTop = 0;
        out[0] = hashValue(state);
        out[1] = laneB;
      } finally {
        twinsChecked = true;
      }
    } finally {
      memoCount = memo;
    }
  },
  expanding(parent: unknown): void {
    if (parent !== null) return rememberParent(parent);
    // The search is over (or a state is hashed afresh): let go of the parent's values.
    memoCount = 0;
    memoValues.fill(NO_MEMO);
    memoWindow = memoHits = memoResting = 0;
  },
};
