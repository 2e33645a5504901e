/**
 * Symmetry (defineModel's `symmetry`, `permutations`) and views (CheckOptions.view):
 * the same verdicts and shortest trace lengths as the plain check, fewer states,
 * traces of concrete states the actions produce, and loud failures where the
 * declared symmetry or view is one the model does not have.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, checkLiveness, defineModel, ModelDefinitionError, MutationError, permutations } from '../../src/index.js';
import { twoPhase, twoPhaseSymmetric } from '../../bench/models/two-phase.mjs';
import { canonicalKey } from '../../src/model/plain-data.js';

const sweep = { maxStates: Infinity, timeout: Infinity };

/** Tokens, each a counter mod `m`; `bump(i)` adds one to token i. Symmetric in the tokens by construction. */
function tokens(k: number, m: number, invariant: (c: readonly number[]) => boolean, symmetric: boolean) {
  const ids = Array.from({ length: k }, (_, i) => i);
  return defineModel({
    name: `tokens(${k},${m})`,
    init: { c: ids.map(() => 0) as readonly number[] },
    actions: {
      bump: { choices: () => ids, apply: (s, i: number) => ({ c: s.c.map((x, j) => (j === i ? (x + 1) % m : x)) }) },
    },
    invariants: { inv: (s) => invariant(s.c) },
    ...(symmetric
      ? {
          symmetry: permutations({
            ids,
            permute: (s: { c: readonly number[] }, to: (i: number) => number): { c: readonly number[] } => {
              const c = new Array<number>(k);
              ids.forEach((i) => (c[to(i)] = s.c[i]));
              return { c };
            },
            signature: (s: { c: readonly number[] }, i: number) => s.c[i],
          }),
        }
      : {}),
  });
}

/** Multisets of k values below m: the symmetry classes of tokens(k, m). */
const multisets = (k: number, m: number): number => {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (m - 1 + i)) / i;
  return Math.round(r);
};

/** Each step of a trace is what its action makes of the step before. */
function concrete(model: ReturnType<typeof tokens>, trace: readonly { action: string | null; state: { c: readonly number[] } }[]): boolean {
  void model;
  return trace.slice(1).every((step, i) => {
    const i0 = Number(/bump\((\d+)\)/.exec(step.action ?? '')?.[1]);
    const before = trace[i].state.c;
    return canonicalKey(step.state.c) === canonicalKey(before.map((x, j) => (j === i0 ? x : x)).map((x, j) => (j === i0 ? x + 1 : x)).map((x) => x % 1000));
  });
}

