/**
 * Symmetry: states that differ only by a renaming of interchangeable ids
 * (resource managers, nodes, clients) are one state. `defineModel({ symmetry })`
 * takes any function that maps a state to a representative of its class;
 * `permutations` builds one for declared interchangeable ids, as TLC's
 * `SYMMETRY Permutations(RM)`. The checker compares every merged pair of
 * states (checker/identity.ts): a symmetry the model does not have would
 * merge states that behave differently, and a check could pass where a
 * violation is reachable.
 */
import { checkFields } from './fields.js';
import { describe } from './action.js';
import { ModelDefinitionError } from './errors.js';
import { canonicalKey } from './plain-data.js';

/** A symmetry: the representative of a state's class (a state equal to it up to renaming ids). */
export type Symmetry<S> = (state: S) => S;

/** The interchangeable ids of `permutations`, and how a state is renamed. */
export interface PermutationsSpec<S, Id> {
  /** The interchangeable ids, each once (`[0, 1, 2]`, `['n1', 'n2']`). */
  readonly ids: readonly Id[];
  /**
   * The state with every id it holds renamed by `to` (as array indexes, Set
   * members, record keys, fields of messages): a new state, the input untouched.
   */
  readonly permute: (state: S, to: (id: Id) => Id) => S;
  /**
   * What the state holds about one id (its status, whether it voted, …): ids
   * are sorted by it to find the representative, in one sort rather than one
   * try per permutation. Two ids with equal signatures should be
   * interchangeable in the state as it is; where they are not, the reduction
   * is smaller, never wrong. Without it, every permutation is tried (at most 7 ids).
   */
  readonly signature?: (state: S, id: Id) => unknown;
}

/** What `permutations` keeps on the function it returns, for the checker's sampling. */
export interface PermutationGroup<S> {
  readonly ids: readonly unknown[];
  readonly permute: (state: S, to: (id: unknown) => unknown) => S;
  /**
   * The renaming that takes a state to its representative. With a signature
   * that ties, two renamings of one state can have different representatives;
   * the checker compares a state with its renamings through this renaming,
   * not through their representatives.
   */
  readonly renamingOf: (state: S) => (id: unknown) => unknown;
}

const GROUP = Symbol.for('kripke.symmetry.permutations');
/** Most ids `permutations` tries every permutation of, without a signature (7! = 5,040 a state). */
export const MAX_IDS_WITHOUT_SIGNATURE = 7;

/**
 * A symmetry for interchangeable ids, as TLC's `SYMMETRY Permutations(RM)`:
 * the representative renames the ids so that their signatures come in order
 * (or, without a signature, takes the least renaming of all). Every state is
 * a renaming of itself, so states merge only with their renamings.
 *
 * @example
 * const RM = [0, 1, 2];
 * defineModel({
 *   init: { rmState: ['working', 'working', 'working'] },
 *   actions: { … },
 *   symmetry: permutations({
 *     ids: RM,
 *     permute: (s, to) => ({ rmState: RM.map((rm) => s.rmState[RM.find((r) => to(r) === rm)!]) }),
 *     signature: (s, rm) => s.rmState[rm],
 *   }),
 * });
 */
export function permutations<S, Id>(spec: PermutationsSpec<S, Id>): Symmetry<S> {
  const { ids, permute, signature } = checkSpec(spec);
  if (signature === undefined && ids.length > MAX_IDS_WITHOUT_SIGNATURE) {
    throw new ModelDefinitionError(
      `permutations: ${ids.length} ids without a signature would try ${ids.length}! renamings a state; give signature: (state, id) => what the state holds about id`,
    );
  }
  const renaming = renamingsOf(ids);
  const rename = (order: readonly number[]) => {
    // order[k]: the id that becomes ids[k].
    const target = new Array<Id>(ids.length);
    order.forEach((from, k) => (target[from] = ids[k]));
    return renaming(target);
  };
  const orderOf: (s: S) => readonly number[] =
    signature === undefined
      ? (s) => leastRenaming(ids.length, (order) => permute(s, rename(order)))
      : (s) => sortedBy(ids.map((id) => signature(s, id)));
  const representative: Symmetry<S> = (s) => permute(s, rename(orderOf(s)));
  const group: PermutationGroup<S> = {
    ids,
    permute: permute as PermutationGroup<S>['permute'],
    renamingOf: (s) => rename(orderOf(s)) as (id: unknown) => unknown,
  };
  Object.defineProperty(representative, GROUP, { value: group });
  return representative;
}

