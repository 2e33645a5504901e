/**
 * Tower of Hanoi with n disks on three pegs. Every placement of disks on pegs
 * (smaller above larger) is reachable: 3^n states. The shortest solution takes
 * 2^n − 1 moves, so the invariant "not solved" breaks after exactly that many steps.
 */
import { defineModel, type Model } from '../../src/index.js';

/** pegs[p] lists the disks on peg p, bottom first; disk 1 is the smallest. */
export interface Pegs {
  pegs: number[][];
}

const MOVES: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0, 2],
  [1, 0],
  [1, 2],
  [2, 0],
  [2, 1],
];

const top = (peg: readonly number[]) => (peg.length === 0 ? Infinity : peg[peg.length - 1]);

export function hanoi(n: number, options: { goal?: boolean } = {}): Model<Pegs> {
  const solved = (s: Pegs) => s.pegs[2].length === n;
  return defineModel<Pegs>({
    name: `hanoi(${n})`,
    init: { pegs: [Array.from({ length: n }, (_, i) => n - i), [], []] },
    actions: {
      move: {
        choices: () => MOVES,
        enabled: (s, [from, to]) => s.pegs[from].length > 0 && top(s.pegs[from]) < top(s.pegs[to]),
        apply: (s, [from, to]) => {
          const pegs = s.pegs.map((p) => [...p]);
          pegs[to].push(pegs[from].pop() as number);
          return { pegs };
        },
      },
    },
    invariants: options.goal ? { 'not-solved': (s) => !solved(s) } : {},
  });
}
