/**
 * Readers–writers: mutual exclusion holds, but a naive policy starves the writer.
 *
 * Many readers may hold the lock at once, or one writer alone, never both.
 * That safety property holds under both policies below. Whether a waiting
 * writer ever gets to write is a different question, a liveness property,
 * and only one policy passes it: no invariant can tell them apart, only a
 * cycle can. Ported from musil's examples/readers_writers.py.
 *
 *   npx tsx docs/examples/readers-writers-liveness.ts
 */
import { check, checkLiveness, defineModel, type Model } from 'kripke';

/** The lock's state: how many readers hold it, whether the writer writes or waits. */
export interface Lock {
  readers: number;
  writing: boolean;
  writerWaiting: boolean;
}

/** At most this many readers at once: keeps the model finite. */
export const MAX_READERS = 2;

/**
 * The lock under a policy. Reader preference: a new reader may enter whenever
 * no writer is writing. Writer preference: once a writer waits, no new
 * reader enters; the readers inside finish and the writer goes next.
 */
export function readersWriters(policy: 'reader-preference' | 'writer-preference'): Model<Lock> {
  return defineModel<Lock>({
    name: `readers-writers (${policy})`,
    init: { readers: 0, writing: false, writerWaiting: false },
    actions: {
      'start-read': {
        enabled: (s) =>
          !s.writing && s.readers < MAX_READERS && (policy === 'reader-preference' || !s.writerWaiting),
        apply: (s) => ({ ...s, readers: s.readers + 1 }),
      },
      'stop-read': { enabled: (s) => s.readers > 0, apply: (s) => ({ ...s, readers: s.readers - 1 }) },
      'want-write': { enabled: (s) => !s.writerWaiting && !s.writing, apply: (s) => ({ ...s, writerWaiting: true }) },
      'start-write': {
        enabled: (s) => s.writerWaiting && s.readers === 0 && !s.writing,
        apply: (s) => ({ ...s, writing: true, writerWaiting: false }),
      },
      'stop-write': { enabled: (s) => s.writing, apply: (s) => ({ ...s, writing: false }) },
    },
    invariants: {
      'mutual-exclusion': (s) => !(s.writing && s.readers > 0),
    },
    liveness: {
      // A writer that starts waiting eventually writes, whatever the scheduler does, as long as it is fair.
      'writer-progress': { from: (s) => s.writerWaiting, goal: (s) => s.writing, fair: 'all' },
    },
  });
}

export const readerPreference = readersWriters('reader-preference');
export const writerPreference = readersWriters('writer-preference');

export function main(log: (line: string) => void = console.log): void {
  log('Readers–writers: safety holds under both policies; liveness tells them apart\n');

  // 1. check runs the invariants, then the declared liveness property.
  log(`  reader preference: ${check(readerPreference)}`);
  log(`  writer preference: ${check(writerPreference)}`);

  // 2. The lasso: a prefix to the cycle, then readers passing the lock between them forever.
  const starved = checkLiveness(readerPreference, 'writer-progress');
  log('\n  The writer starves under reader preference:');
  starved.trace.forEach((step, i) => {
    const mark = starved.loopsTo !== undefined && i === starved.trace.length - 1 ? `   ↻ back to step ${starved.loopsTo}` : '';
    log(`    ${String(i).padStart(2)}. ${(step.action ?? 'init').padEnd(12)} ${JSON.stringify(step.state)}${mark}`);
  });

  // 3. Strong fairness does not save it: readers can keep the count above zero, so start-write is never enabled.
  log(`\n  reader preference, strong fairness: ${checkLiveness(readerPreference, { goal: 'writer-progress', strongFair: 'all' })}`);

  // 4. musil's own question: does a writer ever write (◇writing), with the three actions it names fair?
  const fair = ['want-write', 'stop-read', 'start-write'];
  log(`\n  ◇writing, fair ${fair.join(', ')}:`);
  log(`    reader preference: ${checkLiveness(readerPreference, { goal: (s) => s.writing, fair })}`);
  log(`    writer preference: ${checkLiveness(writerPreference, { goal: (s) => s.writing, fair })}`);

  // 5. Without fairness even the good policy fails: readers come and go, and the writer never asks.
  log(`    writer preference, no fairness: ${checkLiveness(writerPreference, { goal: (s) => s.writing })}`);
  log('\nFairness rules out the scheduler as the culprit; what still fails is the policy.');
}

if (process.argv[1]?.endsWith('readers-writers-liveness.ts')) main();
