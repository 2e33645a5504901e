/**
 * Fairness as the liveness analysis reads it: a list of units, each weakly or
 * strongly fair, each a set of action instances. A name in `fair` gives one
 * unit per instance (each choice of a parameterised action is fair on its
 * own); a group `['send', 'retry']` gives one unit for all their instances
 * together (TLA+'s WF_vars(Send ∨ Retry)), and a group of one parameterised
 * action makes the action fair as a whole rather than each choice. A unit is
 * enabled in a state where any of its instances is, and taken by a step of any
 * of them.
 */
import { ModelDefinitionError } from '../../model/errors.js';
import type { Fairness, Transition } from '../../model/types.js';
import type { StateGraph } from './graph.js';

/** The units of a property's fairness, and which units each action instance belongs to. */
export class FairnessUnits {
  /** Per unit: 1 when strongly fair, 0 when weakly. */
  readonly strong: Uint8Array;
  /** The units of instance `a` are `list[first[a]] … list[first[a + 1] - 1]`. */
  readonly first: Int32Array;
  readonly list: Int32Array;

  constructor(instances: number, members: readonly (readonly number[])[], strong: readonly boolean[]) {
    this.strong = Uint8Array.from(strong, (s) => (s ? 1 : 0));
    this.first = new Int32Array(instances + 1);
    for (const unit of members) for (const a of unit) this.first[a + 1]++;
    for (let a = 0; a < instances; a++) this.first[a + 1] += this.first[a];
    this.list = new Int32Array(this.first[instances]);
    const fill = this.first.slice(0, instances);
    members.forEach((unit, u) => {
      for (const a of unit) this.list[fill[a]++] = u;
    });
  }

  /** How many units there are. */
  get size(): number {
    return this.strong.length;
  }

  /** Instance `a` belongs to some unit (some fairness covers it). */
  isFair(a: number): boolean {
    return this.first[a + 1] > this.first[a];
  }
}

/**
 * The units of one property's `fair` and `strongFair` lists over the graph's
 * action instances. Environment behaviors are never fair (`'all'` means every
 * model action). A choice label that no reachable state enables is a usage
 * error: a typo would otherwise leave the action unfair without a word.
 */
export function fairnessUnits<S>(
  graph: StateGraph,
  transitions: readonly Transition<S>[],
  fair: Fairness | undefined,
  strongFair: Fairness | undefined,
  where = 'checkLiveness',
): FairnessUnits {
  const members: number[][] = [];
  const strong: boolean[] = [];
  const add = (list: Fairness | undefined, isStrong: boolean, what: string) => {
    if (list === undefined) return;
    const entries = list === 'all' ? allModelInstances(graph, transitions) : list;
    for (const entry of entries) {
      if (typeof entry === 'number') {
        members.push([entry]);
        strong.push(isStrong);
      } else if (typeof entry === 'string') {
        for (const a of instancesNamed(graph, transitions, entry, what)) {
          members.push([a]);
          strong.push(isStrong);
        }
      } else {
        members.push(entry.flatMap((name) => instancesNamed(graph, transitions, name, what)));
        strong.push(isStrong);
      }
    }
  };
  add(fair, false, `${where}: fair`);
  add(strongFair, true, `${where}: strongFair`);
  return new FairnessUnits(graph.instances.length, members, strong);
}

/** Every instance of a model action (not of an environment's behavior). */
function allModelInstances<S>(graph: StateGraph, transitions: readonly Transition<S>[]): number[] {
  const out: number[] = [];
  graph.instances.forEach((inst, a) => {
    if (transitions[inst.transition].environment === undefined) out.push(a);
  });
  return out;
}

/** The instances a name covers: all choices of an action by its label, or the one choice whose label it is. */
function instancesNamed<S>(graph: StateGraph, transitions: readonly Transition<S>[], name: string, what: string): number[] {
  const out: number[] = [];
  graph.instances.forEach((inst, a) => {
    if (inst.label === name || transitions[inst.transition].label === name) out.push(a);
  });
  if (out.length === 0 && !transitions.some((t) => t.label === name)) {
    throw new ModelDefinitionError(`${what}: ${unknownChoice(name, graph, transitions)}`);
  }
  return out;
}

/** Why a choice label names nothing: the choices of its action that do occur. */
export function unknownChoice<S>(name: string, graph: StateGraph, transitions: readonly Transition<S>[]): string {
  const t = transitions.findIndex((tr) => tr.choices !== undefined && name.startsWith(`${tr.label}(`));
  const labels = graph.instances.filter((inst) => inst.transition === t && inst.label !== transitions[t]?.label).map((inst) => inst.label);
  const known = labels.length === 0 ? 'none is enabled in any reachable state' : `the enabled ones are ${listed(labels)}`;
  return `no reachable state enables '${name}' (labels must match as traces print them: ${known})`;
}

/** `a, b, c and 4 more` */
function listed(labels: readonly string[], most = 6): string {
  const shown = labels.slice(0, most).join(', ');
  return labels.length <= most ? shown : `${shown} and ${labels.length - most} more`;
}
