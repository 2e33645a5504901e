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
  const n = states.length - 1;
  const holds = (p: (s: S) => unknown, i: number) => p(states[i]) === true;
  const goal = (i: number) => holds(property.goal, i);
  // The cycle's states are states[loopsTo … last]; its steps those into states[loopsTo + 1 … n], and the closing one.
  let last = n;
  let steps: { from: number; to: number; via: Fired }[] = [];
  if (loopsTo !== undefined) {
    const closed = n > loopsTo && sameState(states[n], states[loopsTo]);
    if (closed) last = n - 1;
    for (let i = loopsTo + 1; i <= n; i++) {
      const via = fired[i];
      if (via !== undefined) steps.push({ from: i - 1, to: i, via });
    }
    if (!closed) {
      const back = [...enabledChoices(states[n], transitions)].find(([t, c]) => sameState(transitions[t].apply(states[n], c), states[loopsTo]));
      if (back === undefined) return { breaks: false, why: `its cycle does not close: no action leads from step ${n} back to step ${loopsTo}` };
      steps = [...steps, { from: n, to: loopsTo, via: { transition: back[0], choice: back[1] } }];
    }
  }
  const cycle = loopsTo === undefined ? [n] : range(loopsTo, last);

  // The goal, by the property's form.
  if (property.form === 'infinitelyOften') {
    const at = cycle.find(goal);
    if (at !== undefined) return { breaks: false, why: `the predicate holds at step ${at}, ${loopsTo === undefined ? 'where the path stops' : 'on the cycle'}, so it holds again and again` };
  } else if (property.form === 'eventuallyAlways') {
    if (cycle.every(goal)) return { breaks: false, why: `the predicate holds ${loopsTo === undefined ? 'where the path stops' : 'on every state of the cycle'}, so it holds for good` };
  } else {
    // ◇goal: due from the start; from ⤳ goal: due at a `from` state, and the goal must then never come (the cycle repeats).
    const reached = range(0, n).find(goal);
    const from = property.from;
    if (from === undefined) {
      if (reached !== undefined) return { breaks: false, why: `the goal holds at step ${reached}` };
    } else {
      const repeats = loopsTo ?? n;
      const due = range(0, n).find((i) => holds(from, i) && range(Math.min(i, repeats), n).every((j) => !goal(j)));
      if (due === undefined) return { breaks: false, why: `wherever 'from' holds along it, the goal follows` };
    }
  }

  // Fairness.
  const units = unitsOf(transitions, property);
  const model = (t: number) => transitions[t].environment === undefined;
  const instances: Instance[] = [];
  const instanceOf = (t: number, c: unknown): Instance => {
    let found = instances.find((x) => x.transition === t && sameState(x.choice, c));
    if (found === undefined) {
      found = { transition: t, choice: c, label: stepLabel(transitions[t].label, transitions[t].choices !== undefined, c) };
      instances.push(found);
    }
    return found;
  };
  /** Per cycle state: the instances with a step out of it that changes the state; and whether any model action is enabled. */
  const enabledAt = cycle.map((i) => {
    const changing = new Set<Instance>();
    let modelActs = false;
    for (const [t, c] of enabledChoices(states[i], transitions)) {
      if (model(t)) modelActs = true;
      if (!sameState(transitions[t].apply(states[i], c), states[i])) changing.add(instanceOf(t, c));
    }
    return { changing, modelActs };
  });

  if (loopsTo === undefined) {
    const end = enabledAt[0];
    if (!end.modelActs) return { breaks: true };
    const fairNow = [...end.changing].find((x) => units.some((u) => u.covers(x)));
    if (property.stuttering === true && fairNow === undefined) return { breaks: true };
    return {
      breaks: false,
      why: property.stuttering === true
        ? `it stops at step ${n}, where the fair action \`${fairNow?.label ?? ''}\` is enabled`
        : `it stops at step ${n}, which is no longer a dead end: \`${firstModelLabel(states[n], transitions)}\` is enabled there (a path stops only where no action of the model is, unless the property allows stuttering)`,
    };
  }

  const taken = steps.filter((s) => !sameState(states[s.to], states[s.from])).map((s) => instanceOf(s.via.transition, s.via.choice));
  const unfairAt = (strong: boolean, at: readonly boolean[]) => (strong ? at.some(Boolean) : at.every(Boolean));
  for (const unit of units) {
    if (unit.perInstance) {
      // Each instance is fair on its own: one enabled on the cycle must be taken on it.
      const unfair = instances.find((x) => unit.covers(x) && !taken.includes(x) && unfairAt(unit.strong, enabledAt.map((e) => e.changing.has(x))));
      if (unfair !== undefined) return { breaks: false, why: unfairness(unfair.label, unit.strong) };
    } else if (!taken.some((x) => unit.covers(x)) && unfairAt(unit.strong, enabledAt.map((e) => [...e.changing].some((x) => unit.covers(x))))) {
      return { breaks: false, why: unfairness(unit.name, unit.strong) };
    }
  }
  return { breaks: true };
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
