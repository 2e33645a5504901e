/**
 * State identity, property by property, on random values in many spellings:
 * the fingerprint (with its caches: strings, record keys, carried over from
 * value to value in this one process) and the canonical key must agree with a
 * reference written from the contract (test/support/spellings.ts), and with
 * each other, on what is the same state and on what is not plain data.
 *
 * Seeded: a failure prints its seed and a shrunk value (the `Shape` tree).
 * `KRIPKE_PROPERTY_SEED` reruns one seed, `KRIPKE_PROPERTY_RUNS` scales the runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint64 } from '../../src/checker/store/fingerprint.js';
import { StateShapeError } from '../../src/index.js';
import { canonicalKey, describeNonPlainData } from '../../src/model/plain-data.js';
import { ownKeyCount } from '../../src/model/shape.js';
import { build, FLAWS, plant, refEqual, respell, shapes, spellings } from '../support/spellings.js';

const seed = Number(process.env.KRIPKE_PROPERTY_SEED ?? 20261126);
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.KRIPKE_PROPERTY_RUNS ?? 1)));
const params = (numRuns: number) => ({ seed, numRuns: runs(numRuns), endOnFailure: false });

const out = new Int32Array(2);
function fingerprint(v: unknown): string {
  fingerprint64.of(v, out);
  return `${out[0]},${out[1]}`;
}
/** The error a function throws, or undefined. */
function thrown(f: () => unknown): unknown {
  try {
    f();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('state identity: fingerprint and canonical key agree with the contract', () => {
  it('a value and any respelling of it are the same state', () => {
    fc.assert(
      fc.property(shapes(), fc.integer(), (shape, spellSeed) => {
        const v = build(shape);
        const w = respell(v, spellings(spellSeed));
        expect(refEqual(v, w)).toBe(true);
        expect(canonicalKey(w)).toBe(canonicalKey(v));
        expect(fingerprint(w)).toBe(fingerprint(v));
        // Hashed again after other values, the caches must give the same answer.
        expect(fingerprint(v)).toBe(fingerprint(build(shape)));
      }),
      params(3000),
    );
  });

  it('two random values are the same state exactly when the reference says so', () => {
    fc.assert(
      fc.property(shapes(2), shapes(2), fc.integer(), (a, b, spellSeed) => {
        const x = build(a);
        const y = respell(build(b), spellings(spellSeed));
        const same = refEqual(x, y);
        expect(canonicalKey(x) === canonicalKey(y)).toBe(same);
        expect(fingerprint(x) === fingerprint(y)).toBe(same);
      }),
      params(3000),
    );
  });

  it('near misses are different states: one leaf changed, one key renamed, one element added', () => {
    const tweak = fc.constantFrom('leaf', 'key', 'grow');
    fc.assert(
      fc.property(shapes(), tweak, fc.nat(), (shape, how, where) => {
        const v = build(shape);
        const w = nearMiss(v, how, where);
        if (w === undefined) return;
        expect(fingerprint(w) === fingerprint(v)).toBe(refEqual(v, w));
        expect(canonicalKey(w) === canonicalKey(v)).toBe(refEqual(v, w));
      }),
      params(2000),
    );
  });

  it('what is not plain data is refused by both, naming the path where it is', () => {
    fc.assert(
      fc.property(shapes(), fc.constantFrom(...FLAWS), fc.nat(), fc.integer(), (shape, flaw, where, spellSeed) => {
        const base = respell(build(shape), spellings(spellSeed, ['plain', 'reorder', 'foreign', 'null-proto']));
        const { value, path } = plant(base, flaw, where);
        const described = describeNonPlainData(value);
        expect(described?.path).toBe(path);
        expect(described?.message.startsWith(`${path} ${flaw.says}`)).toBe(true);
        for (const f of [() => fingerprint(value), () => canonicalKey(value)]) {
          const e = thrown(f);
          expect(e).toBeInstanceOf(StateShapeError);
          expect((e as StateShapeError).path).toBe(path);
        }
      }),
      params(2000),
    );
  });

  // The caches (strings, record keys by position) must not change an answer: a fingerprinter
  // fresh from its module, caches empty, agrees with the one this process has used all along.
  it('a fresh fingerprinter agrees with the long-lived one', async () => {
    let instance = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(shapes(), { minLength: 1, maxLength: 4 }), async (list) => {
        const fresh = (await import(/* @vite-ignore */ `../../src/checker/store/fingerprint.js?fresh=${instance++}`)) as typeof import('../../src/checker/store/fingerprint.js');
        const lanes = new Int32Array(2);
        for (const shape of list) {
          fresh.fingerprint64.of(build(shape), lanes);
          expect(`${lanes[0]},${lanes[1]}`).toBe(fingerprint(build(shape)));
        }
      }),
      params(100),
    );
  });

  // The fast paths count a record's keys as names plus symbols (cheaper in V8 than Reflect.ownKeys):
  // the same count, so a record with a key its reading does not see is refused exactly as before.
  it('a hidden key (symbol, non-enumerable) is counted as Reflect.ownKeys counts it, and refused', () => {
    const hidden = fc.constantFrom('none', 'symbol', 'non-enumerable', 'both');
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', '0', '1', 'x y'), { maxLength: 4 }), hidden, fc.boolean(), fc.integer(), (keys, how, nullProto, spellSeed) => {
        const rec: Record<string | symbol, unknown> = nullProto ? Object.create(null) : {};
        for (const k of keys) rec[k] = 1;
        if (how === 'symbol' || how === 'both') rec[Symbol('k')] = 2;
        if (how === 'non-enumerable' || how === 'both') Object.defineProperty(rec, 'secret', { value: 3, enumerable: false });
        const v = respell({ s: rec }, spellings(spellSeed, ['plain', 'foreign'])) as { s: object };
        expect(ownKeyCount(rec)).toBe(Reflect.ownKeys(rec).length);
        const refused = thrown(() => fingerprint(rec)) instanceof StateShapeError;
        expect(refused).toBe(how !== 'none');
        expect(thrown(() => canonicalKey(rec)) instanceof StateShapeError).toBe(how !== 'none');
        if (how === 'none') expect(fingerprint(v)).toBe(fingerprint({ s: rec }));
      }),
      params(1000),
    );
  });

  it('plain data is never refused, in any spelling', () => {
    fc.assert(
      fc.property(shapes(), fc.integer(), (shape, spellSeed) => {
        const v = respell(build(shape), spellings(spellSeed));
        expect(describeNonPlainData(v)).toBeNull();
      }),
      params(1000),
    );
  });
});

