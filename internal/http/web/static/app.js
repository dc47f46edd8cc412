// app.js: Chronicle's web UI. A hash router and one function per page; every
// page reads the JSON API under /api/. No third-party code.
'use strict';

import {
  h, api, apiURL, getJSON, errorBox, emptyBox, barList, typeTag, actorLink, actorLabel, fmtNum,
  docHref, docLink, ByteText, QUAD_OF, PLOVER_TYPES, FACTUALITIES,
} from './lib.js';
import { autoTimeline, spanDays, quadLegend } from './charts.js';
import { networkView } from './network.js';
import { mapView } from './map.js';

const view = document.getElementById('view');
let renderSeq = 0;

// route parses the hash: "#/events?type=AID" -> {name: "events", arg: "", params}.
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = splitOnce(hash, '?');
  const [name, ...rest] = path.split('/');
  return { name: name || 'dashboard', arg: decodeURIComponent(rest.join('/')), params: new URLSearchParams(query || '') };
}

function splitOnce(s, sep) {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

const pages = {
  dashboard: dashboardPage,
  events: eventsPage,
  doc: documentPage,
  actors: actorsPage,
  actor: actorPage,
  network: networkPage,
  map: mapPage,
  quotes: quotesPage,
  search: searchPage,
  merged: mergedPage,
};

async function render() {
  const seq = ++renderSeq;
  const r = route();
  const page = pages[r.name];
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.route === r.name || (r.name === 'actor' && a.dataset.route === 'actors'));
  }
  const root = h('div', { class: 'page page-' + r.name });
  try {
    if (!page) throw new Error(`No page "${r.name}". Use the menu above.`);
    await page(root, r.arg, r.params);
  } catch (err) {
    root.append(errorBox(err));
  }
  if (seq !== renderSeq) return; // a newer navigation won
  view.replaceChildren(root);
  document.body.dataset.page = r.name;
  document.body.dataset.ready = String(seq);
}

function go(name, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  location.hash = '#/' + name + (s ? '?' + s : '');
}

function card(title, body, cls = 'span-6', extra) {
  return h('section', { class: ['card', cls] }, h('div', { class: 'page-head' }, h('h2', {}, title), extra), body);
}

// ---- dashboard ----

async function dashboardPage(root) {
  const [quad, types, actors, stories] = await Promise.all([
    api('timeline', { bucket: 'day', group: 'quad' }),
    api('timeline', { bucket: 'day', group: 'plover' }),
    api('actors', { limit: 10 }),
    api('stories', { limit: 6 }),
  ]);
  const total = quad.items.reduce((n, p) => n + p.events, 0);
  const byType = new Map();
  for (const p of types.items) byType.set(p.group, (byType.get(p.group) || 0) + p.events);
  const byQuad = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const p of quad.items) if (byQuad[p.group] !== undefined) byQuad[p.group] += p.events;
  const days = new Set(quad.items.map((p) => p.bucket));
  root.append(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Dashboard'),
      h('p', { class: 'muted' }, 'Coded event reports in the store, by day and by quad class. ',
        h('a', { href: '#/merged' }, 'Merged events'), ' has one row per real-world event, with all its reports.'))),
    ...(total ? [] : [h('p', { class: 'card empty' }, 'The store holds no events yet. Add reports with ',
      h('code', {}, 'chronicle ingest FILE...'), ' and reload this page.')]),
    h('div', { class: 'grid' },
      ...[['Event reports', total], ['Days with events', days.size], ['Cooperation', byQuad[1] + byQuad[2]], ['Conflict', byQuad[3] + byQuad[4]]]
        .map(([label, n]) => h('div', { class: 'card span-3' }, h('div', { class: 'stat' }, fmtNum(n)), h('div', { class: 'stat-label' }, label))),
      card(spanDays(quad.items) > 120 ? 'Events per week' : 'Events per day', h('div', {},
        autoTimeline(quad.items, { onBucket: (since, until) => go('events', { since, until }) }),
        quadLegend()), 'span-12'),
      card('Top actors', barList(actors.items.map((a) => ({ label: a.name || a.code, title: a.code, value: a.events,
        href: '#/actor/' + encodeURIComponent(a.code) })), { empty: 'No actors yet.' }), 'span-4',
      h('a', { href: '#/actors', class: 'small' }, 'all actors')),
      card('Event types', barList([...byType.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => ({
        label: t, value: n, cls: 'q' + (QUAD_OF[t] || ''), href: '#/events?type=' + encodeURIComponent(t),
      })), { empty: 'No events yet.' }), 'span-4'),
      card('Latest stories', stories.items.length ? h('ul', { class: 'stories' }, stories.items.map((s) =>
        h('li', {}, s.doc_ids && s.doc_ids.length ? docLink(s.doc_ids[0], '', s.title || s.id) : h('span', {}, s.title || s.id),
          h('div', { class: 'small muted' }, `${s.first_seen}${s.last_seen !== s.first_seen ? ' – ' + s.last_seen : ''} · ${fmtNum(s.documents)} reports · ${fmtNum(s.events)} events`))))
        : emptyBox('No stories yet.'), 'span-4'),
    ),
  );
}

