/**
 * Replaying a saved counterexample against today's model: from the trace's
 * initial state, each step's action and choice fired again, each state
 * compared with the saved one, and at the end, whether the property still
 * breaks. The regression test after a fix (`expect(model).not.toReplay(file)`)
 * and the reproduction of a CI failure on a laptop (`toReplay`) both ask this.
 */
import { KripkeError } from '../model/errors.js';
import { formatLiteral, stepLabel } from '../model/literal.js';
import { sameState } from '../model/plain-data.js';
import type { Transition } from '../model/types.js';
import type { System } from './system.js';
import { firings } from './trace.js';
import type { Step } from './types.js';

/** What was saved: the steps, a lasso's loop start, and the trace's `#meta` (matcher, property, kind). */
export interface ReplayInput<S> {
  readonly trace: readonly Step<S>[];
  readonly loopsTo?: number;
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** Options of `replayTrace`. */
export interface ReplayOptions {
  /** The invariant (or guarantee) that must break at the end; default: the file's `property`, else any invariant. */
  readonly property?: string;
}

/** How far a saved counterexample replays, and whether its property still breaks. */
export interface ReplayResult<S> {
  /** True when every step replays to the same state and the property still breaks at the end. */
  readonly reproduced: boolean;
  /** The trace index of the first step that no longer replays (disabled, unknown, or leading to another state). */
  readonly stoppedAt?: number;
  /** One sentence: `step 3 \`k8s:evict-pod\` is no longer enabled`, `the trace runs to its end and always-responsive holds`. */
  readonly reason: string;
  /** The steps replayed, as today's model takes them (up to the one before `stoppedAt`). */
  readonly trace: readonly Step<S>[];
  /** The property checked at the end, when one was. */
  readonly property?: string;
}

/** The environment a label belongs to (`k8s:evict-pod` → `k8s`), if it has one. */
function environmentOfLabel(step: Step<unknown>): string | undefined {
  if (step.environment !== undefined) return step.environment;
  const label = step.action ?? '';
  const colon = label.indexOf(':');
  const paren = label.indexOf('(');
  return colon > 0 && (paren < 0 || colon < paren) ? label.slice(0, colon) : undefined;
}

type Fired<S> = { readonly step: Step<S> } | { readonly stop: string };

/** Fires the saved step `i` from `state`: the step it makes today, or why it cannot. */
function fireSaved<S>(system: System<S>, state: S, saved: Step<S>, i: number): Fired<S> {
  const label = saved.action ?? '';
  const candidates = system.transitions.filter((t) => t.label === label || (t.choices !== undefined && label.startsWith(`${t.label}(`)));
  if (candidates.length === 0) {
    const env = environmentOfLabel(saved);
    if (env !== undefined && !system.environments.includes(env)) {
      throw new KripkeError(`step ${i} \`${label}\` is a behavior of environment ${env}, which was not given: replay with its environment (toReplay(file, { environments: [${env}] }))`);
    }
    return { stop: `step ${i} \`${label}\` names no action of the model any more` };
  }
  for (const t of candidates) {
    const fired = fireOne(t, state, saved);
    if (fired !== undefined) return fired;
  }
  return { stop: `step ${i} \`${label}\` is no longer enabled` };
}

function fireOne<S>(t: Transition<S>, state: S, saved: Step<S>): Fired<S> | undefined {
  const label = saved.action ?? '';
  const offered = t.choices === undefined ? [undefined] : [...t.choices(state)];
  const choice = offered.find((c) => ('choice' in saved && saved.choice !== undefined ? sameState(c, saved.choice) : stepLabel(t.label, t.choices !== undefined, c) === label));
  if (t.choices !== undefined && choice === undefined) return undefined;
  if (t.enabled !== undefined && t.enabled(state, choice) !== true) return undefined;
  const next = t.apply(state, choice);
  const step: Step<S> = {
    action: stepLabel(t.label, t.choices !== undefined, choice),
    name: t.name,
    ...(t.choices === undefined ? {} : { choice }),
    ...(t.environment === undefined ? {} : { environment: t.environment }),
    state: next,
  };
  return { step };
}

/** The first place two plain values differ, as `path: saved → now`. */
export function firstDifference(saved: unknown, now: unknown, path = 'state'): string {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
  if ((isRecord(saved) && isRecord(now)) || (Array.isArray(saved) && Array.isArray(now))) {
    const a = saved as Record<string, unknown>;
    const b = now as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      if (!sameState(a[key], b[key])) return firstDifference(a[key], b[key], Array.isArray(saved) ? `${path}[${key}]` : `${path}.${key}`);
    }
  }
  return `${path} was ${formatLiteral(saved)}, is now ${formatLiteral(now)}`;
}

