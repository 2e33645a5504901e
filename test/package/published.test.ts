/**
 * The tarball as the registry would get it (`npm pack` of the current build):
 * every entry resolves its types under every module resolution a user may
 * have (@arethetypeswrong/cli), the manifest passes publint, and what the
 * README links to is inside. Both tools run from node_modules, offline.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { packBuiltPackage, ROOT } from '../e2e/built-package.js';

interface AttwReport {
  analysis: {
    problems: unknown[];
    entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>;
  };
}

let tarball: string;
let attw: { code: number; report: AttwReport };

beforeAll(async () => {
  tarball = packBuiltPackage();
  const cli = join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  attw = await new Promise((resolve) => {
    execFile(process.execPath, [cli, tarball, '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      resolve({ code: error === null ? 0 : Number(error.code), report: JSON.parse(stdout) as AttwReport }),
    );
  });
});

describe('the packed package', () => {
  it('resolves the types of every entry under node10, node16 (CommonJS and ESM) and bundler: attw finds no problem', () => {
    expect(attw.report.analysis.problems).toEqual([]);
    expect(attw.code).toBe(0);
    const where = Object.fromEntries(
      Object.entries(attw.report.analysis.entrypoints).map(([entry, { resolutions }]) => [
        entry,
        Object.fromEntries(Object.entries(resolutions).map(([kind, r]) => [kind, r.resolution?.fileName.replace('/node_modules/kripke/', '') ?? 'unresolved'])),
      ]),
    );
    // node10 (what `module: commonjs` and most ts-jest projects use) goes through typesVersions.
    expect(where).toMatchInlineSnapshot(`
      {
        ".": {
          "bundler": "dist/esm/index.d.ts",
          "node10": "dist/cjs/index.d.ts",
          "node16-cjs": "dist/cjs/index.d.ts",
          "node16-esm": "dist/esm/index.d.ts",
        },
        "./environments": {
          "bundler": "dist/esm/environments/index.d.ts",
          "node10": "dist/cjs/environments/index.d.ts",
          "node16-cjs": "dist/cjs/environments/index.d.ts",
          "node16-esm": "dist/esm/environments/index.d.ts",
        },
        "./internal": {
          "bundler": "dist/esm/internal.d.ts",
          "node10": "dist/cjs/internal.d.ts",
          "node16-cjs": "dist/cjs/internal.d.ts",
          "node16-esm": "dist/esm/internal.d.ts",
        },
        "./jest": {
          "bundler": "dist/esm/jest.d.ts",
          "node10": "dist/cjs/jest.d.ts",
          "node16-cjs": "dist/cjs/jest.d.ts",
          "node16-esm": "dist/esm/jest.d.ts",
        },
        "./matchers": {
          "bundler": "dist/esm/matchers/index.d.ts",
          "node10": "dist/cjs/matchers/index.d.ts",
          "node16-cjs": "dist/cjs/matchers/index.d.ts",
          "node16-esm": "dist/esm/matchers/index.d.ts",
        },
        "./package.json": {
          "bundler": "package.json",
          "node10": "package.json",
          "node16-cjs": "package.json",
          "node16-esm": "package.json",
        },
        "./vitest": {
          "bundler": "dist/esm/vitest.d.ts",
          "node10": "dist/cjs/vitest.d.ts",
          "node16-cjs": "dist/cjs/vitest.d.ts",
          "node16-esm": "dist/esm/vitest.d.ts",
        },
        "./vitest5": {
          "bundler": "dist/esm/vitest5.d.ts",
          "node10": "dist/cjs/vitest5.d.ts",
          "node16-cjs": "dist/cjs/vitest5.d.ts",
          "node16-esm": "dist/esm/vitest5.d.ts",
        },
      }
    `);
  });

  it('passes publint, suggestions included', async () => {
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }, level: 'suggestion' });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it('ships the docs the README links to, the licence and the changelog, and says where the project lives', () => {
    const files = new Set(
      execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, '')),
    );
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      const path = link.replace(/\/$/, '');
      expect([...files].some((f) => f === path || f.startsWith(`${path}/`)), `README links to ${link}`).toBe(true);
    }
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'docs/guide.md', 'docs/matchers/toEventually.md']) expect(files.has(file), file).toBe(true);
    expect([...files].filter((f) => f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/kripke-dev/kripke.git' });
    expect(pkg.homepage).toBe('https://github.com/kripke-dev/kripke#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/kripke-dev/kripke/issues' });
  });
});
