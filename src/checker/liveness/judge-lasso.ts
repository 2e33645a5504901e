/**
 * Whether one concrete lasso, replayed on today's model, is still a
 * counterexample to a liveness property: the property's goal fails along it
 * as its temporal form says, and a scheduler fair by the property's fairness
 * could run it. The check's own search answers another question (is there
 * some such lasso, and which is the shortest); a saved lasso is judged by
 * itself, so that reordering the model's actions, which changes which of two
 * equally short lassos the search returns, does not change its verdict.
 *
 * The semantics are the search's (lasso.ts, fairness.ts): a step takes a
 * fairness unit when it is a step of one of the unit's instances that changes
 * the state; a unit is enabled in a state where such a step exists; a weakly
 * fair unit must be taken on the cycle or disabled somewhere on it, a strongly
 * fair one taken or disabled everywhere on it. A path may stop for good where
 * no action of the model is enabled (an environment need not act), or, with
 * `stuttering`, where no fair unit is.
 */
import { sameState } from '../../model/plain-data.js';
import type { LivenessProperty, Transition } from '../../model/types.js';
import { stepLabel } from '../../model/literal.js';
import { enabledChoices } from '../trace.js';

/** A step's action as the replay fired it: the transition's index and its choice. */
export interface Fired {
  readonly transition: number;
  readonly choice: unknown;
}

/** The lasso still breaks the property, or the first reason it does not. */
export type LassoVerdict = { readonly breaks: true } | { readonly breaks: false; readonly why: string };

/** An action instance: a transition with one of its choices. */
interface Instance {
  readonly transition: number;
  readonly choice: unknown;
  readonly label: string;
}

/**
 * Judges the lasso `states` (index 0 an initial state; `fired[i]` the step
 * into `states[i]`) against `property`. With `loopsTo`, the path repeats from
 * `states[loopsTo]` forever: the last state is that state again (kripke's
 * files), or a step of the model leads back to it (`closing`). Without, the
 * path stops at its last state.
 */
export function judgeLasso<S>(
  transitions: readonly Transition<S>[],
  property: LivenessProperty<S>,
  states: readonly S[],
  fired: readonly (Fired | undefined)[],
  loopsTo: number | undefined,
): LassoVerdict {
  const shape = shapeOf(transitions, states, fired, loopsTo);
  if (typeof shape === 'string') return { breaks: false, why: shape };
  const why = goalComes(property, states, shape.cycle, loopsTo) ?? unfair(transitions, property, states, shape, loopsTo);
  return why === undefined ? { breaks: true } : { breaks: false, why };
}

/** A step of the cycle: from one state index to another, by a firing. */
interface CycleStep {
  readonly from: number;
  readonly to: number;
  readonly via: Fired;
}

/** The cycle's state indices and steps (with the closing step, when the last state is not the loop's first again); or why it is no cycle. */
function shapeOf<S>(transitions: readonly Transition<S>[], states: readonly S[], fired: readonly (Fired | undefined)[], loopsTo: number | undefined): { cycle: number[]; steps: CycleStep[] } | string {
  const n = states.length - 1;
  if (loopsTo === undefined) return { cycle: [n], steps: [] };
  const steps: CycleStep[] = [];
  for (let i = loopsTo + 1; i <= n; i++) {
    const via = fired[i];
    if (via !== undefined) steps.push({ from: i - 1, to: i, via });
  }
  if (n > loopsTo && sameState(states[n], states[loopsTo])) return { cycle: range(loopsTo, n - 1), steps };
  const back = [...enabledChoices(states[n], transitions)].find(([t, c]) => sameState(transitions[t].apply(states[n], c), states[loopsTo]));
  if (back === undefined) return `its cycle does not close: no action leads from step ${n} back to step ${loopsTo}`;
  return { cycle: range(loopsTo, n), steps: [...steps, { from: n, to: loopsTo, via: { transition: back[0], choice: back[1] } }] };
}

/** Why the goal does not fail along the lasso as the property's form says; undefined when it does. */
function goalComes<S>(property: LivenessProperty<S>, states: readonly S[], cycle: readonly number[], loopsTo: number | undefined): string | undefined {
  const n = states.length - 1;
  const goal = (i: number) => property.goal(states[i]) === true;
  const where = loopsTo === undefined ? 'where the path stops' : 'on the cycle';
  if (property.form === 'infinitelyOften') {
    const at = cycle.find(goal);
    return at === undefined ? undefined : `the predicate holds at step ${at}, ${where}, so it holds again and again`;
  }
  if (property.form === 'eventuallyAlways') return cycle.every(goal) ? `the predicate holds ${loopsTo === undefined ? where : 'on every state of the cycle'}, so it holds for good` : undefined;
  const from = property.from;
  if (from === undefined) {
    // ◇goal: due from the start.
    const reached = range(0, n).find(goal);
    return reached === undefined ? undefined : `the goal holds at step ${reached}`;
  }
  // from ⤳ goal: due at a `from` state, after which the goal never comes (the cycle repeats: all of it counts).
  const repeats = loopsTo ?? n;
  const due = range(0, n).some((i) => from(states[i]) === true && range(Math.min(i, repeats), n).every((j) => !goal(j)));
  return due ? undefined : `wherever 'from' holds along it, the goal follows`;
}