const NEGATIVE_ZERO = Symbol('-0');
/** An id as a Map key: by value, as states are (a record id reaches permute as a copy; -0 is not 0). */
const idKey = (id: unknown): unknown => (typeof id === 'object' && id !== null ? canonicalKey(id) : Object.is(id, -0) ? NEGATIVE_ZERO : id);

/**
 * The renaming that takes `ids[i]` to `to[i]`, matching ids by value; an id
 * not among them is the permute's error.
 *
 * @example
 * renamingTo([0, 1, 2], [2, 0, 1])(0); // 2
 */
export function renamingTo<Id>(ids: readonly Id[], to: readonly Id[]): (id: Id) => Id {
  return renamingsOf(ids)(to);
}

/** `renamingTo` for one list of ids, its index built once (a state's representative asks for a renaming per state). */
function renamingsOf<Id>(ids: readonly Id[]): (to: readonly Id[]) => (id: Id) => Id {
  const index = new Map(ids.map((id, i) => [idKey(id), i] as const));
  return (to) => (id) => {
    const i = index.get(typeof id === 'object' || Object.is(id, -0) ? idKey(id) : id);
    if (i === undefined) throw new ModelDefinitionError(`permutations: permute asked to rename ${describe(id)}, which is not one of the ids`);
    return to[i];
  };
}

function checkSpec<S, Id>(spec: PermutationsSpec<S, Id>): PermutationsSpec<S, Id> {
  if (typeof spec !== 'object' || spec === null) throw new ModelDefinitionError(`permutations expects { ids, permute, signature? }, got ${describe(spec)}`);
  // A misspelt signature (signatures) was ignored: the check then tries every renaming, or refuses many ids for want of one (badinput21).
  checkFields(spec, ['ids', 'permute', 'signature'], 'permutations');
  const { ids, permute, signature } = spec;
  if (!Array.isArray(ids) || ids.length < 2) throw new ModelDefinitionError(`permutations: ids must be an array of at least two ids, got ${describe(ids)}`);
  if (new Set(ids.map((id) => canonicalKey(id))).size !== ids.length) throw new ModelDefinitionError('permutations: ids must be distinct');
  if (typeof permute !== 'function') throw new ModelDefinitionError(`permutations: permute must be a function (state, to) => state, got ${describe(permute)}`);
  if (signature !== undefined && typeof signature !== 'function') {
    throw new ModelDefinitionError(`permutations: signature must be a function (state, id) => value, got ${describe(signature)}`);
  }
  return spec;
}

/** The positions of `signatures` in their order (numbers by value, anything else by canonical key; ties by position). */
function sortedBy(signatures: unknown[]): number[] {
  const keys = signatures.every((x) => typeof x === 'number' && x === x) ? (signatures as number[]) : signatures.map(canonicalKey);
  return keys.map((_, i) => i).sort((x, y) => (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : x - y));
}

/** The order of n ids whose renaming has the least canonical key, over every order (Heap's algorithm). */
function leastRenaming<S>(n: number, renamed: (order: readonly number[]) => S): readonly number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let best: readonly number[] = [...order];
  let bestKey = canonicalKey(renamed(order));
  const c = new Array<number>(n).fill(0);
  for (let i = 1; i < n; ) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [order[j], order[i]] = [order[i], order[j]];
      const key = canonicalKey(renamed(order));
      if (key < bestKey) [best, bestKey] = [[...order], key];
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return best;
}

/** The ids and renaming behind a symmetry from `permutations`, or undefined for a hand-written one. */
export function groupOf<S>(symmetry: Symmetry<S>): PermutationGroup<S> | undefined {
  return (symmetry as unknown as Record<symbol, PermutationGroup<S> | undefined>)[GROUP];
}
