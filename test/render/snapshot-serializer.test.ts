import { format } from 'pretty-format';
import { describe, expect, it } from 'vitest';
import { check, checkOpen } from '../../src/index.js';
import { isAssumption, isCheckResult, isOpenResult, snapshotSerializer } from '../../src/render/snapshot-serializer.js';
import { k8s, lamp, service, stuck, surge, throwing } from '../support/models.js';

const print = (value: unknown, options: { min?: boolean } = {}) =>
  format(value, { plugins: [snapshotSerializer], printBasicPrototype: false, escapeString: false, ...options });

describe('snapshotSerializer', () => {
  it('prints a result with its summary and counts, never its duration or collision estimate', () => {
    const text = print(check(stuck));
    expect(text).not.toContain('durationMs');
    expect(text).not.toContain('collisionProbability');
    expect(text).toMatchInlineSnapshot(`
      "CheckResult {
        "ok": false,
        "kind": "deadlock",
        "summary": "deadlock after 2 steps: no action is enabled and the state is not terminal",
        "trace": [
          {
            "action": null,
            "state": {
              "n": 0,
            },
          },
          {
            "action": "inc",
            "state": {
              "n": 1,
            },
          },
          {
            "action": "inc",
            "state": {
              "n": 2,
            },
          },
        ],
        "stats": {
          "depth": 2,
          "states": 3,
          "transitions": 2,
        },
        "coverage": [
          {
            "action": "inc",
            "enabled": 2,
            "newStates": 2,
          },
        ],
      }"
    `);
  });

  it('prints the same text for two runs of the same check', () => {
    expect(print(checkOpen(service, k8s(true)))).toBe(print(checkOpen(service, k8s(true))));
  });

  it("prints a user's error as name and message, without the stack and its machine paths", () => {
    const text = print(check(throwing));
    expect(text).toContain('"error": [RangeError: balance would go negative]');
    expect(text).toContain('"errorSource": {\n    "kind": "action",\n    "name": "withdraw",\n  }');
    expect(text).not.toContain('bank.ts');
  });

  it('prints an open result with its environments, result and every assumption with its status', () => {
    const text = print(checkOpen(lamp, surge));
    expect(text).toMatch(/^OpenResult \{\n {2}"ok": false,\n {2}"summary": "guarantee 'never-burnt' of environment 'grid' violated after 2 steps; 1 unverified assumption",\n {2}"environments": \[\n {4}"grid",\n {2}\],\n {2}"result": CheckResult \{/);
    expect(text).toContain('"guaranteeOf": "grid"');
    expect(text).toContain('"status": "verified"');
    expect(text).toContain('"source": "building code §4.2"');
  });

  it('prints assumptions in a reading order, and on one line in min mode', () => {
    const [a] = checkOpen(service, k8s(true)).unverifiedAssumptions;
    expect(print(a, { min: true })).toBe(
      'Assumption {"name": "node-capacity", "environment": "k8s", "status": "unverified", "description": "At least one schedulable node is always available after eviction", "source": "Kubernetes docs: Pod Lifecycle (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/)"}',
    );
  });

  it('recognises results and assumptions by shape, and nothing else', () => {
    const open = checkOpen(service, k8s(true));
    expect(isOpenResult(open)).toBe(true);
    expect(isCheckResult(open.result)).toBe(true);
    expect(isAssumption(open.assumptions[0])).toBe(true);
    expect(snapshotSerializer.test({ ...open.assumptions[0], extra: 1 })).toBe(false);
    expect(snapshotSerializer.test({ ok: true, kind: 'ok' })).toBe(false);
    expect(snapshotSerializer.test(null)).toBe(false);
    expect(snapshotSerializer.test([open.assumptions[0]])).toBe(false); // the list prints as a list; its items use the plugin
  });

  it('stops at the depth limit like pretty-format does', () => {
    expect(format({ r: check(stuck) }, { plugins: [snapshotSerializer], maxDepth: 1 })).toContain('"r": [CheckResult]');
  });
});
