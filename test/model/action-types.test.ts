/**
 * The types of actions, checked by `npm run typecheck` (tsconfig.test.json
 * type-checks the tests): in a record of actions, `s` is typed in every
 * function without an annotation, a choice action takes its choice type from
 * an annotation, and a ChoiceActionSpec declared on its own fits the record.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { check, defineModel, type ActionSpec, type ChoiceActionSpec, type SimpleActionSpec } from '../../src/index.js';

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