// ---- events ----

const EVENT_FILTERS = ['type', 'actor', 'country', 'cameo', 'factuality', 'since', 'until', 'text'];

function filterForm(params, fields, onSubmit) {
  const input = (name, label, attrs = {}) => h('label', {}, label,
    h('input', { name, value: params.get(name) || '', ...attrs }));
  const select = (name, label, options) => h('label', {}, label,
    h('select', { name, onchange: (e) => e.target.form.requestSubmit() },
      h('option', { value: '' }, 'any'),
      options.map((o) => h('option', { value: o, selected: params.get(name) === o }, o))));
  const controls = {
    type: () => select('type', 'Type', PLOVER_TYPES),
    factuality: () => select('factuality', 'Factuality', FACTUALITIES),
    actor: () => input('actor', 'Actor', { placeholder: 'USA or a name', size: 12 }),
    country: () => input('country', 'Country', { placeholder: 'KEN', size: 5, maxlength: 3 }),
    cameo: () => input('cameo', 'CAMEO', { placeholder: '19', size: 5, maxlength: 4 }),
    since: () => input('since', 'Since', { type: 'date' }),
    until: () => input('until', 'Until', { type: 'date' }),
    text: () => input('text', 'Text', { type: 'search', placeholder: 'words', size: 14 }),
    min_articles: () => input('min_articles', 'Articles ≥', { type: 'number', min: 1, size: 3, placeholder: '2' }),
  };
  const form = h('form', { class: 'filters', id: 'filters' },
    fields.map((f) => controls[f]()),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'secondary', onclick: () => onSubmit({}) }, 'Clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const out = {};
    for (const [k, v] of new FormData(form)) if (String(v).trim()) out[k] = String(v).trim();
    onSubmit(out);
  });
  return form;
}

function pick(params, names) {
  const out = {};
  for (const n of names) if (params.get(n)) out[n] = params.get(n);
  return out;
}

