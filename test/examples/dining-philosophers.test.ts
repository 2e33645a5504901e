import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.js';
import { main, PHILOSOPHERS, table } from '../../docs/examples/dining-philosophers.js';

describe('the dining-philosophers story', () => {
  it('deadlocks after three steps when everyone takes the left fork first', () => {
    const r = check(table('left-first'));
    expect(r.kind).toBe('deadlock');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'first(0)', 'first(1)', 'first(2)']);
    expect(r.trace.at(-1)!.state).toEqual({ forks: [0, 1, 2], holding: [1, 1, 1] });
  });

  it('never deadlocks, and neighbours never eat together, when the lower fork comes first', () => {
    const r = check(table('lower-first'));
    expect(r.ok).toBe(true);
    // Every philosopher gets to eat: each done(p) fires somewhere.
    for (let p = 0; p < PHILOSOPHERS; p++) {
      expect(r.coverage.find((c) => c.action === `done(${p})`)!.enabled).toBeGreaterThan(0);
    }
  });

  it('tells the story', () => {
    const lines: string[] = [];
    main((line) => lines.push(line));
    expect(lines).toContain('  left fork first:   deadlock after 3 steps: no action is enabled and the state is not terminal');
    expect(lines).toContain('    trace: init → first(0) → first(1) → first(2)');
    expect(lines.some((l) => /^ {2}lower fork first: {2}OK — \d+ states, no violations$/.test(l))).toBe(true);
  });
});
