/**
 * The 8-puzzle, explored from the goal. Half of the 9! arrangements are
 * reachable (the other half have the wrong permutation parity): 181,440 states,
 * and the hardest arrangements are 31 moves from the goal.
 */
import { defineModel, type Model } from '../../src/index.js';

/** The board row by row; 0 is the blank. */
export type Board = number[];

export const GOAL: Board = [1, 2, 3, 4, 5, 6, 7, 8, 0];

function slide(board: Board, to: number): Board {
  const from = board.indexOf(0);
  const next = [...board];
  next[from] = board[to];
  next[to] = 0;
  return next;
}

/** The blank moves up, down, left or right. */
export function eightPuzzle(): Model<Board> {
  return defineModel<Board>({
    name: '8-puzzle',
    init: GOAL,
    actions: {
      up: { enabled: (b) => b.indexOf(0) >= 3, apply: (b) => slide(b, b.indexOf(0) - 3) },
      down: { enabled: (b) => b.indexOf(0) < 6, apply: (b) => slide(b, b.indexOf(0) + 3) },
      left: { enabled: (b) => b.indexOf(0) % 3 > 0, apply: (b) => slide(b, b.indexOf(0) - 1) },
      right: { enabled: (b) => b.indexOf(0) % 3 < 2, apply: (b) => slide(b, b.indexOf(0) + 1) },
    },
  });
}
