/**
 * User code that misbehaves during a check: the check ends with kind 'error',
 * never a bare stack and never a silent pass. The result names what went wrong
 * (errorSource), carries the error itself, and the trace leads to the state
 * where it happened.
 */
import { describe, expect, it } from 'vitest';
import {
  check,
  checkLiveness,
  checkOpen,
  checkTrace,
  configure,
  ContractError,
  defineEnvironment,
  defineModel,
  ModelDefinitionError,
  StateShapeError,
  type CheckResult,
} from '../../src/index.js';

type N = { n: number };

/** From {n: 0}, 'step' leads to {n: 1}, where 'bad' returns what the test gives it. */
function reachedByBad(bad: (s: N) => unknown): ReturnType<typeof defineModel<N>> {
  return defineModel<N>({
    init: { n: 0 },
    actions: {
      step: { enabled: (s) => s.n === 0, apply: () => ({ n: 1 }) },
      bad: { enabled: (s) => s.n === 1, apply: bad as (s: N) => N },
    },
    terminal: () => true,
  });
}

function expectErrorAtStep1(r: CheckResult<N>, source: object) {
  expect(r.ok).toBe(false);
  expect(r.kind).toBe('error');
  expect(r.errorSource).toEqual(source);
  expect(r.trace).toEqual([
    { action: null, state: { n: 0 } },
    { action: 'step', state: { n: 1 } },
  ]);
}

describe('a state that is not plain data, reached by an action', () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const cyclic = () => {
    const o: { a: { b: { back?: unknown } } } = { a: { b: {} } };
    o.a.b.back = o.a;
    return o;
  };
  const cases: [string, (s: N) => unknown, string][] = [
    ['a function', () => ({ nodes: [{}, {}, { handler: () => 1 }] }), 'state.nodes[2].handler is a function'],
    ['a symbol', () => ({ tag: Symbol('t') }), 'state.tag is a symbol'],
    ['a cycle', cyclic, 'state.a.b.back is a cycle: it contains itself'],
    ['a class instance', () => ({ at: new Point(1) }), 'state.at is an instance of Point, not plain data (use objects, arrays, Map, Set, Date)'],
    ['a function inside a Set inside a Map', () => ({ m: new Map([[1, new Set([() => 1])]]) }), 'state.m.get(1).<element 0> is a function'],
  ];
  describe.each([false, true])('exact: %s', (exact) => {
    it.each(cases)('%s: kind error, the path named, the action as source', (_n, bad, message) => {
      const r = check(reachedByBad(bad), { exact });
      expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
      expect(r.error).toBeInstanceOf(StateShapeError);
      expect((r.error as StateShapeError).message).toBe(`action 'bad' returned a state that is not plain data: ${message}`);
      expect((r.error as StateShapeError).path).toBe(message.slice(0, message.search(/ (is|has) /)));
      expect(String(r)).toBe(`error after 1 step: action 'bad' returned a state that is not plain data: ${message}`);
    });
  });

  it('a symbol key, with exact: true', () => {
    const r = check(reachedByBad(() => ({ [Symbol('k')]: 1, n: 2 })), { exact: true });
    expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
    expect((r.error as StateShapeError).message).toBe("action 'bad' returned a state that is not plain data: state has a symbol key (Symbol(k))");
  });

  it('a symbol key, with fingerprints', () => {
    const r = check(reachedByBad(() => ({ [Symbol('k')]: 1, n: 2 })));
    expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
    expect((r.error as StateShapeError).message).toBe("action 'bad' returned a state that is not plain data: state has a symbol key (Symbol(k))");
  });

  // A non-enumerable property of a record, like a symbol key, is a key the
  // state's reading does not see: the state would be merged with the same one
  // without it, and the invariant reading it never run on it (hostile review:
  // OK — 1 state in every mode).
  describe.each([{}, { exact: true }, { fingerprintBits: 128 as const }])('keys a state reading does not see, %o', (options) => {
    it('a non-enumerable property, on a state equal to one already seen', () => {
      const m = defineModel<{ n: number; bad?: boolean }>({
        init: { n: 0 },
        actions: { hide: { apply: () => Object.defineProperty({ n: 0 }, 'bad', { value: true, enumerable: false }) } },
        invariants: { 'not-bad': (s) => !s.bad },
      });
      const r = check(m, { ...options, deadlock: false });
      expect(r.kind).toBe('error');
      expect((r.error as StateShapeError).message).toBe(
        "action 'hide' returned a state that is not plain data: state has a non-enumerable property 'bad' (a state is what its enumerable keys hold: kripke would not see it)",
      );
    });
  });

  // A symbol-keyed successor equal, but for the symbol, to a state already seen
  // must not be merged with it (the user's code would see the difference).
  it('a symbol key on a state equal to one already seen, in both modes', () => {
    const secret = Symbol('secret');
    type Tagged = { n: number; [secret]?: boolean };
    const m = defineModel<Tagged>({
      init: { n: 0 },
      actions: { tag: { enabled: (s) => s.n === 0, apply: (s) => ({ ...s, [secret]: true }) } },
      invariants: { 'never-tagged': (s) => !s[secret] },
      terminal: () => true,
    });
    for (const exact of [true, false]) {
      const r = check(m, { exact });
      expect(r.kind).toBe('error');
      expect((r.error as StateShapeError).message).toBe("action 'tag' returned a state that is not plain data: state has a symbol key (Symbol(secret))");
    }
  });
});

