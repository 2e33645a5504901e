/**
 * The symmetry and view guard on every merge (checker/identity.ts): each
 * review13 script that passed silently, turned into a regression test. A
 * wrong symmetry or view must end in an error naming it, never in a pass.
 */
import { describe, expect, it } from 'vitest';
import { check, defineModel, permutations } from '../../src/index.js';
import { ask, compose, resolveOptions } from '../../src/internal.js';

const IDS = [0, 1, 2];
type Busy = { busy: boolean[] };
const renameBusy = <T extends Busy>(s: T, to: (i: number) => number): T => {
  const busy = [...s.busy];
  IDS.forEach((i) => (busy[to(i)] = s.busy[i]));
  return { ...s, busy };
};
const perm = <T extends Busy>() => permutations<T, number>({ ids: IDS, permute: renameBusy, signature: (s, i) => (s.busy[i] ? 0 : 1) });
const errorOf = (r: { kind: string; error?: unknown }): string => {
  expect(r.kind).toBe('error');
  return String((r.error as Error).message);
};

describe('a wrong view or symmetry on a tiny model is an error, not a pass', () => {
  it('t1: a view dropping a field an invariant reads (the difference shows deep)', () => {
    const m = defineModel({
      name: 'retries',
      init: { n: 0, retries: 0 },
      actions: {
        up: { enabled: (s) => s.n < 3, apply: (s) => ({ ...s, n: s.n + 1 }) },
        down: { enabled: (s) => s.n > 0, apply: (s) => ({ n: s.n - 1, retries: Math.min(s.retries + 1, 9) }) },
      },
      invariants: { 'at most 4 retries': (s) => s.retries <= 4 },
    });
    expect(errorOf(check(m, { deadlock: false, view: (s: { n: number }) => s.n }))).toMatch(/^view: the check would merge states .*invariant 'at most 4 retries'/);
  });

  const counter = { name: 'counter', init: { x: 0 }, actions: { inc: { enabled: (s: { x: number }) => s.x < 10, apply: (s: { x: number }) => ({ x: s.x + 1 }) } }, invariants: { 'x < 5': (s: { x: number }) => s.x < 5 } };
  it.each([
    ['constant init', { symmetry: () => ({ x: 0 }) }, {}],
    ['x mod 2', { symmetry: (s: { x: number }) => ({ x: s.x % 2 }) }, {}],
    ['min(x, 1)', { symmetry: (s: { x: number }) => ({ x: Math.min(s.x, 1) }) }, {}],
    ['view () => 0', {}, { view: () => 0 }],
    ['view min(x, 1)', {}, { view: (s: { x: number }) => Math.min(s.x, 1) }],
  ])('t4: %s', (_, extra, options) => {
    expect(errorOf(check(defineModel({ ...counter, ...extra }), { deadlock: false, ...options }))).toMatch(/the check would merge states that behave differently/);
  });

  it('t4: view () => 0 hiding a deadlock', () => {
    const m = defineModel({ ...counter, invariants: {} });
    expect(errorOf(check(m, { view: () => 0 }))).toMatch(/view: the check would merge states/);
  });

  it('t6: a view hiding a deadlock one step away', () => {
    const c = defineModel({ name: 'c', init: { x: 0 }, actions: { inc: { enabled: (s) => s.x < 3, apply: (s) => ({ x: s.x + 1 }) } } });
    expect(errorOf(check(c, { view: (s: { x: number }) => s.x > 0 }))).toMatch(/action 'inc' is enabled once in the first and 0 times in the second/);
  });

  it('t9: a misspelt view (undefined for every state) is named', () => {
    const m = defineModel({ name: 'counter', init: { n: 0, log: [] as string[] }, actions: { up: { enabled: (s) => s.n < 10, apply: (s) => ({ n: s.n + 1, log: [...s.log, 'up'] }) } }, invariants: { 'n < 5': (s) => s.n < 5 } });
    expect(errorOf(check(m, { deadlock: false, view: (s) => (s as unknown as { count: number }).count }))).toMatch(/^view returned undefined/);
    expect(errorOf(check(m, { deadlock: false, view: (s) => ({ n: (s as unknown as { count: number }).count }) }))).toMatch(/^view: the check would merge/);
  });
});

