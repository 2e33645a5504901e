import { describe, expect, it } from 'vitest';
import { checkOpen } from '../../src/index.js';
import { plain } from '../../src/render/palette.js';
import { renderStep, renderTrace, stepHeader } from '../../src/render/trace.js';
import { k8s, service } from '../support/models.js';

const trace = checkOpen(service, k8s(false)).result.trace;

describe('renderTrace', () => {
  it('prints step 0 in full and every later step as its label and what changed', () => {
    expect(renderTrace(trace, { palette: plain }).join('\n')).toMatchInlineSnapshot(`
      "Step 0: initial state
        {
          "maxRestarts": 3,
          "restarts": 0,
          "status": "starting",
        }
      Step 1: start
        - status: "starting"
        + status: "healthy"
      Step 2: k8s:evict-pod [environment k8s]
        - status: "healthy"
        + status: "unresponsive""
    `);
  });

  it("adds the caller's notes under a step, after its changes (a violation, a cycle's back-edge)", () => {
    const lines = renderTrace(trace, {
      palette: plain,
      notes: new Map([
        [1, ['↺ the cycle starts here']],
        [2, ['✗ violates invariant "always-responsive"', '↺ back to step 1']],
      ]),
    });
    expect(lines.slice(6)).toEqual([
      'Step 1: start',
      '  - status: "starting"',
      '  + status: "healthy"',
      '  ↺ the cycle starts here',
      'Step 2: k8s:evict-pod [environment k8s]',
      '  - status: "healthy"',
      '  + status: "unresponsive"',
      '  ✗ violates invariant "always-responsive"',
      '  ↺ back to step 1',
    ]);
  });

  it('indents the lines under a step as asked', () => {
    const lines = renderStep(trace, 2, { palette: plain, indent: '    ' });
    expect(lines).toEqual(['Step 2: k8s:evict-pod [environment k8s]', '    - status: "healthy"', '    + status: "unresponsive"']);
  });

  it('marks environment behaviors in the header', () => {
    expect(stepHeader(trace[2], 2, plain)).toBe('Step 2: k8s:evict-pod [environment k8s]');
    expect(stepHeader(trace[1], 1, plain)).toBe('Step 1: start');
    expect(stepHeader(trace[0], 0, plain)).toBe('Step 0: initial state');
  });

  it('says so when a step changes nothing the checker would count', () => {
    const same = [trace[0], { action: 'noop', state: { ...trace[0].state } }];
    expect(renderStep(same, 1, { palette: plain })).toEqual(['Step 1: noop', '  (no change)']);
  });
});
