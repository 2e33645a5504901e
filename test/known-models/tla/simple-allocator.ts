/**
 * SimpleAllocator and SimpleAllocator2: a resource allocator (Stephan Merz,
 * 2004), ported from tlaplus/Examples `specifications/allocator/SimpleAllocator.tla`,
 * model `SimpleAllocator.cfg`: Clients = {c1, c2, c3}, Resources = {r1, r2}.
 * Both specifications share Init and Next (so the states); they differ in
 * fairness only. SimpleAllocator2 is defined in the same module:
 *
 *   (* The following version states a weaker fairness requirement for the  *)
 *   (* clients: resources need be returned only if the entire request has  *)
 *   (* been satisfied.                                                     *)
 *   SimpleAllocator2 ==
 *     /\ Init /\ [][Next]_vars
 *     /\ \A c \in Clients: WF_vars(unsat[c] = {} /\ Return(c, alloc[c]))
 *     /\ \A c \in Clients: SF_vars(\E S \in SUBSET Resources: Allocate(c,S))
 *
 * and the module ends with the author's verdicts:
 *
 *   THEOREM SimpleAllocator2 => ClientsWillReturn
 *   (** The following do not hold:                          **)
 *   (** THEOREM SimpleAllocator2 => ClientsWillObtain       **)
 *   (** THEOREM SimpleAllocator2 => InfOftenSatisfied       **)
 *
 * while SimpleAllocator (`WF_vars(Return(c, alloc[c]))` instead, the rest
 * alike) implies all three (THEOREMs; SimpleAllocator.cfg checks them with TLC,
 * manifest result "success").
 *
 * State: the spec's two variables `unsat, alloc : [Clients -> SUBSET Resources]`,
 * as records from client to a sorted array; nothing else. Actions: `Request`,
 * `Allocate` and `Return` choose `[c, S]` for the spec's `\E c \in Clients,
 * S \in SUBSET Resources` (S as a Set, so labels read `Allocate(c1,{r1,r2})`;
 * S = {} is never enabled, every action requires S # {}).
 *
 * Fairness actions. kripke's fairness names actions (or one choice of one),
 * while the spec's weak fairness is on formulas whose parameter depends on the
 * state (`Return(c, alloc[c])`). So the model has two more actions, each a
 * sub-action of Return, to name them:
 *   - `ReturnAll(c)`          == Return(c, alloc[c])                 (SimpleAllocator)
 *   - `ReturnAllSatisfied(c)` == unsat[c] = {} /\ Return(c, alloc[c]) (SimpleAllocator2)
 * Each of their steps is also a `Return(c, alloc[c])` step, with the same
 * source and target, so they add no state and no new successor: the states,
 * TLC's count and the paths (as sequences of states) are those of the spec;
 * only the labels of the edges grow. When such an edge lies in a cycle, the
 * `ReturnAll…` edge with the same ends lies in it too, so "a fair cycle exists"
 * is the same whether kripke credits the Return label or not.
 *
 * The strong fairness `SF_vars(\E S : Allocate(c, S))` is on a disjunction over
 * S; kripke's closest is `strongFair: ['Allocate']`, every `Allocate(c,S)`
 * separately: STRONGER (each S, not just some S). It does not change the
 * verdicts: ClientsWillReturn holds under the weaker TLA+ fairness, hence under
 * the stronger; the counterexamples to ClientsWillObtain and InfOftenSatisfied
 * under SimpleAllocator2 (see `expected`) stop in a state where no Allocate is
 * enabled at all, which is fair under either reading. (test/checker/tla-specs
 * confirms it with an independent TLA+-semantics checker that implements the
 * group fairness exactly: test/known-models/tla/tla-semantics.ts.)
 */
import { defineModel, type Model } from '../../../src/index.js';
import type { Constraint } from './tla-semantics.js';

export interface AllocatorState {
  unsat: Record<string, string[]>;
  alloc: Record<string, string[]>;
}

type Choice = [c: string, S: Set<string>];

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const union = (a: readonly string[], b: Iterable<string>): string[] => sorted(new Set([...a, ...b]));
const minus = (a: readonly string[], b: Set<string>): string[] => a.filter((x) => !b.has(x));
const subset = (a: Set<string>, b: readonly string[]): boolean => [...a].every((x) => b.includes(x));

export const CLIENTS = ['c1', 'c2', 'c3'] as const;
export const RESOURCES = ['r1', 'r2'] as const;