// sortableTable renders rows with columns {key, label, value(row), cell(row), num}.
// Clicking a header sorts the loaded rows.
function sortableTable(columns, rows, onRow) {
  const tbody = h('tbody');
  let sortKey = null, dir = 1;
  const ths = columns.map((c) => h('th', { class: 'sortable', scope: 'col', 'data-key': c.key, onclick: () => {
    dir = sortKey === c.key ? -dir : 1;
    sortKey = c.key;
    for (const th of ths) th.classList.remove('sorted-asc', 'sorted-desc');
    ths[columns.indexOf(c)].classList.add(dir > 0 ? 'sorted-asc' : 'sorted-desc');
    const v = c.value || ((r) => r[c.key]);
    rows.sort((a, b) => {
      const x = v(a), y = v(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    fill();
  } }, c.label));
  const fill = () => tbody.replaceChildren(...rows.map((r) => h('tr', {
    class: onRow ? 'clickable' : '', onclick: onRow ? () => onRow(r) : null, tabindex: onRow ? 0 : null,
    onkeydown: onRow ? (e) => { if (e.key === 'Enter') onRow(r); } : null,
  }, columns.map((c) => h('td', { class: [c.num ? 'num' : '', c.cls] }, c.cell ? c.cell(r) : String(c.value ? c.value(r) : r[c.key] ?? ''))))));
  fill();
  const table = h('table', {}, h('thead', {}, h('tr', {}, ths)), tbody);
  return { el: h('div', { class: 'table-wrap' }, table), add(more) { rows.push(...more); fill(); } };
}

const EVENT_COLUMNS = [
  { key: 'date', label: 'Date', value: (e) => e.date || e.doc_date },
  { key: 'plover', label: 'Type', cell: (e) => typeTag(e.plover, e.quad) },
  { key: 'cameo', label: 'CAMEO', cell: (e) => h('span', { class: 'code' }, e.cameo) },
  { key: 'source', label: 'Source', value: (e) => actorLabel(e.source), cell: (e) => actorLink(e.source) },
  { key: 'target', label: 'Target', value: (e) => actorLabel(e.target), cell: (e) => actorLink(e.target) },
  { key: 'location', label: 'Location', value: (e) => (e.location && e.location.name) || '' },
  { key: 'factuality', label: 'Factuality' },
  { key: 'goldstein', label: 'Goldstein', num: true, value: (e) => e.goldstein },
  { key: 'sentence', label: 'Evidence', cls: 'sentence', value: (e) => e.sentence_text || '' },
  { key: 'num_articles', label: 'Reports', num: true, value: (e) => e.num_articles || 0, cell: (e) => reportedBy(e) },
];

// reportedBy links an event to its merged event when more than one article
// reported it; otherwise it is empty.
function reportedBy(e, long) {
  if (!e || !e.canonical_id || !(e.num_articles > 1)) return '';
  return h('a', { href: mergedHref(e.canonical_id), class: 'reported-by', onclick: (ev) => ev.stopPropagation(),
    title: `${e.num_mentions || e.num_articles} mentions on ${e.num_sources || 1} sites` },
  long ? `reported by ${fmtNum(e.num_articles)} articles` : fmtNum(e.num_articles));
}

function mergedHref(id) {
  return '#/merged/' + encodeURIComponent(id);
}

// loadMore returns the "Load more" button and row count under a table of
// the endpoint's first page, fetching the next pages on click.
function loadMore(root, endpoint, filters, first, table, noun, countID) {
  let next = first.next;
  const count = h('span', { class: 'muted small', id: countID }, `${first.items.length} ${noun} shown`);
  const moreBtn = h('button', { class: 'secondary', type: 'button', hidden: !next, onclick: async () => {
    moreBtn.disabled = true;
    try {
      const p = await api(endpoint, { ...filters, limit: 50, cursor: next });
      table.add(p.items);
      next = p.next;
      count.textContent = `${table.el.querySelectorAll('tbody tr').length} ${noun} shown`;
    } catch (err) {
      root.append(errorBox(err));
    }
    moreBtn.disabled = false;
    moreBtn.hidden = !next;
  } }, 'Load more');
  return h('div', { class: 'more' }, moreBtn, count);
}

async function eventsPage(root, _arg, params) {
  const filters = pick(params, EVENT_FILTERS);
  const first = await api('events', { ...filters, limit: 50 });
  const table = sortableTable(EVENT_COLUMNS, first.items, (e) => { location.hash = docHref(e.doc_id, e.id); });
  const more = loadMore(root, 'events', filters, first, table, 'events', 'event-count');
  root.append(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Events'),
      h('p', { class: 'muted' }, 'Click a row to open the sentence it came from.')),
    h('a', { class: 'button secondary', href: apiURL('events', { ...filters, format: 'csv', limit: 10000 }), download: 'events.csv' }, 'Download CSV')),
    filterForm(params, EVENT_FILTERS, (f) => go('events', f)),
    first.items.length ? table.el : emptyBox('No events match these filters.'),
    more,
  );
}

// ---- document and evidence ----

async function documentPage(root, id, params) {
  if (!id) throw new Error('No document id in the address.');
  const [doc, records] = await Promise.all([
    api('documents/' + id.split('/').map(encodeURIComponent).join('/')),
    // The event records carry each event's merged event; a store without
    // them just shows no links.
    api('events', { document: id, limit: 1000 }).catch(() => ({ items: [] })),
  ]);
  const events = doc.events || [];
  const recordOf = new Map(records.items.filter((r) => r.doc_id === doc.id).map((r) => [r.id, r]));
  let selected = events.findIndex((e) => e.id === params.get('event'));
  const text = new ByteText(doc.text || '');
  const body = h('div', { class: 'doc-text', id: 'doc-text' });
  const side = h('aside', { class: 'card' });

  const paint = () => {
    const ev = selected >= 0 ? events[selected] : null;
    body.replaceChildren(...renderText(doc, text, ev));
    side.replaceChildren(...evidencePanel(doc, ev, ev ? recordOf.get(ev.id) : null, events, selected, (i) => {
      selected = i;
      history.replaceState(null, '', docHref(doc.id, events[i].id));
      paint();
    }));
    const mark = body.querySelector('.sent.evidence');
    if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: 'center' });
  };
  root.append(
    h('div', { class: 'page-head' }, h('div', {},
      h('h1', {}, doc.title || doc.id),
      h('p', { class: 'muted' }, [doc.date, doc.source, doc.url ? h('a', { href: doc.url, rel: 'noreferrer', target: '_blank' }, doc.url) : null]
        .filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x]))))),
    h('div', { class: 'keys' }, 'Marked:', h('mark', { class: 'actor' }, 'actor'), h('mark', { class: 'event' }, 'event'),
      h('mark', { class: 'date' }, 'date'), h('mark', { class: 'place' }, 'place'), h('mark', { class: 'quote' }, 'quote'),
      h('mark', { class: 'ent' }, 'entity')),
    h('div', { class: 'doc-layout' }, h('article', { class: 'card' }, body), side),
  );
  paint();
}

