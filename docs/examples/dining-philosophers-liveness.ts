/**
 * Ordered dining philosophers: no deadlock, but starvation depends on fairness.
 *
 * Three philosophers sit around a table with a fork between each pair. Each
 * picks up the lower-numbered of its two forks first (the resource ordering
 * that rules out deadlock), then the other, eats, and puts both down.
 *
 * Can philosopher 0, once hungry, starve? Under weak fairness of every action
 * yes: its neighbour keeps taking fork 0 back, so "take fork 0" is enabled
 * only now and then, never continuously, and weak fairness asks nothing of
 * an action that keeps being disabled. Under strong fairness no: enabled
 * again and again means taken eventually.
 *
 *   npx tsx docs/examples/dining-philosophers-liveness.ts
 */
import { check, checkLiveness, defineModel } from 'kripke';

export const N = 3;

export type Philosopher = 'thinking' | 'hungry' | 'one-fork' | 'eating';

export interface Table {
  philosophers: Philosopher[];
  /** Who holds each fork, or null. Philosopher i eats with forks i and i + 1 (mod N). */
  forks: (number | null)[];
}

const ids = Array.from({ length: N }, (_, i) => i);
const first = (i: number) => Math.min(i, (i + 1) % N);
const second = (i: number) => Math.max(i, (i + 1) % N);
const with_ = <T>(list: readonly T[], changes: Record<number, T>): T[] => list.map((v, j) => (j in changes ? changes[j] : v));

export const table = defineModel<Table>({
  name: 'ordered dining philosophers',
  init: { philosophers: ids.map(() => 'thinking'), forks: ids.map(() => null) },
  actions: {
    'get-hungry': {
      choices: () => ids,
      enabled: (s, i: number) => s.philosophers[i] === 'thinking',
      apply: (s, i: number) => ({ ...s, philosophers: with_(s.philosophers, { [i]: 'hungry' }) }),
    },
    'take-first': {
      choices: () => ids,
      enabled: (s, i: number) => s.philosophers[i] === 'hungry' && s.forks[first(i)] === null,
      apply: (s, i: number) => ({ philosophers: with_(s.philosophers, { [i]: 'one-fork' }), forks: with_(s.forks, { [first(i)]: i }) }),
    },
    'take-second': {
      choices: () => ids,
      enabled: (s, i: number) => s.philosophers[i] === 'one-fork' && s.forks[second(i)] === null,
      apply: (s, i: number) => ({ philosophers: with_(s.philosophers, { [i]: 'eating' }), forks: with_(s.forks, { [second(i)]: i }) }),
    },
    'put-down': {
      choices: () => ids,
      enabled: (s, i: number) => s.philosophers[i] === 'eating',
      apply: (s, i: number) => ({
        philosophers: with_(s.philosophers, { [i]: 'thinking' }),
        forks: with_(s.forks, { [first(i)]: null, [second(i)]: null }),
      }),
    },
  },
  invariants: {
    'fork-held-by-a-neighbour': (s) => s.forks.every((h, f) => h === null || h === f || h === (f + N - 1) % N),
  },
  liveness: {
    // Each philosopher (each choice of each action) is scheduled strongly fairly.
    'philosopher-0-eats': { from: (s) => s.philosophers[0] === 'hungry', goal: (s) => s.philosophers[0] === 'eating', strongFair: 'all' },
  },
});

export function main(log: (line: string) => void = console.log): void {
  log('Ordered dining philosophers: deadlock-free; starvation-free only under strong fairness\n');
  log(`  check (invariant, deadlock, philosopher-0-eats under strong fairness): ${check(table)}`);
  const weak = checkLiveness(table, { goal: 'philosopher-0-eats', fair: 'all', strongFair: [] });
  log(`  weak fairness of every action: ${weak}`);
  weak.trace.forEach((step, i) => {
    const mark = i === weak.trace.length - 1 ? `   ↻ back to step ${weak.loopsTo}` : '';
    log(`    ${String(i).padStart(2)}. ${(step.action ?? 'init').padEnd(15)} ${step.state.philosophers.map((p) => p.padEnd(8)).join(' ')}  forks ${JSON.stringify(step.state.forks)}${mark}`);
  });
}

if (process.argv[1]?.endsWith('dining-philosophers-liveness.ts')) main();
