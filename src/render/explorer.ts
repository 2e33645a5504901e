/**
 * The HTML trace explorer written beside a counterexample's `.itf.json`: one
 * file, no server, no network (a Content-Security-Policy forbids every load),
 * for a reviewer who downloads the CI artifact. The trace travels as JSON
 * inside the page (every `<`, `>` and `&` escaped, so a state string cannot
 * close the script); the page's script builds the DOM with `textContent`
 * only, so nothing from a state is ever parsed as markup.
 */

/** The ITF trace as the explorer reads it (Apalache ADR-015, kripke's `#meta`). */
export interface ExplorerTrace {
  readonly '#meta'?: Readonly<Record<string, unknown>>;
  readonly vars?: readonly string[];
  readonly states: readonly Readonly<Record<string, unknown>>[];
  readonly loop?: number;
}

/** JSON that is safe inside `<script>`: no `<`, `>`, `&` or line separators left as such. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text safe as HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The explorer page for an ITF trace.
 *
 * @example
 * writeFileSync('.kripke/bank.html', renderExplorer(toITF(result, { property: 'no-overdraft' })));
 */
export function renderExplorer(itf: ExplorerTrace, title = 'kripke counterexample'): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    '<noscript><p>The trace explorer needs JavaScript; the trace itself is in the .itf.json file beside this page.</p></noscript>',
    '<header id="summary"></header><section id="assumptions"></section>',
    '<main><ol id="steps"></ol><aside id="state"></aside></main>',
    `<script id="kripke-trace" type="application/json">${scriptSafeJson(itf)}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1f2328;background:#fff}
header{padding:12px 20px;border-bottom:1px solid #d0d7de;background:#f6f8fa}
h1{font-size:18px;margin:0 0 6px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
dt{color:#59636e}dd{margin:0;font-family:ui-monospace,monospace}
.verdict{margin-top:8px;font-weight:600;color:#cf222e}
#assumptions{padding:0 20px}#assumptions:empty{display:none}
#assumptions li{margin:2px 0}.source{color:#59636e}
main{display:grid;grid-template-columns:minmax(320px,1fr) minmax(320px,1fr);gap:16px;padding:12px 20px}
#steps{list-style:none;margin:0;padding:0}
.step{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;margin:0 0 6px;cursor:pointer}
.step.selected{outline:2px solid #0969da}
.step.violation{border-color:#cf222e;background:#ffebe9}
.step.in-loop{border-left:4px solid #8250df}
.index{color:#59636e;margin-right:8px;font-family:ui-monospace,monospace}
.action{font-family:ui-monospace,monospace;font-weight:600}
.env{font-size:12px;background:#fff8c5;border:1px solid #d4a72c;border-radius:10px;padding:0 6px;margin-left:6px}
.mark{display:block;font-size:12px;font-weight:600;margin-top:4px}
.violation .mark.bad{color:#cf222e}.mark.loop{color:#8250df}
.diff{margin:4px 0 0;padding:0;list-style:none;font-family:ui-monospace,monospace;font-size:12px}
.before{color:#cf222e}.after{color:#1a7f37}
aside{font-family:ui-monospace,monospace;font-size:13px}
aside h2{font:600 15px system-ui,sans-serif;margin:0 0 8px}
details{margin-left:14px}summary{cursor:pointer}.leaf{margin-left:28px}.key{color:#0550ae}
`;

