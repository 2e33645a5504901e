/**
 * A matcher under `{ swarm: { … } }`: one member of a swarm search instead of
 * the exhaustive one (checker/swarm/). A problem fails the test with its
 * trace, said to be a proven shortest one or not; finding none passes (the
 * user opted out of exhaustiveness) with a warning that the pass is not
 * exhaustive. Either way the member's record goes to
 * `<artifacts>/swarm/<test file>/<test name>/<model>/<i>-of-<n>.json`, for
 * `kripke swarm merge` to put the shards together.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { artifactsSetting } from '../checker/configure.js';
import type { InvariantsQuery } from '../checker/query.js';
import type { SwarmRecord } from '../checker/swarm/merge.js';
import { resolveSwarmOptions } from '../checker/swarm/options.js';
import { memberName, runSwarm, stopSentence } from '../checker/swarm/swarm.js';
import type { SwarmOptions, SwarmResult } from '../checker/swarm/types.js';
import type { System } from '../checker/system.js';
import { count, plural } from '../render/summary.js';
import { toITF } from '../itf/index.js';
import { hash, safeSegment } from './artifacts.js';
import { runCheck, type Call, type MatcherOptions, type MatcherResult } from './context.js';
import { report, withCounterexample, type ReportOptions } from './report.js';
import { matcherDefaults } from './runner.js';

/** How the calling matcher words its pass, and what it adds to its messages. */
export interface SwarmCall {
  readonly footer?: readonly string[];
  readonly meta: Record<string, unknown>;
}

/** The swarm options of a matcher's options (`swarm: true` for the defaults): the matcher's budgets apply unless the swarm's own say otherwise. */
function swarmOptionsOf(options: MatcherOptions): SwarmOptions {
  const { swarm, deadActions: _policy, ...budgets } = options;
  return { ...budgets, ...(typeof swarm === 'object' ? swarm : {}) };
}

/**
 * Runs one swarm member for an invariants matcher and reports it.
 *
 * @example
 * if (opts.swarm !== undefined) return swarmInvariants(call, system, opts, { meta: { model: model.name } });
 */
export function swarmInvariants<S>(call: Call, system: System<S>, options: MatcherOptions, about: SwarmCall): MatcherResult {
  const swarm = swarmOptionsOf(options);
  const query: InvariantsQuery = { kind: 'invariants', deadlock: false };
  const result = runCheck(call, () => runSwarm(system, query, resolveSwarmOptions({ ...swarm, deadlock: false }, call.name, matcherDefaults()), call.name));
  const record = writeRecord(call, system.name, result);
  const footer = [...(about.footer ?? []), ...(record === undefined ? [] : [call.palette.dim(record)])];
  if (result.kind === 'incomplete') return passed(call, result, footer);
  const context = [call.palette.dim(foundBy(result))];
  // The swarm's visits are not the proof's states: the line under says how many it visited.
  const options_: ReportOptions = { figures: result.shortest ? '(shortest trace, proven by a breadth-first search)' : '(trace found by a swarm search, not proven shortest)', context, footer };
  // A problem fails; an error in the user's code fails with or without .not.
  const pass = result.kind === 'error' ? call.isNot : false;
  return withCounterexample(call, { pass, ...report(call, result, options_) }, result, { ...about.meta, swarm: { ...result.swarm }, shortest: result.shortest });
}

function foundBy<S>(r: SwarmResult<S>): string {
  const how = r.shortest
    ? r.minimised?.method === 'breadth-first' && r.minimised.foundSteps !== r.trace.length - 1
      ? `; its trace of ${plural(r.minimised.foundSteps, 'step')} shrunk, and proven shortest by a breadth-first search`
      : ''
    : r.minimised?.method === 'none'
      ? `; not minimised (minimise: false), so not proven shortest (found after ${plural(r.minimised.foundSteps, 'step')}): a shorter one may exist`
      : `; a breadth-first search to prove the trace shortest ran out of budget (found after ${plural(r.minimised?.foundSteps ?? 0, 'step')}): a shorter one may exist`;
  return `Found by a swarm search (${memberName(r.swarm)}; ${count(r.swarm.visited)} states visited)${how}.`;
}

