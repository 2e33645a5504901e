import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { atomicPut, CAPACITY, checkThenAct, main } from '../../docs/examples/producer-consumer.js';

describe('the producer–consumer story', () => {
  it('overflows the buffer under check-then-act, with a shortest trace of six steps', () => {
    const r = check(checkThenAct);
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('no-overflow');
    // Three puts, each after its own check, is the least that can overflow a buffer of 2.
    expect(r.trace.length - 1).toBe(2 * (CAPACITY + 1));
    expect(r.trace.at(-1)!.state.items).toBe(CAPACITY + 1);
    expect(r.trace.map((s) => s.action)).toEqual([null, 'check(0)', 'check(1)', 'put(0)', 'check(0)', 'put(0)', 'put(1)']);
    // The overflowing put comes from a producer that checked while there was still room.
    const lastCheck = r.trace.findLastIndex((s) => s.action === 'check(1)');
    expect(r.trace[lastCheck].state.items).toBeLessThan(CAPACITY);
  });

  it('never overflows when the check and the put are one atomic step', () => {
    const r = check(atomicPut);
    expect(r.ok).toBe(true);
    // The buffer holds 0, 1 or 2 items and nothing else varies.
    expect(r.stats.states).toBe(CAPACITY + 1);
  });

  it('tells the story', () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toContain("  check, then put:   invariant 'no-overflow' violated after 6 steps");
    expect(lines).toContain('    put(1)     items=3  producers=idle,idle');
    expect(lines).toContain('  atomic put:        OK — 3 states, no violations');
  });
});
