import { describe, expect, it } from 'vitest';
import { check, checkLiveness, ContractError, defineModel, ModelDefinitionError, MutationError, type Model } from '../../src/index.js';
import { runLiveness } from '../../src/checker/liveness/check-liveness.js';
import { compose } from '../../src/checker/system.js';
import { DEFAULT_OPTIONS } from '../../src/checker/check.js';
import { readerPreference, writerPreference } from '../../docs/examples/readers-writers-liveness.js';
import { atomic, naive } from '../../docs/examples/producer-consumer-liveness.js';
import { ordered, zeroEats } from '../../docs/examples/dining-philosophers-liveness.js';

/** A job that may spin forever instead of finishing. */
const job = defineModel({
  name: 'job',
  init: { done: false },
  actions: {
    spin: { enabled: (s) => !s.done, apply: (s) => ({ ...s }) },
    finish: { enabled: (s) => !s.done, apply: () => ({ done: true }) },
  },
  terminal: (s) => s.done,
});
const done = (s: { done: boolean }) => s.done;

/** A graph given as edges `[from, to, action]` over numbered states; state 0 is initial. */
function graph(edges: [number, number, string][], inits: number[] = [0]): Model<number> {
  const names = [...new Set(edges.map(([, , a]) => a))];
  return defineModel<number>({
    name: 'graph',
    initStates: inits,
    actions: Object.fromEntries(
      names.map((a) => [
        a,
        { choices: (s: number) => edges.filter(([f, , b]) => f === s && b === a).map(([, t]) => t), apply: (_s: number, t: number) => t },
      ]),
    ),
  });
}
const states = <S>(r: { trace: readonly { state: S }[] }) => r.trace.map((s) => s.state);
const actions = (r: { trace: readonly { action: string | null }[] }) => r.trace.map((s) => s.action);

describe('known answers', () => {
  it('a job that may spin forever never finishes without fairness', () => {
    const r = checkLiveness(job, { goal: done });
    expect(r.ok).toBe(false);
    expect(r.kind).toBe('liveness');
    expect(actions(r)).toEqual([null, 'spin']);
    expect(r.loopsTo).toBe(0);
    expect(r.fairness).toEqual({ fair: [], strongFair: [], stuttering: false });
    expect(String(r)).toBe('liveness violated: the goal is never reached — after 0 steps, a cycle of 1 step repeats forever');
  });

  it('finishes under weak fairness of finish, or of every action, or strong fairness of finish', () => {
    expect(checkLiveness(job, { goal: done, fair: ['finish'] }).ok).toBe(true);
    expect(checkLiveness(job, { goal: done, fair: 'all' }).ok).toBe(true);
    expect(checkLiveness(job, { goal: done, strongFair: ['finish'] }).ok).toBe(true);
    expect(String(checkLiveness(job, { goal: done, fair: ['finish'] }))).toBe('OK — 2 states, no violations');
  });

  it('still spins when only spin is fair', () => {
    expect(checkLiveness(job, { goal: done, fair: ['spin'] }).kind).toBe('liveness');
  });

  it('readers–writers: reader preference starves a waiting writer under weak fairness of every action', () => {
    const r = checkLiveness(readerPreference, 'writer-progress');
    expect(r.kind).toBe('liveness');
    expect(r.liveness).toBe('writer-progress');
    expect(r.fairness).toEqual({ fair: 'all', strongFair: [], stuttering: false });
    // The writer waits from step 1 on and never writes.
    expect(r.dueAt).toBe(1);
    expect(states(r).slice(1).every((s) => s.writerWaiting && !s.writing)).toBe(true);
  });

  it('readers–writers: reader preference starves the writer even under strong fairness', () => {
    const r = checkLiveness(readerPreference, { goal: 'writer-progress', strongFair: 'all' });
    expect(r.kind).toBe('liveness');
    // start-write is never enabled on the cycle: readers never all leave.
    expect(states(r).slice(r.loopsTo).every((s) => s.readers > 0)).toBe(true);
  });

  it('readers–writers: writer preference lets the writer write under weak fairness', () => {
    expect(checkLiveness(writerPreference, 'writer-progress').ok).toBe(true);
    expect(check(writerPreference).ok).toBe(true);
  });

  it('ordered dining philosophers: philosopher 0 can starve under weak fairness of every action', () => {
    const r = checkLiveness(ordered, { from: () => true, goal: zeroEats, fair: 'all' });
    expect(r.kind).toBe('liveness');
    const cycle = states(r).slice(r.loopsTo);
    expect(cycle.every((s) => s.holding[0] === 0)).toBe(true);
    // Weakly fair to first(0): it is disabled somewhere on the cycle (philosopher 2 holds fork 0).
    expect(cycle.some((s) => s.forks[0] === 2)).toBe(true);
    // …and enabled somewhere too: philosopher 0 keeps getting a chance and losing it.
    expect(cycle.some((s) => s.forks[0] === null)).toBe(true);
  });

  it('ordered dining philosophers: no philosopher 0 starvation under strong fairness', () => {
    expect(checkLiveness(ordered, { from: () => true, goal: zeroEats, strongFair: 'all' }).ok).toBe(true);
  });

  it('ordered dining philosophers: strong fairness for philosopher 0 alone is not enough', () => {
    // Philosopher 2, only weakly fair, starves while holding fork 0: philosopher 0's chance never comes.
    const r = checkLiveness(ordered, { goal: zeroEats, strongFair: ['first(0)', 'second(0)'], fair: 'all' });
    expect(r.kind).toBe('liveness');
    expect(states(r).slice(r.loopsTo).every((s) => s.forks[0] === 2 && s.holding[2] === 1)).toBe(true);
  });

  it('producer–consumer: the race breaks safety; the atomic fix keeps every item consumed under fair take', () => {
    expect(String(check(naive))).toBe("invariant 'within-capacity' violated after 4 steps");
    expect(check(atomic).ok).toBe(true);
    const spin = checkLiveness(atomic, { goal: 'every-item-consumed', fair: [] });
    expect(actions(spin)).toEqual([null, 'put(0)', 'retry(1)']);
    expect(spin.loopsTo).toBe(1);
  });
});

