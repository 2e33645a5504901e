/**
 * The runner output that README.md and docs/ paste: every fenced block whose
 * first line is a failure's heading as a reporter prints it (Vitest's
 * ` FAIL  file > … title`, Jest's `  ● … title`). The end-to-end tests compare
 * each with the same failure in their own run, so the pages cannot drift from
 * what users see. `UPDATE_DOCS=1 npm test` rewrites them from the runs instead
 * (review the diff like a snapshot), as for the code/output pairs of
 * test/docs/docs.test.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { failureBlock, ROOT } from './built-package.js';

/** The fenced blocks of a page without a language tag (what a terminal printed), with their offsets. */
function plainBlocks(text: string): { body: string; start: number; end: number }[] {
  const blocks: { body: string; start: number; end: number }[] = [];
  let open: { plain: boolean; start: number } | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      if (open === undefined) open = { plain: line === '```', start: offset + line.length + 1 };
      else {
        if (open.plain) blocks.push({ body: text.slice(open.start, offset).replace(/\n$/, ''), start: open.start, end: offset });
        open = undefined;
      }
    }
    offset += line.length + 1;
  }
  return blocks;
}

/** Every markdown file a reader may open: the README and docs/, recursively. */
function pages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.md') ? [`${dir}/${e.name}`] : []));
  return ['README.md', ...walk('docs')];
}

/**
 * Compares (or, with UPDATE_DOCS=1, rewrites) every pasted block whose heading
 * starts with `heading` against the failure of that heading in `output`
 * (colour off). Returns how many blocks it checked.
 *
 * @example
 * expect(checkPastedFailures(plain.output, ' FAIL  k8s.test.ts > ')).toBeGreaterThan(0);
 */
export function checkPastedFailures(output: string, heading: string): number {
  let checked = 0;
  for (const page of pages()) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    let next = text;
    // From the last block to the first, so that a rewrite keeps the earlier offsets.
    for (const block of plainBlocks(text).reverse()) {
      const title = block.body.split('\n')[0];
      if (!title.startsWith(heading)) continue;
      // A stack line names the fixture's file by its absolute path: the pages show it as …/file.
      const actual = failureBlock(output, title).replace(new RegExp(`${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}test/e2e/fixtures/[^/]+/`, 'g'), '…/');
      checked++;
      if (process.env.UPDATE_DOCS === '1') next = `${next.slice(0, block.start)}${actual}\n${next.slice(block.end)}`;
      else expect(block.body, `${page}: the block headed ${JSON.stringify(title.trim())}`).toBe(actual);
    }
    if (next !== text) writeFileSync(join(ROOT, page), next);
  }
  return checked;
}
