/**
 * The cycle of a liveness counterexample: from the state where the prefix
 * enters a fair component, a walk inside it that is fair in itself and comes
 * back. It goes from witness to witness (an edge of each fair unit it must
 * take, a state where a weakly fair unit is disabled, and for ◇□P a state
 * where P fails), each leg a breadth-first search inside the component, then
 * returns to where it entered.
 */
import type { SccScratch } from './components.js';
import type { Acceptance } from './fair-components.js';
import type { FairnessUnits } from './fairness.js';
import type { StateGraph } from './graph.js';

/**
 * A cycle from `entry` back to it, inside entry's fair core, fair in itself:
 * it takes every strongly fair unit enabled anywhere on it, for each weakly
 * fair unit enabled at entry it takes it or passes a state that disables it,
 * and it passes an accepting state if the acceptance asks for one.
 */
export function fairCycle(
  graph: StateGraph,
  entry: number,
  setOf: Int32Array,
  acceptance: Acceptance,
  scratch: SccScratch,
  clock: () => void,
): number[] {
  return new CycleWalk(graph, entry, setOf, acceptance, scratch, clock).run();
}

class CycleWalk {
  /** Weakly fair units enabled at entry, not yet taken nor seen disabled. */
  private readonly needWeak = new Set<number>();
  /** Strongly fair units enabled somewhere on the walk, not yet taken. */
  private readonly needStrong = new Set<number>();
  private readonly taken = new Set<number>();
  /** The walk has yet to pass an accepting state. */
  private needAccepting: boolean;
  private readonly walk: number[] = [];
  private readonly core: number;
  private readonly fairness: FairnessUnits;
  /** Per fairness unit: the stamp of the last state `enable` marked it enabled at. */
  private readonly enabledStamp: Int32Array;
  private stamp = 0;
  private round = 0;

  constructor(
    private readonly graph: StateGraph,
    private readonly entry: number,
    private readonly setOf: Int32Array,
    private readonly acceptance: Acceptance,
    private readonly scratch: SccScratch,
    private readonly clock: () => void,
  ) {
    this.core = setOf[entry];
    this.fairness = acceptance.fairness;
    this.enabledStamp = new Int32Array(this.fairness.size);
    this.needAccepting = acceptance.accepting !== undefined;
  }

  run(): number[] {
    const { strong } = this.fairness;
    this.enable(this.entry);
    for (let u = 0; u < this.enabledStamp.length; u++) {
      if (this.enabledStamp[u] === this.stamp && strong[u] !== 1) this.needWeak.add(u);
    }
    this.visit(this.entry);
    let cur = this.entry;
    for (;;) {
      while (this.needs()) {
        const path = this.pathFrom(cur, (s) => this.witness(s), (a) => this.needed(a));
        this.follow(path);
        cur = this.graph.targets.get(path[path.length - 1]);
      }
      if (cur === this.entry && this.walk.length > 0) break;
      this.follow(this.pathFrom(cur, (s) => s === this.entry, () => false));
      cur = this.entry;
      if (!this.needs()) break;
    }
    // Leave the scratch clean for whoever uses it next.
    this.scratch.index.fill(0);
    return this.walk;
  }

  private needs(): boolean {
    return this.needWeak.size > 0 || this.needStrong.size > 0 || this.needAccepting;
  }

  /** A step of instance `a` takes a unit the walk still needs. */
  private needed(a: number): boolean {
    const { first, list } = this.fairness;
    for (let k = first[a]; k < first[a + 1]; k++) if (this.needWeak.has(list[k]) || this.needStrong.has(list[k])) return true;
    return false;
  }

  /** Marks the units with a step out of `s` that changes the state under a fresh stamp. */
  private enable(s: number): void {
    const { graph } = this;
    const { first, list } = this.fairness;
    const stamp = ++this.stamp;
    const end = graph.firstEdge(s + 1);
    for (let e = graph.firstEdge(s); e < end; e++) {
      if (graph.targets.get(e) === s) continue;
      const a = graph.actions.get(e);
      for (let k = first[a]; k < first[a + 1]; k++) this.enabledStamp[list[k]] = stamp;
    }
  }

  /** State `s` is a witness the walk still needs: it disables a needed weakly fair unit, or it is accepting. */
  private witness(s: number): boolean {
    if (this.needAccepting && this.acceptance.accepting!(s)) return true;
    if (this.needWeak.size === 0) return false;
    this.enable(s);
    for (const u of this.needWeak) if (this.enabledStamp[u] !== this.stamp) return true;
    return false;
  }

  /** The walk passes `s`: weakly fair units it disables are satisfied, strongly fair ones it enables are needed. */
  private visit(s: number): void {
    const { strong } = this.fairness;
    if (this.needAccepting && this.acceptance.accepting!(s)) this.needAccepting = false;
    this.enable(s);
    for (const u of this.needWeak) if (this.enabledStamp[u] !== this.stamp) this.needWeak.delete(u);
    const { first, list } = this.fairness;
    const end = this.graph.firstEdge(s + 1);
    for (let e = this.graph.firstEdge(s); e < end; e++) {
      if (this.graph.targets.get(e) === s) continue;
      const a = this.graph.actions.get(e);
      for (let k = first[a]; k < first[a + 1]; k++) if (strong[list[k]] === 1 && !this.taken.has(list[k])) this.needStrong.add(list[k]);
    }
  }

  private follow(path: readonly number[]): void {
    for (const e of path) {
      this.walk.push(e);
      const target = this.graph.targets.get(e);
      if (target !== this.graph.sourceOf(e)) {
        const { first, list } = this.fairness;
        const a = this.graph.actions.get(e);
        for (let k = first[a]; k < first[a + 1]; k++) {
          this.taken.add(list[k]);
          this.needWeak.delete(list[k]);
          this.needStrong.delete(list[k]);
        }
      }
      this.visit(target);
    }
  }

  /** Breadth-first inside the core from `from` to the first state or state-changing edge that satisfies `stopAt` or `stopOn`. */
  private pathFrom(from: number, stopAt: (s: number) => boolean, stopOn: (a: number) => boolean): number[] {
    const { graph, setOf, core } = this;
    const { index: mark, low: via, stack: queue, callNode: viaNode } = this.scratch;
    const round = ++this.round;
    const back = (s: number): number[] => {
      const path: number[] = [];
      for (let x = s; x !== from; x = viaNode[x]) path.push(via[x]);
      return path.reverse();
    };
    let tail = 0;
    queue[tail++] = from;
    mark[from] = round;
    for (let head = 0; head < tail; head++) {
      if ((head & 0xfff) === 0) this.clock();
      const u = queue[head];
      const end = graph.firstEdge(u + 1);
      for (let e = graph.firstEdge(u); e < end; e++) {
        const w = graph.targets.get(e);
        if (setOf[w] !== core) continue;
        if ((w !== u && stopOn(graph.actions.get(e))) || (w === from && stopAt(w))) return [...back(u), e];
        if (mark[w] === round) continue;
        mark[w] = round;
        via[w] = e;
        viaNode[w] = u;
        if (stopAt(w)) return back(w);
        queue[tail++] = w;
      }
    }
    throw new Error(`kripke internal error: no fair witness inside a fair component (state ${from})`);
  }
}
