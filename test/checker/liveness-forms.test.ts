/**
 * Liveness beyond ◇goal: under environments (adversarial, never fair), with
 * fairness over a group of actions (TLA+'s WF_vars(A ∨ B), and a whole
 * parameterised action as one), and the two forms that speak of every state:
 * □◇P (infinitelyOften) and ◇□P (eventuallyAlways). Each answer here is known
 * by hand; the random oracle (liveness-oracle.test.ts) covers the rest.
 */
import { describe, expect, it } from 'vitest';
import { check, checkLiveness, defineEnvironment, defineModel } from '../../src/index.js';

interface Pod {
  status: 'starting' | 'healthy';
  restarts: number;
}

/** A pod that starts and then serves (a step that changes nothing). */
const pod = defineModel<Pod>({
  name: 'pod',
  init: { status: 'starting', restarts: 0 },
  actions: {
    start: { enabled: (s) => s.status === 'starting', apply: (s) => ({ ...s, status: 'healthy' }) },
    serve: { enabled: (s) => s.status === 'healthy', apply: (s) => s },
  },
});

/** Evicts a healthy pod, at most `max` times (unbounded without `max`). */
const evictions = (max = Infinity) =>
  defineEnvironment<Pod>({
    name: 'k8s',
    behaviors: {
      'evict-pod': {
        enabled: (s) => s.status === 'healthy' && s.restarts < max,
        apply: (s) => ({ status: 'starting', restarts: Math.min(s.restarts + 1, 3) }),
      },
    },
    assumptions: {
      'node-capacity': { description: 'A node is free to reschedule the pod', source: 'Kubernetes docs: Pod Lifecycle' },
      'kubelet-verified': { description: 'The kubelet restarts the container', status: 'verified' },
    },
  });

const healthy = (s: Pod) => s.status === 'healthy';

