/**
 * mergeSwarm and `kripke swarm merge`: a missing, duplicated or foreign shard
 * fails the merge, so does any shard's problem (the shortest one is printed);
 * a clean merge passes and says it is not exhaustive.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineModel, mergeSwarm, swarm } from '../../../src/index.js';
import { main } from '../../../src/cli.js';
import { recordOf } from '../../../src/matchers/swarm.js';
import { grid } from '../../support/swarm-models.js';

const clean = grid(2, 6, 99);
const buggy = grid(3, 40, 30);

/** The record shard `i/n` of a swarm check would write. */
function member(i: number, n: number, model = clean, check = 'test/a.test.ts > a', options = {}) {
  const r = swarm(model, { shard: { index: i, count: n }, deadlock: false, ...options });
  return JSON.parse(JSON.stringify(recordOf(check, model.name, 'toSatisfyInvariants', r))) as ReturnType<typeof recordOf>;
}

describe('mergeSwarm', () => {
  it('passes when every shard is there once and none found a problem, and says it is not exhaustive', () => {
    const merged = mergeSwarm([member(1, 3), member(3, 3), member(2, 3)]);
    expect(merged.ok).toBe(true);
    expect(merged.failures).toEqual([]);
    expect(merged.checks[0]).toMatchObject({ check: 'test/a.test.ts > a', model: 'grid(2,6)', count: 3, shards: [1, 2, 3], missing: [], duplicated: [], problems: 0 });
    // Each shard visits the 49 states: distinct states across shards are a range, never a sum.
    expect(merged.checks[0]).toMatchObject({ visited: 147, distinctAtLeast: 49, distinctAtMost: 147 });
    expect(String(merged)).toMatchSnapshot();
  });

  it('fails on a missing shard, naming it', () => {
    const merged = mergeSwarm([member(1, 3), member(3, 3)]);
    expect(merged.ok).toBe(false);
    expect(merged.failures).toEqual(['test/a.test.ts > a (model "grid(2,6)"): shard 2/3 missing']);
  });

  it('fails on a duplicated shard, on shards of other sizes and on other models under one check', () => {
    expect(mergeSwarm([member(1, 2), member(1, 2), member(2, 2)]).failures).toEqual(['test/a.test.ts > a (model "grid(2,6)"): shard 1/2 recorded more than once']);
    expect(mergeSwarm([member(1, 2), member(2, 3)]).failures).toEqual([
      'test/a.test.ts > a (model "grid(2,6)"): records of swarms of other sizes: /3 beside /2',
      'test/a.test.ts > a (model "grid(2,6)"): shard 2/2 missing',
    ]);
    // A stale record of another size is named, not counted among the shards (hostile19c: "3 of 2 shards", "1/2 recorded more than once").
    const stale = mergeSwarm([member(1, 2), member(2, 2), member(1, 3)]);
    expect(stale.failures).toEqual(['test/a.test.ts > a (model "grid(2,6)"): records of swarms of other sizes: /3 beside /2']);
    expect(stale.checks[0]).toMatchObject({ count: 2, shards: [1, 2], duplicated: [] });
    expect(String(stale)).toContain('2 of 2 shards');
    const other = member(2, 2, grid(2, 5, 99));
    expect(mergeSwarm([member(1, 2), other]).failures).toEqual(['test/a.test.ts > a (model "grid(2,6)"): records of other models under the same check: "grid(2,5)"']);
  });

  it('fails when a shard found a problem, keeping the shortest', () => {
    const short = member(2, 2, buggy, 'test/b.test.ts > b', { maxStates: 2_000, minimise: { maxStates: 100_000 } });
    const long = member(1, 2, buggy, 'test/b.test.ts > b', { maxStates: 2_000, minimise: false });
    expect(long.problem!.steps).toBeGreaterThan(short.problem!.steps);
    const merged = mergeSwarm([long, short, member(1, 1)]);
    expect(merged.ok).toBe(false);
    expect(merged.checks.map((c) => c.check)).toEqual(['test/a.test.ts > a', 'test/b.test.ts > b']);
    expect(merged.checks[1].problem).toMatchObject({ shard: 2, steps: 30, shortest: true });
    expect(merged.failures).toEqual([expect.stringMatching(/^test\/b\.test\.ts > b \(model "grid\(3,40\)"\): shard 2\/2 found invariant 'first-below' violated after 30 steps — swarm \(bitstate, seed 1, shard 2\/2\)/)]);
  });

  it('refuses what is not a record, and an empty merge', () => {
    expect(mergeSwarm([{ format: 'other' }, member(1, 1)]).failures).toEqual(['record 1 is not a kripke swarm record']);
    expect(mergeSwarm([]).failures).toEqual(['no swarm records: nothing was merged (did the swarm tests run with artifacts on?)']);
  });

  it('refuses records that are not a list, naming what was given (badinput21: a Set merged as nothing and passed)', () => {
    for (const [bad, what] of [[new Set([member(1, 1)]), 'a Set'], [undefined, 'undefined'], [{ 0: member(1, 1), length: 1 }, 'an object'], ['[]', 'the string "[]"']] as const) {
      expect(() => mergeSwarm(bad as never)).toThrow(`mergeSwarm expects a list of swarm records (each shard's JSON record, parsed), got ${what}`);
    }
  });
});