describe('the lasso', () => {
  it('takes the shortest prefix to a bad cycle and closes the cycle at loopsTo', () => {
    // A long way (0→1→2→3) and a short way (0→3) to the cycle 3→4→5→3; the goal is never reached.
    const m = graph([
      [0, 1, 'a'],
      [1, 2, 'a'],
      [2, 3, 'a'],
      [0, 3, 'b'],
      [3, 4, 'c'],
      [4, 5, 'c'],
      [5, 3, 'c'],
    ]);
    const r = checkLiveness(m, { goal: () => false, fair: 'all' });
    expect(states(r)).toEqual([0, 3, 4, 5, 3]);
    expect(actions(r)).toEqual([null, 'b(3)', 'c(4)', 'c(5)', 'c(3)']);
    expect(r.loopsTo).toBe(1);
    expect(String(r)).toBe('liveness violated: the goal is never reached — after 1 step, a cycle of 3 steps repeats forever');
  });

  it('passes a state where a weakly fair action is disabled', () => {
    // From 0 and 1, `exit` leads to the goal (9); 2 disables it. A fair cycle must go through 2.
    const m = graph([
      [0, 1, 'loop'],
      [1, 0, 'loop'],
      [0, 2, 'detour'],
      [2, 0, 'detour'],
      [0, 9, 'exit'],
      [1, 9, 'exit'],
    ]);
    const r = checkLiveness(m, { goal: (s) => s === 9, fair: ['exit'] });
    expect(r.kind).toBe('liveness');
    expect(states(r)).toEqual([0, 2, 0]);
    expect(r.loopsTo).toBe(0);
    // With `exit` enabled everywhere on every cycle, weak fairness forces it.
    const closed = graph([
      [0, 1, 'loop'],
      [1, 0, 'loop'],
      [0, 9, 'exit'],
      [1, 9, 'exit'],
    ]);
    expect(checkLiveness(closed, { goal: (s) => s === 9, fair: ['exit'] }).ok).toBe(true);
  });

  it('strong fairness removes the states that enable an untaken fair action and keeps the fair rest', () => {
    // 0↔1↔2 avoids the goal; `exit` (to 9) is enabled only at 2. Under strong fairness a cycle through 2 must
    // take exit, so the only fair cycle is 0↔1.
    const m = graph([
      [0, 1, 'walk'],
      [1, 0, 'walk'],
      [1, 2, 'walk'],
      [2, 1, 'walk'],
      [2, 9, 'exit'],
    ]);
    const r = checkLiveness(m, { goal: (s) => s === 9, strongFair: ['exit'] });
    expect(states(r)).toEqual([0, 1, 0]);
    expect(r.loopsTo).toBe(0);
    // Every choice strongly fair: walk(2), enabled at 1, must be taken too, and then exit: no fair cycle is left.
    expect(checkLiveness(m, { goal: (s) => s === 9, strongFair: 'all' }).ok).toBe(true);
    // Weak fairness of exit does not help: exit is disabled at 0 and 1.
    expect(checkLiveness(m, { goal: (s) => s === 9, fair: ['exit'] }).kind).toBe('liveness');
    // With the cycle 0↔1 gone, strong fairness forces exit.
    const m2 = graph([
      [0, 2, 'walk'],
      [2, 0, 'walk'],
      [2, 9, 'exit'],
    ]);
    expect(checkLiveness(m2, { goal: (s) => s === 9, strongFair: ['exit'] }).ok).toBe(true);
    expect(checkLiveness(m2, { goal: (s) => s === 9, fair: ['exit'] }).kind).toBe('liveness');
  });

  it('treats each choice as its own fair action', () => {
    // take(0) and take(1) both leave the cycle; only take(1) is fair, and it is enabled all along.
    const m = graph([
      [0, 0, 'idle'],
      [0, 1, 'take'],
      [0, 2, 'take'],
    ]);
    const goal = (s: number) => s > 0;
    expect(checkLiveness(m, { goal, fair: ['take(1)'] }).ok).toBe(true);
    expect(checkLiveness(m, { goal, fair: ['take(2)'] }).ok).toBe(true);
    expect(checkLiveness(m, { goal, fair: ['idle'] }).kind).toBe('liveness');
  });

  it('reports a dead end where the goal is still pending: the path stops, no loopsTo', () => {
    const stuck = defineModel({
      name: 'stuck',
      init: { at: 'start' },
      actions: {
        go: { enabled: (s) => s.at === 'start', apply: () => ({ at: 'middle' }) },
        detour: { enabled: (s) => s.at === 'start', apply: () => ({ at: 'ditch' }) },
        arrive: { enabled: (s) => s.at === 'middle', apply: () => ({ at: 'goal' }) },
      },
      terminal: () => true, // even a terminal state stops short of the goal
    });
    const r = checkLiveness(stuck, { goal: (s) => s.at === 'goal', fair: 'all' });
    expect(r.kind).toBe('liveness');
    expect(r.loopsTo).toBeUndefined();
    expect(states(r)).toEqual([{ at: 'start' }, { at: 'ditch' }]);
    expect(String(r)).toBe('liveness violated: the goal is never reached — the path stops after 1 step with no action enabled');
  });

  it('from ⤳ goal: the goal is due again after every from state', () => {
    // requested → served → requested …; a second request may be ignored forever.
    const server = defineModel({
      name: 'server',
      init: { requests: 0, served: 0 },
      actions: {
        request: { enabled: (s) => s.requests === s.served && s.requests < 2, apply: (s) => ({ ...s, requests: s.requests + 1 }) },
        serve: { enabled: (s) => s.served < s.requests && s.served < 1, apply: (s) => ({ ...s, served: s.served + 1 }) },
        idle: { apply: (s) => s },
      },
    });
    const r = checkLiveness(server, { from: (s) => s.requests > s.served, goal: (s) => s.served === s.requests, fair: ['serve'] });
    expect(r.kind).toBe('liveness');
    expect(actions(r)).toEqual([null, 'request', 'serve', 'request', 'idle']);
    expect(r.dueAt).toBe(3);
    expect(r.loopsTo).toBe(3);
    expect(String(r)).toBe('liveness violated: the goal is never reached (due from step 3) — after 3 steps, a cycle of 1 step repeats forever');
    // ◇goal alone holds at once: the goal holds initially.
    expect(checkLiveness(server, { goal: (s) => s.served === s.requests }).ok).toBe(true);
  });

  it('handles a cycle through 100,000 states without recursion', () => {
    const N = 100_000;
    const ring = defineModel({ name: 'ring', init: { n: 0 }, actions: { inc: { apply: (s) => ({ n: (s.n + 1) % N }) } } });
    const r = checkLiveness(ring, { from: (s) => s.n === 1, goal: (s) => s.n === 0 && false });
    expect(r.kind).toBe('liveness');
    expect(r.trace.length).toBe(N + 2);
    expect(r.loopsTo).toBe(1);
    expect(checkLiveness(ring, { goal: (s) => s.n === N - 1 }).ok).toBe(true);
  });
});

