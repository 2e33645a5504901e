import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/fixtures/**', 'test/scripts/fixtures/**', 'test/types/**'],
    // End-to-end tests spawn real vitest and jest processes; give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
