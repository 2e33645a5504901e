/**
 * When two states are one: by default, equal as plain data; with a model's
 * `symmetry`, equal representatives; with the check's `view`, equal views
 * (of the representative, when there are both). Both are reductions the user
 * vouches for, and a wrong one is a silent pass (TLC's issues #126 and #816).
 *
 * What the checker guarantees (not sampled): every time the search meets a
 * state whose key is already stored for another concrete state, the two are
 * compared on every invariant and guarantee the query checks, the reach
 * query's state target, `terminal`, how many times each action is enabled
 * (the class keeps a 32-bit signature of its first member), and the classes
 * their actions lead to, one step on (the class keeps a 64-bit hash of the
 * set of its first member's successor classes, made as the search expands
 * it; a state merged before that is compared when it is). The first
 * difference fails the check. What it cannot guarantee: that the successors
 * of merged states correspond further on (the states behind a merge are not
 * all explored; that is the point of merging). Beyond the guarantee, random
 * walks from merged states (seeded per run, within a budget) compare the
 * states they pass with their classes, and sampled states are compared with
 * their representative and renamings one step ahead.
 */
import { describe } from '../model/action.js';
import { KripkeError, ModelDefinitionError } from '../model/errors.js';
import { canonicalKey, copyPlainData, describeNonPlainData } from '../model/plain-data.js';
import { groupOf, renamingTo, type PermutationGroup } from '../model/symmetry.js';
import type { Property, Transition } from '../model/types.js';
import { formatLiteral, stepLabel } from '../model/literal.js';
import { fingerprint64 } from './store/fingerprint.js';
import { Random } from './swarm/random.js';
import { enabledChoices, firings } from './trace.js';
import type { System } from './system.js';

/** Every state among the first ones expanded is sampled; after that, about one in this many (at random). */
const EVERY_STATE = 512;
const SAMPLE_EVERY = 64;
/** Up to this many interchangeable ids, a sampled state is compared with every renaming of itself (4! = 24); above, with one. */
const ALL_RENAMINGS = 4;
/** Keys checked to be plain data and the input unchanged (the rest are checked by the store as it hashes them, and when sampled). */
const CHECKED_KEYS = 64;
/** Steps of random walks from merged states: this many free, plus one per merge met. */
const WALK_STEPS = 16384;
const WALK_DEPTH = 48;
/** Merged states kept (a uniform sample) to walk from once the search is done. */
const WALKS = 256;

/** What a query checks in every state, which merged states must agree on. */
export interface Checked<S> {
  readonly properties: readonly Property<S>[];
  readonly target?: (state: S) => unknown;
}

/** How a check identifies states, when not by the whole state; and its guard. */
export interface Identity<S> {
  /** What the store keys a state by. */
  readonly key: (state: unknown) => unknown;
  /** Samples extra evidence on an expanded state (its representative, renamings); throws where the reduction is wrong. */
  readonly sample: (state: S, id: number) => void;
  /** Every state the search meets, with its class id and whether it created the class: merged states are compared. */
  readonly met: (state: S, id: number, added: boolean) => void;
  /** Whether the first member of class `id` is still the state it was when met, before any property ran on it (the mutation check at a stop). */
  readonly unchanged: (state: S, id: number) => boolean;
  /** Every successor of class `id`'s first member was met (`cut`: one lay beyond the depth bound): states merged into it are compared on their successors. */
  readonly expanded: (id: number, cut: boolean) => void;
  /** The search expanded every class: random walks from merged states compare what they pass with the classes (until `passed` says the time is up). */
  readonly finished: (passed: () => boolean) => void;
  /** Lets the guard look up states' classes (for the walks). */
  readonly attach: (find: (state: unknown) => number) => void;
  /** What identifies states, for messages: 'symmetry', 'view', 'symmetry and view'. */
  readonly noun: string;
}

/**
 * Two states merged into one class differ: thrown by the search, completed by
 * the query (which rebuilds the class's first member by replay, since only
 * its signature is kept).
 */