/** No problem in what the member visited: a pass for the test, never for the proof. */
function passed<S>(call: Call, r: SwarmResult<S>, footer: readonly string[]): MatcherResult {
  const c = r.swarm;
  const covered = `${count(c.visited)} states visited (${count(c.distinct)} distinct), ${plural(c.deepest, 'step')} deep`;
  if (!call.isNot) {
    console.warn(`kripke: ${call.name} passed under swarm (${memberName(c)}): NOT EXHAUSTIVE — no violation in ${covered}; stopped: ${stopSentence(c)}. Nothing is proven about the states it did not visit.`);
  }
  return {
    pass: true,
    message: () =>
      [
        call.hint,
        '',
        call.palette.received(`Expected some reachable state to violate ${call.name === 'toSurvive' ? 'an invariant or a guarantee' : 'an invariant'}, but the swarm search (${memberName(c)}) found none in ${covered}.`),
        call.palette.dim(`Not exhaustive: nothing is proven either way about the states it did not visit (stopped: ${stopSentence(c)}).`),
        ...(footer.length === 0 ? [] : ['', ...footer]),
      ].join('\n'),
  };
}

// Swarm calls made so far in each test (by file and name): the n-th call of a test is the same check in every shard.
const callsSoFar = new Map<string, number>();

/**
 * Writes the member's record; the line for the message, or undefined when
 * artifacts are off or there is no test file. Never throws. Each swarm call
 * of a test has its own file (the test's name hashed into its folder, the
 * call's number into the next), so no record replaces another of the same run.
 */
function writeRecord<S>(call: Call, model: string, r: SwarmResult<S>): string | undefined {
  const setting = artifactsSetting();
  const { test } = call;
  if (setting === false || test.testPath === undefined) return undefined;
  try {
    const folder = isAbsolute(setting) ? setting : join(test.root, setting);
    const file = relative(test.root, test.testPath).split(sep).join('/');
    const segments = file.split('/').filter((p) => p !== '' && p !== '..').map(safeSegment);
    const testName = test.testName ?? 'unnamed test';
    const key = `${file}\u0000${testName}`;
    const n = (callsSoFar.get(key) ?? 0) + 1;
    callsSoFar.set(key, n);
    const { shard } = r.swarm;
    const path = join(folder, 'swarm', ...segments, `${safeSegment(testName)}-${hash(testName)}`, `${n}-${safeSegment(model)}`, `${shard.index}-of-${shard.count}.json`);
    const record = recordOf(`${file} > ${testName}`, model, call.name, r, { call: n, expects: call.isNot ? 'violation' : 'no-violation' });
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
    const shown = relative(process.cwd(), path);
    return `Swarm record: ${(shown.startsWith('..') ? path : shown).split(sep).join('/')}`;
  } catch (error) {
    return `Swarm record not saved: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/**
 * What one member leaves for the merge.
 *
 * @example
 * recordOf('test/bank.test.ts > no overdraft', 'bank', 'toSatisfyInvariants', result).problem; // null
 */
export function recordOf<S>(check: string, model: string, matcher: string, r: SwarmResult<S>, about: { call?: number; expects?: SwarmRecord['expects'] } = {}): SwarmRecord {
  const c = r.swarm;
  return {
    format: 'kripke-swarm-record',
    version: 1,
    check,
    call: about.call ?? 1,
    expects: about.expects ?? 'no-violation',
    model,
    definition: c.definition,
    matcher,
    shard: c.shard,
    seed: c.seed,
    mode: c.mode,
    visited: c.visited,
    distinct: c.distinct,
    transitions: c.transitions,
    deepest: c.deepest,
    stoppedBy: c.stoppedBy,
    problem: r.kind === 'incomplete' ? null : { kind: r.kind, summary: String(r), steps: r.trace.length - 1, shortest: r.shortest, trace: toITF(r, { model }) },
  };
}
