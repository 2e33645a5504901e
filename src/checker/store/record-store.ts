/**
 * The visited set a parallel search leaves behind: per state, its 64-bit
 * fingerprint and its parent's id, three int32 words a state in shared memory
 * written by the workers. Read-only: traces are rebuilt from it exactly as
 * from a FingerprintStore (trace.ts).
 */
import { fingerprint64, type Fingerprinter } from './fingerprint.js';
import { FINGERPRINT_STORE_CAPACITY, type StateStore } from './state-store.js';

/** Words per state record: lane A, lane B, parent id. */
export const RECORD = 3;

export class RecordStore implements StateStore {
  readonly bits: number;
  readonly capacity = FINGERPRINT_STORE_CAPACITY;
  private readonly fp = new Int32Array(2);

  constructor(
    private readonly records: Int32Array,
    readonly size: number,
    private readonly fingerprinter: Fingerprinter = fingerprint64,
  ) {
    this.bits = fingerprinter.bits;
  }

  add(): number {
    throw new Error('RecordStore is read-only');
  }

  find(): number {
    throw new Error('RecordStore keeps no index: traces are rebuilt through parentOf and matches');
  }

  matches(state: unknown, id: number, fresh = false): boolean {
    this.fingerprinter.of(state, this.fp, fresh);
    return this.records[id * RECORD] === this.fp[0] && this.records[id * RECORD + 1] === this.fp[1];
  }

  verify(state: unknown, id: number): boolean {
    return this.matches(state, id, true);
  }

  parentOf(id: number): number {
    return this.records[id * RECORD + 2];
  }

  bytes(): number {
    return this.size * RECORD * 4;
  }

  expanding(parent: unknown): void {
    this.fingerprinter.expanding?.(parent);
  }
}
