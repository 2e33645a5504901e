import { describe, expect, it } from 'vitest';
import { check, checkConformance, checkTrace, toITF } from '../../src/index.js';
import { cache, lruCache, main as cacheStory, peekRefreshes } from '../../docs/examples/lru-cache.js';
import { asyncMutex, main as mutexStory, mutex, releaseByAnyone } from '../../docs/examples/async-mutex.js';

describe('lru-cache 11.5.3 against the model', () => {
  it('conforms on every reachable transition', async () => {
    const r = await checkConformance(cache, lruCache);
    expect(r.ok).toBe(true);
    expect(r.stats.transitions).toEqual({ covered: 465, total: 465 });
    // The total is the reachable labelled transitions, as check() counts them.
    expect(check(cache, { deadlock: false }).stats.transitions).toBe(465);
  });

  it('also on every path of 3 steps, 4 at a time; 4 steps are past the maxPaths budget: incomplete', async () => {
    const r = await checkConformance(cache, lruCache, { cover: 'paths', depth: 3, concurrency: 4 });
    expect(r.ok).toBe(true);
    expect(r.stats.paths).toBe(15 ** 3);
    const four = await checkConformance(cache, lruCache, { cover: 'paths', depth: 4, maxPaths: 100 });
    expect(four.kind === 'incomplete' && [four.budget, four.stats.paths]).toEqual(['maxPaths', 100]);
  });

  it('a peek that refreshes recency diverges on the shortest path: set, set, peek', async () => {
    const r = await checkConformance(cache, peekRefreshes);
    expect(r.kind).toBe('divergence');
    if (r.kind !== 'divergence') return;
    expect(r.trace.map((s) => s.action)).toEqual([null, 'set(a,1)', 'set(b,1)', 'peek(a)']);
    expect(r.divergence).toEqual({ step: 3, action: 'peek(a)', expected: [['a', 1], ['b', 1]], observed: [['b', 1], ['a', 1]] });
    // The divergence is a trace other tools read, and the model accepts it back.
    expect(checkTrace(cache, toITF(r.trace)).ok).toBe(true);
  });

  it('tells the story', async () => {
    const lines: string[] = [];
    await cacheStory((l) => lines.push(l));
    expect(lines).toEqual([
      'lru-cache:      conforms — 435 paths, 1221 steps, 465/465 transitions covered',
      expect.stringMatching(/^peek-refreshes: diverges at step 3 \(peek\(a\)\): the implementation shows another state — /),
    ]);
  });
});

describe('async-mutex 0.5.0 against the model', () => {
  it('hands the lock over first come first served, one holder at a time, and refuses releases by non-holders', async () => {
    const r = await checkConformance(mutex, asyncMutex, { refuses: true });
    expect(r.ok && r.stats.transitions).toEqual({ covered: 30, total: 30 });
  });

  it('mutex.release() lets a client that holds nothing release', async () => {
    expect((await checkConformance(mutex, releaseByAnyone)).ok).toBe(true);
    const r = await checkConformance(mutex, releaseByAnyone, { refuses: true });
    expect(r.kind === 'divergence' && r.divergence).toEqual({ step: 0, action: null, expected: { holders: [], queue: [] }, observed: { holders: [], queue: [] }, disabled: 'release(A)' });
  });

  it('tells the story', async () => {
    const lines: string[] = [];
    await mutexStory((l) => lines.push(l));
    expect(lines[0]).toMatch(/^async-mutex: +conforms — 15 paths, \d+ steps, 30\/30 transitions covered$/);
    expect(lines[2]).toContain("accepts 'release(A)', which the model disables");
  });
});