describe('vacuity warnings', () => {
  it("warns when 'from' never holds", () => {
    const r = checkLiveness(job, { from: () => false, goal: done });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(["the liveness check is vacuous: 'from' never holds in a reachable state, so the goal is never due"]);
    expect(String(r)).toBe(
      "OK — 2 states, no violations; warning: the liveness check is vacuous: 'from' never holds in a reachable state, so the goal is never due",
    );
  });

  it('warns when the goal holds everywhere', () => {
    const r = checkLiveness(job, { goal: () => true });
    expect(r.warnings).toEqual(['the liveness check is vacuous: the goal holds in every reachable state']);
  });

  it('says nothing when the check means something', () => {
    expect(checkLiveness(job, { goal: done, fair: ['finish'] }).warnings).toBeUndefined();
  });

  it('check carries the warnings of named properties on the safety result', () => {
    const m = defineModel({
      name: 'quiet',
      init: { n: 0 },
      actions: { step: { enabled: (s) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) } },
      terminal: (s) => s.n === 2,
      liveness: { never: { from: (s) => s.n > 5, goal: (s) => s.n === 0 } },
    });
    const r = check(m);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual(["liveness 'never' is vacuous: 'from' never holds in a reachable state, so the goal is never due"]);
    expect(String(r)).toMatch(/^OK — 3 states, no violations; warning: liveness 'never' is vacuous/);
  });
});

