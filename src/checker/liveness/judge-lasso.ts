/**
 * Whether one concrete lasso, replayed on today's model, is still a
 * counterexample to a liveness property: the property's goal fails along it
 * as its temporal form says, and a scheduler fair by the property's fairness
 * could run it. The check's own search answers another question (is there
 * some such lasso, and which is the shortest); a saved lasso is judged by
 * itself, so that reordering the model's actions, which changes which of two
 * equally short lassos the search returns, does not change its verdict.
 *
 * The semantics are the search's (lasso.ts, fairness.ts), on the lasso's
 * states: a step from s to t takes every fairness unit with an instance that
 * leads from s to t and changes the state (the cycle repeats forever, so it
 * may take each of them in turn, whichever action the file names); a unit is
 * enabled in a state where such a step exists; a weakly fair unit must be
 * taken on the cycle or disabled somewhere on it, a strongly fair one taken or
 * disabled everywhere on it. A path may stop for good where no action of the
 * model is enabled (an environment need not act), and where no fair unit is
 * if the property allows stuttering or some step from there leads back there
 * (stopping is repeating a step that changes nothing).
 */
import { describeThrown } from '../../model/errors.js';
import { stepLabel } from '../../model/literal.js';
import { canonicalKey, sameState } from '../../model/plain-data.js';
import type { LivenessProperty, Transition } from '../../model/types.js';
import { enabledChoices } from '../trace.js';

/** The lasso still breaks the property, or the first reason it does not; `unjudged` when the model's code threw. */
export type LassoVerdict = { readonly breaks: true } | { readonly breaks: false; readonly why: string; readonly unjudged?: true };

/** An action instance: a transition with one of its choices. */
interface Instance {
  readonly transition: number;
  readonly label: string;
}

/** The model's code threw while the lasso was judged: what, and where. */
class Threw extends Error {}

/**
 * Judges the lasso `states` (index 0 an initial state) against `property`.
 * With `loopsTo`, the path repeats from `states[loopsTo]` forever: the last
 * state is that state again (kripke's files), or a step of the model leads
 * back to it. Without, the path stops at its last state.
 */
export function judgeLasso<S>(transitions: readonly Transition<S>[], property: LivenessProperty<S>, states: readonly S[], loopsTo: number | undefined): LassoVerdict {
  try {
    const lasso = new Lasso(transitions, states, loopsTo);
    const why = goalComes(property, lasso) ?? (loopsTo === undefined ? cannotStop(property, lasso) : unfair(property, lasso));
    return why === undefined ? { breaks: true } : { breaks: false, why };
  } catch (error) {
    if (error instanceof Threw) return { breaks: false, why: error.message, unjudged: true };
    throw error;
  }
}

/** The lasso's states, its cycle, and the steps the model offers from the cycle's states. */
class Lasso<S> {
  readonly last: number;
  /** The state indices that repeat forever (the one where the path stops, without a loop). */
  readonly cycle: readonly number[];
  /** Per cycle state (as `cycle`): each instance enabled there, with the index in `states` of where it leads (-1 off the lasso) and whether it changes the state. */
  readonly out: readonly { readonly instance: Instance; readonly to: number; readonly changes: boolean }[][];
  /** Instances met, per transition, by their choice (primitives as they are, but -0; compound choices and -0 by canonical key, as graph.ts). */
  private readonly ids: Map<unknown, Instance>[];

  constructor(
    readonly transitions: readonly Transition<S>[],
    readonly states: readonly S[],
    readonly loopsTo: number | undefined,
  ) {
    const n = states.length - 1;
    this.last = n;
    this.ids = transitions.map(() => new Map());
    const closed = loopsTo !== undefined && n > loopsTo && sameState(states[n], states[loopsTo]);
    this.cycle = loopsTo === undefined ? [n] : range(loopsTo, closed ? n - 1 : n);
    this.out = this.cycle.map((i) => this.firingsAt(i));
  }

