// @ts-check
/**
 * Dining philosophers around a table of N forks, with Dijkstra's resource
 * order: each philosopher picks up the lower-numbered of its two forks first,
 * which rules out the circular wait (the last philosopher is the one who
 * reaches right first). Philosopher i sits between fork i (left) and fork
 * (i+1) mod N (right).
 *
 * Every arrangement in which no fork has two holders is reachable (let the
 * eaters pick up both forks first, then the others their first fork), so the
 * count is that of the consistent arrangements; `consistentArrangements` counts
 * them independently of any search.
 */

/** @typedef {'thinking' | 'holding' | 'eating'} Phil  holding: has its first fork, waits for the second */
/** @typedef {{ phils: readonly Phil[], forks: readonly number[] }} Table  forks[j]: the holder, or -1 */

/**
 * @param {number} n philosophers (and forks), n ≥ 2
 * @returns {import('./index.mjs').BenchModel<Table>}
 */
export function philosophers(n) {
  const left = (/** @type {number} */ i) => i;
  const right = (/** @type {number} */ i) => (i + 1) % n;
  const first = (/** @type {number} */ i) => Math.min(left(i), right(i));
  const second = (/** @type {number} */ i) => Math.max(left(i), right(i));
  const who = Object.freeze(Array.from({ length: n }, (_, i) => i));
  /** @param {Table} s @param {number} i @param {Phil} phil @param {number[]} forks @param {number} holder */
  const set = (s, i, phil, forks, holder) => {
    const phils = s.phils.slice();
    phils[i] = phil;
    const f = s.forks.slice();
    for (const j of forks) f[j] = holder;
    return { phils, forks: f };
  };
  return {
    spec: {
      name: `philosophers(${n})`,
      init: { phils: who.map(() => 'thinking'), forks: who.map(() => -1) },
      actions: {
        takeFirst: {
          choices: () => who,
          enabled: (s, i) => s.phils[i] === 'thinking' && s.forks[first(i)] === -1,
          apply: (s, i) => set(s, i, 'holding', [first(i)], i),
        },
        takeSecond: {
          choices: () => who,
          enabled: (s, i) => s.phils[i] === 'holding' && s.forks[second(i)] === -1,
          apply: (s, i) => set(s, i, 'eating', [second(i)], i),
        },
        putDown: {
          choices: () => who,
          enabled: (s, i) => s.phils[i] === 'eating',
          apply: (s, i) => set(s, i, 'thinking', [left(i), right(i)], -1),
        },
      },
      invariants: {
        // Each eater holds both its forks: no two neighbours eat at once.
        'eaters hold both forks': (s) => s.phils.every((p, i) => p !== 'eating' || (s.forks[left(i)] === i && s.forks[right(i)] === i)),
      },
    },
    // Deadlock detection stays on: the resource order is what makes it pass.
    options: {},
    // Base 3 over the philosophers; the forks follow from them.
    key: (s) => {
      let k = 0;
      for (let i = 0; i < n; i++) k = k * 3 + (s.phils[i] === 'thinking' ? 0 : s.phils[i] === 'holding' ? 1 : 2);
      return k;
    },
    expected: { states: consistentArrangements(n), source: 'arrangements with no fork held twice, counted directly' },
  };
}

/**
 * The arrangements of n philosophers in which no fork has two holders, counted
 * by a walk round the table (no search, no model code): what each philosopher
 * holds depends only on its own state, so it suffices to carry whether the fork
 * to its right is taken, and whether fork 0 was.
 * @param {number} n
 */
export function consistentArrangements(n) {
  // holds(i, s): [left fork taken, right fork taken] for state s (0 thinking, 1 holding, 2 eating).
  const holds = (/** @type {number} */ i, /** @type {number} */ s) =>
    i < n - 1 ? [s >= 1, s === 2] : [s === 2, s >= 1]; // the last one reaches right (fork 0) first
  let total = 0;
  for (let s0 = 0; s0 < 3; s0++) {
    const [fork0, fork1] = holds(0, s0);
    // ways[c]: arrangements of philosophers 0..i with the fork right of i taken (c = 1) or not (c = 0).
    let ways = fork1 ? [0, 1] : [1, 0];
    for (let i = 1; i < n; i++) {
      const next = [0, 0];
      for (let c = 0; c < 2; c++) {
        for (let s = 0; s < 3; s++) {
          const [l, r] = holds(i, s);
          if (c === 1 && l) continue;
          if (i === n - 1 && fork0 && r) continue;
          next[r ? 1 : 0] += ways[c];
        }
      }
      ways = next;
    }
    total += ways[0] + ways[1];
  }
  return total;
}
