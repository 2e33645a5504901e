import { describe, expect, it } from 'vitest';
import { paletteOf, plain } from '../../src/render/palette.js';

describe('paletteOf', () => {
  it("uses the runner's colour functions, one string in, one out", () => {
    const calls: unknown[][] = [];
    const palette = paletteOf({
      RECEIVED_COLOR: (...args: unknown[]) => {
        calls.push(args);
        return `<red>${String(args[0])}</>`;
      },
    });
    expect(palette.received('x')).toBe('<red>x</>');
    expect(calls).toEqual([['x']]);
    expect(palette.received('')).toBe('');
  });

  it('prints plain where the runner gives no colour, or no utils at all', () => {
    expect(paletteOf({}).bold('x')).toBe('x');
    expect(paletteOf(undefined)).toBe(plain);
  });
});
