/**
 * Counterexample files: a failing matcher writes its trace as ITF JSON under
 * the artifacts folder, with the HTML explorer beside it, at a path made from
 * the test file and the test's name. Whatever the name (`../`, an absolute
 * path, a very long name, two names that read alike once made safe), the file
 * stays inside the folder and no test overwrites another's. One pair of files
 * per failure of a test (`-2`, `-3` for a second and third); never on a pass,
 * and under Vitest only when the test failed in the end.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { artifactsSetting } from '../checker/configure.js';
import { toITF } from '../itf/index.js';
import type { CheckResult, OpenResult, Trace } from '../checker/types.js';
import { renderExplorer } from '../render/explorer.js';
import { runner } from './runner.js';

/** The most characters of one path segment made from a name. */
const MAX_SEGMENT = 80;

/** Eight hex digits of a text's SHA-256: keeps names that read alike as path segments apart. */
export const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** Names Windows reserves for devices, with or without an extension (`CON`, `nul.txt`, `COM1`). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\.|$)/i;

/**
 * A name as one safe path segment: letters, digits, `.`, `_` and `-`; never
 * `.` or `..`, never empty, never starting or ending with `.` or `-`; a name
 * Windows reserves (`CON`, `nul`, `aux.`, `COM1`) gets a `_` in front; at most
 * 80 characters (a longer name is cut and gets a short hash of the original,
 * so two long names stay apart).
 *
 * @example
 * safeSegment('survives eviction');  // 'survives-eviction'
 * safeSegment('../etc/passwd');      // 'etc-passwd'
 * safeSegment('CON');                // '_CON'
 */
export function safeSegment(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '');
  const allowed = WINDOWS_RESERVED.test(cleaned) ? `_${cleaned}` : cleaned;
  if (allowed.length > 0 && allowed.length <= MAX_SEGMENT) return allowed;
  return withHash(allowed === '' ? 'test' : allowed, name);
}

/** `base` cut to fit, with a short hash of `original`. */
function withHash(base: string, original: string): string {
  return `${base.slice(0, MAX_SEGMENT - 9)}-${hash(original)}`;
}

/** Where a test's counterexample goes. */
export interface ArtifactPaths {
  readonly itf: string;
  readonly html: string;
}

/**
 * Which test name took which file name, per folder, compared without case (a
 * case-insensitive file system holds one of `Foo` and `foo`): two names that
 * read alike once made safe (`a b`, `a/b`, `a-b`, `Foo`, `foo`) keep both
 * files, the later one with a short hash of its name. A test file runs in one
 * process, so the claims of its folder are all here.
 */
const claims = new Map<string, string>();

/**
 * The files of one test's counterexample, inside `folder` whatever the names:
 * `<folder>/<test file, relative to root, each segment safe>/<test name, safe>.itf.json`;
 * the test's second failure (`nth` 2) gets `-2` after the name, the third `-3`.
 *
 * @example
 * artifactPaths('/repo', '/repo/.kripke', '/repo/test/bank.test.ts', 'bank > no overdraft');
 * // { itf: '/repo/.kripke/test/bank.test.ts/bank-no-overdraft.itf.json', html: '….html' }
 */
export function artifactPaths(root: string, folder: string, testPath: string | undefined, testName: string | undefined, nth = 1): ArtifactPaths {
  const base = resolve(folder);
  const fromRoot = testPath === undefined ? 'unknown-file' : relative(root, testPath);
  const inside = fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
  // A test file outside the root (a monorepo's sibling package) is named by its base name and a hash of its path.
  const fileParts = inside
    ? fromRoot.split(/[\\/]+/).filter((p) => p !== '').map(safeSegment)
    : [withHash(safeSegment(basename(testPath ?? 'unknown-file')), testPath ?? '')];
  const named = testName === undefined || testName === '' ? 'unnamed test' : testName;
  const original = nth === 1 ? named : `${named}\u0000${nth}`;
  const dir = join(base, ...fileParts);
  let name = nth === 1 ? safeSegment(named) : `${safeSegment(named).slice(0, MAX_SEGMENT - 6)}-${nth}`;
  const claimedBy = claims.get(join(dir, name).toLowerCase());
  if (claimedBy !== undefined && claimedBy !== original) name = withHash(name, original);
  claims.set(join(dir, name).toLowerCase(), original);
  const stem = join(dir, name);
  if (!stem.startsWith(base + sep)) throw new Error(`kripke: artifact path ${stem} escapes ${base}`);
  return { itf: `${stem}.itf.json`, html: `${stem}.html` };
}

