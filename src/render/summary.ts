/**
 * The sentences around a trace: what broke and how far the search went, the
 * figures of a pass, the residual assumptions, the user's own error. Counts
 * only, never timings, so that every line can sit in a snapshot.
 */
import type { CheckResult, ErrorSource } from '../checker/types.js';
import { describeThrown, KripkeError } from '../model/errors.js';
import type { Assumption } from '../model/types.js';
import type { Palette } from './palette.js';
import { isKripkeFrame } from './stack.js';

// Numbers read the same in summaries and in matcher messages (and without ICU's first-use cost).
import { count, plural } from '../checker/result.js';

export { count, plural };

/** The number of actions in a trace: its length less the initial state. */
export function stepsOf(result: Pick<CheckResult<unknown>, 'trace'>): number {
  return Math.max(0, result.trace.length - 1);
}

/** `action "withdraw(2)"`, `the guard of behavior "k8s:evict-pod"`, `guarantee "x" of environment k8s`. */
export function describeSource(source: ErrorSource | undefined): string {
  if (source === undefined) return 'the model';
  const what = source.environment === undefined ? 'action' : 'behavior';
  const name = JSON.stringify(source.name ?? '?');
  switch (source.kind) {
    case 'action':
      return `${what} ${name}`;
    case 'guard':
      return `the guard (enabled) of ${what} ${name}`;
    case 'choices':
      return `the choices of ${what} ${name}`;
    case 'invariant':
      return `invariant ${name}`;
    case 'guarantee':
      return `guarantee ${name} of environment ${source.environment}`;
    case 'terminal':
      return 'terminal';
    case 'state':
      return 'the model';
    case 'goal':
      return source.name === undefined ? 'the goal' : `the goal of liveness ${name}`;
    case 'from':
      return source.name === undefined ? "the 'from' predicate" : `the 'from' predicate of liveness ${name}`;
  }
}

/**
 * What went wrong, in one line: `invariant "always-responsive" is violated after 2 steps`.
 * For `ok` results it says so; for `incomplete` it names the budget.
 *
 * @example
 * describeProblem(checkOpen(service, k8s(false)).result);
 * // 'invariant "always-responsive" is violated after 2 steps'
 */
export function describeProblem(result: CheckResult<unknown>): string {
  const steps = plural(stepsOf(result), 'step');
  switch (result.kind) {
    case 'ok':
      return `no problem in ${plural(result.stats.states, 'state')}`;
    case 'invariant':
      return result.guaranteeOf === undefined
        ? `invariant ${JSON.stringify(result.invariant)} is violated after ${steps}`
        : `guarantee ${JSON.stringify(result.invariant)} of environment ${result.guaranteeOf} is violated after ${steps}`;
    case 'deadlock':
      return `deadlock after ${steps}: no action is enabled and the state is not terminal`;
    case 'error': {
      const where = describeSource(result.errorSource);
      const verb = result.error instanceof KripkeError ? 'failed' : 'threw';
      return `${where.charAt(0).toUpperCase()}${where.slice(1)} ${verb} after ${steps}`;
    }
    case 'incomplete':
      return `the search did not finish: ${String(result).replace(/^incomplete — /, '')}`;
    case 'liveness': {
      const what = result.liveness === undefined ? 'liveness' : `liveness ${JSON.stringify(result.liveness)}`;
      return result.loopsTo === undefined
        ? `${what} is violated: the path stops after ${steps} and the goal is never reached`
        : `${what} is violated: after ${plural(result.loopsTo, 'step')}, a cycle of ${plural(stepsOf(result) - result.loopsTo, 'step')} repeats forever and the goal is never reached`;
    }
  }
}

/** `(shortest trace; 5 states explored)` */
export function searchFigures(result: CheckResult<unknown>, what = 'shortest trace'): string {
  return `(${what}; ${plural(result.stats.states, 'state')} explored)`;
}

/** What to do about a budget that ran out. */
export function budgetAdvice(result: CheckResult<unknown>): string {
  switch (result.budget) {
    case 'maxStates':
      return 'Raise maxStates or make the model smaller: nothing is proven about the states that were not explored.';
    case 'maxDepth':
      return 'Raise maxDepth: nothing is proven about the states deeper than the limit.';
    case 'timeout':
      return 'Raise timeout or make the model smaller: nothing is proven about the states that were not explored.';
    default:
      return 'Rerun with exact: true so that no two states can share a fingerprint.';
  }
}

/**
 * The line under the last step that says why the trace stops there.
 *
 * @example
 * violationNote(result, plain); // '✗ violates invariant "always-responsive"'
 */
export function violationNote(result: CheckResult<unknown>, palette: Palette): string {
  switch (result.kind) {
    case 'invariant':
      return palette.received(
        result.guaranteeOf === undefined
          ? `✗ violates invariant ${JSON.stringify(result.invariant)}`
          : `✗ violates guarantee ${JSON.stringify(result.invariant)} of environment ${result.guaranteeOf}`,
      );
    case 'deadlock':
      return palette.received('✗ deadlock: no action is enabled and the state is not terminal');
    case 'error': {
      const where = describeSource(result.errorSource);
      return palette.received(result.error instanceof KripkeError ? `✗ ${where} fails in this state` : `✗ ${where} throws in this state`);
    }
    default:
      return '';
  }
}


/**
 * What the user's code threw, as the user would see it: the stack (message
 * included) down to where kripke's search called it. kripke's own errors
 * (a guard returning a string, a mutated state) print their message only.
 *
 * @example
 * renderUserError(new TypeError('boom')); // ['TypeError: boom', '    at apply (bank.ts:12:11)']
 */
export function renderUserError(error: unknown): string[] {
  if (error instanceof KripkeError) return [`${error.name}: ${error.message}`];
  if (error instanceof Error) {
    const head = `${error.name}: ${error.message}`;
    const stack = typeof error.stack === 'string' && error.stack.length > 0 ? error.stack : head;
    const lines = stack.split('\n');
    // kripke's own frames, after the user's, are noise: the first one ends the stack.
    const cut = lines.findIndex((l, i) => i > 0 && isKripkeFrame(l));
    const kept = cut === -1 ? lines : lines.slice(0, cut);
    // Some errors print a stack without their message (a custom stack getter).
    return kept[0].includes(error.message) ? kept : [head, ...kept];
  }
  return [`thrown value: ${describeThrown(error)}`];
}

/**
 * The residual assumptions, one entry each with its environment and source.
 *
 * @example
 * renderAssumptions(open.unverifiedAssumptions, plain);
 * // ['Residual assumptions (2 unverified, not checked by the search):',
 * //  '  • node-capacity [k8s]: At least one schedulable node is always available after eviction',
 * //  '      source: Kubernetes docs: Pod lifecycle', …]
 */
export function renderAssumptions(unverified: readonly Assumption[], palette: Palette, environments: readonly string[] = []): string[] {
  if (unverified.length === 0) {
    const names = environments.length <= 1 ? environments.join('') : `${environments.slice(0, -1).join(', ')} and ${environments.at(-1)}`;
    const whose = environments.length === 0 ? 'the environments declare' : environments.length === 1 ? `${names} declares` : `${names} declare`;
    return [palette.dim(`No residual assumptions: ${whose} none left unverified.`)];
  }
  const lines = [palette.bold(`Residual assumptions (${count(unverified.length)} unverified, not checked by the search):`)];
  for (const a of unverified) {
    lines.push(`  • ${palette.bold(a.name)} [${a.environment}]: ${a.description}`);
    if (a.source !== undefined) lines.push(palette.dim(`      source: ${a.source}`));
  }
  return lines;
}
