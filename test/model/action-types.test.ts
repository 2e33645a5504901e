/**
 * The types of actions, checked by `npm run typecheck` (tsconfig.test.json
 * type-checks the tests): in a record of actions, `s` is typed in every
 * function without an annotation, a choice action takes its choice type from
 * an annotation, and a ChoiceActionSpec declared on its own fits the record.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { action, check, defineModel, type ActionLabel, type ActionSpec, type ChoiceActionSpec, type Model, type SimpleActionSpec } from '../../src/index.js';
import { partsOf } from '../../src/model/define-model.js';

type Mail = { queue: string[]; sent: string[]; up: boolean };

describe('action types', () => {
  it('type the state in every function of a record, for simple and choice actions alike', () => {
    const deliver: ChoiceActionSpec<Mail, string> = {
      choices: (s) => s.queue,
      apply: (s, m) => ({ ...s, queue: s.queue.filter((x) => x !== m), sent: [...s.sent, m] }),
    };
    const crash: SimpleActionSpec<Mail> = { enabled: (s) => s.up, apply: (s) => ({ ...s, up: false }) };
    const m = defineModel<Mail>({
      init: { queue: ['a', 'b'], sent: [], up: true },
      actions: {
        deliver,
        crash,
        resend: {
          choices: (s) => s.sent,
          enabled: (s) => s.up && s.queue.length === 0,
          apply: (s, m: string) => ({ ...s, queue: [m], sent: s.sent.filter((x) => x !== m) }),
        },
        stop: { enabled: (s) => !s.up, apply: (s) => ({ ...s, queue: [] }) },
      },
    });
    expectTypeOf(deliver).toMatchTypeOf<ActionSpec<Mail>>();
    expectTypeOf(crash).toMatchTypeOf<ActionSpec<Mail>>();
    expect(check(m, { deadlock: false }).ok).toBe(true);
  });

  it('reject a choices function whose state is of another type', () => {
    // @ts-expect-error: choices must take the model's state
    const bad: ActionSpec<Mail> = { choices: (s: number) => [s], apply: (s) => s };
    expect(bad).toBeDefined();
  });
});

describe('inferred choice types and action labels', () => {
  type Threads = { counter: number; pc: ('read' | 'write' | 'done')[]; local: number[] };
  const init: Threads = { counter: 0, pc: ['read', 'read'], local: [0, 0] };

  // The guide's first model, without a single annotation in the actions.
  const racy = defineModel({
    init,
    actions: {
      read: {
        choices: () => [0, 1],
        enabled: (s, t) => s.pc[t] === 'read',
        apply: (s, t) => ({ ...s, pc: s.pc.map((p, i) => (i === t ? 'write' : p)), local: s.local.map((l, i) => (i === t ? s.counter : l)) }),
      },
      write: {
        choices: (s: Threads) => s.pc.map((_, i) => i),
        enabled: (s, t) => s.pc[t] === 'write',
        apply: (s, t) => ({ ...s, counter: s.local[t] + 1, pc: s.pc.map((p, i) => (i === t ? 'done' : p)) }),
      },
      idle: { enabled: (s) => s.pc.every((p) => p === 'done'), apply: (s) => s },
    },
  });

  it('infer each choice from its action’s choices, and the state from init', () => {
    defineModel({
      init,
      actions: {
        read: {
          choices: () => ['a', 'b'],
          enabled: (s, t) => {
            expectTypeOf(s).toEqualTypeOf<Threads>();
            expectTypeOf(t).toEqualTypeOf<string>();
            return true;
          },
          apply: (s, t) => {
            expectTypeOf(t).toEqualTypeOf<string>();
            return s;
          },
        },
        tick: { apply: (s, t) => (expectTypeOf(t).toBeUnknown(), s) },
      },
    });
    expect(check(racy).ok).toBe(true);
  });

  it('refuse a choice used as what it is not', () => {
    defineModel({
      init,
      actions: {
        read: {
          choices: () => [0, 1],
          // @ts-expect-error the choice is a number: it has no toUpperCase
          enabled: (s, t) => t.toUpperCase() === 'A',
          apply: (s) => s,
        },
      },
    });
    defineModel({
      init,
      actions: {
        // @ts-expect-error choices must return an iterable
        read: { choices: () => 3, apply: (s) => s },
      },
    });
    expect(true).toBe(true);
  });

  it('carry the action labels: names, and name(…) for a choice', () => {
    type Labels = typeof racy extends Model<Threads, infer L> ? L : never;
    expectTypeOf<'read' | 'write(1)' | 'idle'>().toMatchTypeOf<Labels>();
    expectTypeOf<'raed'>().not.toMatchTypeOf<Labels>();
    expectTypeOf<'red(0)'>().not.toMatchTypeOf<Labels>();
    // A model typed without names, or built from a list of action(...), takes any string.
    expectTypeOf<'anything'>().toMatchTypeOf<ActionLabel<Record<string, unknown>>>();
    const listed = defineModel({ init: 0, actions: [action<number>('inc', (s) => s < 2, (s) => s + 1)] });
    expectTypeOf(listed).toEqualTypeOf<Model<number, string>>();
    expect(partsOf(racy).transitions.map((t) => t.name)).toEqual(['read', 'write', 'idle']);
  });
});