describe('named liveness properties', () => {
  const counter = (liveness: object) =>
    defineModel({
      name: 'counter',
      init: { n: 0 },
      actions: { inc: { enabled: (s: { n: number }) => s.n < 3, apply: (s: { n: number }) => ({ n: s.n + 1 }) } },
      invariants: { small: (s) => s.n <= 3 },
      terminal: (s) => s.n === 3,
      liveness: liveness as never,
    });

  it('check runs them after the invariants and reports the first that fails', () => {
    const m = counter({ reaches: { goal: (s: { n: number }) => s.n === 3 }, impossible: { goal: (s: { n: number }) => s.n === 4 } });
    const r = check(m);
    expect(r.kind).toBe('liveness');
    expect(r.liveness).toBe('impossible');
    expect(String(r)).toBe("liveness 'impossible' violated: the goal is never reached — the path stops after 3 steps with no action enabled");
  });

  it('check reports a broken invariant before any liveness property', () => {
    const m = defineModel({
      name: 'bad',
      init: { n: 0 },
      actions: { inc: { apply: (s) => ({ n: (s.n + 1) % 3 }) } },
      invariants: { 'below-2': (s) => s.n < 2 },
      liveness: { never: { goal: () => false } },
    });
    expect(check(m).kind).toBe('invariant');
  });

  it('checkLiveness takes a property by name, and a goal name with fields that override it', () => {
    const m = counter({ reaches: { goal: (s: { n: number }) => s.n === 3 } });
    expect(checkLiveness(m, 'reaches').ok).toBe(true);
    const r = checkLiveness(m, { goal: 'reaches', from: (s) => s.n === 1, fair: ['inc'] });
    expect(r.ok).toBe(true);
    expect(r.fairness).toEqual({ fair: ['inc'], strongFair: [], stuttering: false });
  });

  it('rejects bad declarations with the property named', () => {
    expect(() => counter({ p: { goal: 'x' } })).toThrow(
      new ModelDefinitionError("model 'counter': liveness property 'p': goal must be a function (state) => boolean, got the string \"x\""),
    );
    expect(() => counter({ p: { goal: () => true, fair: ['nope'] } })).toThrow(
      new ModelDefinitionError("model 'counter': liveness property 'p': fair: no action is named 'nope'; the actions are 'inc'"),
    );
    expect(() => counter({ p: { goal: () => true, strongFair: 'some' } })).toThrow(/strongFair must be 'all' or a list of action names/);
    expect(() => counter({ p: { goal: () => true, weakFair: [] } })).toThrow(/unknown field 'weakFair'; the fields are goal, from, infinitelyOften, eventuallyAlways, fair, strongFair, stuttering/);
    expect(() => counter([] as never)).toThrow(/liveness must be a record/);
  });

  it('rejects unknown names and bad queries in checkLiveness', () => {
    const m = counter({ reaches: { goal: (s: { n: number }) => s.n === 3 } });
    expect(() => checkLiveness(m, 'reach')).toThrow("checkLiveness: model 'counter' declares no liveness property named 'reach'; it declares 'reaches'");
    expect(() => checkLiveness(job, 'x')).toThrow(/declares no liveness property named 'x' \(it declares none\)/);
    expect(() => checkLiveness(m, { goal: () => true, from: 'reaches' as never })).toThrow(/from must be a function/);
    expect(() => checkLiveness(m, { goal: () => true, fair: ['inc(1)'] })).toThrow(/no action is named 'inc\(1\)'/);
    expect(() => checkLiveness(m, { goal: () => true }, { maxStates: 0 })).toThrow(/checkLiveness: maxStates must be an integer/);
  });
});

