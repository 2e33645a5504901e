/**
 * Five specifications from tlaplus/Examples, ported to kripke models
 * (test/known-models/tla/, see its README), against their known answers:
 * - the state count equals TLC's distinct states for the spec's model config;
 * - the safety invariants hold (with deadlock checked where TLC checks it);
 * - kripke's liveness verdicts TODAY (paths never stutter), with no fairness and
 *   with the spec's fairness as closely as kripke names it;
 * - the expected verdicts under TLA+ semantics (stuttering, `<<A>>_v`, the
 *   spec's exact fairness, group fairness included), computed by an independent
 *   reference (test/known-models/tla/tla-semantics.ts): these are the answers that
 *   `stuttering: true` must give, exported as `expected` by each model.
 */
import { describe, expect, it } from 'vitest';
import { check, checkLiveness, type Model } from '../../src/index.js';
import * as AsyncTD from '../known-models/tla/async-termination-detection.js';
import * as ChangRoberts from '../known-models/tla/chang-roberts.js';
import * as CoffeeCan from '../known-models/tla/coffee-can.js';
import * as EWD840 from '../known-models/tla/ewd840.js';
import * as Allocator from '../known-models/tla/simple-allocator.js';
import { exploreGraph, perChoice, verdict, type Constraint, type Graph, type Property, type Verdict } from '../known-models/tla/tla-semantics.js';

interface Verdicts {
  readonly tlaSpecFairness: Verdict;
  readonly stutteringNoFairness: Verdict;
  readonly stutteringSpecFairness: Verdict;
  readonly todayNoFairness: Verdict;
  readonly todaySpecFairness: Verdict;
}

interface Instance<S> {
  label: string;
  query: { goal: (s: S) => boolean; from?: (s: S) => boolean };
  /** The property as TLA+ states it, when kripke's query is an equivalent reformulation. */
  literal?: Property<S>;
}

interface Spec<S> {
  name: string;
  model: Model<S>;
  /** TLC's CHECK_DEADLOCK for the config. */
  deadlock: boolean;
  expected: { tlcDistinctStates: number; properties: Readonly<Record<string, Verdicts>> };
  properties: Record<string, Instance<S>[]>;
  fairness: { fair?: readonly string[] | 'all'; strongFair?: readonly string[] | 'all' };
  tlaFairness: Constraint<S>[];
}

const one = <S,>(label: string, query: Instance<S>['query'], literal?: Property<S>): Instance<S>[] => [
  { label, query, ...(literal === undefined ? {} : { literal }) },
];
const allocatorInstances = (): Record<string, Instance<Allocator.AllocatorState>[]> =>
  Object.fromEntries(
    Object.entries(Allocator.properties()).map(([name, list]) => [name, list.map(({ label, from, goal }) => ({ label, query: { from, goal } }))]),
  );

