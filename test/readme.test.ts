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

const fixture = (path: string) => readFileSync(new URL(`test/e2e/fixtures/${path}`, root), 'utf8');
/** A file without its first line: each fixture's first line says which setup it runs under. */
const body = (text: string) => text.slice(text.indexOf('\n') + 1);

describe('README', () => {
  const example = blockAfter('## Twenty lines');

  it('shows the example that the end-to-end Vitest fixture runs', () => {
    expect(example).toBe(fixture('vitest/readme.test.ts'));
  });

  it('is the example every newcomer project runs: Vitest 5, ts-jest, babel-jest, and Jest in plain JavaScript', () => {
    expect(body(fixture('vitest5/readme.test.ts'))).toBe(body(example));
    // Jest's globals: no import of expect and it.
    expect(body(fixture('ts-jest/readme.test.ts'))).toBe(body(example).replace("import { expect, it } from 'vitest';\n", ''));
    expect(body(fixture('babel-jest/readme.test.ts'))).toBe(body(example).replace("from 'vitest'", "from '@jest/globals'"));
    // Plain JavaScript: require instead of import, and no types.
    const javascript = body(example)
      .replace("import { expect, it } from 'vitest';\n", '')
      .replace(/import \{ ([^}]*) \} from '([^']*)';/, "const { $1 } = require('$2');")
      .replace(/type Service = [^\n]*\n\n/, '')
      .replaceAll('<Service>', '');
    expect(body(fixture('jest/readme.test.js'))).toBe(javascript);
  });

  it("opens with a user's install, the setup line of each runner and the example, and a contributor's two commands", () => {
    const firstScreen = readme.split('\n').slice(0, 60).join('\n');
    expect(firstScreen).toContain('npm i -D kripke');
    expect(firstScreen).toContain("setupFiles: ['kripke/vitest']");
    expect(firstScreen).toContain("setupFilesAfterEnv: ['kripke/jest']");
    expect(firstScreen).toContain(example.trimEnd());
    expect(firstScreen).toContain('npm ci && npm run examples');
    expect(firstScreen).toContain('npm test ');
    const scripts = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts as Record<string, string>;
    expect(scripts.examples).toBeDefined();
    expect(scripts.test).toBeDefined();
  });
});