describe('kripke swarm merge [dir]', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kripke-merge-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, value: unknown) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  };
  const run = (...args: string[]) => {
    const lines: string[] = [];
    const code = main(args, (l) => lines.push(l));
    return { code, output: lines.join('\n') };
  };

  it('exits 0 on a clean merge, saying not exhaustive', () => {
    write('a/1-of-2.json', member(1, 2));
    write('a/2-of-2.json', member(2, 2));
    const { code, output } = run('swarm', 'merge', dir);
    expect(code).toBe(0);
    expect(output).toContain('Not exhaustive');
  });

  it('exits 1 with the shortest problem and its trace', () => {
    write('b/1-of-1.json', member(1, 1, buggy, 'b', { maxStates: 2_000, minimise: { maxStates: 100_000 } }));
    const { code, output } = run('swarm', 'merge', dir);
    expect(code).toBe(1);
    expect(output).toContain("shard 1/1 found invariant 'first-below' violated after 30 steps");
    expect(output).toContain('Step 30: inc(0)');
  });

  it('fails on records of another definition of the model under one check (stale records)', () => {
    // The same name, the invariant's code edited since the other shard ran.
    const other = defineModel<{ c: number[] }>({
      name: clean.name,
      init: { c: [0, 0] },
      actions: { inc: { choices: () => [0, 1], enabled: (s, i: number) => s.c[i] < 6, apply: (s, i: number) => ({ c: s.c.map((v, j) => (j === i ? v + 1 : v)) }) } },
      invariants: { 'first-below': (s) => s.c[0] !== 99 && s.c[1] !== 99 },
      terminal: () => true,
    });
    const merged = mergeSwarm([member(1, 2), member(2, 2, other)]);
    expect(merged.ok).toBe(false);
    expect(merged.failures.join('\n')).toContain('records of another definition of the model');
  });

  it("tells definitions apart by the code of an action's choices too (review19: every choices read the same)", () => {
    const counters = (choices: () => number[]) =>
      defineModel<{ c: number[] }>({
        name: 'choices-edited',
        init: { c: [0, 0] },
        actions: { inc: { choices, enabled: (s, i: number) => (s.c[i] ?? 0) < 3, apply: (s, i: number) => ({ c: s.c.map((v, j) => (j === i ? v + 1 : v)) }) } },
        invariants: { small: (s) => s.c[0] < 9 },
        terminal: () => true,
      });
    const merged = mergeSwarm([member(1, 2, counters(() => [0, 1])), member(2, 2, counters(() => [1, 0]))]);
    expect(merged.ok).toBe(false);
    expect(merged.failures.join('\n')).toContain('records of another definition of the model');
  });

  it('prints its usage for --help and exits 0; reads .JSON files too', () => {
    const help = run('swarm', 'merge', '--help');
    expect(help.code).toBe(0);
    expect(help.output).toContain('usage: kripke swarm merge');
    write('a/1-of-1.JSON', member(1, 1));
    expect(run('swarm', 'merge', dir).code).toBe(0);
  });

  it('exits 1 on a missing shard and on a file that is not a record; 2 on a usage error', () => {
    write('a/2-of-2.json', member(2, 2));
    write('junk.json', '{ not json');
    const { code, output } = run('swarm', 'merge', dir);
    expect(code).toBe(1);
    expect(output).toContain('shard 1/2 missing');
    expect(output).toMatch(/record 2 \(.*junk\.json\) is not a kripke swarm record/);
    expect(run('merge').code).toBe(2);
    expect(run('swarm', 'merge', join(dir, 'nowhere')).code).toBe(1);
  });
});