describe('an action, guard, choices, invariant or terminal that throws', () => {
  const thrown = new RangeError('boom');
  const throwAt1 = <T>(value: T) => (s: N): T => {
    if (s.n === 1) throw thrown;
    return value;
  };

  it('action: the thrown error itself, the action as source, the trace to the state where it threw', () => {
    const r = check(reachedByBad(throwAt1({ n: 2 })));
    expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
    expect(r.error).toBe(thrown);
    expect(String(r)).toBe("error in action 'bad' after 1 step: RangeError: boom");
  });

  it('action with a choice: the label shows the choice', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: {
        send: {
          choices: () => ['m1', 'm2'],
          apply: (s, c: string) => {
            if (s.n === 1 && c === 'm2') throw thrown;
            return { n: Math.min(s.n + 1, 2) };
          },
        },
      },
      terminal: () => true,
    });
    const r = check(m);
    expect(r.errorSource).toEqual({ kind: 'action', name: 'send(m2)' });
    expect(r.trace.map((s) => s.action)).toEqual([null, 'send(m1)']);
    expect(r.error).toBe(thrown);
  });

  it('guard', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { step: { enabled: (s) => { if (s.n === 1) throw thrown; return true; }, apply: (s) => ({ n: s.n + 1 }) } },
    });
    const r = check(m);
    expectErrorAtStep1(r, { kind: 'guard', name: 'step' });
    expect(r.error).toBe(thrown);
  });

  it('choices', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { step: { choices: (s) => { if (s.n === 1) throw thrown; return [1]; }, apply: (s, c: number) => ({ n: s.n + c }) } },
    });
    const r = check(m);
    expect(r.kind).toBe('error');
    expect(r.errorSource).toEqual({ kind: 'choices', name: 'step' });
    expect(r.trace.map((s) => [s.action, s.state.n])).toEqual([[null, 0], ['step(1)', 1]]);
    expect(r.error).toBe(thrown);
  });

  it('choices that return something not iterable', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { step: { choices: (s) => (s.n === 1 ? undefined : [1]) as never, apply: (s, c: number) => ({ n: s.n + c }) } },
    });
    const r = check(m);
    expect(r.kind).toBe('error');
    expect(r.errorSource).toEqual({ kind: 'choices', name: 'step' });
    // A ContractError naming the action and what came back (it was a TypeError naming kripke's own variable, tr.choices; hostile19a).
    expect(r.error).toBeInstanceOf(ContractError);
    expect((r.error as Error).message).toBe("choices 'step' returned undefined, not a list of choices: choices must return an array (or another iterable) of the choices the state offers (a missing return?)");
    expect(r.trace.map((s) => s.state.n)).toEqual([0, 1]);
  });

  it('choices that are async, or return a number', () => {
    const async = defineModel<N>({ init: { n: 0 }, actions: { step: { choices: (async () => [1]) as never, apply: (s, c: number) => ({ n: s.n + c }) } } });
    const r = check(async);
    expect(r.error).toBeInstanceOf(ContractError);
    expect((r.error as Error).message).toBe("choices 'step' returned a Promise, not a list of choices: choices must be synchronous (no async functions or generators, no awaiting)");
    const generator = defineModel<N>({ init: { n: 0 }, actions: { step: { choices: async function* () { yield 1; } as never, apply: (s, c: number) => ({ n: s.n + c }) } } });
    expect((check(generator).error as Error).message).toBe("choices 'step' returned an async iterable, not a list of choices: choices must be synchronous (no async functions or generators, no awaiting)");
    const number = defineModel<N>({ init: { n: 0 }, actions: { step: { choices: (() => 3) as never, apply: (s, c: number) => ({ n: s.n + c }) } } });
    expect((check(number).error as Error).message).toBe("choices 'step' returned number 3, not a list of choices: choices must return an array (or another iterable) of the choices the state offers");
    // Outside the search too (conformance, replay): the action is named (review19).
    const trace = checkTrace(number, [{ action: 'step(1)' }]);
    expect(trace.kind).toBe('error');
    expect((trace as { error: Error }).error.message).toMatch(/^choices 'step' returned number 3, not a list of choices/);
  });

  it('invariant', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { step: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) } },
      invariants: { fine: () => true, fragile: throwAt1(true) },
      terminal: () => true,
    });
    const r = check(m);
    expectErrorAtStep1(r, { kind: 'invariant', name: 'fragile' });
    expect(r.error).toBe(thrown);
    expect(String(r)).toBe("error in invariant 'fragile' after 1 step: RangeError: boom");
  });

  it('terminal', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { step: { enabled: (s) => s.n < 1, apply: (s) => ({ n: s.n + 1 }) } },
      terminal: throwAt1(true),
    });
    const r = check(m);
    expectErrorAtStep1(r, { kind: 'terminal' });
    expect(r.error).toBe(thrown);
  });

  it('something thrown that is not an Error comes back as it was', () => {
    const r = check(reachedByBad(() => { throw { code: 42 }; }));
    expect(r.kind).toBe('error');
    expect(r.error).toEqual({ code: 42 });
  });

  it('an environment behavior and a guarantee name their environment', () => {
    const m = defineModel<N>({ init: { n: 0 }, actions: { step: { enabled: (s) => s.n === 0, apply: () => ({ n: 1 }) } }, terminal: () => true });
    const envBehavior = defineEnvironment<N>({ name: 'net', behaviors: { drop: { apply: throwAt1({ n: 5 }) } } });
    const r1 = checkOpen(m, envBehavior).result;
    expect(r1.errorSource).toEqual({ kind: 'action', name: 'net:drop', environment: 'net' });
    expect(r1.error).toBe(thrown);
    const envGuarantee = defineEnvironment<N>({ name: 'net', behaviors: { nop: { enabled: () => false, apply: (s) => s } }, guarantees: { g: throwAt1(true) } });
    const r2 = checkOpen(m, envGuarantee).result;
    expect(r2.errorSource).toEqual({ kind: 'guarantee', name: 'g', environment: 'net' });
    expect(r2.trace.map((s) => s.action)).toEqual([null, 'step']);
  });
});

