/**
 * Plain-data values as text, with pretty-format: the same printer both runners
 * use for their own diffs, so a state in a trace reads like a value in any
 * other failure. Short values stay on one line; long ones are indented.
 */
import { copyPlainData } from '../model/plain-data.js';
import { prettyFormatModule } from './lazy.js';

// pretty-format prints a sparse array's hole as nothing (`[<hole>]` as `[]`, an empty array), and a hole
// is an element, undefined, to the checker: a value with one is printed from a copy that holds undefined
// there (render21). Values without one (every other, cyclic ones among them) are printed as they are.
const format: typeof import('pretty-format').format = (value, options) => prettyFormatModule().format(hasHole(value, new Set()) ? copyPlainData(value) : value, options);

/** Whether an array inside `v` (arrays, records, Maps, Sets; each object once) has a hole. */
function hasHole(v: unknown, seen: Set<object>): boolean {
  if (typeof v !== 'object' || v === null || seen.has(v)) return false;
  seen.add(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!(i in v) || hasHole(v[i], seen)) return true;
    return false;
  }
  if (v instanceof Map) {
    for (const [k, x] of v) if (hasHole(k, seen) || hasHole(x, seen)) return true;
    return false;
  }
  if (v instanceof Set) {
    for (const x of v) if (hasHole(x, seen)) return true;
    return false;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key of Object.keys(v)) if (hasHole((v as Record<string, unknown>)[key], seen)) return true;
  return false;
}

const BASE = { printBasicPrototype: false, escapeString: true, indent: 2 } as const;
const MIN = { printBasicPrototype: false, escapeString: true, min: true } as const;

/** Values up to this many characters print on one line in a step's changes. */
export const INLINE_WIDTH = 60;

/**
 * A value as lines of text: one line when it fits in `width`, else pretty-format's indented form.
 *
 * @example
 * formatValue({ pods: ['web-1'] });          // ['{"pods": ["web-1"]}']
 * formatValue(bigObject).length > 1;          // true: one property per line
 */
export function formatValue(value: unknown, width = INLINE_WIDTH): string[] {
  const short = format(value, MIN);
  if (short.length <= width && !short.includes('\n')) return [short];
  return format(value, BASE).split('\n');
}

/**
 * A whole state, indented, one property per line (how step 0 of a trace prints).
 *
 * @example
 * formatState({ status: 'starting', restarts: 0 });
 * // ['{', '  "restarts": 0,', '  "status": "starting",', '}']
 */
export function formatState(state: unknown): string[] {
  return format(state, BASE).split('\n');
}

/**
 * A value on one line, shortened with `…` past `max` characters: for names and figures inside a sentence.
 *
 * @example
 * formatInline(new Map([['n1', 2]])); // 'Map {"n1" => 2}'
 */
export function formatInline(value: unknown, max = 80): string {
  const text = typeof value === 'function' ? describeFunction(value) : format(value, MIN);
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/**
 * A function as a reader knows it: its source when short, else its name. The
 * source is what the runner's compiler made of it (esbuild under Vitest, tsc
 * or Babel under Jest), so it is normalised (see `normaliseSource`) to read
 * the same in every runner.
 *
 * @example
 * describeFunction((s) => s.n > 3);   // '(s) => s.n > 3'
 * describeFunction(aLongNamedCheck);  // 'aLongNamedCheck'
 */
export function describeFunction(fn: unknown, max = 80): string {
  if (typeof fn !== 'function') return String(fn);
  const source = normaliseSource(Function.prototype.toString.call(fn));
  if (source.length <= max && !source.startsWith('class ') && !source.includes('[native code]')) return source;
  return fn.name || 'the predicate';
}

/**
 * Source text in one canonical spelling: strings in double quotes (as kripke
 * prints every other string), one space wherever there was white space, and
 * a lone arrow parameter in parentheses. Template literals stay as written.
 *
 * @example
 * normaliseSource("s => s.status === 'done'"); // '(s) => s.status === "done"'
 */
export function normaliseSource(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "'" || c === '"') {
      const [text, end] = quoted(source, i);
      out += `"${text.replace(/"/g, '\\"')}"`;
      i = end + 1;
    } else if (c === '`' || (c === '/' && (source[i + 1] === '/' || source[i + 1] === '*'))) {
      // A template literal or a comment is copied as it is (its quotes are not strings).
      const [end, length] = c === '`' ? [closing(source, i), 1] : source[i + 1] === '/' ? [source.indexOf('\n', i), 0] : [source.indexOf('*/', i + 2), 2];
      const stop = end === -1 ? source.length : end + length;
      out += source.slice(i, stop);
      i = stop;
    } else if (/\s/.test(c)) {
      while (i < source.length && /\s/.test(source[i])) i++;
      out += ' ';
    } else {
      out += c;
      i++;
    }
  }
  return out.trim().replace(/^(async )?([A-Za-z_$][\w$]*) =>/, '$1($2) =>');
}

/** The text of the string literal opened at `start` (an escaped quote unescaped, other escapes as written) and the index of its closing quote. */
function quoted(source: string, start: number): [text: string, end: number] {
  const quote = source[start];
  let text = '';
  let j = start + 1;
  for (; j < source.length && source[j] !== quote; j++) {
    if (source[j] === '\\' && j + 1 < source.length) {
      j++;
      text += source[j] === "'" || source[j] === '"' ? source[j] : `\\${source[j]}`;
    } else text += source[j];
  }
  return [text, j];
}

/** The index of the unescaped backtick that closes the template literal opened at `start`, or -1. */
function closing(source: string, start: number): number {
  for (let j = start + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === '`') return j;
  }
  return -1;
}
