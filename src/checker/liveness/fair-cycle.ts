/**
 * The cycle of a liveness counterexample: from the state where the prefix
 * enters a fair component, a walk inside it that is fair in itself and comes
 * back. It goes from witness to witness (an edge of each fair action it must
 * take, a state where a weakly fair action is disabled), each leg a
 * breadth-first search inside the component, then returns to where it entered.
 */
import type { SccScratch } from './components.js';
import type { FairnessFlags } from './fair-components.js';
import type { StateGraph } from './graph.js';

/**
 * A cycle from `entry` back to it, inside entry's fair core, fair in itself:
 * it takes every strongly fair action enabled anywhere on it, and for each
 * weakly fair action enabled at entry it takes it or passes a state that disables it.
 */
export function fairCycle(
  graph: StateGraph,
  entry: number,
  setOf: Int32Array,
  fairness: FairnessFlags,
  scratch: SccScratch,
  clock: () => void,
): number[] {
  return new CycleWalk(graph, entry, setOf, fairness, scratch, clock).run();
}

class CycleWalk {
  /** Weakly fair actions enabled at entry, not yet taken nor seen disabled. */
  private readonly needWeak = new Set<number>();
  /** Strongly fair actions enabled somewhere on the walk, not yet taken. */
  private readonly needStrong = new Set<number>();
  private readonly taken = new Set<number>();
  private readonly walk: number[] = [];
  private readonly core: number;
  /** Per action instance: the stamp of the last state `enable` marked it enabled at. */
  private readonly enabledStamp: Int32Array;
  private stamp = 0;
  private round = 0;

  constructor(
    private readonly graph: StateGraph,
    private readonly entry: number,
    private readonly setOf: Int32Array,
    private readonly fairness: FairnessFlags,
    private readonly scratch: SccScratch,
    private readonly clock: () => void,
  ) {
    this.core = setOf[entry];
    this.enabledStamp = new Int32Array(graph.instances.length);
  }

  run(): number[] {
    const { weak, strong } = this.fairness;
    this.enable(this.entry);
    for (let a = 0; a < this.enabledStamp.length; a++) {
      if (this.enabledStamp[a] === this.stamp && weak[a] === 1 && strong[a] !== 1) this.needWeak.add(a);
    }
    this.visit(this.entry);
    let cur = this.entry;
    for (;;) {
      while (this.needWeak.size > 0 || this.needStrong.size > 0) {
        const path = this.pathFrom(cur, (s) => this.disablesNeeded(s), (a) => this.needWeak.has(a) || this.needStrong.has(a));
        this.follow(path);
        cur = this.graph.targets.get(path[path.length - 1]);
      }
      if (cur === this.entry && this.walk.length > 0) break;
      this.follow(this.pathFrom(cur, (s) => s === this.entry, () => false));
      cur = this.entry;
      if (this.needWeak.size === 0 && this.needStrong.size === 0) break;
    }
    // Leave the scratch clean for whoever uses it next.
    this.scratch.index.fill(0);
    return this.walk;
  }

  /** Marks the actions with a step out of `s` that changes the state under a fresh stamp. */
  private enable(s: number): void {
    const { graph } = this;
    const stamp = ++this.stamp;
    const end = graph.firstEdge(s + 1);
    for (let e = graph.firstEdge(s); e < end; e++) if (graph.targets.get(e) !== s) this.enabledStamp[graph.actions.get(e)] = stamp;
  }

  /** State `s` disables some weakly fair action the walk still needs (a witness for it). */
  private disablesNeeded(s: number): boolean {
    if (this.needWeak.size === 0) return false;
    this.enable(s);
    for (const a of this.needWeak) if (this.enabledStamp[a] !== this.stamp) return true;
    return false;
  }

  /** The walk passes `s`: weakly fair actions it disables are satisfied, strongly fair ones it enables are needed. */
  private visit(s: number): void {
    const { strong } = this.fairness;
    this.enable(s);
    for (const a of this.needWeak) if (this.enabledStamp[a] !== this.stamp) this.needWeak.delete(a);
    const end = this.graph.firstEdge(s + 1);
    for (let e = this.graph.firstEdge(s); e < end; e++) {
      const a = this.graph.actions.get(e);
      if (this.enabledStamp[a] === this.stamp && strong[a] === 1 && !this.taken.has(a)) this.needStrong.add(a);
    }
  }

  private follow(path: readonly number[]): void {
    for (const e of path) {
      this.walk.push(e);
      const target = this.graph.targets.get(e);
      if (target !== this.graph.sourceOf(e)) {
        const a = this.graph.actions.get(e);
        this.taken.add(a);
        this.needWeak.delete(a);
        this.needStrong.delete(a);
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
