import { describe, expect, it } from 'vitest';
import { check, checkOpen } from '../../src/index.js';
import { k8s, service } from '../../docs/examples/k8s-scheduler.js';

describe('the k8s scheduler story', () => {
  it('passes as a closed model', () => {
    const r = check(service);
    expect(r.ok).toBe(true);
    expect(String(r)).toBe('OK — 3 states, no violations');
  });

  it('breaks always-responsive under fragile eviction, after start and k8s:evict-pod', () => {
    const r = checkOpen(service, k8s(false)).result;
    expect(r.kind).toBe('invariant');
    expect(r.invariant).toBe('always-responsive');
    expect(r.trace.map((s) => s.action)).toEqual([null, 'start', 'k8s:evict-pod']);
    expect(r.trace[2]).toMatchObject({ environment: 'k8s', state: { status: 'unresponsive' } });
    expect(String(r)).toBe("invariant 'always-responsive' violated after 2 steps");
  });

  it('survives resilient eviction in 12 states with two residual obligations', () => {
    const open = checkOpen(service, k8s(true));
    expect(open.ok).toBe(true);
    expect(open.result.stats.states).toBe(12);
    expect(open.unverifiedAssumptions.map((a) => [a.name, a.environment, a.source])).toEqual([
      ['node-capacity', 'k8s', 'Kubernetes docs: Pod Lifecycle (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/)'],
      ['eviction-rate-bounded', 'k8s', 'Kubernetes docs: Disruptions (https://kubernetes.io/docs/concepts/workloads/pods/disruptions/)'],
    ]);
  });
});
