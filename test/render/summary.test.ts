import { describe, expect, it } from 'vitest';
import { check, checkOpen, ContractError, defineModel } from '../../src/index.js';
import { plain } from '../../src/render/palette.js';
import { budgetAdvice, describeProblem, describeSource, plural, renderAssumptions, renderUserError } from '../../src/render/summary.js';
import { cluster, k8s, lamp, service, stuck, surge, throwing } from '../support/models.js';

describe('describeProblem', () => {
  it('names what broke and after how many steps', () => {
    expect(describeProblem(checkOpen(service, k8s(false)).result)).toBe('invariant "always-responsive" is violated after 2 steps');
    expect(describeProblem(checkOpen(lamp, surge).result)).toBe('guarantee "never-burnt" of environment grid is violated after 2 steps');
    expect(describeProblem(check(stuck))).toBe('deadlock after 2 steps: no action is enabled and the state is not terminal');
    expect(describeProblem(check(throwing))).toBe('Action "withdraw" threw after 1 step');
    expect(describeProblem(check(cluster, { maxStates: 3 }))).toBe('the search did not finish: maxStates budget of 3 states ran out after 3 states, 1 step deep');
    expect(describeProblem(check(service))).toBe('no problem in 3 states');
  });

  it('names where an error came from', () => {
    expect(describeSource({ kind: 'guard', name: 'k8s:evict-pod', environment: 'k8s' })).toBe('the guard (enabled) of behavior "k8s:evict-pod"');
    expect(describeSource({ kind: 'choices', name: 'schedule' })).toBe('the choices of action "schedule"');
    expect(describeSource({ kind: 'guarantee', name: 'g', environment: 'k8s' })).toBe('guarantee "g" of environment k8s');
    expect(describeSource({ kind: 'terminal' })).toBe('terminal');
    expect(describeSource(undefined)).toBe('the model');
  });

  it('advises on each budget', () => {
    expect(budgetAdvice(check(cluster, { maxDepth: 1 }).budget!)).toContain('Raise maxDepth');
    expect(budgetAdvice(check(cluster, { maxStates: 2 }).budget!)).toContain('Raise maxStates');
  });
});

describe('renderUserError', () => {
  it("keeps the user's stack and drops the frames of kripke's own code", () => {
    const r = check(
      defineModel({
        init: 0,
        actions: {
          go: {
            apply: function throwsHere(): number {
              throw new TypeError('boom');
            },
          },
        },
      }),
    );
    const lines = renderUserError(r.error);
    expect(lines[0]).toBe('TypeError: boom');
    expect(lines[1]).toMatch(/at (Object\.)?throwsHere .*summary\.test\.ts/);
    // Nothing from src/ (kripke's root here; dist/ when installed).
    expect(lines.some((l) => /[\\/]src[\\/](checker|model|render|matchers)[\\/]/.test(l))).toBe(false);
  });

  it("prints kripke's own errors without a stack, and thrown non-errors as values", () => {
    expect(renderUserError(new ContractError('returned "no" (string), not a boolean'))).toEqual(['ContractError: returned "no" (string), not a boolean']);
    expect(renderUserError('oops')).toEqual(['thrown value: "oops"']);
    expect(renderUserError(42)).toEqual(['thrown value: 42']);
  });

  it('adds the message when a stack lacks it', () => {
    const error = new Error('hidden');
    error.stack = '    at somewhere (x.js:1:1)';
    expect(renderUserError(error)).toEqual(['Error: hidden', '    at somewhere (x.js:1:1)']);
  });
});

describe('renderAssumptions', () => {
  it('lists each residual assumption with its environment and source', () => {
    expect(renderAssumptions(checkOpen(service, k8s(true)).unverifiedAssumptions, plain)).toEqual([
      'Residual assumptions (2 unverified, not checked by the search):',
      '  • node-capacity [k8s]: At least one schedulable node is always available after eviction',
      '      source: Kubernetes docs: Pod Lifecycle (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/)',
      '  • eviction-rate-bounded [k8s]: Eviction rate is bounded so maxRestarts is not exceeded in practice',
      '      source: Kubernetes docs: Disruptions (https://kubernetes.io/docs/concepts/workloads/pods/disruptions/)',
    ]);
  });

  it('says so when none is left', () => {
    expect(renderAssumptions([], plain, ['k8s'])).toEqual(['No residual assumptions: k8s declares none left unverified.']);
    expect(renderAssumptions([], plain, ['k8s', 'network'])).toEqual(['No residual assumptions: k8s and network declare none left unverified.']);
    expect(renderAssumptions([], plain, ['k8s', 'network', 'aws'])).toEqual(['No residual assumptions: k8s, network and aws declare none left unverified.']);
    expect(renderAssumptions([], plain)).toEqual(['No residual assumptions: the environments declare none left unverified.']);
  });

  it('counts in words', () => {
    expect(plural(1, 'state')).toBe('1 state');
    expect(plural(12345, 'state')).toBe('12,345 states');
    expect(plural(2, 'property', 'properties')).toBe('2 properties');
  });
});
