// The stand-ins the runner entries register (src/matchers/lazy.ts): the real
// matchers load on the first call, and the stand-ins behave as they do.
import { describe, expect, it } from 'vitest';
import { createMatchers, MatcherUsageError } from '../../src/matchers/index.js';
import { deferredMatchers, imported, MATCHER_NAMES, sharedRequire } from '../../src/matchers/lazy.js';
import { context } from '../support/runner-context.js';
import { k8s, service } from '../support/models.js';

describe('deferredMatchers', () => {
  it('stands in for every matcher createMatchers gives', () => {
    expect([...MATCHER_NAMES].sort()).toEqual(Object.keys(createMatchers()).sort());
  });

  it("loads the real matchers on the first call, once, and calls them with the runner's this and the arguments", () => {
    let loads = 0;
    const stand = deferredMatchers(MATCHER_NAMES, () => {
      loads += 1;
      return createMatchers();
    });
    expect(loads).toBe(0);
    const ctx = context();
    expect(stand.toSurvive.call(ctx, service, k8s(false)).pass).toBe(false);
    expect(stand.toSurvive.call(ctx, service, k8s(true)).pass).toBe(true);
    expect(stand.toSatisfyInvariants.call(ctx, service).pass).toBe(true);
    expect(loads).toBe(1);
  });

  it("starts a usage error's stack at the caller of the stand-in, and passes other errors on as they are", () => {
    const stand = deferredMatchers(MATCHER_NAMES, () => createMatchers());
    let usage: Error | undefined;
    try {
      stand.toSatisfyInvariants.call(context(), 'service');
    } catch (error) {
      usage = error as Error;
    }
    expect(usage).toBeInstanceOf(MatcherUsageError);
    const frames = (usage?.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
    expect(frames[0]).toContain('lazy.test.ts');
    expect(frames.some((f) => /[\\/]src[\\/]matchers[\\/]/.test(f))).toBe(false);

    const boom = new Error('boom');
    const stack = boom.stack;
    const failing = deferredMatchers(['toReach'], () => ({
      toReach: () => {
        throw boom;
      },
    }));
    expect(() => failing.toReach()).toThrow(boom);
    expect(boom.stack).toBe(stack);
  });
});

describe('sharedRequire', () => {
  const mine = { setRunner: () => undefined };

  it('gives the loader when it loads the very module the entry imported', () => {
    const load = (s: string) => (s === './matchers/runner.js' ? mine : undefined);
    expect(sharedRequire(() => load, './matchers/runner.js', mine)).toBe(load);
  });

  it('gives nothing when the loader loads another instance or throws (no require of ES modules, a vm sandbox, the sources)', () => {
    expect(sharedRequire(() => () => ({ ...mine }), './matchers/runner.js', mine)).toBeUndefined();
    const refuses = () => {
      throw Object.assign(new Error('require() of ES Module'), { code: 'ERR_REQUIRE_ESM' });
    };
    expect(sharedRequire(() => refuses, './matchers/runner.js', mine)).toBeUndefined();
    expect(
      sharedRequire(
        () => {
          throw new Error('no createRequire here');
        },
        './matchers/runner.js',
        mine,
      ),
    ).toBeUndefined();
  });

  it('imported: a loader of modules imported already', () => {
    const load = imported({ './a.js': mine });
    expect(load('./a.js')).toBe(mine);
    expect(load('./b.js')).toBeUndefined();
  });
});
