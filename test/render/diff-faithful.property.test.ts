/**
 * The rendered trace is faithful: what a reader parses back out of a failure
 * message is what happened. On random pairs of consecutive states (records
 * with odd keys, arrays that grow and shrink, holes and undefined, nested Maps
 * keyed by objects, Sets of objects, Dates, bigints, -0 and NaN), with an
 * independent reader written here (not the renderer's own code):
 *
 * - step 0 printed in full reads back to the initial state;
 * - every `-`/`+`/`~` line of step 1 has a path that names exactly one value,
 *   its `-` value is what the old state holds there and its `+` value what the
 *   new state holds there; nothing unchanged is reported;
 * - applying the printed changes to the old state gives the new state (equal
 *   as states: key order, Map and Set order ignored, -0 is not 0, NaN is NaN);
 * - the explorer page embeds exactly the ITF trace, and the ITF trace reads
 *   back (fromITF) to the same states, actions and environments;
 * - a matcher's message prints the same trace lines (the matchers' entry point).
 *
 * Seeded: `KRIPKE_PROPERTY_SEED` reruns one seed, `KRIPKE_PROPERTY_RUNS` scales the runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineModel, fromITF, toITF } from '../../src/index.js';
import { createMatchers } from '../../src/matchers/index.js';
import { copyPlainData, describeNonPlainData, sameState } from '../../src/model/plain-data.js';
import { plain } from '../../src/render/palette.js';
import { renderExplorer } from '../../src/render/explorer.js';
import { renderStep, renderTrace } from '../../src/render/trace.js';
import { explorerRows, faithfulness, itfProblems, pair, rootState } from '../support/faithful.js';

const seed = Number(process.env.KRIPKE_PROPERTY_SEED ?? 20261121);
const runs = (n: number) => Math.max(1, Math.round(n * Number(process.env.KRIPKE_PROPERTY_RUNS ?? 1)));
const params = (numRuns: number) => ({ seed, numRuns: runs(numRuns), endOnFailure: true });

describe('the rendered trace is faithful to the states', () => {
  it('generates plain data only (the generator itself)', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(describeNonPlainData(a)).toBeNull();
        expect(describeNonPlainData(b)).toBeNull();
      }),
      params(200),
    );
  });

  it('step 0 reads back; every printed change is true, none is missing, and they rebuild the new state', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(faithfulness(a, b)).toEqual([]);
      }),
      params(400),
    );
  });

  it('a state with itself prints (no change)', () => {
    fc.assert(
      fc.property(rootState, (a) => {
        const body = renderStep([{ action: null, state: a }, { action: 'x', state: copyPlainData(a) }] as never, 1, { palette: plain });
        expect(body.slice(1)).toEqual(['  (no change)']);
      }),
      params(200),
    );
  });

  it('ITF round-trips the trace and the explorer embeds it unchanged', () => {
    fc.assert(
      fc.property(fc.array(rootState, { minLength: 1, maxLength: 3 }), (states) => {
        expect(itfProblems(states)).toEqual([]);
      }),
      params(300),
    );
  });

  it("a matcher's message prints the same trace lines", () => {
    fc.assert(
      fc.property(pair, ([holey, holeyB]) => {
        // The checker copies states (a hole reads as undefined): give it copies, print those.
        const [a, b] = [copyPlainData(holey), copyPlainData(holeyB)];
        fc.pre(!sameState(a, b) && a !== undefined && b !== undefined);
        const m = defineModel({
          name: 'pair',
          init: a,
          actions: { step: { enabled: (s: unknown) => sameState(s, a), apply: () => copyPlainData(b) } },
          invariants: { 'not-b': (s: unknown) => !sameState(s, b) || sameState(s, a) },
          terminal: () => true,
        } as never);
        const result = createMatchers().toSatisfyInvariants.call({ isNot: false } as never, m as never) as { pass: boolean; message: () => string };
        expect(result.pass).toBe(false);
        const lines = renderTrace([{ action: null, state: a }, { action: 'step', state: b }] as never, { palette: plain });
        expect(result.message()).toContain(lines.join('\n'));
      }),
      params(60),
    );
  });
});

/** Hand-picked pairs of consecutive states, each a way a path or a value could print wrong. */
const EDGES: readonly (readonly [string, unknown, unknown])[] = [
  ['-0 and 0', { n: 0 }, { n: -0 }],
  ['NaN stays NaN, -0 inside arrays', { n: NaN, xs: [0] }, { n: NaN, xs: [-0] }],
  ['bigint and number', { n: 1n }, { n: 1 }],
  ['a Date and its ISO string', { at: new Date(0) }, { at: '1970-01-01T00:00:00.000Z' }],
  ['Dates far out', { at: new Date(8.64e15) }, { at: new Date(-8.64e15) }],
  ['"1" and 1 as Map keys', { m: new Map<unknown, number>([['1', 1], [1, 1]]) }, { m: new Map<unknown, number>([['1', 2], [1, 1]]) }],
  ['NaN and bigint Map keys', { m: new Map<unknown, number>([[NaN, 1], [1n, 1]]) }, { m: new Map<unknown, number>([[NaN, 2], [1n, 3]]) }],
  ['Map keyed by objects, key order ignored', { m: new Map([[{ b: 1, a: 2 }, 'x']]) }, { m: new Map([[{ a: 2, b: 1 }, 'y']]) }],
  ['Map keyed by a Map keyed by a Set', new Map([[new Map([[new Set([1]), 1]]), { v: 1 }]]), new Map([[new Map([[new Set([1]), 1]]), { v: 2 }]])],
  ['a Set of objects, one changed inside', { s: new Set([{ id: 1, ok: true }, { id: 2, ok: true }]) }, { s: new Set([{ id: 1, ok: true }, { id: 2, ok: false }]) }],
  ['keys: numeric-looking, empty, dotted, bracketed, quoted', { '0': 0, '': 0, 'a.b': 0, '[0]': 0, '"': 0, "'": 0, '\\': 0, 'a b': 0 }, { '0': 1, '': 1, 'a.b': 1, '[0]': 1, '"': 1, "'": 1, '\\': 1, 'a b': 1 }],
  ['a record key "0" beside an array index 0', { r: { '0': 'a' }, a: ['a'] }, { r: { '0': 'b' }, a: ['b'] }],
  ['__proto__ as a key, nested', JSON.parse('{"__proto__": {"__proto__": 1}}'), JSON.parse('{"__proto__": {"__proto__": 2}}')],
  ['constructor, toJSON, hasOwnProperty as keys', { constructor: 1, toJSON: 'x', hasOwnProperty: null }, { constructor: 2, toJSON: 'y', hasOwnProperty: false }],
  ['a null-prototype record', Object.assign(Object.create(null), { a: 1 }), Object.assign(Object.create(null), { a: 2 })],
  ['a key with a newline and one with a line separator', { 'a\nb': 1, 'c\u2028d': 1 }, { 'a\nb': 2, 'c\u2028d': 2 }],
  ['a string with quotes, backslashes and newlines', { s: 'a"b\\c\nd' }, { s: 'a"b\\c\nd"' }],
  ['a long string, a word changed', { s: 'the quick brown fox jumps over the lazy dog, twice over' }, { s: 'the quick brown cat jumps over the lazy dog, twice over' }],
  ['a long multi-line string, a line changed', { s: 'line one\nline two\nline three\nline four\nline five\nline six' }, { s: 'line one\nline two\nline 3\nline four\nline five\nline six' }],
  ['undefined in an array and a key set to undefined', { xs: [undefined], k: 1 }, { xs: [], k: undefined }],
  ['an array grows at the front, the back and the middle', { xs: [1, 2, 3] }, { xs: [0, 1, 2, 2.5, 3, 4] }],
  ['an array shrinks at both ends', { xs: [1, 2, 3, 4] }, { xs: [2, 3] }],
  ['rows of records, one inserted', { rows: [{ id: 1 }, { id: 2 }] }, { rows: [{ id: 1 }, { id: 9 }, { id: 2 }] }],
  ['the root an array', [1, { a: 1 }], [1, { a: 2 }, 3]],
  ['the root a Map', new Map([['k', 1]]), new Map([['k', 2]])],
  ['the root a Set', new Set([1, 2]), new Set([2, 3])],
  ['the root a number, then a record', 1, { state: 1 }],
  ['a record becomes an array, a Map becomes a Set', { v: { '0': 1 }, w: new Map([[1, 1]]) }, { v: [1], w: new Set([1]) }],
  ['empty containers', { a: {}, b: [], c: new Map(), d: new Set() }, { a: { x: 1 }, b: [1], c: new Map([[1, 1]]), d: new Set([1]) }],
];