/** The test a matcher runs in, as the runner names it. */
export interface TestIdentity {
  readonly root: string;
  readonly testPath?: string;
  readonly testName?: string;
  /** Why the runner cannot tell which test this is (a concurrent test): the files are then named by their content, and the name is not given. */
  readonly uncertain?: string;
}

/** Per test (file and name) and failure within it: its files and the content last written there. */
const written = new Map<string, { readonly paths: ArtifactPaths; readonly content: string }>();

/** Per test (file and name): the run of it last seen (the runner's test object and attempt) and how many failures it had in that run. */
const failures = new Map<string, { readonly run: unknown; readonly attempt: number | undefined; readonly count: number }>();

/** Forgets which tests wrote their files (for tests of this module). */
export function forgetWritten(): void {
  written.clear();
  claims.clear();
  failures.clear();
}

/**
 * Which failure of the running test this is: 1, 2, 3… within one run of the
 * test (`expect.soft`), 1 again when the test runs again (a retry, a repeat, a
 * watch-mode re-run). Where the runner does not say which test runs, every
 * failure is the first.
 */
function nthFailure(key: string): number {
  let run: unknown;
  let attempt: number | undefined;
  try {
    run = runner().currentTest?.();
    attempt = runner().attempt?.();
  } catch {
    run = undefined;
  }
  const seen = failures.get(key);
  const count = run !== undefined && seen !== undefined && seen.run === run && seen.attempt === attempt ? seen.count + 1 : 1;
  failures.set(key, { run, attempt, count });
  return count;
}

/**
 * Writes `write` when the test has ended failed, where the runner tells the
 * outcome (Vitest); true when so deferred, false when the caller must write now (Jest).
 */
function whenTestFails(write: () => void): boolean {
  const after = runner().afterTest;
  if (after === undefined) return false;
  try {
    return after((failed) => {
      if (!failed) return;
      try {
        write();
      } catch (error) {
        console.error(`kripke: counterexample not saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    }) !== false;
  } catch {
    // Not inside a test (a hook, a describe block): write now.
    return false;
  }
}

/**
 * Writes a failing matcher's counterexample (ITF and explorer); the line for
 * the message, or undefined when artifacts are off or there is no test file.
 * One pair of files per failure of a test (a second failure in the same test
 * gets `-2`): the same counterexample again (a watch-mode re-run) is not
 * written again, a different one replaces it. Where the runner tells the
 * test's outcome (Vitest), the files are written when the test ends, and only
 * if it failed. A file that cannot be written is said in the line, never thrown.
 */
export function writeCounterexample<S>(test: TestIdentity, source: CheckResult<S> | OpenResult<S> | Trace<S>, meta: Record<string, unknown>): string | undefined {
  const setting = artifactsSetting();
  // Outside a test (no test file in the matcher's context) there is no test to name the file after.
  if (setting === false || test.testPath === undefined) return undefined;
  const folder = isAbsolute(setting) ? setting : join(test.root, setting);
  try {
    const itf = toITF(source, { ...meta, testFile: relative(test.root, test.testPath).split(sep).join('/'), ...(test.testName === undefined ? {} : { test: test.testName }) });
    const content = `${JSON.stringify(itf, null, 2)}\n`;
    // A test the runner cannot name (a concurrent one) is named by its counterexample: one file each, none overwritten by another test's.
    const testName = test.uncertain === undefined ? test.testName : `unknown test ${hash(content)}`;
    const testKey = `${folder}\u0000${test.testPath}\u0000${testName ?? ''}`;
    const nth = test.uncertain === undefined ? nthFailure(testKey) : 1;
    const key = `${testKey}\u0000${nth}`;
    const paths = artifactPaths(test.root, folder, test.testPath, testName, nth);
    const write = () => {
      if (written.get(key)?.content === content) return;
      mkdirSync(resolve(paths.itf, '..'), { recursive: true });
      writeFileSync(paths.itf, content);
      writeFileSync(paths.html, renderExplorer(itf, `kripke: ${test.testName ?? 'counterexample'}`));
      written.set(key, { paths, content });
    };
    // A test the runner cannot name cannot be followed to its end either (the hook would go to another test): written now.
    if (test.uncertain !== undefined || !whenTestFails(write)) write();
    const line = `Counterexample: ${display(paths.itf)} (explorer: ${display(paths.html)})`;
    return test.uncertain === undefined ? line : `${line}\n${test.uncertain}`;
  } catch (error) {
    return `Counterexample not saved: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A path relative to the working directory, with `/` separators. */
function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return (rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
}
