import { format } from 'pretty-format';
import { describe, expect, it } from 'vitest';
import { checkOpen } from '../../src/index.js';
import { assumptionsOf, type MatcherContext, snapshotSerializer, toMatchAssumptionsSnapshotWith } from '../../src/matchers/index.js';
import { context, tagged } from '../support/runner-context.js';
import { calm, k8s, service, surge } from '../support/models.js';

// A stand-in for the runner's snapshot matcher: records what it was given, passes.
function recorder() {
  const calls: { context: MatcherContext; value: unknown; hint: string | undefined }[] = [];
  const matcher = toMatchAssumptionsSnapshotWith((ctx, value, hint) => {
    calls.push({ context: ctx, value, hint });
    return { pass: true, message: () => '' };
  });
  return { calls, matcher };
}

describe('toMatchAssumptionsSnapshot', () => {
  it("hands the residual assumptions of an open result to the runner's snapshot, with the runner's own context", () => {
    const { calls, matcher } = recorder();
    const ctx = context();
    matcher.call(ctx, checkOpen(service, k8s(true)));
    expect(calls).toHaveLength(1);
    expect(calls[0].context).toBe(ctx);
    expect(calls[0].hint).toBeUndefined();
    expect((calls[0].value as { name: string }[]).map((a) => a.name)).toEqual(['node-capacity', 'eviction-rate-bounded']);
  });

  it('takes an environment or a list of them, and passes the hint on', () => {
    const { calls, matcher } = recorder();
    matcher.call(context(), [calm, surge], 'grid');
    expect(calls[0].hint).toBe('grid');
    expect(format(calls[0].value, { plugins: [snapshotSerializer], printBasicPrototype: false })).toMatchInlineSnapshot(`
      "[
        Assumption {
          "name": "stable-voltage",
          "environment": "grid",
          "status": "unverified",
          "description": "Mains voltage stays within 230 V ± 10 %",
        },
      ]"
    `);
  });

  it('refuses .not, a non-string hint and values without assumptions', () => {
    const { matcher } = recorder();
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return tagged((e as Error).message);
      }
      return 'did not throw';
    };
    expect(message(() => matcher.call(context(true), k8s(true)))).toContain('snapshot matchers cannot be used with .not');
    expect(message(() => matcher.call(context(), k8s(true), 3))).toContain('<green>hint</> must be a string');
    expect(message(() => matcher.call(context(), service))).toMatchInlineSnapshot(`
      "<dim>expect(</><red>service</><dim>).</>toMatchAssumptionsSnapshot<dim>()</>

      <bold>Matcher error</>: <red>received</> value must be the result of checkOpen(), an environment or a list of environments

      Received is a model: <red>"service"</>"
    `);
  });

  it('finds assumptions in open results, environments, lists of environments and lists of assumptions only', () => {
    const open = checkOpen(service, k8s(true));
    expect(assumptionsOf(open)).toBe(open.unverifiedAssumptions);
    expect(assumptionsOf(surge)?.map((a) => a.name)).toEqual(['stable-voltage']);
    expect(assumptionsOf(open.assumptions)).toBe(open.assumptions);
    expect(assumptionsOf([])).toEqual([]);
    expect(assumptionsOf(service)).toBeUndefined();
    expect(assumptionsOf([surge, 1])).toBeUndefined();
  });
});
