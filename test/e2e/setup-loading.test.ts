/**
 * The setup entries load the matchers on the first matcher call where Node's
 * require gives the module instances the test file imports, else at setup
 * (issue 13). Either way `configure()` from `kripke` reaches them, in each way
 * a runner loads kripke (test/e2e/fixtures/setup-loading, which resolves
 * `kripke` to this repository's dist/): Vitest inlining it (outside
 * node_modules, its default), Node loading it (external, as from
 * node_modules: the lazy path), the vmThreads pool, and Jest's registry.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jestStatuses, vitestStatuses } from './fixture-report.js';

const fixture = fileURLToPath(new URL('./fixtures/setup-loading/', import.meta.url));
const want = { 'configure() from kripke reaches the matchers': 'passed', 'a usage error still names the matcher': 'passed' };

describe('configure() reaches the matchers however the setup file loads them', () => {
  it('Vitest, kripke inlined (imported at setup)', () => {
    expect(vitestStatuses(fixture)).toEqual(want);
  });

  it('Vitest, kripke external (required on the first call)', () => {
    expect(vitestStatuses(fixture, 'vitest.external.config.mjs')).toEqual(want);
  });

  it("Vitest's vmThreads pool (imported at setup)", () => {
    expect(vitestStatuses(fixture, 'vitest.vm.config.mjs')).toEqual(want);
  });

  it("Jest (required on the first call, through Jest's registry)", () => {
    expect(jestStatuses(fixture)).toEqual(want);
  });
});
