/**
 * `toMatchAssumptionsSnapshot` under Jest: the assumptions go through
 * `jest-snapshot`, Jest's own snapshot engine (a dependency of jest), loaded
 * only when a test first asks for an assumptions snapshot, the way Jest's docs
 * show for custom snapshot matchers.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { MatcherContext, MatcherResult } from '../matchers/context.js';
import { toMatchAssumptionsSnapshotWith } from '../matchers/to-match-assumptions-snapshot.js';
import { snapshotSerializer } from '../render/snapshot-serializer.js';

type ToMatchSnapshot = (this: MatcherContext, received: unknown, hint?: string) => MatcherResult;
interface JestSnapshot {
  toMatchSnapshot: ToMatchSnapshot;
  addSerializer: (serializer: typeof snapshotSerializer) => void;
}
let toMatchSnapshot: ToMatchSnapshot | undefined;

// Native ESM (no `require`) resolves jest-snapshot from the project.
function jestSnapshot(): ToMatchSnapshot {
  if (toMatchSnapshot === undefined) {
    const load = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'package.json'));
    const engine = load('jest-snapshot') as JestSnapshot;
    // Jest's module registry gives this file its own copy of jest-snapshot: it
    // stores with Jest's snapshot state but prints a mismatch's diff with its own
    // serializers, so it needs kripke's too.
    engine.addSerializer(snapshotSerializer);
    toMatchSnapshot = engine.toMatchSnapshot;
  }
  return toMatchSnapshot;
}

/** Loads jest-snapshot now (it loads on the first snapshot otherwise): for a file whose later first require Jest would refuse. */
export function preloadJestSnapshot(): void {
  jestSnapshot();
}

export const toMatchAssumptionsSnapshot = toMatchAssumptionsSnapshotWith((context, value, hint) => {
  const match = jestSnapshot();
  // jest-snapshot reads its arguments by count: pass the hint only when there is one.
  return asOwnMatcher(hint === undefined ? match.call(context, value) : match.call(context, value, hint));
});

// jest-snapshot heads its message `expect(received).toMatchSnapshot()`, a name
// fixed in its source (no option, no variant takes another): the user called
// toMatchAssumptionsSnapshot, so the header says so. The name comes first in
// the message, before any snapshot text.
function asOwnMatcher(result: MatcherResult): MatcherResult {
  const message = result.message;
  return Object.assign({}, result, {
    name: 'toMatchAssumptionsSnapshot',
    message: () => message().replace('toMatchSnapshot', 'toMatchAssumptionsSnapshot'),
  });
}
