/**
 * The lost update: two threads each increment a shared counter by reading it,
 * then writing back what they read plus one. Run alone, each step is correct;
 * interleaved, one increment can vanish. The breadth-first search finds the
 * shortest interleaving that loses one, and shows that compare-and-set fixes it.
 * Ported from musil's lost-update story.
 *
 *   npx tsx docs/examples/lost-update.ts
 */
import { check, defineModel, type ChoiceActionSpec } from 'kripke';

/** What one thread is about to do, and the value it read. */
export interface Thread {
  pc: 'read' | 'write' | 'done';
  local: number;
}

export interface Counter {
  counter: number;
  threads: Thread[];
}

const THREADS = [0, 1];

const start: Counter = { counter: 0, threads: THREADS.map(() => ({ pc: 'read', local: 0 })) };

const update = (s: Counter, t: number, thread: Partial<Thread>, counter = s.counter): Counter => ({
  counter,
  threads: s.threads.map((x, i) => (i === t ? { ...x, ...thread } : x)),
});

const allDone = (s: Counter) => s.threads.every((t) => t.pc === 'done');

/** Once both threads have finished, both increments show. */
const invariants = {
  'no-lost-update': (s: Counter) => !allDone(s) || s.counter === THREADS.length,
};

/** Thread t loads the shared counter into its local copy. */
const read: ChoiceActionSpec<Counter, number> = {
  choices: () => THREADS,
  enabled: (s, t) => s.threads[t].pc === 'read',
  apply: (s, t) => update(s, t, { pc: 'write', local: s.counter }),
};

/** `counter = counter + 1` as two steps: load, then store. */
export const racy = defineModel<Counter>({
  name: 'racy-increment',
  init: start,
  actions: {
    read,
    write: {
      choices: () => THREADS,
      enabled: (s, t: number) => s.threads[t].pc === 'write',
      apply: (s, t: number) => update(s, t, { pc: 'done' }, s.threads[t].local + 1),
    },
  },
  invariants,
  terminal: allDone,
});

/** The same two steps, but the store is a compare-and-set: if the counter moved since the load, load again. */
export const compareAndSet = defineModel<Counter>({
  name: 'compare-and-set',
  init: start,
  actions: {
    read,
    cas: {
      choices: () => THREADS,
      enabled: (s, t: number) => s.threads[t].pc === 'write',
      apply: (s, t: number) =>
        s.counter === s.threads[t].local
          ? update(s, t, { pc: 'done' }, s.counter + 1)
          : update(s, t, { pc: 'read' }), // lost the race: retry
    },
  },
  invariants,
  terminal: allDone,
});

export function main(log: (line: string) => void = console.log): void {
  log('Lost update: two threads increment a shared counter\n');

  const lost = check(racy);
  log(`  load, then store:       ${lost}`);
  log(`    trace: ${lost.trace.map((step) => step.action ?? 'init').join(' → ')}`);
  log(`    final counter: ${lost.trace.at(-1)?.state.counter} (two increments, one survives)`);

  const fixed = check(compareAndSet);
  log(`  load, compare-and-set:  ${fixed}`);
  log(
    '\nEach thread is correct on its own; the bug lives only in one interleaving, and the\n' +
      'search tries them all. Compare-and-set retries instead of overwriting a newer value.',
  );
}

if (process.argv[1]?.endsWith('lost-update.ts')) main();