/**
 * Replays saved steps on a composed system: each step's action and choice from
 * the trace's initial state, then the property at the end.
 */
export function replaySteps<S>(system: System<S>, input: ReplayInput<S>, options: ReplayOptions = {}): ReplayResult<S> {
  const saved = input.trace;
  if (saved.length === 0) throw new KripkeError('the trace to replay is empty: a counterexample has at least its initial state');
  if (!system.initStates.some((s) => sameState(s, saved[0].state))) {
    return { reproduced: false, stoppedAt: 0, reason: 'step 0: the trace\'s initial state is no longer an initial state of the model', trace: [] };
  }
  const trace: Step<S>[] = [{ action: null, state: saved[0].state }];
  for (let i = 1; i < saved.length; i++) {
    const fired = fireSaved(system, trace[i - 1].state, saved[i], i);
    if ('stop' in fired) return { reproduced: false, stoppedAt: i, reason: fired.stop, trace };
    if (!sameState(fired.step.state, saved[i].state)) {
      return { reproduced: false, stoppedAt: i, reason: `step ${i} \`${saved[i].action}\` now leads to another state: ${firstDifference(saved[i].state, fired.step.state)}`, trace };
    }
    trace.push(fired.step);
  }
  return { ...judgeEnd(system, trace, input, options), trace };
}

const steps = (n: number) => (n === 1 ? 'the step' : n === 2 ? 'both steps' : `all ${n} steps`);

/** Whether the saved property still breaks at the end of the replayed trace. */
function judgeEnd<S>(system: System<S>, trace: readonly Step<S>[], input: ReplayInput<S>, options: ReplayOptions): Omit<ReplayResult<S>, 'trace'> {
  const end = trace[trace.length - 1].state;
  const n = trace.length - 1;
  const kind = typeof input.meta?.kind === 'string' ? input.meta.kind : undefined;
  const named = options.property ?? (typeof input.meta?.property === 'string' ? input.meta.property : undefined);
  if (kind === 'deadlock') {
    const stuck = firings(end, system.transitions).next().done === true && system.terminal?.(end) !== true;
    return stuck
      ? { reproduced: true, reason: `${steps(n)} replay and the last state is still a deadlock` }
      : { reproduced: false, reason: 'the trace runs to its end and its last state is no longer a deadlock' };
  }
  if (kind === 'divergence' || kind === 'unexplained') {
    return { reproduced: true, reason: `${steps(n)} replay on the model; the ${kind} was the implementation's or the log's, which the file does not hold: checkConformance or checkTrace re-checks it` };
  }
  if (kind === 'liveness' || kind === 'error' || kind === 'reached') {
    const what = kind === 'liveness' ? (input.loopsTo === undefined ? 'the path' : 'the cycle included') : 'to the state it reached';
    return { reproduced: true, reason: `${steps(n)} replay (${what}); the ${kind === 'liveness' ? 'goal' : 'failure'} itself is not in the file and is not re-checked` };
  }
  const properties = named === undefined ? system.invariants : system.invariants.filter((p) => p.name === named);
  if (named !== undefined && properties.length === 0) {
    return { reproduced: false, property: named, reason: `the trace runs to its end, but the model has no invariant or guarantee named ${named} any more` };
  }
  const broken = properties.find((p) => p.test(end) !== true);
  if (broken !== undefined) return { reproduced: true, property: broken.name, reason: `${steps(n)} replay and ${broken.name} still breaks at the end` };
  return named === undefined
    ? { reproduced: false, reason: 'the trace runs to its end and every invariant holds' }
    : { reproduced: false, property: named, reason: `the trace runs to its end and ${named} holds` };
}
