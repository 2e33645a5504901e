/**
 * The Informal Trace Format (Apalache ADR-015): what kripke writes reads back
 * as the same states (a property over random plain data), one state has one
 * encoding, results carry their story in `#meta`, other tools' traces read
 * as they mean, and hostile input is refused with the path named.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkLiveness, checkOpen, defineModel, fromITF, ItfError, replayTrace, toITF, type Step } from '../../src/index.js';
import { canonicalKey, sameState } from '../../src/model/plain-data.js';
import { k8s, service } from '../support/models.js';

/** Plain data of every kind a state may hold. */
const leaf = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.bigInt(),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: true }),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, leaf, tie('arr'), tie('rec'), tie('set'), tie('map')),
  arr: fc.array(tie('v'), { maxLength: 4 }),
  rec: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('#bigint', '##x', '__proto__', 'constructor', '#')), tie('v'), { maxKeys: 4 }),
  set: fc.array(tie('v'), { maxLength: 4 }).map((xs) => new Set(xs)),
  map: fc.array(fc.tuple(tie('v'), tie('v')), { maxLength: 4 }).map((xs) => new Map(xs)),
})).v.filter(isState);

/** kripke's states: no twins in a Set or among a Map's keys (equal as data, apart by identity). */
function isState(x: unknown): boolean {
  try {
    canonicalKey(x);
    return true;
  } catch {
    return false;
  }
}

const roundTrip = (trace: Step<unknown>[]) => fromITF(JSON.stringify(toITF(trace)));

describe('ITF round trip', () => {
  it('every plain-data state reads back as the same state, through JSON text', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 3 }), (states) => {
        const trace = states.map((state, i) => ({ action: i === 0 ? null : `step${i}`, state }));
        const back = roundTrip(trace);
        expect(back.trace).toHaveLength(trace.length);
        back.trace.forEach((step, i) => {
          expect(step.action).toBe(trace[i].action);
          expect(sameState(step.state, trace[i].state), `state ${i}`).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps numbers and bigints apart, and NaN, infinities, dates, null, -0 as states see them', () => {
    const state = { n: 1, b: 1n, big: 2n ** 70n, nan: Number.NaN, inf: -Infinity, when: new Date(Date.UTC(2026, 0, 2)), none: null, zero: -0 };
    const [back] = roundTrip([{ action: null, state }]).trace;
    expect(back.state).toEqual({ n: 1, b: 1n, big: 2n ** 70n, nan: Number.NaN, inf: -Infinity, when: new Date(Date.UTC(2026, 0, 2)), none: null, zero: -0 });
    expect(Object.is((back.state as { zero: number }).zero, -0)).toBe(true); // -0 is not 0 as state (review-zero14: a replay of an exported trace did not reproduce)
    expect(toITF([{ action: null, state }]).states[0]).toMatchObject({ b: { '#bigint': '1' }, nan: { '#unserializable': 'NaN' }, zero: { '#unserializable': '-0' }, when: { '#unserializable': 'Date(2026-01-02T00:00:00.000Z)' } });
  });

  it('writes one state one way: Set and Map order and key order do not show', () => {
    const a = { s: new Set([3, 1, 2]), m: new Map([['b', 1], ['a', 2]]), x: 1, y: undefined };
    const b = { x: 1, m: new Map([['a', 2], ['b', 1]]), s: new Set([2, 3, 1]) };
    expect(JSON.stringify(toITF([{ action: null, state: a }]))).toBe(JSON.stringify(toITF([{ action: null, state: b }])));
    expect(toITF([{ action: null, state: a }]).states[0]).toEqual({ '#meta': { index: 0, action: null }, m: { '#map': [['a', 2], ['b', 1]] }, s: { '#set': [1, 2, 3] }, x: 1 });
  });

  it('a state that is not a record is the one variable `state`', () => {
    const itf = toITF([{ action: null, state: [1, 2] }, { action: 'push(3)', state: [1, 2, 3] }]);
    expect(itf.vars).toEqual(['state']);
    expect(itf['#meta']['kripke:state']).toBe('value');
    expect(fromITF(itf).trace.map((s) => s.state)).toEqual([[1, 2], [1, 2, 3]]);
  });
});