const allocator = Allocator.simpleAllocator();
const specs: Spec<any>[] = [
  {
    name: 'EWD840 (N = 3)',
    model: EWD840.ewd840(3),
    deadlock: false,
    expected: EWD840.expected,
    properties: { Liveness: one('Liveness', EWD840.Liveness) },
    fairness: EWD840.specFairness,
    tlaFairness: EWD840.tlaFairness,
  } satisfies Spec<EWD840.EWD840State>,
  {
    name: 'ChangRoberts (N = 3, Id = <<1, 2, 3>>)',
    model: ChangRoberts.changRoberts(3),
    deadlock: false,
    expected: ChangRoberts.expected,
    properties: {
      Liveness: one(
        'Liveness',
        { from: ChangRoberts.Liveness.from, goal: ChangRoberts.Liveness.goal },
        { goal: ChangRoberts.Liveness.goal, initially: ChangRoberts.Liveness.initially },
      ),
    },
    fairness: ChangRoberts.specFairness,
    tlaFairness: ChangRoberts.tlaFairness(3),
  } satisfies Spec<ChangRoberts.ChangRobertsState>,
  {
    name: 'AsyncTerminationDetection (N = 4, pending <= 3)',
    model: AsyncTD.asyncTerminationDetection(4, 3),
    deadlock: true,
    expected: AsyncTD.expected,
    properties: { Live: one('Live', AsyncTD.Live) },
    fairness: AsyncTD.specFairness,
    tlaFairness: AsyncTD.tlaFairness,
  } satisfies Spec<AsyncTD.AsyncTDState>,
  {
    name: 'CoffeeCan (MaxBeanCount = 100)',
    model: CoffeeCan.coffeeCan(100),
    deadlock: true,
    expected: CoffeeCan.expected,
    properties: {
      EventuallyTerminates: one('EventuallyTerminates', CoffeeCan.EventuallyTerminates),
      TerminationHypothesis: one('TerminationHypothesis', CoffeeCan.TerminationHypothesis),
    },
    fairness: CoffeeCan.specFairness,
    tlaFairness: CoffeeCan.tlaFairness,
  } satisfies Spec<CoffeeCan.CoffeeCanState>,
  {
    name: 'SimpleAllocator2 (3 clients, 2 resources)',
    model: allocator,
    deadlock: true,
    expected: Allocator.expected,
    properties: allocatorInstances(),
    fairness: Allocator.specFairness,
    tlaFairness: Allocator.tlaFairness('SimpleAllocator2'),
  } satisfies Spec<Allocator.AllocatorState>,
  {
    name: 'SimpleAllocator (3 clients, 2 resources)',
    model: allocator,
    deadlock: true,
    expected: Allocator.expectedSimpleAllocator,
    properties: allocatorInstances(),
    fairness: Allocator.simpleAllocatorFairness,
    tlaFairness: Allocator.tlaFairness('SimpleAllocator'),
  } satisfies Spec<Allocator.AllocatorState>,
];

const today = <S,>(model: Model<S>, query: Instance<S>['query'], fairness: Spec<S>['fairness'] = {}): Verdict => {
  const r = checkLiveness(model, { ...query, ...fairness });
  if (!r.ok && r.kind !== 'liveness') throw new Error(`unexpected result: ${String(r)}`);
  return r.ok ? 'holds' : 'violated';
};

describe.each(specs)('$name', (spec) => {
  it("has TLC's number of distinct states, and its invariants hold", () => {
    const r = check(spec.model, { deadlock: spec.deadlock });
    expect(String(r)).toMatch(/^OK/);
    expect(r.stats.states).toBe(spec.expected.tlcDistinctStates);
  });

  it('declares a verdict for each of its properties', () => {
    expect(Object.keys(spec.properties).sort()).toEqual(Object.keys(spec.expected.properties).sort());
  });

  describe.each(Object.keys(spec.expected.properties))('%s', (name) => {
    const want = spec.expected.properties[name];
    const instances = spec.properties[name];

    it('kripke today, no fairness', () => {
      for (const { query } of instances) expect(today(spec.model, query)).toBe(want.todayNoFairness);
    });

    it("kripke today, the spec's fairness as kripke names it", () => {
      for (const { query } of instances) expect(today(spec.model, query, spec.fairness)).toBe(want.todaySpecFairness);
    });

    // Issue 8, item 12: TLA+'s semantics as an option. With stuttering, no fairness proves nothing
    // (a behaviour may stop anywhere), and the spec's fairness gives TLA+'s own verdicts.
    it('stuttering: true, no fairness: violated, by a path that stops', () => {
      for (const { query } of instances) {
        const r = checkLiveness(spec.model, { ...query, stuttering: true });
        expect(r.ok ? 'holds' : 'violated').toBe(want.stutteringNoFairness);
        if (!r.ok) expect(r.ending).toBe('stutter');
      }
    });

    it("stuttering: true with the spec's fairness: TLA+'s verdict", () => {
      for (const { query } of instances) {
        expect(today(spec.model, { ...query, stuttering: true } as Instance<unknown>['query'], spec.fairness)).toBe(want.stutteringSpecFairness);
      }
      expect(want.stutteringSpecFairness).toBe(want.tlaSpecFairness);
    });

    it('the reference semantics gives the expected verdicts, with and without stuttering', () => {
      const graph: Graph<any> = reference(spec);
      const kripkeFairness = [...perChoice(graph, 'WF', spec.fairness.fair), ...perChoice(graph, 'SF', spec.fairness.strongFair)];
      for (const { query, literal } of instances) {
        const tla = literal ?? query;
        // TLA+: the spec's own fairness, exactly (group fairness where the spec says so).
        expect(verdict(graph, tla, spec.tlaFairness, 'stuttering')).toBe(want.tlaSpecFairness);
        expect(verdict(graph, tla, [], 'stuttering')).toBe(want.stutteringNoFairness);
        // What `stuttering: true` must answer with kripke's per-choice reading of the fairness.
        expect(verdict(graph, query, kripkeFairness, 'stuttering')).toBe(want.stutteringSpecFairness);
        // The reformulation kripke checks says the same as the literal property.
        if (literal !== undefined) expect(verdict(graph, query, spec.tlaFairness, 'stuttering')).toBe(want.tlaSpecFairness);
        // Without stuttering the reference agrees with kripke today.
        expect(verdict(graph, query, [], 'no-stutter')).toBe(want.todayNoFairness);
        expect(verdict(graph, query, kripkeFairness, 'no-stutter')).toBe(want.todaySpecFairness);
        // ... and the spec's exact (group) fairness changes nothing there: today's passes come from not stuttering.
        expect(verdict(graph, query, spec.tlaFairness, 'no-stutter')).toBe(want.todaySpecFairness);
      }
    });
  });
});

