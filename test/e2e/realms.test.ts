/**
 * States from other realms in the real runners (issue 8, item 4): Jest runs
 * each test file in a vm sandbox, so `structuredClone` (Node's own) returns
 * objects of the outer realm; Vitest's vmThreads pool runs each file in a vm
 * context. kripke must take them as the plain data they are, with the same
 * verdicts as anywhere else (test/e2e/fixtures/realms).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jestStatuses, vitestStatuses } from './fixture-report.js';

const fixture = fileURLToPath(new URL('./fixtures/realms/', import.meta.url));
const want = { 'structuredClone in an action: a real counterexample': 'passed', 'states from vm.runInNewContext: a real pass': 'passed' };

describe('states from another realm', () => {
  it('Jest: structuredClone inside an action', () => {
    expect(jestStatuses(fixture)).toEqual(want);
  });

  it("Vitest's vmThreads pool", () => {
    expect(vitestStatuses(fixture)).toEqual(want);
  });
});
