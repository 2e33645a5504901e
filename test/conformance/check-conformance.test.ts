import { describe, expect, it, vi } from 'vitest';
import { checkConformance, defineEnvironment, defineImplementation, defineModel, KripkeError, StepTimeoutError } from '../../src/index.js';

/** A counter from 0 to 3: inc (while < 3), reset (when > 0). */
interface Count {
  n: number;
}
const counter = defineModel<Count>({
  name: 'counter',
  init: { n: 0 },
  actions: {
    inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) },
    reset: { enabled: (s) => s.n > 0, apply: () => ({ n: 0 }) },
  },
});

class Box {
  n = 0;
}

/** A real counter; `wrapAt` makes inc wrap to 0 from there (a bug three steps deep). */
const boxImpl = (options: { wrapAt?: number; log?: string[]; async?: boolean } = {}) =>
  defineImplementation<Count, Box>({
    name: 'box',
    create: () => {
      options.log?.push('create');
      return new Box();
    },
    actions: {
      inc: async (b) => {
        if (options.async === true) await new Promise((r) => setTimeout(r, 1));
        b.n = b.n === options.wrapAt ? 0 : b.n + 1;
      },
      reset: (b) => {
        b.n = 0;
      },
    },
    observe: (b) => ({ n: b.n }),
    dispose: () => void options.log?.push('dispose'),
  });

