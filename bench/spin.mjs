// @ts-check
/**
 * SPIN beside kripke, side by side in one run: the same models written in
 * Promela (generated here, each action one `d_step`, so SPIN stores exactly
 * the model's states), compiled once with gcc (`-DBFS -DSAFETY -DNOCLAIM`:
 * breadth-first, no never claim, as kripke), then rounds that alternate a
 * fresh `pan` process and a fresh kripke process (bench/measure.mjs), medians.
 * Both must count the same states. Not part of `npm test`: SPIN and gcc are
 * not npm packages (`apt-get install spin` on Debian and Ubuntu); without
 * them this script says so and exits 0.
 *
 *   node bench/spin.mjs [puzzle8] [hanoi:14] [twophase:8] [--runs 3]   after `npm run build`
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Promela for each model, by size; `vector` is the state vector size pan needs. */
const PROMELA = {
  /** The 8-puzzle from the solved board; the blank's cell is stored too (it follows from the board: no extra states). */
  puzzle8: () => `
byte b[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 0 };
byte z = 8;
active proctype puzzle() {
  do
  :: d_step { z >= 3 -> b[z] = b[z - 3]; b[z - 3] = 0; z = z - 3 }
  :: d_step { z < 6 -> b[z] = b[z + 3]; b[z + 3] = 0; z = z + 3 }
  :: d_step { z % 3 != 0 -> b[z] = b[z - 1]; b[z - 1] = 0; z = z - 1 }
  :: d_step { z % 3 != 2 -> b[z] = b[z + 1]; b[z + 1] = 0; z = z + 1 }
  od
}`,
  /** Tower of Hanoi: each disc's peg (disc 0 the smallest); a move takes the top disc of one peg onto an empty peg or a larger top (an illegal move is a step to the same state). */
  hanoi: (/** @type {number} */ n) => `
#define N ${n}
byte peg[N];
byte i, t0, t1, t2, src, dst; /* scratch, zero between steps (pan's BFS allows no hidden variables) */
inline tops() {
  t0 = N; t1 = N; t2 = N; i = N;
  do :: i > 0 -> i--; if :: peg[i] == 0 -> t0 = i :: peg[i] == 1 -> t1 = i :: else -> t2 = i fi :: else -> break od
}
active proctype hanoi() {
  do
${[[0, 1], [0, 2], [1, 0], [1, 2], [2, 0], [2, 1]].map(([f, t]) => `  :: d_step { tops(); src = t${f}; dst = t${t}; if :: src < dst -> peg[src] = ${t} :: else -> skip fi; i = 0; t0 = 0; t1 = 0; t2 = 0; src = 0; dst = 0 }`).join('\n')}
  od
}`,
  /** Lamport's TwoPhase, as bench/models/two-phase.mjs: rmState 0 working, 1 prepared, 2 committed, 3 aborted; tmState 0 init, 1 committed, 2 aborted. */
  twophase: (/** @type {number} */ n) => `
byte rm[${n}];
byte tm;
bool tmPrepared[${n}];
bool prepared[${n}];
bool commitMsg, abortMsg;
active proctype twoPhase() {
  do
${Array.from({ length: n }, (_, r) => [
  `  :: d_step { tm == 0 && prepared[${r}] && !tmPrepared[${r}] -> tmPrepared[${r}] = true }`,
  `  :: d_step { rm[${r}] == 0 -> rm[${r}] = 1; prepared[${r}] = true }`,
  `  :: d_step { rm[${r}] == 0 -> rm[${r}] = 3 }`,
  `  :: d_step { commitMsg && rm[${r}] != 2 -> rm[${r}] = 2 }`,
  `  :: d_step { abortMsg && rm[${r}] != 3 -> rm[${r}] = 3 }`,
].join('\n')).join('\n')}
  :: d_step { tm == 0 && ${Array.from({ length: n }, (_, r) => `tmPrepared[${r}]`).join(' && ')} -> tm = 1; commitMsg = true }
  :: d_step { tm == 0 -> tm = 2; abortMsg = true }
  od
}`,
};

/** @typedef {{ states: number, ms: number, memoryMB: number }} SpinRun */

/** The Promela of a model, compiled: the path of its pan, or null with the reason. */
function compile(/** @type {string} */ name, /** @type {number} */ size) {
  const dir = mkdtempSync(join(tmpdir(), `kripke-spin-${name}-`));
  writeFileSync(join(dir, 'model.pml'), PROMELA[/** @type {keyof typeof PROMELA} */ (name)](size));
  execFileSync('spin', ['-a', 'model.pml'], { cwd: dir, stdio: 'ignore' });
  execFileSync('gcc', ['-O2', '-DBFS', '-DSAFETY', '-DNOCLAIM', '-DNOFAIR', '-DMEMLIM=8192', '-o', 'pan', 'pan.c'], { cwd: dir, stdio: 'ignore' });
  return join(dir, 'pan');
}

