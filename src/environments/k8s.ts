/**
 * Kubernetes: what the platform does to a workload without asking it — evict
 * a pod, drain a node, lose a node, replace pods in a rolling update.
 */
import { ModelDefinitionError } from '../model/errors.js';
import type { Environment } from '../model/types.js';
import { checkOptions, type CommonOptions, environment, fault, oneFault } from './shared.js';

const POD_LIFECYCLE = 'Kubernetes docs: Pod Lifecycle (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/)';
const DISRUPTIONS = 'Kubernetes docs: Disruptions (https://kubernetes.io/docs/concepts/workloads/pods/disruptions/)';

/** Options of `k8s.podEviction`: musil's `pod_eviction(can_evict, on_evict)`. */
export interface PodEvictionOptions<S> extends CommonOptions<S> {
  /** When Kubernetes may evict the pod. */
  canEvict: (state: S) => boolean;
  /** What an eviction does to the state (the pod restarts, or the service goes down). */
  onEvict: (state: S) => S;
  /**
   * At most this many evictions along a path. The count lives in the state,
   * under `'k8s:evictions'` (`'<name>:evictions'` when renamed); a missing key
   * counts as 0. The state must then be a plain record. Without it, nothing is added to the state.
   */
  maxEvictions?: number;
  /** The same budget under the name every other factory uses; give one of the two. */
  maxFaults?: number;
}

/**
 * Kubernetes evicts a running pod (node pressure, preemption, the Eviction
 * API): behavior `evict-pod`, in traces `k8s:evict-pod`. Declares the
 * residual assumptions `node-capacity` and `eviction-rate-bounded`.
 *
 * @example
 * const eviction = k8s.podEviction<Service>({
 *   canEvict: (s) => s.status === 'healthy' && s.restarts < s.maxRestarts,
 *   onEvict: (s) => ({ ...s, status: 'starting', restarts: s.restarts + 1 }),
 * });
 * expect(service).toSurvive(eviction);
 */
export function podEviction<S>(options: PodEvictionOptions<S>): Environment<S> {
  checkOptions('k8s.podEviction', options, { required: ['canEvict', 'onEvict'], budgets: ['maxEvictions', 'maxFaults'] });
  if (options.maxEvictions !== undefined && options.maxFaults !== undefined) {
    throw new ModelDefinitionError('k8s.podEviction: give maxEvictions or maxFaults (the same budget), not both');
  }
  return environment<S>({
    factory: 'k8s.podEviction',
    platform: 'k8s',
    options,
    budget: {
      option: options.maxFaults === undefined ? 'maxEvictions' : 'maxFaults',
      counter: 'evictions',
      max: options.maxEvictions ?? options.maxFaults,
    },
    behaviors: (budget) => ({ 'evict-pod': fault(budget, options.canEvict, options.onEvict) }),
    assumptions: {
      'node-capacity': {
        description: 'At least one schedulable node is always available after eviction',
        source: POD_LIFECYCLE,
      },
      'eviction-rate-bounded': {
        description: 'Eviction rate is bounded so maxRestarts is not exceeded in practice',
        source: DISRUPTIONS,
      },
    },
  });
}

/** Options of `k8s.nodeDrain`. */
export interface NodeDrainOptions<S> extends CommonOptions<S> {
  /** When an operator (or an autoscaler, an upgrade) may drain the node. */
  canDrain: (state: S) => boolean;
  /** What a drain does: the node's pods are evicted and the node is cordoned. */
  onDrain: (state: S) => S;
  /** At most this many drains along a path, counted in the state under `'k8s:drains'` (see `podEviction`). */
  maxFaults?: number;
}

/**
 * A node is drained (`kubectl drain`: cordon, then evict its pods), a
 * voluntary disruption: behavior `drain-node`. Assumes drains go through the
 * Eviction API and so respect PodDisruptionBudgets.
 *
 * @example
 * const drain = k8s.nodeDrain<Cluster>({
 *   canDrain: (s) => s.nodes.some((n) => n.ready),
 *   onDrain: (s) => ({ ...s, nodes: s.nodes.map((n, i) => (i === 0 ? { ...n, ready: false, pods: [] } : n)) }),
 *   maxFaults: 1,
 * });
 */