describe('checkLiveness under environments', () => {
  it('passes when the environment can only interrupt finitely often, and lists the residual assumptions', () => {
    const r = checkLiveness(pod, { goal: healthy, fair: ['start'], environments: [evictions(2)] });
    expect(r.kind).toBe('ok');
    // restarts 0..2, each starting and healthy.
    expect(r.stats.states).toBe(6);
    expect(r.assumptions?.map((a) => `${a.environment}/${a.name}/${a.status}`)).toEqual(['k8s/node-capacity/unverified', 'k8s/kubelet-verified/verified']);
    expect(r.unverifiedAssumptions?.map((a) => a.name)).toEqual(['node-capacity']);
    expect(String(r)).toBe('OK — 6 states, no violations; 1 unverified assumption');
  });

  it('takes one environment or a list, and says nothing of assumptions without environments', () => {
    expect(checkLiveness(pod, { goal: healthy, fair: ['start'], environments: evictions(1) }).stats.states).toBe(4);
    const closed = checkLiveness(pod, { goal: healthy, fair: ['start'] });
    expect(closed.assumptions).toBeUndefined();
    expect(String(closed)).toBe('OK — 2 states, no violations');
  });

  it('fails with a lasso whose steps say which the environment took', () => {
    const r = checkLiveness(pod, { infinitelyOften: healthy, fair: ['start'], environments: evictions() });
    expect(r.kind).toBe('ok');
    const settle = checkLiveness(pod, { eventuallyAlways: healthy, fair: ['start'], environments: evictions() });
    expect(settle.kind).toBe('liveness');
    // The restart counter stops at 3, so the cycle is the one at 3 restarts: evicted and started again forever.
    expect(settle.trace.map((s) => s.action)).toEqual([null, ...Array(4).fill(['start', 'k8s:evict-pod']).flat()]);
    expect(settle.trace.map((s) => s.environment)).toEqual([undefined, ...Array(4).fill([undefined, 'k8s']).flat()]);
    expect(settle.trace.map((s) => s.state.restarts)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3]);
    expect(settle.loopsTo).toBe(6);
    expect(String(settle)).toBe(
      'liveness violated: the predicate never holds for good (the cycle passes a state where it fails) — after 6 steps, a cycle of 2 steps repeats forever; 1 unverified assumption',
    );
  });

  it("never assumes an environment fair: 'all' means the model's actions, and naming a behavior is an error", () => {
    // Only the environment restarts the pod: a fair 'all' must not make it happen.
    const restarted = (s: Pod) => s.restarts > 0;
    const r = checkLiveness(pod, { goal: restarted, fair: 'all', strongFair: 'all', environments: evictions(1) });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'start', 'serve']);
    expect(r.ending).toBe('cycle');
    expect(() => checkLiveness(pod, { goal: restarted, fair: ['k8s:evict-pod'], environments: evictions(1) })).toThrow(
      "checkLiveness: fair: 'k8s:evict-pod' is a behavior of environment 'k8s'; an environment is adversarial and never assumed fair (only the model's actions can be)",
    );
    expect(() => checkLiveness(pod, { goal: restarted, strongFair: [['start', 'k8s:evict-pod']], environments: evictions(1) })).toThrow(
      "strongFair: 'k8s:evict-pod' is a behavior of environment 'k8s'",
    );
    // Named without its prefix, it is said to be the environment's too; and the list of actions offers no behavior (hostile19c: it offered 'k8s:evict-pod').
    expect(() => checkLiveness(pod, { goal: restarted, fair: ['evict-pod'], environments: evictions(1) })).toThrow("fair: 'evict-pod' is a behavior of environment 'k8s'");
    expect(() => checkLiveness(pod, { goal: restarted, fair: ['evict'], environments: evictions(1) })).toThrow(/fair: no action is named 'evict'; the actions are 'start', 'serve'[^:]*$/);
  });

  it('never obliges the environment to act: where only it is enabled, the path may stop', () => {
    // The model is stuck until the environment kicks it; the kick may never come.
    const stuck = defineModel({
      name: 'stuck',
      init: { st: 'stuck' as 'stuck' | 'restarted' | 'healthy' },
      actions: { start: { enabled: (s) => s.st === 'restarted', apply: (s) => ({ ...s, st: 'healthy' as const }) } },
    });
    const kick = defineEnvironment<{ st: 'stuck' | 'restarted' | 'healthy' }>({
      name: 'k8s',
      behaviors: { evict: { enabled: (s) => s.st === 'stuck', apply: (s) => ({ ...s, st: 'restarted' as const }) } },
    });
    const r = checkLiveness(stuck, { goal: (s) => s.st === 'healthy', fair: 'all', environments: kick });
    expect(r.kind).toBe('liveness');
    expect(r.ending).toBe('dead-end');
    expect(r.environmentMayAct).toBe(true);
    expect(r.trace.map((s) => s.action)).toEqual([null]);
    expect(String(r)).toBe(
      'liveness violated: the goal is never reached — the path stops after 0 steps with no action of the model enabled (an environment need not act); 0 unverified assumptions',
    );
    // Where the model itself may go on, it must (no stuttering): the pod below is started, so this passes.
    expect(checkLiveness(pod, { goal: healthy, fair: ['start'], environments: evictions(1) }).kind).toBe('ok');
  });

  it('refuses what is not an environment, naming it', () => {
    expect(() => checkLiveness(pod, { goal: healthy, environments: [{ name: 'k8s' }] as never })).toThrow(/checkLiveness: environment 0 is not an environment/);
  });
});

describe('fairness over a group of actions', () => {
  /** Phase a enables only send, phase b only retry; flip moves between them. Either delivers. */
  const link = defineModel({
    name: 'link',
    init: { phase: 'a' as 'a' | 'b', delivered: false },
    actions: {
      send: { enabled: (s) => s.phase === 'a' && !s.delivered, apply: (s) => ({ ...s, delivered: true }) },
      retry: { enabled: (s) => s.phase === 'b' && !s.delivered, apply: (s) => ({ ...s, delivered: true }) },
      flip: { enabled: (s) => !s.delivered, apply: (s) => ({ ...s, phase: s.phase === 'a' ? ('b' as const) : ('a' as const) }) },
    },
    terminal: (s) => s.delivered,
  });
  const delivered = (s: { delivered: boolean }) => s.delivered;

  it('WF(send ∨ retry) forces delivery where WF(send) and WF(retry) apart do not', () => {
    const apart = checkLiveness(link, { goal: delivered, fair: ['send', 'retry'] });
    expect(apart.kind).toBe('liveness');
    expect(apart.trace.map((s) => s.action)).toEqual([null, 'flip', 'flip']);
    expect(apart.loopsTo).toBe(0);
    expect(checkLiveness(link, { goal: delivered, fair: [['send', 'retry']] }).kind).toBe('ok');
    expect(checkLiveness(link, { goal: delivered, fair: [['send', 'retry'], 'flip'] }).kind).toBe('ok');
  });

  /** A choice between finishing and toggling: WF of each choice finishes, WF of the whole action may toggle forever. */
  const chooser = defineModel({
    name: 'chooser',
    init: { x: 0, done: false },
    actions: {
      step: {
        choices: () => ['toggle', 'finish'] as const,
        enabled: (s) => !s.done,
        apply: (s, c) => (c === 'finish' ? { ...s, done: true } : { ...s, x: 1 - s.x }),
      },
    },
    terminal: (s) => s.done,
  });

  it('a whole parameterised action is fair as one with [[name]]; each choice apart with [name]', () => {
    expect(checkLiveness(chooser, { goal: (s) => s.done, fair: ['step'] }).kind).toBe('ok');
    const whole = checkLiveness(chooser, { goal: (s) => s.done, fair: [['step']] });
    expect(whole.kind).toBe('liveness');
    expect(whole.trace.map((s) => s.action)).toEqual([null, 'step(toggle)', 'step(toggle)']);
    expect(whole.fairness).toEqual({ fair: [['step']], strongFair: [], stuttering: false });
  });

  it('refuses an empty group and a group naming nothing', () => {
    expect(() => checkLiveness(link, { goal: delivered, fair: [[]] as never })).toThrow("checkLiveness: fair: a group of actions must name at least one, got []");
    expect(() => checkLiveness(link, { goal: delivered, fair: [['send', 'resend']] })).toThrow("checkLiveness: fair: no action is named 'resend'; the actions are 'send', 'retry', 'flip'");
  });
});