describe('asymmetry past the old sampling window', () => {
  const deep = (K: number, symmetric: boolean, asymmetricGuard: boolean) =>
    defineModel({
      name: 'deep',
      init: { k: 0, busy: [false, false, false], boom: false },
      actions: {
        tick: { enabled: (s) => s.k < K, apply: (s) => ({ ...s, k: s.k + 1 }) },
        go: { choices: () => IDS, enabled: (s, i) => s.k === K && !s.busy[i], apply: (s, i) => ({ ...s, busy: s.busy.map((b, j) => b || j === i) }) },
        boom: { enabled: (s) => asymmetricGuard && s.busy[2] && !s.busy[0] && !s.boom, apply: (s) => ({ ...s, boom: true }) },
      },
      invariants: asymmetricGuard ? { 'no boom': (s) => !s.boom } : { 'node 2 never busy alone': (s) => !(s.busy[2] && !s.busy[0] && !s.busy[1]) },
      ...(symmetric ? { symmetry: perm<{ k: number; busy: boolean[]; boom: boolean }>() } : {}),
    });
  it.each([600, 700, 2001])('t2: an asymmetric invariant after %i symmetric states', (K) => {
    expect(check(deep(K, false, false), { deadlock: false }).kind).toBe('invariant');
    expect(errorOf(check(deep(K, true, false), { deadlock: false }))).toMatch(/^symmetry: the check would merge/);
  });
  it.each([700, 2000])('t3: an asymmetric guard after %i symmetric states', (K) => {
    expect(errorOf(check(deep(K, true, true), { deadlock: false }))).toMatch(/^symmetry: the check would merge/);
  });
  it.each([700, 2000])('t6b: a deadlock only some renamings have, after %i states', (K) => {
    const m = defineModel({
      name: 'deepdl',
      init: { k: 0, busy: [false, false, false] },
      actions: {
        tick: { enabled: (s) => s.k < K, apply: (s) => ({ ...s, k: s.k + 1 }) },
        go: { choices: () => IDS, enabled: (s, i) => s.k === K && !s.busy[i], apply: (s, i) => ({ ...s, busy: s.busy.map((b, j) => b || j === i) }) },
        reset: { enabled: (s) => s.busy.every(Boolean) || (s.busy[0] && !s.busy[2]), apply: (s) => ({ ...s, busy: [false, false, false] }) },
      },
      symmetry: perm<{ k: number; busy: boolean[] }>(),
    });
    expect(errorOf(check(m))).toMatch(/^symmetry: the check would merge/);
  });
});