describe('a predicate that returns something other than a boolean', () => {
  it.each([
    ['a guard returning 1', { enabled: (s: N) => (s.n === 1 ? 1 : true) as boolean }, {}, { kind: 'guard', name: 'step' }, "guard 'step' returned 1 (a number), not a boolean"],
    ['a guard returning undefined', { enabled: (s: N) => (s.n === 1 ? undefined : true) as boolean }, {}, { kind: 'guard', name: 'step' }, "guard 'step' returned undefined, not a boolean"],
    ['an invariant returning "yes"', {}, { inv: (s: N) => (s.n === 1 ? 'yes' : true) as boolean }, { kind: 'invariant', name: 'inv' }, `invariant 'inv' returned "yes" (a string), not a boolean`],
    ['an invariant returning null', {}, { inv: (s: N) => (s.n === 1 ? null : true) as boolean }, { kind: 'invariant', name: 'inv' }, "invariant 'inv' returned null, not a boolean"],
  ])('%s is a ContractError', (_n, guard, invariants, source, message) => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { step: { enabled: (s) => s.n < 2, ...guard, apply: (s) => ({ n: s.n + 1 }) } },
      invariants,
      terminal: () => true,
    });
    const r = check(m);
    expectErrorAtStep1(r, source);
    expect(r.error).toBeInstanceOf(ContractError);
    expect((r.error as Error).message).toBe(message);
  });

  it('a terminal returning a string is a ContractError', () => {
    const m = defineModel<N>({ init: { n: 0 }, actions: { stop: { enabled: () => false, apply: (s) => s } }, terminal: () => 'yes' as never });
    const r = check(m);
    expect(r.kind).toBe('error');
    expect(r.errorSource).toEqual({ kind: 'terminal' });
    expect(r.error).toBeInstanceOf(ContractError);
  });
});

