// Type tests of kripke/vitest on Vitest 4: `tsc -p test/types/vitest4` (run by test/e2e/types.test.ts).
// Each @ts-expect-error is an assertion: the line below it must not type-check.
import { checkOpen, type Environment, defineImplementation } from 'kripke';
import { k8s, linux, network } from 'kripke/environments';
import 'kripke/vitest';
import { expect, test } from 'vitest';
import { counter, looseCounter, resets, unrelated } from '../model.js';
import type { Counter } from '../model.js';

test('the matchers are typed on a model', () => {
  expect(counter).toSatisfyInvariants();
  expect(counter).toSatisfyInvariants({ maxStates: 100, timeout: 1_000 });
  expect(counter).toSatisfyInvariants({ deadActions: 'fail' });
  expect(counter).not.toSatisfyInvariants();
  expect(counter).toSurvive(resets);
  expect(counter).toSurvive([resets], { maxDepth: 10 });
  expect(counter).not.toSurvive(resets);
  expect(counter).toReach((s) => s.n === 3);
  expect(counter).toReach('inc', { maxStates: 10 });
  expect(counter).not.toReach((s) => s.n > 3);
  expect(counter).toBeDeadlockFree();
  expect.soft(counter).toBeDeadlockFree();
  expect(checkOpen(counter, resets)).toMatchAssumptionsSnapshot();
  expect(resets).toMatchAssumptionsSnapshot('resets');
  expect(counter).toReach((s) => {
    const n: number = s.n;
    // @ts-expect-error the predicate's state is the model's: Counter has no `label`
    return s.label === String(n);
  });
  expect(counter).toReach('add(2)');
  expect(looseCounter).toReach('any string: the names are not known');
  expect(counter).toEventually((s) => s.n === 3, { fair: ['inc', 'add(1)'], maxStates: 100 });
  expect(counter).toEventually((s) => s.n === 3, { from: (s) => s.n > 0, strongFair: 'all' });
  expect(counter).toEventually('reaches-3');
  expect(counter).toEventually({ infinitelyOften: (s) => s.n >= 0 }, { fair: [['inc', 'add']], environments: [resets] });
  expect(counter).toEventually({ eventuallyAlways: (s) => s.n === 3 }, { strongFair: ['inc', ['add']] });
  expect(counter).not.toEventually((s) => s.n === 3);
  expect(counter).toReplay('.kripke/counter.test.ts/reaches-3.itf.json');
  expect(counter).not.toReplay([{ action: null, state: { n: 0 } }], { environments: [resets], property: 'small' });
  expect(looseCounter).toEventually((s) => s.n === 3, { fair: ['whatever'] });
});

test('anything else does not type-check', () => {
  // @ts-expect-error 42 is not a model
  expect(42).toSurvive(resets);
  // @ts-expect-error a string is not a model
  expect('counter').toSatisfyInvariants();
  // @ts-expect-error an environment of another state type
  expect(counter).toSurvive(unrelated);
  // @ts-expect-error an environment is required
  expect(counter).toSurvive();
  // @ts-expect-error deadlock is not a matcher option: each matcher decides
  expect(counter).toSatisfyInvariants({ deadlock: true });
  // @ts-expect-error no such option
  expect(counter).toBeDeadlockFree({ maxStats: 10 });
  // @ts-expect-error a swarm serves toSatisfyInvariants and toSurvive only
  expect(counter).toBeDeadlockFree({ swarm: true });
  expect(counter).toSatisfyInvariants({ swarm: { seed: 1, shard: '1/2' } });
  expect(counter).toSatisfyInvariants({ swarm: false });
  // @ts-expect-error a model has no assumptions to snapshot
  expect(42).toMatchAssumptionsSnapshot();
  // @ts-expect-error no action is named 'icn'
  expect(counter).toReach('icn');
  // @ts-expect-error no choice action is named 'ad'
  expect(counter).toReach('ad(1)');
  // @ts-expect-error 42 is not a model
  expect(42).toEventually((s: unknown) => s === 3);
  // @ts-expect-error the goal's state is the model's: Counter has no `label`
  expect(counter).toEventually((s) => s.label === 'x');
  // @ts-expect-error a misspelt fair action
  expect(counter).toEventually((s) => s.n === 3, { fair: ['icn'] });
  // @ts-expect-error a group names the model's actions too
  expect(counter).toEventually((s) => s.n === 3, { fair: [['inc', 'icn']] });
  // @ts-expect-error eventuallyAlways takes a predicate on the state
  expect(counter).toEventually({ eventuallyAlways: (s) => s.label === 'x' });
  // @ts-expect-error a group names at least one action
  expect(counter).toEventually((s) => s.n === 3, { fair: [[]] });
  // @ts-expect-error one form at a time
  expect(counter).toEventually({ infinitelyOften: (s) => s.n > 0, eventuallyAlways: (s) => s.n > 0 });
  // @ts-expect-error fairness is a list of names or 'all'
  expect(counter).toEventually((s) => s.n === 3, { strongFair: 'every' });
});

