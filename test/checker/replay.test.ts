// replayTrace on traces the first version misjudged: steps that name no
// action (Apalache, Quint without mbt::actionTaken), error and liveness
// counterexamples (re-checked, not taken on trust), model actions whose name
// holds a ':'.
import { describe, expect, it } from 'vitest';
import { check, checkLiveness, defineModel, replayTrace, toITF } from '../../src/index.js';

const j = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('steps that name no action are replayed by their state', () => {
  const counter = (step: number) => defineModel({ name: 'c', init: { x: 0 }, actions: { inc: { apply: (s: { x: number }) => ({ x: s.x + step }) } }, invariants: { small: (s) => s.x < 2 } });
  const apalache = {
    '#meta': { format: 'ITF', source: 'apalache' },
    vars: ['x'],
    states: [0, 1, 2].map((x, i) => ({ '#meta': { index: i }, x: { '#bigint': String(x) } })),
  };

  it('finds the transition whose successor is the recorded state', () => {
    const r = replayTrace(counter(1), apalache);
    expect(r).toMatchObject({ reproduced: true, reason: 'both steps replay and small still breaks at the end' });
    expect(r.trace.map((s) => s.action)).toEqual([null, 'inc', 'inc']);
  });

  it('stops where no transition leads to the recorded state, with the nearest one', () => {
    expect(replayTrace(counter(3), apalache)).toMatchObject({
      reproduced: false,
      stoppedAt: 1,
      reason: 'step 1: no action of the model leads to the recorded state (nearest: `inc`, state.x was 1, is now 3)',
    });
  });
});