describe('hand-picked edge cases', () => {
  it.each(EDGES)('%s', (_, a, b) => {
    expect(faithfulness(a, b)).toEqual([]);
    expect(faithfulness(b, a)).toEqual([]);
    expect(itfProblems([a, b])).toEqual([]);
  });
});

/** Step 1's lines, as a matcher prints them (plain), for two states. */
const step1 = (before: unknown, after: unknown) => renderStep([{ action: null, state: before }, { action: 'go', state: after }] as never, 1, { palette: plain }).slice(1);

/** A sparse array: `length` elements, only those of `at` present. */
function holey(length: number, at: Record<number, unknown> = {}): unknown[] {
  const xs: unknown[] = [];
  xs.length = length;
  for (const [i, v] of Object.entries(at)) xs[Number(i)] = v;
  return xs;
}

describe('defects found by the property (each a regression test)', () => {
  it('a hole removed or added is a change (was: "(no change)", forEach skips holes)', () => {
    expect(step1({ xs: holey(2, { 0: 1 }) }, { xs: [1] })).toEqual(['  - xs[1]: undefined']);
    expect(step1({ xs: [1] }, { xs: holey(2, { 0: 1 }) })).toEqual(['  + xs[1]: undefined']);
    expect(faithfulness({ xs: holey(3, { 2: 3 }) }, { xs: holey(4, { 0: 1, 2: 3, 3: 4 }) })).toEqual([]);
  });

  it('a hole prints as undefined, never as nothing (was: [<hole>] printed `[]`, as an empty array)', () => {
    expect(step1({ xs: holey(1) }, { xs: 5 })).toEqual(['  - xs: [undefined]', '  + xs: 5']);
    expect(faithfulness({ xs: holey(2, { 0: 1 }) }, { xs: 5 })).toEqual([]);
  });

  it("a change inside an element names one index, true in both states (was: the new index with the old element's value)", () => {
    // ['p', 'x', 'q'] → ['x', 'r', 's', 't']: 'q' was xs[2], not xs[1] (xs[1] was 'x').
    expect(faithfulness({ xs: ['p', 'x', 'q'] }, { xs: ['x', 'r', 's', 't'] })).toEqual([]);
    // [{a:1},{a:2}] → [{a:9},{a:1},{a:3}]: the old state has no xs[2].
    expect(faithfulness({ xs: [{ a: 1 }, { a: 2 }] }, { xs: [{ a: 9 }, { a: 1 }, { a: 3 }] })).toEqual([]);
  });

  it('a Map key prints whole in a path (was: cut at 40 characters, two keys one path)', () => {
    const k1 = `${'a'.repeat(45)}1`;
    const k2 = `${'a'.repeat(45)}2`;
    const lines = step1({ m: new Map([[k1, 1], [k2, 2]]) }, { m: new Map([[k1, 1], [k2, 3]]) });
    expect(lines).toEqual([`  - m.get("${k2}"): 2`, `  + m.get("${k2}"): 3`]);
    expect(faithfulness({ m: new Map([[{ id: 'x'.repeat(50), n: 1 }, 1]]) }, { m: new Map([[{ id: 'x'.repeat(50), n: 1 }, 2]]) })).toEqual([]);
  });

  it("a state field named mbt::… survives kripke's own ITF file (was: dropped as Quint's)", () => {
    const trace = [{ action: null, state: { 'mbt::x': 1, n: 0 } }, { action: 'go', state: { 'mbt::x': 2, n: 1 } }];
    expect(fromITF(JSON.stringify(toITF(trace as never))).trace.map((s) => s.state)).toEqual([{ 'mbt::x': 1, n: 0 }, { 'mbt::x': 2, n: 1 }]);
    // Even one named as Quint's action variable.
    const named = [{ action: null, state: { 'mbt::actionTaken': 5 } }, { action: 'go', state: { 'mbt::actionTaken': 6 } }];
    expect(fromITF(JSON.stringify(toITF(named as never))).trace).toEqual(named);
    // Another tool's trace still has its mbt:: variables read as the action, not as state.
    const quint = { '#meta': { format: 'ITF' }, vars: ['n'], states: [{ n: { '#bigint': '0' }, 'mbt::actionTaken': 'init' }, { n: { '#bigint': '1' }, 'mbt::actionTaken': 'inc' }] };
    expect(fromITF(quint).trace).toEqual([{ action: null, state: { n: 0 } }, { action: 'inc', state: { n: 1 } }]);
  });

  it("the explorer's step diff spells a key the way the message does (was: key \"a.b\" and a → b both state.a.b)", () => {
    const states = [{ 'a.b': 1, a: { b: 1 }, '': 1, xs: { '0': 1 } }, { 'a.b': 2, a: { b: 2 }, '': 2, xs: { '0': 2 } }];
    const rows = explorerRows(renderExplorer(toITF(states.map((state, i) => ({ action: i === 0 ? null : 'go', state })) as never)));
    expect(rows).toEqual(['step 1: state[""]: 1 → 2', 'step 1: state.a.b: 1 → 2', 'step 1: state["a.b"]: 1 → 2', 'step 1: state.xs["0"]: 1 → 2']);
  });

  // Known, not fixed: each prints something a reader can misread.
  it.fails('a root key named "state" gives two values one path (state["a.b"] is the key "a.b" and state → "a.b")', () => {
    const lines = (a: unknown, b: unknown) => step1(a, b).join('\n');
    expect(lines({ state: { 'a.b': 1 }, 'a.b': 1 }, { state: { 'a.b': 2 }, 'a.b': 1 })).not.toBe(lines({ state: { 'a.b': 1 }, 'a.b': 1 }, { state: { 'a.b': 1 }, 'a.b': 2 }));
  });

  it('a multi-line string that only gained a trailing newline prints different - and + lines (they printed alike)', () => {
    const head = 'x'.repeat(40);
    const lines = step1({ log: `${head}\nlast` }, { log: `${head}\nlast\n` });
    const minus = lines.filter((l) => l.startsWith('    - ')).map((l) => l.slice(6));
    const plus = lines.filter((l) => l.startsWith('    + ')).map((l) => l.slice(6));
    expect(minus).not.toEqual(plus);
  });

  it.fails('an element that moved never prints as a change to itself (- k[1]: "b" over + k[1]: "b")', () => {
    const lines = step1({ k: ['a', 'b', 'c'] }, { k: ['c', 'b'] });
    for (let i = 1; i < lines.length; i++) expect(lines[i].replace(/^  \+/, '  -')).not.toBe(lines[i - 1]);
  });

  it("a long string holding the word diff's markers reads one way (its own [-old-] read as a removal)", () => {
    // The text's own "[-old-]" reads as a removal beside the real one.
    expect(step1({ s: 'the value [-old-] became new, and the rest stays' }, { s: 'the value [-old-] became newer, and the rest stays' })).toEqual([
      '  ~ s: "the value \\[-old-\\] became [-new-]{+newer+}, and the rest stays"',
    ]);
  });
});

describe('long strings print what changed where a reader can see it (render21)', () => {
  const head = 'x'.repeat(40);
  it("a carriage return shows as ␍, never raw: '\\n' becoming '\\r\\n' reads as a change", () => {
    const lines = step1({ log: `${head}\nline\nend` }, { log: `${head}\nline\r\nend` });
    expect(lines.join('\n')).not.toContain('\r');
    expect(lines).toContain('    - line');
    expect(lines).toContain('    + line␍');
  });

  it('the line that lost or gained the final newline says so', () => {
    expect(step1({ log: `${head}\nlast` }, { log: `${head}\nlast\n` })).toContain('    - last (no newline at end)');
    expect(step1({ log: `${head}\nlast\n` }, { log: `${head}\nlast` })).toContain('    + last (no newline at end)');
  });

  it('quotes in a word diff are escaped as in every printed string', () => {
    expect(step1({ s: 'say "hello" to the world and the rest of the text' }, { s: 'say "bye" to the world and the rest of the text' })).toEqual([
      '  ~ s: "say \\"[-hello-]{+bye+}\\" to the world and the rest of the text"',
    ]);
  });
});
