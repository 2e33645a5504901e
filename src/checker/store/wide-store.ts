/**
 * The 128-bit fingerprint store, for `fingerprintBits: 128`: when the default
 * 64 bits would carry a collision risk above `maxCollisionProbability` (a few
 * hundred million generated states), without the memory of `exact: true`.
 * Each state keeps the default 64-bit fingerprint and 64 more bits from a hash
 * of its canonical text (plain-data.ts, the exact store's key), a function
 * unrelated to the structural walk: 20 bytes a state plus the table, about 8
 * more than the default store, and the time to build each state's canonical key.
 */
import { canonicalKey } from '../../model/plain-data.js';
import { CHUNK_BITS, IntColumn, OFFSET } from './columns.js';
import { fingerprint64, type Fingerprinter } from './fingerprint.js';
import { ExactStore, FINGERPRINT_STORE_CAPACITY, FingerprintStore, type StateStore } from './state-store.js';

const ID_BITS = 27;
const ID_MASK = (1 << ID_BITS) - 1;
const TAG_MASK = ~ID_MASK;

/** Two 32-bit lanes of a string, into out[2] and out[3] (murmur3-style steps per character pair, two seeds, two finalisers). */
function hashText(s: string, out: Int32Array): void {
  let c = 0x3c6ef372 ^ s.length;
  let d = 0x9b05688c ^ s.length;
  for (let i = 0; i < s.length; i += 2) {
    const k = s.charCodeAt(i) | ((i + 1 < s.length ? s.charCodeAt(i + 1) : 0) << 16);
    c ^= Math.imul(k, 0xcc9e2d51);
    c = (Math.imul((c << 13) | (c >>> 19), 5) + 0xe6546b64) | 0;
    d ^= Math.imul(k, 0x1b873593);
    d = (Math.imul((d << 17) | (d >>> 15), 9) + 0x27d4eb2f) | 0;
  }
  c ^= c >>> 16;
  c = Math.imul(c, 0x85ebca6b);
  c ^= c >>> 13;
  out[2] = c ^ (c >>> 16);
  d ^= d >>> 16;
  d = Math.imul(d, 0x7feb352d);
  d ^= d >>> 15;
  out[3] = d ^ (d >>> 16);
}

export class WideFingerprintStore implements StateStore {
  size = 0;
  readonly bits = 128;
  readonly capacity = FINGERPRINT_STORE_CAPACITY;
  private readonly lanes = [new IntColumn(), new IntColumn(), new IntColumn(), new IntColumn()];
  private readonly parents = new IntColumn();
  private table = new Int32Array(1 << 9);
  private mask = (1 << 9) - 1;
  private limit = (3 << 9) >>> 2;
  private readonly fp = new Int32Array(4);

  constructor(private readonly fingerprinter: Fingerprinter = fingerprint64) {}

  private of(state: unknown, fresh = false): void {
    this.fingerprinter.of(state, this.fp, fresh);
    hashText(canonicalKey(state), this.fp);
  }

  add(state: unknown, parent: number): number {
    this.of(state);
    const i = this.probe();
    if (i < 0) return i;
    const id = this.size;
    for (let l = 0; l < 4; l++) this.lanes[l].push(this.fp[l]);
    this.parents.push(parent);
    this.table[i] = (this.fp[1] & TAG_MASK) | (id + 1);
    this.size = id + 1;
    if (this.size > this.limit) this.grow();
    return id;
  }

  find(state: unknown): number {
    this.of(state);
    const i = this.probe();
    return i < 0 ? -i - 1 : -1;
  }

  /** The empty slot where this.fp belongs, or `-(id + 1)` of the state stored with it. */
  private probe(): number {
    const fp = this.fp;
    const tag = fp[1] & TAG_MASK;
    let i = fp[0] & this.mask;
    for (let e = this.table[i]; e !== 0; e = this.table[i]) {
      if ((e & TAG_MASK) === tag && this.same(e & ID_MASK) !== 0) return -(e & ID_MASK);
      i = (i + 1) & this.mask;
    }
    return i;
  }

  /** `slot` (id + 1) when the state stored there has all four lanes of this.fp, else 0. */
  private same(slot: number): number {
    const id = slot - 1;
    const c = id >>> CHUNK_BITS;
    const o = id & OFFSET;
    for (let l = 0; l < 4; l++) if (this.lanes[l].chunks[c][o] !== this.fp[l]) return 0;
    return slot;
  }

  expanding(parent: unknown): void {
    this.fingerprinter.expanding?.(parent);
  }

  matches(state: unknown, id: number, fresh = false): boolean {
    this.of(state, fresh);
    return this.same(id + 1) !== 0;
  }

  verify(state: unknown, id: number): boolean {
    return this.matches(state, id, true);
  }

  parentOf(id: number): number {
    return this.parents.get(id);
  }

  bytes(): number {
    return this.table.byteLength + this.parents.bytes() + this.lanes.reduce((sum, l) => sum + l.bytes(), 0);
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.lanes[0].get(id) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = (this.lanes[1].get(id) & TAG_MASK) | (id + 1);
    }
    this.table = table;
    this.mask = mask;
    this.limit = (table.length >>> 2) * 3;
  }
}

/**
 * The store a check's options ask for: exact canonical keys, 128-bit or the
 * default 64-bit fingerprints. The one place that chooses, so every kind of
 * check (safety, liveness, conformance) honours the same switches.
 *
 * @example
 * storeFor({ exact: false, fingerprintBits: 128 }).bits; // 128
 */
export function storeFor(options: { readonly exact: boolean; readonly fingerprintBits?: 64 | 128 }, fingerprinter?: Fingerprinter): StateStore {
  if (options.exact) return new ExactStore();
  return options.fingerprintBits === 128 ? new WideFingerprintStore(fingerprinter) : new FingerprintStore(fingerprinter);
}