const graphs = new Map<Model<unknown>, Graph<unknown>>();
function reference<S>(spec: Spec<S>): Graph<S> {
  let g = graphs.get(spec.model as Model<unknown>) as Graph<S> | undefined;
  if (g === undefined) {
    g = exploreGraph(spec.model);
    expect(g.states.length).toBe(spec.expected.tlcDistinctStates);
    graphs.set(spec.model as Model<unknown>, g as Graph<unknown>);
  }
  return g;
}

describe('the fairness translations that matter', () => {
  it("SimpleAllocator2: per-choice `fair: ['Return']` is too strong; with stuttering it would hide the documented failures", () => {
    const graph = exploreGraph(allocator);
    const naive = [...perChoice(graph, 'WF', ['Return']), ...perChoice(graph, 'SF', ['Allocate'])];
    const exact = Allocator.tlaFairness('SimpleAllocator2');
    const { from, goal } = Allocator.ClientsWillObtain('c1', 'r2');
    expect(verdict(graph, { from, goal }, exact, 'stuttering')).toBe('violated');
    expect(verdict(graph, { from, goal }, naive, 'stuttering')).toBe('holds');
  });

  it("kripke's dead end and TLA+'s stop: SimpleAllocator2's deadlocked state is a fair stop, not a kripke dead end", () => {
    // c1 holds r1 and waits for r2, c2 holds r2 and waits for r1, c3 waits for r1.
    const stuck = { unsat: { c1: ['r2'], c2: ['r1'], c3: ['r1'] }, alloc: { c1: ['r1'], c2: ['r2'], c3: [] } };
    const graph = exploreGraph(allocator);
    const id = graph.states.findIndex((s) => JSON.stringify(s) === JSON.stringify(stuck));
    expect(id).toBeGreaterThanOrEqual(0);
    // Some step is enabled (voluntary returns, and the ReturnAll steps that name them), so kripke's path goes on ...
    expect(graph.out[id].map((e) => e.label)).toEqual(['Return(["c1",["r1"]])', 'Return(["c2",["r2"]])', 'ReturnAll("c1")', 'ReturnAll("c2")']);
    // ... but none of SimpleAllocator2's fair actions is: TLA+ may stutter here forever.
    const fairEnabled = Allocator.tlaFairness('SimpleAllocator2').filter((c) =>
      graph.out[id].some((e) => e.to !== e.from && c.step(e, graph.states[e.from], graph.states[e.to])),
    );
    expect(fairEnabled).toEqual([]);
  });
});
