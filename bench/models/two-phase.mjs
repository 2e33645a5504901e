// @ts-check
/**
 * Lamport's TwoPhase.tla (Gray & Lamport, "Consensus on Transaction Commit";
 * tlaplus/Examples specifications/transaction_commit/TwoPhase.tla), action for
 * action: the same variables, the same guards, `msgs` a set of message records
 * that only grows. Resource managers are 0..N−1.
 *
 * Known counts: N=3 288 states and 1,146 states generated (TLC, the Examples
 * manifest; TLC's "generated" counts the initial state too), N=5 8,832
 * (Stateright's 2pc example), N=6 50,816 (the comment at the end of TwoPhase.tla),
 * N=8 1,745,408 (TLC).
 */

/** @typedef {'working' | 'prepared' | 'committed' | 'aborted'} RMState */
/** @typedef {{ type: 'Prepared', rm: number } | { type: 'Commit' } | { type: 'Abort' }} Message */
/**
 * @typedef {{
 *   rmState: readonly RMState[],
 *   tmState: 'init' | 'committed' | 'aborted',
 *   tmPrepared: ReadonlySet<number>,
 *   msgs: ReadonlySet<Message>,
 * }} TPState
 */

import { permutations } from 'kripke';

/** `[type |-> type, rm |-> rm] \in msgs`: records compare by value, so look inside. */
function sent(/** @type {ReadonlySet<Message>} */ msgs, /** @type {string} */ type, /** @type {number} */ rm = -1) {
  for (const m of msgs) if (m.type === type && (rm < 0 || (m.type === 'Prepared' && m.rm === rm))) return true;
  return false;
}

/** @template T @param {ReadonlySet<T>} set @param {T} x @returns {Set<T>} */
const union = (set, x) => new Set(set).add(x);

/** @param {readonly RMState[]} rmState @param {number} rm @param {RMState} v */
function except(rmState, rm, v) {
  const next = rmState.slice();
  next[rm] = v;
  return next;
}

const RM_CODE = { working: 0, prepared: 1, committed: 2, aborted: 3 };
const TM_CODE = { init: 0, committed: 1, aborted: 2 };

/**
 * TwoPhase with its resource managers declared interchangeable (TLC's
 * `SYMMETRY Permutations(RM)`): the same model, searched up to renaming RMs.
 *
 * @param {number} n resource managers
 * @returns {import('./index.mjs').BenchModel<TPState>}
 */
export function twoPhaseSymmetric(n) {
  const m = twoPhase(n);
  const RM = Array.from({ length: n }, (_, i) => i);
  return {
    ...m,
    spec: {
      ...m.spec,
      name: `two-phase-symmetric(${n})`,
      symmetry: permutations({
        ids: RM,
        /** @param {TPState} s @param {(rm: number) => number} to */
        /** @returns {TPState} */
        permute: (s, to) => {
          /** @type {RMState[]} */
          const rmState = new Array(n);
          for (let rm = 0; rm < n; rm++) rmState[to(rm)] = s.rmState[rm];
          /** @type {Set<Message>} */
          const msgs = new Set();
          for (const m of s.msgs) msgs.add(m.type === 'Prepared' ? { type: 'Prepared', rm: to(m.rm) } : m);
          return { ...s, rmState, tmPrepared: new Set([...s.tmPrepared].map(to)), msgs };
        },
        // Everything the state holds about one RM: its state, whether the TM has its vote, whether it sent one.
        signature: (s, rm) => RM_CODE[s.rmState[rm]] * 4 + (s.tmPrepared.has(rm) ? 2 : 0) + (sent(s.msgs, 'Prepared', rm) ? 1 : 0),
      }),
    },
    key: undefined,
    json: undefined,
    // The baselines would search the whole space: only kripke runs it.
    kripkeOnly: true,
    expected: SYMMETRIC[n],
  };
}

/**
 * @param {number} n resource managers
 * @returns {import('./index.mjs').BenchModel<TPState>}
 */