describe('symmetry: the same verdicts on fewer states', () => {
  it('TwoPhase(3) and (5): 80 and 314 classes, counted independently by renaming every state of the full search', () => {
    for (const [n, classes] of [
      [3, 80],
      [5, 314],
    ] as const) {
      const full = twoPhase(n);
      const sym = twoPhaseSymmetric(n);
      const plain = check(defineModel(full.spec), { ...full.options, ...sweep });
      const reduced = check(defineModel(sym.spec), { ...sym.options, ...sweep });
      expect(plain.kind).toBe('ok');
      expect(reduced.kind).toBe('ok');
      expect(reduced.stats.states).toBe(classes);
      expect(reduced.stats.depth).toBe(plain.stats.depth);
    }
    expect(independentClasses(3)).toBe(80);
  });

  it('a symmetric model: multiset-many states, the same verdict, a shortest trace of concrete states (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 12 }), (k, m, bound) => {
        const inv = (c: readonly number[]) => c.reduce((a, b) => a + b, 0) < bound;
        const plain = check(tokens(k, m, inv, false), sweep);
        const reduced = check(tokens(k, m, inv, true), sweep);
        expect(reduced.kind).toBe(plain.kind);
        if (plain.kind === 'ok') expect(reduced.stats.states).toBe(multisets(k, m));
        expect(reduced.trace.length).toBe(plain.trace.length);
        if (reduced.kind === 'invariant') {
          expect(inv(reduced.trace[reduced.trace.length - 1].state.c)).toBe(false);
          expect(concrete(tokens(k, m, inv, true), reduced.trace as never)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('an invariant that is not symmetric never passes: a violation, or an error that names the symmetry (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), (k, m, who, at) => {
        const i = who % k;
        const inv = (c: readonly number[]) => c[i] < Math.min(at, m - 1);
        const plain = check(tokens(k, m, inv, false), sweep);
        const reduced = check(tokens(k, m, inv, true), sweep);
        if (plain.kind === 'ok') return;
        expect(reduced.kind).not.toBe('ok');
        if (reduced.kind === 'error') expect(String(reduced.error)).toMatch(/symmetry/);
      }),
      { numRuns: 60 },
    );
  });

  it('names the invariant that tells a state from its renaming', () => {
    const r = check(tokens(3, 3, (c) => c[2] < 2, true), sweep);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && String(r.error)).toMatch(/symmetry: .*invariant 'inv' is (true|false) in the first/);
  });

  it('catches an action that is not symmetric (a guard that favours one id)', () => {
    const ids = [0, 1, 2];
    const model = defineModel({
      init: { c: [0, 0, 0] as readonly number[] },
      actions: {
        bump: { choices: () => ids, enabled: (s, i: number) => i !== 2 || s.c[0] > 5, apply: (s, i: number) => ({ c: s.c.map((x, j) => (j === i ? Math.min(x + 1, 2) : x)) }) },
      },
      symmetry: permutations({
        ids,
        permute: (s: { c: readonly number[] }, to: (i: number) => number): { c: readonly number[] } => {
          const c = [0, 0, 0];
          ids.forEach((i) => (c[to(i)] = s.c[i]));
          return { c };
        },
      }),
    });
    const r = check(model, { deadlock: false });
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && String(r.error)).toMatch(/symmetry: .*action 'bump\(\d\)' leads/);
  });

  it('a signature that ties is a smaller reduction, never an error: counters and the messages between them', () => {
    // Ids with equal counters tie and keep their positions, so two renamings of one state can have
    // different representatives; the model is symmetric all the same, and the check must say so.
    type S = { c: readonly number[]; msgs: readonly (readonly [number, number])[] };
    const ids = [0, 1, 2];
    const byPair = (x: readonly [number, number], y: readonly [number, number]) => x[0] - y[0] || x[1] - y[1];
    const model = (invariant: (s: S) => boolean, symmetric: boolean) =>
      defineModel({
        init: { c: [0, 0, 0], msgs: [] } as S,
        actions: {
          inc: { choices: () => ids, enabled: (s, i: number) => s.c[i] < 2, apply: (s, i: number): S => ({ ...s, c: s.c.map((v, j) => (j === i ? v + 1 : v)) }) },
          send: {
            choices: () => ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => [a, b] as const)),
            enabled: (s, [a, b]: readonly [number, number]) => s.c[a] === 1 && s.msgs.length < 2 && !s.msgs.some((m) => m[0] === a && m[1] === b),
            apply: (s, m: readonly [number, number]): S => ({ ...s, msgs: [...s.msgs, m].sort(byPair) }),
          },
          recv: {
            choices: (s) => s.msgs.map((_, k) => k),
            apply: (s, k: number): S => ({ c: s.c.map((v, j) => (j === s.msgs[k][1] ? Math.max(0, v - 1) : v)), msgs: s.msgs.filter((_, j) => j !== k) }),
          },
        },
        invariants: { inv: invariant },
        terminal: () => true,
        ...(symmetric
          ? {
              symmetry: permutations({
                ids,
                permute: (s: S, to: (i: number) => number): S => {
                  const c = [0, 0, 0];
                  s.c.forEach((v, i) => (c[to(i)] = v));
                  return { c, msgs: s.msgs.map(([a, b]) => [to(a), to(b)] as const).sort(byPair) };
                },
                signature: (s: S, i: number) => s.c[i],
              }),
            }
          : {}),
      });
    const plain = check(model(() => true, false), sweep);
    for (let run = 0; run < 5; run++) {
      const reduced = check(model(() => true, true), sweep);
      expect(String(reduced.kind === 'error' ? reduced.error : '')).toBe('');
      expect(reduced.ok).toBe(true);
      expect(reduced.stats.states).toBeLessThan(plain.stats.states);
    }
    const deep = (s: S) => !(s.msgs.length === 2 && s.c.every((v) => v === 2));
    const [p, r] = [check(model(deep, false), sweep), check(model(deep, true), sweep)];
    expect(p.kind).toBe('invariant');
    expect(r.kind).toBe('invariant');
    expect(r.trace.length).toBe(p.trace.length);
    // Any symmetric invariant: the same verdict and trace length as the plain check, never an error.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 }), (total, sent) => {
        const inv = (s: S) => !(s.c.reduce((a, b) => a + b, 0) === total && s.msgs.length === sent);
        const [a, b] = [check(model(inv, false), sweep), check(model(inv, true), sweep)];
        expect(b.kind).toBe(a.kind);
        expect(b.trace.length).toBe(a.trace.length);
      }),
      { numRuns: 15 },
    );
  });

  it('still catches an action that mutates its input', () => {
    const ids = [0, 1];
    const model = defineModel({
      init: { c: [0, 0] },
      actions: {
        bump: {
          choices: () => ids,
          apply: (s, i: number) => {
            s.c[i] = (s.c[i] + 1) % 2;
            return { c: [...s.c] };
          },
        },
      },
      symmetry: permutations({ ids, permute: (s: { c: number[] }, to: (i: number) => number) => ({ c: ids.map((j) => s.c[ids.find((x) => to(x) === j)!]) }) }),
    });
    const r = check(model);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.error).toBeInstanceOf(MutationError);
  });

  it('refuses liveness under symmetry or a view, saying why', () => {
    const m = tokens(2, 2, () => true, true);
    expect(() => checkLiveness(m, { goal: () => true })).toThrow(/liveness is not checked under the model's symmetry/);
    expect(() => checkLiveness(tokens(2, 2, () => true, false), { goal: () => true }, { view: (s: { c: number[] }) => s.c })).toThrow(ModelDefinitionError);
  });

  it('rejects malformed symmetry declarations where they are written', () => {
    expect(() => permutations({ ids: [1], permute: (s) => s })).toThrow(/at least two ids/);
    expect(() => permutations({ ids: [1, 1], permute: (s) => s })).toThrow(/distinct/);
    expect(() => permutations({ ids: [1, 2, 3, 4, 5, 6, 7, 8], permute: (s) => s })).toThrow(/signature/);
    expect(() => defineModel({ init: 0, actions: { a: { apply: (s: number) => s } }, symmetry: 3 as never })).toThrow(/symmetry must be a function/);
  });
});

