/**
 * Holzmann's supertrace: the visited set as an array of bits. A state sets k
 * bits chosen by k hash functions of its 64-bit fingerprint (double hashing,
 * seeded per swarm member); a state whose k bits are all set already is taken
 * as visited. Two states whose bits coincide make the second look visited, so
 * the search may skip states it never saw: incomplete by nature, in a few
 * megabytes for hundreds of millions of states. Each member seeds its hashes
 * differently, so a state one member skips another most likely visits.
 */
import { mix32 } from './random.js';

/**
 * A bit array with k seeded hash functions of a fingerprint.
 *
 * @example
 * const bits = new BitState(2 ** 20, 3, seed);
 * bits.add(a, b); // true: new
 * bits.add(a, b); // false: taken as visited
 */
export class BitState {
  /** States that set at least one new bit (a lower bound on the distinct states offered). */
  added = 0;
  /** Bits set. */
  ones = 0;
  private readonly words: Uint32Array;
  private readonly mask: number;
  private readonly seedA: number;
  private readonly seedB: number;

  /**
   * @param bits the array's size in bits, a power of two from 2^10 to 2^32
   * @param hashes k, the bits each state sets
   */
  constructor(
    readonly bits: number,
    readonly hashes: number,
    seed: number,
  ) {
    this.words = new Uint32Array(Math.max(1, bits / 32));
    this.mask = bits - 1;
    this.seedA = mix32(seed ^ 0x5bd1e995);
    this.seedB = mix32(seed ^ 0x1b873593);
  }

  /** Sets the bits of fingerprint (a, b); true when some bit was clear (the state is new). */
  add(a: number, b: number): boolean {
    const h1 = mix32(a ^ this.seedA ^ mix32(b));
    const h2 = mix32(b ^ this.seedB ^ a) | 1;
    let fresh = false;
    for (let i = 0; i < this.hashes; i++) {
      const bit = ((h1 + Math.imul(i, h2)) & this.mask) >>> 0;
      const w = bit >>> 5;
      const m = 1 << (bit & 31);
      if ((this.words[w] & m) === 0) {
        this.words[w] |= m;
        this.ones++;
        fresh = true;
      }
    }
    if (fresh) this.added++;
    return fresh;
  }

  /**
   * The chance that a state never seen before finds all its bits set now, and
   * so is skipped: (ones / bits)^k. Small while the array is sparse.
   */
  omission(): number {
    return (this.ones / this.bits) ** this.hashes;
  }
}
