import { describe, expect, it } from 'vitest';
import { check, checkTrace, defineEnvironment, defineModel, fromITF, toITF, TraceInputError } from '../../src/index.js';

interface Counter {
  n: number;
  log: { last: string; count: number };
}
const counter = defineModel<Counter>({
  name: 'counter',
  init: { n: 0, log: { last: 'none', count: 0 } },
  actions: {
    add: { choices: () => [1, 2], enabled: (s) => s.n < 4, apply: (s, k: number) => ({ n: s.n + k, log: { last: 'add', count: s.log.count + 1 } }) },
    reset: { enabled: (s) => s.n > 0, apply: (s) => ({ n: 0, log: { last: 'reset', count: s.log.count + 1 } }) },
  },
  invariants: { small: (s) => s.n < 5 },
});

describe('checkTrace', () => {
  it('explains a log by some behaviour: omitted fields mean any, states may be partial', () => {
    const r = checkTrace(counter, [{ action: 'add', choice: 2 }, { state: { n: 3 } }, { action: 'reset', state: { log: { last: 'reset' } } }]);
    expect(r.ok).toBe(true);
    expect(r.trace.map((s) => s.action)).toEqual([null, 'add(2)', 'add(1)', 'reset']);
    expect(String(r)).toBe('explained — 3 events');
  });

  it("explains another tool's ITF trace that names no actions (Apalache's): the states alone must follow", () => {
    const itf = (ns: number[]) => ({
      vars: ['n', 'log'],
      states: ns.map((n, i) => ({ '#meta': { index: i }, n: { '#bigint': String(n) }, log: { last: i === 0 ? 'none' : 'add', count: { '#bigint': String(i) } } })),
    });
    expect(checkTrace(counter, itf([0, 2, 3])).ok).toBe(true);
    expect(checkTrace(counter, itf([0, 3])).ok).toBe(false);
    // As the text of an .itf.json file, pretty-printed or on one line: one document, not NDJSON.
    expect(checkTrace(counter, JSON.stringify(itf([0, 2, 3]), null, 2)).ok).toBe(true);
    expect(checkTrace(counter, JSON.stringify(itf([0, 2, 3]))).ok).toBe(true);
    expect(checkTrace(counter, JSON.stringify(itf([0, 3]))).ok).toBe(false);
  });

  it('keeps every state consistent with the log so far (the nondeterminism is resolved later)', () => {
    // After `add` with no choice, n is 1 or 2; only n = 2 explains the next event.
    expect(checkTrace(counter, [{ action: 'add' }, { action: 'add(2)', state: { n: 4 } }]).ok).toBe(true);
  });

  it('fails at the first unexplained event, with the candidate successors', () => {
    const r = checkTrace(counter, [{ action: 'add(1)' }, { action: 'add', state: { n: 4 } }, { action: 'reset' }]);
    expect(r.kind).toBe('unexplained');
    if (r.kind !== 'unexplained') return;
    expect(r.at).toBe(1);
    expect(r.event).toEqual({ action: 'add', state: { n: 4 } });
    expect(r.candidates.map((c) => [c.action, c.state.n])).toEqual([
      ['add(1)', 2],
      ['add(2)', 3],
      ['reset', 0],
    ]);
    expect(r.trace.map((s) => s.action)).toEqual([null, 'add(1)']);
    expect(String(r)).toBe('event 1 is unexplained: no behaviour of the model leads there (3 candidate successors) — 3 events');
  });

  it('reads NDJSON, naming the line of a malformed event', () => {
    expect(checkTrace(counter, '{"action":"add","choice":1}\n\n{"action":"reset","state":{"n":0}}\n').ok).toBe(true);
    expect(() => checkTrace(counter, '{"action":"add"}\n{"action":\n')).toThrow(/^checkTrace: line 2 is not JSON/);
    expect(() => checkTrace(counter, '{"acton":"add"}')).toThrow("checkTrace: line 1 has an unknown field 'acton'; an event has action, choice, state");
    expect(() => checkTrace(counter, [{ action: 3 }] as never)).toThrow(TraceInputError);
    expect(() => checkTrace(counter, '{}', { maxBytes: 1 })).toThrow('checkTrace: the log is 2 bytes, more than maxBytes (1)');
  });

  it('reads a log or an .itf.json file that starts with a byte order mark (as Windows tools save UTF-8), CRLF or not', () => {
    const ndjson = '{"action":"add","choice":2}\n{"state":{"n":3}}\n';
    expect(checkTrace(counter, `\uFEFF${ndjson}`).ok).toBe(true);
    expect(checkTrace(counter, `\uFEFF${ndjson.replace(/\n/g, '\r\n')}`).ok).toBe(true);
    const itf = { vars: ['n', 'log'], states: [0, 2].map((n, i) => ({ n: { '#bigint': String(n) }, log: { last: i === 0 ? 'none' : 'add', count: { '#bigint': String(i) } } })) };
    expect(checkTrace(counter, `\uFEFF${JSON.stringify(itf, null, 2)}`).ok).toBe(true);
    expect(fromITF(`\uFEFF${JSON.stringify(itf)}`).trace).toHaveLength(2);
  });

  it('never lets __proto__ from a log reach a prototype', () => {
    const r = checkTrace(counter, '{"state":{"__proto__":{"polluted":true},"n":1}}');
    expect(r.kind).toBe('unexplained');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts ITF: kripke's own counterexample, parsed or through fromITF, and a foreign one", () => {
    const broken = check(counter);
    expect(broken.kind).toBe('invariant');
    const itf = toITF(broken);
    expect(checkTrace(counter, itf).ok).toBe(true);
    expect(checkTrace(counter, fromITF(JSON.stringify(itf))).ok).toBe(true);
    // A Quint-like trace: no kripke meta, whole states, one impossible step (n jumps to 3 from 0).
    const foreign = { vars: ['n', 'log'], states: [{ n: { '#bigint': '0' }, log: { last: 'none', count: { '#bigint': '0' } } }, { n: { '#bigint': '3' } }] };
    const r = checkTrace(counter, foreign);
    expect(r.kind === 'unexplained' && r.at).toBe(1);
  });

  it('reads a kripke trace (step 0 the initial state), and refuses one that starts elsewhere', () => {
    expect(checkTrace(counter, check(counter).trace).ok).toBe(true);
    const r = checkTrace(counter, [{ action: null, state: { n: 7, log: { last: 'none', count: 0 } } }] as never);
    expect(r.kind === 'unexplained' && r.at).toBe(0);
  });

  it('explains environment behaviors by their labels', () => {
    const crash = defineEnvironment<Counter>({ name: 'os', behaviors: { crash: { apply: (s) => ({ ...s, n: 0 }) } } });
    expect(() => checkTrace(counter, [{ action: 'add(2)' }, { action: 'os:crash', state: { n: 0 } }])).toThrow("event 1 names 'os:crash'");
    expect(checkTrace(counter, [{ action: 'add(2)' }, { action: 'os:crash', state: { n: 0 } }], { environments: crash }).ok).toBe(true);
  });

  it('gives incomplete when the states consistent with the log exceed maxStates', () => {
    const r = checkTrace(counter, [{}, {}], { maxStates: 2 });
    expect(r.kind === 'incomplete' && [r.budget, r.at]).toEqual(['maxStates', 1]);
  });

  it('gives kind error with the event index when the model throws', () => {
    const bad = defineModel<{ n: number }>({ init: { n: 0 }, actions: { boom: { apply: () => { throw new Error('boom'); } } } });
    const r = checkTrace(bad, [{ action: 'boom' }]);
    expect(r.kind === 'error' && [r.at, String(r)]).toEqual([0, 'error at event 0: Error: boom']);
  });

  describe('review of issue 10', () => {
    it('names the event of a sparse array, a hole being no event (defect 11)', () => {
      // eslint-disable-next-line no-sparse-arrays
      expect(() => checkTrace(counter, [, { action: 'reset' }] as never)).toThrow(new TraceInputError('checkTrace: event 0 must be an object { action?, choice?, state? }, got undefined'));
    });

    it('lists the options each function takes, and checks maxBytes (defect 12)', () => {
      expect(() => checkTrace(counter, [], { foo: 1 } as never)).toThrow("checkTrace: unknown option 'foo'; the options are environments, maxBytes, maxStates, timeout");
      expect(() => checkTrace(counter, [], { maxBytes: 'x' } as never)).toThrow('checkTrace: maxBytes must be a positive integer, got the string "x"');
      expect(() => checkTrace(counter, [], { maxBytes: 0 })).toThrow('checkTrace: maxBytes must be a positive integer, got number 0');
      expect(() => checkTrace(counter, [], null as never)).toThrow('checkTrace: options must be an object, got null');
    });

    it('refuses an ITF trace with no states, and names the event and path of a value that is not plain data (defect 13)', () => {
      expect(() => checkTrace(counter, { states: [] })).toThrow(new TraceInputError('checkTrace: the trace has no states; it needs at least the initial state'));
      expect(() => checkTrace(counter, [{}, { state: { log: { last: () => 1 } } }] as never)).toThrow(
        new TraceInputError('checkTrace: event 1: event.state.log.last is a function; a logged state must be plain data'),
      );
      expect(() => checkTrace(counter, [{ action: 'add', choice: Symbol('x') }] as never)).toThrow('checkTrace: event 0: event.choice is a symbol');
    });

    it("makes an action the model does not have a usage error naming it and listing the model's (defect 14)", () => {
      expect(() => checkTrace(counter, '{"action":"add"}\n{"action":"nope"}\n')).toThrow(
        new TraceInputError("checkTrace: event 1 names 'nope', which is no action of model 'counter'; its actions are 'add', 'reset'"),
      );
      expect(() => checkTrace(counter, [{ action: 'ad(1)' }])).toThrow("event 0 names 'ad(1)'");
      expect(checkTrace(counter, [{ action: 'add(7)' }]).kind).toBe('unexplained');
    });
  });
});

describe('an empty log (badinput21: "explained — 0 events")', () => {
  const counter = defineModel({ name: 'counter', init: { n: 0 }, actions: { inc: { apply: (s: { n: number }) => ({ n: s.n + 1 }) } } });
  it('is refused as text, saying an empty array checks the initial state alone', () => {
    for (const text of ['', '  \n\n', '\uFEFF']) {
      expect(() => checkTrace(counter, text)).toThrow(TraceInputError);
      expect(() => checkTrace(counter, text)).toThrow('checkTrace: the log is empty text: it records no event, so there is nothing to check (was it written?); pass [] to check the initial state alone');
    }
    expect(checkTrace(counter, [])).toMatchObject({ ok: true });
  });
});
