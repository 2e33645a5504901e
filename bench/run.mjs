// @ts-check
/**
 * kripke's benchmark: every model swept by kripke and by the two hand-written
 * baselines, side by side in the same run, each measurement in a fresh child
 * process (bench/measure.mjs) so that peak RSS is its own. Rounds interleave
 * the engines (kripke, JSON, key, kripke, JSON, key, …) so that machine noise
 * falls on all of them alike; the table shows medians.
 *
 *   npm run bench                          every model at its main size
 *   node bench/run.mjs puzzle8 hanoi:10    some models (name or name:size)
 *   node bench/run.mjs --series hanoi      the scaling series of one model
 *   node bench/run.mjs --runs 7            rounds per model (default: 5, or 3 when a run takes seconds)
 *   node bench/run.mjs --engines kripke    only some engines (kripke, json, key)
 *   node bench/run.mjs --profile puzzle8   also write a CPU profile of one kripke run and list its hot functions
 *   node bench/run.mjs --json out.json     also write the raw measurements
 *   node bench/run.mjs overhead            only what one small check costs a test (part of the full run)
 *   node bench/run.mjs conformance         only checkConformance's cost per step beside a hand-written loop (part of the full run)
 *   node bench/run.mjs setup               only what the setup files cost a test file (bench/setup-cost.mjs; part of the full run)
 *   node bench/run.mjs jest spin workers   only a check inside Jest against Node (bench/jest-check.mjs), SPIN side by side
 *                                          (bench/spin.mjs), 1 and 2 workers (bench/workers.mjs); each part of the full run
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS } from './models/index.mjs';
import { summarizeProfile } from './profile-summary.mjs';
import { conformanceOverhead } from './conformance.mjs';
import { setupCost } from './setup-cost.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ENGINES = /** @type {const} */ (['kripke', 'json', 'key']);

/** @typedef {typeof ENGINES[number]} Engine */
/**
 * @typedef {{ engine: string, model: string, size: number, ok: boolean, kind: string, states: number,
 *   transitions: number, depth: number, ms: number, maxRssKB: number, storeBytes?: number | null }} Measurement
 */

/**
 * Parts of the full run that are scripts of their own, run as children and
 * printed as they print: a check inside Jest, SPIN side by side (skipped with
 * a note where spin or gcc is missing), the worker series on TwoPhase(8).
 * @type {Record<string, { title: string, script: string, args: string[] }>}
 */
const PEERS = {
  jest: { title: 'A check inside Jest against plain Node', script: 'jest-check.mjs', args: ['10', '3'] },
  spin: { title: 'SPIN side by side', script: 'spin.mjs', args: ['--runs', '3'] },
  workers: { title: 'Parallel search, 1 and 2 workers', script: 'workers.mjs', args: ['3', '8', '1,2'] },
};

const args = parseArgs(process.argv.slice(2));

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ targets: { name: string, size: number }[], runs?: number, series?: string, engines: Engine[], profile: boolean, json?: string, overhead: boolean, conformance: boolean, setup: boolean, peers: string[] }} */
  const a = { targets: [], engines: [...ENGINES], profile: false, overhead: false, conformance: false, setup: false, peers: /** @type {string[]} */ ([]) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') a.runs = positive(argv[++i], '--runs');
    else if (arg === '--series') a.series = known(argv[++i]);
    else if (arg === '--engines') a.engines = argv[++i].split(',').map(engineName);
    else if (arg === '--profile') a.profile = true;
    else if (arg === '--json') a.json = argv[++i];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (arg === 'overhead') a.overhead = true;
    else if (arg === 'conformance') a.conformance = true;
    else if (arg === 'setup') a.setup = true;
    else if (arg in PEERS) a.peers.push(arg);
    else {
      const [name, size] = arg.split(':');
      a.targets.push({ name: known(name), size: size === undefined ? MODELS[name].size : positive(size, arg) });
    }
  }
  if (a.targets.length === 0 && a.series === undefined && !a.overhead && !a.conformance && !a.setup && a.peers.length === 0) {
    a.targets = Object.entries(MODELS).filter(([, m]) => !m.optional).map(([name, m]) => ({ name, size: m.size }));
    a.overhead = true;
    a.conformance = true;
    a.setup = true;
    a.peers = Object.keys(PEERS);
  }
  return a;
}

/** @param {string | undefined} name */
function known(name) {
  if (name === undefined || !(name in MODELS)) throw new Error(`unknown model '${name}'; the models are ${Object.keys(MODELS).join(', ')}`);
  return name;
}

