/**
 * Breadth-first search over every reachable state. Level by level, so the
 * first problem met is at the least depth: every counterexample is a shortest
 * one. Each state is checked when it is expanded (invariants, then its
 * actions, then deadlock, then that nothing mutated it), which keeps the order
 * of discovery and the order of checking the same for every kind of problem.
 *
 * The loop is plain code over arrays and the store's typed arrays; all the
 * friendly work (labels, messages, traces) happens once, after it stops.
 */
import { ContractError, MutationError, StateShapeError } from '../model/errors.js';
import { stepLabel } from '../model/literal.js';
import { describeNonPlainData } from '../model/plain-data.js';
import { Deadline, now } from './clock.js';
import type { Model, Property, Transition } from '../model/types.js';
import type { StateStore } from './store/state-store.js';
import type { Budget, ErrorSource, ResultKind } from './types.js';

/** Options with every default filled in. */
export interface SearchOptions {
  readonly deadlock: boolean;
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly timeout: number;
}

/**
 * What a liveness check needs of the search beyond safety: each expanded
 * state's flags and every edge. The safety search passes none; with one, the
 * same loop records the state graph (graph.ts).
 */
export interface SearchObserver {
  /** An initial state was stored under `id`. */
  initial(id: number): void;
  /** State `id` is expanded next (after the invariants). May throw user errors. */
  expand(state: unknown, id: number): void;
  /** An edge from the state being expanded to state `target`, by transition `t` with `choice`. */
  edge(target: number, t: number, choice: unknown): void;
  /** Every reachable state was expanded. */
  complete(): void;
  /** Where the user code called by `expand` threw. */
  errorSource(): ErrorSource;
}

/** What the loop found, before traces and messages are built. */
export interface SearchOutcome {
  readonly kind: ResultKind;
  /** Id of the state where the problem shows (the violating, deadlocked or throwing state); -1 if none. */
  readonly at: number;
  readonly property?: Property<unknown>;
  readonly error?: unknown;
  readonly errorSource?: ErrorSource;
  /** For an error raised by a transition: its index and choice, to label it. */
  readonly transition?: number;
  readonly choice?: unknown;
  readonly budget?: Budget;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly durationMs: number;
  readonly enabled: Float64Array;
  readonly newStates: Float64Array;
}

// What the loop was doing when user code threw, for the error's source.
const enum Phase {
  Invariant,
  Observe,
  Choices,
  Guard,
  Apply,
  Store,
  Terminal,
  Mutation,
}

/** Choices remembered per action as already found plain (by position in its iteration). */
const CHECKED_CHOICES = 16;

