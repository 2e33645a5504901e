/**
 * `kripke/vitest5`: the same setup as `kripke/vitest`, typed for Vitest 5,
 * which reads custom matchers from its own `Matchers<R, T>` interface. (The
 * declarations of this entry are written by hand in `types/vitest5.d.ts`:
 * this package builds against Vitest 4.)
 *
 * @example
 * // vitest.config.ts (Vitest 5)
 * export default defineConfig({ test: { setupFiles: ['kripke/vitest5'] } });
 *
 * @packageDocumentation
 */
import './vitest.js';
