// Type tests of kripke/jest under ts-jest's usual setup (Jest 30, global expect of @types/jest,
// `module: commonjs`, hence node10 resolution, where `kripke/jest` resolves through typesVersions only):
// `tsc -p test/types/ts-jest` (run by test/e2e/types.test.ts, after the packed kripke is put in
// node_modules/kripke: node10 knows no self-reference, so the model below imports the installed copy).
// Each @ts-expect-error is an assertion: the line below it must not type-check.
import { checkOpen, defineEnvironment, defineModel, defineImplementation } from 'kripke';
import { etcd, k8s } from 'kripke/environments';
import 'kripke/jest';

interface Counter {
  n: number;
}

const start: Counter = { n: 0 };

// Typed through init: TypeScript infers the choice types and knows the action names.
const counter = defineModel({
  name: 'counter',
  init: start,
  actions: {
    inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) },
    add: { choices: () => [1, 2], enabled: (s, k) => s.n + k <= 3, apply: (s, k) => ({ n: s.n + k }) },
  },
  invariants: { small: (s) => s.n <= 3 },
  liveness: { 'reaches-3': { goal: (s) => s.n === 3, fair: ['inc'] } },
});

// Typed with defineModel<Counter>: the action names are not known, any string goes.
const looseCounter = defineModel<Counter>({
  init: start,
  actions: { inc: { enabled: (s) => s.n < 3, apply: (s) => ({ n: s.n + 1 }) } },
});

const resets = defineEnvironment<Counter>({
  name: 'resets',
  behaviors: { reset: { apply: () => ({ n: 0 }) } },
  assumptions: { rare: { description: 'Resets are rare' } },
});

const unrelated = defineEnvironment<{ label: string }>({
  name: 'unrelated',
  behaviors: { relabel: { apply: (s) => ({ label: `${s.label}!` }) } },
});

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

test('kripke/environments resolves and is typed', () => {
  const pod = defineModel({
    name: 'pod',
    init: { up: false, restarts: 0 },
    actions: { start: { enabled: (s) => !s.up, apply: (s) => ({ ...s, up: true }) } },
    invariants: { bounded: (s) => s.restarts <= 2 },
  });
  const eviction = k8s.podEviction({ canEvict: (s: { up: boolean; restarts: number }) => s.up, onEvict: (s) => ({ up: false, restarts: s.restarts + 1 }), maxEvictions: 2 });
  expect(pod).toSurvive([eviction, etcd.leaderChange<{ up: boolean; restarts: number }>({ canChange: () => true, onChange: (s) => s, maxFaults: 1 })]);
  expect(pod).toEventually((s) => s.up, { fair: ['start'], environments: [eviction] });
  // @ts-expect-error the callbacks' state has no field nope
  k8s.podEviction<{ up: boolean }>({ canEvict: (s) => s.nope, onEvict: (s) => s });
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
