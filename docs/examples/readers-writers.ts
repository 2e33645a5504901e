/**
 * Readers–writers: readers may share the data, a writer needs it alone. The
 * buggy lock lets a writer check "nobody inside" and enter in two separate
 * steps; a reader, or another writer, can slip in between. The search finds a
 * writer among readers in three steps and two writers at once in four; the
 * fixed lock checks and enters in one atomic step and keeps both invariants.
 * Ported from musil's readers–writers story.
 *
 *   npx tsx docs/examples/readers-writers.ts
 */
import { check, defineModel, type ActionSpec, type Model } from 'kripke';

export interface Room {
  readers: ('out' | 'reading')[];
  writers: ('out' | 'ready' | 'writing')[];
}

const writing = (s: Room) => s.writers.filter((w) => w === 'writing').length;
const reading = (s: Room) => s.readers.filter((r) => r === 'reading').length;

const set = <T>(list: T[], i: number, to: T) => list.map((x, j) => (j === i ? to : x));

export function room(options: { readers: number; writers: number; lock: 'buggy' | 'atomic' }): Model<Room> {
  const readers = Array.from({ length: options.readers }, (_, i) => i);
  const writers = Array.from({ length: options.writers }, (_, i) => i);
  const writerActions: Record<string, ActionSpec<Room>> =
    options.lock === 'buggy'
      ? {
          // if (!writing && readers === 0) { …another thread may run here… writing = true }
          check: {
            choices: () => writers,
            enabled: (s: Room, w: number) => s.writers[w] === 'out' && writing(s) === 0 && reading(s) === 0,
            apply: (s: Room, w: number): Room => ({ ...s, writers: set(s.writers, w, 'ready') }),
          },
          write: {
            choices: () => writers,
            enabled: (s: Room, w: number) => s.writers[w] === 'ready',
            apply: (s: Room, w: number): Room => ({ ...s, writers: set(s.writers, w, 'writing') }),
          },
        }
      : {
          write: {
            choices: () => writers,
            enabled: (s: Room, w: number) => s.writers[w] === 'out' && writing(s) === 0 && reading(s) === 0,
            apply: (s: Room, w: number): Room => ({ ...s, writers: set(s.writers, w, 'writing') }),
          },
        };
  return defineModel<Room>({
    name: `readers-writers, ${options.lock} lock`,
    init: { readers: readers.map(() => 'out' as const), writers: writers.map(() => 'out' as const) },
    actions: {
      read: {
        choices: () => readers,
        enabled: (s, r: number) => s.readers[r] === 'out' && writing(s) === 0,
        apply: (s, r: number) => ({ ...s, readers: set(s.readers, r, 'reading') }),
      },
      'stop-reading': {
        choices: () => readers,
        enabled: (s, r: number) => s.readers[r] === 'reading',
        apply: (s, r: number) => ({ ...s, readers: set(s.readers, r, 'out') }),
      },
      ...writerActions,
      'stop-writing': {
        choices: () => writers,
        enabled: (s, w: number) => s.writers[w] === 'writing',
        apply: (s, w: number) => ({ ...s, writers: set(s.writers, w, 'out') }),
      },
    },
    invariants: {
      'no-writer-with-readers': (s) => writing(s) === 0 || reading(s) === 0,
      'at-most-one-writer': (s) => writing(s) <= 1,
    },
  });
}

export function main(log: (line: string) => void = console.log): void {
  log('Readers–writers: two readers, two writers, one shared document\n');

  const buggy = check(room({ readers: 2, writers: 2, lock: 'buggy' }));
  log(`  buggy lock:                 ${buggy}`);
  log(`    trace: ${buggy.trace.map((step) => step.action ?? 'init').join(' → ')}`);

  const writersOnly = check(room({ readers: 0, writers: 2, lock: 'buggy' }));
  log(`  buggy lock, writers only:   ${writersOnly}`);
  log(`    trace: ${writersOnly.trace.map((step) => step.action ?? 'init').join(' → ')}`);

  const fixed = check(room({ readers: 2, writers: 2, lock: 'atomic' }));
  log(`  atomic lock:                ${fixed}`);
  log(`    coverage: ${fixed.coverage.map((c) => `${c.action} ×${c.enabled}`).join(', ')}`);
  log(
    '\nThe check and the entry must be one step. Coverage shows every action of the fixed\n' +
      'lock fires, so its pass is not bought by an action that can never run.',
  );
}

if (process.argv[1]?.endsWith('readers-writers.ts')) main();
