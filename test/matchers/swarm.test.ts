/**
 * toSatisfyInvariants and toSurvive under `{ swarm }`: a problem fails with a
 * trace said to be proven shortest or not; no problem passes, with a warning
 * that the pass is not exhaustive; each call leaves its member's record.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineEnvironment, defineModel } from '../../src/index.js';
import { createMatchers } from '../../src/matchers/index.js';
import { call, context, tagged, thrown } from '../support/runner-context.js';
import { grid } from '../support/swarm-models.js';

const deep = grid(3, 40, 30);
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());

describe('toSatisfyInvariants({ swarm })', () => {
  it('fails on a deep bug with a trace proven shortest, and says how it was found', () => {
    const o = call('toSatisfyInvariants', deep, [{ maxStates: 2_000, swarm: { seed: 1, shard: '2/2', minimise: { maxStates: 100_000 } } }]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('invariant "first-below" is violated after 30 steps');
    expect(o.message).toContain('(shortest trace, proven by a breadth-first search;');
    expect(o.message.split('\n').slice(0, 6).join('\n')).toMatchSnapshot();
  });

  it('says so when the trace is not proven shortest', () => {
    const o = call('toSatisfyInvariants', deep, [{ swarm: { maxStates: 2_000, minimise: { maxStates: 300 } } }]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('trace found by a swarm search, not proven shortest');
    expect(o.message).toContain('a shorter one may exist');
  });

  it('passes where it finds nothing, with a warning that the pass is not exhaustive; .not fails, saying nothing is proven', () => {
    const clean = grid(3, 10, 99);
    const o = call('toSatisfyInvariants', clean, [{ swarm: { seed: 3 } }]);
    expect(o.fails).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^kripke: toSatisfyInvariants passed under swarm \(bitstate, seed 3, shard 1\/1\): NOT EXHAUSTIVE — no violation in 1,331 states visited \(1,331 distinct\)/);
    const not = call('toSatisfyInvariants', clean, [{ swarm: { seed: 3 } }], { not: true });
    expect(not.fails).toBe(true);
    expect(not.message).toMatchSnapshot();
  });

  it('an error in the model fails with or without .not', () => {
    const throwing = defineModel<{ n: number }>({ init: { n: 0 }, actions: { up: { apply: (s) => { if (s.n === 4) throw new Error('four'); return { n: s.n + 1 }; } } }, invariants: { any: () => true } });
    for (const not of [false, true]) {
      const o = call('toSatisfyInvariants', throwing, [{ swarm: true }], { not });
      expect(o.fails).toBe(true);
      expect(o.message).toContain('Action "up" threw after 4 steps');
    }
  });

  it('refuses bad swarm options as usage errors, and the option on matchers it does not serve', () => {
    expect(thrown(() => createMatchers().toSatisfyInvariants.call(context(), deep, { swarm: { mode: 'dfs' } }))).toContain("toSatisfyInvariants: mode must be 'bitstate' or 'random'");
    expect(thrown(() => createMatchers().toSatisfyInvariants.call(context(), deep, { swarm: { shard: '3/2' } }))).toContain('toSatisfyInvariants: shard must be i/n');
    expect(thrown(() => createMatchers().toReach.call(context(), deep, () => true, { swarm: true } as never))).toContain('toReach does not take the swarm option');
  });
});

describe('toSurvive({ swarm })', () => {
  it('finds a guarantee broken by an environment, with the residual assumptions', () => {
    const model = grid(2, 40, 99);
    const bump = defineEnvironment<{ c: number[] }>({
      name: 'cosmic',
      behaviors: { flip: { enabled: (s) => s.c[1] === 20, apply: (s) => ({ c: [s.c[0], 99] }) } },
      guarantees: { bounded: (s) => s.c[1] <= 40 },
      assumptions: { rare: { description: 'bit flips are rare' } },
    });
    const o = call('toSurvive', model, [bump, { swarm: { minimise: { maxStates: 10_000 } } }]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('guarantee "bounded" of environment cosmic is violated after 21 steps');
    expect(o.message).toContain('rare');
  });
});

describe('the record of each member', () => {
  let dir: string;
  const saved = process.env.KRIPKE_ARTIFACTS;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kripke-swarm-'));
    process.env.KRIPKE_ARTIFACTS = dir;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.KRIPKE_ARTIFACTS;
    else process.env.KRIPKE_ARTIFACTS = saved;
  });

  it('goes to <artifacts>/swarm/<test file>/<test name>/<model>/<i>-of-<n>.json, pass or fail, with the problem as ITF', () => {
    const ctx = { ...context(), testPath: join(process.cwd(), 'test/bank.test.ts'), currentTestName: 'bank > deep' };
    const failed = createMatchers().toSatisfyInvariants.call(ctx, deep, { swarm: { shard: '1/2', maxStates: 2_000, minimise: { maxStates: 100_000 } } });
    const passed = createMatchers().toSatisfyInvariants.call(ctx, grid(2, 5, 99), { swarm: { shard: '2/2' } });
    expect(failed.pass).toBe(false);
    expect(passed.pass).toBe(true);
    expect(tagged(failed.message())).toMatch(/Swarm record: .*swarm\/test\/bank\.test\.ts\/bank-deep\/grid-3-40\/1-of-2\.json/);
    const files = readdirSync(join(dir, 'swarm'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/')).sort();
    expect(files).toEqual(['swarm/test/bank.test.ts/bank-deep/grid-2-5/2-of-2.json', 'swarm/test/bank.test.ts/bank-deep/grid-3-40/1-of-2.json']);
    const record = JSON.parse(readFileSync(join(dir, files[1]), 'utf8'));
    expect(record).toMatchObject({ format: 'kripke-swarm-record', version: 1, check: 'test/bank.test.ts > bank > deep', model: 'grid(3,40)', matcher: 'toSatisfyInvariants', shard: { index: 1, count: 2 }, seed: 1, mode: 'bitstate' });
    expect(record.problem).toMatchObject({ kind: 'invariant', steps: 30, shortest: true });
    expect(record.problem.trace.states).toHaveLength(31);
    expect(JSON.parse(readFileSync(join(dir, files[0]), 'utf8')).problem).toBe(null);
  });
});
