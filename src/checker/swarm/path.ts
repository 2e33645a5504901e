/**
 * The result of a problem a swarm found at the end of a path, made by the
 * checker's own breadth-first search (query.ts) on the system cut down to that
 * path: each state of the path enables only the firing the path takes, its
 * last state enables everything. So the kind of the problem, the error's
 * source, the culprit of a mutation and the trace's labels are the ones
 * `check()` would give, and the problem is seen a second time before it is
 * reported: a swarm never reports what the model does not do.
 */
import { KripkeError } from '../../model/errors.js';
import { canonicalKey, copyPlainData, sameState } from '../../model/plain-data.js';
import type { Transition } from '../../model/types.js';
import { findMutator } from '../counterexample.js';
import { FingerprintStore } from '../store/state-store.js';
import { stepOf } from '../trace.js';
import type { Resolved } from '../options.js';
import { ask, type InvariantsQuery } from '../query.js';
import { seal } from '../result.js';
import type { System } from '../system.js';
import type { Firing } from '../trace.js';
import type { CheckResult, DeadlockResult, ErrorResult, InvariantResult, Step } from '../types.js';

/** A problem a trace ends in: what a swarm reports. */
export type Problem<S> = InvariantResult<S> | DeadlockResult<S> | ErrorResult<S>;

/**
 * The firings of a path with its loops cut out: from the first visit of a
 * state straight to what followed its last visit (random walks revisit states).
 *
 * @example
 * withoutLoops([a, b, a', c]).map((f) => f.state); // [a, c]: a' is a again
 */
export function withoutLoops<S>(path: readonly Firing<S>[]): Firing<S>[] {
  const last = new Map<string, number>();
  path.forEach((f, i) => last.set(canonicalKey(f.state), i));
  const out: Firing<S>[] = [];
  for (let i = 0; i < path.length; i++) {
    // The firing into the state's first visit; the next one leaves it from its last visit.
    out.push(path[i]);
    i = last.get(canonicalKey(path[i].state))!;
  }
  return out;
}

/** The system with only the path's firings enabled along it (all of them at its end). */
function alongPath<S>(system: System<S>, path: readonly Firing<S>[]): System<S> {
  const next = new Map<string, { readonly t: number; readonly choice: unknown }>();
  for (let i = 0; i + 1 < path.length; i++) next.set(canonicalKey(path[i].state), { t: path[i + 1].transition, choice: path[i + 1].choice });
  const transitions = system.transitions.map(
    (tr, t): Transition<S> => ({
      ...tr,
      enabled: (s: S, c?: unknown) => {
        const on = next.get(canonicalKey(s));
        if (on !== undefined && (on.t !== t || !sameState(on.choice, c))) return false;
        return tr.enabled === undefined ? true : tr.enabled(s, c);
      },
    }),
  );
  const { symmetry: _merged, ...rest } = system;
  return { ...rest, initStates: [path[0].state], transitions };
}

/**
 * The checker's result for the problem at the end of `path` (loops already
 * cut): an invariant, a deadlock or an error, with the trace `check()` would
 * print. A path whose end shows no problem when replayed (a model that is not
 * deterministic) gives an error that says so.
 *
 * @example
 * resultAlong(system, { kind: 'invariants', deadlock: true }, path, options, 'swarm').kind; // 'invariant'
 */
export function resultAlong<S>(system: System<S>, query: InvariantsQuery, path: readonly Firing<S>[], options: Resolved, where: string): Problem<S> {
  const steps = path.length - 1;
  const result: CheckResult<S> = ask(alongPath(system, path), query, { ...options, maxDepth: steps, maxStates: Math.max(options.maxStates, path.length + 1) }, { where });
  if (result.kind === 'invariant' || result.kind === 'deadlock' || result.kind === 'error') return result;
  const error = new KripkeError(
    `${where}: the swarm search met a problem after ${steps} step${steps === 1 ? '' : 's'}, but replaying that path showed none (${String(result)}). ` +
      'Actions, guards, choices and predicates must be deterministic functions of the state (no Math.random, Date.now or outside variables).',
  );
  return seal<S>({ ok: false, kind: 'error', trace: [], stats: result.stats, coverage: result.coverage, error, errorSource: { kind: 'state' } }) as ErrorResult<S>;
}

/**
 * An action, guard or predicate changed a state in place. It may have been
 * an initial state, which no later search may start from (the model refuses
 * it), so the path is refired from the copies taken before the search, each
 * action on a copy of its state, and the culprit named as `check()` names it.
 *
 * @example
 * mutationAlong(system, path, pristine).error; // MutationError: action 'push' mutated its input state …
 */
export function mutationAlong<S>(system: System<S>, path: readonly Firing<S>[], pristine: readonly S[]): ErrorResult<S> {
  const first = system.initStates.indexOf(path[0].state);
  const trace: Step<S>[] = [{ action: null, state: copyPlainData(pristine[Math.max(0, first)]) }];
  for (const f of path.slice(1)) {
    const state = system.transitions[f.transition].apply(copyPlainData(trace[trace.length - 1].state), f.choice);
    trace.push(stepOf({ transition: f.transition, choice: f.choice, state }, system.transitions));
  }
  const store = new FingerprintStore();
  store.add(trace[trace.length - 1].state, -1);
  const suspects = system.invariants.map((p) => ({ kind: p.environment === undefined ? ('invariant' as const) : ('guarantee' as const), ...p }));
  const found = findMutator(trace, system.transitions, suspects, store, 0);
  const stats = { states: 0, transitions: 0, depth: 0, durationMs: 0, collisionProbability: 0 };
  return seal<S>({ ok: false, kind: 'error', trace, stats, coverage: [], error: found.error, errorSource: found.errorSource ?? { kind: 'state' } }) as ErrorResult<S>;
}
