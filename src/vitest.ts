/**
 * `kripke/vitest`: add it to Vitest's `setupFiles`. It registers the matchers
 * (each failure entirely in the message, as under Jest), `toMatchAssumptionsSnapshot`
 * and the snapshot serializer. Its types extend Vitest 4's `expect`; on Vitest 5 use
 * `kripke/vitest5`, which registers the same and types Vitest 5's `expect`.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['kripke/vitest'] } });
 *
 * @packageDocumentation
 */
import * as vitest from 'vitest';
import './augment/jest-namespace.js';
import type { MatcherContext, MatcherResult } from './matchers/context.js';
import { createMatchers } from './matchers/create-matchers.js';
import { toMatchAssumptionsSnapshotWith } from './matchers/to-match-assumptions-snapshot.js';
import { snapshotSerializer } from './render/snapshot-serializer.js';

// Vitest's composable snapshot matcher, public (experimental) since Vitest 4.1.
interface VitestSnapshots {
  toMatchSnapshot(this: unknown, received: unknown, hint?: string): MatcherResult;
}

const snapshots = (vitest as unknown as { Snapshots?: VitestSnapshots }).Snapshots;

const toMatchAssumptionsSnapshot = toMatchAssumptionsSnapshotWith((context: MatcherContext, value: unknown, hint: string | undefined) => {
  if (snapshots === undefined) {
    throw new Error('toMatchAssumptionsSnapshot needs Vitest 4.1 or later (Snapshots API). Use expect(open.unverifiedAssumptions).toMatchSnapshot() instead.');
  }
  return hint === undefined ? snapshots.toMatchSnapshot.call(context, value) : snapshots.toMatchSnapshot.call(context, value, hint);
});

vitest.expect.extend({ ...createMatchers(), toMatchAssumptionsSnapshot });
vitest.expect.addSnapshotSerializer(snapshotSerializer);
