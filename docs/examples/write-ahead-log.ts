/**
 * A write-ahead log that acknowledges an entry only once it is durable. Two
 * Linux faults from kripke/environments: the process crashes (its memory is
 * lost, the kernel's page cache is not), and the machine loses what was
 * written but never fsynced (a power cut; or a failed writeback, after which
 * a retried fsync succeeds without the data: "fsyncgate"). Acknowledging after
 * write(2) survives the process crash but not the lost writes; acknowledging
 * after fsync(2) survives both.
 *
 *   npx tsx docs/examples/write-ahead-log.ts
 */
import { checkOpen, defineModel } from 'kripke';
import { linux } from 'kripke/environments';

export interface Wal {
  /** Entries the client asked to log, not yet written. */
  pending: string[];
  /** Written with write(2): in the page cache, not yet durable. */
  cache: string[];
  /** Covered by a successful fsync(2): on disk. */
  disk: string[];
  /** Entries the client was told are committed. */
  acked: string[];
}

const start: Wal = { pending: ['x', 'y'], cache: [], disk: [], acked: [] };

/** Every acknowledged entry can still be read back, from the cache or the disk. */
const invariants = { 'acked-entries-survive': (s: Wal) => s.acked.every((e) => s.cache.includes(e) || s.disk.includes(e)) };

/** The log, acknowledging each entry after write(2) (`fsync: false`) or after fsync(2). */
export function wal(fsync: boolean) {
  return defineModel<Wal>({
    name: fsync ? 'wal-fsync' : 'wal-write-only',
    init: start,
    actions: {
      write: {
        enabled: (s) => s.pending.length > 0,
        apply: (s) => ({
          ...s,
          pending: s.pending.slice(1),
          cache: [...s.cache, s.pending[0]],
          acked: fsync ? s.acked : [...s.acked, s.pending[0]],
        }),
      },
      // The kernel writes the page cache back in its own time; fsync forces it and acknowledges what it covered.
      flush: {
        enabled: (s) => s.cache.length > 0,
        apply: (s) => ({ ...s, cache: [], disk: [...s.disk, ...s.cache], acked: fsync ? [...s.acked, ...s.cache] : s.acked }),
      },
    },
    invariants,
    terminal: (s) => s.pending.length === 0 && s.cache.length === 0,
  });
}

/** A process crash keeps the page cache; a lost writeback (or power cut) drops it. One of each at most. */
export const linuxFaults = [
  linux.processCrash<Wal>({ canCrash: (s) => s.pending.length > 0, onCrash: (s) => ({ ...s, pending: [] }), maxFaults: 1 }),
  linux.fsyncLoss<Wal>({ canLose: (s) => s.cache.length > 0, onLose: (s) => ({ ...s, cache: [] }), maxFaults: 1 }),
];

export function main(log: (line: string) => void = console.log): void {
  log('A write-ahead log against process crashes and lost unsynced writes\n');
  const crashOnly = checkOpen(wal(false), linuxFaults[0]);
  log(`  ack after write, process crash only: ${crashOnly.result}`);
  const writeOnly = checkOpen(wal(false), linuxFaults);
  log(`  ack after write:                     ${writeOnly.result}`);
  log(`    trace: ${writeOnly.result.trace.map((step) => step.action ?? 'init').join(' → ')}`);
  const synced = checkOpen(wal(true), linuxFaults);
  log(`  ack after fsync:                     ${synced.result}`);
  log(`\n  Residual assumptions (${synced.unverifiedAssumptions.length} unverified):`);
  for (const a of synced.unverifiedAssumptions) log(`    ${a.name} (${a.source})`);
}

if (process.argv[1]?.endsWith('write-ahead-log.ts')) main();
