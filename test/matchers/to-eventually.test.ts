/**
 * toEventually, called as a runner calls it: with a matcher context whose
 * colours print as readable tags (<r>received</r>, <g>expected</g>, <d>dim</d>,
 * <b>bold</b>), so the snapshots show where colour goes.
 */
import { describe, expect, it } from 'vitest';
import '../../src/vitest.js';
import { defineEnvironment, defineModel } from '../../src/index.js';
import { createMatchers } from '../../src/matchers/create-matchers.js';
import type { MatcherContext, MatcherResult } from '../../src/matchers/context.js';
import { toEventually } from '../../src/matchers/to-eventually.js';
import { readerPreference, writerPreference } from '../../docs/examples/readers-writers-liveness.js';

const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`;
const context = (isNot = false): MatcherContext => ({
  isNot,
  utils: { EXPECTED_COLOR: tag('g'), RECEIVED_COLOR: tag('r'), DIM_COLOR: tag('d'), BOLD_WEIGHT: tag('b'), INVERTED_COLOR: tag('i') },
});
const run = (isNot: boolean, received: unknown, goal: unknown, options?: unknown): MatcherResult =>
  options === undefined ? toEventually.call(context(isNot), received, goal) : toEventually.call(context(isNot), received, goal, options);

const done = (s: { done: boolean }) => s.done;

const job = defineModel({
  name: 'job',
  init: { done: false, tries: 0 },
  actions: {
    retry: { enabled: (s) => !s.done, apply: (s) => ({ ...s, tries: (s.tries + 1) % 2 }) },
    finish: { enabled: (s) => !s.done, apply: (s) => ({ ...s, done: true }) },
  },
  terminal: (s) => s.done,
});

describe('toEventually', () => {
  it('fails with the lasso: the cycle marked from where it repeats back to where it starts', () => {
    const r = run(false, job, done);
    expect(r.pass).toBe(false);
    expect(r.message()).toMatchSnapshot();
  });

  it('passes under weak fairness of the action that leaves the cycle', () => {
    expect(run(false, job, done, { fair: ['finish'] }).pass).toBe(true);
    expect(run(false, job, done, { strongFair: 'all' }).pass).toBe(true);
  });

  it('.not: fails when every fair path reaches the goal, naming the fairness', () => {
    const r = run(true, job, done, { fair: ['finish'] });
    expect(r.pass).toBe(true); // the runner turns this into a failure under .not
    expect(r.message()).toMatchSnapshot();
  });

  it('leads-to on a declared property: marks where the goal falls due', () => {
    const r = run(false, readerPreference, 'writer-progress');
    expect(r.pass).toBe(false);
    expect(r.message()).toMatchSnapshot();
    expect(run(false, writerPreference, 'writer-progress').pass).toBe(true);
  });

  it('a path that stops short of the goal: no cycle, the dead end marked', () => {
    const stuck = defineModel({
      name: 'stuck',
      init: { at: 'start' },
      actions: {
        detour: { enabled: (s) => s.at === 'start', apply: () => ({ at: 'ditch' }) },
        arrive: { enabled: (s) => s.at === 'start', apply: () => ({ at: 'goal' }) },
      },
      terminal: () => true,
    });
    const r = run(false, stuck, (s: { at: string }) => s.at === 'goal');
    expect(r.pass).toBe(false);
    expect(r.message()).toMatchSnapshot();
  });

  // A vacuous pass proves nothing: it must not turn a test green without a word.
  it.each([
    ["'from' never holds", { from: () => false }, "'from' never holds in a reachable state, so the goal is never due"],
    ['the goal holds everywhere', {}, 'the goal holds in every reachable state'],
  ])('fails a vacuous check, with or without .not: %s', (_name, options, why) => {
    const goal = 'from' in options ? done : () => true;
    for (const isNot of [false, true]) {
      const r = run(isNot, job, goal, options);
      expect(r.pass).toBe(isNot);
      expect(r.message()).toContain(`<r>✗ the liveness check is vacuous: ${why}.</r>`);
      expect(r.message()).toContain('pass { allowVacuous: true } if this is what you mean');
    }
  });

  // Found by review: a goal that is never awaited (from implies it; it holds at the start) is vacuous too.
  it.each([
    ["'from' implies the goal", { from: (s: { done: boolean }) => s.done }, "the goal holds wherever 'from' does, so it is never awaited"],
    ['the goal holds in every initial state', {}, 'the goal holds in every initial state, so it is never awaited'],
  ])('fails a check whose goal is never awaited: %s', (_name, options, why) => {
    const goal = 'from' in options ? done : (s: { done: boolean }) => !s.done;
    for (const isNot of [false, true]) {
      const r = run(isNot, job, goal, options);
      expect(r.pass).toBe(isNot);
      expect(r.message()).toContain(`<r>✗ the liveness check is vacuous: ${why}.</r>`);
    }
  });

  it('passes a vacuous check with allowVacuous, and still prints the warning', () => {
    const r = run(false, job, done, { from: () => false, allowVacuous: true });
    expect(r.pass).toBe(true);
    expect(r.message()).toContain("<d>Warning: the liveness check is vacuous: 'from' never holds in a reachable state, so the goal is never due.</d>");
    expect(() => run(false, job, done, { allowVacuous: 'yes' } as never)).toThrow(/allowVacuous.*must be true or false/);
  });

  it('fails with or without .not when the search cannot finish or the goal throws', () => {
    const big = defineModel({ name: 'big', init: { n: 0 }, actions: { inc: { apply: (s) => ({ n: (s.n + 1) % 100 }) } } });
    const zero = (s: { n: number }) => s.n === 0;
    for (const isNot of [false, true]) {
      const cut = run(isNot, big, zero, { maxStates: 10 });
      expect(cut.pass).toBe(isNot);
      expect(cut.message()).toContain('the search did not finish: maxStates budget of 10 states ran out');
    }
    const r = run(true, big, () => {
      throw new Error('boom');
    });
    expect(r.pass).toBe(true);
    expect(r.message()).toContain('<r>The goal threw after 0 steps</r>');
    expect(r.message()).toContain('Error: boom');
  });

  it('in diff mode (Vitest), prints the step that closes the cycle in the message, and hands the runner no state diff', () => {
    const r = createMatchers({ renderMode: 'diff' }).toEventually.call(context(), job, done);
    expect(r).not.toHaveProperty('actual');
    expect(r.message()).toContain('+ tries: 0');
    expect(r.message()).toContain('<r>↻ back to step 0</r>');
    expect(r.message()).toBe(createMatchers().toEventually.call(context(), job, done).message());
  });

  it('rejects bad arguments with a usage error, under .not too', () => {
    expect(() => run(false, job, 42)).toThrow(/Matcher error<\/b>: <g>goal<\/g> must be a predicate \(state\) => boolean, the name of a liveness property of the model/);
    expect(() => run(true, job, 'progress')).toThrow(/model 'job' declares no liveness property named 'progress' \(it declares none\)/);
    expect(() => run(false, job, done, { deadlock: false })).toThrow(/toEventually does not take the deadlock option/);
    expect(() => run(false, job, done, { fair: ['nope'] })).toThrow(/fair: no action is named 'nope'; the actions are 'retry', 'finish'/);
    expect(() => run(false, job, done, { maxStates: -1 })).toThrow(/maxStates must be an integer/);
    expect(() => run(false, { not: 'a model' }, done)).toThrow(/value must be a model from defineModel\(\)/);
  });
});

/** A pod that starts and serves; the environment may evict it (at most `max` times). */
interface Pod {
  status: 'starting' | 'healthy';
  restarts: number;
}
const pod = defineModel<Pod>({
  name: 'pod',
  init: { status: 'starting', restarts: 0 },
  actions: {
    start: { enabled: (s) => s.status === 'starting', apply: (s) => ({ ...s, status: 'healthy' }) },
    serve: { enabled: (s) => s.status === 'healthy', apply: (s) => s },
  },
});
const k8s = (max: number) =>
  defineEnvironment<Pod>({
    name: 'k8s',
    behaviors: {
      'evict-pod': { enabled: (s) => s.status === 'healthy' && s.restarts < max, apply: (s) => ({ status: 'starting', restarts: s.restarts + 1 }) },
    },
    assumptions: { 'node-capacity': { description: 'A node is free to reschedule the pod', source: 'Kubernetes docs: Pod Lifecycle' } },
  });
const healthy = (s: Pod) => s.status === 'healthy';

describe('toEventually under environments and in the forms □◇P and ◇□P', () => {
  it('passes under a bounded environment, and the .not message lists the residual assumptions', () => {
    const r = run(true, pod, healthy, { fair: ['start'], environments: [k8s(2)] });
    expect(r.pass).toBe(true);
    expect(r.message()).toMatchSnapshot();
  });

  it('fails with the environment steps marked: an evictor that never stops keeps the pod from settling', () => {
    const evictor = defineEnvironment<Pod>({
      name: 'k8s',
      behaviors: { 'evict-pod': { enabled: healthy, apply: (s) => ({ ...s, status: 'starting' }) } },
      assumptions: { 'node-capacity': { description: 'A node is free to reschedule the pod', source: 'Kubernetes docs: Pod Lifecycle' } },
    });
    const r = run(false, pod, { eventuallyAlways: healthy }, { fair: ['start'], environments: evictor });
    expect(r.pass).toBe(false);
    expect(r.message()).toMatchSnapshot();
  });

  it('□◇P: marks where the predicate holds for the last time', () => {
    const server = defineModel({
      name: 'server',
      init: { mode: 'idle' as 'idle' | 'busy' | 'broken' },
      actions: {
        take: { enabled: (s) => s.mode === 'idle', apply: () => ({ mode: 'busy' as const }) },
        finish: { enabled: (s) => s.mode === 'busy', apply: () => ({ mode: 'idle' as const }) },
        crash: { enabled: (s) => s.mode === 'busy', apply: () => ({ mode: 'broken' as const }) },
        wait: { enabled: (s) => s.mode === 'broken', apply: (s) => s },
      },
    });
    const r = run(false, server, { infinitelyOften: (s: { mode: string }) => s.mode === 'idle' }, { fair: 'all' });
    expect(r.pass).toBe(false);
    expect(r.message()).toMatchSnapshot();
  });

  it('◇□P: marks the states of the cycle where the predicate fails; .not says it settles', () => {
    const counter = (bounce: boolean) =>
      defineModel({
        name: 'counter',
        init: { n: 3 },
        actions: {
          down: { enabled: (s) => s.n > 0, apply: (s) => ({ n: s.n - 1 }) },
          up: { enabled: (s) => bounce && s.n === 1, apply: () => ({ n: 2 }) },
          rest: { enabled: (s) => s.n === 0, apply: (s) => s },
        },
      });
    const settles = { eventuallyAlways: (s: { n: number }) => s.n === 0 };
    const r = run(false, counter(true), settles, { fair: [['down', 'up']] });
    expect(r.pass).toBe(false);
    expect(r.message()).toMatchSnapshot();
    const held = run(true, counter(false), settles);
    expect(held.pass).toBe(true);
    expect(held.message()).toContain('Expected some path on which (s) => s.n === 0 never holds for good, but every path settles where it holds (4 reachable states).');
  });

  it('refuses a goal of another shape, and an environment that is not one', () => {
    expect(() => run(false, pod, { infinitelyOften: true })).toThrow(
      /goal<\/g> must be a predicate \(state\) => boolean, the name of a liveness property of the model, \{ infinitelyOften: predicate \} or \{ eventuallyAlways: predicate \}/,
    );
    expect(() => run(false, pod, healthy, { environments: [{ name: 'k8s' }] })).toThrow(/environments\[0\]<\/g> must be an environment from defineEnvironment\(\)/);
    expect(() => run(false, pod, healthy, { fair: ['k8s:evict-pod'], environments: [k8s(1)] })).toThrow(/'k8s:evict-pod' is a behavior of environment 'k8s'; an environment is adversarial and never assumed fair/);
  });
});

describe('toEventually registered by kripke/vitest', () => {
  it('passes and fails as the runner sees it', () => {
    expect(job).toEventually(done, { fair: ['finish'] });
    expect(job).not.toEventually(done);
    expect(readerPreference).not.toEventually('writer-progress');
    expect(writerPreference).toEventually('writer-progress');
    expect(() => expect(job).toEventually(done)).toThrow(/a cycle of 2 steps repeats forever without it/);
    expect(() => expect(writerPreference).not.toEventually('writer-progress')).toThrow(
      /Expected some path on which \(s\) => s.writing \(liveness "writer-progress"\) never follows/,
    );
  });

  it('is typed by the model: goal and from take its state, options its budgets and fairness', () => {
    // Type checks only (tsc -p tsconfig.test.json); never run.
    const typed = () => {
      expect(job).toEventually((s) => s.done && s.tries >= 0, { from: (s) => !s.done, fair: ['finish'], strongFair: 'all', maxStates: 10 });
      // @ts-expect-error the state has no field `nope`
      expect(job).toEventually((s) => s.nope);
      // @ts-expect-error fairness is a list of names or 'all'
      expect(job).toEventually(done, { fair: 'some' });
      // @ts-expect-error only models have toEventually
      expect(42).toEventually(() => true);
      expect(job).toEventually({ infinitelyOften: (s) => !s.done }, { fair: [['retry', 'finish']] });
      expect(job).toEventually({ eventuallyAlways: (s) => s.done }, { strongFair: ['finish', ['retry']] });
      // @ts-expect-error a group names the model's actions too
      expect(job).toEventually(done, { fair: [['retry', 'nope']] });
      // @ts-expect-error infinitelyOften takes a predicate on the state
      expect(job).toEventually({ infinitelyOften: (s) => s.nope });
    };
    expect(typeof typed).toBe('function');
  });
});