describe('□◇P (infinitelyOften) and ◇□P (eventuallyAlways)', () => {
  /** A server that may break for good (broken loops on itself through `wait`). */
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
  const idle = (s: { mode: string }) => s.mode === 'idle';

  it('□◇idle breaks once the server can crash: idle never holds again from the crash on', () => {
    const r = checkLiveness(server, { infinitelyOften: idle, fair: 'all' });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'take', 'crash', 'wait']);
    expect(r.loopsTo).toBe(2);
    expect(r.dueAt).toBe(1);
    expect(r.form).toBe('infinitelyOften');
    expect(String(r)).toBe('liveness violated: the predicate holds only finitely often (never again from step 1) — after 2 steps, a cycle of 1 step repeats forever');
  });

  it('□◇idle holds without the crash, though ◇idle is not enough to tell them apart', () => {
    const steady = defineModel({ name: 'steady', init: { mode: 'idle' }, actions: {
      take: { enabled: (s) => s.mode === 'idle', apply: () => ({ mode: 'busy' }) },
      finish: { enabled: (s) => s.mode === 'busy', apply: () => ({ mode: 'idle' }) },
    } });
    expect(checkLiveness(steady, { infinitelyOften: idle }).kind).toBe('ok');
    // ◇idle holds on both: the initial state is idle (a vacuous pass, with its warning).
    expect(checkLiveness(server, { goal: idle }).warnings).toEqual(['the liveness check is vacuous: the goal holds in every initial state, so it is never awaited']);
  });

  /** A counter that converges to 0, unless it may bounce between 1 and 2 forever. */
  const counter = (bounce: boolean) =>
    defineModel({
      name: 'counter',
      init: { n: 3 },
      actions: {
        down: { enabled: (s) => s.n > 0, apply: (s) => ({ n: s.n - 1 }) },
        ...(bounce ? { up: { enabled: (s: { n: number }) => s.n === 1, apply: () => ({ n: 2 }) } } : {}),
        rest: { enabled: (s) => s.n === 0, apply: (s) => s },
      },
    });
  const zero = (s: { n: number }) => s.n === 0;

  it('◇□(n = 0) holds when the counter converges, and breaks with the bouncing cycle when it may not', () => {
    expect(checkLiveness(counter(false), { eventuallyAlways: zero }).kind).toBe('ok');
    const r = checkLiveness(counter(true), { eventuallyAlways: zero });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.state.n)).toEqual([3, 2, 1, 2]);
    expect(r.loopsTo).toBe(1);
    // Weak fairness of down does not help: it is enabled at 1 and 2 and taken on the cycle.
    expect(checkLiveness(counter(true), { eventuallyAlways: zero, fair: ['down'] }).kind).toBe('liveness');
    // ◇(n = 0) is weaker: the counter may reach 0 and still ◇□ fails only if it leaves again.
    expect(checkLiveness(counter(true), { goal: zero, fair: ['down'] }).kind).toBe('liveness');
  });

  it('◇□P differs from □◇P: a path through P again and again need not settle', () => {
    const blink = defineModel({ name: 'blink', init: { on: true }, actions: { toggle: { apply: (s) => ({ on: !s.on }) } } });
    const on = (s: { on: boolean }) => s.on;
    expect(checkLiveness(blink, { infinitelyOften: on }).kind).toBe('ok');
    const r = checkLiveness(blink, { eventuallyAlways: on });
    expect(r.kind).toBe('liveness');
    expect(r.trace.map((s) => s.state.on)).toEqual([true, false, true]);
  });

  it('◇□P on a path that stops: broken only where it stops with P false', () => {
    const stops = (end: number) => defineModel({ name: 'stops', init: { n: 0 }, actions: { go: { enabled: (s) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) } } , terminal: (s) => s.n === end });
    expect(checkLiveness(stops(2), { eventuallyAlways: (s) => s.n === 2 }).kind).toBe('ok');
    const r = checkLiveness(stops(2), { eventuallyAlways: (s) => s.n === 1 });
    expect(r.kind).toBe('liveness');
    expect(r.ending).toBe('dead-end');
    expect(r.trace.map((s) => s.state.n)).toEqual([0, 1, 2]);
  });

  it('declared on the model, checked by check() after the invariants and by name', () => {
    const named = defineModel({
      name: 'server',
      init: { mode: 'idle' as 'idle' | 'busy' | 'broken' },
      actions: {
        take: { enabled: (s) => s.mode === 'idle', apply: () => ({ mode: 'busy' as const }) },
        finish: { enabled: (s) => s.mode === 'busy', apply: () => ({ mode: 'idle' as const }) },
        crash: { enabled: (s) => s.mode === 'busy', apply: () => ({ mode: 'broken' as const }) },
        wait: { enabled: (s) => s.mode === 'broken', apply: (s) => s },
      },
      liveness: { 'keeps-serving': { infinitelyOften: idle, fair: 'all' } },
    });
    const r = check(named);
    expect(r.kind).toBe('liveness');
    expect(r.liveness).toBe('keeps-serving');
    expect(String(r)).toBe(
      "liveness 'keeps-serving' violated: the predicate holds only finitely often (never again from step 1) — after 2 steps, a cycle of 1 step repeats forever",
    );
    expect(checkLiveness(named, 'keeps-serving').trace).toHaveLength(4);
    expect(() => checkLiveness(named, { goal: 'keeps-serving', from: idle })).toThrow("liveness 'keeps-serving' is infinitelyOften (□◇P); from goes with goal only");
    expect(() => checkLiveness(named, { goal: 'keeps-serving', eventuallyAlways: idle } as never)).toThrow(
      "checkLiveness: goal names liveness 'keeps-serving', and eventuallyAlways gives a predicate too; give one of them",
    );
  });

  it('refuses two forms at once, none, and from beside a form', () => {
    expect(() => checkLiveness(server, { goal: idle, infinitelyOften: idle } as never)).toThrow(
      'checkLiveness gives goal and infinitelyOften; give exactly one of goal, infinitelyOften, eventuallyAlways',
    );
    expect(() => checkLiveness(server, { fair: 'all' } as never)).toThrow('checkLiveness needs one of goal (◇goal), infinitelyOften (□◇P) or eventuallyAlways (◇□P)');
    expect(() => checkLiveness(server, { eventuallyAlways: idle, from: idle } as never)).toThrow(
      'checkLiveness: from goes with goal only (from ⤳ goal); eventuallyAlways already speaks of every state',
    );
    expect(() => checkLiveness(server, { infinitelyOften: 'idle' } as never)).toThrow('checkLiveness: infinitelyOften must be a function (state) => boolean');
  });
});

describe('the store a liveness check keeps', () => {
  it('honours fingerprintBits: 128, which the collision budget names (it was the 64-bit store whatever the option)', () => {
    const ring = defineModel({ name: 'ring', init: { n: 0 }, actions: { next: { apply: (s) => ({ n: (s.n + 1) % 50 }) } } });
    const strict = { maxCollisionProbability: 1e-30 };
    const narrow = checkLiveness(ring, { infinitelyOften: (s) => s.n === 0 }, strict);
    expect(narrow.kind).toBe('incomplete');
    expect(String(narrow)).toContain('fingerprintBits: 128');
    const wide = checkLiveness(ring, { infinitelyOften: (s) => s.n === 0 }, { ...strict, fingerprintBits: 128 });
    expect(wide.kind).toBe('ok');
    expect(wide.stats.states).toBe(50);
  });
});
