/**
 * Dining philosophers around a table of n forks. Each takes one fork, then the
 * other, eats, and puts both down. Left-then-right deadlocks once every
 * philosopher holds a left fork (n steps); taking the lower-numbered fork first
 * breaks the cycle of waiting and never deadlocks.
 */
import { action, defineModel, type Model } from '../../src/index.js';

export interface Table {
  /** forks[f]: the philosopher holding fork f, or null. */
  forks: (number | null)[];
  /** How many forks each philosopher holds: 0 thinking, 1 waiting, 2 eating. */
  holding: number[];
}

export type Strategy = 'left-first' | 'ordered';

export function philosophers(n: number, strategy: Strategy): Model<Table> {
  // Philosopher p sits between fork p (left) and fork (p + 1) % n (right).
  const order = (p: number): [number, number] => {
    const left = p;
    const right = (p + 1) % n;
    return strategy === 'left-first' ? [left, right] : [Math.min(left, right), Math.max(left, right)];
  };
  const take = (s: Table, p: number, fork: number): Table => ({
    forks: s.forks.map((f, i) => (i === fork ? p : f)),
    holding: s.holding.map((h, i) => (i === p ? h + 1 : h)),
  });
  const actions = Array.from({ length: n }, (_, p) => {
    const [first, second] = order(p);
    return [
      action<Table>(`take-first(${p})`, (s) => s.holding[p] === 0 && s.forks[first] === null, (s) => take(s, p, first)),
      action<Table>(`take-second(${p})`, (s) => s.holding[p] === 1 && s.forks[second] === null, (s) => take(s, p, second)),
      action<Table>(
        `put-down(${p})`,
        (s) => s.holding[p] === 2,
        (s) => ({
          forks: s.forks.map((f) => (f === p ? null : f)),
          holding: s.holding.map((h, i) => (i === p ? 0 : h)),
        }),
      ),
    ];
  }).flat();
  return defineModel<Table>({
    name: `philosophers(${n}, ${strategy})`,
    init: { forks: Array.from({ length: n }, () => null), holding: Array.from({ length: n }, () => 0) },
    actions,
    invariants: {
      // A fork is held by the philosopher who counts it, and by nobody else.
      'forks-agree-with-hands': (s) =>
        s.holding.every((h, p) => s.forks.filter((f) => f === p).length === h),
    },
  });
}
