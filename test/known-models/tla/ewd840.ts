/**
 * EWD840: Dijkstra's termination detection on a ring (Dijkstra, Feijen, van
 * Gasteren, 1983), ported from tlaplus/Examples
 * `specifications/ewd840/EWD840.tla` (Stephan Merz), model `EWD840.cfg` (N = 3).
 *
 * State: the spec's four variables, nothing else. Nodes are 0 .. N-1 as in the
 * spec. Actions carry the spec's names; `PassToken(i)` and `Deactivate(i)`
 * choose i, `SendMsg` chooses `[i, j]` (the spec's `SendMsg(i)` quantifies j
 * inside: `\E j \in Node \ {i}`), so its label reads `SendMsg(i,j)`.
 *
 * Fairness: `Spec == Init /\ [][Next]_vars /\ WF_vars(System)` with
 * `System == InitiateProbe \/ \E i \in Node \ {0} : PassToken(i)`: one weak
 * fairness on the disjunction. kripke: `fair: ['InitiateProbe', 'PassToken']`
 * (each `PassToken(i)` separately). The two are equivalent here: each disjunct
 * requires `tpos` to be its own node, so at most one is enabled in a state,
 * and a `System` step moves the token (or, for InitiateProbe, turns a black
 * token or node 0 white), so "System enabled without interruption and never
 * taken" means the token stays at one node whose disjunct is enabled without
 * interruption and never taken, and conversely. No disjunct ever stutters
 * (each changes `tpos`, or `tcolor`/`color[0]` from black to white), so the
 * `<<A>>_vars` reading changes nothing either. `SendMsg` does stutter (j
 * already active and no colour change), but it is no fair action.
 */
import { defineModel, type Model } from '../../../src/index.js';
import type { Constraint } from './tla-semantics.js';

export type Color = 'white' | 'black';

export interface EWD840State {
  active: boolean[];
  color: Color[];
  tpos: number;
  tcolor: Color;
}

/** All functions [0 .. n-1 -> values], in a fixed order. */
function functions<T>(n: number, values: readonly T[]): T[][] {
  let out: T[][] = [[]];
  for (let i = 0; i < n; i++) out = out.flatMap((f) => values.map((v) => [...f, v]));
  return out;
}

const set = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, k) => (k === i ? v : x));

export function ewd840(N = 3): Model<EWD840State> {
  const Node = Array.from({ length: N }, (_, i) => i);
  // Init: active and color any type-correct values, tpos any node, the token black.
  const initStates: EWD840State[] = [];
  for (const active of functions(N, [false, true]))
    for (const color of functions<Color>(N, ['white', 'black']))
      for (const tpos of Node) initStates.push({ active, color, tpos, tcolor: 'black' });

  const terminated = (s: EWD840State) => Node.every((i) => !s.active[i]);
  return defineModel<EWD840State>({
    name: `EWD840(N=${N})`,
    initStates,
    actions: {
      InitiateProbe: {
        enabled: (s) => s.tpos === 0 && (s.tcolor === 'black' || s.color[0] === 'black'),
        apply: (s) => ({ active: s.active, color: set(s.color, 0, 'white'), tpos: N - 1, tcolor: 'white' }),
      },
      PassToken: {
        choices: () => Node.filter((i) => i !== 0),
        enabled: (s, i: number) => s.tpos === i && (!s.active[i] || s.color[i] === 'black' || s.tcolor === 'black'),
        apply: (s, i: number) => ({
          active: s.active,
          color: set(s.color, i, 'white'),
          tpos: i - 1,
          tcolor: s.color[i] === 'black' ? 'black' : s.tcolor,
        }),
      },
      SendMsg: {
        choices: () => Node.flatMap((i) => Node.filter((j) => j !== i).map((j): [number, number] => [i, j])),
        enabled: (s, [i]: [number, number]) => s.active[i],
        apply: (s, [i, j]: [number, number]) => ({
          ...s,
          active: set(s.active, j, true),
          color: j > i ? set(s.color, i, 'black') : s.color,
        }),
      },
      Deactivate: {
        choices: () => Node,
        enabled: (s, i: number) => s.active[i],
        apply: (s, i: number) => ({ ...s, active: set(s.active, i, false) }),
      },
    },
    invariants: {
      TypeOK: (s) =>
        s.active.length === N &&
        s.color.length === N &&
        s.active.every((a) => typeof a === 'boolean') &&
        s.color.every((c) => c === 'white' || c === 'black') &&
        Number.isInteger(s.tpos) &&
        s.tpos >= 0 &&
        s.tpos < N &&
        (s.tcolor === 'white' || s.tcolor === 'black'),
      TerminationDetection: (s) => !terminationDetected(s) || terminated(s),
      // Dijkstra's inductive invariant: P0 \/ P1 \/ P2.
      Inv: (s) =>
        Node.every((i) => !(s.tpos < i) || !s.active[i]) ||
        Node.some((j) => j <= s.tpos && s.color[j] === 'black') ||
        s.tcolor === 'black',
    },
  });
}

/** `terminated == \A i \in Node : ~ active[i]` */
export const terminated = (s: EWD840State): boolean => s.active.every((a) => !a);

/** `terminationDetected == tpos = 0 /\ tcolor = "white" /\ color[0] = "white" /\ ~ active[0]` */
export const terminationDetected = (s: EWD840State): boolean =>
  s.tpos === 0 && s.tcolor === 'white' && s.color[0] === 'white' && !s.active[0];

/** `Liveness == terminated ~> terminationDetected` */
export const Liveness = { from: terminated, goal: terminationDetected };

/** WF_vars(System), as kripke names it (see the module comment for why per-choice fairness is the same here). */
export const specFairness = { fair: ['InitiateProbe', 'PassToken'] } as const;

/**
 * Known answers for N = 3.
 * - tlcDistinctStates: `specifications/ewd840/manifest.json`, model EWD840.cfg:
 *   "distinctStates": 302 (TLC, exhaustive search, result "success": the
 *   invariants TypeOK, TerminationDetection, Inv and the property Liveness hold).
 *   Its "stateDepth": 10 is NOT the breadth-first depth: kripke and the reference
 *   explorer both find 8 steps (9 states, TLC's way of counting); TLC with several
 *   workers searches in a degraded, non-strict breadth-first order (tlaplus/Examples
 *   pull request #204 models it), so its depth may exceed the shortest distance. The
 *   other four specs' depths agree (TLC depth = kripke's depth + 1).
 * - Liveness under the spec's fairness: holds (manifest: "success"; Liveness is
 *   listed under PROPERTIES in EWD840.cfg).
 * - With no fairness in TLA+ (stuttering): violated. A behaviour may stop in a
 *   terminated state before detection, e.g. all nodes passive with the token
 *   black at node 0.
 * - kripke today, no fairness: holds. Once terminated, no SendMsg or Deactivate
 *   is enabled (they need an active node), so the only enabled steps are
 *   InitiateProbe/PassToken, which kripke assumes some step is taken: its
 *   no-stutter paths are WF_vars(Next) behaviours, and here WF_vars(Next)
 *   coincides with WF_vars(System) in terminated states.
 * - kripke today, `specFairness`: holds.
 */
export const expected = {
  constants: { N: 3 },
  tlcDistinctStates: 302,
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

/** The spec's fairness exactly, for the reference semantics: WF_vars(System), one constraint on the disjunction. */
export const tlaFairness: Constraint<EWD840State>[] = [
  { kind: 'WF', name: 'System', step: (e) => e.action === 'InitiateProbe' || e.action === 'PassToken' },
];
