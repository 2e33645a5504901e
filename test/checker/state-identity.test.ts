/**
 * Two successors of one state, built differently: the checker must count them
 * as one state when they are equal plain data, and as two when they are not,
 * with fingerprints and with exact: true alike.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel } from '../../src/index.js';

function statesReached(x: unknown, y: unknown, exact: boolean): number {
  const m = defineModel<unknown>({
    init: 'start',
    actions: {
      x: { enabled: (s) => s === 'start', apply: () => x },
      y: { enabled: (s) => s === 'start', apply: () => y },
    },
    terminal: () => true,
  });
  const r = check(m, { exact });
  expect(r.ok).toBe(true);
  return r.stats.states;
}

const deep = (order: 'ab' | 'ba') => {
  const inner = order === 'ab' ? [{ a: [1, new Map([[1n, new Date(0)]])] }, 'z'] : ['z', { a: [1, new Map([[1n, new Date(0)]])] }];
  return new Map([['k', new Set(inner)]]);
};

const same: [string, unknown, unknown][] = [
  ['object key order', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }],
  ['Set insertion order', new Set([1, 2, 3]), new Set([3, 1, 2])],
  ['Map insertion order', new Map<string, number>([['a', 1], ['b', 2]]), new Map<string, number>([['b', 2], ['a', 1]])],
  ['Map with object keys in another order', new Map([[{ id: 1 }, 'x'], [{ id: 2 }, 'y']]), new Map([[{ id: 2 }, 'y'], [{ id: 1 }, 'x']])],
  ['nested Map and Set in another order', deep('ab'), deep('ba')],
  ['-0 and 0', { x: -0 }, { x: 0 }],
  ['an undefined property and a missing one', { x: 1, y: undefined }, { x: 1 }],
  ['two equal Dates', { at: new Date(5) }, { at: new Date(5) }],
  ['two equal bigints', { big: 10n ** 30n }, { big: 10n ** 30n }],
  ['NaN and NaN', { x: NaN }, { x: NaN }],
  ['an object without prototype and an object literal', Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
];

const different: [string, unknown, unknown][] = [
  ['array order', [1, 2], [2, 1]],
  ['a Date and its time as a number', new Date(5), 5],
  ['a bigint and a number', 5n, 5],
  ['a string and a number', '5', 5],
  ['a Set and an array', new Set([1]), [1]],
  ['a Map and an object', new Map([['a', 1]]), { a: 1 }],
  ['null and a missing property', { x: null }, {}],
  ['an undefined array element and no element', [undefined], []],
  ['an empty object and an empty array', {}, []],
  ['Map keys 1 and "1"', new Map([[1, 'a']]), new Map([['1', 'a']])],
  ['values swapped between keys', { a: { x: 1 }, b: { y: 2 } }, { a: { y: 2 }, b: { x: 1 } }],
  ['a Map key and value swapped', new Map([['a', 'b']]), new Map([['b', 'a']])],
  ['an object key and value swapped', { a: 'b' }, { b: 'a' }],
  ['nesting moved', [[1], 2], [1, [2]]],
  ['two Dates', new Date(5), new Date(6)],
  ['two large bigints', 2n ** 64n, 2n ** 64n + 1n],
  ['a Set with two equal objects and with one', new Set([{ a: 1 }, { a: 1 }]), new Set([{ a: 1 }])],
];

describe.each([false, true])('state identity (exact: %s)', (exact) => {
  it.each(same)('%s are one state', (_n, x, y) => {
    expect(statesReached(x, y, exact)).toBe(2);
  });
  it.each(different)('%s are two states', (_n, x, y) => {
    expect(statesReached(x, y, exact)).toBe(3);
  });
});

describe('Date and bigint states', () => {
  it('step through time and big numbers', () => {
    type Clock = { now: Date; ticks: bigint };
    const m = defineModel<Clock>({
      init: { now: new Date(Date.UTC(2024, 0, 1)), ticks: 2n ** 70n },
      actions: {
        tick: {
          enabled: (s) => s.ticks < 2n ** 70n + 3n,
          apply: (s) => ({ now: new Date(s.now.getTime() + 1000), ticks: s.ticks + 1n }),
        },
      },
      invariants: { 'before-the-third-second': (s) => s.now.getTime() < Date.UTC(2024, 0, 1, 0, 0, 3) },
    });
    const r = check(m);
    expect(r.kind).toBe('invariant');
    expect(r.trace.at(-1)!.state).toEqual({ now: new Date(Date.UTC(2024, 0, 1, 0, 0, 3)), ticks: 2n ** 70n + 3n });
  });
});
