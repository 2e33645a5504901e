/**
 * Fake timers installed before kripke loads (second review, items 1 and 2):
 * Jest's `fakeTimers: { enableGlobally: true }` and Vitest's `vi.useFakeTimers`
 * in a setup file listed before `kripke/vitest` replace `performance` first.
 * kripke's timeout must still count real time (test/e2e/fixtures/fake-timers).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jestStatuses, vitestStatuses } from './fixture-report.js';

const fixture = fileURLToPath(new URL('./fixtures/fake-timers/', import.meta.url));
const want = {
  'the timers are fake': 'passed',
  'check: the timeout counts real time': 'passed',
  'a matcher: the timeout counts real time': 'passed',
};

describe('the timeout under fake timers installed before kripke loads', () => {
  it('Jest, fakeTimers enabled globally', () => {
    expect(jestStatuses(fixture)).toEqual(want);
  });

  it('Vitest, vi.useFakeTimers in an earlier setup file', () => {
    expect(vitestStatuses(fixture)).toEqual(want);
  });
});
