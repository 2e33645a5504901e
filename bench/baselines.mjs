// @ts-check
/**
 * The two in-process baselines: the breadth-first search a user would write
 * by hand over the same model spec (same actions, same invariants, same
 * deadlock rule), keyed by a string or by a perfect integer. No parent links,
 * no traces: only what it takes to count the states. They set the scale that
 * kripke's generic fingerprints and trace bookkeeping are measured against.
 */

/**
 * @typedef {object} SweepResult
 * @property {number} states
 * @property {number} transitions
 * @property {number} depth
 * @property {string} [violation]  the first broken invariant, or 'deadlock'
 */

/**
 * Breadth-first search keyed by `JSON.stringify` in a `Set` (or the model's own
 * string key when its states hold Sets, which JSON.stringify would print as `{}`).
 * @template S
 * @param {import('./models/index.mjs').BenchModel<S>} model
 * @returns {SweepResult}
 */
export function jsonBfs(model) {
  return sweep(model, model.json ?? JSON.stringify);
}

/**
 * The same search keyed by the model's perfect integer key: no generic
 * hashing at all, the ceiling for that model in JavaScript.
 * @template S
 * @param {import('./models/index.mjs').BenchModel<S>} model
 * @returns {SweepResult}
 */
export function keyBfs(model) {
  if (model.key === undefined) throw new Error(`${model.spec.name} has no perfect key`);
  return sweep(model, model.key);
}

/**
 * @template S, K
 * @param {import('./models/index.mjs').BenchModel<S>} model
 * @param {(state: S) => K} keyOf
 * @returns {SweepResult}
 */
function sweep(model, keyOf) {
  const { spec } = model;
  if (spec.init === undefined) throw new Error('the baselines take models with one init state');
  const actions = Object.values(spec.actions);
  const invariants = Object.entries(spec.invariants ?? {});
  const checkDeadlock = model.options.deadlock !== false;
  const terminal = spec.terminal;

  const seen = new Set([keyOf(spec.init)]);
  /** @type {S[]} */
  let frontier = [spec.init];
  let transitions = 0;
  let depth = 0;
  for (;;) {
    /** @type {S[]} */
    const next = [];
    for (const s of frontier) {
      for (const [name, holds] of invariants) {
        if (!holds(s)) return { states: seen.size, transitions, depth, violation: name };
      }
      let enabled = 0;
      for (const a of actions) {
        if (a.choices === undefined) {
          if (a.enabled !== undefined && !a.enabled(s, undefined)) continue;
          enabled++;
          const t = a.apply(s, undefined);
          const k = keyOf(t);
          if (!seen.has(k)) {
            seen.add(k);
            next.push(t);
          }
        } else {
          for (const c of a.choices(s)) {
            if (a.enabled !== undefined && !a.enabled(s, c)) continue;
            enabled++;
            const t = a.apply(s, c);
            const k = keyOf(t);
            if (!seen.has(k)) {
              seen.add(k);
              next.push(t);
            }
          }
        }
      }
      transitions += enabled;
      if (enabled === 0 && checkDeadlock && !(terminal !== undefined && terminal(s))) {
        return { states: seen.size, transitions, depth, violation: 'deadlock' };
      }
    }
    if (next.length === 0) return { states: seen.size, transitions, depth };
    frontier = next;
    depth++;
  }
}
