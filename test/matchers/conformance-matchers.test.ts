import { describe, expect, it } from 'vitest';
import { createMatchers, type MatcherResult } from '../../src/matchers/index.js';
import { defineImplementation, defineModel } from '../../src/index.js';
import { context, tagged, thrown } from '../support/runner-context.js';

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

const box = (wrapAt = -1, name = 'box') =>
  defineImplementation<Count, { n: number }>({
    name,
    create: () => ({ n: 0 }),
    actions: { inc: (b) => void (b.n = b.n === wrapAt ? 0 : b.n + 1), reset: (b) => void (b.n = 0) },
    observe: (b) => ({ n: b.n }),
  });

const implementedBy = async (received: unknown, args: unknown[], options: { not?: boolean; mode?: 'diff' | 'message' } = {}) => {
  const matcher = createMatchers({ renderMode: options.mode ?? 'message' }).toBeImplementedBy as (this: unknown, ...a: unknown[]) => Promise<MatcherResult>;
  const result = await matcher.call(context(options.not), received, ...args);
  return { ...result, message: tagged(result.message()) };
};

describe('toBeImplementedBy', () => {
  it('passes on a conforming implementation; .not says what it expected', async () => {
    const r = await implementedBy(counter, [box()], { not: true });
    expect(r.pass).toBe(true);
    expect(r.message).toMatchSnapshot();
  });

  it('fails with the shortest diverging path and the differences at the diverging step (Jest: in the message)', async () => {
    const r = await implementedBy(counter, [box(2)]);
    expect(r.pass).toBe(false);
    expect(r).not.toHaveProperty('actual');
    expect(r.message).toMatchSnapshot();
  });

  it('under Vitest hands expected and observed to the runner diff', async () => {
    const r = await implementedBy(counter, [box(2, 'wraps early')], { mode: 'diff' });
    expect([r.pass, r.expected, r.actual]).toEqual([false, { n: 3 }, { n: 0 }]);
    expect(r.message).toMatchSnapshot();
  });

  it('shows what the implementation threw, with its stack', async () => {
    const throwing = defineImplementation<Count, { n: number }>({
      create: () => ({ n: 0 }),
      actions: { inc: () => { throw new TypeError('no inc today'); }, reset: () => undefined },
      observe: (b) => ({ n: b.n }),
    });
    const r = await implementedBy(counter, [throwing]);
    expect(r.message).toContain('implementation threw</> at step 1 (inc), where the model enables it:');
    expect(r.message).toContain('TypeError: no inc today');
    expect(r.message).toMatch(/at .*conformance-matchers\.test\.ts/);
  });

  it('shows a throw with no reason as a throw, and hands the runner no diff for it (throw undefined)', async () => {
    const throwing = defineImplementation<Count, { n: number }>({
      create: () => ({ n: 0 }),
      actions: { inc: () => Promise.reject(), reset: () => undefined },
      observe: (b) => ({ n: b.n }),
    });
    const r = await implementedBy(counter, [throwing], { mode: 'diff' });
    expect(r).not.toHaveProperty('actual');
    expect(r.message).toMatchSnapshot();
  });

  it('under Vitest hands the runner no values that do not differ: an accepted disabled action that changed nothing', async () => {
    const r = await implementedBy(counter, [box(-1, 'lax'), { refuses: true }], { mode: 'diff' });
    expect(r.pass).toBe(false);
    expect(r).not.toHaveProperty('actual');
    expect(r).not.toHaveProperty('expected');
    expect(r.message).toMatchSnapshot();
  });

  it('says an implementation refused a disabled action, then showed another state', async () => {
    const sneaky = defineImplementation<Count, { n: number }>({
      name: 'sneaky',
      create: () => ({ n: 0 }),
      actions: {
        inc: (b) => {
          if (b.n >= 3) throw new Error('full');
          b.n++;
        },
        reset: (b) => {
          if (b.n === 0) {
            b.n = 7;
            throw new Error('nothing to reset');
          }
          b.n = 0;
        },
      },
      observe: (b) => ({ n: b.n }),
    });
    const r = await implementedBy(counter, [sneaky, { refuses: true }]);
    expect(r.message).toMatchSnapshot();
  });

  it('throws a usage error for a missing mapping, naming it', async () => {
    const partial = defineImplementation<Count, { n: number }>({ create: () => ({ n: 0 }), actions: { inc: () => 0 }, observe: () => 0 });
    await expect(implementedBy(counter, [partial])).rejects.toThrow("maps no action 'reset' of model 'counter'");
    expect(thrown(() => createMatchers().toBeImplementedBy.call(context(), counter, { create: 1 } as never))).toMatchSnapshot();
  });
});

describe('toAccept', () => {
  const accept = (events: unknown, not = false) => {
    const result = createMatchers().toAccept.call(context(not), counter, events as never);
    return { ...result, message: tagged(result.message()) };
  };

  it('passes when a behaviour explains the events', () => {
    const r = accept([{ action: 'inc' }, { action: 'inc', state: { n: 2 } }], true);
    expect(r.pass).toBe(true);
    expect(r.message).toMatchSnapshot();
  });

  it('fails at the first unexplained event, with the candidate successors as a diff', () => {
    const r = accept('{"action":"inc"}\n{"action":"inc","state":{"n":3}}\n');
    expect(r.pass).toBe(false);
    expect(r.message).toMatchSnapshot();
  });

  it('throws a usage error naming the line of a malformed log', () => {
    expect(thrown(() => accept('{"action":"inc"}\nnot json\n'))).toMatch(/Matcher error<\/>: checkTrace: line 2 is not JSON/);
  });
});
