/**
 * Which expanded states the mutation check hashes again. Hashing a state
 * afresh after its successors were computed costs about one more fingerprint
 * per state (8–11% of a large check). `'strict'` (the default) checks every
 * expanded state: a green check never rests on a state that changed under
 * the search. `'sampled'` (opt-in, for speed) checks every one of the first
 * MUTATION_CHECK_EVERY states expanded, then about one in
 * MUTATION_CHECK_ONE_IN at random, seeded per check (repeated runs check
 * different states). A mutation found is reported the same way in both modes.
 */

/** How expanded states are checked for mutation: every one, or every one of the first ones and then a sample. */
export type MutationCheck = 'strict' | 'sampled';

/** Every state among the first this many expanded is checked, in either mode. */
export const MUTATION_CHECK_EVERY = 4096;
/** After those, `'sampled'` checks about one expanded state in this many. */
export const MUTATION_CHECK_ONE_IN = 8;

/**
 * Says, once per expanded state, whether the mutation check runs on it.
 *
 * @example
 * const audit = new MutationAudit('strict');
 * audit.due(); // true, always
 */
export class MutationAudit {
  private left: number;
  private random: number;

  constructor(mode: MutationCheck = 'strict', seed: number = Math.random() * 0x7fffffff) {
    this.left = mode === 'strict' ? Infinity : MUTATION_CHECK_EVERY;
    this.random = seed | 1;
  }

  /** True when the state being expanded is to be checked (call once per state). */
  due(): boolean {
    if (this.left > 0) {
      this.left--;
      return true;
    }
    // xorshift32: cheap, and no pattern the breadth-first order could fall in step with.
    let r = this.random;
    r ^= r << 13;
    r ^= r >>> 17;
    r ^= r << 5;
    this.random = r;
    return (r >>> 0) % MUTATION_CHECK_ONE_IN === 0;
  }
}
