import { describe, expect, it } from 'vitest';
import { action, check, defineEnvironment, defineModel, isModel, ModelDefinitionError, type Model } from '../../src/index.js';

type Counter = { n: number };

const inc = { enabled: (s: Counter) => s.n < 2, apply: (s: Counter) => ({ n: s.n + 1 }) };

describe('defineModel', () => {
  it('accepts actions as a record and as a list of action(...), with the same result', () => {
    const asRecord = defineModel<Counter>({ init: { n: 0 }, actions: { inc }, terminal: (s) => s.n === 2 });
    const asList = defineModel<Counter>({
      init: { n: 0 },
      actions: [action('inc', inc.enabled, inc.apply)],
      terminal: (s) => s.n === 2,
    });
    for (const m of [asRecord, asList]) {
      const r = check(m);
      expect(r.ok).toBe(true);
      expect([r.stats.states, r.stats.transitions, r.stats.depth]).toEqual([3, 2, 2]);
      expect(r.coverage).toEqual([{ action: 'inc', enabled: 2, newStates: 2 }]);
    }
  });

  it('treats an action without enabled as always enabled', () => {
    const m = defineModel<Counter>({ init: { n: 0 }, actions: { toggle: { apply: (s) => ({ n: 1 - s.n }) } } });
    const r = check(m);
    expect(r.ok).toBe(true);
    expect(r.coverage[0].enabled).toBe(2);
  });

  it('labels choices in traces: deliver(m1), move(0,2), objects and other values', () => {
    type Net = { inbox: string[]; got: string[] };
    const mail = defineModel<Net>({
      init: { inbox: ['m1', 'm2'], got: [] },
      actions: {
        deliver: {
          choices: (s) => s.inbox,
          apply: (s, m: string) => ({ inbox: s.inbox.filter((x) => x !== m), got: [...s.got, m] }),
        },
      },
      invariants: { 'm2-never-first': (s) => s.got[0] !== 'm2' },
      terminal: (s) => s.inbox.length === 0,
    });
    const r = check(mail);
    expect(r.kind).toBe('invariant');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'deliver(m2)']);


    // One action with one choice whose successor breaks the invariant: the trace's step 1 shows the label.
    const labelOf = (choice: unknown) =>
      check(
        defineModel<number>({
          init: 0,
          actions: { move: { choices: () => [choice], apply: () => 1 } },
          invariants: { 'stays-0': (s) => s === 0 },
        }),
      ).trace[1].action;
    expect(labelOf([0, 2])).toBe('move(0,2)');
    expect(labelOf('m1')).toBe('move(m1)');
    expect(labelOf(3)).toBe('move(3)');
    expect(labelOf({ to: 1, body: [1, 2] })).toBe('move({body:[1,2],to:1})');
    expect(labelOf(5n)).toBe('move(5n)');
    expect(labelOf(null)).toBe('move(null)');
  });

  it('lets a guard depend on the choice', () => {
    const m = defineModel<number>({
      init: 0,
      actions: { add: { choices: () => [1, 2, 3], enabled: (s, c: number) => s + c <= 4, apply: (s, c: number) => s + c } },
      terminal: (s) => s === 4,
    });
    const r = check(m);
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(5); // 0..4
    // Enabled pairs (s, c) with s + c <= 4: s=0:3, s=1:3, s=2:2, s=3:1, s=4:0.
    expect(r.coverage[0].enabled).toBe(9);
  });

  it('explores from several initial states, each a possible step 0', () => {
    const m = defineModel<Counter>({
      initStates: [{ n: 0 }, { n: 10 }],
      actions: { inc: { enabled: (s) => s.n % 10 < 2, apply: (s) => ({ n: s.n + 1 }) } },
      invariants: { 'not-12': (s) => s.n !== 12 },
      terminal: (s) => s.n % 10 === 2,
    });
    const r = check(m);
    expect(r.kind).toBe('invariant');
    expect(r.trace.map((s) => s.state.n)).toEqual([10, 11, 12]);
    expect(r.trace[0].action).toBeNull();
  });

  it('counts duplicate initial states once', () => {
    const m = defineModel<Counter>({ initStates: [{ n: 0 }, { n: 0 }], actions: { stay: { apply: (s) => s } } });
    expect(check(m).stats.states).toBe(1);
  });

  it('accepts a terminal state with no enabled action, and reports the same state without terminal as a deadlock', () => {
    const spec = { init: { n: 0 }, actions: { inc } };
    const r = check(defineModel<Counter>({ ...spec, terminal: (s) => s.n === 2 }));
    expect(r.ok).toBe(true);
    const d = check(defineModel<Counter>(spec));
    expect(d.kind).toBe('deadlock');
    expect(d.trace.map((s) => s.state.n)).toEqual([0, 1, 2]);
    expect(String(d)).toBe('deadlock after 2 steps: no action is enabled and the state is not terminal');
  });

  it('checks deadlock by default and not with deadlock: false', () => {
    const m = defineModel<Counter>({ init: { n: 0 }, actions: { inc } });
    expect(check(m).kind).toBe('deadlock');
    const r = check(m, { deadlock: false });
    expect(r.ok).toBe(true);
    expect(r.stats.states).toBe(3);
  });

  it('calls terminal only when a state has no enabled action', () => {
    const seen: number[] = [];
    const m = defineModel<Counter>({
      init: { n: 0 },
      actions: { inc },
      terminal: (s) => {
        seen.push(s.n);
        return true;
      },
    });
    check(m);
    expect(seen).toEqual([2]);
  });

  it('checks invariants on initial states too', () => {
    const m = defineModel<Counter>({ init: { n: 5 }, actions: { inc }, invariants: { small: (s) => s.n < 3 } });
    const r = check(m);
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('small');
    expect(r.trace).toEqual([{ action: null, state: { n: 5 } }]);
    expect(String(r)).toBe("invariant 'small' violated after 0 steps");
  });

  it('reports the first invariant in declaration order when several break in the same state', () => {
    const m = defineModel<Counter>({
      init: { n: 0 },
      actions: { inc },
      invariants: { a: (s) => s.n < 1, b: (s) => s.n < 1 },
    });
    expect(check(m).invariant).toBe('a');
  });

  it('gives the model a default name, keeps a given one, and is recognised by isModel', () => {
    const m = defineModel<Counter>({ init: { n: 0 }, actions: { inc } });
    expect(m.name).toBe('model');
    expect(defineModel<Counter>({ name: 'c', init: { n: 0 }, actions: { inc } }).name).toBe('c');
    expect(isModel(m)).toBe(true);
    expect(isModel({ kind: 'something' })).toBe(false);
  });

  it('accepts primitive states, including 0 and null as init', () => {
    expect(check(defineModel<number>({ init: 0, actions: { flip: { apply: (s) => 1 - s } } })).stats.states).toBe(2);
    expect(check(defineModel<null>({ init: null, actions: { stay: { apply: () => null } } })).stats.states).toBe(1);
  });

  it('can be checked twice with the same answer (a model is reusable)', () => {
    const m: Model<Counter> = defineModel<Counter>({ init: { n: 0 }, actions: { inc }, terminal: (s) => s.n === 2 });
    expect(String(check(m))).toBe(String(check(m)));
  });
});

