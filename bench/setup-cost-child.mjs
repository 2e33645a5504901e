// @ts-check
// One fresh process of bench/setup-cost.mjs: loads the runner's own package
// first (a test file has it already), then times importing `argv[2]`, and
// prints the milliseconds and the packages that import loaded.
import { createRequire } from 'node:module';

const [, , entry, runner] = process.argv;
const require = createRequire(import.meta.url);
await import(runner);
const before = new Set(Object.keys(require.cache));
const t0 = performance.now();
await import(entry);
const ms = performance.now() - t0;
const loaded = Object.keys(require.cache).filter((k) => !before.has(k));
const packages = [...new Set(loaded.map((k) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))];
process.stdout.write(JSON.stringify({ ms, packages }) + '\n');
