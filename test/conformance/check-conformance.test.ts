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
    expect(byValue.kind === 'divergence' && byValue.divergence).toEqual({ step: 3, action: 'inc', expected: { n: 3 }, observed: { n: 4 }, disabled: 'inc' });
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
      await expect(checkConformance(counter, boxImpl(), { maxStats: 1 } as never)).rejects.toThrow("unknown option 'maxStats'");
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
