/**
 * A step's changes as `-`/`+` lines, each with the path of the value that
 * changed. A long string that changed a little prints once, with the changed
 * words marked (`[-old-]{+new+}`, the `diff` package's word diff), instead of
 * two nearly identical walls of text.
 */
import { diffModule } from './lazy.js';
import type { Palette } from './palette.js';
import { type Change, ROOT } from './state-diff.js';
import { formatValue } from './value.js';

/** Strings at least this long get an inline diff when most of the text stayed the same. */
export const LONG_STRING = 40;

const CONTEXT = 20;

/**
 * The lines of one change, coloured: `-` (before) in the expected colour, `+` (after) in the received colour.
 *
 * @example
 * renderChange({ kind: 'changed', path: 'status', before: 'healthy', after: 'unresponsive' }, plain);
 * // ['- status: "healthy"', '+ status: "unresponsive"']
 */
export function renderChange(change: Change, palette: Palette): string[] {
  const path = change.path === '' ? ROOT : change.path;
  switch (change.kind) {
    case 'added':
      return valueLines('+', change.element ? `${path} has` : `${path}:`, change.after, palette.received);
    case 'removed':
      return valueLines('-', change.element ? `${path} has` : `${path}:`, change.before, palette.expected);
    case 'changed': {
      const { before, after } = change;
      if (typeof before === 'string' && typeof after === 'string') {
        const inline = stringDiff(path, before, after, palette);
        if (inline !== null) return inline;
      }
      return [...valueLines('-', `${path}:`, before, palette.expected), ...valueLines('+', `${path}:`, after, palette.received)];
    }
  }
}

/** `- path: value`, or the value's lines under it when it does not fit on one line. */
function valueLines(sign: '-' | '+', label: string, value: unknown, colour: (s: string) => string): string[] {
  const lines = formatValue(value);
  if (lines.length === 1) return [colour(`${sign} ${label} ${lines[0]}`)];
  return [colour(`${sign} ${label} ${lines[0]}`), ...lines.slice(1).map((l) => colour(`${sign} ${' '.repeat(label.length)} ${l}`))];
}

function stringDiff(path: string, before: string, after: string, palette: Palette): string[] | null {
  if (Math.max(before.length, after.length) < LONG_STRING) return null;
  if (before.includes('\n') || after.includes('\n')) return multilineDiff(path, before, after, palette);
  const parts = diffModule().diffWordsWithSpace(before, after);
  const common = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
  // Mostly rewritten: two plain lines read better than a patchwork of markers.
  if (common < Math.min(before.length, after.length) / 2) return null;
  let text = '';
  parts.forEach((part, i) => {
    if (part.removed) text += palette.expected(palette.inverse(`[-${escapeInline(part.value)}-]`));
    else if (part.added) text += palette.received(palette.inverse(`{+${escapeInline(part.value)}+}`));
    else text += escapeInline(elide(part.value, i === 0, i === parts.length - 1));
  });
  return [`~ ${path}: "${text}"`];
}

/**
 * Text inside an inline diff, escaped so that it reads one way (render21): quotes and
 * backslashes as every printed string escapes them, and the text's own `[-`, `-]`, `{+`,
 * `+}` with a backslash, so that only the diff's markers read as markers.
 */
function escapeInline(text: string): string {
  return text.replace(/["\\]/g, '\\$&').replace(/\[-|\{\+/g, (m) => `\\${m}`).replace(/-\]|\+\}/g, (m) => `${m[0]}\\${m[1]}`);
}

/** Long unchanged stretches keep a little context on each side of a change. */
function elide(text: string, first: boolean, last: boolean): string {
  if (text.length <= 2 * CONTEXT + 1) return text;
  if (first) return `…${text.slice(-CONTEXT)}`;
  if (last) return `${text.slice(0, CONTEXT)}…`;
  return `${text.slice(0, CONTEXT)}…${text.slice(-CONTEXT)}`;
}

function multilineDiff(path: string, before: string, after: string, palette: Palette): string[] {
  const out = [`~ ${path}: multi-line string`];
  const parts = diffModule().diffLines(before, after);
  parts.forEach((part, i) => {
    // A carriage return shows as ␍ (printed raw it moves the cursor, and "a\r\n" reads as "a\n").
    const lines = part.value.replace(/\n$/, '').split('\n').map((l) => l.replace(/\r/g, '␍'));
    // The last line of a string that ends without a newline, where the other ends with one, says so (as git diff does).
    if ((part.removed || part.added) && !part.value.endsWith('\n') && (part.removed ? after : before).endsWith('\n')) lines[lines.length - 1] += ' (no newline at end)';
    if (part.removed) out.push(...lines.map((l) => palette.expected(`  - ${l}`)));
    else if (part.added) out.push(...lines.map((l) => palette.received(`  + ${l}`)));
    else {
      // One line of context next to each change; the rest is elided.
      const keepHead = i > 0 ? lines.slice(0, 1) : [];
      const keepTail = i < parts.length - 1 ? lines.slice(-1) : [];
      if (lines.length <= 3) out.push(...lines.map((l) => palette.dim(`    ${l}`)));
      else out.push(...[...keepHead, '…', ...keepTail].map((l) => palette.dim(`    ${l}`)));
    }
  });
  return out;
}