describe('defineModel rejects a definition that cannot be checked', () => {
  const apply = (s: Counter) => s;
  const cases: [string, () => unknown, RegExp][] = [
    ['no init', () => defineModel({ actions: { a: { apply } } } as never), /has no initial state: give init \(one state\) or initStates/],
    ['init and initStates', () => defineModel<Counter>({ init: { n: 0 }, initStates: [{ n: 1 }], actions: { a: { apply } } }), /either init or initStates, not both/],
    ['empty initStates', () => defineModel<Counter>({ initStates: [], actions: { a: { apply } } }), /initStates must be a non-empty array/],
    ['init with a function', () => defineModel({ init: { f: () => 1 }, actions: { a: { apply: (s: unknown) => s } } }), /init\.f is a function; states must be plain data/],
    ['init with a class instance', () => defineModel({ init: { at: new URL('http://x') }, actions: { a: { apply: (s: unknown) => s } } }), /init\.at is an instance of URL, not plain data/],
    ['initStates with a symbol', () => defineModel({ initStates: [{ a: 1 }, { a: Symbol('x') }], actions: { a: { apply: (s: unknown) => s } } }), /initStates\[1\]\.a is a symbol/],
    ['a cyclic init', () => { const o: { self?: unknown } = {}; o.self = o; return defineModel({ init: o, actions: { a: { apply: (s: unknown) => s } } }); }, /init\.self is a cycle/],
    ['no actions', () => defineModel<Counter>({ init: { n: 0 }, actions: {} }), /has no actions/],
    ['actions not a record or list', () => defineModel<Counter>({ init: { n: 0 }, actions: 3 as never }), /actions must be a record .* or a list of action/],
    ['an action without apply', () => defineModel<Counter>({ init: { n: 0 }, actions: { a: {} as never } }), /action 'a' has no apply function/],
    ['an enabled that is not a function', () => defineModel<Counter>({ init: { n: 0 }, actions: { a: { enabled: true as never, apply } } }), /action 'a': enabled must be a function/],
    ['choices that is not a function', () => defineModel<Counter>({ init: { n: 0 }, actions: { a: { choices: [1] as never, apply } } }), /action 'a': choices must be a function/],
    ['duplicate action names in a list', () => defineModel<Counter>({ init: { n: 0 }, actions: [action('a', () => true, apply), action('a', () => true, apply)] }), /two actions are named 'a'; names must be unique/],
    [
      'an action named like a choice of another',
      () => defineModel<Counter>({ init: { n: 0 }, actions: { go: { choices: () => [1, 2], apply: (s: Counter) => s }, 'go(1)': { apply } } }),
      /action 'go\(1\)' is named like a choice of action 'go', whose steps read 'go\(choice\)'; rename one of them/,
    ],
    ['a list entry not from action()', () => defineModel<Counter>({ init: { n: 0 }, actions: [{ apply }] as never }), /every entry of the list must come from action/],
    ['an invariant that is not a function', () => defineModel<Counter>({ init: { n: 0 }, actions: { a: { apply } }, invariants: { x: 3 as never } }), /invariant 'x' must be a function/],
    ['invariants as a list', () => defineModel<Counter>({ init: { n: 0 }, actions: { a: { apply } }, invariants: [() => true] as never }), /invariants must be a record/],
    ['a terminal that is not a function', () => defineModel<Counter>({ init: { n: 0 }, actions: { a: { apply } }, terminal: true as never }), /terminal must be a function/],
    ['not an object', () => defineModel(null as never), /defineModel expects/],
  ];
  it.each(cases)('%s', (_name, define, message) => {
    expect(define).toThrow(ModelDefinitionError);
    expect(define).toThrow(message);
  });

  it('names the model in the message', () => {
    expect(() => defineModel<Counter>({ name: 'bank', init: { n: 0 }, actions: {} })).toThrow("model 'bank' has no actions");
  });
});

