import { describe, expect, it } from 'vitest';
import { defineEnvironment, defineModel } from '../../src/index.js';
import { call, thrown } from '../support/runner-context.js';
import { calm, k8s, lamp, service, surge } from '../support/models.js';

describe('toSurvive', () => {
  it('passes when the invariants and guarantees hold under every eviction timing', () => {
    expect(call('toSurvive', service, [k8s(true)]).fails).toBe(false);
  });

  it('fails under fragile eviction: trace through start and k8s:evict-pod, the status change, residual assumptions', () => {
    const o = call('toSurvive', service, [k8s(false)]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('<bold>Step 2: k8s:evict-pod</> <red>[environment k8s]</>');
    expect(o.message).toMatchSnapshot();
  });

  it('names a broken guarantee with its environment; verified assumptions are not residual', () => {
    const o = call('toSurvive', lamp, [[calm, surge]]);
    expect(o.fails).toBe(true);
    expect(o.message).toContain('guarantee "never-burnt" of environment grid is violated after 2 steps');
    expect(o.message).not.toContain('surge-protection');
    expect(o.message).toMatchSnapshot();
  });

  it('.not fails with the figures and still lists the residual assumptions', () => {
    const o = call('toSurvive', service, [k8s(true)], { not: true });
    expect(o.fails).toBe(true);
    expect(o.message).toMatchSnapshot();
  });

  it('names a model or environment whose name is not an identifier as one, in quotes (never expect(lock-service))', () => {
    const lock = defineModel({ name: 'lock-service', init: { held: false }, actions: { take: { apply: () => ({ held: true }) } }, invariants: { free: (s) => !s.held } });
    const throttle = defineEnvironment<{ held: boolean }>({ name: 'aws-throttle', behaviors: { slow: { apply: (s) => s } } });
    const net = defineEnvironment<{ held: boolean }>({ name: 'net', behaviors: { drop: { apply: (s) => s } } });
    const o = call('toSurvive', lock, [[throttle, net]]);
    expect(o.message.split('\n')[0]).toMatchInlineSnapshot(
      `"<dim>expect(</><red>model "lock-service"</><dim>).</>toSurvive<dim>(</><green>[environment "aws-throttle", net]</><dim>)</>"`,
    );
    expect(call('toSurvive', service, [k8s(false)]).message.split('\n')[0]).toBe('<dim>expect(</><red>service</><dim>).</>toSurvive<dim>(</><green>k8s</><dim>)</>');
  });

  it('.not passes when the model breaks', () => {
    expect(call('toSurvive', service, [k8s(false)], { not: true }).fails).toBe(false);
  });

  it('says so when no environment leaves an assumption unverified', () => {
    const o = call('toSurvive', service, [calm as never], { not: true });
    expect(o.message).toContain('No residual assumptions: calm declares none left unverified.');
  });

  it('in diff mode (Vitest) prints the eviction step as path lines too, and hands the runner no state diff', () => {
    const o = call('toSurvive', service, [k8s(false)], { mode: 'diff' });
    expect(o).not.toHaveProperty('actual');
    expect(o.message).toContain('<green>- status: "healthy"</>\n  <red>+ status: "unresponsive"</>');
    expect(o.message).toBe(call('toSurvive', service, [k8s(false)]).message);
  });

  it('fails, with or without .not, when a budget runs out', () => {
    for (const not of [false, true]) expect(call('toSurvive', service, [k8s(true), { maxStates: 5 }], { not }).fails).toBe(true);
  });

  it('refuses a missing or wrong environment, an empty list, clashing names and nothing to check', () => {
    expect(thrown(() => call('toSurvive', service, [undefined]))).toMatchSnapshot();
    expect(thrown(() => call('toSurvive', service, [[k8s(true), { name: 'k8s' }]]))).toMatchSnapshot();
    expect(thrown(() => call('toSurvive', service, [[]]))).toMatchSnapshot();
    expect(thrown(() => call('toSurvive', service, [[k8s(true), k8s(false)]]))).toMatchSnapshot();
    const quiet = defineEnvironment<{ on: boolean; burnt: boolean }>({ name: 'quiet', behaviors: { wait: { apply: (s) => s } } });
    expect(thrown(() => call('toSurvive', lamp, [quiet]))).toMatchSnapshot();
    expect(thrown(() => call('toSurvive', 'service', [k8s(true)]))).toContain('<red>received</> value must be a model from defineModel()');
  });
});
