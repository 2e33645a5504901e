// Global defaults: configure() and the KRIPKE_* variables, their precedence,
// the budget factor, and bad values named.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { check, configure, defineModel } from '../../src/index.js';
import { resolveOptions } from '../../src/checker/options.js';

afterEach(() => {
  configure({});
  vi.unstubAllEnvs();
});

const counter = defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } }, invariants: { ok: () => true } });

describe('configure and KRIPKE_* variables', () => {
  it('configure() sets defaults for every check; an explicit option beats it', () => {
    configure({ maxStates: 5 });
    expect(check(counter)).toMatchObject({ kind: 'incomplete', budget: 'maxStates', limit: 5 });
    expect(check(counter, { maxStates: 7 })).toMatchObject({ kind: 'incomplete', limit: 7 });
  });

  it('precedence, field by field: option > KRIPKE_* > configure() > base default > DEFAULT_OPTIONS', () => {
    expect(resolveOptions(undefined, 'check').timeout).toBe(30_000);
    expect(resolveOptions(undefined, 'toSurvive', { timeout: 4000 }).timeout).toBe(4000);
    configure({ timeout: 9000, maxStates: 50 });
    expect(resolveOptions(undefined, 'toSurvive', { timeout: 4000 })).toMatchObject({ timeout: 9000, maxStates: 50 });
    vi.stubEnv('KRIPKE_TIMEOUT', '12000');
    vi.stubEnv('KRIPKE_MAX_STATES', '1_000');
    expect(resolveOptions(undefined, 'check')).toMatchObject({ timeout: 12_000, maxStates: 1000 });
    expect(resolveOptions({ timeout: 1, maxStates: 2 }, 'check')).toMatchObject({ timeout: 1, maxStates: 2 });
  });

  it('KRIPKE_BUDGET_FACTOR multiplies the budgets that result; a derived timeout stays under its cap', () => {
    vi.stubEnv('KRIPKE_BUDGET_FACTOR', '10');
    expect(resolveOptions({ maxStates: 100, maxDepth: 3, timeout: 50 }, 'check')).toMatchObject({ maxStates: 1000, maxDepth: 30, timeout: 500 });
    expect(resolveOptions(undefined, 'check')).toMatchObject({ maxStates: 10_000_000, maxDepth: Infinity, timeout: 300_000 });
    expect(resolveOptions(undefined, 'toSurvive', { timeout: 4000, timeoutCap: 4000 }).timeout).toBe(4000);
    expect(resolveOptions({ timeout: 4000 }, 'toSurvive', { timeout: 4000, timeoutCap: 4000 }).timeout).toBe(40_000);
  });

  it('bad values are errors naming the variable or the option', () => {
    vi.stubEnv('KRIPKE_MAX_STATES', 'lots');
    expect(() => check(counter)).toThrow('KRIPKE_MAX_STATES must be a positive integer, got "lots"');
    vi.stubEnv('KRIPKE_MAX_STATES', '');
    vi.stubEnv('KRIPKE_BUDGET_FACTOR', '-2');
    expect(() => check(counter)).toThrow('KRIPKE_BUDGET_FACTOR must be a positive number, got "-2"');
    expect(() => configure({ maxstates: 5 } as never)).toThrow("configure: unknown option 'maxstates'");
    expect(() => configure({ artifacts: '' })).toThrow('configure: artifacts must be a folder (a non-empty string) or false');
    expect(() => configure({ deadActions: 'loud' as never })).toThrow("configure: deadActions must be 'warn', 'fail' or 'ignore'");
    vi.stubEnv('KRIPKE_BUDGET_FACTOR', '');
    // A bad value is refused by configure() itself, naming it, and the configuration stays as it was
    // (it was accepted, then every later check blamed itself: hostile19a).
    expect(() => configure({ maxStates: -1 })).toThrow('configure: maxStates must be an integer ≥ 1 or Infinity, got number -1');
    expect(() => configure({ timeout: 0 })).toThrow('configure: timeout must be a positive number of milliseconds, got number 0');
    expect(() => configure({ workers: 1.5 })).toThrow('configure: workers must be an integer from 1 to 64');
    expect(() => check(counter, { maxStates: 10 })).not.toThrow();
    expect(() => check(counter, { maxStates: -1 })).toThrow('check: maxStates must be an integer ≥ 1 or Infinity, got number -1');
  });

  it('returns the previous configuration, so a test can restore it', () => {
    configure({ maxStates: 5 });
    const previous = configure({ timeout: 10 });
    expect(previous).toEqual({ maxStates: 5 });
  });
});
