/**
 * From a search outcome that stopped at a state (a violation, a deadlock, an
 * error) to the result a person reads: the trace rebuilt by re-running the
 * model, and for a state changed in place, the function that changed it.
 * Shared by the safety and liveness checks.
 */
import { stepLabel } from '../model/literal.js';
import { MutationError } from '../model/errors.js';
import { copyPlainData } from '../model/plain-data.js';
import type { Transition } from '../model/types.js';
import type { SearchOutcome, SearchSpace } from './search.js';
import type { StateStore } from './store/state-store.js';
import { rebuildTrace } from './trace.js';
import type { ErrorSource, Step } from './types.js';

/**
 * The search runs on the model's own initial states, not on copies: a guard that
 * compares with a constant object (`s.leader === NOBODY`) must see the objects
 * the user wrote. An action that mutates its input may then damage them before
 * the mutation is caught, so a check keeps a pristine copy taken before it
 * searched; a rebuild tries the originals first and falls back to the copies.
 */
export function initialCopies<S>(space: SearchSpace<S>): readonly S[] {
  return space.initStates.map((s) => copyPlainData(s));
}

/** The space a trace is rebuilt in: its own initial states, then the pristine copies of them. */
export function forRebuild<S>(space: SearchSpace<S>, pristine: readonly S[]): SearchSpace<S> {
  return { ...space, initStates: [...space.initStates, ...pristine] };
}

/** A predicate the search called on each state, which may be the one that mutates it. */
export interface Suspect<S> {
  readonly kind: 'invariant' | 'guarantee' | 'goal' | 'from' | 'target';
  readonly name?: string;
  readonly environment?: string;
  readonly test: (state: S) => unknown;
}

/** The trace to `outcome.at`, or the error that stopped its rebuilding. */
export type Rebuilt<S> = { readonly trace: Step<S>[] } | { readonly failure: unknown };

/** The shortest trace to the state where the search stopped, rebuilt by re-running the model. */
export function traceTo<S>(space: SearchSpace<S>, pristine: readonly S[], store: StateStore, id: number): Rebuilt<S> {
  try {
    return { trace: rebuildTrace(forRebuild(space, pristine), space.transitions, store, id) };
  } catch (failure) {
    return { failure };
  }
}

/** The error a search stopped on, with its source: a MutationError gets its culprit named. */
export function errorAt<S>(
  outcome: SearchOutcome,
  trace: Step<S>[],
  transitions: readonly Transition<S>[],
  suspects: readonly Suspect<S>[],
  store: StateStore,
): { error: unknown; errorSource: ErrorSource } {
  if (outcome.error instanceof MutationError) {
    const found = findMutator(trace, transitions, suspects, store, outcome.at);
    return { error: found.error, errorSource: found.errorSource ?? outcome.errorSource ?? { kind: 'state' } };
  }
  return { error: outcome.error, errorSource: outcome.errorSource ?? { kind: 'state' } };
}

/**
 * A state changed in place: replay its last step on a fresh copy and try each
 * predicate, choices, guard and action alone, to name the one that mutates.
 */
export function findMutator<S>(
  trace: Step<S>[],
  transitions: readonly Transition<S>[],
  suspects: readonly Suspect<S>[],
  store: StateStore,
  id: number,
): { error: MutationError; errorSource?: ErrorSource } {
  // A copy of the last state, rebuilt from its parent: the trials below may damage it,
  // and states often share structure with the earlier steps the user will read.
  const fresh = copyPlainData(trace[trace.length - 1].state);
  const blame = (kind: ErrorSource['kind'], name: string | undefined, environment?: string) => {
    const who = name === undefined ? kind : `${kind} '${name}'`;
    const what = kind === 'action' ? `${who} mutated its input state` : `${who} mutated the state it was given`;
    return {
      error: new MutationError(`${what} instead of returning a new one; build the next state with spreads or copies ({ ...s, x: 1 })`),
      errorSource: { kind, ...(name === undefined ? {} : { name }), ...(environment === undefined ? {} : { environment }) },
    };
  };
  const same = () => store.verify(fresh, id);
  // A store keyed by a projection compares the whole state with itself as it was when expanding began.
  store.expanding(fresh);
  try {
    for (const p of suspects) {
      p.test(fresh);
      if (!same()) return blame(p.kind, p.name, p.environment);
    }
    for (const tr of transitions) {
      const choices = tr.choices ? [...tr.choices(fresh)] : [undefined];
      if (!same()) return blame('choices', tr.label, tr.environment);
      for (const c of choices) {
        const label = stepLabel(tr.label, tr.choices !== undefined, c);
        const on = tr.enabled === undefined || tr.enabled(fresh, c) === true;
        if (!same()) return blame('guard', label, tr.environment);
        if (!on) continue;
        tr.apply(fresh, c);
        if (!same()) return blame('action', label, tr.environment);
      }
    }
  } catch {
    // Fall through to the general message.
  } finally {
    store.expanding(null);
  }
  return {
    error: new MutationError(
      'a state was mutated in place during the check (by an action, guard or predicate); return new states instead of changing the one given',
    ),
  };
}
