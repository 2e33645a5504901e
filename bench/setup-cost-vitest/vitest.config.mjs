// bench/setup-cost.mjs, inside a real `vitest run`: one empty test file, the
// setup file from KRIPKE_BENCH_SETUP ('kripke/vitest' resolves to this
// repository's build). Files under dist/ load through Node, as from
// node_modules (Vitest would inline them: they are outside node_modules).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: dirname(fileURLToPath(import.meta.url)),
  test: {
    include: ['nothing.test.mjs'],
    setupFiles: [process.env.KRIPKE_BENCH_SETUP ?? './empty-setup.mjs'],
    server: { deps: { external: [/\/dist\/(esm|cjs)\//] } },
  },
});