export function twoPhase(n) {
  const RM = Object.freeze(Array.from({ length: n }, (_, i) => i));
  /** @type {import('./index.mjs').BenchModel<TPState>['spec']['actions']} */
  const actions = {
    TMRcvPrepared: {
      choices: () => RM,
      enabled: (s, rm) => s.tmState === 'init' && sent(s.msgs, 'Prepared', rm),
      apply: (s, rm) => ({ ...s, tmPrepared: union(s.tmPrepared, rm) }),
    },
    TMCommit: {
      enabled: (s) => s.tmState === 'init' && s.tmPrepared.size === n,
      apply: (s) => ({ ...s, tmState: 'committed', msgs: union(s.msgs, /** @type {Message} */ ({ type: 'Commit' })) }),
    },
    TMAbort: {
      enabled: (s) => s.tmState === 'init',
      apply: (s) => ({ ...s, tmState: 'aborted', msgs: union(s.msgs, /** @type {Message} */ ({ type: 'Abort' })) }),
    },
    RMPrepare: {
      choices: () => RM,
      enabled: (s, rm) => s.rmState[rm] === 'working',
      apply: (s, rm) => ({
        ...s,
        rmState: except(s.rmState, rm, 'prepared'),
        msgs: union(s.msgs, /** @type {Message} */ ({ type: 'Prepared', rm })),
      }),
    },
    RMChooseToAbort: {
      choices: () => RM,
      enabled: (s, rm) => s.rmState[rm] === 'working',
      apply: (s, rm) => ({ ...s, rmState: except(s.rmState, rm, 'aborted') }),
    },
    RMRcvCommitMsg: {
      choices: () => RM,
      enabled: (s) => sent(s.msgs, 'Commit'),
      apply: (s, rm) => ({ ...s, rmState: except(s.rmState, rm, 'committed') }),
    },
    RMRcvAbortMsg: {
      choices: () => RM,
      enabled: (s) => sent(s.msgs, 'Abort'),
      apply: (s, rm) => ({ ...s, rmState: except(s.rmState, rm, 'aborted') }),
    },
  };
  return {
    spec: {
      name: `two-phase(${n})`,
      init: { rmState: RM.map(() => 'working'), tmState: 'init', tmPrepared: new Set(), msgs: new Set() },
      actions,
      invariants: {
        // TCConsistent of TCommit.tla, which TwoPhase implements.
        consistent: (s) => !(s.rmState.includes('aborted') && s.rmState.includes('committed')),
      },
    },
    // Every run ends with all RMs decided and no action but re-receiving: no deadlock, but say so anyway.
    options: { deadlock: false },
    // 2 bits per RM, 2 for the TM, 1 per RM in tmPrepared, 1 per Prepared message, 1 each for Commit and Abort:
    // 4N+4 bits, exact in a double up to N = 12.
    key: (s) => {
      let k = TM_CODE[s.tmState];
      for (let rm = 0; rm < n; rm++) {
        k = k * 16 + RM_CODE[s.rmState[rm]] * 4 + (s.tmPrepared.has(rm) ? 2 : 0) + (sent(s.msgs, 'Prepared', rm) ? 1 : 0);
      }
      return k * 4 + (sent(s.msgs, 'Commit') ? 2 : 0) + (sent(s.msgs, 'Abort') ? 1 : 0);
    },
    json: setsAsSortedArrays,
    expected: KNOWN[n],
  };
}

/** @type {Record<number, { states: number, transitions?: number, source: string }>} */
const KNOWN = {
  3: { states: 288, transitions: 1_146 - 1, source: 'TLC, tlaplus/Examples manifest.json (1,146 generated incl. the initial state)' },
  5: { states: 8_832, source: "Stateright examples/2pc.rs test" },
  6: { states: 50_816, source: 'comment at the end of TwoPhase.tla' },
  8: { states: 1_745_408, source: 'TLC, 1 worker (issue 4)' },
};

/**
 * Symmetry classes of TwoPhase(N): the RMs as a multiset of per-RM signatures
 * with the TM's state and its two messages; counted by the search with
 * symmetry and by hand from the full search's states (test/bench-models.test.ts).
 */
/** @type {Record<number, { states: number, source: string }>} */
const SYMMETRIC = {
  3: { states: 80, source: 'an independent search renaming every state of the full space (test/checker/symmetry.test.ts)' },
  5: { states: 314, source: 'kripke with symmetry (test/checker/symmetry.test.ts)' },
  6: { states: 553, source: 'kripke with symmetry' },
  8: { states: 1_461, source: "kripke with symmetry (issue 13's prototype: 1,461)" },
};

/** JSON with every Set written as the sorted list of its members' JSON: what a correct hand-written key must do. */
export function setsAsSortedArrays(/** @type {unknown} */ s) {
  return JSON.stringify(s, sortSets);
}

/** @param {string} _key @param {unknown} v */
function sortSets(_key, v) {
  return v instanceof Set ? [...v].map((x) => JSON.stringify(x, sortSets)).sort() : v;
}
