// Module hooks of load-entry.mjs: every module the ES module loader loads is
// appended to a log (synchronously, so that the log is complete when the
// import returns), and the fake packages replace the real ones.
import { appendFileSync } from 'node:fs';

/** @type {{ log: string, fakes: Record<string, string> }} */
let options;

export function initialize(data) {
  options = data;
}

export async function resolve(specifier, context, next) {
  const fake = options.fakes[specifier];
  return fake === undefined ? next(specifier, context) : { url: fake, shortCircuit: true };
}

export async function load(url, context, next) {
  appendFileSync(options.log, `${url}\n`);
  return next(url, context);
}