describe("a step that names its action and not the action's choice (Quint's mbt::actionTaken without mbt::nondetPicks: itf21)", () => {
  const bank = defineModel({
    name: 'bank',
    init: { balance: 100 },
    actions: { withdraw: { choices: () => [10, 30, 50], enabled: (s: { balance: number }, n: number) => s.balance >= n, apply: (s, n: number) => ({ balance: s.balance - n }) } },
    invariants: { 'keeps 30': (s) => s.balance >= 30 },
  });
  const quint = {
    '#meta': { format: 'ITF', source: 'bank.qnt' },
    vars: ['balance', 'mbt::actionTaken'],
    states: [
      { balance: { '#bigint': '100' }, 'mbt::actionTaken': 'init' },
      { balance: { '#bigint': '50' }, 'mbt::actionTaken': 'withdraw' },
      { balance: { '#bigint': '20' }, 'mbt::actionTaken': 'withdraw' },
    ],
  };

  it('is taken with the choice that leads to the recorded state (it said the action is no longer enabled)', () => {
    const r = replayTrace(bank, quint);
    expect(r).toMatchObject({ reproduced: true });
    expect(r.trace.map((s) => s.action)).toEqual([null, 'withdraw(50)', 'withdraw(30)']);
  });

  it('a choice that throws and does not lead there is passed over (review21: the step was unverified, "throws now"); where none leads there and one throws, that is the answer', () => {
    const touchy = defineModel({
      name: 'touchy',
      init: { balance: 100 },
      actions: { withdraw: { choices: () => [10, 30], apply: (s: { balance: number }, n: number) => { if (n === 10 && s.balance === 100) throw new Error('bug in withdraw(10)'); return { balance: s.balance - n }; } } },
      invariants: { 'keeps 80': (s) => s.balance >= 80 },
    });
    const steps = (to: number) => ({ ...quint, states: [quint.states[0], { balance: { '#bigint': String(to) }, 'mbt::actionTaken': 'withdraw' }] });
    expect(replayTrace(touchy, steps(70))).toMatchObject({ reproduced: true });
    expect(replayTrace(touchy, steps(60))).toMatchObject({ reproduced: false, unverified: true, stoppedAt: 1, reason: 'step 1 `withdraw` throws now: Error: bug in withdraw(10)' });
  });

  it('where no choice leads there, the step leads to another state, and the replay says which', () => {
    const other = { ...quint, states: [quint.states[0], { ...quint.states[1], balance: { '#bigint': '60' } }] };
    expect(replayTrace(bank, other)).toMatchObject({ reproduced: false, stoppedAt: 1 });
    expect(replayTrace(bank, other).reason).toMatch(/^step 1 `withdraw/);
  });
});

describe('error counterexamples are re-fired, not taken on trust', () => {
  const thrower = (fixed: boolean) =>
    defineModel({
      name: 't',
      init: { x: 0 },
      actions: {
        inc: { enabled: (s: { x: number }) => s.x < 5, apply: (s) => ({ x: s.x + 1 }) },
        boom: { enabled: (s: { x: number }) => s.x === 1, apply: (s) => { if (!fixed) throw new Error('boom'); return { x: s.x + 10 }; } },
      },
      invariants: { ok: () => true },
    });
  const saved = j(toITF(check(thrower(false))));

  it('records the failing action in #meta', () => {
    expect(saved['#meta'].errorSource).toEqual({ kind: 'action', name: 'boom' });
  });

  it('reproduces while the action still throws, and not once it no longer does', () => {
    expect(replayTrace(thrower(false), saved)).toMatchObject({ reproduced: true, reason: 'the one step replays and `boom` still throws from the last state: Error: boom' });
    expect(replayTrace(thrower(true), saved)).toMatchObject({ reproduced: false, reason: 'the trace runs to its end and `boom` no longer throws from the last state' });
  });

  it('a file without the failing action cannot be re-checked: unverified, not reproduced', () => {
    const old = j(saved);
    delete (old['#meta'] as Record<string, unknown>).errorSource;
    expect(replayTrace(thrower(true), old)).toMatchObject({ reproduced: false, unverified: true });
    expect(replayTrace(thrower(true), old).reason).toContain('cannot be re-checked');
  });
});

describe('liveness lassos: the property is checked again', () => {
  const live = (fixed: boolean) =>
    defineModel({
      name: 'l',
      init: { x: 0, done: false },
      actions: {
        spin: { enabled: (s: { x: number; done: boolean }) => !s.done, apply: (s) => ({ ...s, x: (s.x + 1) % 2 }) },
        finish: { enabled: (s: { x: number; done: boolean }) => fixed && s.x === 1 && !s.done, apply: (s) => ({ ...s, done: true }) },
      },
      invariants: {},
      liveness: { finishes: { goal: (s) => s.done, fair: ['spin'], strongFair: ['finish'] } },
    });
  const saved = j(toITF(checkLiveness(live(false), 'finishes')));

  it('still a counterexample while the check of the named property fails', () => {
    const r = replayTrace(live(false), saved);
    expect(r.reproduced).toBe(true);
    expect(r.reason).toBe('both steps replay (the cycle included) and it still breaks finishes');
  });

  it('no longer one once its cycle is unfair: the strongly fair action it passes is enabled now', () => {
    expect(replayTrace(live(true), saved)).toMatchObject({
      reproduced: false,
      reason: 'the lasso replays, but it no longer breaks finishes: it is not fair: `finish` is strongly fair, enabled on its cycle and never taken there',
    });
  });

  it('not reproduced when the goal now holds on it, though the property fails through another lasso (hostile19c: it said the saved one still reproduced)', () => {
    const go = { choices: () => [0, 1], enabled: (s: P, i: number) => !s.done[i], apply: (s: P, i: number) => ({ ...s, done: s.done.map((d, j) => (j === i ? true : d)) }) };
    const tick = { apply: (s: P) => ({ ...s, t: 1 - s.t }) };
    type P = { done: boolean[]; t: number };
    const v1 = defineModel<P>({ name: 'procs', init: { done: [false, false], t: 0 }, actions: { go, tick }, liveness: { 'second-done': { goal: (s) => s.done[1], fair: ['go(0)'] } } });
    const lasso = j(toITF(checkLiveness(v1, 'second-done')));
    expect(replayTrace(v1, lasso)).toMatchObject({ reproduced: true });
    // The goal widened: the saved lasso passes t = 1, so it is no counterexample now; another (go(0), undo) is.
    const v2 = defineModel<P>({
      name: 'procs',
      init: { done: [false, false], t: 0 },
      actions: { go, tick, undo: { enabled: (s) => s.done[0] && !s.done[1], apply: (s) => ({ ...s, done: [false, false] }) } },
      liveness: { 'second-done': { goal: (s) => s.done[1] || s.t === 1, fair: ['go(0)'] } },
    });
    const r = replayTrace(v2, lasso);
    expect(r).toMatchObject({ reproduced: false, property: 'second-done', reason: "the lasso replays, but it no longer breaks second-done: the goal holds at step 2" });
    expect(r.unverified).toBeUndefined();
  });

  it('the lasso itself is judged: with the actions reordered, the check finds another lasso and the saved one still reproduces (review19b: unverified, a false red)', () => {
    type R = { at: string; t: number };
    const actions = {
      left: { enabled: (s: R) => s.at === 'start', apply: (s: R) => ({ ...s, at: 'left' }) },
      right: { enabled: (s: R) => s.at === 'start', apply: (s: R) => ({ ...s, at: 'right' }) },
      tick: { enabled: (s: R) => s.at !== 'start', apply: (s: R) => ({ ...s, t: 1 - s.t }) },
    };
    const liveness = { arrives: { goal: (s: R) => s.at === 'home', fair: ['tick' as const] } };
    const m1 = defineModel<R>({ name: 'r', init: { at: 'start', t: 0 }, actions, liveness });
    const m2 = defineModel<R>({ name: 'r', init: { at: 'start', t: 0 }, actions: { right: actions.right, left: actions.left, tick: actions.tick }, liveness });
    const saved = j(toITF(checkLiveness(m1, 'arrives')));
    expect(saved.states[1].at).toBe('left');
    expect(checkLiveness(m2, 'arrives').trace[1].state.at).toBe('right');
    expect(replayTrace(m2, saved)).toMatchObject({ reproduced: true, reason: 'all 3 steps replay (the cycle included) and it still breaks arrives' });
  });

  it('a lasso that stops: reproduced while its last state is a dead end, not once an action is enabled there', () => {
    const m = (stuck: boolean) =>
      defineModel({ name: 'd', init: { x: 0 }, actions: { go: { enabled: (s: { x: number }) => s.x === 0 || !stuck, apply: (s) => ({ x: Math.min(s.x + 1, 2) }) } }, liveness: { two: { goal: (s) => s.x === 2 } } });
    const saved = j(toITF(checkLiveness(m(true), 'two')));
    expect(saved.loop).toBeUndefined();
    expect(replayTrace(m(true), saved)).toMatchObject({ reproduced: true, reason: 'the one step replays and it still breaks two' });
    expect(replayTrace(m(false), saved).reason).toBe(
      'the lasso replays, but it no longer breaks two: it stops at step 1, which is no longer a dead end: `go` is enabled there (a path stops only where no action of the model is, unless the property allows stuttering or a step from there changes nothing)',
    );
  });

  it('an inline goal (no property named) cannot be re-checked: unverified', () => {
    const inline = j(toITF(checkLiveness(live(false), { goal: (s) => s.done, fair: ['spin', 'finish'] })));
    const r = replayTrace(live(true), inline);
    expect(r).toMatchObject({ reproduced: false, unverified: true });
    expect(r.reason).toContain('names no liveness property declared on the model');
  });
});

describe('a choice that is undefined (hostile19d)', () => {
  it('replays: invariant traces, lassos and errors through go(undefined)', () => {
    const m = defineModel({ name: 'u', init: { c: 0 }, actions: { go: { choices: () => [undefined, 1], enabled: (s: { c: number }) => s.c === 0, apply: (_s, c) => ({ c: c === undefined ? 2 : 1 }) } }, terminal: () => true, invariants: { not2: (s) => s.c !== 2 } });
    const r = check(m);
    expect(r.trace.map((s) => s.action)).toEqual([null, 'go(undefined)']);
    expect(replayTrace(m, r.trace).reproduced).toBe(true);
    expect(replayTrace(m, j(toITF(r))).reproduced).toBe(true);
    const l = defineModel({ name: 'l', init: { p: 0 }, actions: { step: { choices: () => [undefined], apply: (s: { p: number }) => ({ p: (s.p + 1) % 3 }) } }, liveness: { never: { goal: (s) => s.p === 7, fair: ['step'] } } });
    expect(replayTrace(l, j(toITF(checkLiveness(l, 'never')))).reproduced).toBe(true);
    const e = defineModel({ name: 'e', init: { c: 0 }, actions: { go: { choices: () => [undefined], apply: (s: { c: number }) => { if (s.c === 1) throw new Error('boom'); return { c: 1 }; } } }, terminal: () => true });
    expect(replayTrace(e, j(toITF(check(e)))).reproduced).toBe(true);
  });
});

describe("a model action whose name holds ':'", () => {
  it('is not taken for an environment behavior', () => {
    const m1 = defineModel({ name: 'db', init: { x: 0 }, actions: { 'db:write': { apply: (s: { x: number }) => ({ x: s.x + 1 }) } }, invariants: { small: (s) => s.x < 1 } });
    const m2 = defineModel({ name: 'db', init: { x: 0 }, actions: { write: { apply: (s: { x: number }) => ({ x: s.x + 1 }) } }, invariants: { small: (s) => s.x < 1 } });
    const saved = JSON.stringify(toITF(check(m1)));
    expect(replayTrace(m1, saved).reproduced).toBe(true);
    expect(replayTrace(m2, saved)).toMatchObject({ reproduced: false, stoppedAt: 1, reason: 'step 1 `db:write` names no action of the model any more' });
  });
});

describe('what a user passes instead of a file', () => {
  const m = defineModel({ name: 'c', init: { x: 0 }, actions: { inc: { apply: (s: { x: number }) => ({ x: (s.x + 1) % 3 }) } }, invariants: { small: (s) => s.x < 2 }, liveness: { never: { goal: (s) => s.x === 7, fair: ['inc'] } } });

  it('a check\'s result replays as its file would (it was "ITF: states must be a list, got nothing")', () => {
    expect(replayTrace(m, check(m))).toMatchObject({ reproduced: true, property: 'small', reason: 'both steps replay and small still breaks at the end' });
    expect(replayTrace(m, checkLiveness(m, 'never'))).toMatchObject({ reproduced: true, property: 'never' });
  });

  it('a passing result has nothing to replay, and says so', () => {
    const ok = check(defineModel({ name: 'ok', init: { x: 0 }, actions: { inc: { apply: (s: { x: number }) => ({ x: (s.x + 1) % 2 }) } }, invariants: { fine: () => true } }));
    expect(() => replayTrace(m, ok)).toThrow("replayTrace: the result has no counterexample to replay (it is a pass, with no trace)");
  });

  it("a lasso's steps without its loop, checked against a liveness property by name: told to pass the result (it said 'no invariant named never')", () => {
    const lasso = checkLiveness(m, 'never');
    expect(() => replayTrace(m, lasso.trace, { property: 'never' })).toThrow('never is a liveness property, and a list of steps does not say where its lasso loops: replay the check\'s result (replayTrace(model, result)) or its file (toITF(result)) instead of result.trace');
  });
});

describe("the model's code throws during a replay (it escaped replayTrace and toReplay as the user's bare error)", () => {
  const mk = (bad: '' | 'apply' | 'inv') =>
    defineModel({
      name: 'c',
      init: { x: 0 },
      actions: { inc: { apply: (s: { x: number }) => { if (bad === 'apply' && s.x === 1) throw new Error('boom'); return { x: s.x + 1 }; } } },
      invariants: { small: (s) => { if (bad === 'inv' && s.x === 2) throw new TypeError('inv boom'); return s.x < 2; } },
    });
  const saved = check(mk(''));

  it('an action that throws on the path: unverified, stopped there, naming the step and the error', () => {
    expect(replayTrace(mk('apply'), saved)).toMatchObject({ reproduced: false, unverified: true, stoppedAt: 2, reason: 'step 2 `inc` throws now: Error: boom' });
  });

  it('an invariant that throws at the end: unverified, naming it', () => {
    expect(replayTrace(mk('inv'), saved)).toMatchObject({ reproduced: false, unverified: true, property: 'small', reason: 'the trace runs to its end, but small throws there now: TypeError: inv boom' });
  });

  it('a liveness goal that throws on the lasso: unverified', () => {
    const m = (bad: boolean) => defineModel({ name: 'l', init: { p: 0 }, actions: { step: { apply: (s: { p: number }) => ({ p: (s.p + 1) % 3 }) } }, liveness: { never: { goal: (s) => { if (bad && s.p === 2) throw new Error('goal boom'); return s.p === 7; }, fair: ['step'] } } });
    expect(replayTrace(m(true), checkLiveness(m(false), 'never'))).toMatchObject({ reproduced: false, unverified: true, reason: 'all 3 steps replay, but the goal throws at step 2: Error: goal boom' });
  });
});

describe('a saved lasso judged by itself: what review20 found', () => {
  it('a dead end that gains a step changing nothing still breaks the property: the same states, repeated (it said no longer a dead end)', () => {
    const make = (poll: boolean) =>
      defineModel({
        name: 'stuck',
        init: { phase: 'idle' },
        actions: { start: { enabled: (s: { phase: string }) => s.phase === 'idle', apply: () => ({ phase: 'stuck' }) }, ...(poll ? { poll: { apply: (s: { phase: string }) => s } } : {}) },
        liveness: { done: { goal: (s) => s.phase === 'done', fair: ['start'] } },
      });
    const saved = j(toITF(checkLiveness(make(false), 'done')));
    expect(checkLiveness(make(true), 'done').kind).toBe('liveness');
    expect(replayTrace(make(true), saved)).toMatchObject({ reproduced: true, reason: 'the one step replays and it still breaks done' });
  });

  it('fairness given in place of the declared one is in the file, and the lasso is judged under it (judged under the declared one, .not.toReplay passed with nothing fixed)', () => {
    const m = defineModel({
      name: 'toggle',
      init: { n: 0, done: false },
      actions: { spin: { enabled: (s: { n: number; done: boolean }) => !s.done, apply: (s) => ({ ...s, n: 1 - s.n }) }, finish: { enabled: (s: { n: number; done: boolean }) => !s.done, apply: (s) => ({ ...s, done: true }) } },
      liveness: { p: { goal: (s) => s.done, fair: ['finish'] } },
    });
    const r = checkLiveness(m, { goal: 'p', fair: [] });
    expect(r).toMatchObject({ kind: 'liveness', overrides: ['fair'] });
    const file = j(toITF(r));
    expect(file['#meta']).toMatchObject({ overrides: ['fair'], fairness: { fair: [], strongFair: [], stuttering: false } });
    expect(replayTrace(m, file)).toMatchObject({ reproduced: true });
    expect(replayTrace(m, r)).toMatchObject({ reproduced: true });
    // A from given in place is code: the file cannot be judged.
    const withFrom = checkLiveness(m, { goal: 'p', from: (s) => s.n === 1, fair: [] });
    expect(replayTrace(m, withFrom)).toMatchObject({ reproduced: false, unverified: true });
    expect(replayTrace(m, withFrom).reason).toContain("the check that found it gave 'from' in place of p's (code, not saved in the file)");
  });

  it('a step that two actions make takes both: a file without labels, and a lasso whose last state does not repeat the first of its cycle', () => {
    type T = { n: number; done: boolean };
    const m = defineModel<T>({
      name: 'two-ways',
      init: { n: 0, done: false },
      actions: { poll: { enabled: (s) => !s.done, apply: (s) => ({ ...s, n: 1 - s.n }) }, tick: { enabled: (s) => !s.done, apply: (s) => ({ ...s, n: 1 - s.n }) } },
      liveness: { p: { goal: (s) => s.done, fair: ['tick'] } },
    });
    const labelled = j(toITF(checkLiveness(m, 'p')));
    const file = { ...labelled, states: labelled.states.map((st, index) => ({ ...st, '#meta': { index } })) };
    expect(replayTrace(m, file)).toMatchObject({ reproduced: true });
    // [0 -poll-> 1], loop 0: the closing step (1 back to 0) may be a tick.
    const open = { ...file, states: [file.states[0], { ...file.states[1], '#meta': { index: 1, action: 'poll' } }], loop: 0 };
    expect(replayTrace(m, open)).toMatchObject({ reproduced: true });
  });

  it("another tool's lasso (an ITF loop, no kripke #meta) is judged by the liveness property named (it said a list of steps has no loop)", () => {
    const m = defineModel({
      name: 'job',
      init: { tries: 0, done: false },
      actions: { retry: { enabled: (s: { tries: number; done: boolean }) => !s.done, apply: (s) => ({ ...s, tries: 1 - s.tries }) }, finish: { enabled: (s: { tries: number; done: boolean }) => !s.done, apply: (s) => ({ ...s, done: true }) } },
      liveness: { p: { goal: (s) => s.done } },
    });
    const file = { ...j(toITF(checkLiveness(m, 'p'))), '#meta': { format: 'ITF', source: 'apalache' } };
    expect(replayTrace(m, file, { property: 'p' })).toMatchObject({ reproduced: true, reason: 'both steps replay (the cycle included) and it still breaks p' });
    const noLoop = { ...file, loop: undefined };
    expect(() => replayTrace(m, noLoop, { property: 'p' })).toThrow('p is a liveness property, and the file (it gives no loop) does not say where its lasso loops');
  });

  it('reasons: an invariant named for a lasso, a from that never holds on it', () => {
    const m = (from: number) =>
      defineModel({
        name: 'r',
        init: { x: 0 },
        actions: { step: { apply: (s: { x: number }) => ({ x: (s.x + 1) % 2 }) } },
        invariants: { small: (s) => s.x < 5 },
        liveness: { p: { goal: (s) => s.x === 7, from: (s) => s.x === from, fair: ['step'] } },
      });
    const saved = j(toITF(checkLiveness(m(1), 'p')));
    expect(replayTrace(m(1), saved, { property: 'small' }).reason).toMatch(/^(all \d+|both) steps? replays?, but small is an invariant, and the file holds a liveness lasso: name the liveness property it broke, or leave property out$/);
    expect(replayTrace(m(3), saved).reason).toBe("the lasso replays, but it no longer breaks p: 'from' holds nowhere on it, so the goal is never due");
  });
});

describe('what a replay cannot judge is unverified, never a pass of .not.toReplay (hostile20)', () => {
  it("steps alone (result.trace) reproduce as a deadlock, an error or a broken invariant, and not once fixed; a lasso's steps are unverified (a deadlock's or an error's steps said 'every invariant holds')", () => {
    const dl = (fixed: boolean) => defineModel({ name: 'dl', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => fixed || s.n < 2, apply: (s) => ({ n: (s.n + 1) % 3 }) } } });
    const d = check(dl(false));
    expect(d.kind).toBe('deadlock');
    expect(replayTrace(dl(false), d.trace)).toMatchObject({ reproduced: true, reason: 'both steps replay and the last state is still a deadlock (the steps alone do not say what they broke: if their check ran with { deadlock: false }, replay its result or its file, or name the invariant with { property })' });
    expect(replayTrace(dl(true), d.trace)).toMatchObject({ reproduced: false, reason: 'the trace runs to its end, every invariant holds there, it is no deadlock and no action throws from it' });
    expect(replayTrace(dl(true), d.trace).unverified).toBeUndefined();

    const er = (fixed: boolean) => defineModel({ name: 'er', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => { if (!fixed && s.n === 2) throw new Error('boom'); return { n: (s.n + 1) % 4 }; } } }, invariants: { fine: () => true } });
    const e = check(er(false));
    expect(e.kind).toBe('error');
    expect(replayTrace(er(false), e.trace)).toMatchObject({ reproduced: true, reason: 'both steps replay and an action still throws from the last state: Error: boom' });
    expect(replayTrace(er(true), e.trace)).toMatchObject({ reproduced: false });

    const job = defineModel({ name: 'job', init: { done: false, t: 0 }, actions: { spin: { enabled: (s: { done: boolean; t: number }) => !s.done, apply: (s) => ({ ...s, t: 1 - s.t }) }, finish: { enabled: () => false, apply: (s: { done: boolean; t: number }) => ({ ...s, done: true }) } }, invariants: { fine: () => true } });
    const l = checkLiveness(job, { goal: (s) => s.done });
    expect(l.kind).toBe('liveness');
    expect(replayTrace(job, l.trace)).toMatchObject({ reproduced: false, unverified: true });
    expect(replayTrace(job, l.trace).reason).toContain('come back to a state they passed (a lasso?), but the steps alone do not say which liveness property they broke');
  });

  it('an invariant renamed is unverified (with { property } it is judged again); an action that threw and is gone is a fix', () => {
    const m = (name: string) => defineModel({ name: 'c', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { [name]: (s: { n: number }) => s.n < 2 } });
    const saved = j(toITF(check(m('small'))));
    expect(replayTrace(m('tiny'), saved)).toMatchObject({
      reproduced: false,
      unverified: true,
      reason: "the trace runs to its end, but the model has no invariant or guarantee named small any more, so whether it still breaks what it broke cannot be told (renamed? replay with { property: 'its new name' })",
    });
    expect(replayTrace(m('tiny'), saved, { property: 'tiny' })).toMatchObject({ reproduced: true });
    const thrower = (action: string, extra = false) =>
      defineModel({ name: 't', init: { n: 0 }, actions: { step: { enabled: (s: { n: number }) => s.n < 1, apply: () => ({ n: 1 }) }, [action]: { enabled: (s: { n: number }) => s.n === 1, apply: (s: { n: number }) => { if (!extra) throw new Error('boom'); return s; } } }, terminal: () => true });
    const error = j(toITF(check(thrower('crash'))));
    expect(error['#meta'].errorSource).toEqual({ kind: 'action', name: 'crash' });
    expect(replayTrace(thrower('crash'), error)).toMatchObject({ reproduced: true });
    // The fix removed the action that threw (review20b: unverified forever, so the regression test could never pass).
    expect(replayTrace(thrower('other', true), error)).toMatchObject({ reproduced: false, reason: 'the trace runs to its end, but `crash`, which threw, names nothing of the model any more' });
    const invariantThrew = (name: string) => defineModel({ name: 'i', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: (s.n + 1) % 3 }) } }, invariants: { [name]: (s: { n: number }) => { if (s.n === 2) throw new Error('bad'); return true; } } });
    const threw = j(toITF(check(invariantThrew('sane'))));
    expect(replayTrace(invariantThrew('calm'), threw)).toMatchObject({ reproduced: false, unverified: true });
    expect(replayTrace(invariantThrew('calm'), threw, { property: 'calm' })).toMatchObject({ reproduced: true });
  });

  it("a conformance divergence: the model's steps replay, what diverged is not in the file (it always reproduced)", async () => {
    const { checkConformance, defineImplementation } = await import('../../src/index.js');
    const m = defineModel({ name: 'c', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) } }, terminal: () => true });
    const impl = defineImplementation({ create: () => ({ n: 0 }), actions: { inc: (sut: { n: number }) => { sut.n += sut.n === 1 ? 2 : 1; } }, observe: (sut: { n: number }) => ({ n: sut.n }) });
    const r = await checkConformance(m, impl);
    expect(r.kind).toBe('divergence');
    expect(replayTrace(m, j(toITF(r as never)))).toMatchObject({ reproduced: false, unverified: true });
  });

  it("a result as JSON text replays as the parsed object does; a checkTrace result says it holds no counterexample (both said 'ITF: states must be a list')", async () => {
    const m = defineModel({ name: 'c', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s: { n: number }) => s.n < 2 } });
    expect(replayTrace(m, JSON.stringify(check(m)))).toMatchObject({ reproduced: true, property: 'small' });
    const { checkTrace } = await import('../../src/index.js');
    const t = checkTrace(m, [{ action: 'inc' }, { state: { n: 5 } }]);
    expect(() => replayTrace(m, t as never)).toThrow("replayTrace: a result of kind 'unexplained' that is not a check's (checkTrace's or checkConformance's?) holds no counterexample of the model's to replay");
  });

  it('an ITF loop out of range names the value', () => {
    const m = defineModel({ name: 'c', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s: { n: number }) => s.n < 2 } });
    expect(() => replayTrace(m, { ...j(toITF(check(m))), loop: 99 })).toThrow('ITF: loop must be the index of a state (0 to 2), got number 99');
  });
});

describe('what is no counterexample of this model is never a pass of .not.toReplay (badinput21)', () => {
  const counter = defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { small: (s) => s.n < 2 } });
  const other = defineModel({ name: 'other', init: { b: true }, actions: { flip: { apply: (s: { b: boolean }) => ({ b: !s.b }) } }, invariants: { nb: (s) => s.b } });

  it('a list whose entries are not steps is refused, naming the entry', () => {
    expect(() => replayTrace(counter, [1] as never)).toThrow("step 0 of the trace to replay is number 1, not a step { action, state }: pass a check's result, its file (toITF(result)), ITF JSON or kripke steps");
    expect(() => replayTrace(counter, [{ action: null, state: { n: 0 } }, 'inc'] as never)).toThrow(/^step 1 of the trace to replay is the string "inc", not a step/);
  });

  it("another model's file, whose property this model does not declare, is unverified where it stops", () => {
    const file = toITF(check(other));
    expect(replayTrace(counter, file)).toMatchObject({
      reproduced: false,
      unverified: true,
      stoppedAt: 0,
      property: 'nb',
      reason: "step 0: the trace's initial state is no longer an initial state of the model, and the model has no property named nb (another model's file? renamed? replay with { property: 'its new name' })",
    });
    // A file that names its model (as the matchers' files do), of any kind: another model's is unverified where it stops (review21b).
    const stuck = defineModel({ name: 'stuck', init: { k: 1 }, actions: { go: { enabled: () => false, apply: (s: { k: number }) => s } } });
    const dead = toITF(check(stuck), { model: 'stuck' });
    expect(replayTrace(counter, dead)).toMatchObject({ reproduced: false, unverified: true, stoppedAt: 0, reason: 'step 0: the trace\'s initial state is no longer an initial state of the model, and the file is of model "stuck", not "counter": replay it on its own model' });
    expect(replayTrace(stuck, dead)).toMatchObject({ reproduced: true });
    // Its own property known, a path that stops is what it was: the initial state changed, not reproduced.
    expect(replayTrace(counter, { ...file, '#meta': { ...file['#meta'], property: 'small' } })).toMatchObject({ reproduced: false, stoppedAt: 0 });
    expect(replayTrace(counter, { ...file, '#meta': { ...file['#meta'], property: 'small' } }).unverified).toBeUndefined();
  });
});