/** @param {string} name @returns {Engine} */
function engineName(name) {
  if (!(/** @type {readonly string[]} */ (ENGINES).includes(name))) throw new Error(`unknown engine '${name}'; the engines are ${ENGINES.join(', ')}`);
  return /** @type {Engine} */ (name);
}

/** @param {string | undefined} v @param {string} what */
function positive(v, what) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what}: expected a whole number, got ${v}`);
  return n;
}

/**
 * One measurement in a fresh process.
 * @param {string} engine @param {string} model @param {number} size @param {string[]} [nodeFlags] @param {string[]} [extra]
 * @returns {Measurement}
 */
function measure(engine, model, size, nodeFlags = [], extra = []) {
  const out = execFileSync(
    process.execPath,
    [...nodeFlags, join(here, 'measure.mjs'), engine, model, String(size), ...extra],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '');
}

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Rounds of every engine on one model; medians of time and peak RSS.
 * @param {string} name @param {number} size @param {readonly Engine[]} engines @param {number | undefined} runs
 */
function bench(name, size, engines, runs) {
  const bm = MODELS[name].make(size);
  const usable = engines.filter((e) => (e !== 'key' || bm.key !== undefined) && (e === 'kripke' || !bm.kripkeOnly));
  /** @type {Record<string, Measurement[]>} */
  const got = Object.fromEntries(usable.map((e) => [e, []]));
  let rounds = runs ?? 5;
  for (let round = 0; round < rounds; round++) {
    for (const engine of usable) {
      const first = round === 0 && engine === 'kripke';
      got[engine].push(measure(engine, name, size, [], first ? ['--bytes'] : []));
    }
    // Slow sweeps get three rounds unless told otherwise: the median of three still drops one outlier.
    if (round === 0 && runs === undefined && Math.max(...usable.map((e) => got[e][0].ms)) > 2000) rounds = 3;
    process.stderr.write(`  ${label(name, size)}: round ${round + 1}/${rounds} ${usable.map((e) => `${e} ${fmtMs(got[e][round].ms)}`).join(', ')}\n`);
  }
  /** @type {Record<string, { ms: number, rssMB: number, runs: number[] }>} */
  const summary = {};
  for (const e of usable) {
    summary[e] = { ms: median(got[e].map((m) => m.ms)), rssMB: median(got[e].map((m) => m.maxRssKB)) / 1024, runs: got[e].map((m) => m.ms) };
  }
  const ref = got[usable[0]][0];
  const problems = [];
  for (const e of usable) {
    for (const m of got[e]) {
      if (!m.ok) problems.push(`${e} ended with ${m.kind}`);
      if (m.states !== ref.states || m.transitions !== ref.transitions) {
        problems.push(`${e} counted ${m.states} states / ${m.transitions} transitions, ${usable[0]} ${ref.states} / ${ref.transitions}`);
      }
    }
  }
  if (bm.expected !== undefined) {
    if (ref.states !== bm.expected.states) problems.push(`expected ${bm.expected.states} states (${bm.expected.source}), got ${ref.states}`);
    if (bm.expected.transitions !== undefined && ref.transitions !== bm.expected.transitions) {
      problems.push(`expected ${bm.expected.transitions} transitions, got ${ref.transitions}`);
    }
  }
  return {
    name,
    size,
    label: label(name, size),
    states: ref.states,
    transitions: ref.transitions,
    depth: ref.depth,
    known: bm.expected?.source,
    storeBytes: got.kripke?.[0]?.storeBytes ?? null,
    summary,
    raw: got,
    problems: [...new Set(problems)],
  };
}

/** @param {string} name @param {number} size */
function label(name, size) {
  return name === 'puzzle8' ? MODELS[name].title : `${MODELS[name].title}(${size})`;
}

// ---- formatting ----------------------------------------------------------------

/** @param {number} n */
const int = (n) => Math.round(n).toLocaleString('en-US');
/** @param {number} ms */
const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
/** @param {number} x */
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
/** @param {number} perSecond */
const rate = (perSecond) => (perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)} M` : `${(perSecond / 1e3).toFixed(0)} k`);