describe('twins in large collections (the sorted check, past 16 elements)', () => {
  it('a Set or Map of records is refused exactly when two of them are equal as data', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 17, maxLength: 80 }), fc.boolean(), (ids, asMap) => {
        const records = ids.map((id) => ({ id }));
        const v = asMap ? new Map(records.map((r, i) => [r, i])) : new Set(records);
        const twins = new Set(ids).size < ids.length;
        expect(thrown(() => fingerprint(v)) instanceof StateShapeError).toBe(twins);
        expect(describeNonPlainData(v) !== null).toBe(twins);
      }),
      params(300),
    );
  });
});

/** `v` with one thing changed (a leaf, a record key, an array or Set grown), or undefined if it has no such place. */
function nearMiss(v: unknown, how: string, where: number): unknown {
  let n = where;
  const change = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null) return how === 'leaf' && n-- === 0 ? (typeof x === 'number' ? x + 1 : typeof x === 'string' ? `${x}!` : 1) : x;
    if (Array.isArray(x)) {
      if (how === 'grow' && n-- === 0) return [...x, 'new'];
      return x.map(change);
    }
    const tag = Object.prototype.toString.call(x);
    if (tag === '[object Set]') return how === 'grow' && n-- === 0 ? new Set([...(x as Set<unknown>), 'new']) : x;
    if (tag === '[object Map]' || tag === '[object Date]') return x;
    const rec = x as Record<string, unknown>;
    const outRec: Record<string, unknown> = {};
    for (const k of Object.keys(rec)) {
      const key = how === 'key' && rec[k] !== undefined && n-- === 0 ? `${k}~` : k;
      Object.defineProperty(outRec, key, { value: change(rec[k]), enumerable: true, writable: true, configurable: true });
    }
    return outRec;
  };
  const w = change(v);
  return n < 0 ? w : undefined;
}