/** One run of pan in a fresh process: states stored, wall time, memory pan reports. @returns {SpinRun} */
function runPan(/** @type {string} */ pan, /** @type {number} */ hashBits) {
  const t0 = performance.now();
  // -E: no invalid-end-state errors (kripke's models here run forever or are checked without deadlock);
  // -m: no depth limit to speak of (Hanoi(14) is 16,383 moves deep; pan's default stops at 10,000);
  // -w: a hash table of about twice the states (pan's default, 2^24 slots, costs small models 0.3 s to clear).
  const r = spawnSync(pan, ['-E', `-w${hashBits}`, '-m10000000'], { cwd: dirname(pan), encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - t0;
  const out = r.stdout ?? '';
  const states = Number(/([\d.e+]+) states, stored/.exec(out)?.[1]);
  const memoryMB = Number(/([\d.]+)\s+total actual memory usage/.exec(out)?.[1]);
  if (!Number.isFinite(states)) throw new Error(`pan printed no state count:\n${out}\n${r.stderr}`);
  return { states, ms, memoryMB };
}

/** One kripke sweep in a fresh process (bench/measure.mjs). */
function runKripke(/** @type {string} */ name, /** @type {number} */ size) {
  const out = execFileSync(process.execPath, [join(here, 'measure.mjs'), 'kripke', name, String(size)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

/** log2 of pan's hash table: about twice the states the model is known to have. */
function hashBits(/** @type {string} */ name, /** @type {number} */ size) {
  const twoPhase = /** @type {Record<number, number>} */ ({ 3: 288, 5: 8_832, 6: 50_816, 8: 1_745_408 });
  const known = name === 'puzzle8' ? 181_440 : name === 'hanoi' ? 3 ** size : (twoPhase[size] ?? 1 << 22);
  return Math.max(10, Math.min(30, Math.ceil(Math.log2(known * 2))));
}

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** kripke with the RMs interchangeable (defineModel's symmetry) against SPIN's run of the whole space. */
function symmetric(/** @type {number} */ size, /** @type {number} */ spinMs) {
  const runs = [runKripke('twophase-sym', size), runKripke('twophase-sym', size), runKripke('twophase-sym', size)];
  const k = median(runs.map((x) => x.ms));
  console.log(`| twophase(${size}), kripke with symmetry | ${runs[0].states.toLocaleString('en-US')} classes | (whole space) ${(spinMs / 1000).toFixed(2)} s | | ${(k / 1000).toFixed(2)} s | ${(median(runs.map((x) => x.maxRssKB)) / 1024).toFixed(0)} MB | ${(k / spinMs).toFixed(3)}× |`);
}

function available() {
  for (const tool of ['spin', 'gcc']) {
    const probe = spawnSync(tool, [tool === 'spin' ? '-V' : '--version'], { encoding: 'utf8' });
    if (probe.error !== undefined || probe.status !== 0) return `${tool} not found (apt-get install -y spin gcc)`;
  }
  return null;
}

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 3;
const targets = argv.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
const DEFAULT_SIZES = { puzzle8: 0, hanoi: 14, twophase: 8 };
const chosen = (targets.length > 0 ? targets : Object.keys(DEFAULT_SIZES)).map((t) => {
  const [name, size] = t.split(':');
  if (!(name in PROMELA)) throw new Error(`no Promela for '${name}'; SPIN runs ${Object.keys(PROMELA).join(', ')}`);
  return { name, size: size === undefined ? DEFAULT_SIZES[/** @type {keyof typeof DEFAULT_SIZES} */ (name)] : Number(size) };
});

const missing = available();
if (missing !== null) {
  console.log(`SPIN skipped: ${missing}`);
} else {
  const version = spawnSync('spin', ['-V'], { encoding: 'utf8' }).stdout.trim();
  console.log(`${version}; rounds of ${runs}, fresh processes, pan and kripke alternating, medians\n`);
  console.log('| model | states (both) | SPIN | SPIN memory | kripke | kripke peak RSS | kripke ÷ SPIN (time) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { name, size } of chosen) {
    const pan = compile(name, size);
    /** @type {SpinRun[]} */ const spin = [];
    /** @type {{ ms: number, states: number, maxRssKB: number }[]} */ const kripke = [];
    for (let r = 0; r < runs; r++) {
      spin.push(runPan(pan, hashBits(name, size)));
      kripke.push(runKripke(name, size));
      process.stderr.write(`  ${name}(${size}) round ${r + 1}/${runs}: SPIN ${spin[r].ms.toFixed(0)} ms, kripke ${kripke[r].ms.toFixed(0)} ms\n`);
    }
    const agree = spin.every((s) => s.states === kripke[0].states) && kripke.every((k) => k.states === kripke[0].states);
    const s = median(spin.map((x) => x.ms));
    const k = median(kripke.map((x) => x.ms));
    const label = name === 'puzzle8' ? '8-puzzle' : `${name}(${size})`;
    console.log(`| ${label} | ${agree ? kripke[0].states.toLocaleString('en-US') : `DISAGREE: SPIN ${spin[0].states}, kripke ${kripke[0].states}`} | ${(s / 1000).toFixed(2)} s | ${median(spin.map((x) => x.memoryMB)).toFixed(0)} MB | ${(k / 1000).toFixed(2)} s | ${(median(kripke.map((x) => x.maxRssKB)) / 1024).toFixed(0)} MB | ${(k / s).toFixed(2)}× |`);
    if (!agree) process.exitCode = 1;
    if (name === 'twophase') symmetric(size, s);
  }
}
