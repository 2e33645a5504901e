/**
 * Every test file of a project pays for its setup file (issue 13): loading a
 * built runner entry must not load the checker, the matchers, the rendering,
 * pretty-format or diff. The first matcher call loads them, from the build
 * `kripke` came from, so that `configure()` reaches them. Each entry is loaded
 * by a fresh Node process (loads/load-entry.mjs) that lists what loaded, ES
 * modules through module hooks and CommonJS ones from require's cache.
 * Nothing is timed here: bench/setup-cost.mjs times.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./loads/load-entry.mjs', import.meta.url));
// Outside Jest, '@jest/globals' throws; outside Vitest, 'vitest' refuses require(): fakes with a real expect.
const FAKE_JEST = `@jest/globals=${join(ROOT, 'bench/fake-jest-globals.cjs')}`;
const FAKE_VITEST = `vitest=${fileURLToPath(new URL('./loads/fake-vitest.cjs', import.meta.url))}`;

interface Loads {
  files: string[];
  packages: string[];
}
interface Report {
  setup: Loads;
  call: Loads;
  message: string;
}

function loadEntry(entry: string, fakes: string[], nodeFlags: string[] = []): Report {
  const build = entry.split('/')[0];
  const out = execFileSync(process.execPath, [...nodeFlags, CHILD, join(ROOT, 'dist', entry), join(ROOT, 'dist', build, 'index.js'), ...fakes], { cwd: ROOT, encoding: 'utf8' });
  const report = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Report;
  const rel = (loads: Loads): Loads => ({ files: loads.files.map((f) => relative(ROOT, f)), packages: loads.packages });
  // eslint-disable-next-line no-control-regex
  return { setup: rel(report.setup), call: rel(report.call), message: report.message.replace(/\u001b\[[0-9;]*m/g, '') };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/esm/vitest.js')) || !existsSync(join(ROOT, 'dist/cjs/jest.js'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it before vitest)');
  }
});

const ENTRIES: { entry: string; fakes: string[]; also?: string }[] = [
  { entry: 'esm/vitest.js', fakes: [] },
  { entry: 'esm/vitest5.js', fakes: [], also: 'esm/vitest.js' },
  { entry: 'cjs/jest.js', fakes: [FAKE_JEST] },
  { entry: 'esm/jest.js', fakes: [FAKE_JEST] },
  { entry: 'cjs/vitest.js', fakes: [FAKE_VITEST] },
  { entry: 'cjs/vitest5.js', fakes: [FAKE_VITEST], also: 'cjs/vitest.js' },
];

describe('the setup entries load the matchers on the first matcher call', () => {
  for (const { entry, fakes, also } of ENTRIES) {
    const build = entry.split('/')[0];
    it(`dist/${entry} loads itself, the runner record and the snapshot serializer; the first call loads the matchers of its build, which configure() reaches`, () => {
      const { setup, call, message } = loadEntry(entry, fakes);
      const expected = [entry, ...(also === undefined ? [] : [also]), `${build}/matchers/runner.js`, `${build}/render/snapshot-serializer.js`].map((f) => `dist/${f}`);
      expect(setup.files).toEqual(expected.sort());
      expect(setup.packages).toEqual([]);
      expect(call.files).toContain(`dist/${build}/matchers/create-matchers.js`);
      expect(call.files.filter((f) => !f.startsWith(`dist/${build}/`))).toEqual([]);
      expect(call.packages.filter((p) => p === 'pretty-format' || p === 'diff')).toEqual([]);
      // configure({ maxStates: 1 }) from `kripke`, seen by the matcher: one module instance, not two.
      expect(message).toContain('maxStates budget of 1 state ran out');
    });
  }

  it('imports the matchers at setup where require() of ES modules is off, with the same result (the listing sees eager loads)', () => {
    const { setup, call, message } = loadEntry('esm/vitest.js', [], ['--no-experimental-require-module']);
    expect(setup.files).toContain('dist/esm/matchers/create-matchers.js');
    expect(setup.files).toContain('dist/esm/checker/query.js');
    expect(setup.files.filter((f) => !f.startsWith('dist/esm/'))).toEqual([]);
    expect(call.files).toEqual([]);
    expect(message).toContain('maxStates budget of 1 state ran out');
  });
});
