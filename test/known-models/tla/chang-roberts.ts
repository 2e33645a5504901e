/**
 * ChangRoberts: leader election on a unidirectional ring (Chang and Roberts,
 * CACM 1979), ported from tlaplus/Examples
 * `specifications/chang_roberts/ChangRoberts.tla` (Stephan Merz; the TLA+ is
 * the PlusCal translation in the module), model `MCChangRoberts.cfg`: N = 3 and
 * `Id == [i \in 1 .. N |-> i]` (MCChangRoberts.tla).
 *
 * State: the spec's four variables `msgs, pc, initiator, state`, nothing else.
 * Node n (1 .. N in the spec) is index n-1 of each array; `msgs[n]` is a set of
 * identities, kept as a sorted array. Actions: `n0(self)` chooses self (1 .. N);
 * `n1` chooses `[self, id]` for the spec's `\E id \in msgs[self]`, so its label
 * reads `n1(self,id)`. `Terminating` is the translation's stuttering action for
 * `pc = "Done"`; it is kept for faithfulness but never enabled, since the
 * process body is `while (TRUE)` and pc never becomes "Done" (the spec runs with
 * CHECK_DEADLOCK FALSE: it ends when every message is consumed).
 *
 * Fairness: `Spec == ... /\ \A self \in Node : WF_vars(node(self))` with
 * `node(self) == n0(self) \/ n1(self)` and n1(self) quantifying
 * `\E id \in msgs[self]` (PlusCal's `fair process`). kripke: `fair: ['n0', 'n1']`
 * makes `n0(self)` and every `n1(self,id)` separately weakly fair: STRONGER
 * than WF of the disjunction (which only promises that self handles some
 * message, not each one). It does not change the verdict: Liveness holds
 * under the weaker TLA+ fairness already, hence under the stronger. No n0 or
 * n1 step stutters for N >= 2 (n0 changes pc, n1 removes id from msgs[self]).
 */
import { defineModel, type Model } from '../../../src/index.js';
import type { Constraint } from './tla-semantics.js';

export type NodeState = 'cand' | 'lost' | 'won';
export type Pc = 'n0' | 'n1' | 'Done';

export interface ChangRobertsState {
  /** msgs[n-1]: the identities waiting to be received by node n (sorted). */
  msgs: number[][];
  pc: Pc[];
  initiator: boolean[];
  state: NodeState[];
}

const set = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, k) => (k === i ? v : x));
const withId = (m: readonly number[], id: number): number[] => (m.includes(id) ? [...m] : [...m, id].sort((a, b) => a - b));
const withoutId = (m: readonly number[], id: number): number[] => m.filter((x) => x !== id);

/** The model for N nodes and identities Id (Id[n-1] is node n's identity); MCChangRoberts uses Id[i] = i. */
export function changRoberts(N = 3, Id: readonly number[] = Array.from({ length: N }, (_, i) => i + 1)): Model<ChangRobertsState> {
  if (Id.length !== N || new Set(Id).size !== N) throw new Error('Id must list N distinct identities');
  const Node = Array.from({ length: N }, (_, i) => i + 1);
  const at = (n: number) => n - 1; // array index of node n
  const succ = (n: number) => (n === N ? 1 : n + 1);

  let initiators: boolean[][] = [[]];
  for (let i = 0; i < N; i++) initiators = initiators.flatMap((f) => [false, true].map((b) => [...f, b]));
  const initStates: ChangRobertsState[] = initiators.map((initiator) => ({
    msgs: Node.map(() => []),
    pc: Node.map(() => 'n0'),
    initiator,
    state: initiator.map((b) => (b ? 'cand' : 'lost')),
  }));

  return defineModel<ChangRobertsState>({
    name: `ChangRoberts(N=${N})`,
    initStates,
    actions: {
      n0: {
        choices: () => Node,
        enabled: (s, self: number) => s.pc[at(self)] === 'n0',
        apply: (s, self: number) => ({
          ...s,
          msgs: s.initiator[at(self)] ? set(s.msgs, at(succ(self)), withId(s.msgs[at(succ(self))], Id[at(self)])) : s.msgs,
          pc: set(s.pc, at(self), 'n1'),
        }),
      },
      n1: {
        choices: (s) => Node.flatMap((self) => s.msgs[at(self)].map((id): [number, number] => [self, id])),
        enabled: (s, [self]: [number, number]) => s.pc[at(self)] === 'n1',
        apply: (s, [self, id]: [number, number]) => {
          const _msgs = set(s.msgs, at(self), withoutId(s.msgs[at(self)], id));
          const forward = () => set(_msgs, at(succ(self)), withId(_msgs[at(succ(self))], id));
          const pc = set(s.pc, at(self), 'n1');
          if (s.state[at(self)] === 'lost') return { ...s, msgs: forward(), pc };
          if (id < Id[at(self)]) return { ...s, msgs: forward(), pc, state: set(s.state, at(self), 'lost') };
          return { ...s, msgs: _msgs, pc, state: id === Id[at(self)] ? set(s.state, at(self), 'won') : s.state };
        },
      },
      Terminating: {
        enabled: (s) => s.pc.every((p) => p === 'Done'),
        apply: (s) => s,
      },
    },
    invariants: {
      TypeOK: (s) =>
        s.pc.every((p) => p === 'n0' || p === 'n1' || p === 'Done') &&
        s.msgs.every((m) => m.every((id) => Id.includes(id))) &&
        s.initiator.every((b) => typeof b === 'boolean') &&
        s.state.every((x) => x === 'cand' || x === 'lost' || x === 'won'),
      Correctness: (s) =>
        Node.every(
          (n) =>
            s.state[at(n)] !== 'won' ||
            (s.initiator[at(n)] &&
              Node.every((m) => m === n || (s.state[at(m)] === 'lost' && (!s.initiator[at(m)] || Id[at(m)] > Id[at(n)])))),
        ),
    },
  });
}

