/**
 * Shrinking a trace by dropping steps (as property-based testing shrinks a
 * failing input): without step k, the later steps fire again, by the same
 * action and choice, from where the shorter path stands; when each is still
 * enabled (and its choice still offered) and the path still ends in a problem
 * (or meets one sooner), the shorter path is kept. Cheap (each try replays the
 * rest of the trace) and strong where detours are independent of the problem:
 * the increments of other counters on the way to the one that breaks.
 */
import { sameState } from '../../model/plain-data.js';
import type { Property } from '../../model/types.js';
import { now } from '../clock.js';
import type { System } from '../system.js';
import { firings, type Firing } from '../trace.js';

/** Whether `s` shows a problem: a property false, or (with `deadlock`) no enabled firing where it is not terminal. */
function showsProblem<S>(system: System<S>, properties: readonly Property<S>[], deadlock: boolean, s: S): boolean {
  if (properties.some((p) => p.test(s) === false)) return true;
  if (!deadlock) return false;
  for (const _ of firings(s, system.transitions)) return false;
  return system.terminal === undefined || system.terminal(s) === false;
}

/** The firing of transition `t` with `choice` from `s`, if enabled there (and the choice offered); else null. */
function refireIf<S>(system: System<S>, s: S, t: number, choice: unknown): Firing<S> | null {
  const tr = system.transitions[t];
  if (tr.choices !== undefined && ![...tr.choices(s)].some((c) => sameState(c, choice))) return null;
  if (tr.enabled !== undefined && tr.enabled(s, choice) !== true) return null;
  return { transition: t, choice, state: tr.apply(s, choice) };
}

/** The path without step `k`, replayed; cut at the first problem. Null when a step no longer fires or no problem shows. */
function without<S>(system: System<S>, properties: readonly Property<S>[], deadlock: boolean, path: readonly Firing<S>[], k: number): Firing<S>[] | null {
  const out = path.slice(0, k);
  for (let j = k + 1; j < path.length; j++) {
    const f = refireIf(system, out[out.length - 1].state, path[j].transition, path[j].choice);
    if (f === null) return null;
    out.push(f);
    if (showsProblem(system, properties, deadlock, f.state)) return out;
  }
  return null;
}

/**
 * The path with every step dropped that it can do without, from the last
 * step back, until `deadline`. User code that throws on the way leaves the
 * path as it stands (it is real already).
 *
 * @example
 * dropSteps(system, system.invariants, false, path, now() + 1000).length; // ≤ path.length
 */
export function dropSteps<S>(system: System<S>, properties: readonly Property<S>[], deadlock: boolean, path: Firing<S>[], deadline: number): Firing<S>[] {
  let current = path;
  try {
    for (let k = current.length - 1; k >= 1 && now() < deadline; k--) {
      const shorter = without(system, properties, deadlock, current, k);
      if (shorter !== null) current = shorter;
      k = Math.min(k, current.length);
    }
  } catch {
    // A throwing guard or action: keep what was shrunk so far.
  }
  return current;
}
