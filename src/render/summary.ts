/**
 * The sentences around a trace: what broke and how far the search went, the
 * figures of a pass, the residual assumptions, the user's own error. Counts
 * only, never timings, so that every line can sit in a snapshot.
 */
import { budgetAdvice, count, describeProblem, describeSource, plural, stepsOf, violationText } from '../checker/describe.js';
import type { CheckResult } from '../checker/types.js';
import { describeThrown, KripkeError } from '../model/errors.js';
import type { Assumption } from '../model/types.js';
import type { Palette } from './palette.js';
import { isKripkeFrame } from './stack.js';

// The sentences themselves are the checker's (describe.ts): one module writes the English of every result.
export { budgetAdvice, count, describeProblem, describeSource, plural, stepsOf };

/** `(shortest trace; 5 states explored)` */
export function searchFigures(result: Pick<CheckResult<unknown>, 'stats'>, what = 'shortest trace'): string {
  return `(${what}; ${plural(result.stats.states, 'state')} explored)`;
}

/**
 * The line under the last step that says why the trace stops there, coloured.
 *
 * @example
 * violationNote(result, plain); // '✗ violates invariant "always-responsive"'
 */
export function violationNote(result: CheckResult<unknown>, palette: Palette): string {
  const text = violationText(result);
  return text === '' ? '' : palette.received(text);
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