// eventSpans are the spans of one event to mark: its actors, trigger, date
// and place.
function eventSpans(doc, ev) {
  const out = [];
  const add = (kind, s, e) => { if (Number.isInteger(s) && Number.isInteger(e) && e > s) out.push({ kind, start: s, end: e }); };
  if (ev.source) add('actor', ev.source.start, ev.source.end);
  if (ev.target) add('actor', ev.target.start, ev.target.end);
  if (ev.trigger) add('event', ev.trigger.start, ev.trigger.end);
  for (const d of doc.dates || []) {
    if (d.sentence === ev.sentence && (!ev.date_text || d.text === ev.date_text || d.value === ev.date)) add('date', d.start, d.end);
  }
  if (ev.location && ev.location.end > ev.location.start) add('place', ev.location.start, ev.location.end);
  else {
    for (const p of doc.places || []) {
      if (p.sentence === ev.sentence && ev.location && (p.name === ev.location.name || p.text === ev.location.text)) add('place', p.start, p.end);
    }
  }
  return out;
}

// renderText splits the text into paragraphs and sentences and marks spans:
// all entities and quotes lightly, the selected event's spans strongly.
function renderText(doc, text, ev) {
  const spans = [];
  for (const s of doc.spans || []) {
    if (s.kind === 'entity') spans.push({ kind: 'ent', start: s.start, end: s.end, title: s.label });
    if (s.kind === 'quote') spans.push({ kind: 'quote', start: s.start, end: s.end, title: 'quote' + (s.label ? ' by ' + s.label : '') });
  }
  if (ev) spans.push(...eventSpans(doc, ev));
  const sentences = (doc.sentences && doc.sentences.length) ? doc.sentences : [{ i: 0, start: 0, end: text.length, para: 0 }];
  const paras = [];
  let para = null, lastPara = null;
  for (const s of sentences) {
    if (para === null || s.para !== lastPara) {
      para = h('p', {});
      paras.push(para);
      lastPara = s.para;
    }
    const cls = ['sent', ev && ev.sentence === s.i ? 'evidence' : ''];
    const sent = h('span', { class: cls, 'data-sentence': s.i });
    sent.append(...markRange(text, s.start, s.end, spans));
    para.append(sent, ' ');
  }
  return paras;
}

const STRENGTH = { ent: 0, quote: 1, place: 2, date: 3, actor: 4, event: 5 };

