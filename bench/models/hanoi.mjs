// @ts-check
/**
 * Tower of Hanoi with n discs (sizes 1..n) on three pegs, each peg listed
 * bottom to top. Every placement of discs with no larger disc on a smaller one
 * is reachable: 3^n states. The Hanoi graph has 3(3^n − 1)/2 edges, each
 * walked both ways: 3^(n+1) − 3 transitions. Moving the tower takes 2^n − 1 moves.
 */

/** @typedef {{ pegs: readonly (readonly number[])[] }} Towers */

/** Every ordered pair of distinct pegs. */
const MOVES = Object.freeze([[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]].map((m) => Object.freeze(m)));

/** @param {readonly number[]} peg */
const top = (peg) => peg[peg.length - 1];

/** @param {number} n @returns {Towers} */
export function tower(n) {
  return { pegs: [Array.from({ length: n }, (_, i) => n - i), [], []] };
}

/** True when every disc sits on the last peg. @param {Towers} s */
export const solved = (s) => s.pegs[0].length === 0 && s.pegs[1].length === 0;

/**
 * @param {number} n discs
 * @returns {import('./index.mjs').BenchModel<Towers>}
 */
export function hanoi(n) {
  const pow3 = Array.from({ length: n + 1 }, (_, i) => 3 ** i);
  return {
    spec: {
      name: `hanoi(${n})`,
      init: tower(n),
      actions: {
        move: {
          choices: () => MOVES,
          enabled: (s, [from, to]) => {
            const src = s.pegs[from];
            const dst = s.pegs[to];
            return src.length > 0 && (dst.length === 0 || top(dst) > top(src));
          },
          apply: (s, [from, to]) => {
            const pegs = s.pegs.slice();
            const src = s.pegs[from];
            pegs[from] = src.slice(0, -1);
            pegs[to] = [...s.pegs[to], top(src)];
            return { pegs };
          },
        },
      },
    },
    options: {},
    // Base 3, one digit per disc: the peg it is on.
    key: (s) => {
      let k = 0;
      for (let p = 1; p < 3; p++) for (const d of s.pegs[p]) k += p * pow3[d - 1];
      return k;
    },
    expected: { states: 3 ** n, transitions: 3 ** (n + 1) - 3, source: '3^n placements; 3(3^n − 1)/2 edges of the Hanoi graph' },
  };
}