describe('view: identity by a projection', () => {
  /** A counter to 3 with a step count that nothing reads. */
  const counter = defineModel({
    init: { n: 0, steps: 0 },
    actions: {
      up: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1, steps: s.steps + 1 }) },
      down: { enabled: (s) => s.n > 0, apply: (s) => ({ n: s.n - 1, steps: s.steps + 1 }) },
    },
    invariants: { small: (s) => s.n < 3 },
  });

  it('merges states by their view; the trace keeps the whole states', () => {
    const plain = check(counter, { maxStates: 50 });
    expect(plain.kind).toBe('invariant');
    const viewed = check(counter, { view: (s: { n: number }) => s.n });
    expect(viewed.kind).toBe('invariant');
    expect(viewed.trace.map((t) => t.state)).toEqual([
      { n: 0, steps: 0 },
      { n: 1, steps: 1 },
      { n: 2, steps: 2 },
      { n: 3, steps: 3 },
    ]);
    const safe = check(defineModel({ ...counterSpec(), invariants: {} }), { view: (s: { n: number }) => s.n });
    expect(safe.kind).toBe('ok');
    expect(safe.stats.states).toBe(4);
  });

  it('fails loudly on a view that leaves out what a guard reads', () => {
    const r = check(counter, { view: () => 0 });
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && String(r.error)).toMatch(/^ModelDefinitionError: view: |view: the check would merge states/);
  });

  it('rejects a view that is not a function', () => {
    expect(() => check(counter, { view: 'n' as never })).toThrow(/view must be a function/);
  });
});

function counterSpec() {
  return {
    init: { n: 0, steps: 0 },
    actions: {
      up: { enabled: (s: { n: number }) => s.n < 3, apply: (s: { n: number; steps: number }) => ({ n: s.n + 1, steps: s.steps + 1 }) },
      down: { enabled: (s: { n: number }) => s.n > 0, apply: (s: { n: number; steps: number }) => ({ n: s.n - 1, steps: s.steps + 1 }) },
    },
  };
}

