// The rules of docs/architecture.md, checked on the code: layers import only
// downward, no file imports itself round a cycle, runner packages are loaded
// only by the runner entries, and functions stay short and shallow.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

/** The layers, lowest first; a file may import from its own layer or a lower one. */
const LAYERS: readonly (readonly [layer: string, folders: readonly string[]])[] = [
  ['model', ['model']],
  ['store', ['checker/store']],
  ['checker', ['checker', 'checker/liveness', 'checker/swarm', 'checker/parallel']],
  ['itf', ['itf']],
  ['render', ['render']],
  // checkConformance and checkTrace: above the checker (they drive it) and render; below the matchers that ask them.
  ['conformance', ['conformance']],
  ['matchers', ['matchers']],
  // kripke/environments: above everything but the runner entries, so no checker, render or matcher file may import it.
  ['environments', ['environments']],
  ['runners', ['snapshot', 'augment', '.']],
];

/** The packages a runner brings: only the runner layer may load them. */
const RUNNER_PACKAGES = ['vitest', '@jest/globals', 'jest-snapshot', 'expect'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(file: string): number {
  const folder = relative(SRC, dirname(file)) || '.';
  const index = LAYERS.findIndex(([, folders]) => folders.includes(folder));
  if (index < 0) throw new Error(`${relative(SRC, file)}: its folder is in no layer of test/architecture.test.ts (and docs/architecture.md)`);
  return index;
}

/** Every module specifier a file imports or re-exports (type-only ones too: they tie the layers as much). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) out.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const resolveLocal = (from: string, specifier: string): string => resolve(dirname(from), specifier).replace(/\.js$/, '.ts');

const files = sources(SRC);

/** The imports of `file` that reach above its layer, as sentences. */
function upwardImports(file: string, specifiers: readonly string[]): string[] {
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => resolveLocal(file, s))
    .filter((target) => layerOf(target) > layerOf(file))
    .map((target) => `${relative(SRC, file)} imports ${relative(SRC, target)} (${LAYERS[layerOf(target)][0]} is above ${LAYERS[layerOf(file)][0]})`);
}

describe('architecture (docs/architecture.md)', () => {
  it('imports only from its own layer or a lower one', () => {
    expect(files.flatMap((file) => upwardImports(file, importsOf(file)))).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((s) => s.startsWith('.')).map((s) => resolveLocal(f, s))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("loads a runner's packages only in the runner layer", () => {
    const runnerLayer = LAYERS.length - 1;
    const misplaced = files.flatMap((file) =>
      layerOf(file) === runnerLayer ? [] : importsOf(file).filter((s) => RUNNER_PACKAGES.includes(s)).map((s) => `${relative(SRC, file)} imports ${s}`),
    );
    expect(misplaced).toEqual([]);
  });

  it('keeps every function under about 80 lines and four levels of nesting', () => {
    const long: string[] = [];
    for (const file of files) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
          const lines = line(node.end) - line(node.getStart()) + 1;
          const depth = nesting(node.body);
          const where = `${relative(SRC, file)}:${line(node.getStart()) + 1}`;
          if (lines > 80) long.push(`${where}: ${lines} lines`);
          if (depth > 4) long.push(`${where}: nesting ${depth}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it('awaits at top level only in the setup entries: the matchers load through a synchronous require, which refuses a graph that awaits', () => {
    const setupEntries = ['vitest.ts', 'jest.ts'];
    expect(files.filter((file) => !setupEntries.includes(relative(SRC, file))).flatMap(topLevelAwaits)).toEqual([]);
    // Not vacuous: the setup entries' own fallback import is seen.
    expect(topLevelAwaits(join(SRC, 'vitest.ts')).length).toBeGreaterThan(0);
  });

  it('keeps kripke/environments on the model alone: it builds environments, it never runs a check', () => {
    const environments = files.filter((f) => relative(SRC, f).startsWith('environments/'));
    expect(environments.length).toBeGreaterThanOrEqual(7);
    const outside = environments.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(SRC, resolveLocal(file, s)))
        .filter((target) => !target.startsWith('model/') && !target.startsWith('environments/'))
        .map((target) => `${relative(SRC, file)} imports ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it('would catch an upward import (the rule is not vacuous)', () => {
    expect(upwardImports(join(SRC, 'model/types.ts'), ['../checker/types.js'])).toEqual(['model/types.ts imports checker/types.ts (checker is above model)']);
    expect(upwardImports(join(SRC, 'checker/store/columns.ts'), ['../search.js'])).toHaveLength(1);
    expect(upwardImports(join(SRC, 'checker/search.ts'), ['../model/types.js', './store/columns.js'])).toEqual([]);
    expect(upwardImports(join(SRC, 'matchers/to-survive.ts'), ['../environments/k8s.js'])).toEqual(['matchers/to-survive.ts imports environments/k8s.ts (environments is above matchers)']);
  });
});

/** The deepest nesting of statements that open a block (if, loops, switch, try) inside a body, not counting nested functions. */
function nesting(body: ts.Node): number {
  let deepest = 0;
  const walk = (node: ts.Node, depth: number): void => {
    if (ts.isFunctionLike(node)) return;
    const opens =
      ts.isIfStatement(node) ||
      ts.isIterationStatement(node, false) ||
      ts.isSwitchStatement(node) ||
      ts.isTryStatement(node);
    // An `else if` continues its `if`: it is not one level deeper.
    const d = opens && !(ts.isIfStatement(node) && ts.isIfStatement(node.parent) && node.parent.elseStatement === node) ? depth + 1 : depth;
    deepest = Math.max(deepest, d);
    ts.forEachChild(node, (child) => walk(child, d));
  };
  ts.forEachChild(body, (child) => walk(child, 0));
  return deepest;
}

/** Where a file awaits outside any function (`await`, `for await`), as file:line. */
function topLevelAwaits(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) {
      found.push(`${relative(SRC, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the hot path reads no globals per call', () => {
  // Under Jest, kripke runs in a vm context where every read of a global goes through the
  // context's interceptor: `Math.imul` read per hash step made a check 15x slower than in Node.
  // The fingerprint and the shape test read the built-ins they call once, at module level.
  const GLOBAL_READ = /\b(Math|Reflect)\.\w+|\bArray\.isArray\b|\bObject\.(getPrototypeOf|keys|getOwnPropertyNames|getOwnPropertySymbols|getOwnPropertyDescriptor|is|prototype)\b/;
  const offending = (file: string): string[] =>
    readFileSync(join(SRC, file), 'utf8')
      .split('\n')
      .map((line, i) => [line, i + 1] as const)
      .filter(([line]) => /^\s+\S/.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line) && GLOBAL_READ.test(line))
      .map(([line, n]) => `${file}:${n}: ${line.trim()}`);

  it.each(['checker/store/fingerprint.ts', 'model/shape.ts'])('%s', (file) => {
    expect(offending(file)).toEqual([]);
  });

  it('would see a global read in a function body', () => {
    expect(GLOBAL_READ.test('  k = Math.imul(k, 0xcc9e2d51);')).toBe(true);
    expect(GLOBAL_READ.test('  k = imul(k, 0xcc9e2d51);')).toBe(false);
  });
});