describe('toITF of results', () => {
  it('an open check: the labels, names and environments per step, the property and the residual assumptions', () => {
    const itf = toITF(checkOpen(service, k8s(false)), { test: 'survives eviction' });
    expect(itf.vars).toEqual(['maxRestarts', 'restarts', 'status']);
    expect(itf.states.map((s) => s['#meta'])).toEqual([
      { index: 0, action: null },
      { index: 1, action: 'start', name: 'start' },
      { index: 2, action: 'k8s:evict-pod', name: 'evict-pod', environment: 'k8s' },
    ]);
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'kripke', kind: 'invariant', property: 'always-responsive', test: 'survives eviction' });
    expect((itf['#meta'].assumptions as { name: string }[]).map((a) => a.name)).toEqual(['node-capacity', 'eviction-rate-bounded']);
    expect(itf.loop).toBeUndefined();
  });

  it('a choice is written in #meta and read back, not enumerable, as kripke steps carry it', () => {
    const m = defineModel({ name: 'm', init: { n: 0 }, actions: { add: { choices: () => [2n, 3n], apply: (s, k) => ({ n: s.n + Number(k) }) } }, invariants: { small: (s) => s.n < 3 } });
    const r = check(m);
    const itf = toITF(r);
    expect(itf.states[1]['#meta']).toEqual({ index: 1, action: 'add(3n)', name: 'add', choice: { '#bigint': '3' } });
    const [, step] = fromITF(JSON.stringify(itf)).trace;
    expect(step.choice).toBe(3n);
    expect(step.name).toBe('add');
    expect(Object.keys(step)).toEqual(['action', 'state']);
    expect(step).toEqual(r.trace[1]);
  });

  it('a lasso: `loop` is where the cycle starts again', () => {
    const job = defineModel({ name: 'job', init: { done: false, tries: 0 }, actions: { retry: { enabled: (s) => !s.done, apply: (s) => ({ ...s, tries: 1 - s.tries }) } } });
    const r = checkLiveness(job, { goal: (s) => s.done });
    const itf = toITF(r);
    expect(itf.loop).toBe(0);
    expect(itf['#meta']).toMatchObject({ kind: 'liveness', loopsTo: 0 });
    expect(fromITF(JSON.stringify(itf)).loopsTo).toBe(0);
  });
});

