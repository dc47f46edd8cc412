// lib.js: small helpers shared by the views: element building, API calls,
// formatting and byte-offset text slicing.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'path', 'rect', 'circle', 'line', 'text', 'title', 'polyline', 'tspan']);

// h builds an element: h('a', {href: '#/'}, 'text', child). Attributes
// starting with "on" become listeners; class may be a string or array. Text
// is always inserted as text, never parsed as HTML.
export function h(tag, attrs, ...children) {
  const el = SVG_TAGS.has(tag) ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// APIError is a failed API call with the server's message.
export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// api fetches /api/PATH with the given query parameters (empty ones left out).
export async function api(path, params = {}) {
  const res = await fetch(apiURL(path, params), { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    throw new APIError(res.status, `${path}: the server sent no JSON (status ${res.status})`);
  }
  if (!res.ok) throw new APIError(res.status, body && body.error ? body.error : `${path}: status ${res.status}`);
  return body;
}

// apiURL is the URL of an API call, for fetch and CSV download links.
export function apiURL(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return '/api/' + path + (s ? '?' + s : '');
}

// getJSON fetches a static JSON file.
export async function getJSON(url) {
  const res = await fetch(url);
  if (!res.ok) throw new APIError(res.status, `${url}: status ${res.status}`);
  return res.json();
}

export const QUADS = {
  1: 'Verbal cooperation', 2: 'Material cooperation', 3: 'Verbal conflict', 4: 'Material conflict',
};

// QUAD_OF maps each PLOVER type to its quad class.
export const QUAD_OF = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3, SANCTION: 3,
  PROTEST: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};
export const PLOVER_TYPES = Object.keys(QUAD_OF);
export const FACTUALITIES = ['occurred', 'planned', 'negated', 'hypothetical', 'reported', 'historical'];

export function typeTag(plover, quad) {
  const q = quad || QUAD_OF[plover] || 0;
  return h('span', { class: ['tag', q ? 'q' + q : ''], title: QUADS[q] || '' }, plover || '?');
}

export function actorLabel(a) {
  if (!a || (!a.code && !a.text && !a.name)) return '—';
  return a.name || a.text || a.code;
}

export function actorLink(a) {
  if (!a || (!a.code && !a.text && !a.name)) return h('span', { class: 'muted' }, '—');
  const label = actorLabel(a);
  if (!a.code) return h('span', {}, label);
  return h('a', { href: '#/actor/' + encodeURIComponent(a.code), title: a.code, onclick: (e) => e.stopPropagation() },
    label, ' ', h('span', { class: 'code muted' }, a.code));
}

export function fmtNum(n) {
  return new Intl.NumberFormat('en').format(n);
}

export function docLink(id, eventID, label) {
  let href = '#/doc/' + encodeURIComponent(id);
  if (eventID) href += '?event=' + encodeURIComponent(eventID);
  return h('a', { href, onclick: (e) => e.stopPropagation() }, label || id);
}

export function docHref(id, eventID) {
  let href = '#/doc/' + encodeURIComponent(id);
  if (eventID) href += '?event=' + encodeURIComponent(eventID);
  return href;
}

// ByteText slices a string by UTF-8 byte offsets, the offsets the API uses.
export class ByteText {
  constructor(text) {
    this.bytes = new TextEncoder().encode(text || '');
    this.dec = new TextDecoder();
  }
  get length() { return this.bytes.length; }
  slice(start, end) {
    const s = Math.max(0, Math.min(start, this.bytes.length));
    const e = Math.max(s, Math.min(end, this.bytes.length));
    return this.dec.decode(this.bytes.subarray(s, e));
  }
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, err && err.message ? err.message : String(err));
}

export function emptyBox(msg) {
  return h('p', { class: 'empty' }, msg);
}

// barList draws a horizontal bar list of {label, value, href}.
export function barList(rows, opts = {}) {
  if (!rows.length) return emptyBox(opts.empty || 'Nothing yet.');
  const max = Math.max(...rows.map((r) => r.value), 1);
  return h('ul', { class: 'bars' }, rows.map((r) => {
    const fill = h('span', { class: ['fill', r.cls] });
    fill.style.width = (100 * r.value / max).toFixed(1) + '%';
    return h('li', {},
      h('span', { class: 'label', title: r.title || r.label }, r.href ? h('a', { href: r.href }, r.label) : r.label),
      h('span', { class: 'track' }, fill),
      h('span', { class: 'n' }, fmtNum(r.value)));
  }));
}