// markRange returns the nodes of text[start:end] with each piece wrapped in
// <mark> of the strongest span covering it.
function markRange(text, start, end, spans) {
  const cuts = new Set([start, end]);
  const inside = spans.filter((s) => s.end > start && s.start < end);
  for (const s of inside) { cuts.add(Math.max(start, s.start)); cuts.add(Math.min(end, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const piece = text.slice(a, b);
    let best = null;
    for (const s of inside) {
      if (s.start <= a && s.end >= b && (!best || STRENGTH[s.kind] > STRENGTH[best.kind])) best = s;
    }
    out.push(best ? h('mark', { class: best.kind, title: best.title || best.kind }, piece) : piece);
  }
  return out;
}

function evidencePanel(doc, ev, rec, events, selected, onSelect) {
  const out = [];
  if (ev) {
    const loc = ev.location && (ev.location.name || ev.location.text);
    out.push(h('h2', {}, 'Evidence'),
      h('dl', { class: 'facts', id: 'evidence' },
        h('dt', {}, 'Type'), h('dd', {}, typeTag(ev.plover, ev.quad), ev.mode ? ' ' + ev.mode : ''),
        h('dt', {}, 'CAMEO'), h('dd', { class: 'code' }, ev.cameo || '—'),
        h('dt', {}, 'Source'), h('dd', {}, actorLink(ev.source)),
        h('dt', {}, 'Target'), h('dd', {}, actorLink(ev.target)),
        h('dt', {}, 'Date'), h('dd', {}, ev.date || '—', ev.date_text ? ` (“${ev.date_text}”)` : ''),
        h('dt', {}, 'Place'), h('dd', {}, loc || '—', ev.location && ev.location.country ? ` (${ev.location.country})` : ''),
        h('dt', {}, 'Factuality'), h('dd', {}, ev.factuality || '—'),
        h('dt', {}, 'Goldstein'), h('dd', {}, String(ev.goldstein ?? '—')),
        h('dt', {}, 'Confidence'), h('dd', {}, ev.confidence ? ev.confidence.toFixed(2) : '—'),
        h('dt', {}, 'Rule'), h('dd', { class: 'code', id: 'rule' }, ev.rule || '—'),
        rec && rec.canonical_id && rec.num_articles > 1 ? [h('dt', {}, 'Reports'), h('dd', { id: 'reported-by' }, reportedBy(rec, true))] : null));
  } else {
    out.push(h('h2', {}, 'Events'), h('p', { class: 'muted small' }, 'Pick an event to mark its evidence in the text.'));
  }
  if (events.length) {
    out.push(h('h3', {}, `All events in this report (${events.length})`),
      h('ul', { class: 'event-list' }, events.map((e, i) => h('li', { class: i === selected ? 'selected' : '', onclick: () => onSelect(i),
        tabindex: 0, onkeydown: (ev) => { if (ev.key === 'Enter') onSelect(i); } },
        typeTag(e.plover, e.quad), ' ', actorLabel(e.source), ' → ', actorLabel(e.target)))));
  }
  if ((doc.quotes || []).length) {
    out.push(h('h3', {}, `Quotes (${doc.quotes.length})`), ...doc.quotes.map((q) => h('blockquote', {},
      h('p', {}, q.text), h('footer', {}, q.speaker ? actorLink(q.speaker) : 'unknown speaker', q.cue ? ` (${q.cue})` : ''))));
  }
  return out;
}

// ---- merged events ----

const MERGED_FILTERS = ['type', 'actor', 'country', 'cameo', 'since', 'until', 'text', 'min_articles'];

// placeLabel names a place with its country.
function placeLabel(p) {
  if (!p || !(p.name || p.text)) return '';
  const name = p.name || p.text;
  return p.country && p.country !== name ? `${name} (${p.country})` : name;
}

// conflictMark is the visible marker of a merged event whose reports
// disagree; its title lists the disagreements.
function conflictMark(c) {
  const n = (c.conflicts || []).length;
  if (!n) return '';
  return h('span', { class: 'conflict', title: c.conflicts.join('\n'), 'aria-label': `${n} conflicting details` }, '⚠ ', String(n));
}

const MERGED_COLUMNS = [
  { key: 'day', label: 'Date', cls: 'nowrap', value: (c) => c.day || c.date || '' },
  { key: 'plover', label: 'Type', cell: (c) => typeTag(c.plover, c.quad) },
  { key: 'cameo', label: 'CAMEO', cell: (c) => h('span', { class: 'code' }, c.cameo || '—') },
  { key: 'source', label: 'Source → target', value: (c) => actorLabel(c.source) + ' ' + actorLabel(c.target),
    cell: (c) => h('span', {}, actorLink(c.source), ' → ', actorLink(c.target)) },
  { key: 'location', label: 'Place', value: (c) => placeLabel(c.location) },
  { key: 'num_mentions', label: 'Mentions', num: true },
  { key: 'num_sources', label: 'Sites', num: true },
  { key: 'num_articles', label: 'Articles', num: true },
  { key: 'first_seen', label: 'First seen', cls: 'nowrap' },
  { key: 'conflicts', label: 'Conflicts', cls: 'conflicts', value: (c) => (c.conflicts || []).length, cell: conflictMark },
];

// mergedPage is the list of merged (canonical) events, or with an id one
// merged event with every report of it.
async function mergedPage(root, id, params) {
  if (id) return mergedEventPage(root, id);
  const filters = pick(params, MERGED_FILTERS);
  const first = await api('canonical-events', { ...filters, limit: 50 });
  const table = sortableTable(MERGED_COLUMNS, first.items, (c) => { location.hash = mergedHref(c.id); });
  const more = loadMore(root, 'canonical-events', filters, first, table, 'merged events', 'merged-count');
  root.append(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Merged events'),
      h('p', { class: 'muted' }, 'One row per real-world event, merged from every report of it. ⚠ marks reports that disagree. Click a row to see the reports.')),
    h('a', { class: 'button secondary', href: apiURL('canonical-events', { ...filters, format: 'csv', limit: 10000 }), download: 'merged-events.csv' }, 'Download CSV')),
    filterForm(params, MERGED_FILTERS, (f) => go('merged', f)),
    first.items.length ? table.el : emptyBox('No merged events match these filters.'),
    more,
  );
}

// MENTION_DOCS is how many reports' documents the detail page fetches to
// mark the evidence in their sentences; the rest show the plain sentence.
const MENTION_DOCS = 12;

