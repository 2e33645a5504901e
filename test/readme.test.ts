/**
 * The README's twenty-line example is a real test: its code block is the file
 * test/e2e/fixtures/vitest/readme.test.ts, which the end-to-end Vitest run
 * executes against the packed package (and expects to pass).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

function blockAfter(heading: string): string {
  const section = readme.split(`\n${heading}\n`)[1] ?? '';
  return section.split('```ts\n')[1]?.split('```')[0] ?? '';
}

describe('README', () => {
  it('shows the example that the end-to-end Vitest fixture runs', () => {
    const fixture = readFileSync(new URL('test/e2e/fixtures/vitest/readme.test.ts', root), 'utf8');
    expect(blockAfter('## Twenty lines')).toBe(fixture);
  });

  it('opens with the two newcomer commands, both of them scripts that exist', () => {
    const firstScreen = readme.split('\n').slice(0, 15).join('\n');
    expect(firstScreen).toContain('npm ci && npm run examples');
    expect(firstScreen).toContain('npm test');
    const scripts = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts as Record<string, string>;
    expect(scripts.examples).toBeDefined();
    expect(scripts.test).toBeDefined();
  });
});
