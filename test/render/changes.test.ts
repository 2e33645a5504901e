import { describe, expect, it } from 'vitest';
import { renderChange } from '../../src/render/changes.js';
import { paletteOf, plain } from '../../src/render/palette.js';

const tags = paletteOf({
  EXPECTED_COLOR: (s) => `<green>${s}</>`,
  RECEIVED_COLOR: (s) => `<red>${s}</>`,
  INVERTED_COLOR: (s) => `<inverse>${s}</>`,
});

describe('renderChange', () => {
  it('prints a replaced value as a - line and a + line with its path', () => {
    expect(renderChange({ kind: 'changed', path: 'status', before: 'healthy', after: 'unresponsive' }, tags)).toEqual([
      '<green>- status: "healthy"</>',
      '<red>+ status: "unresponsive"</>',
    ]);
  });

  it('prints added and removed values, and Set elements with "has"', () => {
    expect(renderChange({ kind: 'added', path: 'nodes[1].pods[0]', after: 'web-1' }, plain)).toEqual(['+ nodes[1].pods[0]: "web-1"']);
    expect(renderChange({ kind: 'removed', path: 'tags', before: 'a', element: true }, plain)).toEqual(['- tags has "a"']);
    expect(renderChange({ kind: 'changed', path: '', before: 1, after: 2 }, plain)).toEqual(['- state: 1', '+ state: 2']);
  });

  it('keeps a short value on one line and indents a long one under its path', () => {
    const pod = { name: 'web-1', image: 'registry.example.com/web:1.4.2', node: 'n0', ready: true };
    expect(renderChange({ kind: 'added', path: 'pods[0]', after: pod }, plain)).toEqual([
      '+ pods[0]: {',
      '+            "image": "registry.example.com/web:1.4.2",',
      '+            "name": "web-1",',
      '+            "node": "n0",',
      '+            "ready": true,',
      '+          }',
    ]);
  });

  it('marks the changed words of a long string inline, eliding what stayed the same', () => {
    const before = 'pod web-1 on node n0 is Running since 10:42 with 0 restarts and all probes passing';
    const after = 'pod web-1 on node n0 is CrashLoopBackOff since 10:42 with 0 restarts and all probes passing';
    expect(renderChange({ kind: 'changed', path: 'log', before, after }, tags)).toEqual([
      '~ log: "pod web-1 on node n0 is <green><inverse>[-Running-]</></><red><inverse>{+CrashLoopBackOff+}</></> since 10:42 with 0 …"',
    ]);
  });

  it('prints a long string that was rewritten as two lines', () => {
    const before = 'the quick brown fox jumps over the lazy dog again';
    const after = 'an entirely different sentence about something else';
    expect(renderChange({ kind: 'changed', path: 'note', before, after }, plain)).toEqual([`- note: "${before}"`, `+ note: "${after}"`]);
  });

  it('diffs multi-line strings by line, eliding long unchanged stretches', () => {
    const lines = (four: string) => ['line 1', 'line 2', 'line 3', four, 'line 5', 'line 6', 'line 7', 'line 8'].join('\n');
    expect(renderChange({ kind: 'changed', path: 'config', before: lines('line 4'), after: lines('line FOUR') }, plain)).toEqual([
      '~ config: multi-line string',
      '    line 1',
      '    line 2',
      '    line 3',
      '  - line 4',
      '  + line FOUR',
      '    line 5',
      '    …',
    ]);
  });
});
