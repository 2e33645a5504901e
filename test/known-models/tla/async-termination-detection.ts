/**
 * AsyncTerminationDetection: the abstract specification of termination
 * detection in a ring with asynchronous messages, ported from tlaplus/Examples
 * `specifications/ewd998/AsyncTerminationDetection.tla` (Stephan Merz), model
 * `AsyncTerminationDetection.cfg`: N = 4 with `CONSTRAINT StateConstraint`
 * (`\A n \in Node : pending[n] <= 3`).
 *
 * State: the spec's three variables, nothing else; nodes are 0 .. N-1.
 * Actions carry the spec's names. `SendMsg(i,j)` chooses `[i, j]`, `RcvMsg(i)`
 * and `DetectTermination` as in the spec; `Terminate(i)` has a second
 * nondeterministic choice, `terminationDetected' \in {terminationDetected,
 * terminated'}`, so it chooses `[i, detected']` over the values of that set
 * (one choice when both are equal), e.g. `Terminate(2,true)`.
 *
 * TLC's state constraint: TLC drops a successor that violates the CONSTRAINT
 * (it is neither counted nor explored, which is why the manifest's 4,097 =
 * 2^4 * 4^4 + 1), so the explored graph is the spec's with every step to a
 * state where some pending[n] > maxPending removed. Only SendMsg increases
 * pending, so the model adds `pending[j] < maxPending` to SendMsg's guard: the
 * same states and steps as TLC's graph. (SendMsg is no fair action, so the
 * guard changes no fairness condition either.)
 *
 * Fairness: `Spec == Init /\ [][Next]_vars /\ WF_vars(DetectTermination)`.
 * kripke: `fair: ['DetectTermination']`, exactly. DetectTermination stutters
 * (a self-loop) where termination is already detected; under `<<A>>_vars` that
 * step neither takes nor enables the action. It happens only in goal states,
 * so it changes no verdict here.
 */
import { defineModel, type Model } from '../../../src/index.js';
import type { Constraint } from './tla-semantics.js';

export interface AsyncTDState {
  active: boolean[];
  pending: number[];
  terminationDetected: boolean;
}

const set = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, k) => (k === i ? v : x));

/** `terminated == \A n \in Node : ~ active[n] /\ pending[n] = 0` */
export const terminated = (s: Pick<AsyncTDState, 'active' | 'pending'>): boolean =>
  s.active.every((a) => !a) && s.pending.every((p) => p === 0);

export function asyncTerminationDetection(N = 4, maxPending = 3): Model<AsyncTDState> {
  const Node = Array.from({ length: N }, (_, i) => i);
  let actives: boolean[][] = [[]];
  for (let i = 0; i < N; i++) actives = actives.flatMap((f) => [false, true].map((b) => [...f, b]));
  // Init: any activity, no pending message, terminationDetected \in {FALSE, terminated}.
  const initStates: AsyncTDState[] = actives.flatMap((active) => {
    const pending = Node.map(() => 0);
    const detected = [...new Set([false, terminated({ active, pending })])];
    return detected.map((terminationDetected) => ({ active, pending, terminationDetected }));
  });

  return defineModel<AsyncTDState>({
    name: `AsyncTerminationDetection(N=${N}, pending<=${maxPending})`,
    initStates,
    actions: {
      Terminate: {
        choices: (s) =>
          Node.filter((i) => s.active[i]).flatMap((i) => {
            const after = { active: set(s.active, i, false), pending: s.pending };
            return [...new Set([s.terminationDetected, terminated(after)])].map((d): [number, boolean] => [i, d]);
          }),
        enabled: (s, [i]: [number, boolean]) => s.active[i],
        apply: (s, [i, detected]: [number, boolean]) => ({ ...s, active: set(s.active, i, false), terminationDetected: detected }),
      },
      SendMsg: {
        choices: () => Node.flatMap((i) => Node.map((j): [number, number] => [i, j])),
        enabled: (s, [i, j]: [number, number]) => s.active[i] && s.pending[j] < maxPending, // the guard: TLC's CONSTRAINT
        apply: (s, [, j]: [number, number]) => ({ ...s, pending: set(s.pending, j, s.pending[j] + 1) }),
      },
      RcvMsg: {
        choices: () => Node,
        enabled: (s, i: number) => s.pending[i] > 0,
        apply: (s, i: number) => ({ ...s, active: set(s.active, i, true), pending: set(s.pending, i, s.pending[i] - 1) }),
      },
      DetectTermination: {
        enabled: (s) => terminated(s),
        apply: (s) => ({ ...s, terminationDetected: true }),
      },
    },
    invariants: {
      TypeOK: (s) =>
        s.active.length === N &&
        s.active.every((a) => typeof a === 'boolean') &&
        s.pending.length === N &&
        s.pending.every((p) => Number.isInteger(p) && p >= 0) &&
        typeof s.terminationDetected === 'boolean',
      Safe: (s) => !s.terminationDetected || terminated(s),
    },
  });
}

/** `Live == terminated ~> terminationDetected` */
export const Live = { from: terminated, goal: (s: AsyncTDState): boolean => s.terminationDetected };

/** WF_vars(DetectTermination), exactly. */
export const specFairness = { fair: ['DetectTermination'] } as const;

/**
 * Known answers for N = 4, pending[n] <= 3.
 * - tlcDistinctStates: `specifications/ewd998/manifest.json`, model
 *   AsyncTerminationDetection.cfg: "distinctStates": 4097, result "success"
 *   (TypeOK, Safe, Quiescence and Live checked by TLC).
 * - Live under the spec's fairness: holds (manifest "success").
 * - No fairness in TLA+ (stuttering): violated: the behaviour may stop in a
 *   terminated state before DetectTermination (e.g. at an initial state with
 *   every node inactive and terminationDetected = FALSE).
 * - kripke today, no fairness: holds: in a terminated, undetected state the
 *   only enabled action is DetectTermination (no node is active, none has a
 *   pending message), and kripke's paths never stop while an action is enabled.
 * - kripke today, `specFairness`: holds.
 */
export const expected = {
  constants: { N: 4, maxPending: 3 },
  tlcDistinctStates: 4097,
  tlcStateDepth: 14,
  properties: {
    Live: {
      tlaSpecFairness: 'holds',
      stutteringNoFairness: 'violated',
      stutteringSpecFairness: 'holds',
      todayNoFairness: 'holds',
      todaySpecFairness: 'holds',
    },
  },
} as const;

/** The spec's fairness exactly, for the reference semantics: WF_vars(DetectTermination). */
export const tlaFairness: Constraint<AsyncTDState>[] = [
  { kind: 'WF', name: 'DetectTermination', step: (e) => e.action === 'DetectTermination' },
];