describe('errors and budgets', () => {
  it('a goal that throws ends the check with the trace to the state', () => {
    const r = checkLiveness(job, {
      goal: (s) => {
        if (s.done) throw new Error('boom');
        return false;
      },
    });
    expect(r.kind).toBe('error');
    expect(r.errorSource).toEqual({ kind: 'goal' });
    expect(actions(r)).toEqual([null, 'finish']);
    expect(String(r)).toBe('error in goal after 1 step: Error: boom');
  });

  it('a named property whose from returns a non-boolean is named', () => {
    const m = defineModel({
      name: 'm',
      init: 0,
      actions: { stay: { apply: (s: number) => s } },
      liveness: { odd: { from: () => 'yes' as never, goal: () => false } },
    });
    const r = checkLiveness(m, 'odd');
    expect(r.errorSource).toEqual({ kind: 'from', name: 'odd' });
    expect(r.error).toBeInstanceOf(ContractError);
    expect(String(r)).toBe('error after 0 steps: from \'odd\' returned "yes" (a string), not a boolean');
  });

  it('names an action that mutates its input', () => {
    const m = defineModel({
      name: 'mutant',
      init: { xs: [0] },
      actions: {
        push: {
          enabled: (s) => s.xs.length < 3,
          apply: (s) => {
            s.xs.push(1);
            return { xs: [...s.xs] };
          },
        },
      },
    });
    const r = checkLiveness(m, { goal: () => false });
    expect(r.kind).toBe('error');
    expect(r.error).toBeInstanceOf(MutationError);
    expect((r.error as Error).message).toMatch(/^action 'push' mutated its input state/);
    // The trace shows the initial state as written; the model itself was damaged, and the next check says so.
    expect(r.trace[0].state).toEqual({ xs: [0] });
    expect(() => checkLiveness(m, { goal: () => false })).toThrow(/has changed since defineModel/);
  });

  it('gives incomplete when a budget runs out', () => {
    const big = defineModel({ name: 'big', init: { n: 0 }, actions: { inc: { apply: (s) => ({ n: (s.n + 1) % 1000 }) } } });
    const byStates = checkLiveness(big, { goal: () => false }, { maxStates: 100 });
    expect(byStates.kind).toBe('incomplete');
    expect(byStates.budget).toBe('maxStates');
    expect(String(byStates)).toBe('incomplete — maxStates budget of 100 states ran out after 100 states, 99 steps deep');
    const byDepth = checkLiveness(big, { goal: () => false }, { maxDepth: 10 });
    expect(byDepth.budget).toBe('maxDepth');
  });

  it('gives incomplete when the fingerprint collision estimate is too high', () => {
    const weak = { bits: 8, of: (s: unknown, out: Int32Array) => ((out[0] = (s as { n: number }).n), (out[1] = 0)) };
    const m = defineModel({ name: 'm', init: { n: 0 }, actions: { inc: { apply: (s) => ({ n: (s.n + 1) % 50 }) } } });
    const r = runLiveness(compose(m), [{ name: '', goal: () => false }], DEFAULT_OPTIONS, weak);
    expect(r.kind).toBe('incomplete');
    expect(r.budget).toBe('collisionProbability');
  });

  it('gives the same answers with exact: true', () => {
    expect(checkLiveness(readerPreference, 'writer-progress', { exact: true }).trace).toEqual(checkLiveness(readerPreference, 'writer-progress').trace);
    expect(checkLiveness(writerPreference, 'writer-progress', { exact: true }).ok).toBe(true);
  });
});

