/**
 * The rendering packages (`pretty-format`, `diff`), loaded the first time a
 * value is printed: every test file pays for the setup file, and only failures
 * print. `require` where there is one (CommonJS, Jest); elsewhere a `require`
 * made for this file. CommonJS cannot parse `import.meta`: the CommonJS
 * build puts `__filename` in its place (scripts/build.mjs).
 */
import { createRequire } from 'node:module';

type PrettyFormat = typeof import('pretty-format');
type Diff = typeof import('diff');

// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore: import.meta is ES-module-only; the CommonJS build replaces it (scripts/build.mjs)
const moduleUrl: string = import.meta.url;

let load: NodeJS.Require | undefined;
let prettyFormat: PrettyFormat | undefined;
let diff: Diff | undefined;

function loader(): NodeJS.Require {
  load ??= typeof require === 'function' ? require : createRequire(moduleUrl);
  return load;
}

/** `pretty-format`, loaded on first use. */
export function prettyFormatModule(): PrettyFormat {
  prettyFormat ??= loader()('pretty-format') as PrettyFormat;
  return prettyFormat;
}

/** `diff`, loaded on first use. */
export function diffModule(): Diff {
  diff ??= loader()('diff') as Diff;
  return diff;
}