describe('t5: reach queries under symmetry and views', () => {
  const options = resolveOptions(undefined, 'test');
  const spec = {
    name: 'finish',
    init: { busy: [false, false, false] },
    actions: {
        start: { choices: () => IDS, enabled: (s: Busy) => !s.busy.some(Boolean), apply: (s: Busy, i: number) => ({ busy: s.busy.map((_, j) => j === i) }) },
      finish: { choices: () => IDS, enabled: (s: Busy, i: number) => s.busy[i], apply: () => ({ busy: [false, false, false] }) },
    },
  };
  it('refuses a firing target, saying why', () => {
    const system = compose(defineModel({ ...spec, symmetry: perm<Busy>() }));
    expect(() => ask(system, { kind: 'reach', firing: (t, c) => t === 1 && c === 2 }, options)).toThrow(/an action firing is not a reach target under the model's symmetry/);
    const viewed = resolveOptions({ view: (s: unknown) => (s as Busy).busy.filter(Boolean).length }, 'test');
    expect(() => ask(compose(defineModel(spec)), { kind: 'reach', firing: () => true }, viewed)).toThrow(/under the view option/);
  });
  it('compares the state target on every merge', () => {
    const system = compose(defineModel({ ...spec, symmetry: perm<Busy>() }));
    expect(errorOf(ask(system, { kind: 'reach', state: (s) => s.busy[2] }, options))).toMatch(/the reach target is (true|false) in the first/);
    const flag = defineModel({
      name: 'flag',
      init: { x: 0, flag: false },
      actions: { a: { enabled: (s) => s.x === 0, apply: () => ({ x: 1, flag: false }) }, b: { enabled: (s) => s.x === 0, apply: () => ({ x: 1, flag: true }) } },
      terminal: (s) => s.x === 1,
    });
    const viewed = resolveOptions({ view: (s: unknown) => (s as { x: number }).x }, 'test');
    expect(errorOf(ask(compose(flag), { kind: 'reach', state: (s) => s.flag }, viewed))).toMatch(/^view: .*the reach target/);
  });
});

describe('symmetry, view and permute are called on copies and named', () => {
  const spec = {
    name: 'inplace',
    init: { busy: [false, false, false] },
    actions: { go: { choices: () => IDS, enabled: (s: Busy, i: number) => !s.busy[i], apply: (s: Busy, i: number) => ({ busy: s.busy.map((b, j) => b || j === i) }) } },
    invariants: { 'node 2 never busy alone': (s: Busy) => !(s.busy[2] && !s.busy[0] && !s.busy[1]) },
    terminal: (s: Busy) => s.busy.every(Boolean),
  };
  it('t8: a symmetry that sorts in place cannot change the search’s states, and is named', () => {
    const m = defineModel({ ...spec, symmetry: (s: Busy) => (s.busy.sort((a, b) => Number(b) - Number(a)), s) });
    expect(errorOf(check(m))).toMatch(/^symmetry changed the state it was given/);
    expect(errorOf(check(m))).toMatch(/^symmetry changed the state it was given/); // and the model is untouched for the next check
  });
  it('t13: a permute that mutates its input is named, not a generic MutationError', () => {
    const inplace = permutations<Busy, number>({
      ids: IDS,
      permute: (s, to) => {
        const old = [...s.busy];
        IDS.forEach((i) => (s.busy[to(i)] = old[i]));
        return s;
      },
      signature: (s, i) => (s.busy[i] ? 0 : 1),
    });
    const r = check(defineModel({ ...spec, symmetry: inplace }));
    expect(errorOf(r)).toMatch(/permute or signature\) changed the state it was given/);
    expect((r as { error: Error }).error.name).toBe('ModelDefinitionError');
  });
  it('t10: a nondeterministic symmetry shows its two different results', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const m = defineModel({
      name: 'nd',
      init: { v: [0, 0, 0] },
      actions: { inc: { choices: () => IDS, enabled: (s, i) => s.v[i] < 2, apply: (s, i) => ({ v: s.v.map((x, j) => (j === i ? x + 1 : x)) }) } },
      invariants: { 'sum < 5': (s) => s.v[0] + s.v[1] + s.v[2] < 5 },
      symmetry: (s) => {
        const v = [...s.v];
        for (let i = 2; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          [v[i], v[j]] = [v[j], v[i]];
        }
        return { v };
      },
    });
    const message = errorOf(check(m));
    const [, a, b] = /it returned (\{.*?\}), then (\{.*?\});/.exec(message) ?? [];
    expect(message).toMatch(/^symmetry is not deterministic/);
    expect(a).not.toBe(b);
  });
  it('a view whose answers change over time is named when the trace cannot be rebuilt (hostile18 t7)', () => {
    const m = defineModel({
      name: 'c',
      init: { n: 0, log: 0 },
      actions: { inc: { enabled: (s) => s.n < 200, apply: (s) => ({ n: s.n + 1, log: s.log + 1 }) } },
      invariants: { 'n != 150': (s) => s.n !== 150 },
    });
    let calls = 0;
    // A memo that warms up: after 100 calls it answers with another shape.
    const message = errorOf(check(m, { view: (s: { n: number }) => (calls++ > 100 ? { n: s.n } : s.n) }));
    expect(message).toMatch(/^kripke could not rebuild the counterexample trace/);
    expect(message).toContain('The model or its view gave different results for the same state');
    expect(message).toContain('predicates and the view must be deterministic');
  });
  it('a symmetry or view that throws is named', () => {
    const m = defineModel({ ...spec, symmetry: () => { throw new Error('oops'); } });
    expect(errorOf(check(m))).toMatch(/^symmetry threw on the state .*: oops/);
  });
});

