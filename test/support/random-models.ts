/**
 * Random models for the property suite. A model is planned over abstract
 * states 0..n-1 (a table of which action and choice leads where), and its
 * states are *rendered* as plain data in many spellings: key orders, null
 * fields, undefined properties, null prototypes, other realms, Sets and Maps
 * with object keys, and sub-objects shared with the parent state (as
 * `{ ...s, x }` shares them), so every fast path of the fingerprint is on the
 * way. Different abstract states always render as different values; the same
 * abstract state, reached twice, often renders in another spelling.
 *
 * The reference (`referenceSearch`) walks the abstract table in kripke's own
 * order of work (breadth-first; each state's invariant, then its actions and
 * choices in order, then deadlock), so it predicts the verdict, the figures and
 * the length of the shortest trace without sharing any of kripke's code.
 */
import fc from 'fast-check';
import { defineModel, type ActionSpec, type Model } from '../../src/index.js';
import { FLAWS, plant, respell, spellings, type Spelling } from './spellings.js';

/** The plan of a model over abstract states. Printable, so a failing case reads as data. */
export interface Plan {
  readonly n: number;
  readonly inits: readonly number[];
  /** Per action: its choices (null: a plain action) and, per state and choice, the target or null (disabled). */
  readonly actions: readonly { readonly choices: readonly Choice[] | null; readonly table: readonly (readonly (number | null)[])[] }[];
  /** States that break the invariant. */
  readonly bad: readonly number[];
  /** States allowed to have no enabled action. */
  readonly terminal: readonly number[];
  /** How states are spelled. */
  readonly spell: number;
  /** A successor into state `into` that is not plain data: which flaw, where inside it. */
  readonly flaw: { readonly into: number; readonly kind: number; readonly where: number } | null;
}

/** Choices, as values: numbers, strings, arrays, records (some equal as data, spelled apart). */
export type Choice = number | string | boolean | null | readonly number[] | { readonly k: number };
const CHOICES: readonly Choice[] = [0, 1, '1', 'a', true, null, [1], [0, 1], { k: 1 }, { k: 2 }];

export function plans(options: { maxStates?: number; flaws?: boolean } = {}): fc.Arbitrary<Plan> {
  const maxStates = options.maxStates ?? 12;
  return fc.integer({ min: 1, max: maxStates }).chain((n) => {
    const target = fc.option(fc.integer({ min: 0, max: n - 1 }), { freq: 3 });
    const action = fc.oneof(
      fc.array(target, { minLength: n, maxLength: n }).map((col) => ({ choices: null, table: col.map((t) => [t]) })),
      fc.uniqueArray(fc.constantFrom(...CHOICES), { minLength: 1, maxLength: 3, selector: (c) => JSON.stringify(c) }).chain((choices) =>
        fc
          .array(fc.array(target, { minLength: choices.length, maxLength: choices.length }), { minLength: n, maxLength: n })
          .map((table) => ({ choices, table })),
      ),
    );
    const subset = fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: Math.max(1, Math.floor(n / 3)) });
    return fc.record({
      n: fc.constant(n),
      inits: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
      actions: fc.array(action, { minLength: 1, maxLength: 3 }),
      bad: subset,
      terminal: subset,
      spell: fc.integer(),
      flaw: options.flaws === true
        ? fc.option(fc.record({ into: fc.integer({ min: 0, max: n - 1 }), kind: fc.nat(FLAWS.length - 1), where: fc.nat() }), { freq: 2 })
        : fc.constant(null),
    });
  });
}

/** The name of action `i`. */
export const actionName = (i: number) => `act${i}`;

// ---------------------------------------------------------------------------
// Rendering: abstract state → plain data, in a spelling that depends on where it was reached.

/** The state an abstract state renders as: `leader` and `term` carry its number; the rest is derived. */
export type Rendered = Record<string, unknown>;

function fields(id: number): Record<string, unknown> {
  return {
    leader: id % 2 === 1 ? null : 0,
    term: id >> 1,
    '': id % 3,
    '1': [null, id % 2],
    tags: new Set(id % 4 === 0 ? [] : ['a', `t${id % 4}`]),
    peers: new Map([[{ node: id % 3 }, [id % 2, null]]]),
    at: new Date(id % 2),
    big: BigInt(id % 2),
    nested: { deep: { list: [{ x: id % 2 }, 'k'] } },
  };
}

/** The abstract state a rendered one stands for. */
export function decode(state: unknown): number {
  const s = state as Rendered;
  return (s.term as number) * 2 + (s.leader === null ? 1 : 0);
}

const SPELLINGS: readonly Spelling[] = ['plain', 'plain', 'reorder', 'undefined-key', 'null-proto', 'foreign', 'holes'];

/** A small deterministic hash, to pick spellings from where a state is reached. */
function mix(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) h = Math.imul(h ^ (x | 0), 0x85ebca6b) ^ (h >>> 13);
  return h | 0;
}

/**
 * Abstract state `id` as plain data. A field whose value equals the parent's
 * is shared with it (the same object), as a spread would; the others are new,
 * each spelled as `seed` picks. Deterministic in its arguments: kripke replays
 * actions to rebuild traces.
 */
