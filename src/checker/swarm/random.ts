/**
 * The swarm's randomness: a small seeded generator (SplitMix32), so that the
 * same seed and shard give the same search on every machine.
 */

/**
 * A well-mixed 32-bit value of `x` (the murmur3 finaliser).
 *
 * @example
 * mix32(1); // 1364076727
 */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Seeded pseudo-random numbers.
 *
 * @example
 * const random = new Random(7);
 * random.below(6);           // the same number on every machine
 * random.shuffle([1, 2, 3]); // the same order for the same seed
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = mix32(seed ^ 0x9e3779b9) | 0;
  }

  /** The next 32-bit unsigned value. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}

/**
 * The seed of one member: the swarm's seed and the member's index mixed, so
 * that members of one seed differ and each member is the same on every run.
 *
 * @example
 * memberSeed(1, 2) !== memberSeed(1, 3); // true
 */
export function memberSeed(seed: number, index: number): number {
  return mix32(mix32(seed >>> 0) ^ Math.imul(index, 0x27d4eb2f));
}