async function mergedEventPage(root, id) {
  const c = await api('canonical-events/' + id.split('/').map(encodeURIComponent).join('/'));
  const mentions = c.mentions || [];
  const docs = await Promise.all(mentions.map((m, i) => (i < MENTION_DOCS && m.doc_id
    ? api('documents/' + m.doc_id.split('/').map(encodeURIComponent).join('/')).catch(() => null) : null)));
  const conflicts = c.conflicts || [];
  const loc = placeLabel(c.location);
  root.append(
    h('div', { class: 'page-head' }, h('div', {},
      h('h1', {}, typeTag(c.plover, c.quad), ' ', actorLabel(c.source), ' → ', actorLabel(c.target)),
      h('p', { class: 'muted' }, [c.day || c.date, loc, `${fmtNum(c.num_articles)} articles`, `${fmtNum(c.num_sources)} sites`,
        `${fmtNum(c.num_mentions)} mentions`].filter(Boolean).join(' · '))),
    h('a', { class: 'button secondary', href: '#/merged' }, 'All merged events')),
    h('div', { class: 'grid' },
      card('Reconciled event', h('dl', { class: 'facts', id: 'merged-facts' },
        h('dt', {}, 'Type'), h('dd', {}, typeTag(c.plover, c.quad), c.mode ? ' ' + c.mode : ''),
        h('dt', {}, 'CAMEO'), h('dd', { class: 'code' }, c.cameo || '—'),
        h('dt', {}, 'Source'), h('dd', {}, actorLink(c.source)),
        h('dt', {}, 'Target'), h('dd', {}, actorLink(c.target)),
        h('dt', {}, 'Date'), h('dd', {}, c.date || '—', c.day && c.day !== c.date ? ` (filed under ${c.day})` : ''),
        h('dt', {}, 'Place'), h('dd', {}, loc || '—'),
        h('dt', {}, 'Factuality'), h('dd', {}, c.factuality || '—'),
        h('dt', {}, 'Goldstein'), h('dd', {}, String(c.goldstein ?? '—')),
        h('dt', {}, 'First seen'), h('dd', {}, c.first_seen || '—'),
        h('dt', {}, 'Reports'), h('dd', {}, `${fmtNum(c.num_mentions)} mentions in ${fmtNum(c.num_articles)} articles on ${fmtNum(c.num_sources)} sites`)),
      'span-6'),
      card(conflicts.length ? `Conflicts (${conflicts.length})` : 'Conflicts', conflicts.length
        ? h('div', {}, h('ul', { class: 'conflict-list', id: 'conflicts' }, conflicts.map((x) => h('li', {}, h('span', { class: 'conflict' }, '⚠'), ' ', x))),
          h('p', { class: 'muted small' }, 'Each detail above is the value most articles give (one vote per article); ties go to the earliest date or the first report, and a place that only refines another counts as agreeing.'))
        : emptyBox('The reports agree on the date, place, code and factuality.'), 'span-6'),
      card(`Reports (${mentions.length})`, mentions.length
        ? h('ol', { class: 'mentions', id: 'mentions' }, mentions.map((m, i) => mentionItem(c, m, docs[i])))
        : emptyBox('No reports stored.'), 'span-12'),
    ));
}

// mentionItem shows one report of a merged event: where and when it was
// published, what it said, and its sentence with the evidence marked when
// its document is at hand.
function mentionItem(c, m, doc) {
  const said = [];
  if (m.cameo && m.cameo !== c.cameo) said.push(`CAMEO ${m.cameo}`);
  if (m.date && m.date !== c.date) said.push(`date ${m.date}`);
  const pl = placeLabel(m.place);
  if (pl && pl !== placeLabel(c.location)) said.push(`place ${pl}`);
  if (m.factuality && m.factuality !== c.factuality) said.push(m.factuality);
  return h('li', { class: 'mention' },
    h('div', { class: 'mention-head' },
      docLink(m.doc_id, m.event_id, m.doc_title || m.doc_id),
      h('span', { class: 'small muted' }, ' ', [m.site, m.doc_date].filter(Boolean).join(' · '))),
    h('p', { class: 'mention-sentence' }, ...mentionSentence(m, doc)),
    h('div', { class: 'small muted' }, 'Says: ', [m.cameo ? `CAMEO ${m.cameo}` : '', m.date || 'no date', pl || 'no place', m.factuality || '']
      .filter(Boolean).join(' · '),
    said.length ? h('span', { class: 'differs' }, ' — differs: ', said.join(', ')) : null));
}

// mentionSentence returns the report's sentence: from its document with the
// event's actors, trigger, date and place marked, else the stored sentence
// text with the evidence span marked when it fits in the sentence.
function mentionSentence(m, doc) {
  const s = doc && (doc.sentences || []).find((x) => x.i === m.sentence);
  if (s) {
    const ev = (doc.events || []).find((e) => e.id === m.event_id) || (doc.events || [])[m.event];
    const text = new ByteText(doc.text || '');
    const spans = ev ? eventSpans(doc, ev) : [];
    return markRange(text, s.start, s.end, spans);
  }
  const text = m.sentence_text || '';
  if (!text) return [h('span', { class: 'muted' }, 'No sentence stored.')];
  return [text];
}

// ---- actors ----

