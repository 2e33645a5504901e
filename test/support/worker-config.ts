/**
 * A model that reads a value its module does not fix: `config.bad`, set by a
 * test after import. A worker that imports this module afresh sees -1, not
 * what the test set: the model it would search is another one.
 */
import { defineModel } from '../../src/index.js';

export const config = { bad: -1 };

/** x and y each count to 60; the invariant: x never equals config.bad. */
export const configured = defineModel<{ x: number; y: number }>({
  name: 'configured',
  init: { x: 0, y: 0 },
  actions: {
    right: { enabled: (s) => s.x < 60, apply: (s) => ({ ...s, x: s.x + 1 }) },
    up: { enabled: (s) => s.y < 60, apply: (s) => ({ ...s, y: s.y + 1 }) },
  },
  invariants: { 'not-bad': (s) => s.x !== config.bad },
  terminal: () => true,
});