/** Runs the search. Never throws for user errors: they come back as `kind: 'error'`. */
export function search<S>(
  model: Model<S>,
  transitions: readonly Transition<S>[],
  properties: readonly Property<S>[],
  options: SearchOptions,
  store: StateStore,
  observer?: SearchObserver,
  started: number = now(),
): SearchOutcome {
  const deadline = started + options.timeout;
  const { maxDepth, deadlock } = options;
  const maxStates = Math.min(options.maxStates, store.capacity);
  const terminal = model.terminal;
  const nT = transitions.length;
  const nP = properties.length;
  const enabledCount = new Float64Array(nT);
  const newCount = new Float64Array(nT);

  let frontier: S[] = [];
  let frontierIds: number[] = [];
  let next: S[] = [];
  let nextIds: number[] = [];
  let generated = 0;
  let depth = 0;
  let deepest = 0;
  let truncated = false;
  // Asked before every call into the user's code (clock.ts): a timeout holds within about one call.
  const clock = new Deadline(started, deadline);
  const timedOut = () => {
    at = -1;
    return finish('incomplete', { budget: 'timeout' });
  };
  // Choices must be plain data (they label traces, and liveness tells them apart by value):
  // each is checked once per position in its action's iteration while it stays the same object.
  const checkedChoices: unknown[][] = transitions.map(() => new Array<unknown>(CHECKED_CHOICES).fill(undefined));

  // Context for errors: kept in locals the catch block can read.
  let phase = Phase.Store;
  let at = -1;
  let t = -1;
  let p = -1;
  let choice: unknown;
  let produced: unknown; // the successor being stored, to tell an async action by its Promise

  const finish = (kind: ResultKind, extra: Partial<SearchOutcome> = {}): SearchOutcome => {
    clock.stop();
    store.expanding(null); // traces are rebuilt with every value hashed afresh
    return {
      kind,
      at,
      states: store.size,
      transitions: generated,
      depth: deepest,
      durationMs: now() - started,
      enabled: enabledCount,
      newStates: newCount,
      ...extra,
    };
  };

  // Stores a successor; false when the state budget is spent.
  const admit = (succ: S, parentId: number): boolean => {
    generated++;
    produced = succ;
    if (succ === undefined) {
      throw new ContractError('returned undefined; an action must return the next state');
    }
    let id: number;
    if (depth >= maxDepth) {
      // Beyond the depth budget: store nothing new, but note that unexplored states exist.
      id = store.find(succ);
      if (id < 0) {
        truncated = true;
        return true;
      }
    } else if (store.size >= maxStates && store.find(succ) < 0) {
      // At the state budget, add-then-check would grow the store past it.
      return false;
    } else {
      id = store.add(succ, parentId);
      if (id >= 0) {
        newCount[t]++;
        next.push(succ);
        nextIds.push(id);
        deepest = depth + 1;
      } else {
        id = -id - 1;
      }
    }
    if (observer !== undefined) observer.edge(id, t, choice);
    return true;
  };

  try {
    for (const init of model.initStates) {
      if (clock.passed()) return timedOut();
      if (store.size >= maxStates && store.find(init) < 0) return finish('incomplete', { budget: 'maxStates', at: -1 });
      const id = store.add(init, -1);
      if (id >= 0) {
        frontier.push(init);
        frontierIds.push(id);
        observer?.initial(id);
      }
    }

    while (frontier.length > 0) {
      for (let i = 0; i < frontier.length; i++) {
        const s = frontier[i];
        const id = frontierIds[i];
        at = id;
        t = -1;

        phase = Phase.Invariant;
        for (p = 0; p < nP; p++) {
          if (clock.passed()) return timedOut();
          const holds = properties[p].test(s);
          if (holds !== true) {
            if (holds === false) return finish('invariant', { property: properties[p] as Property<unknown> });
            throw notBoolean(holds);
          }
        }
        p = -1;
        if (observer !== undefined) {
          if (clock.passed()) return timedOut();
          phase = Phase.Observe;
          observer.expand(s, id);
        }

        let enabledHere = 0;
        store.expanding(s);
        for (t = 0; t < nT; t++) {
          const tr = transitions[t];
          if (tr.choices === undefined) {
            choice = undefined;
            if (clock.passed()) return timedOut();
            if (tr.enabled !== undefined) {
              phase = Phase.Guard;
              const g = tr.enabled(s);
              if (g !== true) {
                if (g === false) continue;
                throw notBoolean(g);
              }
            }
            enabledHere++;
            enabledCount[t]++;
            phase = Phase.Apply;
            const succ = tr.apply(s);
            phase = Phase.Store;
            if (!admit(succ, id)) return finish('incomplete', { budget: 'maxStates', at: -1 });
          } else {
            phase = Phase.Choices;
            if (clock.passed()) return timedOut();
            let k = 0;
            for (const c of tr.choices(s)) {
              choice = c;
              if (clock.passed()) return timedOut();
              if (typeof c === 'object' ? c !== null : typeof c === 'function' || typeof c === 'symbol') {
                const seen = checkedChoices[t];
                if (k >= CHECKED_CHOICES || seen[k] !== c) {
                  const bad = describeNonPlainData(c, 'choice');
                  if (bad !== null) throw new ContractError(`yielded a value that is not plain data: ${bad.message}; choices must be plain data, as states are`);
                  if (k < CHECKED_CHOICES) seen[k] = c;
                }
              }
              k++;
              if (tr.enabled !== undefined) {
                phase = Phase.Guard;
                const g = tr.enabled(s, c);
                if (g !== true) {
                  if (g === false) continue;
                  throw notBoolean(g);
                }
              }
              enabledHere++;
              enabledCount[t]++;
              phase = Phase.Apply;
              const succ = tr.apply(s, c);
              phase = Phase.Store;
              if (!admit(succ, id)) return finish('incomplete', { budget: 'maxStates', at: -1 });
              phase = Phase.Choices;
            }
          }
        }
        t = -1;

        if (enabledHere === 0 && deadlock) {
          if (clock.passed()) return timedOut();
          phase = Phase.Terminal;
          const end = terminal === undefined ? false : terminal(s);
          if (end !== true) {
            if (end === false) return finish('deadlock');
            throw notBoolean(end);
          }
        }

        phase = Phase.Mutation;
        if (!store.verify(s, id)) {
          throw new MutationError('a state changed while it was being checked');
        }
      }
      frontier = next;
      frontierIds = nextIds;
      next = [];
      nextIds = [];
      depth++;
    }
    observer?.complete();
  } catch (error) {
    const errorSource =
      phase === Phase.Observe && observer !== undefined ? observer.errorSource() : sourceOf(phase, transitions[t], choice, properties[p]);
    const async = phase === Phase.Store && error instanceof StateShapeError && isThenable(produced);
    return finish('error', {
      error: async ? new ContractError(`${whoOf(errorSource)} returned a Promise: actions must be synchronous (no async apply, no awaiting); return the next state itself`) : explain(error, errorSource),
      errorSource,
      ...(t >= 0 ? { transition: t, choice } : {}),
    });
  }
  at = -1;
  return truncated ? finish('incomplete', { budget: 'maxDepth' }) : finish('ok');
}

/** `action 'deliver(m1)'`, `invariant 'safe'`, `terminal`. */
function whoOf(source: ErrorSource): string {
  return source.name === undefined ? source.kind : `${source.kind} '${source.name}'`;
}

/** kripke's own errors from the loop say whose output was wrong; user errors stay as thrown. */
function explain(error: unknown, source: ErrorSource): unknown {
  const who = whoOf(source);
  if (error instanceof ContractError) return new ContractError(`${who} ${error.message}`);
  if (error instanceof StateShapeError && source.kind === 'action') {
    return new StateShapeError(`${who} returned a state that is not plain data: ${error.detail}`, error.path, error.detail);
  }
  return error;
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

function sourceOf<S>(phase: Phase, tr: Transition<S> | undefined, choice: unknown, prop: Property<S> | undefined): ErrorSource {
  let label = tr?.label;
  try {
    if (tr !== undefined) label = stepLabel(tr.label, tr.choices !== undefined, choice);
  } catch {
    // The choice cannot even be printed: name the action alone.
  }
  const env = (o: { environment?: string } | undefined) => (o?.environment === undefined ? {} : { environment: o.environment });
  switch (phase) {
    case Phase.Invariant:
      return prop?.environment === undefined
        ? { kind: 'invariant', name: prop?.name }
        : { kind: 'guarantee', name: prop.name, ...env(prop) };
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
    case Phase.Observe: // reported by the observer
      return { kind: 'state' };
  }
}
