// @ts-check
/**
 * Where a `node --cpu-prof` profile spends its time: self time per function,
 * summed over every node of the call tree that runs it, as a share of all
 * samples. Also runnable alone: node bench/profile-summary.mjs file.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} file a .cpuprofile
 * @param {number} top how many functions to list
 * @returns {string}
 */
export function summarizeProfile(file, top = 15) {
  /** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[], timeDeltas: number[] }} */
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const frameOf = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  /** @type {Map<string, number>} */
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const dt = prof.timeDeltas[i] ?? 0;
    const f = frameOf.get(id);
    if (f === undefined) return;
    const where = f.url ? `${f.url.replace(/^.*\/(dist|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const share = (/** @type {number} */ us) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = rows.map(([key, us]) => `  ${share(us)}  ${key}`);
  // The same time by file: which layer (fingerprints, store, loop, model code, GC) it belongs to.
  /** @type {Map<string, number>} */
  const byFile = new Map();
  for (const [key, us] of self) {
    const file = key.includes('  ') ? key.slice(key.indexOf('  ') + 2).replace(/:\d+$/, '') : key;
    const group = file.startsWith('node:') ? 'node internals' : file;
    byFile.set(group, (byFile.get(group) ?? 0) + us);
  }
  const files = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([file, us]) => `  ${share(us)}  ${file}`);
  return [`  self time by function, ${(total / 1000).toFixed(0)} ms sampled:`, ...lines, '  by file:', ...files].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: node bench/profile-summary.mjs file.cpuprofile [top]');
  process.stdout.write(`${summarizeProfile(file, top === undefined ? 15 : Number(top))}\n`);
}