describe('fromITF of other tools’ traces', () => {
  it("reads Quint's: integers as numbers where they fit, the action from mbt::actionTaken, mbt:: variables left out", () => {
    const quint = {
      '#meta': { format: 'ITF', source: 'bank.qnt', status: 'ok' },
      vars: ['balances', 'mbt::actionTaken', 'mbt::nondetPicks', 'mbt::actionTaken'],
      states: [
        { '#meta': { index: 0 }, balances: { '#map': [['alice', { '#bigint': '0' }]] }, 'mbt::actionTaken': 'init', 'mbt::nondetPicks': {} },
        { '#meta': { index: 1 }, balances: { '#map': [['alice', { '#bigint': '90071992547409930' }]] }, 'mbt::actionTaken': 'deposit', 'mbt::nondetPicks': {} },
      ],
    };
    const read = fromITF(quint);
    expect(read.trace.map((s) => s.action)).toEqual([null, 'deposit']);
    expect(read.trace[0].state).toEqual({ balances: new Map([['alice', 0]]) });
    expect(read.trace[1].state).toEqual({ balances: new Map([['alice', 90071992547409930n]]) });
    expect(read.vars).toEqual(['balances', 'mbt::actionTaken', 'mbt::nondetPicks']);
    expect(read.meta.source).toBe('bank.qnt');
  });

  it("reads a trace that does not name its actions (Apalache's) with action null after step 0: the states alone", () => {
    const apalache = { vars: ['n'], states: [{ '#meta': { index: 0 }, n: { '#bigint': '0' } }, { '#meta': { index: 1 }, n: { '#bigint': '1' } }] };
    expect(fromITF(apalache).trace).toEqual([
      { action: null, state: { n: 0 } },
      { action: null, state: { n: 1 } },
    ]);
  });

  it("reads itf-py's files: `loop: null` (its trace_to_json writes it for every trace without a lasso) is no loop", () => {
    const itfPy = { '#meta': { format: 'ITF', source: 'counters.qnt' }, params: [], vars: ['n'], loop: null, states: [{ '#meta': { index: 0 }, n: { '#bigint': '1' } }, { '#meta': { index: 1 }, n: { '#bigint': '2' } }] };
    const read = fromITF(itfPy);
    expect(read.loopsTo).toBeUndefined();
    expect('loopsTo' in read).toBe(false);
    expect(read.trace.map((s) => s.state)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("keeps a kripke state's own fields named like Quint's mbt:: variables: only other tools' mbt:: variables are left out", () => {
    const state = { 'mbt::actionTaken': 'mine', 'mbt::count': 3, n: 0 };
    const read = roundTrip([{ action: null, state }, { action: 'go', state }]);
    expect(read.trace.map((s) => s.state)).toEqual([state, state]);
    expect(read.trace.map((s) => s.action)).toEqual([null, 'go']);
  });

  it('names in vars the keys the states hold: a field starting with # is listed as written (##meta), not as the state\'s #meta', () => {
    const state = { '#meta': 1, '#bigint': 2, n: 0 };
    const itf = toITF([{ action: null, state }]);
    expect(itf.vars).toEqual(['##bigint', '##meta', 'n']);
    for (const v of itf.vars) expect(Object.keys(itf.states[0])).toContain(v);
    expect(fromITF(JSON.stringify(itf)).vars).toEqual(['#bigint', '#meta', 'n']);
  });

  it('refuses an integer beyond 2^53 written as a JSON number in their files, naming the path: JSON has rounded it (itf21: read silently as another number)', () => {
    const old = '{"vars":["n"],"states":[{"n":12345678901234567890}]}';
    expect(() => fromITF(old)).toThrow(ItfError);
    expect(() => fromITF(old)).toThrow(/^ITF: states\[0\]\.n is an integer beyond 2\^53 written as a JSON number: it was rounded when read \(write it as \{ "#bigint": "…" \}\)$/);
    expect(fromITF('{"vars":["n"],"states":[{"n":9007199254740991}]}').trace[0].state).toEqual({ n: 9007199254740991 });
    // kripke's own files hold numbers as numbers: 2^60 is a number a state may hold, also where the user's meta names a source (review21).
    expect(roundTrip([{ action: null, state: { n: 2 ** 60 } }]).trace[0].state).toEqual({ n: 2 ** 60 });
    const named = toITF([{ action: null, state: { n: 2 ** 60, 'mbt::x': 1 } }], { source: 'nightly.test.ts' });
    expect(named['#meta'].source).toBe('nightly.test.ts');
    expect(fromITF(JSON.stringify(named)).trace[0].state).toEqual({ n: 2 ** 60, 'mbt::x': 1 });
  });

  it('reads #tup as a list and a variant as a record', () => {
    const read = fromITF({ vars: ['t', 'v'], states: [{ t: { '#tup': [1, 'a'] }, v: { tag: 'Some', value: { '#bigint': '4' } } }] });
    expect(read.trace[0].state).toEqual({ t: [1, 'a'], v: { tag: 'Some', value: 4 } });
  });
});

describe('fromITF of hostile or broken input', () => {
  it('never lets __proto__ or constructor reach a prototype', () => {
    const text = '{"vars":["__proto__"],"states":[{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"x":{"__proto__":{"polluted":true}}}]}';
    const { state } = fromITF(text).trace[0] as Step<Record<string, unknown>>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    expect(Object.keys(state)).toEqual(['__proto__', 'constructor', 'x']);
    expect(Object.getPrototypeOf(state.x)).toBe(Object.prototype);
    expect((state.x as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the path of what is wrong', () => {
    const bad = (json: unknown) => () => fromITF(json);
    expect(bad('{"states": [')).toThrow(ItfError);
    expect(bad('{"states": [')).toThrow(/^ITF: the input is not JSON: /);
    expect(bad('[1]')).toThrow('ITF: expected a trace object { vars, states }, got a list');
    expect(bad({ vars: [] })).toThrow('ITF: states must be a list, got nothing');
    expect(bad({ states: [5] })).toThrow('ITF: states[0] must be an object of variables, got number');
    expect(bad({ states: [{ x: { '#bigint': '1.5' } }] })).toThrow('ITF: states[0].x.#bigint must be a string of digits, got "1.5"');
    expect(bad({ states: [{ x: { '#set': 3 } }] })).toThrow('ITF: states[0].x.#set must be a list, got number');
    expect(bad({ states: [{ x: { '#map': [[1]] } }] })).toThrow('ITF: states[0].x.#map[0] must be a [key, value] pair');
    expect(bad({ states: [{ x: { '#map': [[1, 2], [1, 3]] } }] })).toThrow('ITF: states[0].x.#map lists the same key twice');
    expect(bad({ states: [{ x: { '#set': [1, 1] } }] })).toThrow('ITF: states[0].x.#set lists the same element twice');
    // Equal as data, apart by identity once read: a record or tuple listed twice is as malformed as a number listed twice.
    expect(bad({ states: [{ x: { '#set': [{ a: { '#bigint': '1' } }, { a: { '#bigint': '1' } }] } }] })).toThrow('ITF: states[0].x.#set lists the same element twice');
    expect(bad({ states: [{ x: { '#map': [[{ '#tup': ['a'] }, 1], [{ '#tup': ['a'] }, 2]] } }] })).toThrow('ITF: states[0].x.#map lists the same key twice');
    expect(bad({ states: [{ x: { '#frob': 1 } }] })).toThrow("ITF: states[0].x has the unknown tag '#frob'");
    expect(bad({ states: [{ x: { '#set': [], y: 1 } }] })).toThrow("ITF: states[0].x mixes the tag '#set' with other fields");
    expect(bad({ states: [{ x: 1 }], loop: 3 })).toThrow('ITF: loop must be the index of a state (0 to 0), got number');
    expect(bad({ states: [{}, { '#meta': { action: 5 } }] })).toThrow('ITF: states[1].#meta.action must be a string, got number');
  });

  it('refuses input too large or too deep, saying how to allow it', () => {
    const big = JSON.stringify({ states: [{ x: 'a'.repeat(2000) }] });
    expect(() => fromITF(big, { maxBytes: 1000 })).toThrow(/^ITF: the input is 20\d\d bytes, more than maxBytes \(1000\); raise maxBytes/);
    let deep: unknown = 1;
    for (let i = 0; i < 1100; i++) deep = [deep];
    expect(() => fromITF({ states: [{ x: deep }] })).toThrow('is nested deeper than 1000 levels');
    expect(() => fromITF({ states: [{ x: deep }] }, { maxDepth: 5000 })).not.toThrow();
    try {
      fromITF({ states: [{ x: deep }] });
    } catch (error) {
      expect(error).toBeInstanceOf(ItfError);
      expect((error as Error).name).toBe('ItfError');
    }
  });

  it('reads back every state kripke checks, however deep (states may nest 1,000 levels; hostile18 t13)', () => {
    // Records, arrays, maps and sets nested as deep as a state may be.
    const nest = (depth: number): unknown => {
      let v: unknown = 0;
      for (let i = 0; i < depth; i++) v = [{ c: v }, [v], new Map([[i, v]]), new Set([v])][i % 4];
      return v;
    };
    const deep = nest(998);
    const m = defineModel({ name: 'deep', init: { n: 0, t: deep }, actions: { a: { enabled: (s) => s.n < 1, apply: (s) => ({ n: 1, t: s.t }) } }, invariants: { small: (s) => s.n < 1 } });
    const result = check(m);
    expect(result.kind).toBe('invariant');
    const read = fromITF(JSON.stringify(toITF(result)));
    expect(read.trace).toHaveLength(2);
    expect(sameState(read.trace[1].state, result.trace[1].state)).toBe(true);
    expect(replayTrace(m, JSON.stringify(toITF(result))).reproduced).toBe(true);
  });
});

describe('what toITF, fromITF and replayTrace are given (badinput21: bare TypeErrors, typos ignored, NaN turned the size limit off)', () => {
  const counter = defineModel({ name: 'c', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n < 2 } });
  it('toITF refuses what is no result or steps, and a meta that is no object', () => {
    for (const [bad, what] of [[undefined, 'undefined'], ['x', 'the string "x"'], [{}, 'an object'], [null, 'null'], [new Map(), 'a Map']] as const) {
      expect(() => toITF(bad as never)).toThrow(`toITF expects a check's result, an open result or a list of steps, got ${what}`);
    }
    expect(() => toITF(check(counter), 'abc' as never)).toThrow('toITF: meta must be an object of fields for the trace\'s #meta, got the string "abc"');
    // A bigint in meta is written as ITF writes one, and read back (JSON.stringify threw on the trace).
    const text = JSON.stringify(toITF(check(counter), { build: 12345678901234567890n, tags: ['nightly'] }));
    expect(fromITF(text).meta).toMatchObject({ build: 12345678901234567890n, tags: ['nightly'] });
  });

  it('fromITF refuses options that are no object, a misspelt one, and a limit that is no positive whole number', () => {
    const text = JSON.stringify(toITF(check(counter)));
    expect(() => fromITF(text, null as never)).toThrow('fromITF: options must be an object { maxBytes?, maxDepth? }, got null');
    expect(() => fromITF(text, { maxbytes: 10 } as never)).toThrow("fromITF: options: unknown field 'maxbytes' (did you mean 'maxBytes'?); the fields are maxBytes, maxDepth");
    for (const bad of [Number.NaN, -5, 0, 1.5, '10']) expect(() => fromITF(text, { maxBytes: bad as number })).toThrow(/^fromITF: maxBytes must be a positive whole number \(or Infinity\), got /);
    expect(() => fromITF(text, { maxDepth: -5 })).toThrow('fromITF: maxDepth must be a positive whole number (or Infinity), got number -5');
    expect(fromITF(text, { maxBytes: Infinity }).trace).toHaveLength(3);
  });

  it('replayTrace refuses a saved trace of no kind, options that are no object, a misspelt option and a property that is no name', () => {
    const file = toITF(check(counter));
    expect(() => replayTrace(counter, null as never)).toThrow("replayTrace: the saved trace must be a check's result, its file (toITF(result)), ITF JSON (text or parsed) or kripke steps, got null");
    expect(() => replayTrace(counter, file, null as never)).toThrow('replayTrace: options must be an object { environments?, property? }, got null');
    expect(() => replayTrace(counter, file, { propery: 'small' } as never)).toThrow("replayTrace: options: unknown field 'propery' (did you mean 'property'?)");
    expect(() => replayTrace(counter, file, { property: Symbol('x') as never })).toThrow('replayTrace: property must be the name of an invariant, guarantee or liveness property, got symbol Symbol(x)');
  });
});
