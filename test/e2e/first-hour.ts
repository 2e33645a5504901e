/**
 * What every newcomer's project (test/e2e/fixtures/{vitest,vitest5,ts-jest,
 * babel-jest,jest}) must show, whatever its runner: the README's example
 * passes, a predicate that is never reached is printed the same way (the
 * runner's compiler must not show through), and a usage error points at the
 * user's line, not into kripke's files.
 */
import { expect } from 'vitest';
import { failureBlock } from './built-package.js';

/** The README's example and the two deliberate failures of messages.test.*, by title. */
export const FIRST_HOUR_STATUSES = {
  'keeps its invariants, alone and under eviction': 'passed',
  'prints the predicate it could not reach': 'failed',
  'points at this line when the received value is not a model': 'failed',
} as const;

/** The two failures of messages.test.* in a reporter's output (colour off), checked line by line. */
export function expectFirstFailures(output: string, testFile: string): void {
  const reach = failureBlock(output, 'prints the predicate it could not reach');
  expect(reach).toContain('expect(light).toReach(predicate)');
  expect(reach).toContain('Expected some reachable state to satisfy (s) => s.colour === "amber", but none of the 2 reachable states does.');
  const usage = failureBlock(output, 'points at this line when the received value is not a model');
  expect(usage).toContain('MatcherUsageError: expect(received).toSatisfyInvariants()');
  expect(usage).toContain('Matcher error: received value must be a model from defineModel()');
  // The code frame and the stack start at the user's expect(...), never inside the package.
  expect(usage).toMatch(new RegExp(`${testFile.replace('.', '\\.')}:\\d+:\\d+`));
  expect(usage).toContain("expect('light').toSatisfyInvariants();");
  expect(usage).not.toContain('node_modules/kripke');
}

/** The statuses of a JSON report (Vitest's or Jest's), by test title. */
export function statusesOf(report: { testResults: { assertionResults: { title: string; status: string }[] }[] }): Record<string, string> {
  return Object.fromEntries(report.testResults.flatMap((f) => f.assertionResults.map((a) => [a.title, a.status])));
}