async function actorsPage(root, _arg, params) {
  const filters = pick(params, ['actor', 'type', 'since', 'until']);
  const p = await api('actors', { ...filters, limit: 200 });
  const table = sortableTable([
    { key: 'code', label: 'Code', cell: (a) => h('span', { class: 'code' }, a.code) },
    { key: 'name', label: 'Name', cell: (a) => h('a', { href: '#/actor/' + encodeURIComponent(a.code) }, a.name || a.code) },
    { key: 'country', label: 'Country' },
    { key: 'events', label: 'Events', num: true },
    { key: 'as_source', label: 'As source', num: true },
    { key: 'as_target', label: 'As target', num: true },
    { key: 'quotes', label: 'Quotes', num: true },
    { key: 'partners', label: 'Top partners', value: (a) => (a.partners || []).map((x) => x.name || x.code).join(', ') },
  ], p.items, (a) => { location.hash = '#/actor/' + encodeURIComponent(a.code); });
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Actors'),
      h('a', { class: 'button secondary', href: apiURL('actors', { ...filters, format: 'csv', limit: 10000 }), download: 'actors.csv' }, 'Download CSV')),
    filterForm(params, ['actor', 'type', 'since', 'until'], (f) => go('actors', f)),
    p.items.length ? table.el : emptyBox('No actors match.'));
}

async function actorPage(root, code) {
  if (!code) throw new Error('No actor code in the address.');
  const [actors, timeline, events, by, network] = await Promise.all([
    api('actors', { actor: code, limit: 50 }),
    api('timeline', { actor: code, bucket: 'day', group: 'quad' }),
    api('events', { actor: code, limit: 15 }),
    api('quotes', { actor: code, limit: 10 }),
    api('network', { actor: code, limit: 200 }),
  ]);
  const a = actors.items.find((x) => x.code === code) || actors.items[0] || { code, name: code, events: 0, partners: [] };
  const about = a.name && a.name !== code ? await api('quotes', { text: a.name, limit: 20 }) : { items: [] };
  const partners = new Map();
  for (const e of network.items) {
    const other = e.source === a.code ? [e.target, e.target_name] : e.target === a.code ? [e.source, e.source_name] : null;
    if (!other) continue;
    const p = partners.get(other[0]) || { code: other[0], name: other[1], events: 0 };
    p.events += e.events;
    partners.set(other[0], p);
  }
  const partnerRows = (partners.size ? [...partners.values()] : (a.partners || []))
    .sort((x, y) => y.events - x.events).slice(0, 12);
  const table = sortableTable(EVENT_COLUMNS, events.items, (e) => { location.hash = docHref(e.doc_id, e.id); });
  const quotes = (items) => items.length ? items.map(quoteBlock) : [emptyBox('None found.')];
  root.append(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, a.name || a.code),
      h('p', { class: 'muted' }, h('span', { class: 'code' }, a.code), a.country ? ` · ${a.country}` : '',
        ` · ${fmtNum(a.events)} events (${fmtNum(a.as_source || 0)} as source, ${fmtNum(a.as_target || 0)} as target)`)),
    h('a', { class: 'button secondary', href: '#/events?actor=' + encodeURIComponent(a.code) }, 'All events')),
    h('div', { class: 'grid' },
      card('Timeline', h('div', {}, autoTimeline(timeline.items, { height: 200, onBucket: (since, until) => go('events', { actor: a.code, since, until }) }), quadLegend()), 'span-8'),
      card('Partners', barList(partnerRows.map((p) => ({ label: p.name || p.code, title: p.code, value: p.events,
        href: '#/actor/' + encodeURIComponent(p.code) })), { empty: 'No partners.' }), 'span-4'),
      card('Latest events', events.items.length ? table.el : emptyBox('No events.'), 'span-12'),
      card('Quotes by ' + (a.name || a.code), h('div', {}, quotes(by.items)), 'span-6'),
      card('Quotes about ' + (a.name || a.code), h('div', {}, quotes(about.items.filter((q) => !q.speaker || q.speaker.code !== a.code))), 'span-6'),
    ));
}

function quoteBlock(q) {
  return h('blockquote', {}, h('p', {}, '“', q.text, '”'),
    h('footer', {}, q.speaker ? actorLink(q.speaker) : 'unknown speaker', ' · ', q.doc_date || '', ' · ',
      docLink(q.doc_id, '', 'source')));
}

// ---- network ----

async function networkPage(root, _arg, params) {
  const filters = pick(params, ['type', 'actor', 'since', 'until']);
  const p = await api('network', { ...filters, limit: 150 });
  const edges = [...p.items].sort((a, b) => b.events - a.events).slice(0, 120);
  root.append(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Actor network'),
      h('p', { class: 'muted' }, `Who acts on whom: ${edges.length} strongest of ${p.items.length} links. Green: cooperative on average; red: conflictual. Drag a node; click it to open the actor.`))),
    filterForm(params, ['type', 'actor', 'since', 'until'], (f) => go('network', f)),
    edges.length ? h('div', { class: 'viz' }, networkView(edges, (code) => { location.hash = '#/actor/' + encodeURIComponent(code); }))
      : emptyBox('No actor links match.'));
}

// ---- map ----