/** `\E n \in Node : state[n] = "cand"` */
export const someCandidate = (s: ChangRobertsState): boolean => s.state.includes('cand');
/** `\E n \in Node : state[n] = "won"` */
export const someoneWon = (s: ChangRobertsState): boolean => s.state.includes('won');

/**
 * `Liveness == (\E n \in Node : state[n] = "cand") => <>(\E n \in Node : state[n] = "won")`,
 * an implication about the initial state. kripke states it as someCandidate ~> someoneWon;
 * the two agree on this spec: no node ever becomes "cand" (so a candidate at any time means
 * one at the start), and "won" is stable (the winner is the smallest initiator, Correctness,
 * so no smaller identity ever reaches it). `initially` is the literal reading, for a checker
 * that can evaluate "P at the start ⇒ ◇Q".
 */
export const Liveness = { from: someCandidate, goal: someoneWon, initially: someCandidate };

/** \A self : WF_vars(node(self)), as closely as kripke names it (per choice: stronger; see above). */
export const specFairness = { fair: ['n0', 'n1'] } as const;

/**
 * Known answers for N = 3, Id = <<1, 2, 3>>.
 * - tlcDistinctStates: `specifications/chang_roberts/manifest.json`, model
 *   MCChangRoberts.cfg: "distinctStates": 137, result "success" (TypeOK,
 *   Correctness and Liveness checked by TLC).
 * - Liveness under the spec's fairness: holds (manifest "success").
 * - No fairness in TLA+ (stuttering): violated: an initiator may never run n0
 *   (the behaviour stops in the initial state, where it is a candidate).
 * - kripke today, no fairness: holds. Every step consumes or forwards a message
 *   towards a node that consumes it, so there is no cycle, and every dead end
 *   has a winner (the smallest initiator's message comes back to it).
 * - kripke today, `specFairness`: holds.
 */
export const expected = {
  constants: { N: 3, Id: [1, 2, 3] },
  tlcDistinctStates: 137,
  tlcStateDepth: 10,
  properties: {
    Liveness: {
      tlaSpecFairness: 'holds',
      stutteringNoFairness: 'violated',
      stutteringSpecFairness: 'holds',
      todayNoFairness: 'holds',
      todaySpecFairness: 'holds',
    },
  },
} as const;

/** The spec's fairness exactly, for the reference semantics: \A self : WF_vars(node(self)), one constraint per node. */
export const tlaFairness = (N = 3): Constraint<ChangRobertsState>[] =>
  Array.from({ length: N }, (_, i) => i + 1).map((self) => ({
    kind: 'WF' as const,
    name: `node(${self})`,
    step: (e) => (e.action === 'n0' && e.choice === self) || (e.action === 'n1' && (e.choice as [number, number])[0] === self),
  }));
