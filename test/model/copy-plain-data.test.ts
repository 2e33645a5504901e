import { describe, expect, it } from 'vitest';
import { copyPlainData, describeNonPlainData } from '../../src/model/plain-data.js';
import { RECORD, shapeOf } from '../../src/model/shape.js';

describe('copyPlainData', () => {
  it('copies deeply: objects, arrays, Map, Set, Date, bigint; the original stays untouched', () => {
    const original = { list: [1, { n: 2n }], map: new Map([['k', { v: 1 }]]), set: new Set([[1]]), at: new Date(5), none: null };
    const copy = copyPlainData(original);
    expect(copy).toEqual(original);
    expect(copy.list).not.toBe(original.list);
    expect(copy.map.get('k')).not.toBe(original.map.get('k'));
    expect([...copy.set][0]).not.toBe([...original.set][0]);
    expect(copy.at).not.toBe(original.at);
    (copy.list[1] as { n: bigint }).n = 3n;
    expect(original.list[1]).toEqual({ n: 2n });
  });

  it('builds objects of this realm, so they stay plain data', () => {
    const copy = copyPlainData({ a: { b: [{}] } });
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copy.a.b[0])).toBe(Object.prototype);
    expect(shapeOf(copy.a)).toBe(RECORD);
    expect(describeNonPlainData(copy)).toBeNull();
  });

  it('keeps a "__proto__" key a key, null prototypes null, and symbol keys for the checks to reject', () => {
    const weird = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const copy = copyPlainData(weird);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(copyPlainData(Object.create(null)))).toBeNull();
    const sym = Symbol('s');
    expect(describeNonPlainData(copyPlainData({ [sym]: 1 }))).toEqual({ path: 'state', message: 'state has a symbol key (Symbol(s))' });
  });

  it('leaves what is not plain data as it is, for the checks to name', () => {
    class Pod {}
    const pod = new Pod();
    const f = () => 1;
    const copy = copyPlainData({ pod, f });
    expect(copy.pod).toBe(pod);
    expect(copy.f).toBe(f);
  });
});