/** TwoPhase(n)'s symmetry classes, by a search of its own: every state's least renaming, as JSON, over all n! renamings. */
function independentClasses(n: number): number {
  const m = twoPhase(n);
  const key = m.json as (s: unknown) => string;
  type TP = { rmState: string[]; tmState: string; tmPrepared: Set<number>; msgs: Set<{ type: string; rm?: number }> };
  const perms: number[][] = [];
  const build = (p: number[], rest: number[]): void => {
    if (rest.length === 0) perms.push(p);
    rest.forEach((x, i) => build([...p, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  build([], Array.from({ length: n }, (_, i) => i));
  const rename = (s: TP, p: number[]): TP => ({
    rmState: s.rmState.map((_, rm) => s.rmState[p.indexOf(rm)]),
    tmState: s.tmState,
    tmPrepared: new Set([...s.tmPrepared].map((rm) => p[rm])),
    msgs: new Set([...s.msgs].map((x) => (x.type === 'Prepared' ? { type: 'Prepared', rm: p[x.rm!] } : x))),
  });
  const seen = new Set<string>();
  const classes = new Set<string>();
  let frontier = [m.spec.init as TP];
  seen.add(key(frontier[0]));
  while (frontier.length > 0) {
    const next: TP[] = [];
    for (const s of frontier) {
      classes.add(perms.map((p) => key(rename(s, p))).sort()[0]);
      for (const a of Object.values(m.spec.actions) as { choices?: () => number[]; enabled?: (s: TP, c?: number) => boolean; apply: (s: TP, c?: number) => TP }[]) {
        for (const c of a.choices ? a.choices() : [undefined]) {
          if (a.enabled && !a.enabled(s, c)) continue;
          const t = a.apply(s, c);
          const k = key(t);
          if (!seen.has(k)) {
            seen.add(k);
            next.push(t);
          }
        }
      }
    }
    frontier = next;
  }
  return classes.size;
}

describe('permutations: ids by value (hostile18)', () => {
  it('ids that are records: the state holds a copy, renamed all the same', () => {
    const [A, B] = [{ id: 'a' }, { id: 'b' }];
    type Lock = { owner: { id: string } | null };
    const spec = {
      name: 'lock',
      init: { owner: null } as Lock,
      actions: {
        take: { choices: () => [A, B], enabled: (s: Lock) => s.owner === null, apply: (_s: Lock, who: { id: string }): Lock => ({ owner: who }) },
        free: { enabled: (s: Lock) => s.owner !== null, apply: (): Lock => ({ owner: null }) },
      },
    };
    const symmetry = permutations<Lock, { id: string }>({ ids: [A, B], permute: (s, to) => ({ owner: s.owner === null ? null : to(s.owner) }), signature: (s, id) => s.owner?.id === id.id });
    expect(check(defineModel(spec)).stats.states).toBe(3);
    const r = check(defineModel({ ...spec, symmetry }));
    expect(String(r.kind === 'error' ? r.error : '')).toBe('');
    expect(r.stats.states).toBe(2);
  });
  it('0 and -0 are two ids, as they are two values', () => {
    type V = { pos: string; neg: string };
    const key = (id: number) => (Object.is(id, -0) ? 'neg' : 'pos');
    const spec = {
      name: 'ids',
      init: { pos: 'none', neg: 'none' } as V,
      actions: { vote: { choices: () => [[0, 'yes'], [-0, 'yes']] as [number, string][], enabled: (s: V, [id]: [number, string]) => s[key(id)] === 'none', apply: (s: V, [id, v]: [number, string]): V => ({ ...s, [key(id)]: v }) } },
      terminal: (s: V) => s.pos !== 'none' && s.neg !== 'none',
    };
    const symmetry = permutations<V, number>({ ids: [0, -0], permute: (s, to) => ({ [key(to(0))]: s.pos, [key(to(-0))]: s.neg }) as V, signature: (s, id) => s[key(id)] });
    const r = check(defineModel({ ...spec, symmetry }));
    expect(String(r.kind === 'error' ? r.error : '')).toBe('');
    expect(r.stats.states).toBe(3);
  });
});

describe('permutations refuses a misspelt field (badinput21: signatures for signature was ignored)', () => {
  it('naming it and the nearest field', () => {
    expect(() => permutations({ ids: [0, 1], permute: (s: number) => s, signatures: () => 0 } as never)).toThrow("permutations: unknown field 'signatures' (did you mean 'signature'?); the fields are ids, permute, signature");
  });
});
