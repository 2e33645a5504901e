/**
 * Plain-data values as text, with pretty-format: the same printer both runners
 * use for their own diffs, so a state in a trace reads like a value in any
 * other failure. Short values stay on one line; long ones are indented.
 */
import { format } from 'pretty-format';

const BASE = { printBasicPrototype: false, escapeString: false, indent: 2 } as const;
const MIN = { printBasicPrototype: false, escapeString: false, min: true } as const;

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
 * A function as a reader knows it: its source when short, else its name.
 *
 * @example
 * describeFunction((s) => s.n > 3);   // '(s) => s.n > 3'
 * describeFunction(aLongNamedCheck);  // 'aLongNamedCheck'
 */
export function describeFunction(fn: unknown, max = 80): string {
  if (typeof fn !== 'function') return String(fn);
  const source = Function.prototype.toString.call(fn).replace(/\s+/g, ' ').trim();
  if (source.length <= max && !source.startsWith('class ') && !source.includes('[native code]')) return source;
  return fn.name || 'the predicate';
}
