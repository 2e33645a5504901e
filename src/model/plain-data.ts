/**
 * What counts as plain data in a state, and the slow walk that finds the first
 * value that is not, with its path. The fingerprint walk in the checker is the
 * fast path; it calls `describeNonPlainData` only once it has met something odd,
 * so that messages can name the path without the hot loop tracking one.
 */

/** An object literal (or `Object.create(null)`): the only objects besides arrays, Map, Set and Date allowed in a state. */
export function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function child(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function what(value: unknown): string | null {
  switch (typeof value) {
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return null;
  }
}

/** Deepest nesting a state may have; deeper means a cycle or a runaway structure. */
export const MAX_STATE_DEPTH = 1000;

/**
 * The first reason `value` is not plain data, as `"state.nodes[2].handler is a function"`,
 * or null when it is plain data.
 *
 * @example
 * describeNonPlainData({ nodes: [{ handler: () => 1 }] }) // 'state.nodes[0].handler is a function'
 */
export function describeNonPlainData(value: unknown, root = 'state'): { path: string; message: string } | null {
  const ancestors = new Set<object>();
  function walk(v: unknown, path: string, depth: number): { path: string; message: string } | null {
    const bad = what(v);
    if (bad !== null) return { path, message: `${path} is ${bad}` };
    if (typeof v !== 'object' || v === null) return null;
    if (ancestors.has(v)) return { path, message: `${path} is a cycle: it contains itself` };
    if (depth > MAX_STATE_DEPTH) return { path, message: `${path} is nested more than ${MAX_STATE_DEPTH} levels deep` };
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const r = walk(v[i], `${path}[${i}]`, depth + 1);
          if (r) return r;
        }
      } else if (v instanceof Map) {
        let i = 0;
        for (const [k, x] of v) {
          const r = walk(k, `${path}.<key ${i}>`, depth + 1) ?? walk(x, `${path}.get(${formatKey(k)})`, depth + 1);
          if (r) return r;
          i++;
        }
      } else if (v instanceof Set) {
        let i = 0;
        for (const x of v) {
          const r = walk(x, `${path}.<element ${i}>`, depth + 1);
          if (r) return r;
          i++;
        }
      } else if (v instanceof Date) {
        if (Number.isNaN(v.getTime())) return { path, message: `${path} is an invalid Date` };
      } else if (isPlainObject(v)) {
        for (const key of Object.keys(v)) {
          const r = walk((v as Record<string, unknown>)[key], child(path, key), depth + 1);
          if (r) return r;
        }
        if (Object.getOwnPropertySymbols(v).length > 0) {
          return { path, message: `${path} has a symbol key` };
        }
      } else {
        const ctor = (v as { constructor?: { name?: string } }).constructor?.name;
        return {
          path,
          message: `${path} is an instance of ${ctor || 'a class'}, not plain data (use objects, arrays, Map, Set, Date)`,
        };
      }
      return null;
    } finally {
      ancestors.delete(v);
    }
  }
  return walk(value, root, 0);
}

function formatKey(k: unknown): string {
  return typeof k === 'string' ? JSON.stringify(k) : String(k);
}

/**
 * A deep copy of a plain-data state, built with this module's own object,
 * array, Map, Set and Date. Not `structuredClone`: that builds objects of the
 * realm it comes from, and under Jest (tests run in a vm sandbox, with Node's
 * own `structuredClone`) every copied object would fail `isPlainObject`.
 * Anything that is not plain data is kept as it is, for the checks to name.
 *
 * @example
 * const copy = copyPlainData({ pods: new Set(['web-1']), at: new Date(0) });
 * copy.pods.add('web-2'); // the original is untouched
 */
export function copyPlainData<T>(value: T): T {
  return copyValue(value, 0) as T;
}

function copyValue(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null || depth > MAX_STATE_DEPTH) return v;
  if (Array.isArray(v)) return v.map((x) => copyValue(x, depth + 1));
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [copyValue(k, depth + 1), copyValue(x, depth + 1)]));
  if (v instanceof Set) return new Set([...v].map((x) => copyValue(x, depth + 1)));
  if (v instanceof Date) return new Date(v.getTime());
  if (!isPlainObject(v)) return v;
  const out: Record<PropertyKey, unknown> = Object.getPrototypeOf(v) === null ? Object.create(null) : {};
  // defineProperty, not assignment: a "__proto__" key must stay a key, not become the prototype.
  for (const key of Reflect.ownKeys(v)) {
    const desc = Object.getOwnPropertyDescriptor(v, key);
    if (desc === undefined || !desc.enumerable) continue;
    Object.defineProperty(out, key, { value: copyValue((v as Record<PropertyKey, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