describe('apply returning undefined', () => {
  it('is a ContractError naming the action', () => {
    const r = check(reachedByBad(() => undefined));
    expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
    expect(r.error).toBeInstanceOf(ContractError);
    expect(String(r)).toBe("error after 1 step: action 'bad' returned undefined; an action must return the next state");
  });
});

describe('definitions that a check refuses', () => {
  const m = defineModel<N>({ init: { n: 0 }, actions: { 'k8s:evict': { apply: (s) => s } } });
  const env = (name: string, behavior = 'evict') => defineEnvironment<N>({ name, behaviors: { [behavior]: { apply: (s: N) => s } } });

  it.each([
    ['an environment behavior whose label is a model action', () => checkOpen(m, env('k8s')), "checkOpen: behavior 'k8s:evict' of environment 'k8s' has the same name as model action 'k8s:evict'"],
    ['two environments with one name and one behavior', () => checkOpen(m, [env('net', 'drop'), env('net', 'drop')]), "checkOpen: behavior 'net:drop' of environment 'net' has the same name as behavior 'net:drop'"],
    ['no environment', () => checkOpen(m, []), 'checkOpen: give at least one environment'],
    ['something that is not an environment', () => checkOpen(m, [env('net'), { name: 'x' } as never]), 'checkOpen: environment 1 is not an environment from defineEnvironment, got an object'],
    ['something that is not a model, in check', () => check({ init: 0 } as never), 'check(model): expected a model from defineModel, got an object'],
    ['something that is not a model, in checkOpen', () => checkOpen(null as never, env('net')), 'checkOpen(model, env): expected a model from defineModel, got null'],
  ])('%s', (_n, run, message) => {
    expect(run).toThrow(ModelDefinitionError);
    expect(run).toThrow(message);
  });
});

// Issue 8, item 5: a choice that is not plain data ended check and checkLiveness with a RangeError.
describe('a choice that is not plain data', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  it.each([
    ['a cycle', cyclic, 'choice.self is a cycle: it contains itself'],
    ['an invalid Date', new Date(NaN), 'choice is an invalid Date'],
    ['a function', () => 1, 'choice is a function'],
    ['a class instance', new URL('http://x'), 'choice is an instance of URL'],
  ])('%s: check and checkLiveness return an error naming the action', (_n, choice, detail) => {
    const m = defineModel<number>({
      init: 0,
      actions: { go: { choices: () => [1, choice], enabled: (s) => s === 0, apply: () => 1 } },
      invariants: { 'stays small': (s) => s < 5 },
      terminal: () => true,
    });
    for (const r of [check(m), check(m, { exact: true }), checkLiveness(m, { goal: (s) => s === 1 })]) {
      expect(r.kind).toBe('error');
      expect(r.errorSource).toEqual({ kind: 'choices', name: 'go' });
      expect(r.error).toBeInstanceOf(ContractError);
      expect((r.error as Error).message).toContain(`choices 'go' yielded a value that is not plain data: ${detail}`);
      expect(r.trace).toEqual([{ action: null, state: 0 }]);
    }
  });

  it('an error inside an action with a cyclic choice still names the action, with the choice printed', () => {
    const m = defineModel<number>({
      init: 0,
      actions: {
        go: {
          choices: () => [[1, 2]],
          apply: () => {
            throw new Error('boom');
          },
        },
      },
    });
    const r = check(m);
    expect(r.errorSource).toEqual({ kind: 'action', name: 'go(1,2)' });
  });
});