/**
 * Merged states must also lead to the same classes, one step on: the guard
 * compares the successors of every state it merges (before, only sampled
 * states were compared one step ahead, and a difference in where an action
 * leads, past the sampling window or under a view, passed).
 */
describe('merged states whose actions lead to different classes', () => {
  type Pair = { k: number; v: number[]; t: number };
  const PAIR = [0, 1];
  const pairSpec = (N: number) => ({
    name: 'pair',
    init: { k: 0, v: [0, 0], t: 0 },
    actions: {
        tick: { enabled: (s: Pair) => s.k < N, apply: (s: Pair) => ({ ...s, k: s.k + 1 }) },
      set: { choices: () => PAIR, enabled: (s: Pair) => s.k === N && s.v[0] + s.v[1] === 0, apply: (s: Pair, i: number) => ({ ...s, v: s.v.map((x, j) => (j === i ? 1 : x)) }) },
      // Enabled twice in [1,0] and in [0,1] alike; only from [0,1] does choice 1 set t.
      go: { choices: () => PAIR, enabled: (s: Pair) => s.k === N && s.v[0] + s.v[1] === 1 && s.t === 0, apply: (s: Pair, i: number) => (i === 1 && s.v[1] === 1 ? { ...s, t: 1 } : { ...s }) },
    },
    invariants: { 't is 0': (s: Pair) => s.t === 0 },
    terminal: () => true,
  });
  const pairPerm = permutations<Pair, number>({ ids: PAIR, permute: (s, to) => ({ ...s, v: PAIR.map((k) => s.v[PAIR.find((r) => to(r) === k)!]) }) });

  it.each([3, 2000])('symmetry: the difference past %i symmetric states is an error, every run (hostile2 perm_deep)', (N) => {
    expect(check(defineModel(pairSpec(N))).kind).toBe('invariant');
    for (let run = 0; run < 5; run++) {
      const message = errorOf(check(defineModel({ ...pairSpec(N), symmetry: pairPerm })));
      expect(message).toMatch(/^symmetry: the check would merge states that behave differently/);
      // The merge comparison names go(1) and where it leads; a sampled comparison with a renaming (1 in 64) may name go(0) first.
      expect(message).toMatch(/action 'go\([01]\)' leads from the (first|second) to /);
    }
  });

  it('view: a state merged after its class was expanded', () => {
    const late = defineModel({
      name: 'late-merge',
      init: { k: 0, x: 0, tag: 'a', t: 0 },
      actions: {
        a: { enabled: (s) => s.k === 0, apply: (s) => ({ ...s, k: 1, x: 1 }) },
        b: { enabled: (s) => s.k === 0, apply: (s) => ({ ...s, k: 1, x: 2, tag: 'b' }) },
        c: { enabled: (s) => s.x === 2, apply: (s) => ({ ...s, k: 2, x: 1 }) },
        go: { enabled: (s) => s.x === 1 && s.t === 0, apply: (s) => (s.tag === 'b' ? { ...s, t: 1 } : { ...s }) },
      },
      invariants: { 't is 0': (s) => s.t === 0 },
      terminal: () => true,
    });
    expect(check(late).kind).toBe('invariant');
    const message = errorOf(check(late, { view: (s: { x: number; t: number }) => ({ x: s.x, t: s.t }) }));
    expect(message).toMatch(/^view: the check would merge states that behave differently/);
    expect(message).toContain(`A reachable state {k:1,t:0,tag:"a",x:1} and another state the check identifies with it, {k:2,t:0,tag:"b",x:1}, differ: action 'go' leads from the first to {k:1,t:0,tag:"a",x:1}, and no action leads from the second to a state the check identifies with it.`);
  });

  it('view: a state merged before its class was expanded', () => {
    const early = defineModel(pairSpec(3));
    const message = errorOf(check(early, { view: (s: Pair) => ({ k: s.k, t: s.t, sum: s.v[0] + s.v[1] }) }));
    expect(message).toMatch(/^view: the check would merge states that behave differently/);
    expect(message).toMatch(/action 'go\(1\)' leads from the (first|second)/);
  });

  it('a correct view and a correct symmetry still pass with the plain counts of their classes', () => {
    const sym = check(defineModel({ ...pairSpec(3), invariants: {}, actions: { ...pairSpec(3).actions, go: { choices: () => PAIR, enabled: (s: Pair, i: number) => s.t === 0 && s.v[i] === 1, apply: (s: Pair) => ({ ...s, t: 1 }) } }, symmetry: pairPerm }));
    expect(sym.kind).toBe('ok');
    expect(sym.stats.states).toBe(6); // k = 0..3 with v = [0,0], then one class of [1,0]/[0,1] with t = 0 and t = 1
    const history = defineModel({
      name: 'history',
      init: { n: 0, log: [] as number[] },
      actions: { up: { enabled: (s) => s.n < 4, apply: (s) => ({ n: s.n + 1, log: [...s.log, s.n] }) }, down: { enabled: (s) => s.n > 0, apply: (s) => ({ n: s.n - 1, log: [...s.log, -s.n] }) } },
      invariants: { 'n <= 4': (s) => s.n <= 4 },
    });
    const viewed = check(history, { view: (s: { n: number }) => s.n, maxDepth: 12 });
    expect(viewed.kind).toBe('ok');
    expect(viewed.stats.states).toBe(5);
  });

  it('under maxDepth, merged states are compared on the successors the bound lets the search see', () => {
    const viewed = { view: (s: Pair) => ({ k: s.k, t: s.t, sum: s.v[0] + s.v[1] }) };
    // [1,0] and [0,1] lie at depth 4; the first leads only to itself, the second also beyond the bound.
    expect(errorOf(check(defineModel(pairSpec(3)), { ...viewed, maxDepth: 4 }))).toMatch(/action 'go\(1\)' leads from the (first|second)/);
    // A bound that cuts the first member's own successors leaves the check incomplete, never ok.
    expect(check(defineModel(pairSpec(3)), { ...viewed, maxDepth: 3 }).kind).toBe('incomplete');
  });
});