// The page's script. Plain ES2017, built into the string as is; it only ever sets textContent.
const SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kripke-trace').textContent);
  var meta = data['#meta'] || {};
  var states = Array.isArray(data.states) ? data.states : [];
  var loop = typeof data.loop === 'number' ? data.loop : typeof meta.loopsTo === 'number' ? meta.loopsTo : -1;
  var failing = meta.kind !== undefined && meta.kind !== 'ok' && meta.kind !== 'reached';
  // ITF escapes a field named '#x' as '##x' (a single '#' starts a tag such as '#set').
  function fieldName(k) { return k.slice(0, 2) === '##' ? k.slice(1) : k; }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function tagOf(v) {
    if (v === null || typeof v !== 'object') return null;
    if (Array.isArray(v)) return 'array';
    if ('#bigint' in v) return 'bigint';
    if ('#set' in v) return 'set';
    if ('#map' in v) return 'map';
    if ('#tup' in v) return 'tup';
    if ('#unserializable' in v) return 'unserializable';
    return 'object';
  }
  function children(v) {
    var t = tagOf(v);
    if (t === 'array') return v.map(function (x, i) { return ['[' + i + ']', x]; });
    if (t === 'tup') return v['#tup'].map(function (x, i) { return ['[' + i + ']', x]; });
    if (t === 'set') return v['#set'].map(function (x, i) { return ['{' + i + '}', x]; });
    if (t === 'map') return v['#map'].map(function (kv) { return [short(kv[0]) + ' =>', kv[1]]; });
    if (t === 'object') return Object.keys(v).filter(function (k) { return k !== '#meta'; }).map(function (k) { return ['.' + fieldName(k), v[k]]; });
    return null;
  }
  function short(v) {
    var t = tagOf(v);
    if (t === null) return v === undefined ? '(absent)' : typeof v === 'string' ? JSON.stringify(v) : String(v);
    if (t === 'bigint') return v['#bigint'] + 'n';
    if (t === 'unserializable') return String(v['#unserializable']);
    var n = children(v).length;
    return (t === 'array' || t === 'tup' ? 'Array' : t === 'set' ? 'Set' : t === 'map' ? 'Map' : 'Object') + '(' + n + ')';
  }
  function tree(name, v, open) {
    var kids = children(v);
    if (kids === null) {
      var leaf = el('div', 'leaf');
      leaf.appendChild(el('span', 'key', name));
      leaf.appendChild(document.createTextNode(': '));
      leaf.appendChild(el('span', 'value', short(v)));
      return leaf;
    }
    var d = el('details', 'node');
    if (open) d.open = true;
    var s = el('summary');
    s.appendChild(el('span', 'key', name));
    s.appendChild(document.createTextNode(': ' + short(v)));
    d.appendChild(s);
    kids.forEach(function (kv) { d.appendChild(tree(kv[0], kv[1], false)); });
    return d;
  }
  // A field as the failure message spells it: .name for an identifier, else ["a.b"] (never two values one path).
  function step(k) { return /^[A-Za-z_$][\w$]*$/.test(k) ? '.' + k : '[' + JSON.stringify(k) + ']'; }
  function diff(a, b, path, out) {
    if (JSON.stringify(a) === JSON.stringify(b)) return out;
    var ta = tagOf(a), tb = tagOf(b);
    if (ta === tb && (ta === 'object' || ta === 'array')) {
      var keys = Object.keys(a).concat(Object.keys(b).filter(function (k) { return !own(a, k); }));
      keys.forEach(function (k) { if (k !== '#meta') diff(own(a, k) ? a[k] : undefined, own(b, k) ? b[k] : undefined, path + (ta === 'array' ? '[' + k + ']' : step(fieldName(k))), out); });
      return out;
    }
    out.push([path, a, b]);
    return out;
  }
  function vars(s) {
    // Own properties defined, never assigned: a field named __proto__ stays a field.
    var o = {};
    Object.keys(s || {}).forEach(function (k) { if (k !== '#meta') Object.defineProperty(o, k, { value: s[k], enumerable: true, writable: true, configurable: true }); });
    return o;
  }
  function summary() {
    var h = document.getElementById('summary');
    h.appendChild(el('h1', '', 'kripke counterexample' + (meta.model ? ': ' + meta.model : '')));
    var dl = el('dl');
    [['test', meta.test], ['file', meta.testFile], ['matcher', meta.matcher], ['property', meta.property], ['kind', meta.kind], ['steps', Math.max(states.length - 1, 0)]].forEach(function (row) {
      if (row[1] === undefined || row[1] === null) return;
      dl.appendChild(el('dt', '', row[0]));
      dl.appendChild(el('dd', '', row[1]));
    });
    h.appendChild(dl);
    if (failing) {
      var what = meta.kind === 'invariant' ? 'violates ' + (meta.property || 'an invariant') : meta.kind === 'liveness' ? 'never reaches ' + (meta.property || 'the goal') : meta.kind;
      h.appendChild(el('div', 'verdict', 'Step ' + (states.length - 1) + ' ' + what + (loop >= 0 ? '; the steps after ' + loop + ' repeat forever' : '')));
    }
  }
  function assumptions() {
    var list = Array.isArray(meta.assumptions) ? meta.assumptions : [];
    if (list.length === 0) return;
    var sec = document.getElementById('assumptions');
    sec.appendChild(el('h2', '', 'Residual assumptions (' + list.length + ' unverified, not checked by the search)'));
    var ul = el('ul');
    list.forEach(function (a) {
      var li = el('li', 'assumption');
      li.appendChild(el('strong', '', a.name));
      li.appendChild(document.createTextNode(' [' + a.environment + ']: ' + a.description));
      if (a.source) li.appendChild(el('div', 'source', 'source: ' + a.source));
      ul.appendChild(li);
    });
    sec.appendChild(ul);
  }
  function select(i) {
    Array.prototype.forEach.call(document.querySelectorAll('.step'), function (li) { li.classList.toggle('selected', Number(li.dataset.index) === i); });
    var aside = document.getElementById('state');
    aside.textContent = '';
    aside.appendChild(el('h2', '', 'State at step ' + i));
    var s = vars(states[i]);
    Object.keys(s).forEach(function (k) { aside.appendChild(tree(fieldName(k), s[k], true)); });
  }
  function steps() {
    var ol = document.getElementById('steps');
    states.forEach(function (s, i) {
      var m = (s && s['#meta']) || {};
      var li = el('li', 'step');
      li.dataset.index = String(i);
      li.appendChild(el('span', 'index', '#' + i));
      li.appendChild(el('span', 'action', i === 0 ? 'initial state' : m.action));
      if (m.environment) { li.classList.add('environment'); li.appendChild(el('span', 'env', m.environment)); }
      if (loop >= 0 && i >= loop) li.classList.add('in-loop');
      if (i === loop) li.appendChild(el('span', 'mark loop', '↻ the loop starts here'));
      if (i > 0) {
        var ul = el('ul', 'diff');
        diff(vars(states[i - 1]), vars(s), 'state', []).forEach(function (d) {
          var row = el('li');
          row.appendChild(document.createTextNode(d[0] + ': '));
          row.appendChild(el('span', 'before', short(d[1])));
          row.appendChild(document.createTextNode(' → '));
          row.appendChild(el('span', 'after', short(d[2])));
          ul.appendChild(row);
        });
        li.appendChild(ul);
      }
      if (failing && i === states.length - 1) {
        li.classList.add('violation');
        li.appendChild(el('span', 'mark bad', loop >= 0 ? '↩ back to step ' + loop + ' (a cycle without the goal)' : '✗ ' + (meta.property ? 'violates ' + meta.property : String(meta.kind))));
      }
      li.addEventListener('click', function () { select(i); });
      ol.appendChild(li);
    });
  }
  document.title = 'kripke: ' + (meta.test || meta.model || 'counterexample');
  summary();
  assumptions();
  steps();
  if (states.length > 0) select(states.length - 1);
})();
`;
