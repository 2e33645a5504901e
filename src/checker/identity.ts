/**
 * When two states are one: by default, equal as plain data; with a model's
 * `symmetry`, equal representatives; with the check's `view`, equal views
 * (of the representative, when there are both). Both are reductions the user
 * vouches for, and a wrong one is a silent pass, so the checker samples them
 * (TLC's issues #126 and #816 are the cautionary tale): on the first
 * expanded states and then one in `SAMPLE_EVERY`, a state must behave as its
 * representative and as a random renaming of its ids does, and two states
 * the check identifies must too: the same verdict from every invariant and
 * `terminal`, and the same successors, as the check identifies them. The
 * first difference fails the check, with a trace to the state where it shows.
 */
import { describe } from '../model/action.js';
import { KripkeError, ModelDefinitionError } from '../model/errors.js';
import { canonicalKey, copyPlainData, describeNonPlainData } from '../model/plain-data.js';
import { groupOf, type PermutationGroup } from '../model/symmetry.js';
import type { Property, Transition } from '../model/types.js';
import { formatLiteral, stepLabel } from '../model/literal.js';
import { fingerprint64 } from './store/fingerprint.js';
import type { System } from './system.js';

/** Every state among the first ones expanded is sampled; after that, one in this many. */
const EVERY_STATE = 512;
const SAMPLE_EVERY = 64;
/** Identified pairs are looked for among the successors of sampled states, up to this many keys remembered. */
const MAX_REMEMBERED = 4096;
/** Up to this many interchangeable ids, a sampled state is compared with every renaming of itself (4! = 24); above, with one. */
const ALL_RENAMINGS = 4;
/** Keys checked to be plain data (the rest are checked by the store as it hashes them). */
const CHECKED_KEYS = 64;

/** How a check identifies states, when not by the whole state; and its guard. */
export interface Identity<S> {
  /** What the store keys a state by. */
  readonly key: (state: unknown) => unknown;
  /** Samples that the reduction is one the model has; throws where it is not. */
  readonly sample: (state: S) => void;
  /** What identifies states, for messages: 'symmetry', 'view', 'symmetry and view'. */
  readonly noun: string;
}

/**
 * The identity of a check, or undefined when states are identified whole.
 *
 * @example
 * identityOf(compose(model), options.view)?.key(state); // the state's representative, or its view
 */
export function identityOf<S>(system: System<S>, view: ((state: unknown) => unknown) | undefined): Identity<S> | undefined {
  const symmetry = system.symmetry as ((state: unknown) => unknown) | undefined;
  if (symmetry === undefined && view === undefined) return undefined;
  const noun = symmetry !== undefined && view !== undefined ? 'symmetry and view' : symmetry !== undefined ? 'symmetry' : 'view';
  const project = symmetry === undefined ? view! : view === undefined ? symmetry : (s: unknown) => view(symmetry(s));
  let calls = 0;
  const key = (state: unknown): unknown => {
    let k: unknown;
    try {
      k = project(state);
    } catch (error) {
      throw new KripkeError(`${noun} threw on a state: ${error instanceof Error ? error.message : describe(error)}`, { cause: error });
    }
    if (calls < CHECKED_KEYS) {
      calls++;
      const bad = describeNonPlainData(k, noun === 'view' ? 'view' : 'representative');
      if (bad !== null) throw new ModelDefinitionError(`${noun} returned a value that is not plain data: ${bad.message}`);
    }
    return k;
  };
  const guard = new Guard(system, key, noun, symmetry as ((state: S) => S) | undefined);
  return { key, noun, sample: (s) => guard.sample(s) };
}

