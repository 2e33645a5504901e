/**
 * `toMatchAssumptionsSnapshot` under Vitest: the assumptions go through
 * Vitest's own composable snapshot matcher (`Snapshots`, public since Vitest 4.1),
 * so they are stored, updated and reported like any `toMatchSnapshot`.
 */
import * as vitest from 'vitest';
import type { MatcherContext, MatcherResult } from '../matchers/context.js';
import { toMatchAssumptionsSnapshotWith } from '../matchers/to-match-assumptions-snapshot.js';

interface VitestSnapshots {
  toMatchSnapshot(this: unknown, received: unknown, hint?: string): MatcherResult;
}

const snapshots = (vitest as unknown as { Snapshots?: VitestSnapshots }).Snapshots;

export const toMatchAssumptionsSnapshot = toMatchAssumptionsSnapshotWith((context: MatcherContext, value: unknown, hint: string | undefined) => {
  if (snapshots === undefined) {
    throw new Error('toMatchAssumptionsSnapshot needs Vitest 4.1 or later (Snapshots API). Use expect(open.unverifiedAssumptions).toMatchSnapshot() instead.');
  }
  return hint === undefined ? snapshots.toMatchSnapshot.call(context, value) : snapshots.toMatchSnapshot.call(context, value, hint);
});
