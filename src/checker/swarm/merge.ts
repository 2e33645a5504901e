/**
 * The records the members of a swarm leave (one JSON file per shard of each
 * swarm check, written by the matchers under `<artifacts>/swarm/`), merged:
 * every shard 1..n present once, all of one model, none with a problem. The
 * merge never says exhaustive: a swarm samples the state space.
 */
import { count, plural } from '../describe.js';
import { describe } from '../../model/action.js';
import { KripkeError } from '../../model/errors.js';

/** What one member of one swarm check left behind. */
export interface SwarmRecord {
  readonly format: 'kripke-swarm-record';
  readonly version: 1;
  /** Which check: the test file and the test's name (`test/bank.test.ts > bank > no overdraft`). */
  readonly check: string;
  /** Which swarm call of the test (1 for the first): a test may check several models, or one twice. */
  readonly call?: number;
  /** What the test expects: `'violation'` under `.not`. */
  readonly expects?: 'no-violation' | 'violation';
  readonly model: string;
  /** A hash of the model's code and initial states (SwarmCoverage.definition). */
  readonly definition?: string;
  readonly matcher?: string;
  readonly shard: { readonly index: number; readonly count: number };
  readonly seed: number;
  readonly mode: 'bitstate' | 'random';
  readonly visited: number;
  readonly distinct: number;
  readonly transitions: number;
  readonly deepest: number;
  readonly stoppedBy: string;
  /** The problem this member found, or null. */
  readonly problem: null | {
    readonly kind: string;
    /** The result's one line. */
    readonly summary: string;
    readonly steps: number;
    readonly shortest: boolean;
    /** The trace, as ITF (kripke's counterexample format). */
    readonly trace?: unknown;
  };
}

/** One swarm check, its shards merged. */
export interface MergedCheck {
  readonly check: string;
  /** Which swarm call of the test. */
  readonly call: number;
  /** `'violation'` for a check under `.not`: a shard's problem is what it expects. */
  readonly expects: 'no-violation' | 'violation';
  readonly model: string;
  /** Records of other definitions of the model (code or initial states) under the same check: stale records. */
  readonly otherDefinitions: number;
  /** n of `i/n`. */
  readonly count: number;
  /** The shard indices present, ascending (a duplicate appears twice). */
  readonly shards: readonly number[];
  readonly missing: readonly number[];
  readonly duplicated: readonly number[];
  /** Other models met under the same check (a mix-up of records). */
  readonly otherModels: readonly string[];
  /** Other shard counts met under the same check. */
  readonly otherCounts: readonly number[];
  /** States visited, summed over the shards (the same state visited by two shards counts twice). */
  readonly visited: number;
  /** The most distinct states one shard counted: a lower bound on the distinct states visited together. */
  readonly distinctAtLeast: number;
  /** The sum of the shards' distinct counts: an upper bound (shards overlap). */
  readonly distinctAtMost: number;
  readonly deepest: number;
  /** The problem with the shortest trace among the shards, and its shard. */
  readonly problem?: SwarmRecord['problem'] & { readonly shard: number };
  readonly problems: number;
  /** Shards whose problem is an error in the model (an action or invariant threw): a failure even under `.not`. */
  readonly errors: number;
}

/** The verdict of a merge. */
export interface SwarmMerge {
  /** True when every check has all its shards, once each, of one model, and no shard found a problem. Never "exhaustive". */
  readonly ok: boolean;
  readonly checks: readonly MergedCheck[];
  /** Everything that makes the merge fail, one sentence each. */
  readonly failures: readonly string[];
  toString(): string;
}

/**
 * Whether a parsed JSON value is a swarm record (what `mergeSwarm` reads).
 *
 * @example
 * isSwarmRecord(JSON.parse(readFileSync('.kripke/swarm/…/1-of-4.json', 'utf8'))); // true
 */
export function isSwarmRecord(value: unknown): value is SwarmRecord {
  const r = value as Partial<SwarmRecord> | null;
  return (
    typeof r === 'object' && r !== null && r.format === 'kripke-swarm-record' && r.version === 1 &&
    typeof r.check === 'string' && typeof r.model === 'string' && typeof r.shard === 'object' && r.shard !== null &&
    Number.isInteger(r.shard.index) && Number.isInteger(r.shard.count) && r.shard.index >= 1 && r.shard.index <= r.shard.count &&
    typeof r.visited === 'number' && typeof r.distinct === 'number' && (r.problem === null || (typeof r.problem === 'object' && typeof r.problem.steps === 'number'))
  );
}

/**
 * Merges the records of a swarm's members. Fails when a shard of 1..n is
 * missing or there twice, when records under one check name other models or
 * other shard counts, when a record is not one, or when any shard found a
 * problem (the shortest is kept). Passing, it says what was covered and that
 * it is not exhaustive.
 *
 * @example
 * const merged = mergeSwarm(files.map((f) => JSON.parse(readFileSync(f, 'utf8'))));
 * merged.ok;        // false: shard 2/3 is missing
 * String(merged);   // the report `kripke swarm merge` prints
 */
