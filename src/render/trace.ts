/**
 * A trace as text: step 0 in full, every later step as its action label and
 * only what changed. Callers add their own lines under any step (the violation
 * marker, the witness marker, a cycle's back-edge for liveness).
 */
import type { Step, Trace } from '../checker/types.js';
import { renderChange } from './changes.js';
import type { Palette } from './palette.js';
import { stateChanges } from './state-diff.js';
import { formatState } from './value.js';

/** How to print a trace. */
export interface TraceRenderOptions {
  readonly palette: Palette;
  /** Lines printed under a step, after its changes (already styled), by step index. */
  readonly notes?: ReadonlyMap<number, readonly string[]>;
  /** Indentation of the lines under a step header. Default two spaces. */
  readonly indent?: string;
}

/**
 * The header of a step: `Step 0: initial state`, `Step 1: start`,
 * `Step 2: k8s:evict-pod [environment k8s]`: the environment's behaviors are marked.
 *
 * @example
 * stepHeader({ action: 'k8s:evict-pod', environment: 'k8s', state }, 2, plain);
 * // 'Step 2: k8s:evict-pod [environment k8s]'
 */
export function stepHeader(step: Step<unknown>, index: number, palette: Palette): string {
  if (step.action === null) return palette.bold(`Step ${index}: initial state`);
  const env = step.environment === undefined ? '' : ` ${palette.received(`[environment ${step.environment}]`)}`;
  return `${palette.bold(`Step ${index}: ${step.action}`)}${env}`;
}

/**
 * The lines of one step: its header, then the state in full (step 0) or the
 * changes from the step before, then the caller's notes.
 *
 * @example
 * renderStep(trace, 1, { palette: plain });
 * // ['Step 1: start', '  - status: "starting"', '  + status: "healthy"']
 */
export function renderStep<S>(trace: Trace<S>, index: number, options: TraceRenderOptions): string[] {
  const { palette, notes } = options;
  const indent = options.indent ?? '  ';
  const step = trace[index];
  const lines = [stepHeader(step, index, palette)];
  let body: string[];
  if (index === 0 || step.action === null) {
    body = formatState(step.state);
  } else {
    const changes = stateChanges(trace[index - 1].state, step.state);
    body = changes.length === 0 ? [palette.dim('(no change)')] : changes.flatMap((c) => renderChange(c, palette));
  }
  lines.push(...body.map((l) => indent + l));
  for (const note of notes?.get(index) ?? []) lines.push(indent + note);
  return lines;
}

/**
 * Every step of a trace, one block per step.
 *
 * @example
 * renderTrace(result.trace, { palette: plain, notes: new Map([[2, ['✗ violates invariant "always-responsive"']]]) }).join('\n');
 */
export function renderTrace<S>(trace: Trace<S>, options: TraceRenderOptions): string[] {
  const lines: string[] = [];
  for (let i = 0; i < trace.length; i++) lines.push(...renderStep(trace, i, options));
  return lines;
}