test('the factories of kripke/environments infer the state from their callbacks or take it explicitly', () => {
  expect(counter).toSurvive(k8s.podEviction({ canEvict: (s: Counter) => s.n > 0, onEvict: (s) => ({ n: s.n - 1 }) }));
  expect(counter).toSurvive(k8s.podEviction<Counter>({ canEvict: (s) => s.n > 0, onEvict: () => ({ n: 0 }), maxEvictions: 2, name: 'cluster' }));
  expect(counter).toSurvive([
    k8s.podEviction<Counter>({ canEvict: (s) => s.n > 0, onEvict: () => ({ n: 0 }) }),
    linux.processCrash<Counter>({ canCrash: (s) => s.n > 1, onCrash: () => ({ n: 0 }), maxFaults: 1 }),
  ]);
  const channel = network.channel<{ inFlight: string[] }, string>({
    messages: (s) => s.inFlight,
    withMessages: (s, inFlight) => ({ ...s, inFlight: [...inFlight] }),
    deliver: (s, m) => ({ inFlight: s.inFlight.filter((x) => x !== m) }),
    lossy: true,
  });
  const typed: Environment<{ inFlight: string[] }> = channel;
  void typed;
  // @ts-expect-error the callbacks' state is Counter: it has no label
  k8s.podEviction<Counter>({ canEvict: (s) => s.label === 'x', onEvict: (s) => s });
  // @ts-expect-error an environment of another state
  expect(counter).toSurvive(k8s.podEviction({ canEvict: (s: { label: string }) => s.label === '', onEvict: (s) => s }));
  // maxFaults is podEviction's budget too, the name every factory shares.
  k8s.podEviction<Counter>({ canEvict: () => true, onEvict: (s) => s, maxFaults: 1 });
  // @ts-expect-error a budget is a number
  k8s.podEviction<Counter>({ canEvict: () => true, onEvict: (s) => s, maxFaults: '1' });
  // @ts-expect-error onEvict is required
  k8s.podEviction<Counter>({ canEvict: () => true });
  // @ts-expect-error a channel's message type comes from messages: deliver takes a string
  network.channel<{ inFlight: string[] }, string>({ messages: (s) => s.inFlight, withMessages: (s) => s, deliver: (s, m: number) => s });
});

test('conformance and trace validation are typed by the model', async () => {
  const impl = defineImplementation<Counter, { n: number }>({
    create: () => ({ n: 0 }),
    actions: { inc: (c) => void c.n++, add: (c, k: number) => void (c.n += k) },
    observe: (c) => ({ n: c.n }),
  });
  await expect(counter).toBeImplementedBy(impl);
  await expect(counter).toBeImplementedBy(impl, { cover: 'paths', depth: 3, stepTimeout: 100, concurrency: 2, refuses: true, environments: [resets] });
  await expect(counter).not.toBeImplementedBy(impl);
  expect(counter).toAccept([{ action: 'inc', state: { n: 1 } }, { action: 'add', choice: 2 }]);
  expect(counter).toAccept('{"action":"inc"}\n', { maxStates: 10, environments: resets });
  // @ts-expect-error a partial state of another type
  expect(counter).toAccept([{ state: { label: 'x' } }]);
  const other = defineImplementation<{ label: string }, null>({ create: () => null, actions: {}, observe: () => 0, project: (s) => s.label });
  // @ts-expect-error an implementation of another state type
  await expect(counter).toBeImplementedBy(other);
  // @ts-expect-error 42 is not a model
  expect(42).toAccept([]);
});
