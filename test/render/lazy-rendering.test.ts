// The setup file is paid by every test file: the rendering packages
// (pretty-format, diff) load on the first failure printed, never when an
// entry is imported (docs/performance.md, "The setup file").
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { diffModule, prettyFormatModule } from '../../src/render/lazy.js';
import { formatValue } from '../../src/render/value.js';

const LAZY = ['pretty-format', 'diff'];

/** Every package an entry imports for its value (type-only imports excluded), through the files it reaches. */
function eagerPackages(entry: string): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const node of source.statements) {
      if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || node.moduleSpecifier === undefined) continue;
      if (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) continue;
      if (ts.isExportDeclaration(node) && node.isTypeOnly) continue;
      const specifier = (node.moduleSpecifier as ts.StringLiteral).text;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
      else if (!found.has(specifier)) found.set(specifier, relative('src', file));
    }
  };
  visit(resolve('src', entry));
  return found;
}

describe('the rendering packages load lazily', () => {
  for (const entry of ['vitest.ts', 'vitest5.ts', 'jest.ts', 'index.ts']) {
    it(`src/${entry} imports neither pretty-format nor diff, directly or through any file`, () => {
      const eager = eagerPackages(entry);
      expect(LAZY.filter((p) => eager.has(p)).map((p) => `${p} (from ${eager.get(p)})`)).toEqual([]);
    });
  }

  it('would see an eager import (the walk is not vacuous)', () => {
    // lazy.ts's own import of node:module is seen through value.ts, and so through every entry that prints.
    expect(eagerPackages('render/value.ts').get('node:module')).toBe('render/lazy.ts');
    expect(eagerPackages('vitest.ts').has('vitest')).toBe(true);
    expect(eagerPackages('jest.ts').get('node:module')).toBeDefined();
  });

  it('loads each package once, on first use, and renders with it', () => {
    expect(prettyFormatModule()).toBe(prettyFormatModule());
    expect(typeof diffModule().diffArrays).toBe('function');
    expect(formatValue({ pods: ['web-1'] })).toEqual(['{"pods": ["web-1"]}']);
  });
});
