/**
 * The published shape: after `npm run build` (which `npm test` runs first),
 * `kripke` loads through the exports map under require and under import, from
 * the right folder, with type declarations beside each build. Each form is
 * loaded by a real Node process, the way a user's code would load it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

beforeAll(() => {
  if (!existsSync(`${root}dist/esm/index.js`) || !existsSync(`${root}dist/cjs/index.js`)) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does it before vitest)');
  }
});

// A tiny model checked through whichever build is loaded; prints what a user would see.
const program = `
  const { check, checkOpen, defineModel, defineEnvironment } = kripke;
  const m = defineModel({ init: 0, actions: { inc: { enabled: (s) => s < 2, apply: (s) => s + 1 } }, terminal: (s) => s === 2 });
  const env = defineEnvironment({ name: 'e', behaviors: { reset: { apply: () => 0 } }, assumptions: { a: { description: 'd' } } });
  console.log(JSON.stringify([String(check(m)), String(checkOpen(m, env)), where]));
`;

function node(args: string[]): [string, string, string] {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }));
}

describe('the package', () => {
  it("require('kripke') loads the CommonJS build and checks a model", () => {
    const [closed, open, where] = node(['-e', `const kripke = require('kripke'); const where = require.resolve('kripke'); ${program}`]);
    expect(closed).toBe('OK — 3 states, no violations');
    expect(open).toBe('OK — 3 states, no violations; 1 unverified assumption');
    expect(where).toBe(`${root}dist/cjs/index.js`);
  });

  it("import('kripke') loads the ES module build and checks a model", () => {
    const [closed, open, where] = node([
      '--input-type=module',
      '-e',
      `const kripke = await import('kripke'); const where = import.meta.resolve('kripke'); ${program}`,
    ]);
    expect(closed).toBe('OK — 3 states, no violations');
    expect(open).toBe('OK — 3 states, no violations; 1 unverified assumption');
    expect(where).toBe(new URL('dist/esm/index.js', `file://${root}`).href);
  });

  it('loads kripke/environments under require and under import, from the matching build, and its environments check with either core', () => {
    // An eviction that restarts the counter, budgeted: 3 × (1 + 1) states, the count kept under 'k8s:evictions'.
    const use = `
      const m = kripke.defineModel({ init: { n: 0 }, actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ ...s, n: s.n + 1 }) } }, terminal: (s) => s.n === 2 });
      const env = environments.k8s.podEviction({ canEvict: (s) => s.n > 0, onEvict: (s) => ({ ...s, n: 0 }), maxEvictions: 1 });
      console.log(JSON.stringify([String(kripke.checkOpen(m, env)), Object.keys(environments).sort().join(' '), where]));
    `;
    const cjs = node(['-e', `const kripke = require('kripke'); const environments = require('kripke/environments'); const where = require.resolve('kripke/environments'); ${use}`]);
    expect(cjs).toEqual(['OK — 6 states, no violations; 2 unverified assumptions', 'aws etcd k8s linux network sel4', `${root}dist/cjs/environments/index.js`]);
    const esm = node([
      '--input-type=module',
      '-e',
      `const kripke = await import('kripke'); const environments = await import('kripke/environments'); const where = import.meta.resolve('kripke/environments'); ${use}`,
    ]);
    expect(esm).toEqual(['OK — 6 states, no violations; 2 unverified assumptions', 'aws etcd k8s linux network sel4', new URL('dist/esm/environments/index.js', `file://${root}`).href]);
    // An environment of one build checks with the other's core (recognised by its kind).
    const mixed = node([
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module'; const kripke = await import('kripke'); const environments = createRequire(import.meta.url)('kripke/environments'); const where = 'mixed'; ${use}`,
    ]);
    expect(mixed[0]).toBe('OK — 6 states, no violations; 2 unverified assumptions');
    for (const build of ['esm', 'cjs']) expect(readFileSync(`${root}dist/${build}/environments/index.d.ts`, 'utf8')).toContain('export * as k8s');
  });

  it('createRequire from the package root resolves the CommonJS build, which works in this process too', () => {
    const require = createRequire(`${root}package.json`);
    expect(require.resolve('kripke')).toBe(`${root}dist/cjs/index.js`);
    const kripke = require('kripke') as typeof import('../../src/index.js');
    const r = kripke.check(kripke.defineModel({ init: 0, actions: { flip: { apply: (s: number) => 1 - s } } }));
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(2);
  });

  it('ships type declarations for both builds, declaring the core API', () => {
    for (const build of ['esm', 'cjs']) {
      const dts = readFileSync(`${root}dist/${build}/index.d.ts`, 'utf8');
      for (const name of ['check', 'checkOpen', 'defineModel', 'defineEnvironment', 'action', 'DEFAULT_OPTIONS', 'CheckResult', 'OpenResult']) {
        expect(dts).toContain(name);
      }
      expect(existsSync(`${root}dist/${build}/checker/types.d.ts`)).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(pkg.exports['.'].require.types).toBe('./dist/cjs/index.d.ts');
    expect(pkg.exports['.'].import.types).toBe('./dist/esm/index.d.ts');
    expect(existsSync(`${root}${pkg.exports['.'].require.types}`)).toBe(true);
    expect(existsSync(`${root}${pkg.exports['.'].import.types}`)).toBe(true);
  });

  it('shares its error classes between the builds: instanceof holds for an error from either one', () => {
    // One process loads both builds, as a project that mixes require and import does.
    const script = `
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('kripke');
      const esm = await import('kripke');
      const matchersCjs = createRequire(import.meta.url)('kripke/matchers');
      const matchersEsm = await import('kripke/matchers');
      const thrown = (build) => { try { build.defineModel({ init: 0, actions: {} }); } catch (e) { return e; } };
      const fromCjs = thrown(cjs);
      const fromEsm = thrown(esm);
      const usage = new matchersCjs.MatcherUsageError('x');
      console.log(JSON.stringify([
        cjs.ModelDefinitionError !== esm.ModelDefinitionError,
        fromCjs instanceof esm.ModelDefinitionError, fromCjs instanceof esm.KripkeError,
        fromEsm instanceof cjs.ModelDefinitionError, fromEsm instanceof cjs.KripkeError,
        fromCjs instanceof esm.StateShapeError, fromEsm instanceof cjs.ContractError,
        usage instanceof matchersEsm.MatcherUsageError, usage instanceof esm.KripkeError, usage instanceof esm.ModelDefinitionError,
        new Error('plain') instanceof esm.KripkeError, fromEsm instanceof Error,
      ]));
    `;
    const answers = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }));
    expect(answers).toEqual([true, true, true, true, true, false, false, true, true, false, false, true]);
  });

  it('marks each build folder with its module type, whatever the root says', () => {
    expect(JSON.parse(readFileSync(`${root}dist/esm/package.json`, 'utf8')).type).toBe('module');
    expect(JSON.parse(readFileSync(`${root}dist/cjs/package.json`, 'utf8')).type).toBe('commonjs');
  });
});