/** Review of the one-step comparison (review-sym14): what a merged state's successors are, not only where they lie. */
describe('successors of merged states, one step on', () => {
  it.each(['invariant', 'deadlock'] as const)('s4: a successor that an asymmetric %s tells from its class, past the sampling window', (variant) => {
    const K = 700;
    const model = (symmetric: boolean) =>
      defineModel({
        name: `one-step-${variant}`,
        init: { k: 0, busy: [false, false, false], end: false },
        actions: {
          tick: { enabled: (s) => s.k < K, apply: (s) => ({ ...s, k: s.k + 1 }) },
          go: { choices: () => IDS, enabled: (s) => s.k === K && !s.busy.some(Boolean), apply: (s, i) => ({ ...s, busy: s.busy.map((_, j) => j === i) }) },
          fin: { choices: () => IDS, enabled: (s, i) => s.busy[i] && !s.end, apply: (s) => ({ ...s, end: true }) },
        },
        invariants: variant === 'invariant' ? { 'id 2 never ends': (s) => !(s.end && s.busy[2]) } : {},
        terminal: (s) => (variant === 'invariant' ? s.end : s.end && !s.busy[2]),
        ...(symmetric ? { symmetry: perm<{ k: number; busy: boolean[]; end: boolean }>() } : {}),
      });
    expect(check(model(false)).kind).toBe(variant);
    for (let run = 0; run < 5; run++) expect(errorOf(check(model(true)))).toMatch(/^symmetry: the check would merge states that behave differently/);
  });

  it('s5: a view whose merged states step to states an invariant tells apart', () => {
    const m = defineModel({
      name: 'mode',
      init: { n: 0, mode: null as string | null },
      actions: {
        pick: { choices: () => ['a', 'b'], enabled: (s) => s.n === 0, apply: (_s, x) => ({ n: 1, mode: x }) },
        up: { enabled: (s) => s.n === 1, apply: (s) => ({ ...s, n: 2 }) },
      },
      invariants: { 'b never reaches 2': (s) => !(s.n === 2 && s.mode === 'b') },
      terminal: (s) => s.n === 2,
    });
    expect(check(m).kind).toBe('invariant');
    const message = errorOf(check(m, { view: (s: { n: number }) => s.n }));
    expect(message).toMatch(/^view: the check would merge states that behave differently/);
    expect(message).toContain(`invariant 'b never reaches 2' is true in the first and false in the second`);
  });

  it('f1: permutations with a signature that ties, and a view dropping a counter, pass as each does alone', () => {
    const two = [0, 1];
    const other = (i: number) => 1 - i;
    type T = { st: string[]; ptr: (number | null)[]; log: number };
    const spec = {
      name: 'tie',
      init: { st: ['a', 'a'], ptr: [null, null], log: 0 } as T,
      actions: {
        wake: { choices: () => two, enabled: (s: T, i: number) => s.st[i] === 'a' && s.st[other(i)] === 'a' && s.ptr.every((p) => p === null), apply: (s: T, i: number) => ({ ...s, st: s.st.map((x, j) => (j === i ? 'b' : x)), log: s.log + 1 }) },
        point: { choices: () => two, enabled: (s: T, i: number) => s.st[i] === 'b', apply: (s: T, i: number) => ({ ...s, st: s.st.map((x, j) => (j === i ? 'a' : x)), ptr: s.ptr.map((p, j) => (j === i ? other(i) : p)), log: s.log + 1 }) },
        clear: { choices: () => two, enabled: (s: T, i: number) => s.ptr[i] !== null, apply: (s: T, i: number) => ({ ...s, ptr: s.ptr.map((p, j) => (j === i ? null : p)), log: Math.min(s.log + 1, 5) }) },
      },
    };
    const symmetry = permutations<T, number>({
      ids: two,
      permute: (s, to) => {
        const [st, ptr] = [[...s.st], [...s.ptr]];
        two.forEach((i) => ((st[to(i)] = s.st[i]), (ptr[to(i)] = s.ptr[i] === null ? null : to(s.ptr[i]!))));
        return { ...s, st, ptr };
      },
      signature: (s, i) => s.st[i],
    });
    const view = (s: T) => ({ st: s.st, ptr: s.ptr });
    for (const [model, options] of [[defineModel({ ...spec, symmetry }), {}], [defineModel(spec), { view }], [defineModel({ ...spec, symmetry }), { view }]] as const) {
      const r = check(model, { deadlock: false, ...options });
      expect(String(r.kind === 'error' ? r.error : '')).toBe('');
      expect(r.kind).toBe('ok');
    }
  });
});

