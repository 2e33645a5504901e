/**
 * The docs show real output. In docs/*.md, a ```ts block that imports from
 * 'kripke' and is followed by a ```text block is a runnable pair: the test runs
 * the code (against the built package, as a reader would) and compares what it
 * prints with the text block, so the pasted output cannot drift from the code.
 * Every such block also type-checks (strict, against the sources), so what a
 * reader copies compiles.
 *
 * After changing a snippet or the library: `UPDATE_DOCS=1 npx vitest run test/docs`
 * rewrites the text blocks from real runs; review the diff like a snapshot.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = `${root}docs/`;
// Inside the package, so that `import … from 'kripke'` resolves to it.
const scratch = `${root}test/docs/.snippets/`;
const update = process.env.UPDATE_DOCS === '1';

interface Pair {
  code: string;
  output: string;
  /** Offsets of the output block's body in the file, for UPDATE_DOCS. */
  start: number;
  end: number;
  line: number;
}

// Neither body may contain a fence, so a pair is two adjacent blocks, never a span across others.
const PAIR = /```ts\n((?:(?!```)[\s\S])*)```\n\n```text\n((?:(?!```)[\s\S])*)```/g;

function pairs(text: string): Pair[] {
  const found: Pair[] = [];
  for (const m of text.matchAll(PAIR)) {
    if (!/from 'kripke'/.test(m[1])) continue;
    const start = m.index + m[0].length - 3 - m[2].length;
    found.push({ code: m[1], output: m[2], start, end: start + m[2].length, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

async function run(code: string, name: string): Promise<string> {
  mkdirSync(scratch, { recursive: true });
  const file = `${scratch}${name}.ts`;
  writeFileSync(file, code);
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(format(...args)); // what console.log itself would print
  });
  try {
    await import(/* @vite-ignore */ `${file}?t=${Date.now()}`);
  } finally {
    spy.mockRestore();
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const files = readdirSync(docs).filter((f) => f.endsWith('.md'));

describe.each(files)('docs/%s', (file) => {
  const text = readFileSync(`${docs}${file}`, 'utf8');
  const found = pairs(text);
  const results = new Map<Pair, string>();

  if (found.length === 0) {
    it('has no runnable examples', () => expect(found).toEqual([]));
    return;
  }

  it.each(found.map((p) => [p.line, p] as const))('the example at line %i prints what the docs show', async (line, pair) => {
    const out = await run(pair.code, `${file.replace(/\W/g, '-')}-${line}`);
    results.set(pair, out);
    if (!update) expect(out).toBe(pair.output);
  });

  afterAll(() => {
    if (!update) return;
    let next = text;
    for (const pair of [...found].reverse()) {
      const out = results.get(pair);
      if (out !== undefined) next = next.slice(0, pair.start) + out + next.slice(pair.end);
    }
    writeFileSync(`${docs}${file}`, next);
  });
});

describe('the runnable examples of docs/*.md', () => {
  it('type-check', async () => {
    const dir = `${scratch}typecheck/`;
    mkdirSync(dir, { recursive: true });
    for (const file of files) {
      for (const pair of pairs(readFileSync(`${docs}${file}`, 'utf8'))) writeFileSync(`${dir}${file.replace(/\W/g, '-')}-${pair.line}.ts`, pair.code);
    }
    writeFileSync(
      `${dir}tsconfig.json`,
      JSON.stringify({ extends: '../../../../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '../../../..', lib: ['ES2023'], paths: { kripke: ['../../../../src/index.ts'], 'kripke/environments': ['../../../../src/environments/index.ts'] } }, include: ['*.ts'] }),
    );
    const tsc = `${root}node_modules/typescript/bin/tsc`;
    const errors = await new Promise<string>((resolve) =>
      execFile(process.execPath, [tsc, '-p', dir], { cwd: root, encoding: 'utf8' }, (error, stdout) => resolve(error === null ? '' : stdout || String(error))),
    );
    expect(errors).toBe('');
  });
});