  /** The instance of transition `t` with choice `c`. */
  private instance(t: number, c: unknown): Instance {
    const compound = (typeof c === 'object' && c !== null) || Object.is(c, -0);
    const key = compound ? canonicalKey(c) : c;
    let found = this.ids[t].get(key);
    if (found === undefined) {
      const tr = this.transitions[t];
      found = { transition: t, label: stepLabel(tr.label, tr.choices !== undefined, c) };
      this.ids[t].set(key, found);
    }
    return found;
  }

  /** The index of the state after step `i` on the lasso (past the end, for a path that stops). */
  nextOf(i: number): number {
    return i === this.last && this.loopsTo !== undefined ? this.loopsTo : i + 1;
  }

  private firingsAt(i: number): Lasso<S>['out'][number] {
    const state = this.states[i];
    const next = this.nextOf(i);
    const out: { instance: Instance; to: number; changes: boolean }[] = [];
    try {
      for (const [t, c] of enabledChoices(state, this.transitions)) {
        const succ = this.transitions[t].apply(state, c);
        const to = next <= this.last && sameState(succ, this.states[next]) ? next : sameState(succ, state) ? i : -1;
        out.push({ instance: this.instance(t, c), to, changes: !sameState(succ, state) });
      }
    } catch (error) {
      throw new Threw(`the model's code throws at step ${i}, where kripke lists the steps it offers: ${describeThrown(error)}`);
    }
    return out;
  }

  /** Whether predicate `p` (the goal, or `from`) holds at step `i`. */
  holds(p: (s: S) => unknown, i: number, what: string): boolean {
    try {
      return p(this.states[i]) === true;
    } catch (error) {
      throw new Threw(`${what} throws at step ${i}: ${describeThrown(error)}`);
    }
  }
}

/** Why the goal does not fail along the lasso as the property's form says; undefined when it does. */
function goalComes<S>(property: LivenessProperty<S>, lasso: Lasso<S>): string | undefined {
  const { cycle, last, loopsTo } = lasso;
  const what = property.form === undefined ? 'the goal' : 'the predicate';
  const goal = (i: number) => lasso.holds(property.goal, i, what);
  const where = loopsTo === undefined ? 'where the path stops' : 'on the cycle';
  if (property.form === 'infinitelyOften') {
    const at = cycle.find(goal);
    return at === undefined ? undefined : `the predicate holds at step ${at}, ${where}, so it holds again and again`;
  }
  if (property.form === 'eventuallyAlways') return cycle.every(goal) ? `the predicate holds ${loopsTo === undefined ? where : 'on every state of the cycle'}, so it holds for good` : undefined;
  const from = property.from;
  if (from === undefined) {
    // ◇goal: due from the start.
    const reached = range(0, last).find(goal);
    return reached === undefined ? undefined : `the goal holds at step ${reached}`;
  }
  // from ⤳ goal: due at a `from` state, after which the goal never comes (the cycle repeats: all of it counts).
  const froms = range(0, last).filter((i) => lasso.holds(from, i, "'from'"));
  if (froms.length === 0) return "'from' holds nowhere on it, so the goal is never due";
  const repeats = loopsTo ?? last;
  const due = froms.some((i) => range(Math.min(i, repeats), last).every((j) => !goal(j)));
  return due ? undefined : `wherever 'from' holds on it, the goal follows (at step ${range(froms[froms.length - 1], last).find(goal) ?? cycle.find(goal)})`;
}

/** Why the path may not stop where it stops; undefined when it may. */
function cannotStop<S>(property: LivenessProperty<S>, lasso: Lasso<S>): string | undefined {
  const out = lasso.out[0];
  const at = lasso.last;
  const model = out.filter((f) => lasso.transitions[f.instance.transition].environment === undefined);
  if (model.length === 0) return undefined;
  const units = unitsOf(lasso.transitions, property);
  const fair = out.find((f) => f.changes && units.some((u) => u.covers(f.instance)));
  // Stopping is stuttering: allowed by the property, or a step that changes nothing repeated forever.
  const repeats = out.find((f) => !f.changes);
  if (property.stuttering !== true && repeats === undefined) {
    return `it stops at step ${at}, which is no longer a dead end: \`${model[0].instance.label}\` is enabled there (a path stops only where no action of the model is, unless the property allows stuttering or a step from there changes nothing)`;
  }
  return fair === undefined ? undefined : `it stops at step ${at}, where the fair action \`${fair.instance.label}\` is enabled`;
}