// Issue 8, item 9: fairness and trace rebuilding told choices apart by their printed label.
describe('choices are told apart by value, not by label', () => {
  /** From 'a': take(x) goes to 'goal', take(y) to 'b'; 'b' goes back to 'a'. */
  const twoChoices = (x: unknown, y: unknown) =>
    defineModel<string>({
      name: 'two-choices',
      init: 'a',
      actions: {
        take: { choices: (s) => (s === 'a' ? [x, y] : []), apply: (_s, c) => (Object.is(c, x) ? 'goal' : 'b') },
        back: { enabled: (s) => s === 'b', apply: () => 'a' },
      },
    });

  it.each([
    [1, '1', 'take(1)', 'take("1")'],
    [[[1, 2]], '1,2', 'take([[1,2]])', 'take("1,2")'],
    [[1], 1, 'take([1])', 'take(1)'],
    [true, 'true', 'take(true)', 'take("true")'],
    // 0 and -0 are two states, so two choices (hostile19b: one fair instance, a lasso that could not be rebuilt).
    [0, -0, 'take(0)', 'take(-0)'],
    [-0, 0, 'take(-0)', 'take(0)'],
  ])('%j and %j are two choices, %s and %s', (x, y, xLabel, yLabel) => {
    const m = twoChoices(x, y);
    const goal = (s: string) => s === 'goal';
    // Only y is strongly fair: the cycle a → b → a takes y each time, so it is fair, and x is never forced.
    const r = checkLiveness(m, { goal, strongFair: [yLabel] });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.action)).toEqual([null, yLabel, 'back']);
    // x strongly fair: enabled at a again and again, so every fair path takes it.
    expect(checkLiveness(m, { goal, strongFair: [xLabel] }).ok).toBe(true);
  });

  it('0 and -0 are two fair actions: a cycle on which each is enabled half the time is fair (hostile19b: a silent pass)', () => {
    // go(0) is enabled only in 0, go(-0) only in 1; flip alternates 0 and 1 for ever and never reaches the goal 3.
    const m = defineModel<number>({
      name: 'flip',
      init: 0,
      actions: {
        go: { choices: (s) => (s === 0 ? [0] : s === 1 ? [-0] : []), apply: () => 3 },
        flip: { enabled: (s) => s < 2, apply: (s) => 1 - s },
        rest: { enabled: (s) => s === 3, apply: () => 3 },
      },
    });
    const r = checkLiveness(m, { goal: (s) => s === 3, fair: ['go'] });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'flip', 'flip']);
  });

  it('one choice whatever the key order: one fair action', () => {
    // In 'a' and in 'b' the same choice arrives with its keys in another order.
    const m = defineModel<string>({
      name: 'key-order',
      init: 'a',
      actions: {
        move: {
          choices: (s) => (s === 'a' ? [{ from: 1, to: 2 }] : s === 'b' ? [{ to: 2, from: 1 }] : []),
          apply: () => 'goal',
        },
        hop: { enabled: (s) => s === 'a' || s === 'b', apply: (s) => (s === 'a' ? 'b' : 'a') },
      },
    });
    // move({from:1,to:2}) is enabled all along the cycle a ↔ b: weak fairness forces it.
    expect(checkLiveness(m, { goal: (s) => s === 'goal', fair: ['move({from:1,to:2})'] }).ok).toBe(true);
    const r = checkLiveness(m, { goal: (s) => s === 'goal', fair: ['hop'] });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'hop', 'hop']);
  });

  it('one choice whatever the key order: its lasso is rebuilt', () => {
    // The choice is first met in 'a' ({ from, to }); the lasso takes it in 'b' ({ to, from }).
    const m = defineModel<string>({
      name: 'key-order-trace',
      init: 'a',
      actions: {
        hop: { enabled: (s) => s === 'a', apply: () => 'b' },
        move: {
          choices: (s) => (s === 'a' ? [{ from: 1, to: 2 }] : s === 'b' ? [{ to: 2, from: 1 }] : []),
          apply: (s) => (s === 'a' ? 'goal' : 'c'),
        },
        rest: { enabled: (s) => s === 'c' || s === 'goal', apply: (s) => s },
      },
    });
    const r = checkLiveness(m, { goal: (s) => s === 'goal', fair: ['hop', 'rest'] });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => [s.action, s.state])).toEqual([
      [null, 'a'],
      ['hop', 'b'],
      ['move({from:1,to:2})', 'c'],
      ['rest', 'c'],
    ]);
  });
});