/** Why no fair scheduler runs the lasso; undefined when one can. */
function unfair<S>(transitions: readonly Transition<S>[], property: LivenessProperty<S>, states: readonly S[], shape: { cycle: number[]; steps: CycleStep[] }, loopsTo: number | undefined): string | undefined {
  const units = unitsOf(transitions, property);
  const instances = new Instances(transitions);
  // Per cycle state: the instances with a step out of it that changes the state, and whether any action of the model is enabled.
  const enabledAt = shape.cycle.map((i) => {
    const changing = new Set<Instance>();
    let modelActs = false;
    for (const [t, c] of enabledChoices(states[i], transitions)) {
      if (transitions[t].environment === undefined) modelActs = true;
      if (!sameState(transitions[t].apply(states[i], c), states[i])) changing.add(instances.of(t, c));
    }
    return { changing, modelActs };
  });
  if (loopsTo === undefined) {
    const n = states.length - 1;
    const end = enabledAt[0];
    if (!end.modelActs) return undefined;
    const fairNow = [...end.changing].find((x) => units.some((u) => u.covers(x)));
    if (property.stuttering !== true) {
      return `it stops at step ${n}, which is no longer a dead end: \`${firstModelLabel(states[n], transitions)}\` is enabled there (a path stops only where no action of the model is, unless the property allows stuttering)`;
    }
    return fairNow === undefined ? undefined : `it stops at step ${n}, where the fair action \`${fairNow.label}\` is enabled`;
  }
  const taken = shape.steps.filter((s) => !sameState(states[s.to], states[s.from])).map((s) => instances.of(s.via.transition, s.via.choice));
  const unfairAt = (strong: boolean, at: readonly boolean[]) => (strong ? at.some(Boolean) : at.every(Boolean));
  for (const unit of units) {
    if (unit.perInstance) {
      // Each instance is fair on its own: one enabled on the cycle must be taken on it.
      const x = instances.all.find((i) => unit.covers(i) && !taken.includes(i) && unfairAt(unit.strong, enabledAt.map((e) => e.changing.has(i))));
      if (x !== undefined) return unfairness(x.label, unit.strong);
    } else if (!taken.some((x) => unit.covers(x)) && unfairAt(unit.strong, enabledAt.map((e) => [...e.changing].some((x) => unit.covers(x))))) {
      return unfairness(unit.name, unit.strong);
    }
  }
  return undefined;
}

/** Action instances met on the lasso, one object per transition and choice (choices equal as data are one). */
class Instances<S> {
  readonly all: Instance[] = [];
  constructor(private readonly transitions: readonly Transition<S>[]) {}

  of(t: number, c: unknown): Instance {
    let found = this.all.find((x) => x.transition === t && sameState(x.choice, c));
    if (found === undefined) {
      const tr = this.transitions[t];
      found = { transition: t, choice: c, label: stepLabel(tr.label, tr.choices !== undefined, c) };
      this.all.push(found);
    }
    return found;
  }
}

function unfairness(label: string, strong: boolean): string {
  return strong
    ? `it is not fair: \`${label}\` is strongly fair, enabled on its cycle and never taken there`
    : `it is not fair: \`${label}\` is fair, enabled on every state of its cycle and never taken there`;
}

/** The label of the first enabled action of the model at `state`. */
function firstModelLabel<S>(state: S, transitions: readonly Transition<S>[]): string {
  for (const [t, c] of enabledChoices(state, transitions)) {
    if (transitions[t].environment === undefined) return stepLabel(transitions[t].label, transitions[t].choices !== undefined, c);
  }
  return '';
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
  const named = (name: string) => (x: Instance) => transitions[x.transition].environment === undefined && (x.label === name || transitions[x.transition].label === name);
  const units: Unit[] = [];
  const add = (list: LivenessProperty<S>['fair'], strong: boolean) => {
    if (list === undefined) return;
    if (list === 'all') {
      units.push({ name: 'all', strong, perInstance: true, covers: (x) => transitions[x.transition].environment === undefined });
      return;
    }
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
