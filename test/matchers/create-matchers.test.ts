import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createMatchers,
  MatcherUsageError,
  toMatchAssumptionsSnapshotWith,
  type KripkeMatcherFunctions,
  type KripkeMatchers,
  type MatcherResult,
} from '../../src/matchers/index.js';
import { defineImplementation, defineModel } from '../../src/index.js';
import { context } from '../support/runner-context.js';
import { k8s, service } from '../support/models.js';

describe('createMatchers', () => {
  it('gives every matcher, ready for expect.extend', () => {
    expect(Object.keys(createMatchers()).sort()).toEqual(['toAccept', 'toBeDeadlockFree', 'toBeImplementedBy', 'toEventually', 'toReach', 'toReplay', 'toSatisfyInvariants', 'toSurvive']);
  });

  it('registers from one list: each matcher has its types, its doc page and a place in every type-test project', () => {
    // Checked by tsc (npm run typecheck): the types users see list exactly the registered matchers.
    expectTypeOf<keyof KripkeMatchers<void>>().toEqualTypeOf<keyof KripkeMatcherFunctions>();
    const names = Object.keys(createMatchers());
    const pages = readdirSync('docs/matchers').map((f) => f.replace(/\.md$/, ''));
    const projects = readdirSync('test/types', { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(projects.length).toBeGreaterThanOrEqual(5);
    for (const name of names) {
      expect(pages).toContain(name);
      for (const project of projects) expect(readFileSync(`test/types/${project.name}/matchers.ts`, 'utf8'), `${project.name} type test`).toContain(`.${name}(`);
    }
  });

  it("leaves the runner's context untouched", () => {
    const ctx = context();
    const result: MatcherResult = createMatchers({ renderMode: 'diff' }).toSurvive.call(ctx, service, k8s(false));
    expect(result.pass).toBe(false);
    expect(Object.keys(ctx).sort()).toEqual(['isNot', 'promise', 'utils']);
  });

  it('defaults to message mode: everything in the message, no actual/expected', () => {
    const result = createMatchers().toSurvive.call(context(), service, k8s(false));
    expect(result).not.toHaveProperty('actual');
    expect(result.message()).toContain('+ status: "unresponsive"');
  });

  it('works without the runner utils: plain hint, no colour', () => {
    const result = createMatchers().toSurvive.call({ isNot: false }, service, k8s(false));
    expect(result.message()).toMatch(/^expect\(service\)\.toSurvive\(k8s\)\n/);
    expect(result.message()).not.toContain('\u001b');
  });

  it("starts a usage error's stack at the caller of the matcher, without kripke's own frames", () => {
    const thrownBy = (f: () => unknown): Error => {
      try {
        f();
      } catch (error) {
        return error as Error;
      }
      throw new Error('expected a usage error');
    };
    const snapshot = toMatchAssumptionsSnapshotWith(() => ({ pass: true, message: () => '' }));
    for (const error of [
      thrownBy(() => createMatchers().toSatisfyInvariants.call(context(), 'service')),
      thrownBy(() => createMatchers().toSurvive.call(context(), service, 'k8s')),
      thrownBy(() => snapshot.call(context(), 42)),
    ]) {
      expect(error).toBeInstanceOf(MatcherUsageError);
      const frames = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
      expect(frames[0]).toContain('create-matchers.test.ts');
      expect(frames.some((f) => /[\\/]src[\\/]matchers[\\/]/.test(f))).toBe(false);
      expect(error.stack).toContain('Matcher error');
    }
  });

  it("starts an async matcher's usage error at its caller too (hostile19a: toBeImplementedBy pointed into kripke's files)", async () => {
    const counter = defineModel({ name: 'ctr', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) }, dec: { apply: (s: { n: number }) => ({ n: s.n - 1 }) } } });
    // The adapter forgets `dec`; and an option that does not exist.
    const impl = defineImplementation<{ n: number }, { n: number }>({ name: 'miss', create: () => ({ n: 0 }), actions: { inc: (c: { n: number }) => void c.n++ } as never, observe: (c) => ({ n: c.n }) });
    for (const args of [[impl], [impl, { cover: 'everything' }]] as const) {
      const error = await (createMatchers().toBeImplementedBy.call(context(), counter, ...args) as Promise<unknown>).then(
        () => new Error('expected a usage error'),
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(MatcherUsageError);
      const frames = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at '));
      expect(frames[0]).toContain('create-matchers.test.ts');
      expect(frames.some((f) => /[\\/]src[\\/](matchers|conformance)[\\/]/.test(f))).toBe(false);
      expect(error.stack).toContain('Matcher error');
    }
  });
});
