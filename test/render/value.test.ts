import { describe, expect, it } from 'vitest';
import { describeFunction, formatState, formatValue, normaliseSource } from '../../src/render/value.js';

// What a predicate's source looks like after each runner's transform.
const compiled = (source: string) => new Function(`return ${source}`)() as (s: unknown) => unknown;

describe('describeFunction', () => {
  it('prints a predicate the same whichever tool compiled it: double quotes, (s) =>, one space', () => {
    const esbuild = compiled('(s) => s.status === "done"'); // Vitest
    const tsc = compiled("s => s.status === 'done'"); // ts-jest, or plain JavaScript under Jest
    expect(describeFunction(esbuild)).toBe('(s) => s.status === "done"');
    expect(describeFunction(tsc)).toBe('(s) => s.status === "done"');
    expect(describeFunction(compiled('(s) => {\n    return s.x === \'a\';\n  }'))).toBe('(s) => { return s.x === "a"; }');
  });

  it("keeps what a string says: its spaces, its quotes, escapes; template literals as written", () => {
    expect(describeFunction(compiled("(s) => s.x === 'a  b'"))).toBe('(s) => s.x === "a  b"');
    expect(describeFunction(compiled("(s) => s.x === 'it\\'s' || s.x === 'say \"hi\"'"))).toBe('(s) => s.x === "it\'s" || s.x === "say \\"hi\\""');
    expect(describeFunction(compiled('(s) => s.x === "tab\\there"'))).toBe('(s) => s.x === "tab\\there"');
    expect(describeFunction(compiled("(s) => s.x === `it's ${'a'}`"))).toBe("(s) => s.x === `it's ${'a'}`");
    expect(describeFunction(compiled('async s => s'))).toBe('async (s) => s');
  });

  it('names a predicate too long to read in a sentence, or says "the predicate"', () => {
    function aLongNamedCheck(s: { count: number }) {
      return s.count > 1000 && s.count < 2000 && s.count !== 1500 && s.count % 7 !== 3 && s.count % 11 !== 5;
    }
    expect(describeFunction(aLongNamedCheck)).toBe('aLongNamedCheck');
    expect(describeFunction(compiled(`(s) => ${'s.a && '.repeat(20)}s.b`))).toBe('the predicate');
  });
});

describe('normaliseSource', () => {
  it("leaves comments as written, quotes and all", () => {
    expect(normaliseSource("(s) => /* it's */ s.x === 'a'")).toBe('(s) => /* it\'s */ s.x === "a"');
    expect(normaliseSource("(s) => {\n  // it's\n  return s.x === 'a';\n}")).toBe('(s) => { // it\'s return s.x === "a"; }');
    expect(normaliseSource("(s) => s.x /* open")).toBe('(s) => s.x /* open');
  });
});

// hostile19a: quotes inside strings and keys printed bare read as other values ("set("a",1)", "q"uote": 0).
describe('strings and keys with quotes or backslashes', () => {
  it('print escaped, so every printed value reads back as one value', () => {
    expect(formatValue({ action: 'set("a",1)' })).toEqual(['{"action": "set(\\"a\\",1)"}']);
    expect(formatState({ 'q"uote': 0, path: 'C:\\tmp' })).toEqual(['{', '  "path": "C:\\\\tmp",', '  "q\\"uote": 0,', '}']);
  });
});

describe('values that are not states (an observed value, an event) print as pretty-format prints them', () => {
  it('a cycle is [Circular], a hole undefined, a class instance as its fields (min form)', () => {
    const cyclic: Record<string, unknown> = { n: 1 };
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toEqual(['{"n": 1, "self": [Circular]}']);
    // eslint-disable-next-line no-sparse-arrays
    expect(formatValue({ xs: [1, , 3] })).toEqual(['{"xs": [1, undefined, 3]}']);
    class Pod {
      name = 'web';
    }
    expect(formatValue(new Pod())).toEqual(['{"name": "web"}']);
  });
});
