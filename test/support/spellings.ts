/**
 * Plain data in many spellings, and a reference for what kripke must make of
 * it, for the property-based tests. Shares no code with src/: the reference
 * equality and the reference "is it plain data?" are written here from the
 * contract (shared/DESIGN.md, "State identity"), as plainly as possible.
 *
 * A *value* is described by a small tree (`Shape`), so fast-check can shrink
 * it and print it; `build` turns a tree into a real value, and `respell` turns
 * one real value into another spelling of the same value: keys reordered,
 * undefined properties added, null prototypes, Sets and Maps filled
 * in another order, arrays with holes for undefined, sub-objects built in
 * another realm, or shared with an earlier value.
 */
import fc from 'fast-check';
import vm from 'node:vm';

/** A value as a tree fast-check can generate, shrink and print. */
export type Shape =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'undef' }
  | { t: 'big'; v: bigint }
  | { t: 'date'; v: number }
  | { t: 'arr'; v: Shape[] }
  | { t: 'rec'; v: [string, Shape][] }
  | { t: 'map'; v: [Shape, Shape][] }
  | { t: 'set'; v: Shape[] };

const KEYS = ['', 'a', 'b', '0', '1', '10', 'leader', 'x y', '__proto__', 'constructor', 'toString'];
const STRINGS = ['', 'a', '1', '-0', 'null', 'true', 'undefined', '1,2', 'NaN', 'é', 'x y', 'commit'];
const NUMBERS = [0, -0, 1, -1, 2, 7, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 0.5, -1.5, 1e21, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER];

const leaf: fc.Arbitrary<Shape> = fc.oneof(
  fc.constantFrom(...NUMBERS).map((v) => ({ t: 'num' as const, v })),
  fc.integer({ min: -3, max: 3 }).map((v) => ({ t: 'num' as const, v })),
  fc.constantFrom(...STRINGS).map((v) => ({ t: 'str' as const, v })),
  fc.boolean().map((v) => ({ t: 'bool' as const, v })),
  fc.constant({ t: 'null' as const }),
  fc.constant({ t: 'undef' as const }),
  fc.constantFrom(0n, 1n, -1n, 2n ** 64n).map((v) => ({ t: 'big' as const, v })),
  fc.constantFrom(0, 1, -1, 1e12).map((v) => ({ t: 'date' as const, v })),
);

/** Trees of plain data, at most `depth` deep; record keys unique, Set elements and Map keys distinct by value. */
export function shapes(depth = 3): fc.Arbitrary<Shape> {
  const { tree } = fc.letrec<{ tree: Shape; node: Shape }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true, maxDepth: depth }, leaf, tie('node')),
    node: fc.oneof(
      fc.array(tie('tree'), { maxLength: 4 }).map((v) => ({ t: 'arr' as const, v })),
      fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { maxLength: 4, selector: ([k]) => k }).map((v) => ({ t: 'rec' as const, v })),
      fc.uniqueArray(fc.tuple(tie('tree'), tie('tree')), { maxLength: 3, selector: ([k]) => refKey(k) }).map((v) => ({ t: 'map' as const, v })),
      fc.uniqueArray(tie('tree'), { maxLength: 3, selector: refKey }).map((v) => ({ t: 'set' as const, v })),
    ),
  }));
  return tree;
}

