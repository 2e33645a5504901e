/**
 * A problem found by a search that is not breadth-first comes with a trace
 * that may be far from shortest. Minimisation, in three stages:
 *
 * 1. The trace is shrunk: steps it can do without are dropped (shrink.ts).
 * 2. A breadth-first search (the checker's own) from the initial states,
 *    bounded at one step less than the shrunk trace, within a state and time
 *    budget. If it finds a problem, that trace is a shortest one; if it ends
 *    at its depth bound with none, the shrunk trace is a shortest one. Either
 *    way the result says `shortest: true`.
 * 3. Otherwise, shortcut passes: from each state of the trace, a small
 *    breadth-first search for a later state of the trace in fewer steps, or
 *    for a state with a problem sooner; the trace is cut each time one is
 *    found. Shorter, not proven shortest: `shortest: false`.
 */
import type { Property } from '../../model/types.js';
import { now } from '../clock.js';
import type { Resolved } from '../options.js';
import { ask, type InvariantsQuery } from '../query.js';
import { fingerprint64 } from '../store/fingerprint.js';
import type { System } from '../system.js';
import { firings, type Firing } from '../trace.js';
import { resultAlong, withoutLoops, type Problem } from './path.js';
import { dropSteps } from './shrink.js';

/** The budget of a minimisation. */
export interface MinimiseBudget {
  /** States the bounded breadth-first search may store. */
  readonly maxStates: number;
  /** Milliseconds for both stages. */
  readonly timeout: number;
}

/** How a trace was made shorter. */
export type Minimisation = 'breadth-first' | 'shrinking' | 'none';

/** A problem with its trace, as short as minimisation could make it. */
export interface Minimised<S> {
  readonly result: Problem<S>;
  /** True when the trace is proven a shortest one to a problem. */
  readonly shortest: boolean;
  readonly method: Minimisation;
  /** Steps of the trace as the swarm found it (loops cut). */
  readonly found: number;
}

/**
 * The problem at the end of `path`, its trace minimised.
 *
 * @example
 * minimise(system, { kind: 'invariants', deadlock: true }, path, options, { maxStates: 1e6, timeout: 5000 }, 'swarm').shortest; // true
 */
export function minimise<S>(system: System<S>, query: InvariantsQuery, found: readonly Firing<S>[], options: Resolved, budget: MinimiseBudget | false, where: string): Minimised<S> {
  const path = withoutLoops(found);
  const steps = path.length - 1;
  if (steps === 0 || budget === false) return { result: resultAlong(system, query, path, options, where), shortest: steps === 0, method: 'none', found: steps };
  const started = now();
  const deadline = started + budget.timeout;
  const properties = query.invariants === 'none' ? [] : system.invariants;
  // Dropping steps first is cheap, and a shorter trace bounds the breadth-first search lower.
  const shrunk = dropSteps(system, properties, query.deadlock, path, started + budget.timeout / 4);
  const bound = shrunk.length - 2;
  const bounded = bound < 0 ? undefined : ask(system, query, { ...options, maxDepth: bound, maxStates: budget.maxStates, timeout: Math.max(1, deadline - now()) }, { where });
  if (bounded !== undefined && (bounded.kind === 'invariant' || bounded.kind === 'deadlock' || bounded.kind === 'error')) return { result: bounded, shortest: true, method: 'breadth-first', found: steps };
  if (bounded === undefined || (bounded.kind === 'incomplete' && bounded.budget === 'maxDepth')) {
    return { result: resultAlong(system, query, shrunk, options, where), shortest: true, method: 'breadth-first', found: steps };
  }
  const shorter = shortcuts(system, properties, query.deadlock, shrunk, deadline, budget.maxStates);
  return { result: resultAlong(system, query, shorter, options, where), shortest: false, method: shorter.length < path.length ? 'shrinking' : 'none', found: steps };
}

