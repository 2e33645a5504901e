// The explorer page in headless Chromium: hostile strings render as text, a
// lasso's loop is marked, the state tree collapses. Also writes the screenshot
// kept in docs (docs/images/explorer.png) when UPDATE_DOCS=1.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check, checkLiveness, checkOpen, defineModel, toITF } from '../../src/index.js';
import { renderExplorer } from '../../src/render/explorer.js';
import { renderedDom, screenshot } from '../support/chromium.js';
import { k8s, service } from '../support/models.js';

const dir = mkdtempSync(join(tmpdir(), 'kripke-explorer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function page(name: string, html: string): string {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  return file;
}

const EVIL = '</script><img src=x onerror=alert(1)>';

describe('the explorer in Chromium', () => {
  it('renders a hostile state string, action name and test name as text, never as markup', () => {
    const model = defineModel({ name: EVIL, init: { note: 'ok', tags: new Set(['a']) }, actions: { [EVIL]: { apply: (s: { note: string; tags: Set<string> }) => ({ ...s, note: EVIL }) } }, invariants: { [EVIL]: (s) => s.note === 'ok' } });
    const dom = renderedDom(page('evil', renderExplorer(toITF(check(model), { test: EVIL }), EVIL)));
    expect(dom).not.toMatch(/<img/i);
    expect(dom).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(dom).toContain(`<span class="action">&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</span>`);
    expect(dom.match(/<li class="step/g)).toHaveLength(2);
  });

  it("marks a lasso's loop: where it starts, the steps inside it, the way back", () => {
    const model = defineModel({ name: 'spinner', init: { n: 0 }, actions: { spin: { apply: (s: { n: number }) => ({ n: (s.n + 1) % 3 }) } } });
    const result = checkLiveness(model, { goal: (s) => s.n === 5 });
    expect(result.kind).toBe('liveness');
    const dom = renderedDom(page('lasso', renderExplorer(toITF(result, { property: 'reaches-5' }))));
    expect(dom).toContain('<span class="mark loop">↻ the loop starts here</span>');
    expect(dom).toMatch(/class="step in-loop violation selected"[^>]*><span class="index">#3<\/span>.*↩ back to step 0/);
    expect(dom).toContain('the steps after 0 repeat forever');
  });

  it('shows the state at the selected step as a collapsible tree', () => {
    const model = defineModel({ name: 'nested', init: { a: { b: [1, 2n] }, m: new Map([['k', 1]]) }, actions: { bump: { apply: (s: { a: { b: (number | bigint)[] }; m: Map<string, number> }) => ({ ...s, a: { b: [9, 2n] } }) } }, invariants: { small: (s) => s.a.b[0] === 1 } });
    const dom = renderedDom(page('tree', renderExplorer(toITF(check(model)))));
    expect(dom).toContain('<details class="node" open=""><summary><span class="key">a</span>: Object(1)</summary>');
    expect(dom).toContain('<span class="key">[1]</span>: <span class="value">2n</span>');
    expect(dom).toContain('<li>state.a.b[0]: <span class="before">1</span> → <span class="after">9</span></li>');
  });

  it('shows a field named __proto__ and a field whose name starts with # as they are', () => {
    const init = JSON.parse('{"__proto__": {"admin": true}, "x": 0, "#h": 1, "nested": {"#k": 2}}') as { x: number };
    const model = defineModel({ name: 'keys', init, actions: { inc: { apply: (s: { x: number }) => ({ ...JSON.parse(JSON.stringify(s)), x: s.x + 1 }) } }, invariants: { small: (s) => s.x < 1 } });
    const dom = renderedDom(page('keys', renderExplorer(toITF(check(model)))));
    expect(dom).toContain('<summary><span class="key">__proto__</span>: Object(1)</summary>');
    expect(dom).toContain('<span class="key">#h</span>: <span class="value">1</span>');
    expect(dom).toContain('<span class="key">.#k</span>: <span class="value">2</span>');
    expect(dom).not.toMatch(/class="key">\.?##/);
  });

  it('takes the screenshot kept in docs (rewritten there with UPDATE_DOCS=1)', () => {
    const file = page('docs', renderExplorer(toITF(checkOpen(service, k8s(false)), { matcher: 'toSurvive', model: 'service', test: 'service > survives eviction', testFile: 'test/service.test.ts' })));
    const shot = join(dir, 'explorer.png');
    screenshot(file, shot);
    const png = readFileSync(shot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(10_000);
    if (process.env.UPDATE_DOCS === '1') copyFileSync(shot, join(process.cwd(), 'docs/images/explorer.png'));
  });
});
