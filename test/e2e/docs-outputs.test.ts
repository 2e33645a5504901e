/**
 * The matcher pages (docs/matchers/*.md) paste what Vitest prints for the
 * failing tests of test/e2e/fixtures/docs (every test there fails on
 * purpose). A real `vitest` run on that project, against the packed kripke,
 * must print exactly those blocks; `UPDATE_DOCS=1` rewrites them from the run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, ROOT, type Run, runNode } from './built-package.js';
import { checkPastedFailures } from './doc-blocks.js';
import { statusesOf } from './first-hour.js';

const PROJECT = join(ROOT, 'test/e2e/fixtures/docs');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const REPORT = join(PROJECT, 'node_modules/.report.json');

let run: Run;

beforeAll(async () => {
  installBuiltPackage(PROJECT);
  run = await runNode(VITEST, ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`], PROJECT, { CI: 'true', NO_COLOR: '1' });
});

describe('the outputs pasted in docs/matchers', () => {
  it('come from tests that all fail', () => {
    const statuses = Object.values(statusesOf(JSON.parse(readFileSync(REPORT, 'utf8'))));
    expect(statuses.length).toBeGreaterThanOrEqual(15);
    expect(new Set(statuses)).toEqual(new Set(['failed']));
  });

  it('are what Vitest prints now', () => {
    expect(checkPastedFailures(run.output, ' FAIL  matchers.test.ts > ')).toBeGreaterThanOrEqual(12);
  });
});
