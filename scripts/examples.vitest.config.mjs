// The Vitest configuration of `npm run examples`: only the example test files
// (`*.test.ts` of the folder given with --dir), which import kripke/vitest themselves.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['*.test.ts'] },
});
