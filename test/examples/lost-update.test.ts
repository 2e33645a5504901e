import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { compareAndSet, main, racy } from '../../docs/examples/lost-update.js';

describe('the lost-update story', () => {
  it('loses one of two non-atomic increments, in the shortest interleaving', () => {
    const r = check(racy);
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('no-lost-update');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'read(0)', 'read(1)', 'write(0)', 'write(1)']);
    const last = r.trace.at(-1)!.state;
    expect(last.counter).toBe(1);
    expect(last.threads.every((t) => t.pc === 'done')).toBe(true);
  });

  it('keeps both increments with compare-and-set, and every action fires', () => {
    const r = check(compareAndSet);
    expect(r.ok).toBe(true);
    expect(r.coverage.every((c) => c.enabled > 0)).toBe(true);
  });

  it('tells the story', () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toContain("  load, then store:       invariant 'no-lost-update' violated after 4 steps");
    expect(lines).toContain('    trace: init → read(0) → read(1) → write(0) → write(1)');
    expect(lines).toContain('    final counter: 1 (two increments, one survives)');
    expect(lines.some((l) => /^ {2}load, compare-and-set: {2}OK — \d+ states, no violations$/.test(l))).toBe(true);
  });
});
