/**
 * The visited set of a parallel search: an open-addressing table of 64-bit
 * fingerprints in shared memory, four int32 words an entry:
 * `[level + 1, lane A, lane B, key]`. The level word is 0 while the entry is
 * empty, -1 while its writer fills it, and published last; a reader that meets
 * -1 waits for it. A state first met in the level being searched is claimed
 * by the least key (the index, within the level, of the parent that reached
 * it): an atomic minimum, so the winner is the parent the one-worker search
 * would have expanded first.
 */

/** Words per entry. */
export const ENTRY = 4;
const LEVEL = 0;
const LANE_A = 1;
const LANE_B = 2;
const KEY = 3;
const WRITING = -1;

/** What `claim` found. */
export const VISITED = 0;
export const CLAIMED = 1;
export const BEATEN = 2;

/** The slot of the last `claim` (module scratch: no allocation on the hot path). */
export let claimedSlot = -1;

/**
 * Claims fingerprint (a, b), met at `level` (the successors' level + 1 as
 * stored) from the parent with `key`. VISITED: stored at an earlier level.
 * CLAIMED: this parent holds the claim for now (first, or below the last
 * claimant). BEATEN: an earlier parent (or this parent, earlier) has it.
 */
export function claim(table: Int32Array, mask: number, a: number, b: number, level: number, key: number): number {
  let i = a & mask;
  for (;;) {
    const base = i * ENTRY;
    let l = Atomics.load(table, base + LEVEL);
    if (l === 0) {
      if (Atomics.compareExchange(table, base + LEVEL, 0, WRITING) === 0) {
        table[base + LANE_A] = a;
        table[base + LANE_B] = b;
        table[base + KEY] = key;
        Atomics.store(table, base + LEVEL, level);
        claimedSlot = i;
        return CLAIMED;
      }
      l = Atomics.load(table, base + LEVEL);
    }
    while (l === WRITING) l = Atomics.load(table, base + LEVEL);
    if (table[base + LANE_A] === a && table[base + LANE_B] === b) {
      if (l !== level) return VISITED;
      claimedSlot = i;
      return lower(table, base + KEY, key);
    }
    i = (i + 1) & mask;
  }
}

/** The atomic minimum of the key word with `key`: CLAIMED if `key` is now the least, BEATEN if a key ≤ it was there. */
function lower(table: Int32Array, at: number, key: number): number {
  for (;;) {
    const held = Atomics.load(table, at);
    if (held <= key) return BEATEN;
    if (Atomics.compareExchange(table, at, held, key) === held) return CLAIMED;
  }
}

/** True if (a, b) is stored (at any level). */
export function contains(table: Int32Array, mask: number, a: number, b: number): boolean {
  let i = a & mask;
  for (;;) {
    const base = i * ENTRY;
    let l = Atomics.load(table, base + LEVEL);
    if (l === 0) return false;
    while (l === WRITING) l = Atomics.load(table, base + LEVEL);
    if (table[base + LANE_A] === a && table[base + LANE_B] === b) return true;
    i = (i + 1) & mask;
  }
}

/** The key now held by the entry at `slot`. */
export function keyAt(table: Int32Array, slot: number): number {
  return Atomics.load(table, slot * ENTRY + KEY);
}

/** Stores (a, b) at `level` with no other writer about (the leader, between levels). */
export function insert(table: Int32Array, mask: number, a: number, b: number, level: number, key: number): void {
  let i = a & mask;
  while (table[i * ENTRY + LEVEL] !== 0) i = (i + 1) & mask;
  const base = i * ENTRY;
  table[base + LANE_A] = a;
  table[base + LANE_B] = b;
  table[base + KEY] = key;
  table[base + LEVEL] = level;
}

/**
 * Rebuilds the table in `entries` slots from the entries of levels ≤ `keep`
 * (others dropped: a level searched again). The buffer must be growable and
 * every other worker waiting.
 */
export function rebuild(buffer: SharedArrayBuffer, entries: number, keep: number): void {
  const old = new Int32Array(buffer).slice();
  (buffer as unknown as { grow(bytes: number): void }).grow(Math.max(buffer.byteLength, entries * ENTRY * 4));
  const table = new Int32Array(buffer, 0, entries * ENTRY);
  table.fill(0);
  const mask = entries - 1;
  for (let base = 0; base < old.length; base += ENTRY) {
    const l = old[base + LEVEL];
    if (l > 0 && l <= keep) insert(table, mask, old[base + LANE_A], old[base + LANE_B], l, old[base + KEY]);
  }
}

/** A shared buffer that can grow up to `max` bytes (Node 20 and later). */
export function growable(bytes: number, max: number): SharedArrayBuffer {
  const Shared = SharedArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => SharedArrayBuffer;
  return new Shared(bytes, { maxByteLength: Math.max(bytes, max) });
}

/** Grows a growable shared buffer to at least `bytes`. */
export function growTo(buffer: SharedArrayBuffer, bytes: number): void {
  if (buffer.byteLength < bytes) (buffer as unknown as { grow(bytes: number): void }).grow(bytes);
}