/** Every renaming of the ids, as functions (at most ALL_RENAMINGS ids). */
function everyRenaming(ids: readonly unknown[]): ((id: unknown) => unknown)[] {
  const index = new Map(ids.map((id, i) => [canonicalKey(id), i]));
  const orders: unknown[][] = [];
  const build = (prefix: unknown[], rest: readonly unknown[]): void => {
    if (rest.length === 0) orders.push(prefix);
    rest.forEach((id, i) => build([...prefix, id], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  build([], ids);
  return orders.map((to) => (id: unknown) => {
    const i = index.get(canonicalKey(id));
    if (i === undefined) throw new ModelDefinitionError(`permutations: permute asked to rename ${describe(id)}, which is not one of the ids`);
    return to[i];
  });
}

const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

class Guard<S> {
  private expanded = 0;
  private random = 0x2545f491;
  private readonly remembered = new Map<string, { state: S; whole: string }>();
  private readonly group: PermutationGroup<S> | undefined;
  private readonly properties: readonly Property<S>[];
  private readonly transitions: readonly Transition<S>[];
  private readonly fp = new Int32Array(2);

  constructor(
    private readonly system: System<S>,
    private readonly key: (state: unknown) => unknown,
    private readonly noun: string,
    private readonly symmetry: ((state: S) => S) | undefined,
  ) {
    this.group = symmetry === undefined ? undefined : groupOf(symmetry);
    this.properties = system.invariants;
    this.transitions = system.transitions;
  }

  sample(s: S): void {
    const n = this.expanded++;
    if (n >= EVERY_STATE && n % SAMPLE_EVERY !== 0) return;
    this.pair(s);
    if (this.symmetry !== undefined) {
      this.compare(s, this.symmetry(s), 'its representative');
      if (this.group !== undefined) {
        const { ids, permute } = this.group;
        const renamings = ids.length <= ALL_RENAMINGS ? everyRenaming(ids) : [this.renaming(ids)];
        for (const to of renamings) this.compare(s, permute(s, to), 'the same state with its ids renamed');
      }
    }
    for (const t of this.successors(s).states) this.pair(t);
  }

  /** A successor whose key was met before with another whole state: the two must behave alike. */
  private pair(t: S): void {
    const k = this.id(t);
    const first = this.remembered.get(k);
    if (first === undefined) {
      if (this.remembered.size < MAX_REMEMBERED) this.remembered.set(k, { state: copyPlainData(t), whole: this.whole(t) });
      return;
    }
    if (first.whole !== this.whole(t)) this.compare(first.state, t, `another state the check identifies with it (same ${this.noun === 'view' ? 'view' : 'key'})`);
  }

  /** A pseudo-random renaming of the ids (the same sequence on every run). */
  private renaming(ids: readonly unknown[]): (id: unknown) => unknown {
    const to = [...ids];
    for (let i = to.length - 1; i > 0; i--) {
      this.random ^= this.random << 13;
      this.random ^= this.random >>> 17;
      this.random ^= this.random << 5;
      const j = (this.random >>> 0) % (i + 1);
      [to[i], to[j]] = [to[j], to[i]];
    }
    const index = new Map(ids.map((id, i) => [canonicalKey(id), i]));
    return (id) => {
      const i = index.get(canonicalKey(id));
      if (i === undefined) throw new ModelDefinitionError(`permutations: permute asked to rename ${describe(id)}, which is not one of the ids`);
      return to[i];
    };
  }

  /** `a` and `b` must look the same to every invariant and terminal, and have the same successors up to identity. */
  private compare(a: S, b: S, what: string): void {
    for (const p of this.properties) {
      const x = p.test(a);
      const y = p.test(b);
      if (x !== y) this.fail(a, b, what, `${p.environment === undefined ? 'invariant' : 'guarantee'} '${p.name}' is ${String(x)} in the first and ${String(y)} in the second`);
    }
    const terminal = this.system.terminal;
    if (terminal !== undefined && terminal(a) !== terminal(b)) this.fail(a, b, what, 'terminal tells them apart');
    const { keys: sa, enabled: ea } = this.successors(a);
    const { keys: sb, enabled: eb } = this.successors(b);
    this.transitions.forEach((tr, t) => {
      if (ea[t] !== eb[t]) this.fail(a, b, what, `action '${tr.label}' is enabled ${times(ea[t])} in the first and ${times(eb[t])} in the second`);
    });
    for (const [k, label] of sa) if (!sb.has(k)) this.fail(a, b, what, `${label()} leads from the first to a state that no action leads to from the second`);
    for (const [k, label] of sb) if (!sa.has(k)) this.fail(a, b, what, `${label()} leads from the second to a state that no action leads to from the first`);
  }

  /** A state's identity in the check, as text (its key's 64-bit fingerprint: a collision here only hides a difference). */
  private id(s: S): string {
    fingerprint64.of(this.key(s), this.fp, true);
    return `${this.fp[0]}:${this.fp[1]}`;
  }

  /** The whole state's fingerprint, as text. */
  private whole(s: S): string {
    fingerprint64.of(s, this.fp, true);
    return `${this.fp[0]}:${this.fp[1]}`;
  }

  private successors(s: S): { states: S[]; keys: Map<string, () => string>; enabled: number[] } {
    const states: S[] = [];
    const enabled = this.transitions.map(() => 0);
    const keys = new Map<string, () => string>();
    this.transitions.forEach((tr, t) => {
      for (const c of tr.choices === undefined ? [undefined] : tr.choices(s)) {
        if (tr.enabled !== undefined && tr.enabled(s, c) !== true) continue;
        enabled[t]++;
        const next = this.transitions[t].apply(s, c);
        states.push(next);
        const k = this.id(next);
        if (!keys.has(k)) keys.set(k, () => `action '${stepLabel(tr.label, tr.choices !== undefined, c)}'`);
      }
    });
    return { states, keys, enabled };
  }

  private fail(a: S, b: S, what: string, difference: string): never {
    const show = (s: S) => formatLiteral(s, { max: 300 });
    const rule =
      this.noun === 'view'
        ? 'A view may leave out only what no invariant, guard or action depends on (a step counter, a history kept for reading)'
        : 'Symmetry is sound only when every invariant, guard and action treats a state and its renamings alike';
    throw new ModelDefinitionError(
      `${this.noun}: the check would merge states that behave differently, and could pass where a violation is reachable. ` +
        `A reachable state ${show(a)} and ${what}, ${show(b)}, differ: ${difference}. ${rule}; fix the ${this.noun} or the model, or leave the ${this.noun} out.`,
    );
  }
}