// Issue 8, item 6: an undefined initial state was accepted, then failed as "nondeterminism".
describe('initial states', () => {
  it.each([
    ['initStates: [undefined]', { initStates: [undefined] }, "model 'model': initStates[0] is undefined"],
    ['initStates: [{ n: 0 }, undefined]', { initStates: [{ n: 0 }, undefined] }, "model 'model': initStates[1] is undefined"],
  ])('%s is refused where it is written', (_n, spec, message) => {
    expect(() => defineModel({ ...spec, actions: { a: { apply: (s: unknown) => s } } } as never)).toThrow(ModelDefinitionError);
    expect(() => defineModel({ ...spec, actions: { a: { apply: (s: unknown) => s } } } as never)).toThrow(message);
  });
});

// An async action or predicate cannot be checked: say so, instead of "an instance of Promise".
describe('async user code', () => {
  it('an async apply', () => {
    const r = check(reachedByBad(async () => ({ n: 2 })));
    expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
    expect((r.error as Error).message).toBe("action 'bad' returned a Promise: actions must be synchronous (no async apply, no awaiting); return the next state itself");
  });

  it('an async guard or invariant', () => {
    const m = defineModel<N>({
      init: { n: 0 },
      actions: { inc: { enabled: (async () => true) as never, apply: (s) => ({ n: s.n + 1 }) } },
    });
    expect((check(m).error as Error).message).toBe(
      "guard 'inc' returned a Promise, not a boolean: guards and predicates must be synchronous (no async functions, no awaiting)",
    );
    const inv = defineModel<N>({ init: { n: 0 }, actions: { stay: { apply: (s) => s } }, invariants: { ok: (async () => true) as never } });
    expect((check(inv).error as Error).message).toMatch(/^invariant 'ok' returned a Promise, not a boolean/);
  });
});

