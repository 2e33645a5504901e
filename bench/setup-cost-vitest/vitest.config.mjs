// bench/setup-cost.mjs, inside a real `vitest run`: one empty test file, and a
// setup file that times importing the setup module under test (probe-setup.mjs).
// The modules under test load through Node, as from node_modules (Vitest would
// inline them: they are outside node_modules).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    include: ['nothing.test.mjs'],
    setupFiles: ['./probe-setup.mjs'],
    server: { deps: { external: [/\/dist\/(esm|cjs)\//, /\/setup-cost-vitest\/external\//] } },
  },
});
