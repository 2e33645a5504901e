/**
 * CoffeeCan: Scholten's coffee can problem (Gries, The Science of Programming),
 * ported from tlaplus/Examples `specifications/CoffeeCan/CoffeeCan.tla`
 * (Andrew Helwer), model `CoffeeCan100Beans.cfg` (MaxBeanCount = 100).
 *
 * State: the spec's one variable `can`, a record [black, white]; nothing else.
 * Actions carry the spec's names. `Termination` (`BeanCount = 1 /\ UNCHANGED
 * can`) is a stuttering step, a self-loop in kripke's graph.
 *
 * Fairness: `Spec == Init /\ [][Next]_can /\ WF_can(Next)`, weak fairness of
 * the whole next-state relation ("so the system can't stutter indefinitely").
 * kripke cannot name a disjunction; the closest is `fair: 'all'` (each of the
 * four actions weakly fair on its own): STRONGER than WF_can(Next) in general,
 * same verdict here: every pick lowers the bean count, so every behaviour that
 * keeps taking picks reaches one bean whatever the scheduler, and a behaviour
 * that stops at two or more beans violates WF_can(Next) and per-action
 * fairness alike (some pick is enabled there). `Termination` is a stutter:
 * under `<<Next>>_can` it is neither a step of Next nor does it enable Next, so
 * ENABLED <<Next>>_can is exactly "BeanCount > 1". kripke's no-stutter paths
 * today are precisely the WF_can(Next) behaviours (a path continues while a
 * step is enabled), which is why the property passes today without fairness.
 */
import { defineModel, type Model } from '../../../src/index.js';
import type { Constraint } from './tla-semantics.js';

export interface Can {
  black: number;
  white: number;
}
export interface CoffeeCanState {
  can: Can;
}

/** `BeanCount == can.black + can.white` */
export const BeanCount = (s: CoffeeCanState): number => s.can.black + s.can.white;

export function coffeeCan(MaxBeanCount = 100): Model<CoffeeCanState> {
  // Init == can \in {c \in Can : c.black + c.white \in 1..MaxBeanCount}
  const initStates: CoffeeCanState[] = [];
  for (let black = 0; black <= MaxBeanCount; black++)
    for (let white = 0; white <= MaxBeanCount; white++)
      if (black + white >= 1 && black + white <= MaxBeanCount) initStates.push({ can: { black, white } });
  return defineModel<CoffeeCanState>({
    name: `CoffeeCan(MaxBeanCount=${MaxBeanCount})`,
    initStates,
    actions: {
      PickSameColorWhite: {
        enabled: (s) => BeanCount(s) > 1 && s.can.white >= 2,
        apply: (s) => ({ can: { black: s.can.black + 1, white: s.can.white - 2 } }),
      },
      PickSameColorBlack: {
        enabled: (s) => BeanCount(s) > 1 && s.can.black >= 2,
        apply: (s) => ({ can: { black: s.can.black - 1, white: s.can.white } }),
      },
      PickDifferentColor: {
        enabled: (s) => BeanCount(s) > 1 && s.can.black >= 1 && s.can.white >= 1,
        apply: (s) => ({ can: { black: s.can.black - 1, white: s.can.white } }),
      },
      Termination: {
        enabled: (s) => BeanCount(s) === 1,
        apply: (s) => ({ can: { ...s.can } }),
      },
    },
    invariants: {
      TypeInvariant: (s) =>
        Number.isInteger(s.can.black) &&
        Number.isInteger(s.can.white) &&
        s.can.black >= 0 &&
        s.can.black <= MaxBeanCount &&
        s.can.white >= 0 &&
        s.can.white <= MaxBeanCount,
    },
  });
}

/** `EventuallyTerminates == <>(ENABLED Termination)`, i.e. <>(BeanCount = 1). */
export const EventuallyTerminates = { goal: (s: CoffeeCanState): boolean => BeanCount(s) === 1 };

/**
 * `TerminationHypothesis == IF can.white % 2 = 0 THEN <>(can.black = 1 /\ can.white = 0)
 *                           ELSE <>(can.black = 0 /\ can.white = 1)`, evaluated at the start.
 * The parity of can.white never changes (the spec's LoopInvariant), so the branch can be
 * chosen in the current state: the goal below is the same property.
 */
export const TerminationHypothesis = {
  goal: (s: CoffeeCanState): boolean =>
    s.can.white % 2 === 0 ? s.can.black === 1 && s.can.white === 0 : s.can.black === 0 && s.can.white === 1,
};

/** WF_can(Next), as closely as kripke names it (per action: stronger, same verdict; see above). */
export const specFairness = { fair: 'all' } as const;

/**
 * Known answers for MaxBeanCount = 100.
 * - tlcDistinctStates: `specifications/CoffeeCan/manifest.json`, model
 *   CoffeeCan100Beans.cfg: "distinctStates": 5150 (= sum over n = 1..100 of
 *   n + 1: every can is an initial state; "stateDepth": 1), result "success"
 *   (EventuallyTerminates, MonotonicDecrease, LoopInvariant,
 *   TerminationHypothesis and TypeInvariant checked by TLC).
 * - EventuallyTerminates and TerminationHypothesis under WF_can(Next): hold
 *   (manifest "success"; the THEOREM at the end of the module).
 * - No fairness in TLA+ (stuttering): violated: a behaviour may stop at once
 *   in an initial can of two or more beans.
 * - kripke today, no fairness: holds (no-stutter paths are WF_can(Next)
 *   behaviours; the bean count falls at every pick).
 * - kripke today, `fair: 'all'`: holds.
 */
export const expected = {
  constants: { MaxBeanCount: 100 },
  tlcDistinctStates: 5150,
  tlcStateDepth: 1,
  properties: {
    EventuallyTerminates: {
      tlaSpecFairness: 'holds',
      stutteringNoFairness: 'violated',
      stutteringSpecFairness: 'holds',
      todayNoFairness: 'holds',
      todaySpecFairness: 'holds',
    },
    TerminationHypothesis: {
      tlaSpecFairness: 'holds',
      stutteringNoFairness: 'violated',
      stutteringSpecFairness: 'holds',
      todayNoFairness: 'holds',
      todaySpecFairness: 'holds',
    },
  },
} as const;

/**
 * The spec's fairness exactly, for the reference semantics: WF_can(Next), one constraint on
 * the whole next-state relation (every step of the graph is a Next step; the Termination
 * self-loop is a stutter, which the `<<Next>>_can` reading discards).
 */
export const tlaFairness: Constraint<CoffeeCanState>[] = [{ kind: 'WF', name: 'Next', step: () => true }];
