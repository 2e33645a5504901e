// toReplay's inputs and verdicts beyond the happy path: a file kripke cannot
// re-check (never a silent pass of .not), a directory or '' (a usage error),
// a path that starts like JSON.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jestMatcherUtils from 'jest-matcher-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check, checkLiveness, defineModel, toITF } from '../../src/index.js';
import { createMatchers, type MatcherResult } from '../../src/matchers/index.js';
import { forgetWritten } from '../../src/matchers/artifacts.js';
import { setRunner } from '../../src/matchers/runner.js';

const matchers = createMatchers() as unknown as Record<string, (this: unknown, ...a: unknown[]) => MatcherResult>;
let root: string;
let cwd: string;

function replay(model: unknown, saved: unknown, not = false) {
  const ctx = { isNot: not, promise: '', utils: jestMatcherUtils, testPath: join(root, 'x.test.ts'), currentTestName: 'replay' };
  const r = matchers.toReplay.call(ctx, model, saved);
  return { fails: r.pass === not, message: r.message() };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kripke-replay-'));
  cwd = process.cwd();
  process.chdir(root);
  forgetWritten();
  setRunner({ name: 'Test', root: () => root, testTimeout: () => 5000, raiseTimeout: "the test's" });
});
afterEach(() => {
  process.chdir(cwd);
  setRunner(undefined);
  rmSync(root, { recursive: true, force: true });
});

const counter = defineModel({ name: 'c', init: { x: 0 }, actions: { inc: { apply: (s: { x: number }) => ({ x: s.x + 1 }) } }, invariants: { small: (s) => s.x < 2 } });

describe('a counterexample kripke cannot re-check', () => {
  const live = defineModel({ name: 'l', init: { x: 0 }, actions: { spin: { apply: (s: { x: number }) => ({ x: (s.x + 1) % 2 }) } }, invariants: {} });
  const inline = JSON.parse(JSON.stringify(toITF(checkLiveness(live, { goal: (s) => s.x === 5, fair: ['spin'] }))));

  it('fails .not.toReplay (and toReplay) saying so, never passes silently', () => {
    const not = replay(live, inline, true);
    expect(not.fails).toBe(true);
    expect(not.message).toContain('kripke cannot tell whether the counterexample in the given trace still reproduces');
    expect(not.message).toContain('names no liveness property declared on the model');
    expect(replay(live, inline).fails).toBe(true);
  });
});

describe('what toReplay is given', () => {
  it("a directory or '' is a usage error naming the path", () => {
    mkdirSync(join(root, 'saved.itf.json'));
    expect(() => replay(counter, 'saved.itf.json')).toThrow(/saved\.itf\.json is a directory, not a counterexample file/);
    expect(() => replay(counter, '')).toThrow(/the saved trace is an empty string: give the path of an \.itf\.json file/);
  });

  it('a device, a pipe or a file larger than a counterexample is a usage error, never read (badinput21: /dev/zero aborted the process, a FIFO hung it)', () => {
    expect(() => replay(counter, '/dev/zero')).toThrow(/\/dev\/zero is not a regular file \(\/dev\/zero\): give the path of an \.itf\.json file/);
    execFileSync('mkfifo', [join(root, 'pipe.itf.json')]);
    expect(() => replay(counter, 'pipe.itf.json')).toThrow(/pipe\.itf\.json is not a regular file/);
    writeFileSync(join(root, 'big.itf.json'), '');
    truncateSync(join(root, 'big.itf.json'), 64 * 1024 * 1024 + 1);
    expect(() => replay(counter, 'big.itf.json')).toThrow(/big\.itf\.json is 67,108,865 bytes, more than a counterexample file holds \(at most 67,108,864\)/);
  });

  it("a path that starts with '[' or '{' is read as a path", () => {
    writeFileSync(join(root, '[bug].itf.json'), JSON.stringify(toITF(check(counter))));
    expect(replay(counter, '[bug].itf.json').fails).toBe(false);
    expect(() => replay(counter, '{missing}.itf.json')).toThrow(/no counterexample file at \{missing\}\.itf\.json/);
  });

  it('ITF JSON text is still read as text', () => {
    expect(replay(counter, JSON.stringify(toITF(check(counter)))).fails).toBe(false);
  });

  it('the missing-file message lists each place once', () => {
    let message = '';
    try {
      replay(counter, 'nope.itf.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split(join(root, 'nope.itf.json')).length - 1).toBe(1);
  });
});
