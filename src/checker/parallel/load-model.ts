/**
 * How a worker thread defines the model again: by importing the files that
 * defined it (its definition site, innermost first, up to the file that called
 * the factory) and taking the model of the same name and ordinal defined from
 * them, or by importing an explicit module export (`CheckOptions.module` and
 * `export`, a model or a factory called with `args`). The test frameworks are
 * no-ops here (boot.ts), so a test file can be imported for the models it
 * defines at its top level. The caller checks that the model is the same one.
 */
import { pathToFileURL } from 'node:url';
import { isModel } from '../../model/define-model.js';
import { startCollecting } from '../../model/definition-site.js';
import type { Model } from '../../model/types.js';
import type { Recipe } from './protocol.js';

/** Node's import(), from the worker's boot code: the CommonJS build would compile an import() here to require(). */
export type Importer = (url: string) => Promise<unknown>;

const GLOBALS = ['describe', 'it', 'test', 'expect', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach', 'vi', 'jest', 'suite', 'xit', 'xtest', 'xdescribe', 'fit', 'fdescribe'];

/** Test-framework globals as no-ops that accept anything (describe bodies run: they may define models). */
function stubGlobals(): void {
  const noop: unknown = new Proxy(function () {}, { get: (_t, p) => (p === 'then' ? undefined : noop), apply: () => noop });
  const suite = new Proxy(
    function (_name: unknown, fn: unknown) {
      if (typeof fn === 'function') {
        try {
          fn();
        } catch {
          // A describe body that needs the runner defines nothing here.
        }
      }
      return noop;
    },
    { get: (_t, p) => (p === 'then' ? undefined : noop) },
  );
  const g = globalThis as Record<string, unknown>;
  for (const name of GLOBALS) if (g[name] === undefined) g[name] = name === 'describe' || name === 'suite' ? suite : noop;
}

/** An absolute path or a URL, as a URL. */
export function toURL(where: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(where) && !/^[a-z]:[\\/]/i.test(where) ? where : pathToFileURL(where).href;
}

/**
 * The model a recipe describes.
 *
 * @example
 * await loadModel({ kind: 'module', url: 'file:///repo/models.ts', export: 'counter', args: [3] }, (url) => import(url));
 */
export async function loadModel(recipe: Recipe, load: Importer): Promise<Model<unknown>> {
  if (recipe.kind === 'module') return fromModule(recipe, load);
  const collected = startCollecting();
  stubGlobals();
  for (const file of recipe.files) {
    await load(toURL(file));
    const same = collected.filter((c) => c.name === recipe.name && c.site.files.length === recipe.files.length && c.site.files.every((f, i) => f === recipe.files[i]));
    const found = same.find((c) => c.site.ordinal === recipe.ordinal);
    if (found !== undefined) return found.model as Model<unknown>;
  }
  throw new Error(`importing ${recipe.files.join(', ')} did not define model '${recipe.name}' the same way (number ${recipe.ordinal + 1} of that name from these files)`);
}

async function fromModule(recipe: Extract<Recipe, { kind: 'module' }>, load: Importer): Promise<Model<unknown>> {
  const ns = (await load(recipe.url)) as Record<string, unknown>;
  let value = ns[recipe.export] ?? (ns.default as Record<string, unknown> | undefined)?.[recipe.export];
  if (value === undefined) throw new Error(`${recipe.url} has no export '${recipe.export}'`);
  if (typeof value === 'function') value = await (value as (...args: unknown[]) => unknown)(...(recipe.args ?? []));
  if (!isModel(value)) throw new Error(`export '${recipe.export}' of ${recipe.url} is not a model from defineModel (nor a function that returns one)`);
  return value;
}
