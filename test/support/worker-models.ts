/**
 * Models for the parallel search's tests that workers define again from this
 * module (`CheckOptions.module` and `export`): a random model from its plan,
 * and a grid whose size and flaws are arguments.
 */
import { isMainThread } from 'node:worker_threads';
import { defineModel, type Model } from '../../src/index.js';
import { modelOf, type Plan, type Rendered } from './random-models.js';

/** The random model of a plan (test/support/random-models.ts). */
export function random(plan: Plan): Model<Rendered> {
  return modelOf(plan);
}

export interface Cell {
  readonly x: number;
  readonly y: number;
  readonly trail: readonly number[];
}

/** What can go wrong in a grid, and where. */
export interface GridFlaws {
  /** The invariant x + y < bound. */
  readonly bound?: number;
  /** `hop` throws here. */
  readonly throwsAt?: readonly [number, number];
  /** `hop` mutates its input here. */
  readonly mutatesAt?: readonly [number, number];
  /** `hop` does not return here for this many milliseconds, in a worker thread (a loop that never ends, as far as a check's timeout goes; it ends so that a test can never hang). */
  readonly spinsAt?: readonly [number, number, number];
  /** No action is enabled at the far corner (a deadlock) unless false. */
  readonly corner?: boolean;
}

/**
 * An n × n grid walked right, up and by hops of 1 to 3 (wrapping), with a
 * short trail of the last moves so that states meet from many parents.
 */
export function grid(n: number, flaws: GridFlaws = {}): Model<Cell> {
  const at = (s: Cell, p: readonly [number, number] | undefined) => p !== undefined && s.x === p[0] && s.y === p[1];
  const step = (s: Cell, x: number, y: number, move: number): Cell => ({ x, y, trail: [...s.trail, move].slice(-2) });
  const corner = (s: Cell) => flaws.corner !== false && s.x === n - 1 && s.y === n - 1;
  return defineModel<Cell>({
    name: `grid(${n})`,
    init: { x: 0, y: 0, trail: [] },
    actions: {
      right: { enabled: (s) => !corner(s) && s.x < n - 1, apply: (s) => step(s, s.x + 1, s.y, 0) },
      up: { enabled: (s) => !corner(s) && s.y < n - 1, apply: (s) => step(s, s.x, s.y + 1, 1) },
      hop: {
        choices: () => [1, 2, 3],
        enabled: (s) => !corner(s),
        apply: (s, d: number) => {
          if (at(s, flaws.throwsAt)) throw new Error(`no hop from ${s.x},${s.y}`);
          if (at(s, flaws.mutatesAt)) (s as { x: number }).x = 0;
          // In a worker only: where the workers could not be used, one thread must not spin (the test then fails at once, on its figures).
          if (flaws.spinsAt !== undefined && !isMainThread && at(s, [flaws.spinsAt[0], flaws.spinsAt[1]])) for (const until = Date.now() + flaws.spinsAt[2]; Date.now() < until; );
          return step(s, (s.x + d) % n, (s.y + d * 2) % n, 2 + d);
        },
      },
    },
    invariants: flaws.bound === undefined ? {} : { bounded: (s) => s.x + s.y < flaws.bound! },
  });
}

/** Three counters, each up to `limit`: a bound inside a closure, which a worker's comparison of names, actions, invariants and initial states cannot see. */
export function counters(limit: number): Model<{ c: number[] }> {
  return defineModel<{ c: number[] }>({
    name: 'counters',
    init: { c: [0, 0, 0] },
    actions: {
      inc: { choices: () => [0, 1, 2], enabled: (s, i: number) => s.c[i] < limit, apply: (s, i: number) => ({ c: s.c.map((v, j) => (j === i ? v + 1 : v)) }) },
    },
    invariants: { 'sum is not 100': (s) => s.c[0] + s.c[1] + s.c[2] !== 100 },
    terminal: () => true,
  });
}

/** What can go wrong in a fan, and where: the `step` of state n (n < width). */
export interface FanFlaws {
  /** `step` throws at this n. */
  readonly throwsAt?: number;
  /** `step` does not return at these n for so many milliseconds, in a worker thread only. */
  readonly spinsAt?: readonly (readonly [number, number])[];
}

/**
 * One initial state, `width` states one step on (`pick(i)`, in order), and one
 * `step` from each to a terminal state: the second level is where the workers
 * split, every other state to each of two workers (0, 2, 4… and 1, 3, 5…).
 */
export function fan(width: number, flaws: FanFlaws = {}): Model<{ n: number }> {
  return defineModel<{ n: number }>({
    name: `fan(${width})`,
    init: { n: -1 },
    actions: {
      pick: { choices: () => Array.from({ length: width }, (_, i) => i), enabled: (s) => s.n === -1, apply: (_, i: number) => ({ n: i }) },
      step: {
        enabled: (s) => s.n >= 0 && s.n < width,
        apply: (s) => {
          if (s.n === flaws.throwsAt) throw new Error(`no step from ${s.n}`);
          const spin = isMainThread ? undefined : flaws.spinsAt?.find(([n]) => n === s.n);
          if (spin !== undefined) for (const until = Date.now() + spin[1]; Date.now() < until; );
          return { n: s.n + width };
        },
      },
    },
    terminal: (s) => s.n >= width,
  });
}
