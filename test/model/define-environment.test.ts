import { describe, expect, it } from 'vitest';
import { action, defineEnvironment, isEnvironment, ModelDefinitionError } from '../../src/index.js';

type S = { up: boolean };
const crash = { apply: (s: S) => ({ ...s, up: false }) };

describe('defineEnvironment', () => {
  it('labels behaviors `${env}:${name}` and keeps guarantees and assumptions in declaration order', () => {
    const env = defineEnvironment<S>({
      name: 'power',
      behaviors: { crash, 'power:restore': { apply: (s) => ({ ...s, up: true }) } },
      guarantees: { second: () => true, first: () => true },
      assumptions: {
        ups: { description: 'A UPS covers short outages', source: 'datacenter SLA' },
        grid: { description: 'The grid comes back', status: 'verified' },
      },
    });
    expect(isEnvironment(env)).toBe(true);
    // musil's 'power:restore' spelling is accepted once and not doubled.
    expect(env.behaviors.map((b) => [b.name, b.label, b.environment])).toEqual([
      ['crash', 'power:crash', 'power'],
      ['restore', 'power:restore', 'power'],
    ]);
    expect(env.guarantees.map((g) => [g.name, g.environment])).toEqual([
      ['second', 'power'],
      ['first', 'power'],
    ]);
    expect(env.assumptions).toEqual([
      { name: 'ups', description: 'A UPS covers short outages', status: 'unverified', source: 'datacenter SLA', environment: 'power' },
      { name: 'grid', description: 'The grid comes back', status: 'verified', environment: 'power' },
    ]);
  });

  it('accepts behaviors as a list of action(...)', () => {
    const env = defineEnvironment<S>({ name: 'power', behaviors: [action<S>('crash', (s) => s.up, crash.apply)] });
    expect(env.behaviors.map((b) => b.label)).toEqual(['power:crash']);
  });

  it.each([
    ['a missing name', () => defineEnvironment<S>({ behaviors: { crash } } as never), /name must be a non-empty string without ':'/],
    ['a name with a colon', () => defineEnvironment<S>({ name: 'a:b', behaviors: { crash } }), /without ':', got the string "a:b"/],
    ['no behaviors', () => defineEnvironment<S>({ name: 'e', behaviors: {} }), /environment 'e' has no behaviors/],
    [
      'a behavior named like a choice of another',
      () => defineEnvironment<S>({ name: 'e', behaviors: { drop: { choices: () => ['m1'], apply: (s: S) => s }, 'drop("m1")': crash } }),
      /action 'e:drop\("m1"\)' is named like a choice of action 'e:drop'/,
    ],
    ['two behaviors with one label', () => defineEnvironment<S>({ name: 'e', behaviors: { crash, 'e:crash': crash } }), /two actions are named 'e:crash'/],
    ['an assumption without description', () => defineEnvironment<S>({ name: 'e', behaviors: { crash }, assumptions: { x: { description: '' } } }), /assumption 'x' needs a description/],
    ['an unknown status', () => defineEnvironment<S>({ name: 'e', behaviors: { crash }, assumptions: { x: { description: 'd', status: 'maybe' as never } } }), /assumption 'x' has status the string "maybe"/],
    ['a source that is not a string', () => defineEnvironment<S>({ name: 'e', behaviors: { crash }, assumptions: { x: { description: 'd', source: 1 as never } } }), /assumption 'x': source must be a string/],
    ['a guarantee that is not a function', () => defineEnvironment<S>({ name: 'e', behaviors: { crash }, guarantees: { g: 'yes' as never } }), /guarantee 'g' must be a function/],
  ])('rejects %s', (_n, define, message) => {
    expect(define).toThrow(ModelDefinitionError);
    expect(define).toThrow(message);
  });
});
