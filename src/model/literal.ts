/**
 * Plain data as one short line: how a choice reads in a trace label
 * (`deliver(m1)`, `move(0,2)`, `send({msg:hi,to:1})`) and how a Map key reads
 * in a path (`leases.get("n1")`). Injective on plain data: two values print
 * alike only when they are equal as states (`take(1)` and `take("1")` differ;
 * `{from:1,to:2}` prints the same whatever the key order). Total: a cycle, a
 * function or an invalid Date prints something, never throws.
 */
import { ARRAY, DATE, elementsOf, entriesOf, MAP, RECORD, SET, shapeOf } from './shape.js';

/** How to print. */
export interface LiteralOptions {
  /** Print identifier-like strings without quotes (`m1`, `web-1`), as labels do. Default false. */
  readonly bare?: boolean;
  /** Print a top-level array of two or more elements as an argument list (`0,2`), as labels do. Default false. */
  readonly args?: boolean;
  /** Longest result; longer ones end in `…`. Default unlimited. */
  readonly max?: number;
}

// A bare string must not read as a number, a keyword or a Date (those start with a digit or are reserved).
const BARE = /^[A-Za-z_$][\w$-]*$/;
const RESERVED = new Set(['true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'Set', 'Map', 'Invalid']);
const KEY = /^[A-Za-z_$][\w$]*$/;

/**
 * @example
 * formatLiteral([0, 2], { bare: true, args: true });   // '0,2'
 * formatLiteral('m1', { bare: true });                 // 'm1'
 * formatLiteral('1', { bare: true });                  // '"1"'
 * formatLiteral(new Set([{ b: 2, a: 1 }]));            // 'Set{{a:1,b:2}}'
 */
export function formatLiteral(value: unknown, options: LiteralOptions = {}): string {
  const bare = options.bare === true;
  const text =
    options.args === true && Array.isArray(value) && value.length >= 2
      ? value.map((x) => literal(x, bare, new Set())).join(',')
      : literal(value, bare, new Set());
  const max = options.max ?? Infinity;
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * The label of one step: `name` for a plain action, `name(choice)` for a choice.
 *
 * @example
 * stepLabel('move', true, [0, 2]);   // 'move(0,2)'
 * stepLabel('take', true, '1');      // 'take("1")'
 * stepLabel('start', false, undefined); // 'start'
 */
export function stepLabel(label: string, hasChoices: boolean, choice: unknown): string {
  return hasChoices ? `${label}(${formatLiteral(choice, { bare: true, args: true })})` : label;
}

/** Nesting printed before the rest is elided: labels are read, not parsed. */
const MAX_LITERAL_DEPTH = 20;

function literal(v: unknown, bare: boolean, ancestors: Set<object>): string {
  switch (typeof v) {
    case 'string':
      return bare && BARE.test(v) && !RESERVED.has(v) ? v : JSON.stringify(v);
    case 'number':
      return v === 0 && 1 / v < 0 ? '-0' : String(v); // -0 is not 0, as states are not equal
    case 'bigint':
      return `${v}n`;
    case 'boolean':
    case 'undefined':
      return String(v);
    case 'symbol':
      return v.toString();
    case 'function':
      return `[Function${v.name ? ` ${v.name}` : ''}]`;
    default:
      if (v === null) return 'null';
      if (ancestors.has(v as object)) return '[Circular]';
      if (ancestors.size >= MAX_LITERAL_DEPTH) return '…';
      ancestors.add(v as object);
      try {
        return compound(v as object, bare, ancestors);
      } catch {
        return '[unreadable]'; // a getter that throws, a revoked Proxy
      } finally {
        ancestors.delete(v as object);
      }
  }
}

function compound(o: object, bare: boolean, ancestors: Set<object>): string {
  const inner = (x: unknown) => literal(x, bare, ancestors);
  switch (shapeOf(o)) {
    case ARRAY: {
      const a = o as readonly unknown[];
      return `[${Array.from({ length: a.length }, (_, i) => inner(a[i])).join(',')}]`;
    }
    case RECORD: {
      const rec = o as Record<string, unknown>;
      const parts = Object.keys(rec)
        .filter((k) => rec[k] !== undefined)
        .sort()
        .map((k) => `${KEY.test(k) ? k : JSON.stringify(k)}:${inner(rec[k])}`);
      return `{${parts.join(',')}}`;
    }
    case MAP:
      return `Map{${Array.from(entriesOf(o as Map<unknown, unknown>), ([k, x]) => `${inner(k)}=>${inner(x)}`).sort().join(',')}}`;
    case SET:
      return `Set{${Array.from(elementsOf(o as Set<unknown>), (x) => inner(x)).sort().join(',')}}`;
    case DATE: {
      const t = Date.prototype.getTime.call(o);
      return Number.isNaN(t) ? 'Invalid Date' : new Date(t).toISOString();
    }
    default: {
      const ctor = (o as { constructor?: { name?: unknown } }).constructor?.name;
      return `[${typeof ctor === 'string' && ctor !== '' ? ctor : 'object'}]`;
    }
  }
}
