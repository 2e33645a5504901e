/**
 * `replayTrace`: a saved counterexample (kripke steps, or an ITF file's JSON)
 * replayed against today's model. The ITF file is read here; the replay
 * itself is the checker's (`checker/replay.ts`).
 */
import { isEnvironment } from '../model/define-environment.js';
import { isModel } from '../model/define-model.js';
import { KripkeError } from '../model/errors.js';
import type { Environment, Model } from '../model/types.js';
import { replaySteps, type ReplayInput, type ReplayResult } from '../checker/replay.js';
import { compose } from '../checker/system.js';
import type { CheckResult, OpenResult, Trace } from '../checker/types.js';
import { checkOptions, fromITF, toITF, type ItfTrace } from './trace.js';
import { describe } from '../model/action.js';

/** Options of `replayTrace` and `toReplay`. */
export interface ReplayTraceOptions<S> {
  /** The environments whose behaviors the trace takes (`k8s:evict-pod` needs `k8s`). */
  readonly environments?: Environment<S> | readonly Environment<S>[];
  /** The invariant or guarantee that must still break at the end; default: the file's `property`, else any. */
  readonly property?: string;
}

/** A saved trace as kripke steps, an ITF trace (its JSON text or the parsed object), or a check's result. */
export type SavedTrace<S> = Trace<S> | string | ItfTrace | CheckResult<S> | OpenResult<S> | Readonly<Record<string, unknown>>;

/** The steps, loop and meta of a saved trace, whichever form it came in. */
export function readSaved<S>(saved: SavedTrace<S>): ReplayInput<S> {
  if (Array.isArray(saved)) return { trace: saved as Trace<S> };
  const result = resultOf(typeof saved === 'string' ? parsedOrText(saved) : saved);
  if (result !== undefined) {
    // A check's result itself (`replayTrace(model, check(model))`): its trace, loop and property, as its file would hold them.
    if (result.trace.length === 0) throw new KripkeError(`replayTrace: the result has no counterexample to replay (it is ${result.ok ? 'a pass' : `'${result.kind}'`}, with no trace)`);
    return readSaved<S>(toITF(result as CheckResult<S>));
  }
  const shaped = saved as { ok?: unknown; kind?: unknown; states?: unknown };
  if (typeof shaped === 'object' && typeof shaped.ok === 'boolean' && typeof shaped.kind === 'string' && shaped.states === undefined) {
    throw new KripkeError(`replayTrace: a result of kind '${shaped.kind}' that is not a check's (checkTrace's or checkConformance's?) holds no counterexample of the model's to replay: give a check's result, its file (toITF(result)), ITF JSON or kripke steps`);
  }
  const data = fromITF<S>(saved);
  return { trace: data.trace, meta: data.meta, ...(data.loopsTo === undefined ? {} : { loopsTo: data.loopsTo }) };
}

/** JSON text parsed, or the text itself when it is not JSON (a path, or ITF that fromITF reports on). */
function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The CheckResult that `saved` is, or holds (an OpenResult's `result`), by shape; undefined for anything else. */
function resultOf(saved: unknown): CheckResult<unknown> | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const shaped = (v: unknown): v is CheckResult<unknown> => {
    const r = v as Partial<Record<keyof CheckResult<unknown>, unknown>> | null;
    return typeof r === 'object' && r !== null && typeof r.ok === 'boolean' && typeof r.kind === 'string' && Array.isArray(r.trace) && typeof r.stats === 'object';
  };
  if (shaped(saved)) return saved;
  const held = (saved as { result?: unknown }).result;
  return 'assumptions' in saved && shaped(held) ? held : undefined;
}

/**
 * Replays a saved counterexample's actions and choices from its initial state
 * and says how far it got (a step no longer enabled, or leading to another
 * state) and whether its property still breaks at the end.
 *
 * @example
 * import { readFileSync } from 'node:fs';
 * const r = replayTrace(service, readFileSync('.kripke/service.test.ts/survives-eviction.itf.json', 'utf8'), { environments: [k8s] });
 * r.reproduced; // false after the fix
 * r.reason;     // 'step 3 `k8s:evict-pod` is no longer enabled'
 */
export function replayTrace<S>(model: Model<S>, saved: SavedTrace<S>, options: ReplayTraceOptions<S> = {}): ReplayResult<S> {
  if (!isModel(model)) throw new KripkeError('replayTrace: the first argument must be a model from defineModel()');
  // badinput21: null failed with a bare TypeError, a typo ({ propery }) was ignored.
  if (typeof saved !== 'string' && (typeof saved !== 'object' || saved === null)) {
    throw new KripkeError(`replayTrace: the saved trace must be a check's result, its file (toITF(result)), ITF JSON (text or parsed) or kripke steps, got ${describe(saved)}`);
  }
  checkOptions(options, 'replayTrace', ['environments', 'property']);
  if (options.property !== undefined && typeof options.property !== 'string') throw new KripkeError(`replayTrace: property must be the name of an invariant, guarantee or liveness property, got ${describe(options.property)}`);
  const list = options.environments === undefined ? [] : Array.isArray(options.environments) ? options.environments : [options.environments];
  list.forEach((e, i) => {
    if (!isEnvironment(e)) throw new KripkeError(`replayTrace: environments[${i}] is not an environment from defineEnvironment()`);
  });
  const system = compose<S>(model, list, 'replayTrace');
  return replaySteps<S>(system, readSaved<S>(saved), options.property === undefined ? {} : { property: options.property });
}
