// A model and environments shared by the type tests of every runner.
import { defineEnvironment, defineModel } from 'kripke';

export interface Counter {
  n: number;
}

export const counter = defineModel<Counter>({
  name: 'counter',
  init: { n: 0 },
  actions: { inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) } },
  invariants: { small: (s) => s.n <= 3 },
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
