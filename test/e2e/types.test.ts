/**
 * Type tests: one TypeScript project per runner and major version under
 * test/types, each compiled with `tsc -p` against the built declarations
 * (`@ts-expect-error` lines assert what must not type-check). Vitest 5 lives
 * in its own nested project with its own lockfile, installed here with
 * `npm ci`; its types need no Node 22, only its runtime does. ts-jest's usual
 * setup (`module: commonjs`, so node10 resolution, which knows no `exports`)
 * gets the packed kripke in its node_modules. The Vitest projects also check
 * the runners' own declarations (skipLibCheck off), which catches a merge
 * that breaks a runner's types; the Jest ones skip them for time (a merge
 * that failed would drop the matchers, and the positive lines fail).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, ROOT } from './built-package.js';

const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const VITEST5 = join(ROOT, 'test/types/vitest5');

const PROJECTS = ['vitest4', 'vitest5', 'jest-globals', 'jest-global', 'ts-jest'] as const;

/** tsc's complaints about one project; '' when it type-checks. */
function typecheck(project: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '-p', join(ROOT, 'test/types', project)], { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve(error === null ? '' : `${stdout}${stderr}` || String(error)),
    );
  });
}

function installedVitest5(): string | undefined {
  const manifest = join(VITEST5, 'node_modules/vitest/package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
}

let errors: Record<(typeof PROJECTS)[number], string>;

beforeAll(async () => {
  if (!installedVitest5()?.startsWith('5.')) {
    execFileSync('npm', ['ci', '--prefix', VITEST5, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT, stdio: 'pipe' });
  }
  // After npm ci, which clears node_modules: the nested project sees the packed kripke,
  // whose declarations then resolve `vitest` to Vitest 5.
  installBuiltPackage(VITEST5);
  installBuiltPackage(join(ROOT, 'test/types/ts-jest'));
  // The projects are independent: check them side by side.
  const results = await Promise.all(PROJECTS.map(typecheck));
  errors = Object.fromEntries(PROJECTS.map((p, i) => [p, results[i]])) as typeof errors;
});

describe('type augmentations', () => {
  it('Vitest 4: kripke/vitest types expect(model) and refuses other values', () => {
    expect(errors.vitest4).toBe('');
  });

  it('Vitest 5: kripke/vitest5 types expect(model) and refuses other values', () => {
    expect(installedVitest5()).toMatch(/^5\./);
    expect(errors.vitest5).toBe('');
  });

  it('Jest 30 with @jest/globals: kripke/jest types expect(model)', () => {
    expect(errors['jest-globals']).toBe('');
  });

  it('Jest 30 with the global expect of @types/jest: kripke/jest types expect(model)', () => {
    expect(errors['jest-global']).toBe('');
  });

  it('Jest 30 under ts-jest with module commonjs (node10 resolution): kripke/jest types expect(model)', () => {
    expect(errors['ts-jest']).toBe('');
  });
});
