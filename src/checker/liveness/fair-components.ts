/**
 * Phase 2 of the liveness analysis: the fair components of the pending region.
 *
 * Every infinite path ends up inside one strongly connected component of the
 * region R, and visits some strongly connected part of it infinitely often. A
 * component C is fair when, for each weakly fair unit (fairness.ts: an action
 * instance, or a group of them), C takes it on an inner edge or disables it in
 * some state (so a path that goes round all of C is weakly fair); a weakly
 * fair unit enabled in every state of C and never taken inside makes every
 * path in C unfair, so C is dropped. Strong fairness is refined: states where
 * a strongly fair unit is enabled but never taken inside C are removed, the
 * rest is split into components again, and each is tested anew (Emerson–Lei).
 * A property that must also see some state again and again (◇□P is broken by
 * a path that leaves P infinitely often) keeps only components holding such a
 * state. Sound and complete for finite graphs.
 *
 * Fairness counts only steps that change the state (TLA+'s <<A>>_v): a
 * self-loop neither takes a fair action nor keeps it enabled.
 */
import type { StateGraph } from './graph.js';
import { SccScratch, stronglyConnected } from './components.js';
import type { FairnessUnits } from './fairness.js';

/** What a path that stays in a component forever must satisfy. */
export interface Acceptance {
  readonly fairness: FairnessUnits;
  /** When given, the path must also pass a state where this holds again and again. */
  readonly accepting?: (s: number) => boolean;
}

/** The fair components found: `setOf[s] < 0` for a state of one (each its own negative number), 0 elsewhere. */
export interface FairCores {
  readonly setOf: Int32Array;
  /** Scratch arrays sized to the graph, clean, for the cycle search to reuse. */
  readonly scratch: SccScratch;
}

/** The fair components inside `region`. With `stuttering`, a single state without a self-loop may still be one. */
export function fairCores(
  graph: StateGraph,
  region: Int32Array,
  acceptance: Acceptance,
  stuttering: boolean,
  clock: () => void,
): FairCores {
  return new Refinement(graph, acceptance, stuttering).run(region, clock);
}

/** The work list of components still to judge, with per-unit counters reused across them by stamps. */
class Refinement {
  /** 0 outside, > 0 a candidate component (its id), < 0 a fair core. */
  private readonly setOf: Int32Array;
  private readonly scratch: SccScratch;
  private readonly work: Int32Array[] = [];
  /** Per fairness unit: in how many states of the component it is enabled. */
  private readonly enabledIn: Int32Array;
  private readonly countStamp: Int32Array;
  private readonly stateStamp: Int32Array;
  private readonly takenStamp: Int32Array;
  private readonly forbidden: Int32Array;
  /** The units seen in the component being judged: `encountered[0..kinds)`. */
  private readonly encountered: Int32Array;
  private kinds = 0;
  /** The stamp of the component being judged; state stamps come from a counter of their own. */
  private component = 0;
  private stateStamps = 0;
  private nextSet = 2;
  private cores = 0;

  private readonly fairness: FairnessUnits;

  constructor(
    private readonly graph: StateGraph,
    private readonly acceptance: Acceptance,
    private readonly stuttering: boolean,
  ) {
    this.fairness = acceptance.fairness;
    const nI = this.fairness.size;
    this.setOf = new Int32Array(graph.size);
    this.scratch = new SccScratch(graph.size);
    this.enabledIn = new Int32Array(nI);
    this.countStamp = new Int32Array(nI);
    this.stateStamp = new Int32Array(nI);
    this.takenStamp = new Int32Array(nI);
    this.forbidden = new Int32Array(nI);
    this.encountered = new Int32Array(nI);
  }

  run(region: Int32Array, clock: () => void): FairCores {
    for (const s of region) this.setOf[s] = 1;
    this.split(1, region, region.length);
    while (this.work.length > 0) {
      clock();
      const C = this.work.pop() as Int32Array;
      const verdict = this.judge(C);
      if (verdict === 'unfair') this.drop(C);
      else if (verdict === 'refine') this.refine(C);
      else this.keep(C);
    }
    return { setOf: this.setOf, scratch: this.scratch };
  }

