/**
 * Dining philosophers, continued: the lower-fork-first table cannot deadlock
 * (dining-philosophers.ts), but can a philosopher starve?
 *
 * Philosopher 0 and philosopher 2 both reach first for fork 0. Under weak
 * fairness of every action, philosopher 0 can starve: philosopher 2 keeps
 * taking fork 0 back, so "philosopher 0 picks up fork 0" is enabled only now
 * and then, never without interruption, and weak fairness asks nothing of an
 * action that keeps being disabled. Under strong fairness it cannot: an action
 * enabled again and again is eventually taken.
 *
 *   npx tsx docs/examples/dining-philosophers-liveness.ts
 */
import { checkLiveness, type StatePredicate } from 'kripke';
import { table, type Table } from './dining-philosophers.js';

export const ordered = table('lower-first');

/** Philosopher 0 is eating. */
export const zeroEats: StatePredicate<Table> = (s) => s.holding[0] === 2;

export function main(log: (line: string) => void = console.log): void {
  log('Dining philosophers, lower fork first: deadlock-free, but starvation-free?\n');

  // "Philosopher 0 eats again and again": from every state, a meal follows (from: always).
  const weak = checkLiveness(ordered, { from: () => true, goal: zeroEats, fair: 'all' });
  log(`  weak fairness of every action:   ${weak}`);
  weak.trace.forEach((step, i) => {
    const mark = i === weak.trace.length - 1 ? `   ↻ back to step ${weak.loopsTo}` : '';
    log(`    ${String(i).padStart(2)}. ${(step.action ?? 'init').padEnd(10)} holding ${step.state.holding.join(' ')}  forks ${JSON.stringify(step.state.forks)}${mark}`);
  });

  const strong = checkLiveness(ordered, { from: () => true, goal: zeroEats, strongFair: 'all' });
  log(`  strong fairness of every action: ${strong}`);
  log(
    '\nFork 0 is free at step 0 and taken again at step 2: philosopher 0 keeps getting a chance\n' +
      'and keeps losing it. Only a strongly fair scheduler (a fair lock on the fork) rules that out.',
  );
}

if (process.argv[1]?.endsWith('dining-philosophers-liveness.ts')) main();
