import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { KripkeError } from '../model/errors.js';
import { replaySteps, type ReplayInput } from '../checker/replay.js';
import { readSaved, type SavedTrace } from '../itf/replay.js';
import { renderTrace } from '../render/trace.js';
import { callOf, type Call, type MatcherContext, type MatcherResult, requireEnvironments, requireModel, systemOf, usageError } from './context.js';
import { runner } from './runner.js';

/** Where the saved trace came from, for the message: the file, or `the given trace`. */
interface Loaded {
  readonly input: ReplayInput<unknown>;
  readonly where: string;
}

/**
 * ITF JSON text, as opposed to a path: text that parses as a JSON object or
 * array holding `states` (an ITF trace) or `trace`, or an array (kripke steps).
 * `[bug].itf.json` and `{a,b}.itf.json` are paths.
 */
function isJsonText(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) || (typeof parsed === 'object' && parsed !== null && ('states' in parsed || 'trace' in parsed));
  } catch {
    return false;
  }
}

/** A path to a file (`.kripke/…/name.itf.json`), ITF JSON text, a parsed ITF object or kripke steps, read. */
function load(call: Call, saved: unknown): Loaded {
  if (typeof saved === 'string' && !isJsonText(saved)) return loadFile(call, saved);
  if (typeof saved !== 'string' && (typeof saved !== 'object' || saved === null)) {
    throw usageError(call, 'the saved trace must be a file path, ITF JSON (text or parsed) or an array of steps', { label: 'Saved', value: saved });
  }
  return { input: parse(call, saved as SavedTrace<unknown>, 'the given trace'), where: 'the given trace' };
}

/** The most a counterexample file read by path may hold: fromITF's own default. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

function loadFile(call: Call, path: string): Loaded {
  if (path.trim() === '') throw usageError(call, 'the saved trace is an empty string: give the path of an .itf.json file, or ITF JSON');
  const candidates = [...new Set(isAbsolute(path) ? [path] : [resolve(process.cwd(), path), resolve(runner().root(), path)])];
  const file = candidates.find((f) => existsSync(f));
  if (file === undefined) {
    const json = /^\s*[[{]/.test(path) ? '; nor is it ITF JSON text (an object with states, or an array of steps)' : '';
    throw usageError(call, `no counterexample file at ${path} (looked in ${candidates.join(' and ')})${json}`);
  }
  const stat = statSync(file);
  if (stat.isDirectory()) throw usageError(call, `${path} is a directory, not a counterexample file (${file}): give the path of an .itf.json file`);
  // A device or a pipe never ends (/dev/zero aborted the process, a FIFO hung it: badinput21); a huge file is not a counterexample.
  if (!stat.isFile()) throw usageError(call, `${path} is not a regular file (${file}): give the path of an .itf.json file`);
  if (stat.size > MAX_FILE_BYTES) throw usageError(call, `${path} is ${stat.size.toLocaleString('en-US')} bytes, more than a counterexample file holds (at most ${MAX_FILE_BYTES.toLocaleString('en-US')}): give the path of an .itf.json file, or replay it with replayTrace and fromITF's maxBytes`);
  return { input: parse(call, readFileSync(file, 'utf8'), path), where: relative(process.cwd(), file).split('\\').join('/') };
}

function parse(call: Call, saved: SavedTrace<unknown>, where: string): ReplayInput<unknown> {
  try {
    return readSaved(saved);
  } catch (error) {
    if (error instanceof KripkeError) throw usageError(call, `${where} is not a trace kripke can replay: ${error.message}`);
    throw error;
  }
}

/** The options of toReplay, checked. */
function optionsOf(call: Call, options: unknown): { environments: unknown; property?: string } {
  if (options === undefined) return { environments: [] };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw usageError(call, 'options must be an object: { environments?, property? }', { label: 'Options', value: options });
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'environments' && key !== 'property') throw usageError(call, `unknown option '${key}'; toReplay takes environments and property`);
  }
  if (o.property !== undefined && typeof o.property !== 'string') throw usageError(call, 'property must be the name of an invariant or guarantee', { label: 'Property', value: o.property });
  return { environments: o.environments ?? [], ...(typeof o.property === 'string' ? { property: o.property } : {}) };
}

/**
 * Passes when a saved counterexample still reproduces on the model: every step
 * replays from its initial state to the same state and the property still
 * breaks at the end. `.not.toReplay(file)` is the regression test after a fix:
 * it passes when the trace no longer reproduces, and fails with the reproduced trace.
 *
 * @example
 * expect(service).toReplay('.kripke/service.test.ts/survives-eviction.itf.json', { environments: [k8s] });
 * expect(fixedService).not.toReplay('test/regressions/eviction.itf.json', { environments: [k8s] });
 */
export function toReplay(this: MatcherContext, received: unknown, saved: unknown, options?: unknown): MatcherResult {
  const call = callOf(this, 'toReplay', received, typeof saved === 'string' && !isJsonText(saved) ? JSON.stringify(saved) : 'trace', options !== undefined);
  const model = requireModel(call, received);
  const opts = optionsOf(call, options);
  const envs = Array.isArray(opts.environments) && opts.environments.length === 0 ? [] : requireEnvironments<unknown>(call, opts.environments);
  const { input, where } = load(call, saved);
  const system = systemOf(call, model, envs);
  let result;
  try {
    result = replaySteps(system, input, opts.property === undefined ? {} : { property: opts.property });
  } catch (error) {
    if (error instanceof KripkeError) throw usageError(call, error.message);
    throw error;
  }
  const { palette } = call;
  const r = result;
  if (r.unverified === true) {
    // Neither a reproduction nor a fix: fail with and without .not, so that a regression test never passes on a file it cannot judge.
    return {
      pass: call.isNot,
      message: () =>
        [call.hint, '', palette.received(`kripke cannot tell whether the counterexample in ${where} still reproduces: ${r.reason}.`), palette.dim('A toReplay on this file can neither pass nor serve as a regression test.')].join('\n'),
    };
  }
  if (r.reproduced) {
    return {
      pass: true,
      message: () => {
        const notes = new Map([[r.trace.length - 1, [palette.received(r.property === undefined ? '✗ reproduced' : `✗ violates ${JSON.stringify(r.property)}`)]]]);
        const lines = [call.hint, '', palette.received(`Expected the counterexample in ${where} no longer to reproduce, but it does: ${r.reason}.`), ''];
        return [...lines, ...renderTrace(r.trace, { palette, notes })].join('\n');
      },
    };
  }
  return {
    pass: false,
    message: () => [call.hint, '', palette.received(`Expected the counterexample in ${where} to reproduce, but ${r.reason}.`)].join('\n'),
  };
}
