import { describe, expect, it } from 'vitest';
import { childPath, sameValue, stateChanges } from '../../src/render/state-diff.js';

describe('stateChanges', () => {
  it('reports only what changed, by path, in the order of the new state', () => {
    expect(stateChanges({ status: 'healthy', restarts: 0, max: 3 }, { status: 'starting', restarts: 1, max: 3 })).toEqual([
      { kind: 'changed', path: 'status', before: 'healthy', after: 'starting' },
      { kind: 'changed', path: 'restarts', before: 0, after: 1 },
    ]);
  });

  it('walks nested objects and arrays of equal length', () => {
    const before = { nodes: [{ name: 'n0', pods: ['a'] }, { name: 'n1', pods: [] }] };
    const after = { nodes: [{ name: 'n0', pods: ['a'] }, { name: 'n1', pods: ['b'] }] };
    expect(stateChanges(before, after)).toEqual([{ kind: 'added', path: 'nodes[1].pods[0]', after: 'b' }]);
  });

  it('aligns arrays that grew or shrank: a pop, an insert in the middle, a replacement', () => {
    expect(stateChanges({ q: [1, 2, 3] }, { q: [1, 2] })).toEqual([{ kind: 'removed', path: 'q[2]', before: 3 }]);
    expect(stateChanges({ q: ['a', 'c'] }, { q: ['a', 'b', 'c'] })).toEqual([{ kind: 'added', path: 'q[1]', after: 'b' }]);
    expect(stateChanges({ q: [{ id: 1, done: false }, { id: 2 }] }, { q: [{ id: 1, done: true }] })).toEqual([
      { kind: 'changed', path: 'q[0].done', before: false, after: true },
      { kind: 'removed', path: 'q[1]', before: { id: 2 } },
    ]);
  });

  it('treats a key holding undefined as absent, and reports added and removed keys', () => {
    expect(stateChanges({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(stateChanges({ a: 1, gone: true }, { a: 1, fresh: 'x' })).toEqual([
      { kind: 'added', path: 'fresh', after: 'x' },
      { kind: 'removed', path: 'gone', before: true },
    ]);
  });

  it('ignores key order and Map/Set order, as the checker does', () => {
    expect(stateChanges({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
    expect(stateChanges(new Set([1, 2]), new Set([2, 1]))).toEqual([]);
    expect(stateChanges(new Map([['x', 1], ['y', 2]]), new Map([['y', 2], ['x', 1]]))).toEqual([]);
    expect(sameValue(-0, 0)).toBe(false); // as the checker and toEqual: Object.is for numbers
    expect(stateChanges({ x: 0 }, { x: -0 })).toEqual([{ kind: 'changed', path: 'x', before: 0, after: -0 }]);
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue(1, '1')).toBe(false);
  });

  it('reports Map entries by key and Set elements as has-changes', () => {
    expect(stateChanges({ leases: new Map([['n1', 'a'], ['n2', 'b']]) }, { leases: new Map([['n1', 'c'], ['n3', 'b']]) })).toEqual([
      { kind: 'changed', path: 'leases.get("n1")', before: 'a', after: 'c' },
      { kind: 'added', path: 'leases.get("n3")', after: 'b' },
      { kind: 'removed', path: 'leases.get("n2")', before: 'b' },
    ]);
    expect(stateChanges({ tags: new Set(['a', 'b']) }, { tags: new Set(['b', 'c']) })).toEqual([
      { kind: 'removed', path: 'tags', before: 'a', element: true },
      { kind: 'added', path: 'tags', after: 'c', element: true },
    ]);
  });

  it('names the root when the state itself is not an object, and quotes keys that are not identifiers', () => {
    expect(stateChanges(1, 2)).toEqual([{ kind: 'changed', path: '', before: 1, after: 2 }]);
    expect(stateChanges([1], [2])).toEqual([{ kind: 'changed', path: 'state[0]', before: 1, after: 2 }]);
    expect(childPath('labels', 'app.kubernetes.io/name')).toBe('labels["app.kubernetes.io/name"]');
    expect(childPath('', 'status')).toBe('status');
  });

  it('reports a changed type as one change', () => {
    expect(stateChanges({ owner: null }, { owner: { id: 1 } })).toEqual([{ kind: 'changed', path: 'owner', before: null, after: { id: 1 } }]);
    expect(stateChanges({ at: new Date(0) }, { at: new Date(1000) })).toEqual([{ kind: 'changed', path: 'at', before: new Date(0), after: new Date(1000) }]);
  });
});