export function mergeSwarm(records: readonly unknown[]): SwarmMerge {
  // A Set or an array-like merged as nothing would pass (badinput21).
  if (!Array.isArray(records)) throw new KripkeError(`mergeSwarm expects a list of swarm records (each shard's JSON record, parsed), got ${describe(records)}`);
  const failures: string[] = [];
  const groups = new Map<string, SwarmRecord[]>();
  records.forEach((r, i) => {
    if (!isSwarmRecord(r)) {
      failures.push(`record ${i + 1}${sourceOf(r)} is not a kripke swarm record`);
      return;
    }
    const key = `${r.check}\u0000${r.call ?? 1}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  });
  if (records.length === 0) failures.push('no swarm records: nothing was merged (did the swarm tests run with artifacts on?)');
  const checks = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => mergeCheck(list));
  const failed = checks.map(failuresOf);
  for (const f of failed) failures.push(...f);
  const ok = failures.length === 0;
  const text = reportOf(ok, checks, failed, failures);
  return Object.defineProperty({ ok, checks, failures }, 'toString', { value: () => text, enumerable: false }) as SwarmMerge;
}

function sourceOf(r: unknown): string {
  const from = typeof r === 'object' && r !== null ? (r as { source?: unknown }).source : undefined;
  return typeof from === 'string' ? ` (${from})` : '';
}

function mergeCheck(all: readonly SwarmRecord[]): MergedCheck {
  const first = all[0];
  const { check } = first;
  // The swarm's size is the one most records give (the first seen on a tie); records of other sizes are named, not counted.
  const sizes = all.map((r) => r.shard.count);
  const n = sizes.reduce((best, c) => (sizes.filter((x) => x === c).length > sizes.filter((x) => x === best).length ? c : best), first.shard.count);
  const list = all.filter((r) => r.shard.count === n);
  const shards = list.map((r) => r.shard.index).sort((a, b) => a - b);
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !shards.includes(i));
  const duplicated = [...new Set(shards.filter((s, i) => shards.indexOf(s) !== i))];
  const found = list.filter((r) => r.problem !== null).sort((a, b) => a.problem!.steps - b.problem!.steps || a.shard.index - b.shard.index);
  return {
    check,
    call: first.call ?? 1,
    expects: list.some((r) => r.expects === 'violation') ? 'violation' : 'no-violation',
    model: first.model,
    otherDefinitions: new Set(all.map((r) => r.definition)).size - 1,
    count: n,
    shards,
    missing,
    duplicated,
    otherModels: [...new Set(all.map((r) => r.model).filter((m) => m !== first.model))],
    otherCounts: [...new Set(sizes.filter((c) => c !== n))],
    visited: list.reduce((a, r) => a + r.visited, 0),
    distinctAtLeast: Math.max(...list.map((r) => r.distinct)),
    distinctAtMost: list.reduce((a, r) => a + r.distinct, 0),
    deepest: Math.max(...list.map((r) => r.deepest)),
    ...(found.length === 0 ? {} : { problem: { ...found[0].problem!, shard: found[0].shard.index } }),
    problems: found.length,
    errors: found.filter((r) => r.problem!.kind === 'error').length,
  };
}

function failuresOf(c: MergedCheck): string[] {
  const out: string[] = [];
  const where = `${c.check}${c.call === 1 ? '' : ` (swarm call ${c.call})`} (model "${c.model}")`;
  if (c.otherModels.length > 0) out.push(`${where}: records of other models under the same check: ${c.otherModels.map((m) => `"${m}"`).join(', ')}`);
  if (c.otherDefinitions > 0) {
    out.push(`${where}: records of another definition of the model (its code or initial states differ between shards): stale records of an earlier run? Remove the folder and run every shard again`);
  }
  if (c.otherCounts.length > 0) out.push(`${where}: records of swarms of other sizes: /${c.otherCounts.join(', /')} beside /${c.count}`);
  if (c.missing.length > 0) out.push(`${where}: shard${c.missing.length === 1 ? '' : 's'} ${c.missing.map((i) => `${i}/${c.count}`).join(', ')} missing`);
  if (c.duplicated.length > 0) out.push(`${where}: shard${c.duplicated.length === 1 ? '' : 's'} ${c.duplicated.map((i) => `${i}/${c.count}`).join(', ')} recorded more than once`);
  if (c.expects === 'violation') {
    // Under .not the test wants a violation: an error in the model still fails, and so does finding none.
    if (c.errors > 0) out.push(`${where}: ${plural(c.errors, 'shard')} met an error in the model, which fails a check under .not too`);
    else if (c.problem === undefined) out.push(`${where}: expected a violation (.not), and no shard found one`);
    return out;
  }
  if (c.problem !== undefined) {
    const more = c.problems > 1 ? ` (and ${plural(c.problems - 1, 'more shard')} found one)` : '';
    out.push(`${where}: shard ${c.problem.shard}/${c.count} found ${c.problem.summary}${more}`);
  }
  return out;
}

function reportOf(ok: boolean, checks: readonly MergedCheck[], failed: readonly (readonly string[])[], failures: readonly string[]): string {
  const lines = [`kripke swarm merge: ${plural(checks.length, 'swarm check')}`];
  for (const [i, c] of checks.entries()) {
    const mark = failed[i].length === 0 ? '✓' : '✗';
    lines.push(
      `${mark} ${c.check} (model "${c.model}"): ${c.shards.length} of ${c.count} shards, ${count(c.visited)} states visited in all, ` +
        `${count(c.distinctAtLeast)} to ${count(c.distinctAtMost)} distinct (shards overlap, so their counts cannot be summed), up to ${plural(c.deepest, 'step')} deep`,
    );
  }
  if (!ok) return [...lines, '', 'FAILED:', ...failures.map((f) => `  - ${f}`)].join('\n');
  return [...lines, '', 'No shard found a problem. Not exhaustive: a swarm samples the state space, and nothing is proven about the states no shard visited.'].join('\n');
}
