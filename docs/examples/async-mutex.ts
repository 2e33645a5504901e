/**
 * A mutex, modelled as a holder and a first-come-first-served queue, checked
 * against the real `async-mutex` package: three clients acquire and release in
 * every order the model allows; after each step the clients holding the lock
 * and those still waiting must be the model's (mutual exclusion and FIFO
 * hand-over, on the real promises). With `refuses: true` each release the
 * model forbids (by a client that does not hold the lock) is tried too: the
 * adapter that releases through the releaser `acquire()` resolved with refuses
 * it; one that calls `mutex.release()` directly shows that the package does not
 * check who releases.
 *
 *   npx tsx docs/examples/async-mutex.ts
 */
import { Mutex } from 'async-mutex';
import { checkConformance, defineImplementation, defineModel } from 'kripke';

export interface Lock {
  holder: string | null;
  /** Clients waiting, first come first. */
  queue: string[];
}

const CLIENTS = ['A', 'B', 'C'];

export const mutex = defineModel<Lock>({
  name: 'mutex',
  init: { holder: null, queue: [] },
  actions: {
    acquire: {
      choices: () => CLIENTS,
      enabled: (s, c: string) => s.holder !== c && !s.queue.includes(c),
      apply: (s, c: string) => (s.holder === null ? { holder: c, queue: [] } : { holder: s.holder, queue: [...s.queue, c] }),
    },
    release: {
      choices: () => CLIENTS,
      enabled: (s, c: string) => s.holder === c,
      apply: (s) => ({ holder: s.queue[0] ?? null, queue: s.queue.slice(1) }),
    },
  },
  invariants: { 'waiters only while held': (s) => s.holder !== null || s.queue.length === 0 },
});

/** The real mutex and what each client holds: the releaser its `acquire()` resolved with. */
export interface Clients {
  readonly mutex: Mutex;
  holders: string[];
  waiting: string[];
  readonly releasers: Map<string, () => void>;
}

/** A client holds the lock or waits for it at most once (the model's rule, kept by the client code). */
const acquire = (sut: Clients, c: string): void => {
  if (sut.holders.includes(c) || sut.waiting.includes(c)) throw new Error(`${c} already holds or waits for the mutex`);
  sut.waiting.push(c);
  void sut.mutex.acquire().then((release) => {
    sut.waiting = sut.waiting.filter((w) => w !== c);
    sut.holders.push(c);
    sut.releasers.set(c, release);
  });
};

const shared = {
  create: (): Clients => ({ mutex: new Mutex(), holders: [], waiting: [], releasers: new Map() }),
  /** After the promises settle: who holds the lock, who waits. */
  observe: async (sut: Clients) => {
    await new Promise((resolve) => setImmediate(resolve));
    return { holders: [...sut.holders], queue: [...sut.waiting] };
  },
  project: (s: Lock) => ({ holders: s.holder === null ? [] : [s.holder], queue: s.queue }),
};

/** Releases through the releaser: a client that holds none cannot release. */
export const asyncMutex = defineImplementation<Lock, Clients>({
  name: 'async-mutex',
  ...shared,
  actions: {
    acquire: (sut, c: string) => acquire(sut, c),
    release: (sut, c: string) => {
      const release = sut.releasers.get(c);
      if (release === undefined) throw new Error(`${c} does not hold the mutex`);
      sut.releasers.delete(c);
      sut.holders = sut.holders.filter((h) => h !== c);
      release();
    },
  },
});

/** Releases with `mutex.release()`: the package lets anyone release. */
export const releaseByAnyone = defineImplementation<Lock, Clients>({
  name: 'release-by-anyone',
  ...shared,
  actions: {
    acquire: (sut, c: string) => acquire(sut, c),
    release: (sut, c: string) => {
      sut.releasers.delete(c);
      sut.holders = sut.holders.filter((h) => h !== c);
      sut.mutex.release();
    },
  },
});

export async function main(log: (line: string) => void = console.log): Promise<void> {
  log(`async-mutex:                     ${String(await checkConformance(mutex, asyncMutex, { refuses: true }))}`);
  log(`release-by-anyone:               ${String(await checkConformance(mutex, releaseByAnyone))}`);
  log(`release-by-anyone, refuses:      ${String(await checkConformance(mutex, releaseByAnyone, { refuses: true }))}`);
}

if (process.argv[1]?.endsWith('async-mutex.ts')) await main();
