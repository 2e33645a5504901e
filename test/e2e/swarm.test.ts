/**
 * A swarm across a CI matrix, end to end: a real Vitest on a user's project
 * (test/e2e/fixtures/swarm-vitest) with the packed kripke, once per shard
 * (`KRIPKE_SHARD=1/2`, `2/2`), then the packed `kripke swarm merge`: a shard's
 * problem fails the merge with its trace, a clean check passes and says it is
 * not exhaustive, a shard that never ran fails the merge. The same with a
 * real Jest (test/e2e/fixtures/swarm-jest, JavaScript).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureBlock, installBuiltPackage, ROOT, type Run, runNode, stripAnsi } from './built-package.js';

const PROJECT = join(ROOT, 'test/e2e/fixtures/swarm-vitest');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');
const JEST_PROJECT = join(ROOT, 'test/e2e/fixtures/swarm-jest');
const CLI = join(PROJECT, 'node_modules/kripke/dist/esm/bin.js');

const OPEN: Record<string, string> = { 1: 'bold', 2: 'dim', 31: 'red', 32: 'green', 33: 'yellow', 36: 'cyan', 90: 'gray' };
/** `\u001b[31mtext\u001b[39m` → `<red>text</>` */
// eslint-disable-next-line no-control-regex
const tagged = (text: string) => text.replace(/\u001b\[(\d+)m/g, (_, code: string) => (['22', '39', '27'].includes(code) ? '</>' : `<${OPEN[code] ?? code}>`));

let first: Run;
let second: Run;
let merged: Run;
let cleanOnly: Run;
let lonely: Run;
let lonelyMerge: Run;

beforeAll(async () => {
  installBuiltPackage(PROJECT);
  rmSync(join(PROJECT, '.kripke'), { recursive: true, force: true });
  [first, second, lonely] = await Promise.all([
    runNode(VITEST, ['run'], PROJECT, { CI: 'true', FORCE_COLOR: '1', KRIPKE_SHARD: '1/2' }),
    runNode(VITEST, ['run'], PROJECT, { CI: 'true', NO_COLOR: '1', KRIPKE_SHARD: '2/2' }),
    runNode(VITEST, ['run', 'clean.test.ts'], PROJECT, { CI: 'true', NO_COLOR: '1', KRIPKE_SHARD: '1/2', KRIPKE_ARTIFACTS: '.kripke/one' }),
  ]);
  [merged, cleanOnly, lonelyMerge] = await Promise.all([
    runNode(CLI, ['swarm', 'merge'], PROJECT, {}),
    runNode(CLI, ['swarm', 'merge', '.kripke/swarm/clean.test.ts'], PROJECT, {}),
    runNode(CLI, ['swarm', 'merge', '.kripke/one/swarm'], PROJECT, {}),
  ]);
}, 240_000);

describe('vitest with KRIPKE_SHARD, then kripke swarm merge', () => {
  it('each shard fails the deep bug and passes the clean model with a not-exhaustive warning', () => {
    for (const run of [first, second]) {
      const out = stripAnsi(run.output);
      expect(run.code).toBe(1);
      expect(out).toMatch(/Tests\s+1 failed \| 1 passed/);
      expect(out).toMatch(/kripke: toSatisfyInvariants passed under swarm \(bitstate, seed 1, shard [12]\/2\): NOT EXHAUSTIVE/);
    }
  });

  it('prints the failure with the trace proven shortest, and the record it wrote (colour as tags)', () => {
    const block = failureBlock(stripAnsi(first.output), 'finds the deep bug');
    expect(block).toContain('invariant "first-below" is violated after 30 steps (shortest trace, proven by a breadth-first search)');
    expect(block).toMatch(/Swarm record: \.kripke\/swarm\/deep\.test\.ts\/finds-the-deep-bug-[0-9a-f]{8}\/1-counters-3-40\/1-of-2\.json/);
    const start = first.output.split('\n').findIndex((l) => l.includes('toSatisfyInvariants') && l.includes('expect('));
    expect(tagged(first.output.split('\n').slice(start, start + 6).join('\n'))).toMatchSnapshot();
  });

  it('the merge fails with the shortest problem and its trace, exit 1', () => {
    expect(merged.code).toBe(1);
    expect(merged.output).toMatchSnapshot();
  });

  it('a clean check merges to exit 0, saying not exhaustive', () => {
    expect(cleanOnly.code).toBe(0);
    expect(cleanOnly.output).toContain('✓ clean.test.ts > finds nothing in what it visits (model "counters-3-20"): 2 of 2 shards');
    expect(cleanOnly.output).toContain('Not exhaustive');
  });

  it('a shard that never ran fails the merge', () => {
    expect(lonely.code).toBe(0);
    expect(lonelyMerge.code).toBe(1);
    expect(lonelyMerge.output).toContain('shard 2/2 missing');
  });

  it('ships the command as the package bin, runnable by node', () => {
    const pkg = JSON.parse(readFileSync(join(PROJECT, 'node_modules/kripke/package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ kripke: 'dist/esm/bin.js' });
    expect(existsSync(CLI)).toBe(true);
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('jest with KRIPKE_SHARD, then kripke swarm merge', () => {
  let shards: Run[];
  let merge: Run;

  beforeAll(async () => {
    installBuiltPackage(JEST_PROJECT);
    rmSync(join(JEST_PROJECT, '.kripke'), { recursive: true, force: true });
    shards = [];
    for (const shard of ['1/2', '2/2']) shards.push(await runNode(JEST, ['--ci', '--runInBand'], JEST_PROJECT, { NO_COLOR: '1', FORCE_COLOR: '0', KRIPKE_SHARD: shard }));
    merge = await runNode(join(JEST_PROJECT, 'node_modules/kripke/dist/esm/bin.js'), ['swarm', 'merge'], JEST_PROJECT, {});
  }, 240_000);

  it('each shard fails the deep bug, with its proven shortest trace, and passes the clean model with the warning', () => {
    for (const [i, run] of shards.entries()) {
      expect(run.code).toBe(1);
      expect(run.output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
      expect(run.output).toContain(`kripke: toSatisfyInvariants passed under swarm (bitstate, seed 1, shard ${i + 1}/2): NOT EXHAUSTIVE`);
      expect(run.output).toContain('invariant "first-below" is violated after 30 steps (shortest trace, proven by a breadth-first search)');
      expect(run.output).toMatch(new RegExp(`Swarm record: \\.kripke/swarm/deep\\.test\\.js/finds-the-deep-bug-[0-9a-f]{8}/1-counters-3-40/${i + 1}-of-2\\.json`));
    }
  });

  it('the merge fails with the shortest trace, as under Vitest', () => {
    expect(merge.code).toBe(1);
    expect(merge.output).toContain('✓ clean.test.js > finds nothing in what it visits (model "counters-3-20"): 2 of 2 shards, 6,000 states visited in all');
    expect(merge.output).toContain("deep.test.js > finds the deep bug (model \"counters-3-40\"): shard 1/2 found invariant 'first-below' violated after 30 steps");
    expect(merge.output).toContain('Step 30: inc(0)');
  });
});