/** Why no fair scheduler runs the lasso's cycle; undefined when one can. */
function unfair<S>(property: LivenessProperty<S>, lasso: Lasso<S>): string | undefined {
  const { cycle, out, last, loopsTo } = lasso;
  // The last state must lead back to the loop's first: equal to it, or a step of the model away.
  if (cycle[cycle.length - 1] === last && !out[out.length - 1].some((f) => f.to === loopsTo)) {
    return `its cycle does not close: no action leads from step ${last} back to step ${loopsTo}`;
  }
  // Taken: every instance of a step of the cycle that changes the state (whichever the file names: the cycle repeats, and may take each in turn).
  const taken = new Set(out.flatMap((fs, k) => fs.filter((f) => f.changes && f.to === lasso.nextOf(cycle[k])).map((f) => f.instance)));
  const enabled = out.map((fs) => new Set(fs.filter((f) => f.changes).map((f) => f.instance)));
  const instances = [...new Set(enabled.flatMap((e) => [...e]))];
  // A unit the cycle owes a step: weakly fair and enabled on every state of it, or strongly fair and enabled on one.
  const owed = (strong: boolean, at: readonly boolean[]) => (strong ? at.some(Boolean) : at.every(Boolean));
  for (const unit of unitsOf(lasso.transitions, property)) {
    if (unit.perInstance) {
      // Each instance is fair on its own.
      const x = instances.find((i) => unit.covers(i) && !taken.has(i) && owed(unit.strong, enabled.map((e) => e.has(i))));
      if (x !== undefined) return unfairness(x.label, unit.strong);
    } else if (![...taken].some((x) => unit.covers(x)) && owed(unit.strong, enabled.map((e) => [...e].some((x) => unit.covers(x))))) {
      return unfairness(unit.name, unit.strong);
    }
  }
  return undefined;
}

function unfairness(label: string, strong: boolean): string {
  return strong
    ? `it is not fair: \`${label}\` is strongly fair, enabled on its cycle and never taken there`
    : `it is not fair: \`${label}\` is fair, enabled on every state of its cycle and never taken there`;
}

/** One entry of `fair` or `strongFair`: which instances it covers, and whether each of them is a unit of its own. */
interface Unit {
  readonly name: string;
  readonly strong: boolean;
  /** A name (or 'all') makes each instance it covers fair on its own; a group is one unit. */
  readonly perInstance: boolean;
  covers(x: Instance): boolean;
}

function unitsOf<S>(transitions: readonly Transition<S>[], p: LivenessProperty<S>): Unit[] {
  const model = (x: Instance) => transitions[x.transition].environment === undefined;
  const named = (name: string) => (x: Instance) => model(x) && (x.label === name || transitions[x.transition].label === name);
  const units: Unit[] = [];
  const add = (list: LivenessProperty<S>['fair'], strong: boolean) => {
    if (list === undefined) return;
    if (list === 'all') return void units.push({ name: 'all', strong, perInstance: true, covers: model });
    for (const entry of list) {
      if (typeof entry === 'string') {
        units.push({ name: entry, strong, perInstance: true, covers: named(entry) });
      } else {
        const covers = entry.map(named);
        units.push({ name: `[${entry.join(', ')}]`, strong, perInstance: false, covers: (x) => covers.some((c) => c(x)) });
      }
    }
  };
  add(p.fair, false);
  add(p.strongFair, true);
  return units;
}

/** The integers from `a` to `b`, both included. */
function range(a: number, b: number): number[] {
  return Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);
}
