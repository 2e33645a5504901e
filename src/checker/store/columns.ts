/**
 * Growable columns of numbers in 64 Ki-entry typed-array chunks: appending
 * never copies, except the first chunk, which starts at 256 entries and
 * doubles (a twelve-state model should not zero megabytes). The state store's
 * fingerprints and parents and the liveness graph's edges and flags all live
 * in these; readers on a hot path index `chunks` directly.
 */
export const CHUNK_BITS = 16;
export const CHUNK = 1 << CHUNK_BITS;
export const OFFSET = CHUNK - 1;
const FIRST_CHUNK = 256;

type Chunk = Int32Array | Uint8Array;

class Column<A extends Chunk> {
  length = 0;
  readonly chunks: A[] = [];

  constructor(private readonly make: (size: number) => A) {}

  push(value: number): void {
    const i = this.length;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(this.make(c === 0 ? FIRST_CHUNK : CHUNK));
    else if (c === 0 && i === this.chunks[0].length) {
      const grown = this.make(i * 2);
      grown.set(this.chunks[0]);
      this.chunks[0] = grown;
    }
    this.chunks[c][i & OFFSET] = value;
    this.length = i + 1;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & OFFSET];
  }

  bytes(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  }
}

/** A column of int32 values (fingerprint lanes, ids). */
export class IntColumn extends Column<Int32Array> {
  constructor() {
    super((size) => new Int32Array(size));
  }
}

/** A column of bytes (per-state flags). */
export class ByteColumn extends Column<Uint8Array> {
  constructor() {
    super((size) => new Uint8Array(size));
  }
}
