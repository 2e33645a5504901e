import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { main, room } from '../../docs/examples/readers-writers.js';

describe('the readers–writers story', () => {
  it('lets a reader in between a writer’s check and its entry', () => {
    const r = check(room({ readers: 2, writers: 2, lock: 'buggy' }));
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('no-writer-with-readers');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'check(0)', 'read(0)', 'write(0)']);
    expect(r.trace.at(-1)!.state).toEqual({ readers: ['reading', 'out'], writers: ['writing', 'out'] });
  });

  it('lets two writers in at once', () => {
    const r = check(room({ readers: 0, writers: 2, lock: 'buggy' }));
    expect(r.invariant).toBe('at-most-one-writer');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'check(0)', 'check(1)', 'write(0)', 'write(1)']);
  });

  it('keeps both invariants with an atomic lock, in the 6 states worked out by hand', () => {
    const r = check(room({ readers: 2, writers: 2, lock: 'atomic' }));
    expect(r.ok).toBe(true);
    // No writer and any set of readers (4), or one of two writers alone (2).
    expect(r.stats.states).toBe(6);
    expect(r.coverage.map((c) => [c.action, c.enabled])).toEqual([
      ['read', 4],
      ['stop-reading', 4],
      ['write', 2],
      ['stop-writing', 2],
    ]);
  });

  it('tells the story', () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toContain("  buggy lock:                 invariant 'no-writer-with-readers' violated after 3 steps");
    expect(lines).toContain("  buggy lock, writers only:   invariant 'at-most-one-writer' violated after 4 steps");
    expect(lines).toContain('  atomic lock:                OK — 6 states, no violations');
  });
});