export function simpleAllocator(Clients: readonly string[] = CLIENTS, Resources: readonly string[] = RESOURCES): Model<AllocatorState> {
  // The non-empty subsets of Resources (S = {} is never enabled).
  const subsets: Set<string>[] = [];
  for (let mask = 1; mask < 1 << Resources.length; mask++) subsets.push(new Set(Resources.filter((_, k) => (mask & (1 << k)) !== 0)));
  const choices = (): Choice[] => Clients.flatMap((c) => subsets.map((S): Choice => [c, S]));
  const available = (s: AllocatorState): string[] => Resources.filter((r) => Clients.every((c) => !s.alloc[c].includes(r)));
  const empty = () => Object.fromEntries(Clients.map((c) => [c, [] as string[]]));
  const returnAll = (s: AllocatorState, c: string): AllocatorState => ({ unsat: s.unsat, alloc: { ...s.alloc, [c]: [] } });

  return defineModel<AllocatorState>({
    name: `SimpleAllocator(${Clients.length} clients, ${Resources.length} resources)`,
    init: { unsat: empty(), alloc: empty() },
    actions: {
      Request: {
        choices,
        enabled: (s, [c]: Choice) => s.unsat[c].length === 0 && s.alloc[c].length === 0,
        apply: (s, [c, S]: Choice) => ({ unsat: { ...s.unsat, [c]: sorted(S) }, alloc: s.alloc }),
      },
      Allocate: {
        choices,
        enabled: (s, [c, S]: Choice) => subset(S, available(s)) && subset(S, s.unsat[c]),
        apply: (s, [c, S]: Choice) => ({ unsat: { ...s.unsat, [c]: minus(s.unsat[c], S) }, alloc: { ...s.alloc, [c]: union(s.alloc[c], S) } }),
      },
      Return: {
        choices,
        enabled: (s, [c, S]: Choice) => subset(S, s.alloc[c]),
        apply: (s, [c, S]: Choice) => ({ unsat: s.unsat, alloc: { ...s.alloc, [c]: minus(s.alloc[c], S) } }),
      },
      // Fairness names (see the module comment): sub-actions of Return, no new successors.
      ReturnAll: {
        choices: () => Clients,
        enabled: (s, c: string) => s.alloc[c].length > 0,
        apply: returnAll,
      },
      ReturnAllSatisfied: {
        choices: () => Clients,
        enabled: (s, c: string) => s.unsat[c].length === 0 && s.alloc[c].length > 0,
        apply: returnAll,
      },
    },
    invariants: {
      TypeInvariant: (s) =>
        Clients.every((c) => [s.unsat[c], s.alloc[c]].every((x) => Array.isArray(x) && x.every((r) => Resources.includes(r)))),
      ResourceMutex: (s) => Clients.every((c1) => Clients.every((c2) => c1 === c2 || s.alloc[c1].every((r) => !s.alloc[c2].includes(r)))),
    },
  });
}

type Query = { from: (s: AllocatorState) => boolean; goal: (s: AllocatorState) => boolean };

/** `ClientsWillReturn == \A c \in Clients : unsat[c]={} ~> alloc[c]={}`: one query per client. */
export const ClientsWillReturn = (c: string): Query => ({
  from: (s) => s.unsat[c].length === 0,
  goal: (s) => s.alloc[c].length === 0,
});

/** `ClientsWillObtain == \A c \in Clients, r \in Resources : r \in unsat[c] ~> r \in alloc[c]`: one per (c, r). */
export const ClientsWillObtain = (c: string, r: string): Query => ({
  from: (s) => s.unsat[c].includes(r),
  goal: (s) => s.alloc[c].includes(r),
});

/** `InfOftenSatisfied == \A c \in Clients : []<>(unsat[c] = {})`, i.e. TRUE ~> unsat[c] = {}: one per client. */
export const InfOftenSatisfied = (c: string): Query => ({
  from: () => true,
  goal: (s) => s.unsat[c].length === 0,
});

/** Every instance of the three properties for the given constants, by name. */
export function properties(Clients: readonly string[] = CLIENTS, Resources: readonly string[] = RESOURCES) {
  return {
    ClientsWillReturn: Clients.map((c) => ({ label: `ClientsWillReturn(${c})`, ...ClientsWillReturn(c) })),
    ClientsWillObtain: Clients.flatMap((c) => Resources.map((r) => ({ label: `ClientsWillObtain(${c},${r})`, ...ClientsWillObtain(c, r) }))),
    InfOftenSatisfied: Clients.map((c) => ({ label: `InfOftenSatisfied(${c})`, ...InfOftenSatisfied(c) })),
  };
}

/**
 * SimpleAllocator2's fairness as closely as kripke names it: the weak fairness exactly
 * (through ReturnAllSatisfied), the strong one per choice (stronger; same verdicts).
 * NOT `fair: ['Return']`: that makes every Return(c,S) weakly fair, so a client must give
 * back what it holds even before its request is complete, an obligation SimpleAllocator2
 * drops on purpose; with stuttering it turns the two documented failures into passes.
 */
