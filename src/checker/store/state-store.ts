/**
 * The visited set. Memory goes to fingerprints, not to states: each stored
 * state costs its 64-bit fingerprint and its parent's id (12 bytes, in chunked
 * typed arrays that never copy), plus 5 to 11 bytes of open-addressing table.
 * States themselves live only in the search frontier; traces are rebuilt from
 * parent ids by re-running the model (see trace.ts).
 */
import { canonicalKey } from '../../model/plain-data.js';
import { CHUNK_BITS, IntColumn, OFFSET } from './columns.js';
import { fingerprint64, type Fingerprinter } from './fingerprint.js';

/** What the search needs of a visited set. */
export interface StateStore {
  /** What keys the states when not the whole state ('view', 'symmetry', 'symmetry and view'), for messages. */
  readonly keyedBy?: string;
  /** Distinct states stored. */
  readonly size: number;
  /** Bits of identity per state (64 for fingerprints, Infinity for exact keys): for the collision estimate. */
  readonly bits: number;
  /** Stores `state` if unseen and returns its new id (≥ 0); returns `-(id + 1)` of the state seen before. */
  add(state: unknown, parent: number): number;
  /** The id `state` was stored under, or -1 (does not store it). */
  find(state: unknown): number;
  /** True when `state` is the one stored under `id` (same fingerprint or key). */
  matches(state: unknown, id: number): boolean;
  /** `matches`, hashing every value afresh and checking it is plain data: the mutation check. */
  verify(state: unknown, id: number): boolean;
  /** The id of the state `id` was first reached from; -1 for an initial state. */
  parentOf(id: number): number;
  /** Bytes held by the store's own arrays (not the frontier). */
  bytes(): number;
  /** Most states the store can hold. */
  readonly capacity: number;
  /** The state whose successors are added next; null before hashing a state afresh (see Fingerprinter.expanding). */
  expanding(parent: unknown): void;
}

// A table slot holds id + 1 in its low 27 bits and 5 bits of lane B above them:
// most probes of a fuller table are then rejected without touching the chunks.
const ID_BITS = 27;
const ID_MASK = (1 << ID_BITS) - 1;
const TAG_MASK = ~ID_MASK;
/** Most states a FingerprintStore can hold (the slot's id field). */
export const FINGERPRINT_STORE_CAPACITY = ID_MASK - 1;

/**
 * Fingerprint store: typed arrays only. 12 bytes a state in chunks that never
 * copy (lane A, lane B, parent id), plus an open-addressing table of 4-byte
 * slots, linear probing, grown at load 3/4: 17 to 23 bytes a state in all.
 */
export class FingerprintStore implements StateStore {
  size = 0;
  readonly bits: number;
  readonly capacity = FINGERPRINT_STORE_CAPACITY;
  private readonly laneA = new IntColumn();
  private readonly laneB = new IntColumn();
  private readonly parents = new IntColumn();
  private table = new Int32Array(1 << 9);
  private mask = (1 << 9) - 1;
  private limit = (3 << 9) >>> 2;
  private readonly fp = new Int32Array(2);

  constructor(private readonly fingerprinter: Fingerprinter = fingerprint64) {
    this.bits = fingerprinter.bits;
  }

  add(state: unknown, parent: number): number {
    this.fingerprinter.of(state, this.fp);
    const a = this.fp[0];
    const b = this.fp[1];
    const i = this.probe(a, b);
    if (i < 0) return i;
    const id = this.size;
    this.laneA.push(a);
    this.laneB.push(b);
    this.parents.push(parent);
    this.table[i] = (b & TAG_MASK) | (id + 1);
    this.size = id + 1;
    if (this.size > this.limit) this.grow();
    return id;
  }

  find(state: unknown): number {
    this.fingerprinter.of(state, this.fp);
    const i = this.probe(this.fp[0], this.fp[1]);
    return i < 0 ? -i - 1 : -1;
  }

  /** The empty slot where (a, b) belongs, or `-(id + 1)` of the state stored with (a, b). */
  private probe(a: number, b: number): number {
    const table = this.table;
    const mask = this.mask;
    const tag = b & TAG_MASK;
    const laneA = this.laneA.chunks;
    const laneB = this.laneB.chunks;
    let i = a & mask;
    for (let e = table[i]; e !== 0; e = table[i]) {
      if ((e & TAG_MASK) === tag) {
        const id = (e & ID_MASK) - 1;
        const c = id >>> CHUNK_BITS;
        const o = id & OFFSET;
        if (laneA[c][o] === a && laneB[c][o] === b) return -(id + 1);
      }
      i = (i + 1) & mask;
    }
    return i;
  }

  expanding(parent: unknown): void {
    this.fingerprinter.expanding?.(parent);
  }

  matches(state: unknown, id: number, anew = false): boolean {
    this.fingerprinter.of(state, this.fp, anew);
    return this.laneA.get(id) === this.fp[0] && this.laneB.get(id) === this.fp[1];
  }

  verify(state: unknown, id: number): boolean {
    return this.matches(state, id, true);
  }

  parentOf(id: number): number {
    return this.parents.get(id);
  }

  /** The fingerprint stored under `id`, into out[0] and out[1] (a parallel search copies the first levels out). */
  fingerprintOf(id: number, out: Int32Array): void {
    out[0] = this.laneA.get(id);
    out[1] = this.laneB.get(id);
  }

  bytes(): number {
    return this.table.byteLength + this.laneA.bytes() + this.laneB.bytes() + this.parents.bytes();
  }

  private grow(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let id = 0; id < this.size; id++) {
      let i = this.laneA.get(id) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = (this.laneB.get(id) & TAG_MASK) | (id + 1);
    }
    this.table = table;
    this.mask = mask;
    this.limit = (table.length >>> 2) * 3;
  }
}

/** Exact store for `exact: true`: keyed by the canonical text of each state. No collisions; far more memory. */
export class ExactStore implements StateStore {
  readonly bits = Infinity;
  readonly capacity = Infinity;
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly parents: number[] = [];
  private keyBytes = 0;

  get size(): number {
    return this.keys.length;
  }

  add(state: unknown, parent: number): number {
    const key = canonicalKey(state);
    const seen = this.ids.get(key);
    if (seen !== undefined) return -(seen + 1);
    const id = this.keys.length;
    this.ids.set(key, id);
    this.keys.push(key);
    this.parents.push(parent);
    this.keyBytes += key.length;
    return id;
  }

  find(state: unknown): number {
    return this.ids.get(canonicalKey(state)) ?? -1;
  }

  expanding(): void {
    // Canonical keys are built afresh each time: nothing to remember.
  }

  matches(state: unknown, id: number): boolean {
    return canonicalKey(state) === this.keys[id];
  }

  verify(state: unknown, id: number): boolean {
    return this.matches(state, id);
  }

  parentOf(id: number): number {
    return this.parents[id];
  }

  bytes(): number {
    // An estimate: one-byte strings plus map and array slots.
    return this.keyBytes + this.keys.length * 40;
  }
}
