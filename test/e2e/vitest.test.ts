/**
 * A real `vitest` process on a user's project (test/e2e/fixtures/vitest,
 * Vitest 4 and TypeScript) that installs the packed kripke and imports
 * `kripke/vitest` in a setup file, as docs/setup-vitest.md says: what the
 * reporter prints is what users read, and the project type-checks. Two runs:
 * colour off (plus the github-actions reporter and the JSON report), colour forced on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureBlock, hasBlock, installBuiltPackage, ROOT, type Run, runNode, stripAnsi, typecheck } from './built-package.js';
import { checkPastedFailures } from './doc-blocks.js';
import { expectFirstFailures, FIRST_HOUR_STATUSES, statusesOf } from './first-hour.js';

const PROJECT = join(ROOT, 'test/e2e/fixtures/vitest');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');
const REPORT = join(PROJECT, 'node_modules/.report.json');

let plain: Run;
let coloured: Run;
let statuses: Record<string, string>;
let typeErrors: string;

beforeAll(async () => {
  installBuiltPackage(PROJECT);
  // CI=true: snapshots are compared, never written.
  [plain, coloured, typeErrors] = await Promise.all([
    runNode(VITEST, ['run', '--reporter=default', '--reporter=github-actions', '--reporter=json', `--outputFile.json=${REPORT}`], PROJECT, {
      CI: 'true',
      NO_COLOR: '1',
    }),
    runNode(VITEST, ['run'], PROJECT, { CI: 'true', FORCE_COLOR: '1' }),
    typecheck(PROJECT),
  ]);
  statuses = statusesOf(JSON.parse(readFileSync(REPORT, 'utf8')));
});

describe('vitest with kripke/vitest', () => {
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

  it('type-checks (moduleResolution bundler): the setup file brings the matchers’ types', () => {
    expect(typeErrors).toBe('');
  });

  it("prints a newcomer's first failures readably: the predicate as written, a usage error at the user's line", () => {
    expectFirstFailures(plain.output, 'messages.test.ts');
  });

  it('prints the k8s failure as the README and the docs show it', () => {
    expect(failureBlock(plain.output, 'fragile eviction breaks always-responsive')).toMatchSnapshot();
    expect(checkPastedFailures(plain.output, ' FAIL  k8s.test.ts > ')).toBeGreaterThanOrEqual(3);
  });

  it('prints the k8s failure: hint, figures, trace with start and k8s:evict-pod, the violation', () => {
    const out = plain.output;
    expect(out).toContain('expect(service).toSurvive(k8s)');
    expect(out).toContain('invariant "always-responsive" is violated after 2 steps (shortest trace; 4 states explored)');
    expect(hasBlock(out, 'Step 0: initial state\n{\n"maxRestarts": 3,\n"restarts": 0,\n"status": "starting",\n}')).toBe(true);
    expect(hasBlock(out, 'Step 1: start\n- status: "starting"\n+ status: "healthy"')).toBe(true);
    expect(hasBlock(out, 'Step 2: k8s:evict-pod [environment k8s]\n- status: "healthy"\n+ status: "unresponsive"\n✗ violates invariant "always-responsive"')).toBe(true);
    expect(hasBlock(out, '• node-capacity [k8s]: At least one schedulable node is always available after eviction\nsource: Kubernetes docs: Pod lifecycle')).toBe(true);
  });

  it('shows the last step as path lines like every other step: no "- Expected / + Received" state diff, the trace once', () => {
    const reporterLines = plain.output
      .split('\n')
      .filter((l) => !l.startsWith('::'))
      .join('\n');
    const failure = reporterLines.slice(reporterLines.indexOf('fragile eviction breaks always-responsive\n'));
    expect(failure.slice(0, failure.indexOf('⎯⎯⎯'))).not.toContain('- Expected');
    expect(failureBlock(reporterLines, 'fragile eviction breaks always-responsive').split('Step 0: initial state').length - 1).toBe(1);
    expect(reporterLines).not.toContain('"status": "unresponsive"');
  });

  it('prints a divergence of the real lru-cache: the model trace, then Vitest diffs expected and observed at the diverging step', () => {
    const block = failureBlock(plain.output, 'a peek that refreshes recency diverges');
    expect(block).toContain('expect(cache).toBeImplementedBy(implementation)');
    expect(block).toContain('diverges at step 3 (peek(a)): the implementation shows another state');
    expect(hasBlock(block, 'Step 3: peek(a)\n(no change)')).toBe(true);
    expect(hasBlock(block, '- Expected\n+ Received\n\n[\n[\n-     "a",\n+     "b",\n1,\n],')).toBe(true);
    expect(block.split('Step 0: initial state').length - 1).toBe(1);
  });

  it('prints the first unexplained event of a log with the candidate successors', () => {
    const block = failureBlock(plain.output, 'a log where an evicted key hits is unexplained');
    expect(block).toContain('event 3 is unexplained: no behaviour of the model leads there (9 candidate successors) — 4 events');
    expect(hasBlock(block, 'get(a):\n- entries[0][0]: "b"\n+ entries[0][0]: "c"\n- entries[1][0]: "c"\n+ entries[1][0]: "a"')).toBe(true);
  });

  it('shows a reworded assumption as a snapshot diff', () => {
    expect(plain.output).toContain('-     "description": "At least one schedulable node is always available after eviction",');
    expect(plain.output).toContain('+     "description": "Some schedulable node is usually available after eviction",');
  });

  it('prints no escape codes with colour off, in the terminal nor in GitHub annotations', () => {
    expect(plain.output).not.toContain('\u001b');
    const annotation = plain.output.split('\n').find((l) => l.startsWith('::error') && l.includes('fragile eviction'));
    expect(annotation).toBeDefined();
    expect(annotation).toContain('Step 2: k8s:evict-pod [environment k8s]');
    expect(annotation).toContain('%0A'); // the message's lines, encoded for the annotation
  });

  it("colours the trace with Vitest's own colours when colour is on", () => {
    expect(coloured.code).toBe(1);
    // Vitest prints the whole message in red, so each colour closes back into red.
    expect(coloured.output).toContain('\u001b[32m- status: "starting"\u001b[31m');
    expect(coloured.output).toContain('\u001b[31m+ status: "healthy"\u001b[31m');
    expect(coloured.output).toContain('\u001b[31m+ status: "unresponsive"\u001b[31m');
    expect(hasBlock(stripAnsi(coloured.output), 'Step 1: start\n- status: "starting"\n+ status: "healthy"')).toBe(true);
  });
});
