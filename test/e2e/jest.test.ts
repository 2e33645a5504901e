/**
 * A real `jest` process on a user's project in plain JavaScript
 * (test/e2e/fixtures/jest) that installs the packed kripke and lists
 * `kripke/jest` in setupFilesAfterEnv: what the reporter prints is what users
 * read. Two runs: colour off (with the JSON report), colour forced on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureBlock, hasBlock, installBuiltPackage, ROOT, type Run, runNode, stripAnsi } from './built-package.js';
import { checkPastedFailures } from './doc-blocks.js';
import { expectFirstFailures, FIRST_HOUR_STATUSES, statusesOf } from './first-hour.js';

const PROJECT = join(ROOT, 'test/e2e/fixtures/jest');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');
const REPORT = join(PROJECT, 'node_modules/.report.json');

let plain: Run;
let coloured: Run;
let statuses: Record<string, string>;

beforeAll(async () => {
  installBuiltPackage(PROJECT);
  // --ci: snapshots are compared, never written. One worker: the fixture's files are small.
  [plain, coloured] = await Promise.all([
    runNode(JEST, ['--ci', '--runInBand', '--json', `--outputFile=${REPORT}`], PROJECT, { NO_COLOR: '1', FORCE_COLOR: '0' }),
    runNode(JEST, ['--ci', '--runInBand'], PROJECT, { FORCE_COLOR: '1' }),
  ]);
  statuses = statusesOf(JSON.parse(readFileSync(REPORT, 'utf8')));
});

describe('jest with kripke/jest', () => {
  it('passes and fails exactly the fixture tests that should', () => {
    expect(statuses).toEqual({
      'survives resilient eviction': 'passed',
      'fragile eviction breaks always-responsive': 'failed',
      'snapshots the residual assumptions': 'passed',
      'snapshots an open result through the serializer': 'passed',
      'prints assumptions inline through the serializer': 'passed',
      'shows a reworded assumption in review': 'failed',
      'lru-cache conforms to the model': 'passed',
      'a peek that refreshes recency diverges': 'failed',
      'accepts a recorded log': 'passed',
      'a log where an evicted key hits is unexplained': 'failed',
      ...FIRST_HOUR_STATUSES,
    });
    expect(plain.code).toBe(1);
  });

  it("prints a newcomer's first failures readably: the predicate as Vitest prints it, a usage error at the user's line", () => {
    expectFirstFailures(plain.output, 'messages.test.js');
  });

  it('prints the k8s failure as the docs show it', () => {
    expect(failureBlock(plain.output, 'fragile eviction breaks always-responsive')).toMatchSnapshot();
    expect(checkPastedFailures(plain.output, '  ● k8s › ')).toBeGreaterThanOrEqual(3);
  });

  it('prints the whole k8s failure in the message: trace with start, k8s:evict-pod and the status diff', () => {
    const out = plain.output;
    expect(out).toContain('expect(service).toSurvive(k8s)');
    expect(out).toContain('invariant "always-responsive" is violated after 2 steps (shortest trace; 4 states explored)');
    expect(hasBlock(out, 'Step 0: initial state\n{\n"maxRestarts": 3,\n"restarts": 0,\n"status": "starting",\n}')).toBe(true);
    expect(hasBlock(out, 'Step 1: start\n- status: "starting"\n+ status: "healthy"')).toBe(true);
    expect(hasBlock(out, 'Step 2: k8s:evict-pod [environment k8s]\n- status: "healthy"\n+ status: "unresponsive"\n✗ violates invariant "always-responsive"')).toBe(true);
    expect(hasBlock(out, '• node-capacity [k8s]: At least one schedulable node is always available after eviction\nsource: Kubernetes docs: Pod lifecycle')).toBe(true);
    expect(failureBlock(out, 'fragile eviction breaks always-responsive').split('Step 0: initial state').length - 1).toBe(1);
  });

  it('prints a divergence of the real lru-cache with expected and observed in the message (Jest prints no diff of its own)', () => {
    const block = failureBlock(plain.output, 'a peek that refreshes recency diverges');
    expect(block).toContain('expect(cache).toBeImplementedBy(implementation)');
    expect(block).toContain('diverges at step 3 (peek(a)): the implementation shows another state');
    expect(hasBlock(block, 'Step 3: peek(a)\n(no change)\n\nAt step 3 (peek(a)), - the model (projected) and + what implementation shows:')).toBe(true);
    expect(hasBlock(block, '- state[0][0]: "a"\n+ state[0][0]: "b"\n- state[1][0]: "b"\n+ state[1][0]: "a"')).toBe(true);
  });

  it('prints the first unexplained event of a log with the candidate successors', () => {
    const block = failureBlock(plain.output, 'a log where an evicted key hits is unexplained');
    expect(block).toContain('event 3 is unexplained: no behaviour of the model leads there (9 candidate successors) — 4 events');
  });

  it("shows a reworded assumption as a snapshot diff, headed by kripke's matcher", () => {
    expect(hasBlock(plain.output, '● k8s › shows a reworded assumption in review\n\nexpect(received).toMatchAssumptionsSnapshot(hint)')).toBe(true);
    expect(plain.output).not.toContain('toMatchSnapshot(hint)');
    expect(plain.output).toContain('-     "description": "At least one schedulable node is always available after eviction",');
    expect(plain.output).toContain('+     "description": "Some schedulable node is usually available after eviction",');
  });

  it('prints no escape codes with colour off', () => {
    expect(plain.output).not.toContain('\u001b');
  });

  it("colours the trace with Jest's own colours when colour is on", () => {
    expect(coloured.code).toBe(1);
    expect(coloured.output).toContain('\u001b[32m- status: "healthy"\u001b[39m');
    expect(coloured.output).toContain('\u001b[31m+ status: "unresponsive"\u001b[39m');
    // The snapshot header keeps jest-snapshot's colours around kripke's matcher name.
    expect(coloured.output).toContain('\u001b[2m).\u001b[22mtoMatchAssumptionsSnapshot\u001b[2m(\u001b[22m\u001b[1mhint\u001b[22m\u001b[2m)\u001b[22m');
    expect(hasBlock(stripAnsi(coloured.output), 'Step 1: start\n- status: "starting"\n+ status: "healthy"')).toBe(true);
  });
});
