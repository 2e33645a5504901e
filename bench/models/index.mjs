// @ts-check
/**
 * The benchmark models. Each is written once, as a kripke model spec (plain
 * functions over plain data), and every engine of the benchmark runs that same
 * spec: kripke through defineModel and check, the baselines by walking its
 * actions themselves.
 */
import { alternatingBit } from './alternating-bit.mjs';
import { hanoi } from './hanoi.mjs';
import { philosophers } from './philosophers.mjs';
import { puzzle8 } from './puzzle8.mjs';
import { twoPhase, twoPhaseSymmetric } from './two-phase.mjs';

/**
 * A model as the benchmark needs it.
 * @template S
 * @typedef {object} BenchModel
 * @property {import('kripke').ModelSpec<S> & { actions: Record<string, import('kripke').ActionSpec<S>> }} spec  for defineModel (actions as a record)
 * @property {import('kripke').CheckOptions} options  what a full sweep needs (budgets are lifted by the bench)
 * @property {(state: S) => number} [key]  a perfect integer key: distinct states, distinct numbers
 * @property {(state: S) => string} [json]  the baseline's string key when JSON.stringify alone is not canonical (Sets)
 * @property {{ states: number, transitions?: number, source: string }} [expected]  the known answer
 * @property {boolean} [kripkeOnly]  searched up to symmetry: the baselines, which search every state, do not run it
 */

/**
 * @typedef {object} ModelEntry
 * @property {string} title  how the table names it, given the size
 * @property {(size: number) => BenchModel<any>} make
 * @property {number} size  the size of the main table
 * @property {number[]} series  sizes of the scaling series
 * @property {boolean} [optional]  left out of a run that names no model
 */

/** @type {Record<string, ModelEntry>} */
export const MODELS = {
  puzzle8: { title: '8-puzzle', make: () => puzzle8(), size: 0, series: [] },
  hanoi: { title: 'hanoi', make: (n) => hanoi(n), size: 14, series: [8, 9, 10, 11, 12, 13, 14] },
  twophase: { title: 'two-phase', make: (n) => twoPhase(n), size: 8, series: [4, 5, 6, 7, 8] },
  // TwoPhase with its RMs interchangeable (defineModel's symmetry): run by name, not part of `npm run bench`'s default list.
  'twophase-sym': { title: 'two-phase, symmetry', make: (n) => twoPhaseSymmetric(n), size: 8, series: [4, 5, 6, 7, 8], optional: true },
  philosophers: { title: 'philosophers', make: (n) => philosophers(n), size: 15, series: [10, 12, 14, 16] },
  // Sized by channel capacity: the protocol keeps each channel's contents to two runs of bits,
  // so the space grows slowly with it while transitions (one loss per queued message) grow fast.
  abp: { title: 'alternating-bit', make: (c) => alternatingBit(ABP_MESSAGES, c), size: 24, series: [8, 16, 24, 32] },
};

/** Messages the alternating-bit sender gets across in the bench; the size is the channel capacity. */
export const ABP_MESSAGES = 3;

export { alternatingBit, hanoi, philosophers, puzzle8, twoPhase, twoPhaseSymmetric };