async function mapPage(root, _arg, params) {
  const filters = pick(params, ['type', 'actor', 'since', 'until']);
  const [world, places] = await Promise.all([getJSON('/static/world.json'), api('places', { ...filters, limit: 1000 })]);
  const top = [...places.items].sort((a, b) => b.events - a.events).slice(0, 15);
  root.append(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Map'),
      h('p', { class: 'muted' }, `Event locations: ${fmtNum(places.items.length)} places. Click a circle to list its country's events.`))),
    filterForm(params, ['type', 'actor', 'since', 'until'], (f) => go('map', f)),
    h('div', { class: 'grid' },
      h('div', { class: 'viz span-8' }, mapView(world, places.items, (pl) => go('events', { ...filters, country: pl.country }))),
      card('Top places', barList(top.map((pl) => ({ label: pl.name + (pl.country ? ` (${pl.country})` : ''), value: pl.events,
        href: pl.country ? '#/events?country=' + encodeURIComponent(pl.country) : null })), { empty: 'No located events.' }), 'span-4')));
}

// ---- quotes ----

async function quotesPage(root, _arg, params) {
  const speaker = params.get('speaker') || '';
  const [actors, quotes] = await Promise.all([
    api('actors', { limit: 200 }),
    api('quotes', { actor: speaker, text: params.get('text') || '', limit: 100 }),
  ]);
  let speakers = actors.items.filter((a) => a.quotes > 0).sort((a, b) => b.quotes - a.quotes);
  if (!speakers.length) {
    // Fall back to the speakers on the first page of quotes.
    const counts = new Map();
    for (const q of (await api('quotes', { limit: 500 })).items) {
      if (!q.speaker || !q.speaker.code) continue;
      const c = counts.get(q.speaker.code) || { code: q.speaker.code, name: q.speaker.name || q.speaker.text, quotes: 0 };
      c.quotes++;
      counts.set(c.code, c);
    }
    speakers = [...counts.values()].sort((a, b) => b.quotes - a.quotes);
  }
  const who = speakers.find((s) => s.code === speaker);
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, who ? 'Quotes by ' + (who.name || who.code) : 'Quotes'),
      h('a', { class: 'button secondary', href: apiURL('quotes', { actor: speaker, format: 'csv', limit: 10000 }), download: 'quotes.csv' }, 'Download CSV')),
    h('div', { class: 'quote-layout' },
      h('aside', { class: 'card' }, h('h2', {}, 'Speakers'), h('ul', { class: 'speakers' },
        h('li', {}, h('a', { href: '#/quotes', class: speaker ? '' : 'active' }, h('span', {}, 'Everyone'))),
        speakers.slice(0, 60).map((s) => h('li', {}, h('a', { href: '#/quotes?speaker=' + encodeURIComponent(s.code), class: s.code === speaker ? 'active' : '' },
          h('span', {}, s.name || s.code), h('span', { class: 'muted' }, fmtNum(s.quotes))))))),
      h('section', { id: 'quote-list' }, quotes.items.length ? quotes.items.map(quoteBlock) : emptyBox('No quotes.'))));
}

// ---- search ----

async function searchPage(root, _arg, params) {
  const text = (params.get('text') || '').trim();
  document.getElementById('search-text').value = text;
  if (!text) {
    root.append(h('h1', {}, 'Search'), emptyBox('Type words in the search box above.'));
    return;
  }
  const [events, docs, quotes] = await Promise.all([
    api('events', { text, limit: 20 }), api('documents', { text, limit: 20 }), api('quotes', { text, limit: 10 }),
  ]);
  const table = sortableTable(EVENT_COLUMNS, events.items, (e) => { location.hash = docHref(e.doc_id, e.id); });
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, `Search: “${text}”`)),
    h('div', { class: 'results' },
      h('h2', {}, `Reports (${docs.items.length}${docs.next ? '+' : ''})`),
      docs.items.length ? h('ul', { class: 'stories card' }, docs.items.map((d) => h('li', {}, docLink(d.id, '', d.title || d.id),
        h('div', { class: 'small muted' }, [d.date, d.source, `${d.events} events`].filter(Boolean).join(' · ')),
        d.snippet ? h('div', { class: 'small' }, d.snippet) : null))) : emptyBox('No reports.'),
      h('h2', {}, `Events (${events.items.length}${events.next ? '+' : ''})`),
      events.items.length ? table.el : emptyBox('No events.'),
      events.next ? h('p', {}, h('a', { href: '#/events?text=' + encodeURIComponent(text) }, 'All matching events')) : null,
      h('h2', {}, `Quotes (${quotes.items.length}${quotes.next ? '+' : ''})`),
      quotes.items.length ? quotes.items.map(quoteBlock) : emptyBox('No quotes.')));
}

// ---- start ----

document.getElementById('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = document.getElementById('search-text').value.trim();
  go('search', { text });
});
window.addEventListener('hashchange', render);
render();

