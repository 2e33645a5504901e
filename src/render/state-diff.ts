/**
 * What changed between two states, as a list of changes each with the path of
 * the value that changed (`status`, `nodes[1].pods`, `leases.get("n1")`).
 * Equality is the checker's own (key order, Map and Set order ignored), so a
 * step never reports a change the search would not count as one.
 */
import { canonicalKey, childPath, indexPath, mapKeyPath, sameState } from '../model/plain-data.js';
import { elementsOf, entriesOf, MAP, RECORD, SET, shapeOf } from '../model/shape.js';
import { diffModule } from './lazy.js';

export { childPath };

/** One changed value: replaced, added (a new key, element or entry) or removed. */
export type Change =
  | { readonly kind: 'changed'; readonly path: string; readonly before: unknown; readonly after: unknown }
  | { readonly kind: 'added'; readonly path: string; readonly after: unknown; readonly element?: boolean }
  | { readonly kind: 'removed'; readonly path: string; readonly before: unknown; readonly element?: boolean };

/** What a path of the whole state reads as. */
export const ROOT = 'state';

function key(value: unknown): string {
  return canonicalKey(value);
}

/**
 * Equal as states are equal (the model's definition, `sameState`).
 *
 * @example
 * sameValue(new Set([1, 2]), new Set([2, 1])); // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return sameState(a, b);
}

/**
 * The changes from `before` to `after`, in the order of `after`'s keys (removed keys last).
 *
 * @example
 * stateChanges({ status: 'healthy', restarts: 0 }, { status: 'starting', restarts: 1 });
 * // [{ kind: 'changed', path: 'status', before: 'healthy', after: 'starting' },
 * //  { kind: 'changed', path: 'restarts', before: 0, after: 1 }]
 */
export function stateChanges(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  walk(before, after, '', out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (sameValue(a, b)) return;
  const shape = shapeOfBoth(a, b);
  if (shape === RECORD) return walkObject(a as Record<string, unknown>, b as Record<string, unknown>, path, out);
  if (Array.isArray(a) && Array.isArray(b)) return walkArray(a, b, path, out);
  if (shape === MAP) return walkMap(a as Map<unknown, unknown>, b as Map<unknown, unknown>, path, out);
  if (shape === SET) return walkSet(a as Set<unknown>, b as Set<unknown>, path, out);
  out.push({ kind: 'changed', path, before: a, after: b });
}

/** The shape two values share, or -1. */
function shapeOfBoth(a: unknown, b: unknown): number {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return -1;
  const shape = shapeOf(a);
  return shape === shapeOf(b) ? shape : -1;
}

function walkObject(a: Record<string, unknown>, b: Record<string, unknown>, path: string, out: Change[]): void {
  // A key holding undefined counts as absent, as it does for the checker.
  const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;
  for (const k of Object.keys(b)) {
    if (!has(b, k)) continue;
    const p = childPath(path, k);
    if (has(a, k)) walk(a[k], b[k], p, out);
    else out.push({ kind: 'added', path: p, after: b[k] });
  }
  for (const k of Object.keys(a)) {
    if (has(a, k) && !has(b, k)) out.push({ kind: 'removed', path: childPath(path, k), before: a[k] });
  }
}

function walkArray(a: readonly unknown[], b: readonly unknown[], path: string, out: Change[]): void {
  if (a.length === b.length) {
    for (let i = 0; i < a.length; i++) walk(a[i], b[i], indexPath(path, i), out);
    return;
  }
  // Lengths differ: align the elements (a push, a pop, an insert in the middle)
  // so that only the elements that moved in or out are reported.
  const parts = diffModule().diffArrays(a as unknown[], b as unknown[], { comparator: sameValue });
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (!part.added && !part.removed) {
      ia += part.count ?? part.value.length;
      ib += part.count ?? part.value.length;
      continue;
    }
    const next = parts[k + 1];
    if (part.removed && next?.added) {
      // Replaced in place: pair the elements, report what is left over. Paired only where the
      // old and new index agree: a path names one index, and its - value must be the old state's there.
      const removed = part.value;
      const added = next.value;
      const paired = ia === ib ? Math.min(removed.length, added.length) : 0;
      for (let j = 0; j < paired; j++) walk(removed[j], added[j], indexPath(path, ib + j), out);
      for (let j = paired; j < removed.length; j++) out.push({ kind: 'removed', path: indexPath(path, ia + j), before: removed[j] });
      for (let j = paired; j < added.length; j++) out.push({ kind: 'added', path: indexPath(path, ib + j), after: added[j] });
      ia += removed.length;
      ib += added.length;
      k++;
    } else if (part.removed) {
      // Index loops, not forEach: forEach skips a sparse array's holes, and a hole is an element (undefined).
      for (let j = 0; j < part.value.length; j++) out.push({ kind: 'removed', path: indexPath(path, ia + j), before: part.value[j] });
      ia += part.value.length;
    } else {
      for (let j = 0; j < part.value.length; j++) out.push({ kind: 'added', path: indexPath(path, ib + j), after: part.value[j] });
      ib += part.value.length;
    }
  }
}

function walkMap(a: Map<unknown, unknown>, b: Map<unknown, unknown>, path: string, out: Change[]): void {
  const before = new Map<string, [unknown, unknown]>();
  for (const [k, v] of entriesOf(a)) before.set(key(k), [k, v]);
  const seen = new Set<string>();
  for (const [k, v] of entriesOf(b)) {
    const id = key(k);
    seen.add(id);
    const old = before.get(id);
    if (old === undefined) out.push({ kind: 'added', path: mapKeyPath(path, k), after: v });
    else walk(old[1], v, mapKeyPath(path, k), out);
  }
  for (const [id, [k, v]] of before) {
    if (!seen.has(id)) out.push({ kind: 'removed', path: mapKeyPath(path, k), before: v });
  }
}

function walkSet(a: Set<unknown>, b: Set<unknown>, path: string, out: Change[]): void {
  const inA = new Set(Array.from(elementsOf(a), key));
  const inB = new Set(Array.from(elementsOf(b), key));
  for (const v of elementsOf(a)) if (!inB.has(key(v))) out.push({ kind: 'removed', path, before: v, element: true });
  for (const v of elementsOf(b)) if (!inA.has(key(v))) out.push({ kind: 'added', path, after: v, element: true });
}