export class MergedApart<S> extends ModelDefinitionError {
  override name = 'ModelDefinitionError';
  constructor(
    readonly classId: number,
    readonly state: S,
    readonly explainWith: (first: S) => ModelDefinitionError,
  ) {
    super('merged states differ');
  }
}

const show = (s: unknown): string => formatLiteral(s, { max: 300 });
const reason = (error: unknown): string => (error instanceof Error ? error.message : describe(error));

/**
 * Calls a user's symmetry, view or permute on a copy of the state (or on the
 * state itself, when it is the guard's own: `copy` false), and names it in
 * whatever goes wrong.
 */
function callOnCopy<T>(name: string, fn: (s: unknown) => T, state: unknown, strict: boolean, copied = true): T {
  const copy = copied ? copyPlainData(state) : state;
  let out: T;
  try {
    out = fn(copy);
  } catch (error) {
    if (error instanceof KripkeError) throw error;
    throw new ModelDefinitionError(`${name} threw on the state ${show(state)}: ${reason(error)}`, { cause: error });
  }
  if (out === undefined) throw new ModelDefinitionError(`${name} returned undefined for the state ${show(state)}; it must return plain data (a misspelt field reads as undefined)`);
  if (strict) {
    if (canonicalKey(copy) !== canonicalKey(state)) {
      throw new ModelDefinitionError(`${name} changed the state it was given (${show(state)} became ${show(copy)}); it must return a new value and leave its input untouched (Array.prototype.sort sorts in place: copy first)`);
    }
    const bad = describeNonPlainData(out, 'result');
    if (bad !== null) throw new ModelDefinitionError(`${name} returned a value that is not plain data: ${bad.message}`);
  }
  return out;
}

/**
 * The identity of a check, or undefined when states are identified whole.
 *
 * @example
 * identityOf(compose(model), options.view, { properties })?.key(state); // the state's representative, or its view
 */
export function identityOf<S>(system: System<S>, view: ((state: unknown) => unknown) | undefined, checked: Checked<S> = { properties: system.invariants }): Identity<S> | undefined {
  const symmetry = system.symmetry as ((state: unknown) => unknown) | undefined;
  if (symmetry === undefined && view === undefined) return undefined;
  const noun = symmetry !== undefined && view !== undefined ? 'symmetry and view' : symmetry !== undefined ? 'symmetry' : 'view';
  const symmetryName = symmetry !== undefined && groupOf(symmetry) !== undefined ? "symmetry (permutations' permute or signature)" : 'symmetry';
  let calls = 0;
  const key = (state: unknown, strict = false): unknown => {
    const check = strict || calls++ < CHECKED_KEYS;
    const rep = symmetry === undefined ? state : callOnCopy(symmetryName, symmetry, state, check);
    return view === undefined ? rep : callOnCopy('view', view, rep, check);
  };
  const guard = new Guard(system, (s) => key(s, true), key, noun, symmetry as ((state: S) => S) | undefined, view, checked);
  return {
    key: (s) => key(s),
    noun,
    sample: (s, id) => guard.sample(s, id),
    met: (s, id, added) => guard.met(s, id, added),
    unchanged: (s, id) => guard.unchanged(s, id),
    expanded: (id, cut) => guard.expanded(id, cut),
    finished: (passed) => guard.finished(passed),
    attach: (find) => (guard.find = find),
  };
}