// Issue 8, item 10: a fairness name that names no choice is a usage error, not an unfair action.
describe('fairness names that name nothing', () => {
  it('a choice label that no reachable state enables is a ModelDefinitionError listing the real ones', () => {
    const m = defineModel<number>({
      name: 'pick',
      init: 0,
      actions: { take: { choices: (s) => (s < 2 ? [s + 1] : []), apply: (_s, c: number) => c } },
    });
    expect(() => checkLiveness(m, { goal: (s) => s === 2, fair: ['take(7)'] })).toThrow(ModelDefinitionError);
    expect(() => checkLiveness(m, { goal: (s) => s === 2, strongFair: ['take( 1)'] })).toThrow(
      "strongFair: no reachable state enables 'take( 1)' (labels must match as traces print them: the enabled ones are take(1), take(2))",
    );
    expect(checkLiveness(m, { goal: (s) => s === 2, fair: ['take(1)', 'take(2)'] }).ok).toBe(true);
  });
});

// Issue 8, item 13: fairness counts only steps that change the state (TLA+'s <<A>>_v).
describe('a self-loop neither takes nor enables a fair action', () => {
  // s ↔ t by `hop`; `poke` loops on s and leads from t to the goal.
  const m = defineModel<string>({
    name: 'poke',
    init: 's',
    actions: {
      hop: { enabled: (x) => x !== 'goal', apply: (x) => (x === 's' ? 't' : 's') },
      poke: { enabled: (x) => x !== 'goal', apply: (x) => (x === 't' ? 'goal' : x) },
    },
  });
  it('strong fairness of poke is not satisfied by poking in place at s', () => {
    // hop is weakly fair, so no path stays at s; poke is enabled (as a real step) at t
    // again and again, and its self-loop at s does not count as taking it.
    expect(checkLiveness(m, { goal: (x) => x === 'goal', fair: ['hop'], strongFair: ['poke'] }).ok).toBe(true);
  });
  it('a path that only pokes in place is fair when nothing fair is enabled there', () => {
    const r = checkLiveness(m, { goal: (x) => x === 'goal', fair: ['hop'] });
    expect(r.kind).toBe('liveness');
  });
});

// Issue 8, item 12: TLA+'s semantics on request; the default is said plainly.
describe('stuttering', () => {
  it('without fairness, lets every path stop: even a model that must move fails', () => {
    const r = checkLiveness(job, { goal: done, fair: ['finish'], stuttering: true });
    expect(r.ok).toBe(true);
    const stop = checkLiveness(job, { goal: done, stuttering: true });
    expect(stop.kind).toBe('liveness');
    expect(stop.ending).toBe('stutter');
    expect(stop.trace.map((s) => s.action)).toEqual([null]);
    expect(stop.fairness).toEqual({ fair: [], strongFair: [], stuttering: true });
    expect(String(stop)).toBe('liveness violated: the goal is never reached — the system may stop after 0 steps, where no fair action is enabled (stuttering)');
  });

  it('is refused when not a boolean, and taken from a declared property', () => {
    expect(() => checkLiveness(job, { goal: done, stuttering: 'yes' as never })).toThrow(/stuttering must be true or false/);
    const declared = defineModel({
      name: 'job',
      init: { done: false },
      actions: { spin: { enabled: (s) => !s.done, apply: (s) => ({ ...s }) }, finish: { enabled: (s) => !s.done, apply: () => ({ done: true }) } },
      liveness: { finishes: { goal: done, stuttering: true, fair: ['finish'] } },
    });
    expect(checkLiveness(declared, 'finishes').ok).toBe(true);
    expect(checkLiveness(declared, { goal: 'finishes', fair: [] }).ending).toBe('stutter');
  });
});