describe('two steps past a merge: walks once every class is stored', () => {
  it('s2: a view that drops what decides a result two steps on', () => {
    const m = defineModel({
      name: 'mode',
      init: { n: 0, mode: null as string | null, bad: false },
      actions: {
        pick: { choices: () => ['a', 'b'], enabled: (s) => s.n === 0, apply: (s, x) => ({ ...s, n: 1, mode: x }) },
        up: { enabled: (s) => s.n > 0 && s.n < 3, apply: (s) => ({ ...s, n: s.n + 1, bad: s.n === 2 && s.mode === 'b' }) },
      },
      invariants: { 'never bad': (s) => !s.bad },
    });
    expect(check(m, { deadlock: false }).kind).toBe('invariant');
    for (let run = 0; run < 10; run++) {
      const message = errorOf(check(m, { deadlock: false, view: (s: { n: number; bad: boolean }) => ({ n: s.n, bad: s.bad }) }));
      expect(message).toBe(
        `view: the check would merge states that behave differently, and could pass where a violation is reachable. The state {bad:true,mode:"b",n:3} is reachable in 2 steps from {bad:false,mode:"b",n:1}, a state the check identified with another, yet the search reached no state it identifies with it. A view may leave out only what no invariant, guard or action depends on (a step counter, a history kept for reading); fix the view or the model, or leave the view out.`,
      );
    }
  });
});

