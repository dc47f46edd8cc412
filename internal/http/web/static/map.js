// map.js: the world map of event locations, drawn from the shipped Natural
// Earth outlines (/static/world.json) in an equirectangular projection.
'use strict';

import { h, fmtNum } from './lib.js';

const W = 1000, H = 500;
const LAT_TOP = 84, LAT_BOTTOM = -60;

export function project(lon, lat) {
  const x = ((lon + 180) / 360) * W;
  const y = ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H;
  return [x, y];
}

// ringPath decodes one ring (tenths of a degree, the first point absolute and
// the rest deltas) into SVG path data.
// A ring that crosses the antimeridian is stored unwrapped (longitudes past
// 180 degrees) and drawn a second time shifted by 360 degrees.
export function ringPath(ring, unit) {
  let x = 0, y = 0, lo = Infinity, hi = -Infinity;
  const pts = [];
  for (let i = 0; i + 1 < ring.length; i += 2) {
    x += ring[i]; y += ring[i + 1];
    const lon = x * unit;
    lo = Math.min(lo, lon); hi = Math.max(hi, lon);
    pts.push([lon, y * unit]);
  }
  const draw = (shift) => pts.map(([lon, lat], i) => {
    const [px, py] = project(lon + shift, lat);
    return (i === 0 ? 'M' : 'L') + px.toFixed(1) + ',' + py.toFixed(1);
  }).join('') + 'Z';
  let d = draw(0);
  if (hi > 180) d += draw(-360);
  if (lo < -180) d += draw(360);
  return d;
}

// mapView draws the countries of world and a circle per place ({name,
// country, lat, lon, events}); onPlace is called with a clicked place.
export function mapView(world, places, onPlace) {
  const svg = h('svg', { class: 'map', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Map of event locations' });
  const grat = h('g', {});
  for (let lon = -150; lon <= 150; lon += 30) {
    const [x] = project(lon, 0);
    grat.append(h('line', { class: 'graticule', x1: x, x2: x, y1: 0, y2: H }));
  }
  for (let lat = -60; lat <= 80; lat += 20) {
    const [, y] = project(0, lat);
    grat.append(h('line', { class: 'graticule', x1: 0, x2: W, y1: y, y2: y }));
  }
  const land = h('g', { class: 'countries' });
  const unit = world.unit || 0.1;
  for (const c of world.countries || []) {
    const d = c.rings.map((r) => ringPath(r, unit)).join('');
    land.append(h('path', { class: 'land', d, 'fill-rule': 'evenodd' }, h('title', {}, c.name)));
  }
  const dots = h('g', { class: 'dots' });
  const max = Math.max(1, ...places.map((p) => p.events));
  const sorted = [...places].sort((a, b) => b.events - a.events);
  for (const p of sorted) {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lon) || (p.lat === 0 && p.lon === 0)) continue;
    const [x, y] = project(p.lon, p.lat);
    const r = 2.5 + 14 * Math.sqrt(p.events / max);
    const c = h('circle', { class: 'dot', cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) },
      h('title', {}, `${p.name}${p.country ? ' (' + p.country + ')' : ''}: ${fmtNum(p.events)} events`));
    if (onPlace) c.addEventListener('click', () => onPlace(p));
    dots.append(c);
  }
  svg.append(grat, land, dots);
  return svg;
}
