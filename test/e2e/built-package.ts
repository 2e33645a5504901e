/**
 * The built package as a user installs it, for the end-to-end and type tests:
 * `npm pack` of the dist that exists when the tests start (npm test builds it
 * first; a rebuild while tests run does not reach a packed copy), extracted
 * into a fixture project's node_modules. And a runner for child processes
 * whose environment carries no trace of the outer test run.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let tarball: string | undefined;

/** `npm pack` of the current build, once per test file. */
export function packBuiltPackage(): string {
  if (tarball !== undefined) return tarball;
  if (!existsSync(join(ROOT, 'dist/esm/vitest.js')) || !existsSync(join(ROOT, 'dist/cjs/jest.js'))) {
    throw new Error('dist/ is missing or incomplete: run `npm run build` first (`npm test` does)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kripke-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', dir, '--ignore-scripts', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
  if (file === undefined) throw new Error(`npm pack wrote no tarball into ${dir}`);
  tarball = join(dir, file);
  return tarball;
}

/** Installs the packed kripke into `project/node_modules/kripke`, replacing what was there. */
export function installBuiltPackage(project: string): void {
  const target = join(project, 'node_modules', 'kripke');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', packBuiltPackage(), '-C', target, '--strip-components=1']);
}

/** What a child process printed (stdout and stderr, in arrival order) and how it ended. */
export interface Run {
  readonly code: number | null;
  readonly output: string;
}

// Variables that would make a child think it runs inside the outer test run, or in
// GitHub Actions (a fixture's deliberate failures must not become annotations of this repo).
const INHERITED = /^(VITEST|VITE_|JEST_|GITHUB_|FORCE_COLOR$|NO_COLOR$|NODE_OPTIONS$|TEST$|NODE_ENV$|CI$|TERM$|COLORTERM$)/;

/** Runs `node script ...args` in `cwd` with a clean environment plus `env` (with another Node binary if given). */
export function runNode(script: string, args: readonly string[], cwd: string, env: Record<string, string>, node = process.execPath): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script, ...args], { cwd, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The output without colour codes, for assertions on the text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * True when `block`'s lines appear one after another in `output`, each line
 * compared without its indentation (Jest indents messages, Vitest does not).
 */
export function hasBlock(output: string, block: string): boolean {
  const lines = output.split('\n').map((l) => l.trim());
  const want = block.split('\n').map((l) => l.trim());
  for (let i = 0; i + want.length <= lines.length; i++) {
    if (want.every((w, j) => lines[i + j] === w)) return true;
  }
  return false;
}

/** tsc's complaints about the TypeScript project in `dir` (its tsconfig.json); '' when it type-checks. */
export function typecheck(dir: string): Promise<string> {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-p', dir], { cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve(error === null ? '' : `${stdout}${stderr}` || String(error)),
    );
  });
}

/**
 * The lines a reporter printed for one failing test, colour off: from its
 * heading (Vitest's ` FAIL  file > … title`, Jest's `● … title`) to the next
 * test's, without trailing blank lines.
 */
export function failureBlock(output: string, title: string): string {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => (/^ FAIL  /.test(l) || /^\s*● /.test(l)) && l.endsWith(title));
  if (start === -1) throw new Error(`no failure titled ${JSON.stringify(title)} in the output`);
  const end = lines.findIndex((l, i) => i > start && (/^⎯/.test(l) || /^ FAIL  /.test(l) || /^\s*● /.test(l) || /^ › /.test(l) || /^(PASS|FAIL) /.test(l) || /^Test Suites:/.test(l)));
  const block = lines.slice(start, end === -1 ? undefined : end);
  while (block.length > 0 && block[block.length - 1].trim() === '') block.pop();
  return block.join('\n');
}
