/**
 * The `kripke` command (run by bin.ts). One command so far:
 *
 *   kripke swarm merge [dir]    merge the records of a swarm's shards (default: <artifacts>/swarm,
 *                               `.kripke/swarm` unless KRIPKE_ARTIFACTS says otherwise)
 *
 * Exit code 0 when every swarm check has all its shards, once each, and none
 * found a problem (never "exhaustive"); 1 otherwise, with the reasons and the
 * shortest problem's trace; 2 for a usage error.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { artifactsSetting } from './checker/configure.js';
import { mergeSwarm, type SwarmMerge } from './checker/swarm/merge.js';
import { fromITF } from './itf/index.js';
import { plain } from './render/palette.js';
import { renderTrace } from './render/trace.js';

const USAGE = 'usage: kripke swarm merge [dir]   (default dir: .kripke/swarm, or $KRIPKE_ARTIFACTS/swarm)';

/** Every `.json` file under `dir`, sorted. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.json'))
    // parentPath from Node 20.12; path before it.
    .map((d) => join((d as { parentPath?: string }).parentPath ?? (d as unknown as { path: string }).path, d.name))
    .sort();
}

/** The records of `dir`; a file that is not JSON becomes a record the merge refuses, named by its path. */
function readRecords(dir: string): unknown[] {
  return jsonFiles(dir).map((file) => {
    const source = relative(process.cwd(), file).split('\\').join('/');
    try {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return typeof value === 'object' && value !== null ? Object.defineProperty(value, 'source', { value: source, enumerable: false }) : { source };
    } catch {
      return { source };
    }
  });
}

/** The shortest problem's trace, printed, or nothing when it cannot be read. */
function problemTrace(merged: SwarmMerge): string[] {
  const check = merged.checks.filter((c) => c.problem !== undefined).sort((a, b) => a.problem!.steps - b.problem!.steps)[0];
  const found = check?.problem;
  if (found?.trace === undefined) return [];
  try {
    const { trace } = fromITF(found.trace as never);
    return ['', `The shortest problem's trace (${check.check}, shard ${found.shard}/${check.count}):`, '', ...renderTrace(trace, { palette: plain })];
  } catch (error) {
    return ['', `(its trace cannot be read: ${error instanceof Error ? error.message : String(error)})`];
  }
}

/**
 * Runs the command line; returns the exit code.
 *
 * @example
 * main(['swarm', 'merge', '.kripke/swarm']); // prints the merge, returns 0 or 1
 */
export function main(args: readonly string[], out: (line: string) => void = console.log): number {
  if (args.some((a) => a === '--help' || a === '-h')) {
    out(USAGE);
    return 0;
  }
  if (args[0] !== 'swarm' || args[1] !== 'merge' || args.length > 3) {
    out(USAGE);
    return 2;
  }
  const setting = artifactsSetting();
  const dir = args[2] ?? join(setting === false ? '.kripke' : setting, 'swarm');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    out(`kripke swarm merge: ${dir} is not a folder of swarm records (the swarm matchers write them under <artifacts>/swarm)`);
    return 1;
  }
  const merged = mergeSwarm(readRecords(dir));
  out(String(merged));
  for (const line of problemTrace(merged)) out(line);
  return merged.ok ? 0 : 1;
}

