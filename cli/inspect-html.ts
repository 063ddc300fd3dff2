// `tsuk inspect --html`: the image as a treemap, one self-contained HTML file (inline CSS and
// JS, no network), so it can be opened from disk or attached to a bug report.
//
// Modules are rectangles sized by their bytes, and inside each, its functions (blue) and data
// items (orange). The layout is the squarified treemap (Bruls, Huizing, van Wijk 2000), run in
// the browser so the map follows the window's size; hovering shows name and size.

import type { Inspection } from './inspect';

interface ModuleTotals { module: string; code: number; data: number }

export function treemapHtml(i: Inspection, modules: ModuleTotals[]): string {
  const tree = modules.map((m) => ({
    name: m.module,
    size: m.code + m.data,
    children: i.items.filter((x) => x.module === m.module && x.size > 0).sort((a, b) => b.size - a.size)
      .map((x) => ({ name: x.name, size: x.size, kind: x.kind })),
  }));
  // JSON inside <script>: only "</" could end the element early.
  const json = JSON.stringify({ source: i.source, total: i.imageBytes, tree }).replace(/<\//g, '<\\/');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tsuk inspect: ${escapeHtml(i.source)}</title>
<style>
body { margin: 0; font: 12px system-ui, sans-serif; }
header { padding: 6px 10px; background: #222; color: #eee; }
#map { position: absolute; top: 30px; left: 0; right: 0; bottom: 0; }
.m, .s { position: absolute; box-sizing: border-box; overflow: hidden; }
.m { border: 2px solid #333; background: #f4f4f4; }
.m > .t { font-weight: bold; padding: 1px 3px; white-space: nowrap; }
.s { border: 1px solid #fff; white-space: nowrap; padding: 1px 2px; font-size: 11px; }
.code { background: #9cc3e6; } .data { background: #f4c28e; }
</style></head><body>
<header id="h"></header><div id="map"></div>
<script>
const D = ${json};
document.getElementById('h').textContent = D.source + ': ' + D.total + ' bytes (blue: code, orange: data)';
function worst(row, side, sum) {
  let mx = 0, mn = Infinity;
  for (const r of row) { mx = Math.max(mx, r.area); mn = Math.min(mn, r.area); }
  return Math.max(side * side * mx / (sum * sum), sum * sum / (side * side * mn));
}
// Squarify: lay items (with .area, sorted descending) into the rectangle x, y, w, h.
function squarify(items, x, y, w, h, out) {
  let i = 0;
  while (i < items.length) {
    const side = Math.min(w, h);
    const row = [items[i]]; let sum = items[i].area; i++;
    while (i < items.length) {
      const next = sum + items[i].area;
      if (worst(row.concat([items[i]]), side, next) > worst(row, side, sum)) break;
      row.push(items[i]); sum = next; i++;
    }
    const thick = sum / side;
    let at = 0;
    for (const r of row) {
      const len = r.area / thick;
      if (w >= h) out.push([r, x, y + at, thick, len]); else out.push([r, x + at, y, len, thick]);
      at += len;
    }
    if (w >= h) { x += thick; w -= thick; } else { y += thick; h -= thick; }
  }
  return out;
}
function box(cls, x, y, w, h, title, text) {
  const d = document.createElement('div');
  d.className = cls; d.title = title;
  Object.assign(d.style, { left: x + 'px', top: y + 'px', width: w + 'px', height: h + 'px' });
  if (text) d.textContent = text;
  return d;
}
function draw() {
  const map = document.getElementById('map');
  map.textContent = '';
  const W = map.clientWidth, H = map.clientHeight, scale = W * H / D.total;
  const mods = D.tree.filter((m) => m.size > 0).map((m) => Object.assign({ area: m.size * scale }, m));
  for (const [m, x, y, w, h] of squarify(mods, 0, 0, W, H, [])) {
    const el = box('m', x, y, w, h, m.name + ': ' + m.size + ' bytes');
    const t = document.createElement('div'); t.className = 't'; t.textContent = m.name + ' ' + m.size;
    el.appendChild(t);
    const iw = Math.max(0, w - 4), ih = Math.max(0, h - 20), s = iw * ih / m.size;
    const kids = m.children.map((c) => Object.assign({ area: c.size * s }, c));
    if (iw > 0 && ih > 0)
      for (const [c, cx, cy, cw, ch] of squarify(kids, 0, 16, iw, ih, []))
        el.appendChild(box('s ' + c.kind, cx, cy, cw, ch, c.name + ': ' + c.size + ' bytes (' + c.kind + ')', cw > 40 && ch > 12 ? c.name.replace(/^.*\\.ts:/, '') : ''));
    map.appendChild(el);
  }
}
window.addEventListener('resize', draw);
draw();
</script></body></html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
