/**
 * The parent memo (checker/store/fingerprint.ts): while a state is expanded,
 * the hashes of its top-level values are reused for successors that hold the
 * very same objects at the same position. On random parents and successors
 * built from them as models build them (spreads, slices, rows partly
 * replaced, entries added, removed or moved), a successor hashed with the memo
 * must get exactly the fingerprint it gets hashed afresh, or the same refusal;
 * and equal fingerprints must mean equal values.
 *
 * Seeded: `KRIPKE_PROPERTY_SEED` reruns one seed, `KRIPKE_PROPERTY_RUNS` scales the runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint64 } from '../../src/checker/store/fingerprint.js';
import { StateShapeError } from '../../src/index.js';
import { build, refEqual, respell, shapes, spellings, type Shape } from '../support/spellings.js';

const seed = Number(process.env.KRIPKE_PROPERTY_SEED ?? 20261126);
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.KRIPKE_PROPERTY_RUNS ?? 1)));
const params = (numRuns: number) => ({ seed, numRuns: runs(numRuns), endOnFailure: false });

/** The state whose successors are hashed next (null: none, the memo let go). */
const expanding = (parent: unknown): void => fingerprint64.expanding?.(parent);

/** The fingerprint as text, or the refusal (its class and path). */
function outcome(v: unknown, anew: boolean): string {
  const out = new Int32Array(2);
  try {
    fingerprint64.of(v, out, anew);
    return `${out[0]},${out[1]}`;
  } catch (e) {
    if (e instanceof StateShapeError) return `refused at ${e.path}`;
    throw e;
  }
}

/** A small deterministic generator (mulberry32). */
function random(s: number): () => number {
  let t = s >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return (r ^ (r >>> 14)) >>> 0;
  };
}

const NOT_PLAIN = [() => 0, Symbol('s'), new WeakMap()];

/** A new value for a slot: mostly from the pool, sometimes a row of them, rarely not plain data. */
function fresh(pool: readonly Shape[], r: () => number, flaws: boolean): unknown {
  const k = r() % 16;
  if (flaws && k === 0) return NOT_PLAIN[r() % NOT_PLAIN.length];
  if (k < 4) return Array.from({ length: r() % 4 }, () => build(pool[r() % pool.length]));
  return build(pool[r() % pool.length]);
}

/** A row as a move makes it: a copy with some elements replaced, one added or one dropped. */
function newRow(row: readonly unknown[], pool: readonly Shape[], r: () => number, flaws: boolean): unknown[] {
  const next = row.slice();
  for (let i = 0; i < next.length; i++) if (r() % 3 === 0) next[i] = fresh(pool, r, flaws);
  const k = r() % 5;
  if (k === 0) next.push(fresh(pool, r, flaws));
  else if (k === 1) next.shift(); // every element moves: none is where the parent had it
  return next;
}

/** A successor of `parent` sharing some of its structure. */
function successor(parent: object, pool: readonly Shape[], r: () => number, flaws: boolean): unknown {
  const top: Record<string, unknown> = Array.isArray(parent) ? (parent.slice() as unknown as Record<string, unknown>) : { ...(parent as Record<string, unknown>) };
  for (const k of Object.keys(top)) {
    const v = top[k];
    const how = r() % 4;
    if (how === 0) top[k] = fresh(pool, r, flaws);
    else if (how === 1 && Array.isArray(v)) top[k] = newRow(v, pool, r, flaws);
    // otherwise shared with the parent
  }
  if (!Array.isArray(top) && r() % 4 === 0) {
    const keys = Object.keys(top);
    if (keys.length > 0) delete top[keys[r() % keys.length]]; // the positions after it shift
    top[`k${r() % 3}`] = fresh(pool, r, flaws);
  }
  return top;
}

/** Top-level values: leaves, values of any shape, and arrays of compound values (rows). */
const slot = fc.oneof(shapes(2), fc.array(shapes(2), { maxLength: 5 }).map((v): Shape => ({ t: 'arr', v })));
const parents = fc.oneof(
  fc.array(slot, { minLength: 1, maxLength: 6 }).map((v): Shape => ({ t: 'arr', v })),
  fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'pegs', 'rows', 'x'), slot), { minLength: 1, maxLength: 6, selector: ([k]) => k }).map((v): Shape => ({ t: 'rec', v })),
);

describe('the parent memo agrees with hashing afresh', () => {
  it('on successors that share values with their parent', () => {
    fc.assert(
      fc.property(parents, fc.array(shapes(2), { minLength: 1, maxLength: 6 }), fc.integer(), fc.boolean(), (shape, pool, s, flaws) => {
        expanding(null); // the memo's window starts over: it is not resting
        const r = random(s);
        const parent = respell(build(shape), spellings(s, ['plain', 'reorder', 'undefined-key'])) as object;
        const before = outcome(parent, true);
        expanding(parent);
        const seen = new Map<string, unknown>();
        for (let n = 0; n < 8; n++) {
          const succ = successor(parent, pool, r, flaws);
          const memo = outcome(succ, false);
          expect(memo).toBe(outcome(succ, true));
          // The same fingerprint twice means the same value (no collision in a handful).
          if (!memo.startsWith('refused')) {
            if (seen.has(memo)) expect(refEqual(seen.get(memo), succ)).toBe(true);
            seen.set(memo, succ);
          }
        }
        expanding(null);
        expect(outcome(parent, true)).toBe(before);
      }),
      params(3000),
    );
  });

  it('when rows of records are shared, replaced and reordered (Hanoi, process lists)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.integer(), (pegs, s) => {
        expanding(null);
        const r = random(s);
        const parent = { pegs: pegs.map((p) => [...p]), procs: pegs.map((p, i) => ({ id: i, pc: p.length })) };
        expanding(parent);
        for (let n = 0; n < 6; n++) {
          const from = r() % parent.pegs.length;
          const to = r() % parent.pegs.length;
          const next = parent.pegs.slice();
          next[from] = parent.pegs[from].slice(0, -1);
          next[to] = [...parent.pegs[to], r() % 10];
          const procs = parent.procs.slice();
          if (procs.length > 1 && r() % 2 === 0) procs.reverse(); // same objects, other indices
          else procs[from] = { id: from, pc: r() % 4 };
          const succ = { pegs: next, procs };
          expect(outcome(succ, false)).toBe(outcome(succ, true));
        }
      }),
      params(2000),
    );
  });
});
