// network.js: a small force-directed layout of the actor network, drawn in
// SVG, with dragging and click-through to the actor page.
'use strict';

import { h, fmtNum } from './lib.js';

// layout places nodes with repulsion between all pairs, springs along edges
// and a pull to the centre. It is deterministic: nodes start on a circle.
export function layout(nodes, edges, W, H, iterations = 300) {
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    d.x = W / 2 + (W / 3) * Math.cos(a);
    d.y = H / 2 + (H / 3) * Math.sin(a);
    d.vx = 0; d.vy = 0;
  });
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges.map((e) => ({ s: index.get(e.source), t: index.get(e.target), w: e.events }))
    .filter((l) => l.s !== undefined && l.t !== undefined && l.s !== l.t);
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.5;
  const maxW = Math.max(1, ...links.map((l) => l.w));
  for (let it = 0; it < iterations; it++) {
    const temp = 1 - it / iterations;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = (i - j) * 0.1; dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        a.vx += dx * f * 0.05; a.vy += dy * f * 0.05;
        b.vx -= dx * f * 0.05; b.vy -= dy * f * 0.05;
      }
    }
    for (const l of links) {
      const a = nodes[l.s], b = nodes[l.t];
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = ((d - k) / d) * 0.04 * (0.5 + l.w / maxW);
      a.vx += dx * f; a.vy += dy * f;
      b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const d of nodes) {
      d.vx += (W / 2 - d.x) * 0.003;
      d.vy += (H / 2 - d.y) * 0.003;
      const sp = Math.sqrt(d.vx * d.vx + d.vy * d.vy);
      const cap = 30 * temp + 1;
      if (sp > cap) { d.vx *= cap / sp; d.vy *= cap / sp; }
      d.x += d.vx;
      d.y += d.vy;
      d.vx *= 0.6; d.vy *= 0.6;
    }
  }
  fit(nodes, W, H);
  return nodes;
}

// fit scales the layout into the box, leaving room for labels on the right.
// Before scaling, distances from the centroid are evened out (r -> r^0.6) so
// that a few far leaves do not squeeze the dense middle.
function fit(nodes, W, H) {
  if (!nodes.length) return;
  const cx = nodes.reduce((s, d) => s + d.x, 0) / nodes.length;
  const cy = nodes.reduce((s, d) => s + d.y, 0) / nodes.length;
  const rmax = Math.max(1, ...nodes.map((d) => Math.hypot(d.x - cx, d.y - cy)));
  for (const d of nodes) {
    const r = Math.hypot(d.x - cx, d.y - cy);
    if (r > 0) {
      const k = (rmax * Math.pow(r / rmax, 0.6)) / r;
      d.x = cx + (d.x - cx) * k;
      d.y = cy + (d.y - cy) * k;
    }
  }
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const mx = 40, mr = 150, my = 30;
  const sx = (W - mx - mr) / Math.max(x1 - x0, 1), sy = (H - 2 * my) / Math.max(y1 - y0, 1);
  for (const d of nodes) {
    d.x = x1 > x0 ? mx + (d.x - x0) * sx : W / 2;
    d.y = y1 > y0 ? my + (d.y - y0) * sy : H / 2;
  }
}

function edgeColour(g) {
  if (g > 1) return '#2a9d8f';
  if (g < -1) return '#d1495b';
  return '#9aa7b4';
}

// networkView draws edges ({source, target, source_name, target_name,
// events, goldstein}) as a graph; onNode is called with a clicked code.
export function networkView(edges, onNode) {
  const W = 1000, H = 640;
  const byID = new Map();
  for (const e of edges) {
    for (const [id, name] of [[e.source, e.source_name], [e.target, e.target_name]]) {
      const d = byID.get(id) || { id, name: name || id, events: 0 };
      d.events += e.events;
      byID.set(id, d);
    }
  }
  const nodes = [...byID.values()];
  layout(nodes, edges, W, H);
  const maxEv = Math.max(1, ...nodes.map((d) => d.events));
  const maxW = Math.max(1, ...edges.map((e) => e.events));
  const svg = h('svg', { class: 'network', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Actor network' });
  const gEdges = h('g', { class: 'edges' });
  const gNodes = h('g', { class: 'nodes' });
  const lines = [];
  for (const e of edges) {
    const a = byID.get(e.source), b = byID.get(e.target);
    if (!a || !b || a === b) continue;
    const line = h('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: edgeColour(e.goldstein),
      'stroke-width': (0.8 + 5 * e.events / maxW).toFixed(2), 'stroke-opacity': 0.55 },
    h('title', {}, `${a.name} → ${b.name}: ${fmtNum(e.events)} events, mean Goldstein ${e.goldstein.toFixed(1)}`));
    lines.push({ line, a, b });
    gEdges.append(line);
  }
  for (const d of nodes) {
    const r = 5 + 14 * Math.sqrt(d.events / maxEv);
    const circle = h('circle', { r: r.toFixed(1), fill: '#1d3557' });
    const g = h('g', { class: 'node', transform: `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`, 'data-code': d.id },
      circle, h('text', { x: r + 3, y: 4 }, d.name), h('title', {}, `${d.name} (${d.id}): ${fmtNum(d.events)} events`));
    d.el = g;
    gNodes.append(g);
  }
  // Dragging moves a node and its edges; a click without movement opens it.
  let drag = null;
  const point = (ev) => {
    const rect = svg.getBoundingClientRect();
    return { x: ((ev.clientX - rect.left) / rect.width) * W, y: ((ev.clientY - rect.top) / rect.height) * H };
  };
  svg.addEventListener('pointerdown', (ev) => {
    const g = ev.target.closest && ev.target.closest('.node');
    if (!g) return;
    const d = byID.get(g.getAttribute('data-code'));
    drag = { d, moved: false };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const p = point(ev);
    drag.moved = drag.moved || Math.abs(p.x - drag.d.x) + Math.abs(p.y - drag.d.y) > 3;
    drag.d.x = p.x; drag.d.y = p.y;
    drag.d.el.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
    for (const l of lines) {
      if (l.a === drag.d) { l.line.setAttribute('x1', p.x); l.line.setAttribute('y1', p.y); }
      if (l.b === drag.d) { l.line.setAttribute('x2', p.x); l.line.setAttribute('y2', p.y); }
    }
  });
  svg.addEventListener('pointerup', () => {
    if (drag && !drag.moved && onNode) onNode(drag.d.id);
    drag = null;
  });
  svg.append(gEdges, gNodes);
  return svg;
}
