// build-world.mjs converts world-atlas's Natural Earth TopoJSON (countries at
// 1:110m) into the compact country outline file the map view draws:
// world.json with, per country, its ISO numeric id, its name and its rings as
// integer tenths of a degree, the first point absolute and the rest as deltas.
//
// Usage: node build-world.mjs IN.topojson OUT.json
// Run through build-world.sh, which installs world-atlas with npm.
import { readFileSync, writeFileSync } from "node:fs";

const [, , input, output] = process.argv;
if (!input || !output) {
  console.error("usage: node build-world.mjs IN.topojson OUT.json");
  process.exit(2);
}
const topo = JSON.parse(readFileSync(input, "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// Decode every arc from quantized deltas into absolute [lon, lat] points.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function arcPoints(i) {
  const a = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
  return a.map((p) => p.slice());
}

function ring(indexes) {
  const pts = [];
  for (const i of indexes) {
    const p = arcPoints(i);
    pts.push(...(pts.length ? p.slice(1) : p));
  }
  // Unwrap longitudes so that a ring crossing the antimeridian (Russia, Fiji)
  // stays continuous past 180 degrees; the map draws such rings twice, shifted
  // by 360 degrees. Then quantize to tenths of a degree, drop repeats and
  // delta-encode.
  let shift = 0, prev = null;
  for (const p of pts) {
    if (prev !== null && p[0] + shift - prev > 180) shift -= 360;
    else if (prev !== null && p[0] + shift - prev < -180) shift += 360;
    p[0] += shift;
    prev = p[0];
  }
  const out = [];
  let px = null, py = null;
  for (const [lon, lat] of pts) {
    const x = Math.round(lon * 10), y = Math.round(lat * 10);
    if (x === px && y === py) continue;
    if (px === null) out.push(x, y); else out.push(x - px, y - py);
    px = x; py = y;
  }
  return out.length >= 6 ? out : null;
}

const countries = [];
for (const g of topo.objects.countries.geometries) {
  if (g.id === "010") continue; // Antarctica lies below the map's southern edge
  const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  const rings = [];
  for (const poly of polys) for (const r of poly) {
    const enc = ring(r);
    if (enc) rings.push(enc);
  }
  if (rings.length) countries.push({ id: g.id || "", name: (g.properties && g.properties.name) || "", rings });
}
countries.sort((a, b) => a.name.localeCompare(b.name));
const doc = {
  source: "Natural Earth 1:110m admin 0 countries (public domain) via world-atlas 2.0.2 (ISC)",
  unit: 0.1,
  countries,
};
writeFileSync(output, JSON.stringify(doc));
console.error(`wrote ${output}: ${countries.length} countries`);
