/** Small models for the render and matcher tests, each showing one kind of outcome. */
import { defineEnvironment, defineModel } from '../../src/index.js';

export { k8s, service } from '../../docs/examples/k8s-scheduler.js';

/** Pods scheduled onto nodes: nested paths (`nodes[0].pods[1]`) and a shrinking queue. */
export interface Cluster {
  nodes: { name: string; pods: string[] }[];
  queue: string[];
}

export const cluster = defineModel<Cluster>({
  name: 'cluster',
  init: { nodes: [{ name: 'n0', pods: [] }, { name: 'n1', pods: [] }], queue: ['web-1', 'web-2'] },
  actions: {
    schedule: {
      choices: (s) => s.nodes.map((_, i) => i),
      enabled: (s) => s.queue.length > 0,
      apply: (s, i: number) => ({
        nodes: s.nodes.map((n, j) => (j === i ? { ...n, pods: [...n.pods, s.queue[0]] } : n)),
        queue: s.queue.slice(1),
      }),
    },
  },
  invariants: { spread: (s) => s.nodes.every((n) => n.pods.length <= 1) },
  terminal: (s) => s.queue.length === 0,
});

/** A counter that stops at 2: a deadlock unless 2 is terminal. */
export const stuck = defineModel<{ n: number }>({
  name: 'stuck',
  init: { n: 0 },
  actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) } },
  invariants: { 'below-3': (s) => s.n < 3 },
});

export const finishing = defineModel<{ n: number }>({
  name: 'finishing',
  init: { n: 0 },
  actions: { inc: { enabled: (s) => s.n < 2, apply: (s) => ({ n: s.n + 1 }) } },
  invariants: { 'below-3': (s) => s.n < 3 },
  terminal: (s) => s.n === 2,
});

/** An action whose code throws on the second step; the stack is fixed so that snapshots do not hold paths. */
export const throwing = defineModel<{ balance: number }>({
  name: 'bank',
  init: { balance: 1 },
  actions: {
    withdraw: {
      enabled: (s) => s.balance > -1,
      apply: (s) => {
        if (s.balance === 0) {
          const error = new RangeError('balance would go negative');
          error.stack = 'RangeError: balance would go negative\n    at withdraw (bank.ts:12:15)\n    at apply (bank.ts:20:3)';
          throw error;
        }
        return { balance: s.balance - 1 };
      },
    },
  },
  invariants: { 'non-negative': (s) => s.balance >= 0 },
});

/** A guard that returns a string: kripke's own contract error, not the user's. */
export const sloppy = defineModel<{ n: number }>({
  name: 'sloppy',
  init: { n: 0 },
  actions: { inc: { enabled: (s) => (s.n < 1 ? true : ('no' as unknown as boolean)), apply: (s) => ({ n: s.n + 1 }) } },
  invariants: { 'small': (s) => s.n < 5 },
});

/** A log line that grows a little each step: long strings get an inline diff. */
export const logger = defineModel<{ log: string; n: number }>({
  name: 'logger',
  init: { log: 'service web-1 started on node n0 in zone eu-west-1a with 0 restarts', n: 0 },
  actions: {
    restart: {
      enabled: (s) => s.n < 3,
      apply: (s) => ({ n: s.n + 1, log: s.log.replace(`with ${s.n} restarts`, `with ${s.n + 1} restarts`) }),
    },
  },
  invariants: { 'few-restarts': (s) => s.n < 2 },
});

/** Guarantees only, and two environments: a model with no invariants of its own. */
export const lamp = defineModel<{ on: boolean; burnt: boolean }>({
  name: 'lamp',
  init: { on: false, burnt: false },
  actions: { toggle: { enabled: (s) => !s.burnt, apply: (s) => ({ ...s, on: !s.on }) } },
  terminal: (s) => s.burnt,
});

export const surge = defineEnvironment<{ on: boolean; burnt: boolean }>({
  name: 'grid',
  behaviors: { surge: { enabled: (s) => s.on && !s.burnt, apply: () => ({ on: false, burnt: true }) } },
  guarantees: { 'never-burnt': (s) => !s.burnt },
  assumptions: {
    'surge-protection': { description: 'A fuse cuts power before a surge reaches the lamp', status: 'verified', source: 'building code §4.2' },
    'stable-voltage': { description: 'Mains voltage stays within 230 V ± 10 %' },
  },
});

export const calm = defineEnvironment<{ on: boolean; burnt: boolean }>({
  name: 'calm',
  behaviors: { nothing: { enabled: () => false, apply: (s) => s } },
});