describe('two steps past a merge, inside the sampled window (review19)', () => {
  // A race of two processes that a wrong symmetry merges; the violation is two steps past the merge, and a trap with
  // 40 choices keeps the walks at the end from it. Only the sample (every one of the first 512 states) sees it:
  // sampling the first 64 passed this model in about a third of runs.
  type Race = { k: number; p: number[]; q: number };
  const IDS = [0, 1];
  const QS = Array.from({ length: 40 }, (_, j) => j);
  const race = (symmetry?: (s: Race) => Race) =>
    defineModel<Race>({
      ...(symmetry === undefined ? {} : { symmetry }),
      name: 'race',
      init: { k: 0, p: [0, 0], q: -1 },
      actions: {
        tick: { enabled: (s) => s.k < 100, apply: (s) => ({ ...s, k: s.k + 1 }) },
        start: { choices: () => IDS, enabled: (s) => s.k === 100 && s.p[0] === 0 && s.p[1] === 0, apply: (s, i: number) => ({ ...s, p: s.p.map((x, j) => (j === i ? 1 : x)) }) },
        step: { choices: () => IDS, enabled: (s, i: number) => s.q < 0 && s.p[i] >= 1 && s.p[i] < 3, apply: (s, i: number) => ({ ...s, p: s.p.map((x, j) => (j === i ? x + 1 : x)) }) },
        quit: { choices: () => QS, enabled: (s) => s.q < 0 && (s.p[0] > 0 || s.p[1] > 0), apply: (s, j: number) => ({ ...s, q: j }) },
      },
      invariants: { 'process 1 never finishes': (s) => s.p[1] !== 3 },
    });
  const permute = (s: Race, to: (i: number) => number): Race => {
    const p = [...s.p];
    IDS.forEach((i) => (p[to(i)] = s.p[i]));
    return { ...s, p };
  };
  it('is caught in every run', () => {
    expect(check(race(), { deadlock: false }).kind).toBe('invariant');
    const symmetric = race(permutations<Race, number>({ ids: IDS, permute, signature: (s, i) => s.p[i] }));
    for (let run = 0; run < 10; run++) expect(errorOf(check(symmetric, { deadlock: false }))).toMatch(/^symmetry: the check would merge states that behave differently/);
  });
});

describe('the walks at the end (review-zero14)', () => {
  type Flip = { p: number; n: number };
  it.each([
    ['returns undefined', (s: Flip) => (s.n > 3 ? (undefined as unknown as Flip) : { p: 1 - s.p, n: s.n + 1 }), /action 'flip' returns undefined/],
    ['throws', (s: Flip) => { if (s.n > 3) throw new Error('n too big'); return { p: 1 - s.p, n: s.n + 1 }; }, /action 'flip' throws \(n too big\)/],
  ])('b4: an action that %s past a merge, under a view that hides why, is the view’s error', (_, apply, what) => {
    const m = defineModel({ name: 'flip', init: { p: 0, n: 0 }, actions: { flip: { apply } } });
    expect(check(m, { deadlock: false }).kind).toBe('error');
    for (let run = 0; run < 5; run++) {
      const message = errorOf(check(m, { deadlock: false, view: (s: Flip) => s.p }));
      expect(message).toMatch(/^view: the check would merge states that behave differently/);
      expect(message).toMatch(what);
    }
  });

  it('b3: a small model walks little, and the walks stop at the timeout', () => {
    let calls = 0;
    const m = defineModel({ name: 'ring', init: { p: 0, n: 0 }, actions: { step: { apply: (s: Flip) => (calls++, { p: (s.p + 1) % 3, n: (s.n + 1) % 5 }) } } });
    const r = check(m, { deadlock: false, view: (s: Flip) => s.p });
    expect(r.kind).toBe('ok');
    expect(calls).toBeLessThan(5_000); // the budget of 16,384 steps was spent on every small check
    const slow = defineModel({
      name: 'slow ring',
      init: { p: 0, n: 0 },
      actions: { step: { apply: (s: Flip) => { const until = Date.now() + 2; while (Date.now() < until); return { p: (s.p + 1) % 3, n: (s.n + 1) % 50 }; } } },
    });
    const started = Date.now();
    expect(check(slow, { deadlock: false, view: (s: Flip) => s.p, timeout: 300 }).kind).toMatch(/ok|incomplete/);
    expect(Date.now() - started).toBeLessThan(3_000); // 16 s before: the walks never read the clock
  });
});
