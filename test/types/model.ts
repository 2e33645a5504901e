// A model and environments shared by the type tests of every runner.
import { defineEnvironment, defineModel } from 'kripke';

export interface Counter {
  n: number;
}

const start: Counter = { n: 0 };

// Typed through init: TypeScript infers the choice types and knows the action names.
export const counter = defineModel({
  name: 'counter',
  init: start,
  actions: {
    inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) },
    add: { choices: () => [1, 2], enabled: (s, k) => s.n + k <= 3, apply: (s, k) => ({ n: s.n + k }) },
  },
  invariants: { small: (s) => s.n <= 3 },
  liveness: { 'reaches-3': { goal: (s) => s.n === 3, fair: ['inc'] } },
});

// Typed with defineModel<Counter>: the action names are not known, any string goes.
export const looseCounter = defineModel<Counter>({
  init: start,
  actions: { inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) } },
});

export const resets = defineEnvironment<Counter>({
  name: 'resets',
  behaviors: { reset: { apply: () => ({ n: 0 }) } },
  assumptions: { rare: { description: 'Resets are rare' } },
});

export const unrelated = defineEnvironment<{ label: string }>({
  name: 'unrelated',
  behaviors: { relabel: { apply: (s) => ({ label: `${s.label}!` }) } },
});