/** @param {string[]} head @param {string[][]} rows */
function table(head, rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** @typedef {ReturnType<typeof bench>} Row */

/** @param {Row[]} rows @param {number} idleMB */
function report(rows, idleMB) {
  const time = table(
    ['model', 'states', 'transitions', 'kripke', 'states/s', 'JSON BFS', 'key BFS', 'kripke speed ÷ JSON', 'kripke speed ÷ key (ceiling)'],
    rows.map((r) => {
      const k = r.summary.kripke;
      const j = r.summary.json;
      const p = r.summary.key;
      return [
        r.label,
        int(r.states),
        int(r.transitions),
        k ? fmtMs(k.ms) : '—',
        k ? rate((r.states / k.ms) * 1000) : '—',
        j ? fmtMs(j.ms) : '—',
        p ? fmtMs(p.ms) : '—',
        k && j ? ratio(j.ms / k.ms) : '—',
        k && p ? ratio(p.ms / k.ms) : '—',
      ];
    }),
  );
  const perState = (/** @type {number} */ mb, /** @type {number} */ states) => int(((mb - idleMB) * 1024 * 1024) / states);
  const memory = table(
    ['model', 'kripke peak RSS', 'JSON BFS peak RSS', 'key BFS peak RSS', 'kripke RSS ÷ JSON', 'kripke RSS B/state', 'JSON RSS B/state', 'store B/state'],
    rows.map((r) => {
      const k = r.summary.kripke;
      const j = r.summary.json;
      const p = r.summary.key;
      return [
        r.label,
        k ? `${k.rssMB.toFixed(0)} MB` : '—',
        j ? `${j.rssMB.toFixed(0)} MB` : '—',
        p ? `${p.rssMB.toFixed(0)} MB` : '—',
        k && j ? ratio(k.rssMB / j.rssMB) : '—',
        k ? perState(k.rssMB, r.states) : '—',
        j ? perState(j.rssMB, r.states) : '—',
        r.storeBytes == null ? '—' : (r.storeBytes / r.states).toFixed(1),
      ];
    }),
  );
  return `${time}\n\n${memory}\n\nRSS B/state: (peak RSS − ${idleMB.toFixed(0)} MB of an idle process that loaded the same modules) ÷ states.\nstore B/state: the fingerprint store's own arrays (FingerprintStore.bytes()) ÷ states.`;
}

/** The goals of issue 4, for the rows that bear on them. @param {Row[]} rows */
function goals(rows) {
  const find = (/** @type {string} */ name, /** @type {number} */ size) => rows.find((r) => r.name === name && (name === 'puzzle8' || r.size === size));
  const lines = [];
  const verdict = (/** @type {boolean} */ met) => (met ? 'met' : 'MISSED');
  const p = find('puzzle8', 0);
  if (p?.summary.kripke && p.summary.key) {
    const x = p.summary.key.ms / p.summary.kripke.ms;
    lines.push(`- 8-puzzle throughput ≥ 0.7 of the perfect-key ceiling: ${x.toFixed(2)} (${fmtMs(p.summary.kripke.ms)} vs ${fmtMs(p.summary.key.ms)}) — ${verdict(x >= 0.7)}`);
  }
  if (p?.summary.kripke && p.summary.json) {
    const x = p.summary.json.ms / p.summary.kripke.ms;
    lines.push(`- 8-puzzle throughput ≥ 3× the JSON.stringify BFS: ${x.toFixed(2)}× (${fmtMs(p.summary.kripke.ms)} vs ${fmtMs(p.summary.json.ms)}) — ${verdict(x >= 3)}`);
  }
  const t = find('twophase', 8);
  if (t?.summary.kripke) {
    const s = t.summary.kripke.ms / 1000;
    const vsJson = t.summary.json ? `; ${ratio(t.summary.json.ms / t.summary.kripke.ms)} the JSON BFS's speed` : '';
    lines.push(`- two-phase(8) under 5.7 s (Stateright, 1 thread): ${s.toFixed(1)} s — ${verdict(s < 5.7)}${vsJson}`);
  }
  const h = find('hanoi', 14);
  if (h?.summary.kripke && h.summary.json) {
    const x = h.summary.kripke.rssMB / h.summary.json.rssMB;
    lines.push(`- hanoi(14) peak RSS ≤ 0.3× the JSON BFS: ${x.toFixed(3)}× (${h.summary.kripke.rssMB.toFixed(0)} MB vs ${h.summary.json.rssMB.toFixed(0)} MB) — ${verdict(x <= 0.3)}`);
  }
  return lines.length === 0 ? '' : `Goals (issue 4):\n${lines.join('\n')}`;
}

/** @param {string} name @param {readonly Engine[]} engines @param {number} runs */
function series(name, engines, runs) {
  const rows = MODELS[name].series.map((size) => bench(name, size, engines, runs));
  const head = ['model', 'states', 'transitions', 'kripke', 'ns/state', 'kripke peak RSS', 'store B/state'];
  if (engines.includes('json')) head.push('JSON BFS', 'JSON peak RSS');
  if (engines.includes('key')) head.push('key BFS');
  const body = rows.map((r) => {
    const k = r.summary.kripke;
    const j = r.summary.json;
    const cells = [
      r.label,
      int(r.states),
      int(r.transitions),
      k ? fmtMs(k.ms) : '—',
      k ? int((k.ms * 1e6) / r.states) : '—',
      k ? `${k.rssMB.toFixed(0)} MB` : '—',
      r.storeBytes == null ? '—' : (r.storeBytes / r.states).toFixed(1),
    ];
    if (engines.includes('json')) cells.push(j ? fmtMs(j.ms) : '—', j ? `${j.rssMB.toFixed(0)} MB` : '—');
    if (engines.includes('key')) cells.push(r.summary.key ? fmtMs(r.summary.key.ms) : '—');
    return cells;
  });
  return { rows, text: table(head, body) };
}

/**
 * What checking a small model costs inside a test: the k8s example (12 states)
 * first in a fresh process, then warm. Five processes, medians.
 */
function overhead() {
  const tsx = import.meta.resolve('tsx');
  const runs = Array.from({ length: 5 }, () => measure('overhead', 'puzzle8', 0, ['--import', tsx]));
  const first = median(runs.map((r) => r.ms));
  const warm = median(runs.map((r) => /** @type {{ warmMs: number }} */ (/** @type {unknown} */ (r)).warmMs));
  return `Overhead of a small check (docs/examples/k8s-scheduler.ts, checkOpen(service, k8s(true)), ${runs[0].states} states): first check in a fresh process ${first.toFixed(1)} ms, then ${(warm * 1000).toFixed(0)} µs a check (medians of 5 processes; warm: median of 2,000 checks).`;
}

/** Profiles one kripke run of each target and lists where its time goes. @param {{ name: string, size: number }[]} targets */
function profile(targets) {
  const dir = join(here, 'profiles');
  mkdirSync(dir, { recursive: true });
  const parts = [];
  for (const { name, size } of targets) {
    const before = new Set(readdirSync(dir));
    const prefix = `${name}-${size}`;
    measure('kripke', name, size, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${prefix}.cpuprofile`]);
    const file = readdirSync(dir).find((f) => f === `${prefix}.cpuprofile` && !before.has(f)) ?? `${prefix}.cpuprofile`;
    parts.push(`CPU profile of kripke on ${label(name, size)} (bench/profiles/${file}):\n${summarizeProfile(join(dir, file), 15)}`);
  }
  return parts.join('\n\n');
}

// ---- main ------------------------------------------------------------------------

const started = Date.now();
const header = `kripke bench — Node ${process.version}, ${process.platform}/${process.arch}; medians of fresh-process runs`;
const sections = [header];
const idleMB = measure('idle', 'puzzle8', 0).maxRssKB / 1024;
/** @type {Row[]} */
let all = [];

if (args.series !== undefined) {
  process.stderr.write(`series: ${args.series} ${MODELS[args.series].series.join(', ')}\n`);
  const s = series(args.series, args.engines, args.runs ?? 1);
  all = s.rows;
  sections.push(`Scaling series, ${MODELS[args.series].title} (${args.runs ?? 1} run${(args.runs ?? 1) === 1 ? '' : 's'} each):\n\n${s.text}`);
}
if (args.targets.length > 0) {
  const rows = args.targets.map(({ name, size }) => {
    process.stderr.write(`${label(name, size)}\n`);
    return bench(name, size, args.engines, args.runs);
  });
  all = all.concat(rows);
  sections.push(report(rows, idleMB));
  const g = goals(rows);
  if (g) sections.push(g);
}
if (args.overhead) {
  process.stderr.write('overhead\n');
  sections.push(overhead());
}
if (args.conformance) {
  process.stderr.write('conformance\n');
  sections.push(await conformanceOverhead(args.runs ?? 5));
}
if (args.setup) {
  process.stderr.write('setup\n');
  sections.push(setupCost({ runs: args.runs ?? 11 }));
}
for (const name of args.peers) {
  const { title, script, args: scriptArgs } = PEERS[name];
  process.stderr.write(`${name}\n`);
  const out = execFileSync(process.execPath, [join(here, script), ...scriptArgs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  sections.push(`${title} (node bench/${script} ${scriptArgs.join(' ')}):\n\n${out.trimEnd()}`);
}
if (args.profile) sections.push(profile(args.targets));

const problems = all.flatMap((r) => r.problems.map((p) => `${r.label}: ${p}`));
if (problems.length > 0) sections.push(`COUNTS DISAGREE OR A RUN FAILED:\n${problems.map((p) => `- ${p}`).join('\n')}`);
sections.push(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
process.stdout.write(`${sections.join('\n\n')}\n`);

if (args.json !== undefined) {
  writeFileSync(args.json, `${JSON.stringify({ node: process.version, idleMB, rows: all }, null, 2)}\n`);
}
if (problems.length > 0) process.exitCode = 1;