describe('checkConformance', () => {
  it('passes when the code does what the model does, covering every reachable transition', async () => {
    const r = await checkConformance(counter, boxImpl({ async: true }));
    expect(r.ok).toBe(true);
    expect(r.kind).toBe('ok');
    // 4 states; edges: inc ×3, reset ×3.
    expect(r.stats.transitions).toEqual({ covered: 6, total: 6 });
    // Tree edges with edges after them are prefixes of other paths: 3 resets and the last inc.
    expect(r.stats.paths).toBe(3);
    expect(r.stats.steps).toBe(2 + 3 + 4);
    expect(String(r)).toBe('conforms — 3 paths, 9 steps, 6/6 transitions covered');
  });

  it('reports the shortest diverging path, with expected and observed at the diverging step', async () => {
    const r = await checkConformance(counter, boxImpl({ wrapAt: 2 }));
    expect(r.kind).toBe('divergence');
    if (r.kind !== 'divergence') return;
    expect(r.divergence).toEqual({ step: 3, action: 'inc', expected: { n: 3 }, observed: { n: 0 } });
    expect(r.trace.map((s) => s.action)).toEqual([null, 'inc', 'inc', 'inc']);
    expect(r.trace).toHaveLength(r.divergence.step + 1);
    expect(String(r)).toMatch(/^diverges at step 3 \(inc\): the implementation shows another state — /);
  });

  it('finds the shortest divergence even when a longer path meets it first', async () => {
    // Two branches: x's path (toX, fromX) runs first and diverges at step 2;
    // toY alone diverges at step 1, on a path run later: step 1 is reported.
    interface Pos {
      at: string;
    }
    const go = (from: string, to: string) => ({ enabled: (s: Pos) => s.at === from, apply: () => ({ at: to }) });
    const branches = defineModel<Pos>({
      name: 'branches',
      init: { at: 'start' },
      actions: { toX: go('start', 'x'), toY: go('start', 'y'), fromX: go('x', 'xx'), fromY: go('y', 'yy') },
      terminal: () => true,
    });
    const impl = defineImplementation<Pos, Pos>({
      create: () => ({ at: 'start' }),
      actions: { toX: (p) => void (p.at = 'x'), toY: (p) => void (p.at = 'Y'), fromX: (p) => void (p.at = 'XX'), fromY: (p) => void (p.at = 'yy') },
      observe: (p) => ({ at: p.at }),
    });
    const r = await checkConformance(branches, impl);
    expect(r.kind === 'divergence' && [r.divergence.step, r.trace.map((s) => s.action)]).toEqual([1, [null, 'toY']]);
    // It was found on a second try of the later path, cut short at step 1.
    expect(r.stats.paths).toBe(2);
  });

  it("makes a throwing action a divergence carrying the SUT's own error and stack", async () => {
    const impl = defineImplementation<Count, Box>({
      create: () => new Box(),
      actions: {
        inc: (b) => {
          if (b.n === 1) throw new RangeError('counter full');
          b.n++;
        },
        reset: (b) => void (b.n = 0),
      },
      observe: (b) => ({ n: b.n }),
    });
    const r = await checkConformance(counter, impl);
    expect(r.kind).toBe('divergence');
    if (r.kind !== 'divergence') return;
    expect(r.divergence.step).toBe(2);
    expect(r.divergence.thrown).toBeInstanceOf(RangeError);
    expect((r.divergence.thrown as Error).stack).toContain('check-conformance.test.ts');
    expect(String(r)).toContain("the implementation throws on 'inc'");
  });

  it('runs dispose after every path, passing or not', async () => {
    const log: string[] = [];
    await checkConformance(counter, boxImpl({ wrapAt: 2, log }));
    expect(log.filter((l) => l === 'create').length).toBeGreaterThan(0);
    expect(log.filter((l) => l === 'dispose').length).toBe(log.filter((l) => l === 'create').length);
  });

  it('never passes a hang: a step past stepTimeout is an error naming the step, and dispose still runs', async () => {
    let disposed = 0;
    const impl = defineImplementation<Count, Box>({
      create: () => new Box(),
      actions: { inc: (b) => (b.n === 1 ? new Promise(() => undefined) : void b.n++), reset: (b) => void (b.n = 0) },
      observe: (b) => ({ n: b.n }),
      dispose: () => void disposed++,
    });
    const r = await checkConformance(counter, impl, { stepTimeout: 20 });
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.error).toBeInstanceOf(StepTimeoutError);
    expect(r.source).toBe("action 'inc'");
    expect(String(r)).toBe("error in action 'inc' after 2 steps: StepTimeoutError: action 'inc' did not settle within 20 ms");
    expect(disposed).toBeGreaterThan(0);
  });

  it('times a hanging step out under fake timers too (the test that installed them must not hang)', async () => {
    vi.useFakeTimers();
    try {
      const impl = defineImplementation<Count, Box>({
        create: () => new Box(),
        actions: { inc: () => new Promise(() => undefined), reset: () => undefined },
        observe: (b) => ({ n: b.n }),
      });
      const r = await checkConformance(counter, impl, { stepTimeout: 20 });
      expect(r.kind === 'error' && r.error).toBeInstanceOf(StepTimeoutError);
    } finally {
      vi.useRealTimers();
    }
  }, 5_000);

  it('gives incomplete, never a pass, when a budget runs out', async () => {
    const paths = await checkConformance(counter, boxImpl(), { maxPaths: 2 });
    expect(paths.ok).toBe(false);
    expect(paths.kind === 'incomplete' && [paths.budget, paths.limit]).toEqual(['maxPaths', 2]);
    const states = await checkConformance(counter, boxImpl(), { maxStates: 2 });
    expect(states.kind === 'incomplete' && states.budget).toBe('maxStates');
    expect(String(states)).toMatch(/^incomplete — the maxStates budget \(2\) ran out: nothing is proven/);
  });

  it('runs every path up to depth with cover: paths', async () => {
    const r = await checkConformance(counter, boxImpl(), { cover: 'paths', depth: 3 });
    expect(r.ok).toBe(true);
    // From 0: inc; from 1: inc|reset; from 2: inc|reset; from 0 again: inc → paths of 3 steps:
    // inc inc inc, inc inc reset, inc reset inc.
    expect(r.stats.paths).toBe(3);
    expect(r.stats.steps).toBe(9);
  });

  it('runs paths concurrently with the same verdict', async () => {
    const one = await checkConformance(counter, boxImpl({ wrapAt: 2, async: true }));
    const four = await checkConformance(counter, boxImpl({ wrapAt: 2, async: true }), { concurrency: 4 });
    expect(four.kind === 'divergence' && four.divergence).toEqual(one.kind === 'divergence' && one.divergence);
  });

  it('matches the observation against every choice for an action in chooses', async () => {
    interface Coin {
      side: 'none' | 'heads' | 'tails';
    }
    const coin = defineModel<Coin>({
      name: 'coin',
      init: { side: 'none' },
      actions: { toss: { choices: () => ['heads', 'tails'] as const, enabled: (s) => s.side === 'none', apply: (_, side: 'heads' | 'tails') => ({ side }) } },
      terminal: () => true,
    });
    const impl = (sides: readonly string[]) =>
      defineImplementation<Coin, { side: string }>({
        create: () => ({ side: 'none' }),
        actions: { toss: (c) => void (c.side = sides[Math.floor(Math.random() * sides.length)]) },
        chooses: ['toss'],
        observe: (c) => ({ side: c.side }),
      });
    expect((await checkConformance(coin, impl(['heads', 'tails']))).ok).toBe(true);
    const edge = await checkConformance(coin, impl(['edge']));
    expect(edge.kind === 'divergence' && edge.divergence).toEqual({
      step: 1,
      action: 'toss',
      expected: { side: 'heads' },
      observed: { side: 'edge' },
      candidates: [{ side: 'heads' }, { side: 'tails' }],
    });
  });

  it('with refuses, tries each disabled action: accepting one is a divergence', async () => {
    const strict = defineImplementation<Count, Box>({
      create: () => new Box(),
      actions: {
        inc: (b) => {
          if (b.n >= 3) throw new Error('full');
          b.n++;
        },
        reset: (b) => {
          if (b.n === 0) throw new Error('already 0');
          b.n = 0;
        },
      },
      observe: (b) => ({ n: b.n }),
    });
    expect((await checkConformance(counter, strict, { refuses: true })).ok).toBe(true);
    const lax = await checkConformance(counter, boxImpl(), { refuses: true });
    expect(lax.kind === 'divergence' && lax.divergence).toEqual({ step: 0, action: null, expected: { n: 0 }, observed: { n: 0 }, disabled: 'reset' });
    expect(String(lax)).toContain("accepts 'reset', which the model disables");
    // Refused by its return value (the function form), yet `inc` at 3 still counted on: a divergence.
    const byValue = await checkConformance(counter, boxImpl(), { refuses: (returned) => returned === undefined });
    expect(byValue.kind === 'divergence' && byValue.divergence).toEqual({ step: 3, action: 'inc', expected: { n: 3 }, observed: { n: 4 }, disabled: 'inc', refused: true });
  });

  it("drives environment behaviors through their labels", async () => {
    const glitch = defineEnvironment<Count>({ name: 'power', behaviors: { cut: { enabled: (s) => s.n > 0, apply: () => ({ n: 0 }) } } });
    const impl = defineImplementation<Count, Box>({
      create: () => new Box(),
      actions: { inc: (b) => void b.n++, reset: (b) => void (b.n = 0), 'power:cut': (b) => void (b.n = 0) },
      observe: (b) => ({ n: b.n }),
    });
    const r = await checkConformance(counter, impl, { environments: glitch });
    expect(r.ok && r.stats.transitions).toEqual({ covered: 9, total: 9 });
  });

  describe('review of issue 10', () => {
    it('gives the implementation a copy of the choice: mutating it cannot rewrite what the model expects (defect 1)', async () => {
      interface Store {
        item: { id: number; hits: number } | null;
      }
      const store = defineModel<Store>({
        name: 'store',
        init: { item: null },
        actions: {
          put: { choices: () => [{ id: 1, hits: 0 }], enabled: (s) => s.item === null, apply: (_, c: { id: number; hits: number }) => ({ item: c }) },
          touch: { enabled: (s) => s.item !== null, apply: (s) => s },
        },
      });
      // The bug: touch bumps the stored object in place, the very object `put` was given.
      const impl = defineImplementation<Store, Map<number, { id: number; hits: number }>>({
        create: () => new Map(),
        actions: { put: (m, c: { id: number; hits: number }) => void m.set(c.id, c), touch: (m) => m.forEach((v) => void v.hits++) },
        observe: (m) => ({ item: m.size > 0 ? structuredClone(m.get(1)) : null }),
      });
      const r = await checkConformance(store, impl);
      expect(r.kind === 'divergence' && r.divergence).toEqual({ step: 2, action: 'touch', expected: { item: { id: 1, hits: 0 } }, observed: { item: { id: 1, hits: 1 } } });
    });

    it('observes every initial state, one with no transition too (defect 2)', async () => {
      const still = defineModel<Count>({ name: 'still', init: { n: 0 }, actions: { inc: { enabled: (s) => s.n > 5, apply: (s) => ({ n: s.n + 1 }) } } });
      const wrong = defineImplementation<Count, Box>({ create: () => Object.assign(new Box(), { n: 42 }), actions: { inc: (b) => void b.n++ }, observe: (b) => ({ n: b.n }) });
      const r = await checkConformance(still, wrong);
      expect(r.kind === 'divergence' && r.divergence).toEqual({ step: 0, action: null, expected: { n: 0 }, observed: { n: 42 } });
      const two = defineModel<Count>({ name: 'two', initStates: [{ n: 0 }, { n: 10 }], actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) } } });
      const fromZero = defineImplementation<Count, Box>({ create: () => new Box(), actions: { inc: (b) => void b.n++ }, observe: (b) => ({ n: b.n }) });
      const both = await checkConformance(two, fromZero);
      expect(both.kind === 'divergence' && both.divergence).toEqual({ step: 0, action: null, expected: { n: 10 }, observed: { n: 0 } });
      expect(String(await checkConformance(still, fromZero))).toBe('conforms — 1 path, 0 steps, 0/0 transitions covered');
    });

    it('with refuses, tries an action whose choices yield none, with the choices it takes elsewhere (defect 3)', async () => {
      interface Lock {
        holder: string | null;
      }
      const lax = defineImplementation<Lock, Lock>({
        create: () => ({ holder: null }),
        actions: {
          acquire: (l, p: string) => {
            if (l.holder !== null) throw new Error('held');
            l.holder = p;
          },
          release: (l) => void (l.holder = null),
        },
        observe: (l) => ({ holder: l.holder }),
      });
      const acquire = { choices: () => ['p1', 'p2'], enabled: (s: Lock) => s.holder === null, apply: (_: Lock, p: string) => ({ holder: p }) };
      // release written with choices that yield none when nobody holds the lock, then with an enabled guard: the same model.
      const byChoices = defineModel<Lock>({ name: 'lock', init: { holder: null }, actions: { acquire, release: { choices: (s) => (s.holder === null ? [] : [s.holder]), apply: () => ({ holder: null }) } } });
      const byGuard = defineModel<Lock>({ name: 'lock', init: { holder: null }, actions: { acquire, release: { choices: () => ['p1', 'p2'], enabled: (s, p) => s.holder === p, apply: () => ({ holder: null }) } } });
      for (const model of [byChoices, byGuard]) {
        const r = await checkConformance(model, lax, { refuses: true });
        expect(r.kind === 'divergence' && r.divergence).toEqual({ step: 0, action: null, expected: { holder: null }, observed: { holder: null }, disabled: 'release(p1)' });
      }
      // An action that never has a choice anywhere is tried without one.
      const never = defineModel<Count>({ name: 'never', init: { n: 0 }, actions: { take: { choices: () => [], apply: (s) => s } } });
      const accepts = defineImplementation<Count, Box>({ create: () => new Box(), actions: { take: () => undefined }, observe: (b) => ({ n: b.n }) });
      const r = await checkConformance(never, accepts, { refuses: true });
      expect(r.kind === 'divergence' && r.divergence.disabled).toBe('take');
    });

    it('reports the observation as it was when compared, not after dispose (defect 5)', async () => {
      interface List {
        xs: number[];
      }
      const list = defineModel<List>({ name: 'list', init: { xs: [] }, actions: { push: { enabled: (s) => s.xs.length < 2, apply: (s) => ({ xs: [...s.xs, 1] }) } } });
      const impl = defineImplementation<List, List>({
        create: () => ({ xs: [] }),
        actions: { push: (l) => void l.xs.push(2) },
        observe: (l) => ({ xs: l.xs }), // a live reference
        dispose: (l) => void (l.xs.length = 0),
      });
      const r = await checkConformance(list, impl);
      expect(r.kind === 'divergence' && r.divergence).toEqual({ step: 1, action: 'push', expected: { xs: [1] }, observed: { xs: [2] } });
    });

    it('under maxPaths, reports a divergence only when no shorter one can hide in the paths left out (defect 6)', async () => {
      interface AB {
        as: number;
        bs: number;
      }
      const ab = defineModel<AB>({
        name: 'ab',
        init: { as: 0, bs: 0 },
        actions: { a: { enabled: (s) => s.as < 5, apply: (s) => ({ ...s, as: s.as + 1 }) }, b: { enabled: (s) => s.bs < 5, apply: (s) => ({ ...s, bs: s.bs + 1 }) } },
      });
      const brokenB = defineImplementation<AB, AB>({ create: () => ({ as: 0, bs: 0 }), actions: { a: (s) => void s.as++, b: (s) => void (s.bs += 2) }, observe: (s) => ({ ...s }) });
      // Paths that part early come first: two paths cover a and b from the start.
      const paths = await checkConformance(ab, brokenB, { cover: 'paths', depth: 3, maxPaths: 2 });
      expect(paths.kind === 'divergence' && paths.divergence.step).toBe(1);
      const one = await checkConformance(ab, brokenB, { cover: 'paths', depth: 3, maxPaths: 1 });
      expect(one.kind === 'incomplete' && [one.budget, one.limit]).toEqual(['maxPaths', 1]);
      for (const maxPaths of [1, 2, 3]) {
        const r = await checkConformance(ab, brokenB, { maxPaths });
        expect(r.kind === 'incomplete' || (r.kind === 'divergence' && r.divergence.step === 1)).toBe(true);
      }
    });

    it('after the implementation chose another way, counts only the steps it ran and tries the rest of the plan again (defect 7)', async () => {
      interface P {
        p: string;
      }
      const at = (p: string) => (s: P) => s.p === p;
      const go = (q: string) => () => ({ p: q });
      const coin = defineModel<P>({
        name: 'coin',
        init: { p: '' },
        actions: {
          toss: { choices: () => ['H', 'T'], enabled: at(''), apply: (_, c: string) => ({ p: c }) },
          x: { enabled: at('H'), apply: go('HX') },
          z: { enabled: at('T'), apply: go('TZ') },
          v: { enabled: at('HX'), apply: go('HXV') },
          v2: { enabled: at('HX'), apply: go('HXV2') },
          w: { enabled: at('TZ'), apply: go('TZW') },
          u: { enabled: at('HXV'), apply: go('HXVU') },
        },
      });
      let created = 0;
      // Tails on its first two systems, heads afterwards; x (after heads) and w (after tails) are broken.
      const impl = defineImplementation<P, P & { id: number }>({
        chooses: ['toss'],
        create: () => ({ p: '', id: ++created }),
        observe: (s) => ({ p: s.p }),
        actions: {
          toss: (s) => void (s.p = s.id <= 2 ? 'T' : 'H'),
          x: (s) => void (s.p = 'HX-broken'),
          z: (s) => void (s.p = 'TZ'),
          v: (s) => void (s.p = 'HXV'),
          v2: (s) => void (s.p = 'HXV2'),
          w: (s) => void (s.p = 'TZW-broken'),
          u: (s) => void (s.p = 'HXVU'),
        },
      });
      const r = await checkConformance(coin, impl);
      expect(r.kind === 'divergence' && [r.divergence.step, r.divergence.action]).toEqual([2, 'x']);
    });

    it('takes a throw with no reason (throw undefined, Promise.reject()) as a throw (defect 8)', async () => {
      for (const inc of [
        (b: Box) => {
          if (b.n === 1) throw undefined;
          b.n++;
        },
        (b: Box) => (b.n === 1 ? Promise.reject() : void b.n++),
      ]) {
        const impl = defineImplementation<Count, Box>({ create: () => new Box(), actions: { inc, reset: (b) => void (b.n = 0) }, observe: (b) => ({ n: b.n }) });
        const r = await checkConformance(counter, impl);
        expect(r.kind === 'divergence' && Object.hasOwn(r.divergence, 'thrown') && r.divergence.thrown).toBe(undefined);
        expect(String(r)).toMatch(/^diverges at step 2 \(inc\): the implementation throws on 'inc' — /);
      }
    });

    it('says an implementation that refused a disabled action but changed its state refused it (defect 10)', async () => {
      const sneaky = defineImplementation<Count, Box>({
        create: () => new Box(),
        actions: {
          inc: (b) => {
            if (b.n >= 3) throw new Error('full');
            b.n++;
          },
          reset: (b) => {
            if (b.n === 0) {
              b.n = 7;
              throw undefined;
            }
            b.n = 0;
          },
        },
        observe: (b) => ({ n: b.n }),
      });
      const r = await checkConformance(counter, sneaky, { refuses: true });
      expect(String(r)).toMatch(/^diverges at step 0 \(the initial state\): the implementation refuses 'reset', which the model disables, but then shows another state — /);
    });
  });

  describe('usage errors', () => {
    it('names a missing action mapping, and one the model does not have', async () => {
      const missing = defineImplementation<Count, Box>({ create: () => new Box(), actions: { inc: () => undefined }, observe: () => ({}) });
      await expect(checkConformance(counter, missing)).rejects.toThrow(
        "checkConformance: implementation maps no action 'reset' of model 'counter'; add it to defineImplementation({ actions })",
      );
      const extra = defineImplementation<Count, Box>({ create: () => new Box(), actions: { inc: () => 0, reset: () => 0, rset: () => 0 }, observe: () => ({}) });
      await expect(checkConformance(counter, extra)).rejects.toThrow("implementation maps 'rset', which model 'counter' does not have; its actions are 'inc', 'reset'");
    });

    it('rejects a malformed adapter at definition, naming the field', () => {
      expect(() => defineImplementation({ create: () => 0, actions: { inc: 1 as never }, observe: () => 0 })).toThrow("defineImplementation: action 'inc' must be a function");
      expect(() => defineImplementation({ create: () => 0, actions: {}, observe: () => 0, obsrve: 1 } as never)).toThrow("unknown field 'obsrve'");
      expect(() => defineImplementation({ create: 1, actions: {}, observe: () => 0 } as never)).toThrow("'create' must be a function, got number 1");
    });

    it('rejects bad options and a chooses that names no action with choices', async () => {
      await expect(checkConformance(counter, boxImpl(), { cover: 'edges' as never })).rejects.toThrow("cover must be 'transitions' or 'paths'");
      await expect(checkConformance(counter, boxImpl(), { concurrency: 0 })).rejects.toThrow('concurrency must be a positive integer, got number 0');
      await expect(checkConformance(counter, boxImpl(), { maxStats: 1 } as never)).rejects.toThrow(
        "checkConformance: unknown option 'maxStats'; the options are environments, cover, depth, maxPaths, stepTimeout, concurrency, refuses, maxStates, maxDepth, timeout, exact, maxCollisionProbability",
      );
      const chooser = defineImplementation<Count, Box>({ create: () => new Box(), actions: { inc: () => 0, reset: () => 0 }, chooses: ['inc'], observe: () => ({}) });
      await expect(checkConformance(counter, chooser)).rejects.toBeInstanceOf(KripkeError);
    });

    it('makes a non-plain observation an error naming the path', async () => {
      const impl = defineImplementation<Count, Box>({ create: () => new Box(), actions: { inc: () => 0, reset: () => 0 }, observe: (b) => ({ n: b.n, box: b }) });
      const r = await checkConformance(counter, impl);
      expect(r.kind === 'error' && [r.source, String(r.error)]).toEqual(['observe', expect.stringContaining('observed.box')]);
    });
  });
});

describe('a projection that reads as undefined (badinput21: observe and project misspelt alike conformed at every step)', () => {
  const counter = defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { enabled: (s: { n: number }) => s.n < 3, apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, terminal: (s) => s.n === 3 });
  it('is an error of project, naming the state and what to return instead', async () => {
    const wrong = defineImplementation({
      create: () => ({ n: 0 }),
      actions: { inc: (sut: { n: number }) => { sut.n -= 1; } },
      observe: (sut: { n: number }) => (sut as unknown as { count: number }).count,
      project: (s: { n: number }) => (s as unknown as { count: number }).count,
    });
    const r = await checkConformance(counter, wrong);
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ kind: 'error', source: 'project' });
    expect(String((r as { error: Error }).error.message)).toBe('project returned undefined for {n:0}: a misspelt field reads as undefined, and an observation that reads one too would match it at every step; return the value to compare (null for nothing)');
  });
});
