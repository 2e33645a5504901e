// @ts-check
/**
 * The 8-puzzle: a 3×3 board of tiles 1..8 and one blank (0). Moving the blank
 * up, down, left or right swaps it with a neighbour. From the solved board
 * exactly half the permutations are reachable: 9!/2 = 181,440 states.
 */

/** @typedef {readonly number[]} Board  cells row by row; 0 is the blank */

export const GOAL = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 0]);

/** @param {Board} b @param {number} from @param {number} to @returns {Board} */
function swap(b, from, to) {
  const next = b.slice();
  next[from] = b[to];
  next[to] = 0;
  return next;
}

/**
 * @param {Board} [init] the start board (default: solved)
 * @returns {import('./index.mjs').BenchModel<Board>}
 */
export function puzzle8(init = GOAL) {
  return {
    spec: {
      name: '8-puzzle',
      init,
      actions: {
        up: { enabled: (b) => b.indexOf(0) >= 3, apply: (b) => { const z = b.indexOf(0); return swap(b, z, z - 3); } },
        down: { enabled: (b) => b.indexOf(0) < 6, apply: (b) => { const z = b.indexOf(0); return swap(b, z, z + 3); } },
        left: { enabled: (b) => b.indexOf(0) % 3 !== 0, apply: (b) => { const z = b.indexOf(0); return swap(b, z, z - 1); } },
        right: { enabled: (b) => b.indexOf(0) % 3 !== 2, apply: (b) => { const z = b.indexOf(0); return swap(b, z, z + 1); } },
      },
    },
    options: {},
    // Base 9: 9^9 < 2^31, so the key stays a small integer.
    key: (b) => {
      let k = 0;
      for (let i = 0; i < 9; i++) k = k * 9 + b[i];
      return k;
    },
    // Each blank position holds 9!/2/9 = 20,160 states; corners have 2 moves, edges 3, the centre 4.
    expected: { states: 181_440, transitions: 20_160 * (4 * 2 + 4 * 3 + 4), source: '9!/2 (parity of permutations)' },
  };
}
