/**
 * A TypeScript project under Jest 30 with ts-jest, as docs/setup-jest.md sets
 * it up (test/e2e/fixtures/ts-jest): `module: commonjs`, so TypeScript resolves
 * with node10, where only typesVersions lead `kripke/jest` to its types. It
 * type-checks with tsc, and ts-jest type-checks again while it runs the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, ROOT, type Run, runNode, typecheck } from './built-package.js';
import { expectFirstFailures, FIRST_HOUR_STATUSES, statusesOf } from './first-hour.js';

const PROJECT = join(ROOT, 'test/e2e/fixtures/ts-jest');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');
const REPORT = join(PROJECT, 'node_modules/.report.json');

let run: Run;
let typeErrors: string;

beforeAll(async () => {
  installBuiltPackage(PROJECT);
  [run, typeErrors] = await Promise.all([
    runNode(JEST, ['--ci', '--runInBand', '--json', `--outputFile=${REPORT}`], PROJECT, { NO_COLOR: '1', FORCE_COLOR: '0' }),
    typecheck(PROJECT),
  ]);
});

describe('Jest 30 with ts-jest (node10 resolution)', () => {
  it('type-checks: import "kripke/jest" in the setup file types the global expect', () => {
    expect(typeErrors).toBe('');
  });

  it("runs the README's example, and fails the deliberate failures", () => {
    expect(statusesOf(JSON.parse(readFileSync(REPORT, 'utf8')))).toEqual(FIRST_HOUR_STATUSES);
    expect(run.output).not.toContain('TS2339'); // ts-jest's own type check: no "property does not exist"
    expect(run.code).toBe(1);
  });

  it('prints the predicate as Vitest does, and the usage error at the user’s line', () => {
    expectFirstFailures(run.output, 'messages.test.ts');
  });

  it("is set up as docs/setup-jest.md says: the page shows this project's configuration files", () => {
    const page = readFileSync(join(ROOT, 'docs/setup-jest.md'), 'utf8');
    for (const file of ['jest.config.js', 'tsconfig.json']) expect(page).toContain(`// ${file}\n${readFileSync(join(PROJECT, file), 'utf8')}\`\`\``);
  });
});
