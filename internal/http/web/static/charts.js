// charts.js: the SVG timeline chart.
'use strict';

import { h, QUADS, fmtNum } from './lib.js';

const DAY = 86400000;

function parseDay(s) {
  const t = Date.parse(s + 'T00:00:00Z');
  return Number.isNaN(t) ? null : t;
}

function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

// timelineChart draws events per bucket stacked by quad class from
// /api/timeline points grouped by quad ({bucket, group, events}).
export function timelineChart(points, opts = {}) {
  const step = (opts.bucket === 'week' ? 7 : 1) * DAY;
  const byBucket = new Map();
  let lo = Infinity, hi = -Infinity;
  for (const p of points) {
    const t = parseDay(p.bucket);
    if (t === null) continue;
    lo = Math.min(lo, t); hi = Math.max(hi, t);
    const row = byBucket.get(t) || { 1: 0, 2: 0, 3: 0, 4: 0 };
    const q = Number(p.group);
    if (row[q] !== undefined) row[q] += p.events;
    byBucket.set(t, row);
  }
  const W = opts.width || 900, H = opts.height || 240;
  const m = { l: 40, r: 10, t: 10, b: 26 };
  const svg = h('svg', { class: 'chart timeline', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': opts.label || 'Events over time by quad class' });
  if (!byBucket.size) {
    svg.append(h('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'No dated events'));
    return svg;
  }
  const buckets = [];
  for (let t = lo; t <= hi; t += step) buckets.push(t);
  // Guard against a wrong step leaving real buckets out.
  for (const t of byBucket.keys()) if (!buckets.includes(t)) buckets.push(t);
  buckets.sort((a, b) => a - b);
  const totals = buckets.map((t) => {
    const r = byBucket.get(t);
    return r ? r[1] + r[2] + r[3] + r[4] : 0;
  });
  const tick = niceStep(Math.max(...totals, 1) / 4);
  const ymax = Math.max(tick, Math.ceil(Math.max(...totals, 1) / tick) * tick);
  m.l = Math.max(m.l, 12 + 7 * fmtNum(ymax).length); // room for the widest label
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const bw = iw / buckets.length;
  const y = (v) => m.t + ih - (v / ymax) * ih;

  const grid = h('g', { class: 'grid' });
  const axis = h('g', { class: 'axis' });
  for (let v = 0; v <= ymax + 1e-9; v += tick) {
    grid.append(h('line', { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
    axis.append(h('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmtNum(Math.round(v))));
  }
  axis.append(h('line', { x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih }));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 9));
  let lastYear = null;
  buckets.forEach((t, i) => {
    if (i % labelEvery === 0) {
      const d = new Date(t);
      let label = d.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
      if (d.getUTCFullYear() !== lastYear) label += ' ' + d.getUTCFullYear();
      lastYear = d.getUTCFullYear();
      axis.append(h('text', { x: m.l + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle' }, label));
    }
  });
  const bars = h('g', { class: 'bars' });
  buckets.forEach((t, i) => {
    const r = byBucket.get(t);
    if (!r) return;
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      if (!r[q]) continue;
      const y0 = y(acc), y1 = y(acc + r[q]);
      acc += r[q];
      const rect = h('rect', { class: 'fill-q' + q, x: (m.l + i * bw + Math.min(1, bw * 0.1)).toFixed(2),
        y: y1.toFixed(2), width: Math.max(0.5, bw - Math.min(2, bw * 0.2)).toFixed(2), height: Math.max(0, y0 - y1).toFixed(2) },
      h('title', {}, `${opts.bucket === 'week' ? 'week of ' : ''}${isoDay(t)}: ${r[q]} ${QUADS[q].toLowerCase()}`));
      if (opts.onBucket) {
        rect.addEventListener('click', () => opts.onBucket(isoDay(t), isoDay(t + step - DAY)));
        rect.setAttribute('cursor', 'pointer');
      }
      bars.append(rect);
    }
  });
  svg.append(grid, bars, axis);
  return svg;
}

// niceStep rounds v up to 1, 2 or 5 times a power of ten, at least 1.
function niceStep(v) {
  if (v <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const k of [1, 2, 5, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}

// quadLegend shows the colours of the quad classes.
export function quadLegend() {
  return h('div', { class: 'legend' }, [1, 2, 3, 4].map((q) =>
    h('span', {}, h('span', { class: ['swatch', 'q' + q] }), QUADS[q])));
}

// weekly sums daily points ({bucket, group, events}) into weeks starting on
// Monday, for long spans.
export function weekly(points) {
  const sums = new Map();
  for (const p of points) {
    const t = parseDay(p.bucket);
    if (t === null) continue;
    const dow = (new Date(t).getUTCDay() + 6) % 7;
    const key = isoDay(t - dow * DAY) + '|' + p.group;
    sums.set(key, (sums.get(key) || 0) + p.events);
  }
  return [...sums.entries()].map(([k, events]) => {
    const [bucket, group] = k.split('|');
    return { bucket, group, events };
  });
}

// spanDays is the number of days from the first to the last bucket.
export function spanDays(points) {
  const ts = points.map((p) => parseDay(p.bucket)).filter((t) => t !== null);
  return ts.length ? (Math.max(...ts) - Math.min(...ts)) / DAY + 1 : 0;
}

// autoTimeline draws daily points, summed into weeks when they span more
// than four months.
export function autoTimeline(points, opts = {}) {
  const long = spanDays(points) > 120;
  return timelineChart(long ? weekly(points) : points, { ...opts, bucket: long ? 'week' : 'day' });
}