// Found by review: odd values that made check, checkLiveness or defineModel throw a bare exception.
describe('hostile values end in a clear error, never a bare throw', () => {
  const revoked = () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  };
  const bomb = () => ({
    get x(): number {
      throw new Error('boom');
    },
  });
  const deep = (n: number) => {
    let v: unknown = 0;
    for (let i = 0; i < n; i++) v = { next: v };
    return v;
  };

  it.each([
    ['a getter that throws', bomb, 'choice.x cannot be read (Error: boom)'],
    ['a revoked Proxy', revoked, 'choice cannot be read'],
    ['a choice nested 200,000 levels deep', () => deep(200_000), 'is nested more than 1000 levels deep'],
  ])('as a choice: %s', (_n, make, message) => {
    const m = defineModel<number>({ init: 0, actions: { go: { choices: () => [make()], apply: (s) => s } } });
    for (const r of [check(m), checkLiveness(m, { goal: () => true })]) {
      expect(r.kind).toBe('error');
      expect((r.error as Error).message).toContain(message);
      expect(r.errorSource).toEqual({ kind: 'choices', name: 'go' });
    }
  });

  it('in a state an action returns, and in an initial state', () => {
    const r = check(reachedByBad(() => ({ n: 2, p: revoked() })));
    expectErrorAtStep1(r, { kind: 'action', name: 'bad' });
    expect((r.error as Error).message).toContain("action 'bad' returned a state that is not plain data: state.p cannot be read");
    expect(() => defineModel({ init: { p: revoked() }, actions: { a: { apply: (s: unknown) => s } } })).toThrow("model 'model': init.p cannot be read");
  });

  it.each([
    ['an object without prototype', () => Object.create(null) as object, 'a thrown object that cannot be printed'],
    ['an object whose toString throws', () => ({ toString: () => { throw new Error('no'); } }), 'a thrown object that cannot be printed'],
    ['null', () => null, 'null'],
    ['a symbol', () => Symbol('s'), 'Symbol(s)'],
  ])('thrown by an invariant: %s', (_n, thing, shown) => {
    const m = defineModel({ init: 0, actions: { stay: { apply: (s: number) => s } }, invariants: { inv: () => { throw thing(); } } });
    const r = check(m);
    expect(r.kind).toBe('error');
    expect(String(r)).toBe(`error in invariant 'inv' after 0 steps: ${shown}`);
    expect(String(checkLiveness(defineModel({ init: 0, actions: { stay: { apply: (s: number) => s } } }), { goal: () => { throw thing(); } }))).toContain(shown);
  });

  it('nesting: both modes draw the line at the same depth, and name the path', () => {
    const at = (n: number) => defineModel<{ done: boolean; v: unknown }>({
      init: { done: false, v: 0 },
      actions: { go: { enabled: (s) => !s.done, apply: () => ({ done: true, v: deep(n) }) } },
      terminal: () => true,
    });
    for (const exact of [false, true]) {
      // The state is level 0, v level 1: 999 nested objects reach level 999, the deepest allowed.
      expect(check(at(999), { exact }).kind).toBe('ok');
      const r = check(at(1000), { exact });
      expect(r.kind).toBe('error');
      expect((r.error as Error).message).toMatch(/^action 'go' returned a state that is not plain data: state\.v(\.next)+ is nested more than 1000 levels deep$/);
    }
    expect(() => defineModel({ init: deep(1000), actions: { a: { apply: (s: unknown) => s } } })).not.toThrow();
    expect(() => defineModel({ init: deep(1001), actions: { a: { apply: (s: unknown) => s } } })).toThrow(/init(\.next)+ is nested more than 1000 levels deep/);
  });

  it('prototype pollution is refused with the reason, in both modes', () => {
    const m = defineModel({ init: { n: 0 }, actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) } }, terminal: () => true });
    (Object.prototype as Record<string, unknown>).extra = 1;
    try {
      for (const exact of [false, true]) {
        expect(() => check(m, { exact })).toThrow("check: Object.prototype has an enumerable property 'extra' (prototype pollution)");
      }
      expect(() => checkLiveness(m, { goal: () => true })).toThrow('prototype pollution');
    } finally {
      delete (Object.prototype as Record<string, unknown>).extra;
    }
    expect(check(m).ok).toBe(true);
  });

  // Only an array's elements, a Map's entries, a Set's elements and a Date's time are state;
  // other properties on them are not, in both modes alike (documented in the guide).
  it('other properties on arrays, Maps and Sets are not part of the state, in both modes', () => {
    const tagged = Object.assign([1], { note: () => 1 });
    for (const exact of [false, true]) {
      const m = defineModel<{ done: boolean; v: unknown }>({
        init: { done: false, v: [1] },
        actions: { go: { enabled: (s) => !s.done, apply: () => ({ done: true, v: tagged }) }, plain: { enabled: (s) => !s.done, apply: () => ({ done: true, v: [1] }) } },
        terminal: () => true,
      });
      expect(check(m, { exact }).stats.states).toBe(2);
    }
  });
});