export function nodeDrain<S>(options: NodeDrainOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'k8s.nodeDrain', platform: 'k8s', behavior: 'drain-node', counter: 'drains', when: 'canDrain', effect: 'onDrain' },
    options,
    {
      'drain-respects-pdb': {
        description: 'A drain evicts through the Eviction API, so it waits while an eviction would break a PodDisruptionBudget',
        source: `Kubernetes docs: Safely Drain a Node; ${DISRUPTIONS}`,
      },
    },
  );
}

/** Options of `k8s.nodeFailure`. */
export interface NodeFailureOptions<S> extends CommonOptions<S> {
  /** When a node may fail (hardware, kernel panic, a partition that isolates it). */
  canFail: (state: S) => boolean;
  /** What the failure does: the node's pods stop, their volatile state is gone. */
  onFail: (state: S) => S;
  /** At most this many node failures along a path, counted under `'k8s:node-failures'` (see `podEviction`). */
  maxFaults?: number;
}

/**
 * A node fails, an involuntary disruption no PodDisruptionBudget prevents:
 * behavior `fail-node`. Assumes a failed node is fenced (runs none of the
 * pods that were replaced elsewhere).
 *
 * @example
 * const failure = k8s.nodeFailure<Cluster>({
 *   canFail: (s) => s.nodes.some((n) => n.ready),
 *   onFail: (s) => ({ ...s, nodes: s.nodes.map((n, i) => (i === 0 ? { ...n, ready: false, pods: [] } : n)) }),
 *   maxFaults: 1,
 * });
 */
export function nodeFailure<S>(options: NodeFailureOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'k8s.nodeFailure', platform: 'k8s', behavior: 'fail-node', counter: 'node-failures', when: 'canFail', effect: 'onFail' },
    options,
    {
      'failed-node-fenced': {
        description: 'A failed node runs none of its pods any more once they are replaced elsewhere (no two copies of a StatefulSet pod run at once)',
        source: `Kubernetes docs: Force Delete StatefulSet Pods; ${DISRUPTIONS}`,
      },
    },
  );
}

/** Options of `k8s.rollingUpdate`. */
export interface RollingUpdateOptions<S> extends CommonOptions<S> {
  /** When the Deployment controller may replace an old pod by a new one. */
  canReplace: (state: S) => boolean;
  /** One step of the rollout: an old pod goes, a pod of the new version comes. */
  onReplace: (state: S) => S;
  /** At most this many replacements along a path, counted under `'k8s:replacements'` (see `podEviction`). */
  maxFaults?: number;
}

/**
 * A Deployment rolls out a new version one pod at a time, so old and new
 * versions serve side by side: behavior `replace-pod`. Assumes the rollout
 * keeps within maxUnavailable and maxSurge.
 *
 * @example
 * const rollout = k8s.rollingUpdate<Fleet>({
 *   canReplace: (s) => s.pods.includes('v1'),
 *   onReplace: (s) => ({ ...s, pods: [...s.pods.slice(0, s.pods.indexOf('v1')), 'v2', ...s.pods.slice(s.pods.indexOf('v1') + 1)] }),
 * });
 */
export function rollingUpdate<S>(options: RollingUpdateOptions<S>): Environment<S> {
  return oneFault(
    { factory: 'k8s.rollingUpdate', platform: 'k8s', behavior: 'replace-pod', counter: 'replacements', when: 'canReplace', effect: 'onReplace' },
    options,
    {
      'rollout-within-surge': {
        description: 'A rollout keeps at most maxUnavailable pods unavailable and at most maxSurge pods above the desired count',
        source: 'Kubernetes docs: Deployments (Rolling Update Deployment)',
      },
    },
  );
}
