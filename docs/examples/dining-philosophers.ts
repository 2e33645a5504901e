/**
 * Dining philosophers: three philosophers, three forks, one between each pair.
 * Each picks up one fork, then the other, eats, and puts both down. If everyone
 * reaches for the left fork first, all three can hold one fork and wait forever
 * for the second: a deadlock, which the search finds in three steps. Taking the
 * lower-numbered fork first breaks the circle of waiting.
 * Ported from musil's dining-philosophers story.
 *
 *   npx tsx docs/examples/dining-philosophers.ts
 */
import { action, check, defineModel, type Model } from 'kripke';

export const PHILOSOPHERS = 3;

export interface Table {
  /** forks[f]: the philosopher holding fork f, or null when it lies on the table. */
  forks: (number | null)[];
  /** Forks each philosopher holds: 0 thinking, 1 waiting for the second, 2 eating. */
  holding: number[];
}

/** Philosopher p sits between fork p (left) and fork p + 1 (right, wrapping round). */
const left = (p: number) => p;
const right = (p: number) => (p + 1) % PHILOSOPHERS;

export function table(order: 'left-first' | 'lower-first'): Model<Table> {
  const firstFork = (p: number) => (order === 'left-first' ? left(p) : Math.min(left(p), right(p)));
  const secondFork = (p: number) => (order === 'left-first' ? right(p) : Math.max(left(p), right(p)));
  const pickUp = (s: Table, p: number, fork: number): Table => ({
    forks: s.forks.map((f, i) => (i === fork ? p : f)),
    holding: s.holding.map((h, i) => (i === p ? h + 1 : h)),
  });
  // Actions built in a loop, musil style: three per philosopher.
  const actions = Array.from({ length: PHILOSOPHERS }, (_, p) => [
    action<Table>(`first(${p})`, (s) => s.holding[p] === 0 && s.forks[firstFork(p)] === null, (s) => pickUp(s, p, firstFork(p))),
    action<Table>(`second(${p})`, (s) => s.holding[p] === 1 && s.forks[secondFork(p)] === null, (s) => pickUp(s, p, secondFork(p))),
    action<Table>(`done(${p})`, (s) => s.holding[p] === 2, (s) => ({
      forks: s.forks.map((f) => (f === p ? null : f)),
      holding: s.holding.map((h, i) => (i === p ? 0 : h)),
    })),
  ]).flat();
  return defineModel<Table>({
    name: `philosophers, ${order}`,
    init: { forks: Array(PHILOSOPHERS).fill(null), holding: Array(PHILOSOPHERS).fill(0) },
    actions,
    invariants: {
      // Safety: two neighbours never eat at once (they would share a fork).
      'neighbours-never-both-eat': (s) => s.holding.every((h, p) => !(h === 2 && s.holding[right(p)] === 2)),
    },
  });
}

export function main(log: (line: string) => void = console.log): void {
  log(`Dining philosophers: ${PHILOSOPHERS} philosophers, ${PHILOSOPHERS} forks\n`);

  const naive = check(table('left-first'));
  log(`  left fork first:   ${naive}`);
  log(`    trace: ${naive.trace.map((step) => step.action ?? 'init').join(' → ')}`);
  log(`    forks held by: ${naive.trace.at(-1)?.state.forks.join(', ')}`);

  const ordered = check(table('lower-first'));
  log(`  lower fork first:  ${ordered}`);
  log(
    '\nWith everyone reaching left, each philosopher waits for a fork the next one holds:\n' +
      'a circle. Ordering the forks means someone always reaches for a free one.',
  );
}

if (process.argv[1]?.endsWith('dining-philosophers.ts')) main();
