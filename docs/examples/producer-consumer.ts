/**
 * Producer–consumer over a bounded buffer, with a check-then-act bug: each
 * producer first checks that the buffer has room, then, in a separate step,
 * puts its item. Two producers can both see the last free slot and both put:
 * the buffer overflows. The search finds the shortest such schedule; checking
 * and putting in one atomic step (a lock, a synchronized method) fixes it.
 * Ported from musil's producer–consumer story.
 *
 *   npx tsx docs/examples/producer-consumer.ts
 */
import { check, defineModel, type Model } from 'kripke';

export const CAPACITY = 2;
const PRODUCERS = [0, 1];

export interface Buffer {
  /** Items in the buffer. */
  items: number;
  /** Per producer: 'idle', or 'checked' (saw room, about to put). */
  producers: ('idle' | 'checked')[];
}

const start: Buffer = { items: 0, producers: PRODUCERS.map(() => 'idle' as const) };

const setProducer = (s: Buffer, p: number, to: 'idle' | 'checked') => s.producers.map((x, i) => (i === p ? to : x));

const invariants = { 'no-overflow': (s: Buffer) => s.items <= CAPACITY };

/** The consumer takes an item whenever there is one. */
const take = { enabled: (s: Buffer) => s.items > 0, apply: (s: Buffer): Buffer => ({ ...s, items: s.items - 1 }) };

/** `if (buffer.size < CAPACITY) buffer.put(item)`, where another producer may run between the check and the put. */
export const checkThenAct: Model<Buffer> = defineModel<Buffer>({
  name: 'check-then-act',
  init: start,
  actions: {
    check: {
      choices: () => PRODUCERS,
      enabled: (s, p: number) => s.producers[p] === 'idle' && s.items < CAPACITY,
      apply: (s, p: number) => ({ ...s, producers: setProducer(s, p, 'checked') }),
    },
    put: {
      choices: () => PRODUCERS,
      enabled: (s, p: number) => s.producers[p] === 'checked',
      apply: (s, p: number) => ({ items: s.items + 1, producers: setProducer(s, p, 'idle') }),
    },
    take,
  },
  invariants,
});

/** The check and the put in one atomic step. */
export const atomicPut: Model<Buffer> = defineModel<Buffer>({
  name: 'atomic-put',
  init: start,
  actions: {
    put: {
      choices: () => PRODUCERS,
      enabled: (s, p: number) => s.producers[p] === 'idle' && s.items < CAPACITY,
      apply: (s) => ({ ...s, items: s.items + 1 }),
    },
    take,
  },
  invariants,
});

export function main(log: (line: string) => void = console.log): void {
  log(`Producer–consumer: two producers, one consumer, a buffer of ${CAPACITY}\n`);

  const racy = check(checkThenAct);
  log(`  check, then put:   ${racy}`);
  for (const step of racy.trace) {
    log(`    ${(step.action ?? 'init').padEnd(10)} items=${step.state.items}  producers=${step.state.producers.join(',')}`);
  }

  const fixed = check(atomicPut);
  log(`  atomic put:        ${fixed}`);
  log(
    '\nProducer 1 saw room, then producer 0 filled the buffer before producer 1 put its item.\n' +
      'Three puts, each after its own check: no schedule is shorter than six steps, and\n' +
      'breadth-first search finds one of that length before any longer one.',
  );
}

if (process.argv[1]?.endsWith('producer-consumer.ts')) main();
