/**
 * toSatisfyInvariants and toSurvive under `{ swarm }`: a problem fails with a
 * trace said to be proven shortest or not; no problem passes, with a warning
 * that the pass is not exhaustive; each call leaves its member's record.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineEnvironment, defineModel, mergeSwarm } from '../../src/index.js';
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
    expect(o.message).toContain('(shortest trace, proven by a breadth-first search)');
    expect(o.message).not.toContain('states explored'); // the swarm's visits are not the proof's states (hostile19c)
    expect(o.message.split('\n').slice(0, 6).join('\n')).toMatchSnapshot();
  });

  it('says so when the trace is not proven shortest', () => {
    const o = call('toSatisfyInvariants', deep, [{ swarm: { maxStates: 2_000, minimise: { maxStates: 300 } } }]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('trace found by a swarm search, not proven shortest');
    expect(o.message).toContain('a shorter one may exist');
  });

  it('does not claim a proof search ran when minimise is false (hostile19c)', () => {
    const o = call('toSatisfyInvariants', deep, [{ swarm: { maxStates: 2_000, minimise: false } }]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('not minimised (minimise: false), so not proven shortest');
    expect(o.message).not.toContain('ran out of budget');
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

  it('goes to <artifacts>/swarm/<test file>/<test name>-<hash>/<call>-<model>/<i>-of-<n>.json, pass or fail, with the problem as ITF', () => {
    const ctx = { ...context(), testPath: join(process.cwd(), 'test/bank.test.ts'), currentTestName: 'bank > deep' };
    const failed = createMatchers().toSatisfyInvariants.call(ctx, deep, { swarm: { shard: '1/2', maxStates: 2_000, minimise: { maxStates: 100_000 } } });
    const passed = createMatchers().toSatisfyInvariants.call(ctx, grid(2, 5, 99), { swarm: { shard: '2/2' } });
    expect(failed.pass).toBe(false);
    expect(passed.pass).toBe(true);
    expect(tagged(failed.message())).toMatch(/Swarm record: .*swarm\/test\/bank\.test\.ts\/bank-deep-[0-9a-f]{8}\/1-grid-3-40\/1-of-2\.json/);
    const files = readdirSync(join(dir, 'swarm'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/')).sort();
    expect(files.map((f) => f.replace(/-[0-9a-f]{8}\//, '-<hash>/'))).toEqual(['swarm/test/bank.test.ts/bank-deep-<hash>/1-grid-3-40/1-of-2.json', 'swarm/test/bank.test.ts/bank-deep-<hash>/2-grid-2-5/2-of-2.json']);
    const record = JSON.parse(readFileSync(join(dir, files[0]), 'utf8'));
    expect(record).toMatchObject({ format: 'kripke-swarm-record', version: 1, check: 'test/bank.test.ts > bank > deep', call: 1, expects: 'no-violation', model: 'grid(3,40)', matcher: 'toSatisfyInvariants', shard: { index: 1, count: 2 }, seed: 1, mode: 'bitstate' });
    expect(record.definition).toMatch(/^[0-9a-f]{16}$/);
    expect(record.problem).toMatchObject({ kind: 'invariant', steps: 30, shortest: true });
    expect(record.problem.trace.states).toHaveLength(31);
    expect(JSON.parse(readFileSync(join(dir, files[1]), 'utf8')).problem).toBe(null);
  });

  /** Every record written so far, parsed. */
  const records = () =>
    readdirSync(join(dir, 'swarm'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => JSON.parse(readFileSync(join(d.parentPath, d.name), 'utf8')));

  it('never lets a later record of the same test replace an earlier one: tests named alike, two calls on one model, two models', () => {
    const at = (name: string) => ({ ...context(), testPath: join(process.cwd(), 'test/bank.test.ts'), currentTestName: name });
    const m = createMatchers();
    const bug = { swarm: { maxStates: 2_000, minimise: { maxStates: 100_000 } } };
    expect(m.toSatisfyInvariants.call(at('n > 0'), deep, bug).pass).toBe(false);
    expect(m.toSatisfyInvariants.call(at('n < 0'), deep, { swarm: { maxStates: 50 } }).pass).toBe(true);
    expect(m.toSatisfyInvariants.call(at('soft'), deep, bug).pass).toBe(false);
    expect(m.toSatisfyInvariants.call(at('soft'), deep, { swarm: { maxStates: 50 } }).pass).toBe(true);
    expect(m.toSatisfyInvariants.call(at('soft'), grid(2, 5, 99), { swarm: true }).pass).toBe(true);
    const all = records();
    expect(all).toHaveLength(5);
    expect(all.filter((r) => r.problem !== null)).toHaveLength(2);
    const merged = mergeSwarm(all);
    expect(merged.ok).toBe(false);
    expect(merged.checks).toHaveLength(5);
    expect(merged.failures.filter((f) => f.includes('found'))).toHaveLength(2);
    expect(merged.failures.filter((f) => !f.includes('found'))).toEqual([]);
  });

  it('records what .not expects: a violation found passes the merge, none found fails it', () => {
    const at = { ...context(), isNot: true, testPath: join(process.cwd(), 'test/bank.test.ts'), currentTestName: 'finds the bug' };
    const m = createMatchers();
    expect(m.toSatisfyInvariants.call(at, deep, { swarm: { maxStates: 2_000, minimise: { maxStates: 100_000 } } }).pass).toBe(false); // .not: the test passes
    expect(mergeSwarm(records()).ok).toBe(true);
    rmSync(join(dir, 'swarm'), { recursive: true });
    expect(m.toSatisfyInvariants.call(at, grid(2, 5, 99), { swarm: true }).pass).toBe(true); // .not: the test fails
    const merged = mergeSwarm(records());
    expect(merged.ok).toBe(false);
    expect(merged.failures.join('\n')).toContain('expected a violation (.not), and no shard found one');
  });
});

describe('swarm: false', () => {
  it('is the exhaustive check, as if the option were left out; other values are usage errors', () => {
    const budget = { maxStates: 300 };
    const without = call('toSatisfyInvariants', deep, [budget]);
    for (const swarm of [false, undefined]) {
      const o = call('toSatisfyInvariants', deep, [{ ...budget, swarm }]);
      expect(o.fails).toBe(without.fails);
      expect(o.message).toBe(without.message);
    }
    expect(warn).not.toHaveBeenCalled();
    for (const bad of [null, 1, 'yes', []]) {
      expect(thrown(() => createMatchers().toSatisfyInvariants.call(context(), deep, { swarm: bad } as never))).toContain('swarm must be true, false or the swarm options');
    }
  });
});