/** The value a tree describes, spelled plainly (this realm, insertion order as listed). */
export function build(s: Shape): unknown {
  switch (s.t) {
    case 'num':
    case 'str':
    case 'bool':
    case 'big':
      return s.v;
    case 'null':
      return null;
    case 'undef':
      return undefined;
    case 'date':
      return new Date(s.v);
    case 'arr':
      return s.v.map(build);
    case 'rec': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of s.v) Object.defineProperty(out, k, { value: build(v), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'map':
      return new Map(s.v.map(([k, v]) => [build(k), build(v)]));
    case 'set':
      return new Set(s.v.map(build));
  }
}

// ---------------------------------------------------------------------------
// The reference: what the contract says, written without any of kripke's code.

/** A canonical text for a tree (used only to keep generated Sets and Map keys distinct). */
function refKey(s: Shape): string {
  return JSON.stringify(normal(build(s)));
}

/** A JSON-able normal form of a plain value: the reference's notion of "the same value". */
function normal(v: unknown): unknown {
  if (typeof v === 'number') return Number.isNaN(v) ? ['NaN'] : v === Infinity ? ['Inf'] : v === -Infinity ? ['-Inf'] : Object.is(v, -0) ? ['-0'] : ['n', v];
  if (typeof v === 'bigint') return ['big', v.toString()];
  if (typeof v === 'string') return ['s', v];
  if (typeof v === 'boolean' || v === null) return v;
  if (v === undefined) return ['undefined'];
  const tag = Object.prototype.toString.call(v);
  if (Array.isArray(v)) return ['arr', Array.from(v, normal)];
  if (tag === '[object Date]') return ['date', (v as Date).getTime()];
  if (tag === '[object Map]') return ['map', [...(v as Map<unknown, unknown>)].map(([k, x]) => [normal(k), normal(x)]).sort(byJson)];
  if (tag === '[object Set]') return ['set', [...(v as Set<unknown>)].map(normal).sort(byJson)];
  const rec = v as Record<string, unknown>;
  return ['rec', Object.keys(rec).filter((k) => rec[k] !== undefined).sort().map((k) => [k, normal(rec[k])])];
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The contract's equality: records by keys (an undefined property is a missing
 * one), arrays in order, Map and Set unordered, -0 is not 0 (Object.is), NaN is NaN, Dates by time.
 */
export function refEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(normal(a)) === JSON.stringify(normal(b));
}

// ---------------------------------------------------------------------------
// Respelling: the same value, written another way.

const foreignRealm = vm.createContext({});
/** Builds in another realm: objects, arrays, Maps, Sets and Dates whose prototypes are not ours. */
const foreignCopy = vm.runInContext(`(function copy(v, depth) {
  if (typeof v !== 'object' || v === null || depth > 50) return v;
  const tag = Object.prototype.toString.call(v);
  if (Array.isArray(v)) return Array.from(v, (x) => copy(x, depth + 1));
  if (tag === '[object Map]') return new Map(Array.from(v, ([k, x]) => [copy(k, depth + 1), copy(x, depth + 1)]));
  if (tag === '[object Set]') return new Set(Array.from(v, (x) => copy(x, depth + 1)));
  if (tag === '[object Date]') return new Date(v.getTime());
  const out = {};
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: copy(v[k], depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
})`, foreignRealm) as (v: unknown, depth: number) => unknown;

/** One way to respell, chosen per node. */
export type Spelling = 'plain' | 'reorder' | 'undefined-key' | 'null-proto' | 'foreign' | 'holes';

/**
 * The same value spelled another way, node by node, as `pick` says. Respelling
 * never changes the value: `refEqual(respell(v, pick), v)` always holds.
 */
