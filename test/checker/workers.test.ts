/**
 * CheckOptions.workers: the parallel search gives the one-worker search's
 * answer exactly (verdict, figures, coverage, the very trace), with known
 * answers, at every kind of stop, for models defined at a module's top level
 * (the worker imports this file) or named by module and export; and falls back
 * to one thread, saying why, when a worker cannot define the model.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { check, defineModel, type CheckOptions, type CheckResult, type Model } from '../../src/index.js';
import { ask, compose, resolveOptions } from '../../src/internal.js';
import { parallelTuning, problemBeforeStuck, stopGrace } from '../../src/checker/parallel/coordinator.js';
import { C, CONTROL_WORDS, kindCode, NONE, slot, W } from '../../src/checker/parallel/protocol.js';
import { twoPhase } from '../../bench/models/two-phase.mjs';
import { dieHard } from '../known-models/die-hard.js';
import { hanoi } from '../known-models/hanoi.js';
import { counters, fan, grid } from '../support/worker-models.js';
import { config, configured } from '../support/worker-config.js';
import { createMatchers } from '../../src/matchers/index.js';
import * as jestMatcherUtils from 'jest-matcher-utils';

const tp3 = defineModel(twoPhase(3).spec);
const tp5 = defineModel(twoPhase(5).spec);
const jugs = dieHard();
const hanoi6 = hanoi(6);
const hanoi6Goal = hanoi(6, { goal: true });
const plain = grid(24, { corner: false });
const bounded = grid(24, { bound: 30, corner: false });
const stuck = grid(12);
const throwing = grid(24, { throwsAt: [9, 11], corner: false });
const mutating = grid(24, { mutatesAt: [10, 13], corner: false });

const saved = { ...parallelTuning };
beforeAll(() => {
  // Small models, searched by workers all the same: no one-thread shortcut, split at the second level.
  parallelTuning.minStates = 0;
  parallelTuning.splitAt = 1;
  // These models read nothing their modules do not fix: workers may define them from defineModel's stack.
  parallelTuning.autoSite = true;
});
afterAll(() => {
  Object.assign(parallelTuning, saved);
});

/** A result as data, with what toEqual skips: the duration left out, each step's name and choice in. */
function plainOf(r: CheckResult<unknown>): unknown {
  const { durationMs: _d, ...stats } = r.stats;
  return { ...r, stats, trace: r.trace.map((s) => ({ ...s, name: s.name, choice: s.choice })), text: String(r) };
}