describe('a Map, Set or class instance where a record of named parts is expected (badinput21: read as empty, the check passed with nothing checked)', () => {
  const spec = () => ({ name: 'm', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 2, apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, terminal: (s: { n: number }) => s.n === 2 });
  it('is refused, naming the field', () => {
    const never = new Map([['never', () => false]]);
    expect(() => defineModel({ ...spec(), invariants: never as never })).toThrow(/^model 'm': invariants must be a record \{ name: \(state\) => boolean \}, got a Map/);
    expect(() => defineModel({ ...spec(), liveness: new Map([['never', { goal: () => false }]]) as never })).toThrow(/liveness must be a record \{ name: \{ goal, from\?, fair\? \} \}, got a Map/);
    expect(() => defineModel({ ...spec(), actions: new Map([['inc', { apply: (s: { n: number }) => s }]]) as never })).toThrow(/actions must be a record \{ name: \{ enabled\?, apply \} \} or a list of action\(\.\.\.\), got a Map/);
    expect(() => defineEnvironment({ name: 'net', behaviors: { x: { apply: (s: unknown) => s } }, guarantees: never as never })).toThrow(/guarantees must be a record \{ name: \(state\) => boolean \}, got a Map/);
    expect(() => defineEnvironment({ name: 'net', behaviors: { x: { apply: (s: unknown) => s } }, assumptions: new Map() as never })).toThrow(/assumptions must be a record \{ name: \{ description \} \}, got a Map/);
    // A class whose methods would not be read (they are its prototype's): refused, naming one.
    class Invariants {
      small(s: { n: number }): boolean {
        return s.n < 2;
      }
    }
    expect(() => defineModel({ ...spec(), invariants: new Invariants() as never })).toThrow("model 'm': invariants must be a record { name: (state) => boolean }, got an instance of Invariants, whose small is inherited (only own fields are read)");
  });

  it('a class instance whose parts are its own fields is read as before (review21b: refused for a while)', () => {
    class Fields {
      small = (s: { n: number }) => s.n < 2;
    }
    expect(check(defineModel({ ...spec(), invariants: new Fields() as never })).kind).toBe('invariant');
  });

  it('a module namespace (import * as invariants) and a null-prototype object are records', async () => {
    const inv = Object.create(null) as Record<string, (s: { n: number }) => boolean>;
    inv.small = (s) => s.n < 2;
    expect(check(defineModel({ ...spec(), invariants: inv })).kind).toBe('invariant');
    const ns = await import('../support/namespace-invariants.js');
    expect(check(defineModel({ ...spec(), invariants: ns })).kind).toBe('invariant');
  });
});

describe('options that are no plain object (badinput21: a Map or a class instance was read as no options at all)', () => {
  const m = defineModel({ name: 'm', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 2, apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, terminal: (s: { n: number }) => s.n === 2 });
  it('are refused by check, checkOpen and configure, naming what was given', () => {
    class Options {
      get maxStates(): number {
        return 1;
      }
    }
    expect(() => check(m, new Map([['maxStates', 1]]) as never)).toThrow('check: options must be an object, got a Map');
    expect(() => check(m, new Options() as never)).toThrow('check: options must be an object, got an instance of Options, whose maxStates is inherited (only own fields are read)');
    expect(() => check(m, Object.create({ timeout: 1 }) as never)).toThrow('check: options must be an object, got an object, whose timeout is inherited (only own fields are read)');
    class Own {
      maxStates = 2;
    }
    expect(check(m, new Own())).toMatchObject({ kind: 'incomplete', budget: 'maxStates' });
    const env = defineEnvironment<{ n: number }>({ name: 'e', behaviors: { x: { enabled: () => false, apply: (s) => s } } });
    expect(() => checkOpen(m, env, [] as never)).toThrow(/options must be an object, got an array/);
    expect(() => configure(new Map() as never)).toThrow('configure: options must be an object, got a Map');
    expect(check(m, Object.freeze({ maxStates: 10 })).kind).toBe('ok');
  });

  it('are a usage error of a matcher', async () => {
    const { createMatchers } = await import('../../src/matchers/index.js');
    const utils = await import('jest-matcher-utils');
    const matcher = createMatchers().toSatisfyInvariants as (this: unknown, ...a: unknown[]) => unknown;
    expect(() => matcher.call({ isNot: false, promise: '', utils }, m, new Map([['maxStates', 1]]))).toThrow(/must be an object of check options/);
  });
});