describe('action(name, enabled, apply)', () => {
  it('builds a frozen named action', () => {
    const a = action<Counter>('inc', inc.enabled, inc.apply);
    expect(a.name).toBe('inc');
    expect(Object.isFrozen(a)).toBe(true);
  });

  it.each([
    ['an empty name', () => action('', () => true, (s) => s), /name must be a non-empty string, got the string ""/],
    ['a missing guard', () => action('a', undefined as never, (s) => s), /action 'a': enabled must be a function/],
    ['a missing apply', () => action('a', () => true, 'x' as never), /action 'a': apply must be a function/],
  ])('rejects %s', (_n, make, message) => {
    expect(make).toThrow(ModelDefinitionError);
    expect(make).toThrow(message);
  });
});

// Found by review: a misspelt field was ignored, leaving a model that checks nothing and passes.
describe('misspelt fields', () => {
  const apply = (s: { x: number }) => ({ x: s.x + 1 });
  it.each([
    ['invariant', () => defineModel({ init: { x: 0 }, actions: { a: { apply } }, invariant: {} } as never), "defineModel: model 'model': unknown field 'invariant' (did you mean 'invariants'?)"],
    ['Init', () => defineModel({ Init: { x: 0 }, init: { x: 0 }, actions: { a: { apply } } } as never), "unknown field 'Init' (did you mean 'init'?)"],
    ['enable', () => defineModel({ init: { x: 0 }, actions: { a: { enable: () => false, apply } } } as never), "model 'model': action 'a': unknown field 'enable' (did you mean 'enabled'?)"],
    ['choice', () => defineModel({ init: { x: 0 }, actions: { a: { choice: () => [1], apply } } } as never), "action 'a': unknown field 'choice' (did you mean 'choices'?)"],
    ['guarantee', () => defineEnvironment({ name: 'net', behaviors: { drop: { apply } }, guarantee: {} } as never), "defineEnvironment: environment 'net': unknown field 'guarantee' (did you mean 'guarantees'?)"],
    ['behaviours', () => defineEnvironment({ name: 'net', behaviors: { drop: { apply } }, behaviours: {} } as never), "unknown field 'behaviours' (did you mean 'behaviors'?)"],
    ['assumption field', () => defineEnvironment({ name: 'net', behaviors: { drop: { apply } }, assumptions: { a: { description: 'd', sources: 'x' } } } as never), "assumption 'a': unknown field 'sources' (did you mean 'source'?)"],
    ['a liveness field', () => defineModel({ init: { x: 0 }, actions: { a: { apply } }, liveness: { p: { goal: () => true, fairness: 'all' } } } as never), "unknown field 'fairness'"],
  ])('%s is refused, with the nearest name', (_n, define, message) => {
    expect(define).toThrow(ModelDefinitionError);
    expect(define).toThrow(message);
  });
});