/** Shortcut passes until none is found or the time is up. */
function shortcuts<S>(system: System<S>, properties: readonly Property<S>[], deadlock: boolean, path: Firing<S>[], deadline: number, maxStates: number): Firing<S>[] {
  const cap = Math.max(500, Math.min(20_000, Math.floor(maxStates / 20)));
  let current = path;
  for (let i = 0; i + 1 < current.length && now() < deadline; ) {
    const cut = shortcutFrom(system, properties, deadlock, current, i, cap, deadline);
    if (cut === null) i++;
    else current = cut;
  }
  return current;
}

interface Node<S> {
  readonly firing: Firing<S>;
  readonly parent: Node<S> | null;
  readonly depth: number;
}

/**
 * A breadth-first search from `path[i]` for a later state of the path in
 * fewer steps, or a problem sooner than the path's end: the path cut, or
 * null. User code that throws abandons the shortcut (the path is real already).
 */
function shortcutFrom<S>(system: System<S>, properties: readonly Property<S>[], deadlock: boolean, path: readonly Firing<S>[], i: number, cap: number, deadline: number): Firing<S>[] | null {
  const later = new Map<string, number>();
  for (let j = i + 1; j < path.length; j++) later.set(keyOf(path[j].state), j);
  const around: Around<S> = { path, i, later, cap };
  const seen = new Set<string>([keyOf(path[i].state)]);
  let level: Node<S>[] = [{ firing: path[i], parent: null, depth: 0 }];
  try {
    while (level.length > 0 && seen.size < cap && now() < deadline) {
      const next: Node<S>[] = [];
      for (const node of level) {
        const cut = visit(system, properties, deadlock, node, around, seen, next);
        if (cut !== null) return splice(path, i, cut.node, cut.to);
      }
      level = next;
    }
  } catch {
    return null;
  }
  return null;
}

/** Where a shortcut search looks: the path, from which index, how many steps the path takes from there. */
interface Around<S> {
  readonly path: readonly Firing<S>[];
  readonly i: number;
  /** Later states of the path, by fingerprint: their index. */
  readonly later: ReadonlyMap<string, number>;
  /** Most states one shortcut search may meet. */
  readonly cap: number;
}

const fp = new Int32Array(2);

/**
 * A state's 64-bit fingerprint as a key: far cheaper than its canonical text;
 * a collision (one in 2^64) could only propose a shortcut that the replay of
 * the final trace (path.ts) then refuses, never report a false problem.
 */
function keyOf(state: unknown): string {
  fingerprint64.of(state, fp);
  return `${fp[0]}:${fp[1]}`;
}

/** Expands one node: a problem in it, or a successor that is a later state reached sooner; else queues its successors. */
function visit<S>(system: System<S>, properties: readonly Property<S>[], deadlock: boolean, node: Node<S>, around: Around<S>, seen: Set<string>, next: Node<S>[]): { node: Node<S>; to: number } | null {
  const remaining = around.path.length - 1 - around.i;
  const s = node.firing.state;
  if (node.depth >= remaining) return null;
  if (node.depth > 0 && properties.some((p) => p.test(s) === false)) return { node, to: -1 };
  let any = false;
  for (const f of firings(s, system.transitions)) {
    any = true;
    if (node.depth + 1 >= remaining || seen.size >= around.cap) break;
    const key = keyOf(f.state);
    const child: Node<S> = { firing: f, parent: node, depth: node.depth + 1 };
    const j = around.later.get(key);
    if (j !== undefined && j - around.i > child.depth) return { node: child, to: j };
    if (seen.has(key)) continue;
    seen.add(key);
    next.push(child);
  }
  if (!any && deadlock && node.depth > 0 && (system.terminal === undefined || system.terminal(s) === false)) return { node, to: -1 };
  return null;
}

/** The path through `node` from `path[i]`, then on from `path[to]` (or ending at the node's problem, `to` = -1). */
function splice<S>(path: readonly Firing<S>[], i: number, node: Node<S>, to: number): Firing<S>[] {
  const middle: Firing<S>[] = [];
  for (let n: Node<S> | null = node; n !== null && n.parent !== null; n = n.parent) middle.push(n.firing);
  middle.reverse();
  return [...path.slice(0, i + 1), ...middle, ...(to < 0 ? [] : path.slice(to + 1))];
}
