import { describe, expect, it } from 'vitest';
import { describeNonPlainData } from '../../src/model/plain-data.js';
import { formatLiteral, stepLabel } from '../../src/model/literal.js';

describe('describeNonPlainData', () => {
  it('accepts every kind of plain data', () => {
    const state = {
      n: 1,
      s: 'x',
      b: true,
      nil: null,
      u: undefined,
      big: 10n,
      when: new Date(0),
      list: [1, [2, { deep: new Map([[{ k: 1 }, new Set([new Date(1), 2n])]]) }]],
      bare: Object.assign(Object.create(null), { a: 1 }),
    };
    expect(describeNonPlainData(state)).toBeNull();
  });

  it.each([
    ['a function', { nodes: [{}, {}, { handler: () => 1 }] }, 'state.nodes[2].handler is a function'],
    ['a symbol', { tag: Symbol('t') }, 'state.tag is a symbol'],
    ['a symbol key', { [Symbol('k')]: 1 }, 'state has a symbol key (Symbol(k))'],
    ['a class instance', { at: new URL('http://x') }, 'state.at is an instance of URL, not plain data (use objects, arrays, Map, Set, Date)'],
    ['an odd key', { 'two words': () => 1 }, 'state["two words"] is a function'],
    ['a value inside a Map', { m: new Map([['k', () => 1]]) }, 'state.m.get("k") is a function'],
    ['a key of a Map', { m: new Map([[Symbol('k'), 1]]) }, 'state.m.<key 0> is a symbol'],
    ['an element of a Set', { s: new Set([1, () => 1]) }, 'state.s.<element 1> is a function'],
    ['an invalid Date', { d: new Date(NaN) }, 'state.d is an invalid Date'],
  ])('names the path to %s', (_n, value, message) => {
    expect(describeNonPlainData(value)?.message).toBe(message);
  });

  it('names a cycle at the place it closes', () => {
    const o: { a: { b: { back?: unknown } } } = { a: { b: {} } };
    o.a.b.back = o.a;
    expect(describeNonPlainData(o)).toEqual({ path: 'state.a.b.back', message: 'state.a.b.back is a cycle: it contains itself' });
  });

  it('accepts the same object twice when it is shared, not cyclic', () => {
    const shared = { x: 1 };
    expect(describeNonPlainData({ a: shared, b: shared, list: [shared, shared] })).toBeNull();
  });

  it('uses the root it is given', () => {
    expect(describeNonPlainData([() => 1], 'initStates[3]')?.path).toBe('initStates[3][0]');
  });
});

describe('stepLabel', () => {
  it.each([
    ['m1', 'm1'],
    [[0, 2], '0,2'],
    [3, '3'],
    [-0, '-0'],
    [5n, '5n'],
    [null, 'null'],
    [true, 'true'],
    [{ to: 1, msg: 'hi' }, '{msg:hi,to:1}'],
    [{ path: [1, 2] }, '{path:[1,2]}'],
    [new Set(['b', 'a']), 'Set{a,b}'],
    [new Map([['k', 1]]), 'Map{k=>1}'],
    [new Date(0), '1970-01-01T00:00:00.000Z'],
  ])('formats %o as %s', (choice, label) => {
    expect(stepLabel('a', true, choice)).toBe(`a(${label})`);
  });

  // Labels name fair actions and toReach targets: two different choices must never print alike.
  it.each([
    [1, '1'],
    [[[1, 2]], '1,2'],
    [[1], 1],
    [[], undefined],
    ['true', true],
    ['null', null],
    [new Set(), {}],
    [new Map([['a', 1]]), { a: 1 }],
    [new Date(0), '1970-01-01T00:00:00.000Z'],
    ['two words', 'two'],
    [1n, 1],
  ])('prints %o and %o differently', (x, y) => {
    expect(stepLabel('take', true, x)).not.toBe(stepLabel('take', true, y));
  });

  it('prints equal choices alike, whatever their key or insertion order', () => {
    expect(stepLabel('m', true, { from: 1, to: 2 })).toBe(stepLabel('m', true, { to: 2, from: 1 }));
    expect(stepLabel('m', true, new Set([{ b: 1, a: 2 }, 3]))).toBe(stepLabel('m', true, new Set([3, { a: 2, b: 1 }])));
  });

  it('prints anything without throwing: a cycle, an invalid Date, a function', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(formatLiteral(cyclic)).toBe('{a:1,self:[Circular]}');
    expect(formatLiteral(new Date(NaN))).toBe('Invalid Date');
    expect(formatLiteral(function go() {})).toBe('[Function go]');
    expect(formatLiteral('x'.repeat(50), { max: 10 })).toBe('"xxxxxxxx…');
  });
});