  /** Queues the components of `{ s | setOf[s] === set }` among `nodes[0..count)`; a lone state without a self-loop is no cycle. */
  private split(set: number, nodes: Int32Array, count: number): void {
    stronglyConnected(this.graph, this.setOf, set, nodes, count, this.scratch, (stack, from, to) => {
      if (to - from === 1 && !this.stuttering && !this.graph.hasSelfLoop(stack[from])) {
        this.setOf[stack[from]] = 0;
        return;
      }
      const id = this.nextSet++;
      for (let i = from; i < to; i++) this.setOf[stack[i]] = id;
      this.work.push(stack.slice(from, to));
    });
  }

  /** Counts, per fairness unit, the states of C enabling it and whether C takes it inside; then judges C. */
  private judge(C: Int32Array): 'unfair' | 'refine' | 'fair' {
    const { accepting } = this.acceptance;
    if (accepting !== undefined && !C.some(accepting)) return 'unfair';
    const inner = this.tally(C);
    if (inner === 0 && !this.stuttering) return 'unfair';
    const { strong } = this.fairness;
    const cStamp = this.component;
    let verdict: 'refine' | 'fair' = 'fair';
    for (let k = 0; k < this.kinds; k++) {
      const u = this.encountered[k];
      if (this.takenStamp[u] === cStamp) continue;
      // Enabled everywhere in C, never taken inside: no path that stays in C is fair to it.
      if (this.enabledIn[u] === C.length) return 'unfair';
      if (strong[u] === 1) {
        this.forbidden[u] = cStamp;
        verdict = 'refine';
      }
    }
    return verdict;
  }

  /** Fills the counters for C under a fresh component stamp; returns how many edges stay inside C. */
  private tally(C: Int32Array): number {
    const { graph, setOf } = this;
    const id = setOf[C[0]];
    const cStamp = ++this.component;
    this.kinds = 0;
    let inner = 0;
    for (let i = 0; i < C.length; i++) {
      const s = C[i];
      const sStamp = ++this.stateStamps;
      const end = graph.firstEdge(s + 1);
      for (let e = graph.firstEdge(s); e < end; e++) {
        const t = graph.targets.get(e);
        if (setOf[t] === id) inner++;
        if (t === s) continue; // a self-loop neither takes nor enables (<<A>>_v)
        const a = graph.actions.get(e);
        const { first, list } = this.fairness;
        for (let k = first[a]; k < first[a + 1]; k++) this.count(list[k], cStamp, sStamp, setOf[t] === id);
      }
    }
    return inner;
  }

  /** Fairness unit `u` is enabled in state number `sStamp` of component `cStamp`, and taken inside it if `inside`. */
  private count(u: number, cStamp: number, sStamp: number, inside: boolean): void {
    if (this.countStamp[u] !== cStamp) {
      this.countStamp[u] = cStamp;
      this.enabledIn[u] = 0;
      this.encountered[this.kinds++] = u;
    }
    if (this.stateStamp[u] !== sStamp) {
      this.stateStamp[u] = sStamp;
      this.enabledIn[u]++;
    }
    if (inside) this.takenStamp[u] = cStamp;
  }

  private drop(C: Int32Array): void {
    for (let i = 0; i < C.length; i++) this.setOf[C[i]] = 0;
  }

  private keep(C: Int32Array): void {
    const core = -++this.cores;
    for (let i = 0; i < C.length; i++) this.setOf[C[i]] = core;
  }

  /** Strong fairness: drops the states that enable a strongly fair unit C never takes, splits the rest. */
  private refine(C: Int32Array): void {
    const { setOf } = this;
    const keep = this.nextSet++;
    let kept = 0;
    for (let i = 0; i < C.length; i++) {
      const s = C[i];
      const drop = this.enablesForbidden(s);
      setOf[s] = drop ? 0 : keep;
      if (!drop) C[kept++] = s;
    }
    if (kept > 0) this.split(keep, C, kept);
  }

  /** Some step out of `s` that changes the state belongs to a unit the component being judged forbids. */
  private enablesForbidden(s: number): boolean {
    const { graph, forbidden } = this;
    const { first, list } = this.fairness;
    const cStamp = this.component;
    const end = graph.firstEdge(s + 1);
    for (let e = graph.firstEdge(s); e < end; e++) {
      if (graph.targets.get(e) === s) continue;
      const a = graph.actions.get(e);
      for (let k = first[a]; k < first[a + 1]; k++) if (forbidden[list[k]] === cStamp) return true;
    }
    return false;
  }
}