/** Every renaming of the ids, as functions (at most ALL_RENAMINGS ids). */
function everyRenaming(ids: readonly unknown[]): ((id: unknown) => unknown)[] {
  const orders: unknown[][] = [];
  const build = (prefix: unknown[], rest: readonly unknown[]): void => {
    if (rest.length === 0) orders.push(prefix);
    rest.forEach((id, i) => build([...prefix, id], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  build([], ids);
  return orders.map((to) => renamingTo(ids, to));
}

const times = (n: number): string => (n === 1 ? 'once' : `${n} times`);

class Guard<S> {
  /** Set by the search: the class id of a state, or -1. */
  find: (state: unknown) => number = () => -1;
  private expandedCount = 0;
  private readonly random = new Random(Math.random() * 0x100000000); // seeded per run: repeated runs sample differently
  private readonly group: PermutationGroup<S> | undefined;
  private readonly properties: readonly Property<S>[];
  private readonly transitions: readonly Transition<S>[];
  private readonly fp = new Int32Array(2);
  private readonly onwardFp = new Int32Array(2);
  /**
   * How merged states' successors are compared: by class; under
   * `permutations`, renamed to the representative (and viewed, with a view);
   * not at all under a hand-written symmetry with a view (neither the class
   * nor a renaming is canonical for the two together).
   */
  private readonly onwardBy: 'class' | 'renamed' | 'none';
  // Per class: its first member's signature and whole fingerprint.
  private signatures = new Int32Array(1024);
  private wholes = new Int32Array(2048);
  private classes = 0;
  private walkBudget = WALK_STEPS;
  /** Merged states kept for the walks at the end, and how many were offered. */
  private readonly kept: S[] = [];
  private keptSeen = 0;
  /** The check's clock, for the walks at the end: they stop when the time is up. */
  private passed: () => boolean = () => false;
  // Per class: the hash of its first member's successor classes (two lanes), and whether it is known.
  private successors = new Int32Array(2048);
  private known = new Uint8Array(1024);
  /** The class being expanded, its first member's renaming to its representative (under permutations), and its successors met so far. */
  private expanding = -1;
  private toRepresentative: ((id: unknown) => unknown) | undefined = undefined;
  private readonly met_: number[] = [];
  /** States merged into a class not yet expanded, compared when it is. */
  private readonly pending = new Map<number, S[]>();
  /** Merged states already compared on their successors (their whole 64-bit fingerprint, as a 53-bit number). */
  private readonly compared = new Set<number>();

  constructor(
    private readonly system: System<S>,
    private readonly strictKey: (state: unknown) => unknown,
    /** The key as the store computes it (its own checks on the first calls only). */
    private readonly quickKey: (state: unknown) => unknown,
    private readonly noun: string,
    private readonly symmetry: ((state: S) => S) | undefined,
    private readonly view: ((state: unknown) => unknown) | undefined,
    private readonly checked: Checked<S>,
  ) {
    this.group = symmetry === undefined ? undefined : groupOf(symmetry);
    // A group made by another copy of kripke (Symbol.for crosses copies) may predate renamingOf.
    this.onwardBy = typeof this.group?.renamingOf === 'function' ? 'renamed' : symmetry !== undefined && view !== undefined ? 'none' : 'class';
    this.properties = checked.properties;
    this.transitions = system.transitions;
  }

  /** Every state met: the first of its class leaves its signature; a different one must match it. */
  met(s: S, id: number, added: boolean): void {
    fingerprint64.of(s, this.fp, true);
    if (added || id >= this.classes) this.record(id, this.signature(s));
    else if (this.wholes[2 * id] !== this.fp[0] || this.wholes[2 * id + 1] !== this.fp[1]) this.merged(s, id);
    // The state agrees with its class's signature now (or the check has thrown).
    if (this.expanding >= 0) this.met_.push(this.onward(s, id, this.toRepresentative, this.signatures[id]));
  }

  /**
   * Whether the first member of class `id` hashes as it did when it was met:
   * the guard ran the properties on it since (its signature), and a property
   * that changes the state must be named, not its effect reported (review21b).
   */
  unchanged(s: S, id: number): boolean {
    if (id >= this.classes) return true;
    fingerprint64.of(s, this.fp, true);
    return this.wholes[2 * id] === this.fp[0] && this.wholes[2 * id + 1] === this.fp[1];
  }

  /** A state met that is not its class's first member. */
  private merged(s: S, id: number): void {
    if (this.signature(s) !== this.signatures[id]) throw this.apart(id, s, 'another state the check identifies with it');
    const whole = this.fp[0] * 0x200000 + (this.fp[1] >>> 11);
    if (!this.compared.has(whole)) {
      this.compared.add(whole);
      if (this.known[id] === 1) this.followsClass(s, id);
      else if (this.known[id] === 0) this.pend(id, s);
    }
    this.walkBudget++;
    this.keep(s);
  }

  /** A merged state kept for a walk at the end (a uniform sample of them: reservoir sampling). */
  private keep(s: S): void {
    const seen = this.keptSeen++;
    if (this.kept.length < WALKS) this.kept.push(s);
    else {
      const at = this.random.below(seen + 1);
      if (at < WALKS) this.kept[at] = s;
    }
  }

  /**
   * Random walks from merged states, once the search has stored every class:
   * each state passed must agree with its class, and must have one (after a
   * complete search, a state reachable from a merged one that is in no class
   * is one the reduced search never reached: the merge was wrong; except
   * under `permutations`, where a signature that ties can leave a renaming of
   * a reached state in a class never reached).
   */
  finished(passed: () => boolean): void {
    this.passed = passed;
    // Walks in proportion to the merges met and the classes stored (a small model walks little), within the budget.
    this.walkBudget = Math.min(this.walkBudget, Math.max(WALK_DEPTH * 4 * this.keptSeen, 4 * this.classes));
    for (let progress = true; progress && this.walkBudget > 0; ) {
      progress = false;
      for (const s of this.kept) if (this.walk(s) > 0) progress = true;
    }
    this.kept.length = 0;
  }

  /** The first member of class `id` has been expanded: its successors' classes are its fingerprint one step on. */
  expanded(id: number, cut: boolean): void {
    if (id !== this.expanding) return;
    this.expanding = -1;
    while (id >= this.known.length) {
      this.known = doubled(this.known, new Uint8Array(this.known.length * 2));
      this.successors = doubled(this.successors, new Int32Array(this.successors.length * 2));
    }
    // A cut class has successors the store never saw: its merged states cannot be compared on them (and the check is incomplete).
    this.known[id] = cut ? 2 : 1;
    setHash(this.met_, this.successors, 2 * id);
    const waiting = this.pending.get(id);
    if (waiting === undefined) return;
    this.pending.delete(id);
    if (!cut) for (const s of waiting) this.followsClass(s, id);
  }

  private pend(id: number, s: S): void {
    const waiting = this.pending.get(id);
    if (waiting === undefined) this.pending.set(id, [s]);
    else waiting.push(s);
  }

  /**
   * Where a successor leads, as the number that merged states must agree on:
   * its class; or, under `permutations`, the successor renamed as its
   * parent is to its representative, whole (a signature that ties can give
   * renamings of one state different representatives, so classes would
   * differ where the model is symmetric; renamed successors do not: a state
   * and its renaming, renamed to their common representative, have the same
   * successors when the model treats ids alike).
   */
  private onward(next: S, id: number, to: ((id: unknown) => unknown) | undefined, signature: number, fresh = false): number {
    if (this.onwardBy === 'none') return 0;
    if (to === undefined) return id;
    // Renamed successors that are equal must also agree on the signature (what an invariant says of them).
    fingerprint64.of(this.renamedOnward(next, to, !fresh), this.onwardFp, true);
    return (this.onwardFp[0] ^ Math.imul(signature, 0x9e3779b1)) * 0x200000 + (this.onwardFp[1] >>> 11);
  }

  /** A successor renamed by its parent's renaming, and viewed when there is a view. */
  private renamedOnward(next: S, to: (id: unknown) => unknown, copy: boolean): unknown {
    const renamed = this.renamed(next, to, false, copy);
    return this.view === undefined ? renamed : callOnCopy('view', this.view, renamed, false, false);
  }

  /** The renaming of a state to its representative, under `permutations` (undefined otherwise). */
  private renamingOf(s: S): ((id: unknown) => unknown) | undefined {
    if (this.onwardBy !== 'renamed') return undefined;
    const renamingOf = this.group!.renamingOf;
    return callOnCopy("permutations' signature", (c) => renamingOf(c as S), s, false);
  }


  /**
   * A state merged into class `id` must lead where its first member leads,
   * and each state it leads to must agree with the first member of its own
   * class on what the signature covers (an invariant can tell apart two
   * states one step on whose classes or renamings match).
   */
  private followsClass(s: S, id: number): void {
    const onward: number[] = [];
    const hash = new Int32Array(2);
    const to = this.renamingOf(s);
    for (const [t, c] of enabledChoices(s, this.transitions)) {
      let next: S;
      try {
        next = this.transitions[t].apply(s, c);
      } catch (error) {
        throw this.apart(id, s, 'another state the check identifies with it', `${this.labelOf(t, c)} throws in the second (${reason(error)}) and not in the first`);
      }
      if (this.onwardBy === 'renamed') {
        onward.push(this.onward(next, -1, to, this.signature(next), true));
      } else {
        const at = this.find(next);
        this.agreesWithClass(next, at, 'a state one step from one the check merged, which it identifies with it');
        onward.push(this.onward(next, at, to, 0, true));
      }
    }
    setHash(onward, hash, 0);
    if (hash[0] !== this.successors[2 * id] || hash[1] !== this.successors[2 * id + 1]) throw this.apart(id, s, 'another state the check identifies with it');
  }

  /** A state reached from a merged one, against the first member of its class (if it has one yet); `what` it is, for the message. */
  private agreesWithClass(next: S, id: number, what: string): void {
    if (id < 0 || id >= this.classes) return;
    fingerprint64.of(next, this.fp, true);
    if (this.wholes[2 * id] === this.fp[0] && this.wholes[2 * id + 1] === this.fp[1]) return;
    if (this.signature(next) !== this.signatures[id]) throw this.apart(id, next, what);
  }

  /** A firing's label, as traces show it (`go(1)`). */
  private labelOf(t: number, c: unknown): string {
    const tr = this.transitions[t];
    return `action '${stepLabel(tr.label, tr.choices !== undefined, c)}'`;
  }

  private record(id: number, signature: number): void {
    while (id >= this.signatures.length) {
      this.signatures = doubled(this.signatures, new Int32Array(this.signatures.length * 2));
      this.wholes = doubled(this.wholes, new Int32Array(this.wholes.length * 2));
    }
    this.signatures[id] = signature;
    this.wholes[2 * id] = this.fp[0];
    this.wholes[2 * id + 1] = this.fp[1];
    if (id >= this.classes) this.classes = id + 1;
  }

  /** What merged states must agree on, in 32 bits: each property and the target, terminal, and each action's count of enabled firings. */
  private signature(s: S): number {
    let h = 0x811c9dc5;
    const mix = (x: number) => (h = Math.imul(h ^ x, 0x01000193));
    for (const p of this.properties) mix(verdict(p.test(s)));
    if (this.checked.target !== undefined) mix(verdict(this.checked.target(s)));
    if (this.system.terminal !== undefined) mix(verdict(this.system.terminal(s)));
    for (const n of this.enabledCounts(s)) mix(n);
    return h;
  }

  private enabledCounts(s: S): number[] {
    const counts = new Array<number>(this.transitions.length).fill(0);
    for (const [t] of enabledChoices(s, this.transitions)) counts[t]++;
    return counts;
  }

  /** The first thing two states differ on, of what the signature covers, then where their actions lead; null if nothing. */
  difference(a: S, b: S): string | null {
    return this.signatureDifference(a, b) ?? this.successorDifference(a, b);
  }

  /** The first successor class one state's actions lead to and the other's do not; null if none. */
  private successorDifference(a: S, b: S): string | null {
    if (this.onwardBy === 'none') return null;
    const [ta, tb] = [this.renamingOf(a), this.renamingOf(b)];
    const sa = this.successorKeys(a, ta, true);
    const sb = this.successorKeys(b, tb, true);
    const same = ta === undefined ? 'a state the check identifies with it' : 'the same state with its ids renamed';
    for (const [k, step] of sa) if (!sb.has(k)) return `${step.label()} leads from the first to ${show(step.state)}, and no action leads from the second to ${same}`;
    for (const [k, step] of sb) if (!sa.has(k)) return `${step.label()} leads from the second to ${show(step.state)}, and no action leads from the first to ${same}`;
    for (const [k, x] of sa) {
      const y = sb.get(k)!;
      const difference = this.signatureDifference(x.state, y.state);
      if (difference !== null) return `${x.label()} leads from the first to ${show(x.state)} and ${y.label()} from the second to ${show(y.state)}, ${same}, yet of these two ${difference}`;
    }
    return null;
  }

  /** The first thing two states differ on, of what the signature covers; null if nothing. */
  private signatureDifference(a: S, b: S): string | null {
    for (const p of this.properties) {
      const [x, y] = [p.test(a), p.test(b)];
      if (x !== y) return `${p.environment === undefined ? 'invariant' : 'guarantee'} '${p.name}' is ${String(x)} in the first and ${String(y)} in the second`;
    }
    const target = this.checked.target;
    if (target !== undefined && target(a) !== target(b)) return `the reach target is ${String(target(a))} in the first and ${String(target(b))} in the second`;
    const terminal = this.system.terminal;
    if (terminal !== undefined && terminal(a) !== terminal(b)) return 'terminal tells them apart';
    const [ea, eb] = [this.enabledCounts(a), this.enabledCounts(b)];
    const t = ea.findIndex((n, i) => n !== eb[i]);
    return t < 0 ? null : `action '${this.transitions[t].label}' is enabled ${times(ea[t])} in the first and ${times(eb[t])} in the second`;
  }

  /** The error for a state that differs from its class's first member (rebuilt by the query). */
  private apart(id: number, s: S, what: string, known?: string): MergedApart<S> {
    const copy = copyPlainData(s);
    return new MergedApart(id, copy, (first) => {
      const difference = known ?? this.difference(first, copy) ?? 'their signatures differ (what the invariants, target, terminal or guards return, or the classes their actions lead to, are not the same)';
      return this.error(first, copy, what, difference);
    });
  }

  /** A random walk from a merged state after the search, comparing each state passed with its class (within the budget); the steps taken. */
  private walk(from: S): number {
    let s = from;
    let depth = 0;
    for (; depth < WALK_DEPTH && this.walkBudget > 0; depth++) {
      this.walkBudget--;
      if (this.passed()) return 0;
      const next = this.randomSuccessor(s, from, depth);
      if (next === undefined) return depth;
      const id = this.find(next);
      s = next;
      // Under permutations a signature that ties leaves some renamings of reached states in classes never reached: no evidence there.
      if ((id < 0 || id >= this.classes) && this.onwardBy === 'class') {
        throw new ModelDefinitionError(
          `${this.noun}: the check would merge states that behave differently, and could pass where a violation is reachable. ` +
            `The state ${show(next)} is reachable in ${depth + 1} ${depth === 0 ? 'step' : 'steps'} from ${show(from)}, a state the check identified with another, yet the search reached no state it identifies with it. ${this.rule()}.`,
        );
      }
      this.agreesWithClass(s, id, 'a state reachable from a merged one, which the check identifies with it');
    }
    return depth;
  }

  /**
   * A random successor of `s`, a state reachable from the merged state `from`
   * (undefined when none is enabled). The model's code failing there (a throw,
   * an action returning undefined) is what the search never met in the states
   * it identifies with these: the reduction's error, naming the state.
   */
  private randomSuccessor(s: S, from: S, depth: number): S | undefined {
    let doing = 'the guards';
    try {
      const enabled = [...enabledChoices(s, this.transitions)];
      if (enabled.length === 0) return undefined;
      const [t, c] = enabled[this.random.below(enabled.length)];
      doing = this.labelOf(t, c);
      const next = this.transitions[t].apply(s, c);
      if (next !== undefined) return next;
      throw new ModelDefinitionError(this.unmet(s, from, depth, `${doing} returns undefined`));
    } catch (error) {
      if (error instanceof KripkeError) throw error;
      throw new ModelDefinitionError(this.unmet(s, from, depth, `${doing} ${doing === 'the guards' ? 'throw' : 'throws'} (${reason(error)})`), { cause: error });
    }
  }

  /** The message for what the model does in a state reachable from a merged one that the search never met. */
  private unmet(s: S, from: S, depth: number, what: string): string {
    const where = depth === 0 ? `In ${show(s)}, a state the check identified with another` : `In ${show(s)}, reachable in ${depth} ${depth === 1 ? 'step' : 'steps'} from ${show(from)}, a state the check identified with another`;
    return `${this.noun}: the check would merge states that behave differently, and could pass where a violation is reachable. ${where}, ${what}; the search met nothing like it in the states it explored. ${this.rule()}.`;
  }

  sample(s: S, id: number): void {
    this.expanding = id;
    this.met_.length = 0;
    this.toRepresentative = this.renamingOf(s);
    const n = this.expandedCount++;
    if (n >= EVERY_STATE && this.random.below(SAMPLE_EVERY) !== 0) return;
    const k = this.deterministic(s);
    if (this.symmetry === undefined) return;
    const rep = this.noun === 'symmetry' ? (k as S) : (callOnCopy('symmetry', this.symmetry as (s: unknown) => S, s, true) as S);
    const again = this.noun === 'symmetry' ? this.strictKey(rep) : rep;
    if (this.noun === 'symmetry' && canonicalKey(again) !== canonicalKey(k)) {
      throw new ModelDefinitionError(`symmetry is not idempotent: the state ${show(s)} has the representative ${show(k)}, whose own representative is ${show(again)}; a representative must be its own representative`);
    }
    if (this.group === undefined) return this.compare(s, rep, 'its representative');
    const { ids } = this.group;
    this.compare(s, rep, 'its representative', this.toRepresentative);
    const renamings = ids.length <= ALL_RENAMINGS ? everyRenaming(ids) : [this.renaming(ids)];
    for (const to of renamings) this.compare(s, this.renamed(s, to), 'the same state with its ids renamed', to);
  }

  /**
   * The state with its ids renamed by `to`, through the model's permute: on a
   * copy, unless the state is the guard's own (`copy` false); `strict`: the
   * input unchanged and the result plain data, checked.
   */
  private renamed(s: S, to: (id: unknown) => unknown, strict = true, copy = true): S {
    const permute = this.group!.permute;
    return callOnCopy("permutations' permute", (c) => permute(c as S, to), s, strict, copy) as S;
  }

  /** The key of a state, asked twice: a symmetry or view must give the same answer for the same state. */
  private deterministic(s: S): unknown {
    const a = this.strictKey(s);
    const b = this.strictKey(s);
    if (canonicalKey(a) !== canonicalKey(b)) {
      throw new ModelDefinitionError(`${this.noun} is not deterministic: for the state ${show(s)} it returned ${show(a)}, then ${show(b)}; it must be a function of the state alone (no Math.random, no counters)`);
    }
    return a;
  }

  /** A pseudo-random renaming of the ids. */
  private renaming(ids: readonly unknown[]): (id: unknown) => unknown {
    return renamingTo(ids, this.random.shuffle([...ids]));
  }

  /**
   * `a` and `b` must look the same to what the check reads, and have the same
   * successors up to identity (sampled, one step). When `b` is `a` renamed by
   * `to`, each successor of `a` is renamed by `to` before it is compared: the
   * successors of a renaming are the renamings of the successors, whether or
   * not the two have the same representative (a signature that ties).
   */
  private compare(a: S, b: S, what: string, to?: (id: unknown) => unknown): void {
    const difference = this.signatureDifference(a, b);
    if (difference !== null) throw this.error(a, b, what, difference);
    const sa = this.successorKeys(a, to);
    const sb = this.successorKeys(b);
    const apart = (label: () => string, from: string, other: string): ModelDefinitionError => {
      // A symmetry or view that answers differently for one state would look like this: say so instead.
      for (const s of [a, b]) for (const { state } of firings(s, this.transitions)) this.deterministic(state);
      return this.error(a, b, what, `${label()} leads from the ${from} to a state that no action leads to from the ${other}`);
    };
    for (const [k, step] of sa) if (!sb.has(k)) throw apart(step.label, 'first', 'second');
    for (const [k, step] of sb) if (!sa.has(k)) throw apart(step.label, 'second', 'first');
  }


  /** A value whole, as text (its 64-bit fingerprint). */
  private whole(s: unknown): string {
    fingerprint64.of(s, this.fp, true);
    return `${this.fp[0]}:${this.fp[1]}`;
  }

  /** A state's identity in the check, as text (its key's 64-bit fingerprint: a collision here only hides a difference). */
  private id(s: S): string {
    fingerprint64.of(this.quickKey(s), this.fp, true);
    return `${this.fp[0]}:${this.fp[1]}`;
  }

  /**
   * The identities of a state's successors, each with its action and the
   * successor itself: by key; renamed by `to` first, when given; with
   * `onward`, renamed successors as the merge comparison sees them (whole, or viewed).
   */
  private successorKeys(s: S, to?: (id: unknown) => unknown, onward = false): Map<string, { label: () => string; state: S }> {
    const keys = new Map<string, { label: () => string; state: S }>();
    for (const { transition: t, choice: c, state: next } of firings(s, this.transitions)) {
      const k = to === undefined ? this.id(next) : onward ? this.whole(this.renamedOnward(next, to, false)) : this.id(this.renamed(next, to, false, false));
      if (!keys.has(k)) keys.set(k, { label: () => this.labelOf(t, c), state: next });
    }
    return keys;
  }

  /** What makes a reduction sound, and what to do, for messages. */
  private rule(): string {
    const rule =
      this.noun === 'view'
        ? 'A view may leave out only what no invariant, guard or action depends on (a step counter, a history kept for reading)'
        : 'Symmetry is sound only when every invariant, guard and action treats a state and its renamings alike';
    return `${rule}; fix the ${this.noun} or the model, or leave the ${this.noun} out`;
  }

  private error(a: S, b: S, what: string, difference: string): ModelDefinitionError {
    return new ModelDefinitionError(
      `${this.noun}: the check would merge states that behave differently, and could pass where a violation is reachable. ` +
        `A reachable state ${show(a)} and ${what}, ${show(b)}, differ: ${difference}. ${this.rule()}.`,
    );
  }
}

/** `into`, twice the length of `from`, holding what `from` holds. */
function doubled<T extends Int32Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

/** A 64-bit hash (two lanes, into `out` at `at`) of a set of class ids, whatever their order and repetitions; -1 (no class) counts as itself. */
function setHash(ids: number[], out: Int32Array, at: number): void {
  ids.sort((x, y) => x - y);
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let last = NaN;
  for (const id of ids) {
    if (id === last) continue;
    last = id;
    a = Math.imul(a ^ id, 0x01000193);
    b = Math.imul(b ^ id, 0x5bd1e995) ^ (b >>> 15);
  }
  out[at] = a;
  out[at + 1] = b;
}

/** A property's or predicate's answer as a number for the signature. */
function verdict(x: unknown): number {
  return x === true ? 1 : x === false ? 2 : 3;
}
