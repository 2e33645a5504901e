/**
 * Counterexample traces, rebuilt after the search from parent ids alone (the
 * technique of TLC and Stateright): walk the parents back to an initial state,
 * then re-run the model forward, choosing at each step the successor whose
 * fingerprint is the next one on the path. Exact, shortest, and no state kept.
 */
import { stepLabel } from '../model/choice-label.js';
import { KripkeError } from '../model/errors.js';
import type { Model, Transition } from '../model/types.js';
import type { StateStore } from './state-store.js';
import type { Step } from './types.js';

/** The ids from an initial state to `id`, inclusive. */
export function pathTo(store: StateStore, id: number): number[] {
  const path: number[] = [];
  for (let x = id; x !== -1; x = store.parentOf(x)) path.push(x);
  return path.reverse();
}

/** One successor of `state`, with its label, for each enabled transition and choice. */
export function* successors<S>(state: S, transitions: readonly Transition<S>[]): Generator<Step<S>> {
  for (const tr of transitions) {
    const env = tr.environment === undefined ? {} : { environment: tr.environment };
    if (tr.choices === undefined) {
      if (tr.enabled === undefined || tr.enabled(state) === true) {
        yield { action: tr.label, ...env, state: tr.apply(state) };
      }
    } else {
      for (const c of tr.choices(state)) {
        if (tr.enabled === undefined || tr.enabled(state, c) === true) {
          yield { action: stepLabel(tr.label, true, c), ...env, state: tr.apply(state, c) };
        }
      }
    }
  }
}

/** One step to replay: the stored state it reaches and, where several actions lead there, the label to take. */
export interface ReplayStep {
  readonly target: number;
  readonly label?: string;
}

/**
 * Re-runs the model from the stored initial state `init`, at each step taking
 * the successor whose fingerprint is the target's (and whose label matches, if given).
 */
export function replay<S>(
  model: Model<S>,
  transitions: readonly Transition<S>[],
  store: StateStore,
  init: number,
  steps: readonly ReplayStep[],
): Step<S>[] {
  const first = model.initStates.find((s) => store.matches(s, init));
  if (first === undefined) throw nondeterministic('no initial state has the stored fingerprint');
  const trace: Step<S>[] = [{ action: null, state: first }];
  for (const { target, label } of steps) {
    let found: Step<S> | undefined;
    for (const step of successors(trace[trace.length - 1].state, transitions)) {
      if ((label === undefined || step.action === label) && store.matches(step.state, target)) {
        found = step;
        break;
      }
    }
    if (found === undefined) {
      throw nondeterministic(`no action of step ${trace.length - 1}'s state leads to step ${trace.length}'s state any more`);
    }
    trace.push(found);
  }
  return trace;
}

/** The shortest trace to the stored state `id`: its parent ids, replayed. */
export function rebuildTrace<S>(model: Model<S>, transitions: readonly Transition<S>[], store: StateStore, id: number): Step<S>[] {
  const path = pathTo(store, id);
  return replay(model, transitions, store, path[0], path.slice(1).map((target) => ({ target })));
}

function nondeterministic(detail: string): KripkeError {
  return new KripkeError(
    `kripke could not rebuild the counterexample trace (${detail}). ` +
      'The model gave different results for the same state on a second run: actions, guards, choices and predicates must be deterministic functions of the state (no Math.random, Date.now or outside variables).',
  );
}
