/**
 * A matcher context as Jest builds it (jest-matcher-utils: the real hint and
 * colours), with colour forced on, and the colour codes turned into readable
 * tags for snapshots: `<green>- status: "starting"</>`.
 */
import chalk from 'chalk';
import * as jestMatcherUtils from 'jest-matcher-utils';
import { createMatchers, type MatcherResult, type RenderMode } from '../../src/matchers/index.js';

// jest-matcher-utils styles with this chalk instance; level 1 = the 16 basic colours.
chalk.level = 1;

const OPEN: Record<string, string> = { 1: 'bold', 2: 'dim', 7: 'inverse', 31: 'red', 32: 'green', 33: 'yellow', 36: 'cyan', 90: 'gray' };
const CLOSE = new Set(['22', '27', '39']);

/** `\u001b[32mtext\u001b[39m` → `<green>text</>` */
export function tagged(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[(\d+)m/g, (_, code: string) => (CLOSE.has(code) ? '</>' : `<${OPEN[code] ?? code}>`));
}

export interface Outcome {
  /** What the runner concludes: true when the assertion fails (pass XOR not). */
  readonly fails: boolean;
  readonly pass: boolean;
  /** The message with colours as tags. */
  readonly message: string;
  readonly actual?: unknown;
  readonly expected?: unknown;
}

type Matchers = ReturnType<typeof createMatchers>;

/**
 * Calls one matcher as the runner would: `expect(received)[.not].name(...args)`.
 *
 * @example
 * const o = call('toSurvive', service, [k8s(false)]);
 * o.fails; // true
 */
export function call<K extends keyof Matchers>(name: K, received: unknown, args: readonly unknown[], options: { not?: boolean; mode?: RenderMode } = {}): Outcome {
  const matcher = createMatchers({ renderMode: options.mode ?? 'message' })[name] as (this: unknown, ...a: unknown[]) => MatcherResult;
  const result = matcher.call({ isNot: options.not === true, promise: '', utils: jestMatcherUtils }, received, ...args);
  return {
    fails: result.pass === (options.not === true),
    pass: result.pass,
    message: tagged(result.message()),
    ...('actual' in result ? { actual: result.actual, expected: result.expected } : {}),
  };
}

/** The message of a matcher that throws (a usage error), with colours as tags. */
export function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return tagged(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
  throw new Error('expected the matcher to throw');
}

export const context = (not = false) => ({ isNot: not, promise: '', utils: jestMatcherUtils });