export const specFairness = { fair: ['ReturnAllSatisfied'], strongFair: ['Allocate'] } as const;
/** SimpleAllocator's fairness, likewise (ReturnAll: Return(c, alloc[c]) with no condition on unsat). */
export const simpleAllocatorFairness = { fair: ['ReturnAll'], strongFair: ['Allocate'] } as const;

const verdicts = (tla: 'holds' | 'violated', today: 'holds' | 'violated') =>
  ({
    tlaSpecFairness: tla,
    stutteringNoFairness: 'violated',
    stutteringSpecFairness: tla,
    todayNoFairness: 'violated',
    todaySpecFairness: today,
  }) as const;

/**
 * Known answers for SimpleAllocator2 with Clients = {c1, c2, c3}, Resources = {r1, r2}
 * (every instance of a property has the verdict of the property: the clients, and the
 * resources, are symmetric).
 * - tlcDistinctStates: `specifications/allocator/manifest.json`, model SimpleAllocator.cfg:
 *   "distinctStates": 400, "stateDepth": 6, result "success". The config's SPECIFICATION is
 *   SimpleAllocator; SimpleAllocator2 has the same Init and Next, hence the same states.
 * - Under SimpleAllocator2's fairness (TLA+): ClientsWillReturn holds (THEOREM);
 *   ClientsWillObtain and InfOftenSatisfied are violated ("The following do not hold").
 *   Why: c1 holds r1 waiting for r2 while c2 holds r2 waiting for r1. Neither has its whole
 *   request, so neither must return anything (the WF formula needs unsat[c] = {}), no
 *   Allocate is enabled, and a behaviour may stutter there forever: fair, and neither
 *   request is ever satisfied.
 * - No fairness (TLA+, stuttering): all three violated (stop right after a Request, or
 *   right after the allocation that completes a request).
 * - kripke today (paths never stop while a step is enabled): no fairness, all three
 *   violated (other clients' steps cycle forever); `specFairness`: all three HOLD, i.e. the
 *   two documented failures come back OK. In the deadlock above kripke's path must still
 *   move; the only moves are voluntary returns and c3's Request, and a path that keeps
 *   returning keeps enabling Allocate for the waiting clients, which strong fairness then
 *   forces. (The reference semantics gives the same "holds" with the exact group SF: the
 *   difference is stuttering, not per-choice fairness.)
 */
export const expected = {
  constants: { Clients: ['c1', 'c2', 'c3'], Resources: ['r1', 'r2'] },
  tlcDistinctStates: 400,
  tlcStateDepth: 6,
  properties: {
    ClientsWillReturn: verdicts('holds', 'holds'),
    ClientsWillObtain: verdicts('violated', 'holds'),
    InfOftenSatisfied: verdicts('violated', 'holds'),
  },
} as const;

/**
 * Known answers for SimpleAllocator (same constants and states): all three properties hold
 * under its fairness (THEOREMs; TLC "success" on SimpleAllocator.cfg, which lists the three
 * under PROPERTIES), kripke today included; with no fairness all three are violated.
 */
export const expectedSimpleAllocator = {
  ...expected,
  properties: {
    ClientsWillReturn: verdicts('holds', 'holds'),
    ClientsWillObtain: verdicts('holds', 'holds'),
    InfOftenSatisfied: verdicts('holds', 'holds'),
  },
} as const;

/**
 * The specs' fairness exactly, for the reference semantics, as predicates on steps (s, t):
 * - Return(c, alloc[c]): c held something and holds nothing after, nothing else changed;
 * - SimpleAllocator2 adds unsat[c] = {} in s;
 * - \E S : Allocate(c, S): alloc[c] grows (only Allocate adds to alloc), one constraint per
 *   client for all S together (group fairness).
 */
export function tlaFairness(spec: 'SimpleAllocator' | 'SimpleAllocator2', Clients: readonly string[] = CLIENTS): Constraint<AllocatorState>[] {
  const same = (a: Record<string, string[]>, b: Record<string, string[]>, except?: string) =>
    Object.keys(a).every((k) => k === except || a[k].join() === b[k].join());
  return Clients.flatMap((c): Constraint<AllocatorState>[] => [
    {
      kind: 'WF',
      name: spec === 'SimpleAllocator' ? `Return(${c}, alloc[${c}])` : `unsat[${c}] = {} /\\ Return(${c}, alloc[${c}])`,
      step: (_e, s, t) =>
        (spec === 'SimpleAllocator' || s.unsat[c].length === 0) &&
        s.alloc[c].length > 0 &&
        t.alloc[c].length === 0 &&
        same(s.unsat, t.unsat) &&
        same(s.alloc, t.alloc, c),
    },
    { kind: 'SF', name: `\\E S : Allocate(${c}, S)`, step: (_e, s, t) => t.alloc[c].length > s.alloc[c].length },
  ]);
}
