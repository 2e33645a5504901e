/**
 * A misspelt field must not be ignored: `invariant: {…}` for `invariants`, or
 * `enable` for `enabled`, would otherwise leave a model that checks nothing and
 * passes. Every definition object is checked against the fields it may have.
 */
import { ModelDefinitionError } from './errors.js';

/**
 * Throws a ModelDefinitionError naming the first field of `spec` not in `known`,
 * with the nearest known name when one is close.
 *
 * @example
 * checkFields({ invariant: {} }, ['init', 'actions', 'invariants'], "model 'm'");
 * // ModelDefinitionError: model 'm': unknown field 'invariant' (did you mean 'invariants'?); the fields are init, actions, invariants
 */
export function checkFields(spec: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(spec)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, Math.floor(k.length / 4)));
    throw new ModelDefinitionError(
      `${where}: unknown field '${key}'${near === undefined ? '' : ` (did you mean '${near}'?)`}; the fields are ${known.join(', ')}`,
    );
  }
}

/** Edit distance (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
