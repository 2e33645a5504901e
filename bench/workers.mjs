// @ts-check
/**
 * The parallel search (CheckOptions.workers) against one worker on TwoPhase(8)
 * (1,745,408 states), side by side in one run: rounds interleave the series
 * (1 worker, then 2, …) so that the load of a shared machine falls on both;
 * the table gives medians. Also per worker, the states it expanded (the load
 * balance) and the cost of starting the workers.
 *
 *   npm run build && node bench/workers.mjs [rounds=3] [n=8] [workers=1,2]
 */
import { availableParallelism, loadavg } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { check, defineModel } from 'kripke';
import { lastParallelRun } from 'kripke/internal';
import { twoPhase } from './models/two-phase.mjs';

const rounds = Number(process.argv[2] ?? 3);
const n = Number(process.argv[3] ?? 8);
const series = (process.argv[4] ?? '1,2').split(',').map(Number);

// At the top level: each worker imports this file and calls this factory with the size (a worker's process.argv is not the main
// thread's: a model made from it was TwoPhase(8) whatever n the main thread had, and every size but 8 ran on one thread).
export const modelOf = (/** @type {number} */ size) => defineModel(twoPhase(size).spec);
const model = modelOf(n);

if (isMainThread) {
  /** @type {Record<number, number[]>} */
  const times = Object.fromEntries(series.map((w) => [w, []]));
  /** @type {Record<number, number[]>} CPU seconds of the whole process (every thread) */
  const cpus = Object.fromEntries(series.map((w) => [w, []]));
  /** @type {Record<number, string>} */
  const seen = {};
  console.log(`two-phase(${n}), ${rounds} rounds of ${series.join(' / ')} workers; ${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (let round = 0; round < rounds; round++) {
    for (const workers of series) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = check(model, { deadlock: false, maxStates: 5_000_000, timeout: 600_000, workers, module: import.meta.url, export: 'modelOf', args: [n] });
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      times[workers].push(ms);
      cpus[workers].push((cpu.user + cpu.system) / 1e6);
      const figures = `${r.kind} ${r.stats.states} states ${r.stats.transitions} transitions depth ${r.stats.depth}`;
      if (seen[series[0]] !== undefined && seen[series[0]] !== figures) throw new Error(`workers ${workers}: ${figures}, one worker: ${seen[series[0]]}`);
      seen[workers] = figures;
      const total = lastParallelRun.expanded.reduce((a, b) => a + b, 0);
      const balance = workers > 1 ? `; expanded per worker ${lastParallelRun.expanded.map((e) => `${((100 * e) / total).toFixed(1)}%`).join(' / ')}, workers ready after ${lastParallelRun.readyMs.toFixed(0)} ms` : '';
      console.log(`  round ${round + 1}: ${workers} worker${workers === 1 ? ' ' : 's'} ${(ms / 1000).toFixed(2)} s, CPU ${cpus[workers].at(-1)?.toFixed(1)} s  (${figures}; searched by ${r.stats.workers}${balance})${r.warnings ? ` ${r.warnings}` : ''}`);
    }
  }
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(times[series[0]]);
  console.log(`\nmedians (load now ${loadavg().map((l) => l.toFixed(2)).join(' ')}):`);
  for (const w of series) {
    console.log(`  ${w} worker${w === 1 ? ' ' : 's'}  ${(median(times[w]) / 1000).toFixed(2)} s   ×${(base / median(times[w])).toFixed(2)}   CPU ${median(cpus[w]).toFixed(1)} s (×${(median(cpus[w]) / median(cpus[series[0]])).toFixed(2)} of one worker's)`);
  }
}
