// One check timed inside a real Jest test (Jest's vm context and module registry), for bench/jest-check.mjs.
const { writeFileSync } = require('node:fs');
const { timed } = require('./hanoi.cjs');

test('one check', () => {
  const m = timed(process.env.KRIPKE_ENTRY, Number(process.env.HANOI_N));
  writeFileSync(process.env.KRIPKE_OUT, JSON.stringify(m));
  expect(m.kind).toBe('ok');
}, 600_000);
