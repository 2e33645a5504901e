/**
 * Colours for rendered text. The matchers take them from the runner's own
 * `this.utils` (chalk in Jest, tinyrainbow in Vitest), so colour follows the
 * runner's settings (`NO_COLOR`, CI logs, `--no-color`); `plain` prints none.
 */

/** One styling function per role; each must return its input unchanged when colour is off. */
export interface Palette {
  /** The value before a step (`-` lines) and other "expected" text: green in both runners. */
  readonly expected: (text: string) => string;
  /** The value after a step (`+` lines), the violation and other "received" text: red in both runners. */
  readonly received: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  /** Highlights the changed part of a long string inside a line of its own colour. */
  readonly inverse: (text: string) => string;
}

const same = (text: string) => text;

/** No colour at all. */
export const plain: Palette = Object.freeze({ expected: same, received: same, dim: same, bold: same, inverse: same });

/** The colour functions a runner's matcher utils carry (Jest's `jest-matcher-utils`, Vitest's `getMatcherUtils`). */
export interface ColourUtils {
  EXPECTED_COLOR?: (text: string) => string;
  RECEIVED_COLOR?: (text: string) => string;
  DIM_COLOR?: (text: string) => string;
  BOLD_WEIGHT?: (text: string) => string;
  INVERTED_COLOR?: (text: string) => string;
}

/**
 * The palette of a runner's matcher utils; any colour it lacks prints plain.
 *
 * @example
 * const palette = paletteOf(this.utils); // inside a matcher
 * palette.received('✗ violates invariant "always-responsive"');
 */
export function paletteOf(utils: ColourUtils | undefined): Palette {
  if (utils === undefined || utils === null) return plain;
  // Chalk styles take rest arguments; wrap them so that exactly one string goes in.
  const use = (f: ((text: string) => string) | undefined) => (typeof f === 'function' ? (text: string) => (text === '' ? '' : f(text)) : same);
  return Object.freeze({
    expected: use(utils.EXPECTED_COLOR),
    received: use(utils.RECEIVED_COLOR),
    dim: use(utils.DIM_COLOR),
    bold: use(utils.BOLD_WEIGHT),
    inverse: use(utils.INVERTED_COLOR),
  });
}
