/**
 * CheckOptions.workers end to end: real `vitest` and `jest` (ts-jest)
 * processes on fixture projects (test/e2e/fixtures/workers-*) that check a
 * model from a TypeScript module with `workers: 2`, on the packed kripke: the
 * workers start from the ES module build (Vitest) and the CommonJS build
 * (Jest), define the model again from the TypeScript files, and the fixture
 * tests assert the result equals one worker's and that 2 workers searched.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, ROOT, type Run, runNode } from './built-package.js';

const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

let vitest: Run;
let jest: Run;

beforeAll(async () => {
  for (const project of ['workers-vitest', 'workers-jest']) installBuiltPackage(join(ROOT, 'test/e2e/fixtures', project));
  // One after the other: each runs two workers, and the machine may have two cores.
  vitest = await runNode(VITEST, ['run'], join(ROOT, 'test/e2e/fixtures/workers-vitest'), { CI: 'true', NO_COLOR: '1' });
  jest = await runNode(JEST, ['--ci', '--runInBand'], join(ROOT, 'test/e2e/fixtures/workers-jest'), { NO_COLOR: '1', FORCE_COLOR: '0' });
});

describe('workers: 2 under real runners', () => {
  it('Vitest: the fixture passes (2 workers searched, the same results)', () => {
    expect(vitest.output).toMatch(/Tests\s+3 passed \(3\)/);
    expect(vitest.code).toBe(0);
  });

  it('Jest with ts-jest: the fixture passes (2 workers searched, the same results)', () => {
    expect(jest.output).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(jest.code).toBe(0);
  });
});
