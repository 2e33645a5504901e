// Tower of Hanoi(n) as a kripke model, for bench/jest-check.mjs (CommonJS: Jest runs it untransformed).
exports.hanoi = (defineModel, n) =>
  defineModel({
    name: `hanoi(${n})`,
    init: { pegs: [Array.from({ length: n }, (_, i) => n - i), [], []] },
    actions: {
      move: {
        choices: () => [[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]],
        enabled: (s, [a, b]) => s.pegs[a].length > 0 && (s.pegs[b].length === 0 || s.pegs[b][s.pegs[b].length - 1] > s.pegs[a][s.pegs[a].length - 1]),
        apply: (s, [a, b]) => {
          const pegs = s.pegs.slice();
          pegs[b] = [...pegs[b], pegs[a][pegs[a].length - 1]];
          pegs[a] = pegs[a].slice(0, -1);
          return { pegs };
        },
      },
    },
    invariants: { ordered: (s) => s.pegs.every((p) => p.every((d, i) => i === 0 || p[i - 1] > d)) },
    terminal: () => true,
  });

/** Times one check of Hanoi(n) with the kripke at `entry`; the measurement as JSON. */
exports.timed = (entry, n) => {
  const { check, defineModel } = require(entry);
  const model = exports.hanoi(defineModel, n);
  const t0 = performance.now();
  const r = check(model, { maxStates: Infinity, timeout: Infinity });
  return { ms: performance.now() - t0, states: r.stats.states, kind: r.kind };
};