/** Checks with 1 and `workers` workers: the same result, and the workers really searched (unless it ended before the first levels split). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function same(model: Model<any>, options: CheckOptions, workers = 2, split = true): CheckResult<unknown> {
  const one = check(model, options) as CheckResult<unknown>;
  const many = check(model, { ...options, workers }) as CheckResult<unknown>;
  expect(many.warnings).toBeUndefined();
  expect(plainOf(many)).toEqual(plainOf(one));
  expect(many.stats.workers).toBe(split ? workers : 1);
  expect(one.stats.workers).toBe(1);
  return many;
}

describe('workers: known answers', () => {
  it('TwoPhase(3) has 288 states and TwoPhase(5) 8,832, with 2 and 3 workers', () => {
    expect(same(tp3, { deadlock: false }).stats.states).toBe(288);
    expect(same(tp5, { deadlock: false }, 2).stats.states).toBe(8_832);
    expect(same(tp5, { deadlock: false }, 3).stats).toMatchObject({ states: 8_832, transitions: 58_145 });
  });

  it('Die Hard: the big jug holds 4 after 6 steps', () => {
    const r = same(jugs, {}, 2);
    expect(r.kind).toBe('invariant');
    expect(r.trace).toHaveLength(7);
    same(jugs, {}, 3);
  });

  it('Hanoi(6): 3^6 states, and the shortest solution takes 2^6 − 1 moves (an invariant and a reach query)', () => {
    expect(same(hanoi6, {}).stats.states).toBe(729);
    expect(same(hanoi6Goal, {}, 3).trace).toHaveLength(64);
    const reach = (workers: number) => ask(compose(hanoi6), { kind: 'reach', state: (s) => s.pegs[2].length === 6 }, resolveOptions({ workers }, 'test'));
    const one = reach(1);
    const two = reach(2);
    expect(one.kind).toBe('reached');
    expect(two.stats.workers).toBe(2);
    expect(plainOf(two as CheckResult<unknown>)).toEqual(plainOf(one as CheckResult<unknown>));
    expect(two.kind === 'reached' && two.trace).toHaveLength(64);
  });
});

describe('workers: every kind of stop, as one worker stops', () => {
  it('a whole grid, and an invariant broken where many states of the level break it', () => {
    expect(same(plain, {}).kind).toBe('ok');
    expect(same(bounded, {}).kind).toBe('invariant');
    same(bounded, {}, 3);
  });

  it('a deadlock', () => {
    expect(same(stuck, {}).kind).toBe('deadlock');
  });

  it('an action that throws, and one that mutates its input', () => {
    const thrown = same(throwing, {});
    expect(thrown.kind).toBe('error');
    expect(String(thrown.error)).toContain('no hop from 9,11');
    const mutated = same(mutating, {}, 3);
    expect(mutated.kind).toBe('error');
    expect(mutated.errorSource).toMatchObject({ kind: 'action' });
  });

  it('maxStates cuts at the same successor', () => {
    for (const maxStates of [5, 17, 100, 333, 1_000, 2_500]) {
      // At 5 states the search stops in the first levels, which every worker searches alike, before they split.
      const r = same(plain, { maxStates }, 2, maxStates > 5);
      expect(r).toMatchObject({ kind: 'incomplete', budget: 'maxStates' });
      expect(r.stats.states).toBe(maxStates);
    }
    same(bounded, { maxStates: 700 }, 3);
  });

  it('a table that fills mid-level grows and the level is searched again, with the same result', () => {
    parallelTuning.tableSlack = 0.3;
    try {
      same(plain, {});
      same(bounded, {}, 3);
      same(plain, { maxStates: 1_500 });
    } finally {
      parallelTuning.tableSlack = saved.tableSlack;
    }
  });

  it('maxDepth cuts at the same level', () => {
    for (const maxDepth of [1, 4, 9]) expect(same(plain, { maxDepth }).kind).toBe('incomplete');
    same(stuck, { maxDepth: 30 });
  });
});

describe('workers: options and fallback', () => {
  it('a model defined inside a test runs on one thread, with the same result and a warning saying why', () => {
    const local = defineModel({ name: 'local', init: { n: 0 }, actions: { inc: { enabled: (s) => s.n < 40, apply: (s) => ({ n: s.n + 1 }) } } });
    const one = check(local, { deadlock: false });
    const two = check(local, { deadlock: false, workers: 2 });
    expect(two.stats.workers).toBe(1);
    expect(two.warnings).toEqual([expect.stringMatching(/^workers: 2 was asked, but this check ran on one thread: the model could not be defined again in a worker thread \(.*local.*\)\. .*define it at the top level of a module/)]);
    const { warnings: _w, ...rest } = two;
    expect(plainOf(rest as CheckResult<unknown>)).toEqual({ ...(plainOf(one) as object), text: expect.any(String) });
  });

  it('a passing matcher says so too (console.warn), since its result is not shown', () => {
    const local = defineModel({ name: 'local', init: { n: 0 }, actions: { inc: { enabled: (s) => s.n < 40, apply: (s) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n <= 40 } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const matcher = createMatchers().toSatisfyInvariants;
      const outcome = matcher.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, local, { workers: 2 });
      expect(outcome.pass).toBe(true);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/^kripke: toSatisfyInvariants: workers: 2 was asked, but this check ran on one thread/)]);
    } finally {
      warn.mockRestore();
    }
  });

  it('by default a worker needs the module named: a model that reads a value set after import is not searched as another model', () => {
    // Adversarial review: importing the defining files afresh, a worker saw config.bad = -1 and passed a check one thread fails.
    parallelTuning.autoSite = false;
    try {
      config.bad = 45;
      const one = check(configured);
      const two = check(configured, { workers: 2 });
      expect(one.kind).toBe('invariant');
      expect(two.stats.workers).toBe(1);
      // The failure says why the workers were not used (it was said only of passes and incomplete checks).
      expect(plainOf(two)).toEqual({ ...(plainOf(one) as object), warnings: [expect.stringContaining('workers need the module that defines the model')] });
      const ok = check(defineModel({ name: 'ok', init: { n: 0 }, actions: { inc: { enabled: (s) => s.n < 40, apply: (s) => ({ n: s.n + 1 }) } }, terminal: (s) => s.n === 40 }), { workers: 2 });
      expect(ok.warnings?.[0]).toContain("workers need the module that defines the model: pass { module: import.meta.url (or a path), export: 'name', args? }");
    } finally {
      config.bad = -1;
      parallelTuning.autoSite = true;
    }
  });

  it('a reach target that catches its own errors still cannot hide a name from outside it', () => {
    const LIMIT = 7;
    const target = (s: { x: number }) => {
      try {
        return s.x === LIMIT;
      } catch {
        return false;
      }
    };
    const reach = (workers: number) => ask(compose(plain), { kind: 'reach', state: target as (s: unknown) => boolean }, resolveOptions({ workers }, 'test'));
    const [one, two] = [reach(1), reach(2)];
    expect(one.kind).toBe('reached');
    expect(two.kind).toBe('reached');
    expect(two.stats.workers).toBe(1);
    expect(two.kind === 'reached' && two.trace.length).toBe(one.kind === 'reached' && one.trace.length);
  });

  it('a view runs on one thread, with the warning', () => {
    const r = check(plain, { workers: 2, view: (s: { x: number; y: number }) => ({ x: s.x, y: s.y }) });
    expect(r.stats.workers).toBe(1);
    // Nothing about defining the model at a module's top level: that is not why (review21).
    expect(r.warnings).toEqual(['workers: 2 was asked, but this check ran on one thread: the view option is a function, which a worker thread cannot be given']);
  });

  it('module and export name a factory, its args given', () => {
    const r = check(grid(20, { corner: false }), { workers: 2, module: new URL('../support/worker-models.ts', import.meta.url), export: 'grid', args: [20, { corner: false }] });
    expect(r.stats.workers).toBe(2);
    expect(plainOf(r)).toEqual(plainOf(check(grid(20, { corner: false }))));
  });

  it('a model the module defines otherwise is refused by the worker, and the check runs on one thread', () => {
    const r = check(grid(20, { corner: false }), { workers: 2, module: new URL('../support/worker-models.ts', import.meta.url), export: 'grid', args: [21, { corner: false }] });
    expect(r.stats.workers).toBe(1);
    expect(r.warnings?.[0]).toContain('is not the one checked');
  });

  // hostile19c: a module, export and args that define another model with the same name, actions, invariants and initial states passed it.
  it('args that define a smaller model (a bound in a closure) do not pass the model checked: its successors are missing, and the check runs on one thread', () => {
    const module = new URL('../support/worker-models.ts', import.meta.url);
    const alone = check(counters(40));
    expect(alone.kind).toBe('invariant');
    for (let run = 0; run < 3; run++) {
      const r = check(counters(40), { workers: 2, module, export: 'counters', args: [30] });
      expect(plainOf(r)).toEqual({ ...(plainOf(alone) as object), warnings: [expect.stringContaining("the workers' model is not the one checked")] });
    }
    const ok = check(counters(30), { workers: 2, module, export: 'counters', args: [30] });
    expect(ok.kind).toBe('ok');
    expect(ok.stats.workers).toBe(2);
  });

  it("args whose model breaks an invariant the model checked keeps give no violation: the state is met again here (review21: 'small' broken, no warning)", () => {
    const module = new URL('../support/worker-models.ts', import.meta.url);
    const checked = grid(24, { bound: 60, corner: false });
    const alone = check(checked);
    expect(alone.kind).toBe('ok');
    const r = check(checked, { workers: 2, module, export: 'grid', args: [24, { bound: 30, corner: false }] });
    expect(r).toMatchObject({ kind: 'ok', stats: { states: alone.stats.states, transitions: alone.stats.transitions }, warnings: [expect.stringContaining("the state where a worker met invariant 'bounded' broken behaved otherwise when expanded again here: the workers' model is not the one checked")] });
  });

  it('args that change only what an invariant reads do not pass the model checked: a sampled state breaks it here', () => {
    const module = new URL('../support/worker-models.ts', import.meta.url);
    const checked = grid(24, { bound: 30, corner: false });
    const alone = check(checked);
    expect(alone.kind).toBe('invariant');
    for (let run = 0; run < 3; run++) {
      const r = check(checked, { workers: 2, module, export: 'grid', args: [24, { bound: 60, corner: false }] });
      expect(plainOf(r)).toEqual({ ...(plainOf(alone) as object), warnings: [expect.stringContaining("the workers' model is not the one checked")] });
    }
  });

  it('a model slow to define in a worker takes at most half the time left: then one thread, with the rest, says why (hostile19c: it took the whole timeout, ending with 0 states)', () => {
    const slow = grid(16, { corner: false });
    const r = check(slow, { workers: 2, module: new URL('../support/worker-slow.ts', import.meta.url), export: 'slow', timeout: 2000 });
    expect(r.kind).toBe('ok');
    expect(r.stats.states).toBe(check(slow).stats.states);
    expect(r.warnings?.[0]).toMatch(/the workers did not define the model within \d+ ms, half the time the check had left/);
  });

  it('a worker that exits while it defines the model does not hang the check: one thread, the same result, the warning', () => {
    // Not imported here: a worker importing this file would exit too.
    const exiting = grid(16, { corner: false });
    const r = check(exiting, { workers: 2, module: new URL('../support/worker-exits.ts', import.meta.url), export: 'exiting' });
    expect(r.stats.workers).toBe(1);
    expect(r.warnings?.[0]).toContain('the worker exited before it finished');
    expect(r.stats.states).toBe(check(exiting).stats.states);
  });

  it('a timeout in the workers ends the check incomplete, as on one thread', () => {
    expect(check(plain, { workers: 2, timeout: 1 })).toMatchObject({ kind: 'incomplete', budget: 'timeout' });
  });

  it("a worker stuck in the model's code past the timeout is stopped: incomplete, with the states stored before and why (it ran again on one thread on a spent clock: '0 states', no word)", () => {
    parallelTuning.graceMs = 300;
    try {
      // Spins long past timeout + grace: the workers are stopped mid-spin (terminate() interrupts it).
      const flaws = { spinsAt: [9, 11, 20_000], corner: false } as const;
      const t0 = Date.now();
      const r = check(grid(24, flaws), { workers: 2, timeout: 5_000, module: new URL('../support/worker-models.ts', import.meta.url), export: 'grid', args: [24, flaws] });
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(r).toMatchObject({ kind: 'incomplete', budget: 'timeout' });
      expect(r.stats.states).toBeGreaterThan(1);
      expect(r.stats.states).toBeLessThan(check(plain).stats.states);
      expect(r.warnings).toEqual([expect.stringMatching(/^the workers were still searching [\d,]+ ms after the timeout and were stopped: some action, guard, choices or invariant of the model never returned \(a loop that never ends\?\) while they expanded the states at depth \d+; the figures are those of the levels before$/)]);
      expect(r.warnings?.[0]).toContain(`at depth ${r.stats.depth};`);
      // The levels before are counted (hostile20: transitions 0 and no action covered beside 35,091 states).
      expect(r.stats.transitions).toBeGreaterThan(r.stats.states);
      expect(r.coverage.every((c) => c.enabled > 0)).toBe(true);
      expect(String(r)).toBe(`incomplete — timeout of 5,000 ms ran out after ${r.stats.states.toLocaleString('en-US')} states, ${r.stats.depth} steps deep`);
    } finally {
      parallelTuning.graceMs = saved.graceMs;
    }
  });

  it('waits for stuck workers within the fifth of the timeout a matcher leaves below its test (hostile20: 2 s more, past a 5 s test)', () => {
    expect(stopGrace(4_000)).toBe(800);
    expect(stopGrace(4_000) + 4_000).toBeLessThanOrEqual(5_000);
    expect(stopGrace(60_000)).toBe(saved.graceMs);
    expect(stopGrace(100)).toBe(100);
  });

  it('stuck before the levels split (each worker still searching alone), the figures are those of the levels it finished; a matcher shows why', () => {
    parallelTuning.graceMs = 300;
    parallelTuning.splitAt = 1e9;
    try {
      const flaws = { spinsAt: [9, 11, 20_000], corner: false, bound: 99 } as const;
      const matcher = createMatchers().toSatisfyInvariants;
      const options = { workers: 2, timeout: 5_000, module: new URL('../support/worker-models.ts', import.meta.url), export: 'grid', args: [24, flaws] };
      const outcome = matcher.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, grid(24, flaws), options);
      expect(outcome.pass).toBe(false);
      const lines = outcome.message().split('\n');
      expect(lines[2]).toMatch(/^the search did not finish: timeout of 5,000 ms ran out after [\d,]+ states, [1-9]\d* steps deep$/);
      expect(lines[3]).toEqual(expect.stringMatching(/^Warning: the workers were still searching [\d,]+ ms after the timeout and were stopped: some action, guard, choices or invariant of the model never returned \(a loop that never ends\?\) while they expanded the states at depth [1-9]\d*; the figures are the states and depth of the levels before \(each worker was still searching alone: its transitions and coverage were not counted\)\.$/));
    } finally {
      parallelTuning.graceMs = saved.graceMs;
      parallelTuning.splitAt = 1;
    }
  });

  it("an error a worker met earlier in breadth-first order than where another worker is stuck is the answer, as on one thread (hostile20 #3: it ended incomplete)", () => {
    parallelTuning.graceMs = 300;
    try {
      // Worker 1 throws at the 3rd state of the level (after 3 s at the 1st: worker 0 must be stuck before it sees the problem, also on a loaded machine), worker 0 spins at the 8th: one thread stops at the 3rd and never reaches the 8th.
      const flaws = { throwsAt: 3, spinsAt: [[1, 3_000], [8, 20_000]] } as const;
      const model = fan(10, flaws);
      const one = check(model);
      const t0 = Date.now();
      const r = check(model, { workers: 2, timeout: 5_000, module: new URL('../support/worker-models.ts', import.meta.url), export: 'fan', args: [10, flaws] });
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(r.stats.workers).toBe(2);
      expect(one).toMatchObject({ kind: 'error', error: new Error('no step from 3') });
      expect(r).toMatchObject({ kind: 'error', error: new Error('no step from 3') });
      expect(plainOf(r)).toMatchObject({ trace: (plainOf(one) as { trace: unknown }).trace, errorSource: one.errorSource });
      expect(r.trace.map((s) => s.action)).toEqual([null, 'pick(3)']);
      // The level being searched was not counted: the figures are the levels before it (review21: transitions 0 and no coverage in the first parallel level).
      expect(r.stats).toMatchObject({ states: 11, depth: 1, transitions: 10 });
      expect(r.coverage.find((c) => c.action === 'pick')?.enabled).toBe(10);
      expect(one.stats.states).toBe(14);
      expect(r.warnings).toEqual([
        expect.stringMatching(
          /^a worker was still in the model's code [\d,]+ ms after the timeout and was stopped \(some action, guard, choices or invariant never returned while the workers expanded the states at depth 1\), but another had met this problem earlier in breadth-first order, where one thread stops: the figures are those of the levels before$/,
        ),
      ]);
      // A maxStates cut may come first (one thread stops at the 2nd parent's successor here): incomplete, never the error (review21).
      const cut = check(model, { workers: 2, timeout: 5_000, maxStates: 13, module: new URL('../support/worker-models.ts', import.meta.url), export: 'fan', args: [10, flaws] });
      expect(check(model, { maxStates: 13 })).toMatchObject({ kind: 'incomplete', budget: 'maxStates' });
      expect(cut.kind).toBe('incomplete');
      // Stuck first in that order, it stays incomplete: one thread would hang there.
      const later = { throwsAt: 8, spinsAt: [[3, 20_000]] } as const;
      const stuckFirst = check(fan(10, later), { workers: 2, timeout: 5_000, module: new URL('../support/worker-models.ts', import.meta.url), export: 'fan', args: [10, later] });
      expect(stuckFirst).toMatchObject({ kind: 'incomplete', budget: 'timeout' });
      expect(stuckFirst.warnings?.[0]).toMatch(/^the workers were still searching/);
    } finally {
      parallelTuning.graceMs = saved.graceMs;
    }
  });

  it('the rule for a problem before every stuck worker, on the shared words: not before the split, not past a full table (its workers left parents before the problem unexpanded), not a budget, not a parent still being expanded', () => {
    const words = (set: (ctrl: Int32Array) => void, maxStates = 1_000) => {
      const ctrl = new Int32Array(CONTROL_WORDS);
      ctrl[C.PROBLEM] = 4;
      ctrl[C.SPLIT] = 1;
      ctrl[C.PASS] = 3;
      ctrl[C.USED] = 100;
      ctrl[slot(0, W.PASS_SEEN)] = 3;
      ctrl[slot(0, W.CURRENT)] = 7 + 1; // stuck at the 7th parent
      ctrl[slot(0, W.INSERTED)] = 6;
      ctrl[slot(1, W.PASS_SEEN)] = 3;
      ctrl[slot(1, W.CURRENT)] = NONE; // done, its own problem at the 4th
      ctrl[slot(1, W.INSERTED)] = 5;
      ctrl[slot(1, W.PROBLEM_AT)] = 4;
      ctrl[slot(1, W.PROBLEM_KIND)] = kindCode('error');
      set(ctrl);
      return problemBeforeStuck(ctrl, 2, maxStates);
    };
    expect(words(() => {})).toEqual({ key: 4, kind: 'error' });
    expect(words(() => {}, 111)).toEqual({ key: 4, kind: 'error' });
    expect(words(() => {}, 110)).toBeUndefined(); // 100 stored and 11 claims may pass maxStates before the problem
    expect(words((c) => (c[slot(1, W.PASS_SEEN)] = 2))).toBeUndefined(); // not yet in this pass over the level
    expect(words((c) => (c[slot(1, W.PROBLEM_KIND)] = kindCode('invariant')))).toEqual({ key: 4, kind: 'invariant' });
    expect(words((c) => (c[C.OVERFLOW] = 1))).toBeUndefined();
    expect(words((c) => (c[C.SPLIT] = 0))).toBeUndefined();
    expect(words((c) => (c[C.PROBLEM] = NONE))).toBeUndefined();
    expect(words((c) => (c[slot(1, W.PROBLEM_KIND)] = kindCode('timeout')))).toBeUndefined();
    expect(words((c) => (c[slot(0, W.CURRENT)] = 0))).toBeUndefined(); // somewhere before the levels split
    expect(words((c) => (c[slot(0, W.CURRENT)] = 3 + 1))).toBeUndefined(); // stuck before the problem: one thread hangs there
    expect(words((c) => (c[slot(0, W.CURRENT)] = 4 + 1))).toBeUndefined();
  });

  it('a failure prints the warnings of its check under the headline (a fallback to one thread was said only of passes and incomplete checks)', () => {
    // Defined here, inside the test: a worker cannot define it again.
    const local = defineModel<{ n: number }>({ name: 'local', init: { n: 0 }, actions: { inc: { apply: (s) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n < 3 } });
    parallelTuning.autoSite = false;
    try {
      const r = check(local, { workers: 2 });
      expect(r.kind).toBe('invariant');
      expect(r.warnings).toEqual([expect.stringMatching(/^workers: 2 was asked, but this check ran on one thread: /)]);
      const matcher = createMatchers().toSatisfyInvariants;
      const outcome = matcher.call({ isNot: false, promise: '', utils: jestMatcherUtils } as never, local, { workers: 2 });
      const lines = outcome.message().split('\n');
      expect(lines[2]).toMatch(/^invariant "small" is violated after 3 steps/);
      expect(lines[3]).toMatch(/^Warning: workers: 2 was asked, but this check ran on one thread: .*\.$/);
    } finally {
      parallelTuning.autoSite = true;
    }
  });

  it('a small check runs on one thread without a word', () => {
    parallelTuning.minStates = 1_000;
    try {
      const r = check(tp3, { deadlock: false, workers: 2 });
      expect(r.stats.workers).toBe(1);
      expect(r.warnings).toBeUndefined();
    } finally {
      parallelTuning.minStates = 0;
    }
  });

  it('refuses a workers value that is not an integer from 1 to 64, naming the option', () => {
    for (const bad of [0, 1.5, -2, 65, '2', NaN]) {
      expect(() => check(tp3, { workers: bad as number })).toThrow(/check: workers must be an integer from 1 to 64/);
    }
    expect(() => check(tp3, { export: 'x' })).toThrow(/give module too/);
  });

  it('KRIPKE_WORKERS sets the default', () => {
    vi.stubEnv('KRIPKE_WORKERS', '2');
    try {
      expect(check(tp3, { deadlock: false }).stats.workers).toBe(2);
      vi.stubEnv('KRIPKE_WORKERS', 'two');
      expect(() => check(tp3)).toThrow(/KRIPKE_WORKERS must be a positive integer/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
