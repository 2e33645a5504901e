/**
 * Counterexample traces, rebuilt after the search from parent ids alone (the
 * technique of TLC and Stateright): walk the parents back to an initial state,
 * then re-run the model forward, choosing at each step the successor whose
 * fingerprint is the next one on the path. Exact, shortest, and no state kept.
 */
import { stepLabel } from '../model/literal.js';
import { KripkeError } from '../model/errors.js';
import { sameState } from '../model/plain-data.js';
import type { Transition } from '../model/types.js';
import type { SearchSpace } from './search.js';
import type { StateStore } from './store/state-store.js';
import type { Step } from './types.js';

/** The ids from an initial state to `id`, inclusive. */
export function pathTo(store: StateStore, id: number): number[] {
  const path: number[] = [];
  for (let x = id; x !== -1; x = store.parentOf(x)) path.push(x);
  return path.reverse();
}

/** One firing of a transition: which one, with which choice, and the state it leads to. */
export interface Firing<S> {
  readonly transition: number;
  readonly choice: unknown;
  readonly state: S;
}

/** Every enabled transition and choice of `state`, in the search's order. */
export function* firings<S>(state: S, transitions: readonly Transition<S>[]): Generator<Firing<S>> {
  for (const [t, c] of enabledChoices(state, transitions)) yield { transition: t, choice: c, state: transitions[t].apply(state, c) };
}

/** The one "choice" of an action without choices. */
const NO_CHOICE: readonly undefined[] = Object.freeze([undefined]);

/** Every enabled transition of `state` and its choice (undefined for an action without choices), in the search's order, none fired. */
export function* enabledChoices<S>(state: S, transitions: readonly Transition<S>[]): Generator<readonly [transition: number, choice: unknown]> {
  for (let t = 0; t < transitions.length; t++) {
    const tr = transitions[t];
    for (const c of tr.choices === undefined ? NO_CHOICE : tr.choices(state)) if (tr.enabled === undefined || tr.enabled(state, c) === true) yield [t, c];
  }
}

/**
 * A firing as a trace step: its label, its environment, the state; and, as
 * data, the action's name and (for a choice) the choice. Those two are not
 * enumerable: a step still compares (`toEqual`) and prints as `{ action, state }`.
 */
export function stepOf<S>(f: Firing<S>, transitions: readonly Transition<S>[]): Step<S> {
  const tr = transitions[f.transition];
  const step = {
    action: stepLabel(tr.label, tr.choices !== undefined, f.choice),
    ...(tr.environment === undefined ? {} : { environment: tr.environment }),
    state: f.state,
  };
  Object.defineProperty(step, 'name', { value: tr.name });
  if (tr.choices !== undefined) Object.defineProperty(step, 'choice', { value: f.choice });
  return step;
}

/** Fires transition `t` with `choice` from `state`, as the search did: the step it makes. */
export function refire<S>(state: S, transitions: readonly Transition<S>[], t: number, choice: unknown): Step<S> {
  return stepOf({ transition: t, choice, state: transitions[t].apply(state, choice) }, transitions);
}

/** One successor of `state`, with its label, for each enabled transition and choice. */
export function* successors<S>(state: S, transitions: readonly Transition<S>[]): Generator<Step<S>> {
  for (const f of firings(state, transitions)) yield stepOf(f, transitions);
}

/**
 * One step to replay: the stored state it reaches and, where several actions
 * lead there, the action to take: a transition and (for a choice) a choice
 * equal to the given one as data.
 */
export interface ReplayStep {
  readonly target: number;
  readonly via?: { readonly transition: number; readonly choice?: unknown };
}

/**
 * Re-runs the model from the stored initial state `init`, at each step taking
 * the successor whose fingerprint is the target's (by the given action, if one is given).
 */
export function replay<S>(
  model: SearchSpace<S>,
  transitions: readonly Transition<S>[],
  store: StateStore,
  init: number,
  steps: readonly ReplayStep[],
): Step<S>[] {
  const first = model.initStates.find((s) => store.matches(s, init));
  if (first === undefined) throw nondeterministic('no initial state has the stored fingerprint', store);
  const trace: Step<S>[] = [{ action: null, state: first }];
  for (const { target, via } of steps) {
    let found: Firing<S> | undefined;
    for (const f of firings(trace[trace.length - 1].state, transitions)) {
      if (via !== undefined && (f.transition !== via.transition || !sameState(f.choice, via.choice))) continue;
      if (store.matches(f.state, target)) {
        found = f;
        break;
      }
    }
    if (found === undefined) {
      throw nondeterministic(`no action of step ${trace.length - 1}'s state leads to step ${trace.length}'s state any more`, store);
    }
    trace.push(stepOf(found, transitions));
  }
  return trace;
}

/** The shortest trace to the stored state `id`: its parent ids, replayed. */
export function rebuildTrace<S>(model: SearchSpace<S>, transitions: readonly Transition<S>[], store: StateStore, id: number): Step<S>[] {
  const path = pathTo(store, id);
  return replay(model, transitions, store, path[0], path.slice(1).map((target) => ({ target })));
}

function nondeterministic(detail: string, store: StateStore): KripkeError {
  // A store keyed by a symmetry or view replays through it: it may be what answered differently.
  const noun = store.keyedBy;
  const who = noun === undefined ? 'The model' : `The model or its ${noun}`;
  const what = noun === undefined ? 'actions, guards, choices and predicates' : `actions, guards, choices, predicates and the ${noun}`;
  return new KripkeError(
    `kripke could not rebuild the counterexample trace (${detail}). ` +
      `${who} gave different results for the same state on a second run: ${what} must be deterministic functions of the state (no Math.random, Date.now, counters or outside variables).`,
  );
}
