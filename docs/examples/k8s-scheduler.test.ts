/**
 * The k8s story of k8s-scheduler.ts as a test file: what a failing kripke
 * matcher prints in a test run. `npm run examples` runs it with Vitest after
 * the stories; the second test fails on purpose.
 *
 *   npx vitest run --root docs/examples
 */
import 'kripke/vitest';
import { expect, it } from 'vitest';
import { k8s, service } from './k8s-scheduler.js';

it('survives eviction when eviction restarts the pod', () => {
  expect(service).toSurvive(k8s(true));
});

it('breaks always-responsive when eviction kills the pod (fails on purpose)', () => {
  expect(service).toSurvive(k8s(false));
});