export function render(id: number, seed: number, parent?: Rendered): Rendered {
  const pick = spellings(seed, SPELLINGS);
  const fresh = fields(id);
  const own = parent === undefined ? undefined : fields(decode(parent));
  const keys = Object.keys(fresh);
  const how = pick();
  if (how === 'reorder') keys.reverse();
  const out: Rendered = how === 'null-proto' ? (Object.create(null) as Rendered) : {};
  for (const k of keys) {
    const same = own !== undefined && parent !== undefined && k in parent && sameField(fresh[k], own[k]);
    const value = same ? parent[k] : respell(fresh[k], pick);
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function sameField(a: unknown, b: unknown): boolean {
  return JSON.stringify(a, (_k, v: unknown) => (v instanceof Set || v instanceof Map ? [...v] : typeof v === 'bigint' ? `${v}n` : v)) ===
    JSON.stringify(b, (_k, v: unknown) => (v instanceof Set || v instanceof Map ? [...v] : typeof v === 'bigint' ? `${v}n` : v));
}

/** A choice spelled as `seed` picks (records in other realms or key orders). */
function spellChoice(c: Choice, seed: number): unknown {
  return respell(c, spellings(seed, ['plain', 'reorder', 'foreign', 'undefined-key']));
}

/** The kripke model a plan describes. */
export function modelOf(plan: Plan): Model<Rendered> {
  const bad = new Set(plan.bad);
  const terminal = new Set(plan.terminal);
  const actions: Record<string, ActionSpec<Rendered>> = {};
  plan.actions.forEach((a, i) => {
    const successor = (s: Rendered, k: number): Rendered => {
      const from = decode(s);
      const to = a.table[from][k] as number;
      const next = render(to, mix(plan.spell, from, i, k), s);
      if (plan.flaw !== null && plan.flaw.into === to) return plant(next, FLAWS[plan.flaw.kind], plan.flaw.where).value as Rendered;
      return next;
    };
    if (a.choices === null) {
      actions[actionName(i)] = { enabled: (s) => a.table[decode(s)][0] !== null, apply: (s) => successor(s, 0) };
    } else {
      const choices = a.choices;
      const index = (c: unknown) => choices.findIndex((x) => JSON.stringify(x) === JSON.stringify(normalChoice(c)));
      actions[actionName(i)] = {
        choices: (s) => choices.map((c, k) => spellChoice(c, mix(plan.spell, decode(s), i, k))),
        enabled: (s, c) => a.table[decode(s)][index(c)] !== null,
        apply: (s, c) => successor(s, index(c)),
      };
    }
  });
  return defineModel<Rendered>({
    name: 'random',
    initStates: plan.inits.map((id) => render(id, mix(plan.spell, -1, id))),
    actions,
    invariants: { 'not bad': (s) => !bad.has(decode(s)) },
    terminal: (s) => terminal.has(decode(s)),
  });
}

/** A choice back in its plain spelling: arrays and records of this realm, keys in order. */
function normalChoice(c: unknown): unknown {
  if (typeof c === 'number') return c;
  if (Array.isArray(c)) return Array.from(c, normalChoice);
  if (typeof c === 'object' && c !== null) return { k: (c as { k: number }).k };
  return c;
}

// ---------------------------------------------------------------------------
// The reference search.

/** What kripke must answer for a plan. */
export interface Answer {
  readonly kind: 'ok' | 'invariant' | 'deadlock' | 'error';
  /** Steps of the shortest trace (to the violating, deadlocked or erring state). */
  readonly steps: number;
  /** For 'ok': the figures. */
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  /** The abstract states reachable, with their breadth-first distance. */
  readonly distance: ReadonlyMap<number, number>;
}

/** Breadth-first over the abstract table, in kripke's order of work. */
export function referenceSearch(plan: Plan, deadlock = true): Answer {
  const distance = new Map<number, number>();
  let frontier: number[] = [];
  for (const s of plan.inits) if (!distance.has(s)) distance.set(s, 0), frontier.push(s);
  let transitions = 0;
  let depth = 0;
  const stop = (kind: Answer['kind'], s: number): Answer => ({ kind, steps: distance.get(s)!, states: distance.size, transitions, depth, distance });
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const s of frontier) {
      if (plan.bad.includes(s)) return stop('invariant', s);
      let enabled = 0;
      for (const a of plan.actions) {
        for (const to of a.table[s]) {
          if (to === null) continue;
          enabled++;
          transitions++;
          if (plan.flaw !== null && plan.flaw.into === to) return stop('error', s);
          if (!distance.has(to)) {
            distance.set(to, distance.get(s)! + 1);
            depth = distance.get(s)! + 1;
            next.push(to);
          }
        }
      }
      if (deadlock && enabled === 0 && !plan.terminal.includes(s)) return stop('deadlock', s);
    }
    frontier = next;
  }
  return { kind: 'ok', steps: 0, states: distance.size, transitions, depth, distance };
}

/** Is there a step by action `i` (with some choice) from abstract state `from` to `to`? */
export function hasStep(plan: Plan, from: number, to: number, label: string): boolean {
  return plan.actions.some((a, i) => label.startsWith(actionName(i)) && a.table[from].includes(to));
}
