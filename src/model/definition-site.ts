/**
 * Where a model was defined, so that a worker thread can define it again.
 * A model is code: a worker cannot receive it, but it can import the files
 * that define it. `defineModel` notes the user's files on the call stack
 * (innermost first; frames inside kripke and node_modules left out) and which
 * model of that name from those files this is (its ordinal: a factory called
 * twice at one module's top level defines two). A worker importing the same
 * files defines the same models in the same order and picks the one with the
 * same name, files and ordinal (checker/parallel/load-model.ts).
 */

/** Where a model was defined: the user's files on the stack, innermost first, and its ordinal among the models of its name defined from them. */
export interface DefinitionSite {
  readonly files: readonly string[];
  readonly ordinal: number;
}

/** What a worker collects while it imports the user's files (a global, so that every copy of kripke in the thread sees it). */
export interface Collected {
  readonly name: string;
  readonly site: DefinitionSite;
  readonly model: unknown;
}

const COUNTS = Symbol.for('kripke.definition-counts');
const COLLECT = Symbol.for('kripke.collect-models');

type Registry = Record<symbol, unknown>;

/** The stack of the definition, not yet parsed (parsing waits until a check asks for workers). */
export interface PendingSite {
  readonly name: string;
  readonly holder: { stack?: string };
  resolved?: DefinitionSite | null;
}

/**
 * Notes where the model `name` is being defined. Cheap: the stack is captured,
 * not formatted; `siteOf` reads it when a check asks for workers. In a worker
 * that collects definitions, the site is read at once.
 */
export function captureSite(name: string): PendingSite {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(holder, captureSite);
  Error.stackTraceLimit = limit;
  const pending: PendingSite = { name, holder };
  // The ordinal must be counted now, in definition order.
  const site = siteOf(pending);
  if (site !== null) pending.resolved = site;
  return pending;
}

/** Hands a defined model to a worker that is collecting them (no-op elsewhere). */
export function collectModel(pending: PendingSite, model: unknown): void {
  const list = (globalThis as Registry)[COLLECT];
  if (Array.isArray(list) && pending.resolved) list.push({ name: pending.name, site: pending.resolved, model } satisfies Collected);
}

/** Starts collecting the models defined in this thread (a worker, before it imports the user's files). */
export function startCollecting(): Collected[] {
  const list: Collected[] = [];
  (globalThis as Registry)[COLLECT] = list;
  return list;
}

/** The definition site, or null when no user file is on the stack. */
export function siteOf(pending: PendingSite): DefinitionSite | null {
  if (pending.resolved !== undefined) return pending.resolved;
  const files = userFiles(pending.holder.stack ?? '');
  if (files.length === 0) return (pending.resolved = null);
  const registry = globalThis as Registry;
  const counts = (registry[COUNTS] ??= new Map<string, number>()) as Map<string, number>;
  const key = `${pending.name}\u0000${files.join('\u0000')}`;
  const ordinal = counts.get(key) ?? 0;
  counts.set(key, ordinal + 1);
  return (pending.resolved = { files, ordinal });
}

// `at f (file:///a/b.ts:1:2)`, `at /a/b.ts:1:2`, `at async file:///…`.
const FRAME = /^\s*at (?:.*?\()?((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^()]*?):\d+:\d+\)?\s*$/;

/** The files of a stack outside kripke's own code and node_modules, innermost first, each once, as absolute paths. */
export function userFiles(stack: string): string[] {
  const files: string[] = [];
  let own: string | undefined;
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (m === null) continue;
    const file = toPath(m[1]);
    own ??= kripkeRoot(file);
    if (own !== undefined && file.startsWith(own)) continue;
    if (/[\\/]node_modules[\\/]/.test(file) || /^node:/.test(file)) continue;
    if (!files.includes(file)) files.push(file);
  }
  return files;
}

/** The folder of kripke's own code (src/ or dist/), from the path of one of its files. */
function kripkeRoot(file: string): string | undefined {
  const m = /^(.*?[\\/](?:src|dist[\\/](?:esm|cjs)))[\\/]model[\\/](?:definition-site|define-model)\.[cm]?[jt]s$/.exec(file);
  return m === null ? undefined : m[1];
}

function toPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    return decodeURIComponent(new URL(file).pathname).replace(/^\/([A-Za-z]:)/, '$1');
  } catch {
    return file;
  }
}
