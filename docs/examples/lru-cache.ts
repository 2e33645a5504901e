/**
 * A least-recently-used cache, modelled in a dozen lines and checked against
 * the real `lru-cache` package: every reachable transition of the model runs
 * on a fresh `LRUCache`, and after each step the cache's entries (least
 * recently used first) must be the model's. A deliberately wrong adapter, whose
 * `peek` refreshes recency as `get` does, shows the shortest divergence.
 *
 *   npx tsx docs/examples/lru-cache.ts
 */
import { LRUCache } from 'lru-cache';
import { checkConformance, defineImplementation, defineModel } from 'kripke';

/** The entries, least recently used first. */
export interface Cache {
  entries: [key: string, value: number][];
}

export const CAPACITY = 2;
const KEYS = ['a', 'b', 'c'];
const VALUES = [1, 2];

const without = (s: Cache, key: string) => s.entries.filter(([k]) => k !== key);
const has = (s: Cache, key: string) => s.entries.some(([k]) => k === key);

export const cache = defineModel<Cache>({
  name: 'lru-cache',
  init: { entries: [] },
  actions: {
    /** Insert or overwrite: the key becomes the most recent; past capacity the least recent goes. */
    set: {
      choices: () => KEYS.flatMap((k) => VALUES.map((v): [string, number] => [k, v])),
      apply: (s, [key, value]: [string, number]) => ({ entries: [...without(s, key), [key, value] as [string, number]].slice(-CAPACITY) }),
    },
    /** A hit makes the key the most recent; a miss changes nothing. */
    get: {
      choices: () => KEYS,
      apply: (s, key: string) => (has(s, key) ? { entries: [...without(s, key), s.entries.find(([k]) => k === key)!] } : s),
    },
    /** Reads without touching recency. */
    peek: { choices: () => KEYS, apply: (s) => s },
    delete: { choices: () => KEYS, apply: (s, key: string) => ({ entries: without(s, key) }) },
  },
});

type Sut = LRUCache<string, number>;

/** What the cache shows: its entries, least recently used first (`entries()` lists the most recent first). */
const observe = (c: Sut) => [...c.entries()].reverse();

/** The real package, driven by the model's actions. */
export const lruCache = defineImplementation<Cache, Sut>({
  name: 'lru-cache',
  create: () => new LRUCache<string, number>({ max: CAPACITY }),
  actions: {
    set: (c, [key, value]: [string, number]) => c.set(key, value),
    get: (c, key: string) => c.get(key),
    peek: (c, key: string) => c.peek(key),
    delete: (c, key: string) => c.delete(key),
  },
  observe,
  project: (s) => s.entries,
});

/** The same, but `peek` goes through `get`: it refreshes recency, which the model says it must not. */
export const peekRefreshes = defineImplementation<Cache, Sut>({
  name: 'peek-refreshes',
  create: () => new LRUCache<string, number>({ max: CAPACITY }),
  actions: {
    set: (c, [key, value]: [string, number]) => c.set(key, value),
    get: (c, key: string) => c.get(key),
    peek: (c, key: string) => c.get(key),
    delete: (c, key: string) => c.delete(key),
  },
  observe,
  project: (s) => s.entries,
});

export async function main(log: (line: string) => void = console.log): Promise<void> {
  log(`lru-cache:      ${String(await checkConformance(cache, lruCache))}`);
  log(`peek-refreshes: ${String(await checkConformance(cache, peekRefreshes))}`);
}

if (process.argv[1]?.endsWith('lru-cache.ts')) await main();
