/**
 * Where kripke's own code lives, read from a stack trace of this very module,
 * so that a user's error can be shown down to the frame where kripke called it
 * and no further. Whatever the build (src/ under tests, dist/esm, dist/cjs) and
 * however it is installed, kripke's frames are those under the same root.
 */

/** The directory holding kripke's layers (…/dist/esm, …/dist/cjs or …/src), or undefined if stacks say nothing. */
const ROOT: string | undefined = (() => {
  const frame = new Error().stack?.split('\n').find((line) => /[\\/]render[\\/]stack\.[cm]?[jt]s/.test(line));
  const file = frame === undefined ? undefined : /((?:file:\/\/)?[^\s(]+?)[\\/]render[\\/]stack\.[cm]?[jt]s/.exec(frame)?.[1];
  return file;
})();

/**
 * True for a stack line of kripke's own code.
 *
 * @example
 * isKripkeFrame('    at search (/app/node_modules/kripke/dist/esm/checker/search.js:120:9)'); // true
 * isKripkeFrame('    at apply (/app/bank.model.ts:12:11)');                                     // false
 */
export function isKripkeFrame(line: string): boolean {
  return ROOT !== undefined && line.includes(ROOT);
}
