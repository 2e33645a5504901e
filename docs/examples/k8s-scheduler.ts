/**
 * Open-system model checking: a distributed service against Kubernetes pod eviction.
 *
 * A closed model always passes: it controls everything. `checkOpen` adds an
 * adversarial environment whose behaviors the breadth-first search explores
 * at every possible moment, exposing failures that only appear when the
 * platform acts. The environment is `k8s.podEviction` from
 * kripke/environments, which also declares the platform's residual
 * assumptions with their sources. Ported from musil's examples/k8s_scheduler.py.
 *
 *   npx tsx docs/examples/k8s-scheduler.ts
 */
import { check, checkOpen, defineModel } from 'kripke';
import { k8s as kubernetes } from 'kripke/environments';

/** State of a distributed service. */
export interface Service {
  status: 'starting' | 'healthy' | 'degraded' | 'unresponsive';
  restarts: number;
  maxRestarts: number;
}

/** Service lifecycle: start → healthy → (degraded → healthy) loop. Resilience lives in the environment. */
export const service = defineModel<Service>({
  name: 'service',
  init: { status: 'starting', restarts: 0, maxRestarts: 3 },
  actions: {
    start: { enabled: (s) => s.status === 'starting', apply: (s) => ({ ...s, status: 'healthy' }) },
    degrade: { enabled: (s) => s.status === 'healthy', apply: (s) => ({ ...s, status: 'degraded' }) },
    recover: { enabled: (s) => s.status === 'degraded', apply: (s) => ({ ...s, status: 'healthy' }) },
  },
  invariants: {
    'valid-status': (s) => ['starting', 'healthy', 'degraded', 'unresponsive'].includes(s.status),
    // The key safety property: the service never goes silently unresponsive.
    'always-responsive': (s) => s.status !== 'unresponsive',
    'restarts-bounded': (s) => s.restarts <= s.maxRestarts,
  },
});

/**
 * The platform may evict a running pod at any time while restart budget remains:
 * `k8s.podEviction` from kripke/environments (musil's `pod_eviction(can_evict, on_evict)`).
 * Fragile: eviction kills the service. Resilient: eviction triggers a controlled restart.
 */
export function k8s(resilient: boolean) {
  return kubernetes.podEviction<Service>({
    // Once maxRestarts is exhausted the cluster stops rescheduling the pod (an operator alert).
    canEvict: (s) => (s.status === 'healthy' || s.status === 'degraded') && s.restarts < s.maxRestarts,
    onEvict: resilient
      ? (s) => ({ ...s, status: 'starting', restarts: s.restarts + 1 })
      : (s) => ({ ...s, status: 'unresponsive' }),
    guarantees: {
      // K8s does not corrupt the restart counter: it only increments it on eviction.
      'restarts-non-negative': (s) => s.restarts >= 0,
    },
  });
}

export function main(log: (line: string) => void = console.log): void {
  log('Open-system model checking: distributed service vs K8s pod eviction\n');

  // 1. Closed model: no environment. Always passes.
  const closed = check(service);
  log(`  Closed model (no faults):                 ${closed}`);

  // 2. Fragile: eviction silently kills the service; the availability invariant breaks.
  const fragile = checkOpen(service, k8s(false));
  log(`  Open model, fragile (vs k8s eviction):   ${fragile.result}`);
  log(`    trace: ${fragile.result.trace.map((step) => step.action ?? 'init').join(' → ')}`);

  // 3. Resilient: eviction triggers a restart; the service recovers.
  const resilient = checkOpen(service, k8s(true));
  log(`  Open model, resilient (vs k8s eviction): ${resilient.result}`);

  // 4. What no check can discharge: the residual proof obligations.
  log(`\n  Residual proof obligations (${resilient.unverifiedAssumptions.length} unverified):`);
  for (const a of resilient.unverifiedAssumptions) {
    log(`    [${a.status}] ${a.name}`);
    log(`               ${a.description}`);
    log(`               source: ${a.source}`);
  }
  log(
    '\nThe same service model fails under eviction without restart logic. checkOpen explores\n' +
      'every possible eviction timing, so availability is verified over all reachable states.',
  );
}

if (process.argv[1]?.endsWith('k8s-scheduler.ts')) main();
