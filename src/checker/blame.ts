/**
 * Who to blame when the user's code misbehaves during a search, and how to say
 * it: the source of an error (the action, guard, choices, invariant, terminal,
 * goal, target) and kripke's own errors reworded to name it. User errors stay
 * exactly as thrown.
 */
import { ContractError, StateShapeError } from '../model/errors.js';
import { stepLabel } from '../model/literal.js';
import type { Property, Transition } from '../model/types.js';
import type { ErrorSource } from './types.js';

/** What the search was doing when user code threw: the error's source follows from it. */
export const Phase = {
  Invariant: 0,
  Target: 1,
  Observe: 2,
  Choices: 3,
  Guard: 4,
  Apply: 5,
  Store: 6,
  Terminal: 7,
  Mutation: 8,
  /** Sampling that a symmetry or view is one the model has (identity.ts). */
  Identity: 9,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** `action 'deliver(m1)'`, `invariant 'safe'`, `terminal`. */
export function whoOf(source: ErrorSource): string {
  return source.name === undefined ? source.kind : `${source.kind} '${source.name}'`;
}

/** kripke's own errors from the loop say whose output was wrong; user errors stay as thrown. */
export function explain(error: unknown, source: ErrorSource): unknown {
  const who = whoOf(source);
  // An error that already names its source (a choices wrapper's) stays as it is.
  if (error instanceof ContractError) return error.message.startsWith(`${who} `) ? error : new ContractError(`${who} ${error.message}`);
  if (error instanceof StateShapeError && source.kind === 'action') {
    return new StateShapeError(`${who} returned a state that is not plain data: ${error.detail}`, error.path, error.detail);
  }
  return error;
}

/** The error for an action that returned a Promise: actions must be synchronous. */
export function asyncAction(source: ErrorSource): ContractError {
  return new ContractError(`${whoOf(source)} returned a Promise: actions must be synchronous (no async apply, no awaiting); return the next state itself`);
}

/** The error for a guard, invariant or predicate that returned something else than a boolean. */
export function notBoolean(value: unknown): ContractError {
  if (isThenable(value)) {
    return new ContractError('returned a Promise, not a boolean: guards and predicates must be synchronous (no async functions, no awaiting)');
  }
  if (value === null || value === undefined) return new ContractError(`returned ${String(value)}, not a boolean`);
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);
  const type = typeof value === 'object' ? '' : ` (a ${typeof value})`;
  return new ContractError(`returned ${shown}${type}, not a boolean`);
}

/** A Promise or anything that awaits like one. */
export function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The source of an error thrown in `phase`, by transition `tr` with `choice`, or by property `prop`. */
export function sourceOf<S>(phase: Phase, tr: Transition<S> | undefined, choice: unknown, prop: Property<S> | undefined, target?: string): ErrorSource {
  let label = tr?.label;
  try {
    if (tr !== undefined) label = stepLabel(tr.label, tr.choices !== undefined, choice);
  } catch {
    // The choice cannot even be printed: name the action alone.
  }
  const env = (o: { environment?: string } | undefined) => (o?.environment === undefined ? {} : { environment: o.environment });
  switch (phase) {
    case Phase.Invariant:
      return prop?.environment === undefined ? { kind: 'invariant', name: prop?.name } : { kind: 'guarantee', name: prop.name, ...env(prop) };
    case Phase.Target:
      return target === undefined ? { kind: 'target' } : { kind: 'target', name: target };
    case Phase.Choices:
      return { kind: 'choices', name: tr?.label, ...env(tr) }; // no choice yet: the iterable itself failed
    case Phase.Guard:
      return { kind: 'guard', name: label, ...env(tr) };
    case Phase.Apply:
    case Phase.Store:
      return { kind: 'action', name: label, ...env(tr) };
    case Phase.Terminal:
      return { kind: 'terminal' };
    case Phase.Mutation:
    case Phase.Identity:
    case Phase.Observe: // reported by the observer
      return { kind: 'state' };
  }
}