export function respell(v: unknown, pick: () => Spelling): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const how = pick();
  if (how === 'foreign') return foreignCopy(respell(v, () => (pick() === 'foreign' ? 'plain' : pick())), 0);
  const tag = Object.prototype.toString.call(v);
  if (Array.isArray(v)) {
    const items = Array.from(v, (x) => respell(x, pick));
    if (how !== 'holes') return items;
    const sparse: unknown[] = new Array(items.length);
    items.forEach((x, i) => {
      if (x !== undefined) sparse[i] = x;
    });
    return sparse;
  }
  if (tag === '[object Date]') return new Date((v as Date).getTime());
  if (tag === '[object Map]') {
    const entries = [...(v as Map<unknown, unknown>)].map(([k, x]) => [respell(k, pick), respell(x, pick)] as const);
    return new Map(how === 'reorder' ? entries.reverse() : entries);
  }
  if (tag === '[object Set]') {
    const items = [...(v as Set<unknown>)].map((x) => respell(x, pick));
    return new Set(how === 'reorder' ? items.reverse() : items);
  }
  const rec = v as Record<string, unknown>;
  const keys = Object.keys(rec);
  const out: Record<string, unknown> = how === 'null-proto' ? Object.create(null) : {};
  for (const k of how === 'reorder' ? keys.reverse() : keys) {
    Object.defineProperty(out, k, { value: respell(rec[k], pick), enumerable: true, writable: true, configurable: true });
  }
  if (how === 'undefined-key' && !('extra' in out)) Object.defineProperty(out, 'extra', { value: undefined, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A deterministic chooser of spellings from a seed (mulberry32). */
export function spellings(seed: number, allowed: readonly Spelling[] = ['plain', 'reorder', 'undefined-key', 'null-proto', 'foreign', 'holes']): () => Spelling {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return allowed[(((r ^ (r >>> 14)) >>> 0) % allowed.length) | 0];
  };
}

// ---------------------------------------------------------------------------
// What is not plain data, planted somewhere inside a value.

/** Something that is not plain data, and how the contract says it reads at its path. */
export interface Flaw {
  readonly name: string;
  /** The bad value to put at a path (for 'symbol-key', the record that carries the symbol). */
  readonly make: (at: unknown) => unknown;
  /** The end of the message describeNonPlainData gives for it. */
  readonly says: string;
}

export const FLAWS: readonly Flaw[] = [
  { name: 'function', make: () => () => 1, says: 'is a function' },
  { name: 'symbol', make: () => Symbol('s'), says: 'is a symbol' },
  { name: 'invalid Date', make: () => new Date(NaN), says: 'is an invalid Date' },
  { name: 'class instance', make: () => new (class Pod {})(), says: 'is an instance of Pod' },
  { name: 'typed array', make: () => new Uint8Array(1), says: 'is an instance of Uint8Array' },
  { name: 'symbol key', make: () => ({ ok: 1, [Symbol('k')]: 2 }), says: 'has a symbol key (Symbol(k))' },
  { name: 'twin elements', make: () => new Set([{ a: [1] }, { a: [1] }]), says: 'holds two elements equal as data' },
  { name: 'twin keys', make: () => new Map([[[0], 1], [[0], 2]]), says: 'has two keys equal as data' },
  { name: 'foreign twin elements', make: () => foreignCopy(new Set([{ a: 1 }, { a: 1 }]), 0), says: 'holds two elements equal as data' },
];

/**
 * `value` with `flaw` planted at the place `where` picks (a number walked down
 * the value's compound children), and the path the contract names for it.
 */
export function plant(value: unknown, flaw: Flaw, where: number): { value: unknown; path: string } {
  const slots: { path: string; set: (x: unknown) => unknown }[] = [{ path: 'state', set: (x) => x }];
  const visit = (v: unknown, path: string, set: (x: unknown) => unknown) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        const p = `${path}[${i}]`;
        const put = (y: unknown) => set(v.map((z, j) => (j === i ? y : z)));
        slots.push({ path: p, set: put });
        visit(x, p, put);
      });
    } else if (typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Object]') {
      const rec = v as Record<string, unknown>;
      for (const k of Object.keys(rec)) {
        if (rec[k] === undefined) continue;
        const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        const put = (y: unknown) => {
          const out: Record<string, unknown> = {};
          for (const key of Object.keys(rec)) Object.defineProperty(out, key, { value: key === k ? y : rec[key], enumerable: true, writable: true, configurable: true });
          return set(out);
        };
        slots.push({ path: p, set: put });
        visit(rec[k], p, put);
      }
    }
  };
  visit(value, 'state', (x) => x);
  const slot = slots[where % slots.length];
  return { value: slot.set(flaw.make(value)), path: slot.path };
}
