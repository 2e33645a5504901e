/**
 * Producer–consumer on a bounded buffer: the check-then-act race, the atomic
 * fix, and the liveness question the fix raises (is every item consumed?).
 *
 * Producers add to a buffer of capacity CAP; consumers remove. The naive
 * producer first CHECKS that there is room, then, as a separate step,
 * COMMITS the insert: two producers can both pass the check and overflow the
 * buffer. Merging check and commit into one atomic `put` fixes safety. A
 * producer that finds the buffer full busy-waits (`retry`), and a busy-wait is
 * a cycle: without fairness the scheduler may run it forever and the item in
 * the buffer is never consumed. Weak fairness of `take` rules that out.
 * Ported from musil's examples/producer_consumer.py (the busy-wait is ours).
 *
 *   npx tsx docs/examples/producer-consumer-liveness.ts
 */
import { check, checkLiveness, defineModel, type ActionSpec, type Model } from 'kripke';

/** Buffer capacity. */
export const CAP = 1;
/** Producers and consumers: one item each. */
export const ACTORS = 2;

export type Producer = 'idle' | 'ready' | 'done';
export type Consumer = 'idle' | 'done';

export interface Buffer {
  count: number;
  producers: Producer[];
  consumers: Consumer[];
}

const set = <T>(list: readonly T[], i: number, value: T): T[] => list.map((v, j) => (j === i ? value : v));
const ids = Array.from({ length: ACTORS }, (_, i) => i);

/** The buffer with naive (check, then commit) or atomic (put) producers. */
export function producerConsumer(producer: 'naive' | 'atomic'): Model<Buffer> {
  const produce: Record<string, ActionSpec<Buffer, number>> =
    producer === 'naive'
      ? {
          // CHECK: room now...
          check: {
            choices: () => ids,
            enabled: (s: Buffer, i: number) => s.producers[i] === 'idle' && s.count < CAP,
            apply: (s: Buffer, i: number) => ({ ...s, producers: set(s.producers, i, 'ready') }),
          },
          // ...COMMIT: insert whether or not there still is.
          commit: {
            choices: () => ids,
            enabled: (s: Buffer, i: number) => s.producers[i] === 'ready',
            apply: (s: Buffer, i: number) => ({ ...s, count: s.count + 1, producers: set(s.producers, i, 'done') }),
          },
        }
      : {
          // Test and insert in one step: no other action can come between them.
          put: {
            choices: () => ids,
            enabled: (s: Buffer, i: number) => s.producers[i] === 'idle' && s.count < CAP,
            apply: (s: Buffer, i: number) => ({ ...s, count: s.count + 1, producers: set(s.producers, i, 'done') }),
          },
          // The buffer is full: look again (a busy-wait; the state does not change).
          retry: {
            choices: () => ids,
            enabled: (s: Buffer, i: number) => s.producers[i] === 'idle' && s.count >= CAP,
            apply: (s: Buffer) => s,
          },
        };
  return defineModel<Buffer>({
    name: `producer-consumer (${producer})`,
    init: { count: 0, producers: ids.map(() => 'idle'), consumers: ids.map(() => 'idle') },
    actions: {
      ...produce,
      take: {
        choices: () => ids,
        enabled: (s, j: number) => s.consumers[j] === 'idle' && s.count > 0,
        apply: (s, j: number) => ({ ...s, count: s.count - 1, consumers: set(s.consumers, j, 'done') }),
      },
    },
    invariants: {
      'within-capacity': (s) => s.count >= 0 && s.count <= CAP,
    },
    // Everyone done and the buffer empty is the end, not a deadlock.
    terminal: (s) => s.count === 0 && s.producers.every((p) => p === 'done') && s.consumers.every((c) => c === 'done'),
    liveness: {
      // Whatever is in the buffer is eventually taken out, if every consumer's take is weakly fair.
      'every-item-consumed': { from: (s) => s.count > 0, goal: (s) => s.count === 0, fair: ['take'] },
    },
  });
}

export const naive = producerConsumer('naive');
export const atomic = producerConsumer('atomic');

export function main(log: (line: string) => void = console.log): void {
  log('Producer–consumer: the check-then-act race, the atomic fix, and whether every item is consumed\n');

  // 1. Naive producers: both check, both commit, the buffer overflows.
  const race = check(naive);
  log(`  naive producers:  ${race}`);
  log(`    trace: ${race.trace.map((step) => step.action ?? 'init').join(' → ')}`);

  // 2. Atomic put: safe, no deadlock, and every item is consumed (the declared liveness property).
  log(`  atomic put:       ${check(atomic)}`);

  // 3. Take away fairness and a producer's busy-wait can run forever with an item in the buffer.
  const spin = checkLiveness(atomic, { goal: 'every-item-consumed', fair: [] });
  log(`\n  atomic put, no fairness: ${spin}`);
  log(`    lasso: ${spin.trace.map((step, i) => `${step.action ?? 'init'}${i === spin.loopsTo ? ' ⟲' : ''}`).join(' → ')}`);
  log('\nThe fix for safety is atomicity; the guarantee of progress is fairness of take.');
}

if (process.argv[1]?.endsWith('producer-consumer-liveness.ts')) main();
