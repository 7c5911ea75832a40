// web/src/app.js: the tradestat dashboard. Every number comes from /api/v1/query (the same JSON
// as `tradestat query --format json --display`) or the bulletin's JSON, and every number shown is
// the API's display text (`display` objects: report/display.cc, the bulletin's rules); the page
// only lays it out. The URL's query string holds the view (KEYS) so it can be shared; every table
// links to /api/v1/export for CSV and XLSX; every chart saves as PNG or SVG.
import { WORDS } from './i18n.js';
import { geometry } from './format.js';
import { periodGroups, defaultPeriod, fullYears, monthsHeld } from './periods.js';
import { worldMap, chinaMap } from './maps.js';

const $ = (id) => document.getElementById(id);
const KEYS = ['dataset', 'reporter', 'period', 'flow', 'currency', 'benchmark', 'lang', 'bloc', 'chapter',
  'measure', 'mbloc', 'trend', 'grain', 'section', 'tmchapter', 'pbloc'];
const state = Object.fromEntries(KEYS.map((k) => [k, null]));
let info = null;
let groups = [];          // /api/v1/ref/groups items
let hsChapters = null;    // chapter code -> {section, title_en, title_zh}
let hsSections = null;    // section code -> {title_en, title_zh}
let reporterCodes = [];   // reporters present in the dataset for the period
let charts = {};
let generation = 0;  // a newer render makes older responses stale

const t = (k) => (WORDS[state.lang] || WORDS.en)[k] || k;

function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const k of KEYS) state[k] = p.has(k) ? p.get(k) : null;
  if (state.lang !== 'zh') state.lang = 'en';
}

function writeUrl() {
  const p = new URLSearchParams();
  for (const k of KEYS) if (state[k] !== null && state[k] !== '') p.set(k, state[k]);
  if (state.benchmark === '') p.set('benchmark', '');
  history.replaceState(null, '', '?' + p.toString());
}

function status(text, error = false) {
  $('status').textContent = text;
  $('status').className = error ? 'error' : '';
}

async function getJson(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

// Parameters shared by every query of the view.
function baseParams(extra = {}) {
  const p = new URLSearchParams();
  p.set('dataset', state.dataset);
  p.set('period', state.period);
  if (state.reporter) p.set('reporter', state.reporter);
  if (state.currency) p.set('currency', state.currency);
  p.set('lang', state.lang);
  p.set('display', 'true');
  for (const [k, v] of Object.entries(extra)) {
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else if (v !== null && v !== undefined && v !== '') p.set(k, v);
  }
  return p;
}

const query = (p) => getJson('/api/v1/query?' + p.toString());

function option(select, value, text, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  if (selected) o.selected = true;
  select.appendChild(o);
  return o;
}

function dataset() {
  return info.datasets.find((d) => d.name === state.dataset);
}

// The reporters are provinces (a national dataset) or one province's prefectures.
const isProvince = (c) => /^\d{6}$/.test(c) && c.endsWith('0000');
const nationalData = () => reporterCodes.length > 0 && reporterCodes.every(isProvince);

function fillPeriods(d) {
  const per = $('period'), from = $('range-from'), to = $('range-to');
  for (const s of [per, from, to]) s.replaceChildren();
  const kinds = periodGroups(d);
  const offered = new Set(kinds.flatMap((k) => k.items));
  if (!state.period || !(offered.has(state.period) || /\.\./.test(state.period))) state.period = defaultPeriod(d);
  for (const { kind, items } of kinds) {
    const g = document.createElement('optgroup');
    g.label = t('kind_' + kind);
    g.dataset.kind = kind;
    items.forEach((p) => option(g, p, p, p === state.period));
    per.appendChild(g);
  }
  const range = option(per, 'range', t('kind_range'), /\.\./.test(state.period));
  range.dataset.kind = 'range';
  const months = [...monthsHeld(d)].sort();
  const [a, b] = /\.\./.test(state.period) ? state.period.split('..') : [months[0], months[months.length - 1]];
  months.forEach((m) => { option(from, m, m, m === a); option(to, m, m, m === b); });
  $('range').hidden = !/\.\./.test(state.period);
}

async function fillSelectors() {
  const ds = $('dataset'), rep = $('reporter'), cur = $('currency'), ben = $('benchmark');
  for (const s of [ds, rep, cur, ben]) s.replaceChildren();
  const names = info.datasets.map((d) => d.name);
  if (!state.dataset || !names.includes(state.dataset)) state.dataset = names[0];
  names.forEach((n) => option(ds, n, n, n === state.dataset));
  const d = dataset();
  fillPeriods(d);
  if (!state.currency || !d.currencies.includes(state.currency)) state.currency = d.currencies[0];
  d.currencies.forEach((c) => option(cur, c, c, c === state.currency));
  if (!state.flow) state.flow = 'total';
  $('flow').value = state.flow;
  const others = names.filter((n) => n !== state.dataset);
  if (state.benchmark === null) state.benchmark = '';
  option(ben, '', t('none'), state.benchmark === '');
  others.forEach((n) => option(ben, n, n, n === state.benchmark));
  // Reporters present in the data; their province when they are prefectures of one province.
  const r = await query(new URLSearchParams({ dataset: state.dataset, period: state.period, by: 'reporter', lang: state.lang, compare: 'none' }));
  const codes = r.rows.map((x) => x.reporter);
  reporterCodes = codes;
  const provinces = [...new Set(codes.filter((c) => /^\d{6}$/.test(c) && !c.endsWith('0000')).map((c) => c.slice(0, 2) + '0000'))];
  if (state.reporter === null) state.reporter = provinces.length === 1 ? provinces[0] : '';
  option(rep, '', t('all'), state.reporter === '');
  for (const p of provinces) option(rep, p, p, p === state.reporter);
  for (const x of r.rows) option(rep, x.reporter, x.name, x.reporter === state.reporter);
  if (![...rep.options].some((o) => o.value === state.reporter)) option(rep, state.reporter, state.reporter, true);
  const bl = $('map-bloc');
  bl.replaceChildren();
  option(bl, '', t('none'), !state.mbloc);
  for (const g of groups) option(bl, g.code, g.code, g.code === state.mbloc);
}

function exportLinks(params) {
  const div = document.createElement('div');
  div.className = 'downloads';
  div.append('⤓');
  for (const f of ['csv', 'xlsx']) {
    const a = document.createElement('a');
    const p = new URLSearchParams(params);
    p.delete('display');  // the download is the exact figures (CSV, XLSX), not display text
    p.set('format', f);
    a.href = '/api/v1/export?' + p.toString();
    a.textContent = f.toUpperCase();
    a.setAttribute('download', '');
    a.dataset.format = f;
    div.appendChild(a);
  }
  return div;
}

// The API's display text of a row's measure ("" when absent).
const shown = (row, key) => (row.display && row.display[key]) ?? '';

// A ranked, sortable table of result rows: the API's display cells (the value in the result's
// one unit, with separators); sorting by the exact numbers. onClick(row) makes rows for which
// drill(row) is true clickable. A result without one unit (`display` absent: rows gathered from
// several queries) shows each value as its sentence text.
function table(el, result, params, { drill = null, onClick = null, average = null } = {}) {
  const dims = result.scope.by;
  const unit = result.display ? result.display.unit : null;
  const cols = [
    { h: t('code'), get: (r) => dims.map((d) => r[d]).join(' / '), text: true },
    { h: t('name'), get: (r) => r.name, text: true },
    { h: unit ? `${t('value')} (${unit})` : t('value'), get: (r) => r.value, show: (r) => shown(r, unit ? 'value' : 'value_text') },
    { h: t('growth'), get: (r) => r.growth_pct, show: (r) => shown(r, 'growth_pct'), cls: 'g' },
    { h: t('share'), get: (r) => r.share_pct, show: (r) => shown(r, 'share_pct') },
  ];
  let rows = [...result.rows];
  const tb = document.createElement('table');
  const head = document.createElement('tr');
  const body = document.createElement('tbody');
  const fill = () => {
    body.replaceChildren();
    for (const row of rows) {
      const tr = document.createElement('tr');
      cols.forEach((c) => {
        const td = document.createElement('td');
        const v = c.get(row);
        td.textContent = c.show ? c.show(row) : v ?? '';
        if (c.cls) td.className = c.cls;
        if (!c.text) td.dataset.v = v ?? '';
        tr.appendChild(td);
      });
      if (average !== null && row.growth_pct !== null) tr.classList.add(row.growth_pct >= average ? 'above' : 'below');
      if (drill && drill(row)) {
        tr.classList.add('drill');
        tr.dataset.code = row[dims[0]];
        tr.addEventListener('click', () => onClick(row));
      }
      body.appendChild(tr);
    }
  };
  cols.forEach((c, i) => {
    const th = document.createElement('th');
    th.textContent = c.h;
    th.title = c.h;
    th.className = 'sortable';
    th.addEventListener('click', () => {
      const desc = th.getAttribute('aria-sort') !== 'descending';
      for (const x of head.children) x.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
      const key = (r) => c.get(r);
      rows.sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        const o = c.text ? String(x).localeCompare(String(y)) : x - y;
        return desc ? -o : o;
      });
      fill();
    });
    head.appendChild(th);
  });
  const thead = document.createElement('thead');
  thead.appendChild(head);
  tb.appendChild(thead);
  fill();
  tb.appendChild(body);
  el.replaceChildren(tb, exportLinks(params));
}

// Saves a chart as PNG (its canvas) or SVG (the same option rendered by ECharts' SVG renderer).
function savePicture(id, type) {
  const c = charts[id];
  if (!c) return;
  let url;
  if (type === 'png') {
    url = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  } else {
    const s = echarts.init(null, null, { renderer: 'svg', ssr: true, width: c.getWidth(), height: c.getHeight() });
    s.setOption({ ...c.getOption(), backgroundColor: '#fff' });
    url = URL.createObjectURL(new Blob([s.renderToSVGString()], { type: 'image/svg+xml' }));
    s.dispose();
  }
  const a = document.createElement('a');
  a.href = url;
  a.download = `tradestat-${id.replace(/-chart$/, '')}-${state.period}.${type}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (type === 'svg') setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    const links = document.createElement('div');
    links.className = 'pictures';
    links.append('⤓');
    for (const type of ['png', 'svg']) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = type.toUpperCase();
      b.dataset.picture = type;
      b.addEventListener('click', () => savePicture(id, type));
      links.appendChild(b);
    }
    $(id).after(links);
  }
  return charts[id];
}

// Bars of the first 15 rows: lengths from the exact numbers (geometry only), every number shown
// (bar labels, tooltips, the average line) the API's display text.
function bars(id, result, { onClick = null, average = null, growth = false } = {}) {
  const rows = result.rows.slice(0, 15).reverse();
  const unit = result.display ? result.display.unit : null;
  const text = (r) => growth ? shown(r, 'growth_pct') : unit ? `${shown(r, 'value')} ${unit}` : shown(r, 'value_text');
  const values = rows.map((r) => geometry(growth ? r.growth_pct : r.value));
  const avg = average === null ? null : geometry(average.growth_pct);
  const c = chart(id);
  c.off('click');
  c.setOption({
    animation: false,
    grid: { left: 8, right: 90, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (ps) => ps.map((p) => `${rows[p.dataIndex].name}: ${text(rows[p.dataIndex])}`).join('<br>') },
    xAxis: { type: 'value', name: growth ? '%' : unit || '', nameGap: 4, nameLocation: 'end', axisLabel: { show: false } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{
      type: 'bar', data: values.map((v, i) => ({ value: v, itemStyle: { color: growth ? (v >= avg ? '#b4232a' : '#1f7a3d') : rows[i].unit ? '#e08a1e' : '#1f5fa8' } })),
      label: { show: true, position: 'right', formatter: (p) => text(rows[p.dataIndex]), fontSize: 10 },
      markLine: avg === null ? undefined : { symbol: 'none', data: [{ xAxis: avg, name: t('average') }], label: { formatter: `${t('average')} ${shown(average, 'growth_pct')}` } },
    }],
  }, true);
  if (onClick) c.on('click', (e) => onClick(rows[e.dataIndex]));
}

function card(label, value, sub, cls, exact) {
  const div = document.createElement('div');
  div.className = 'card';
  div.innerHTML = `<div class="label"></div><div class="value"></div><div class="sub"></div>`;
  div.children[0].textContent = label;
  div.children[1].textContent = value;
  div.children[2].textContent = sub;
  if (cls) div.children[2].classList.add(cls);
  if (exact !== undefined && exact !== null) div.dataset.exact = String(exact);
  return div;
}

function growthClass(g) { return g === null || g === undefined ? '' : g >= 0 ? 'up' : 'down'; }

// The headline cards: the API's sentence text of the total, exports and imports (as the
// bulletin writes them), growth in words ("up 7.6%", "flat"), the gap to the benchmark in points.
async function headline(gen) {
  const p = baseParams({ by: 'flow', benchmark: state.benchmark });
  const r = await query(p);
  if (gen !== generation) return null;
  const row = (f) => r.rows.find((x) => x.flow === f) || { value: 0, growth_pct: null, display: {} };
  const sel = state.flow === 'total' ? r.total : row(state.flow);
  const cards = [
    ['total', t('card_total'), r.total], ['X', t('card_X'), row('X')], ['M', t('card_M'), row('M')],
  ].map(([k, label, m]) => {
    const c = card(label, shown(m, 'value_text'), m.growth_pct === null ? '' : `${t('yoy')} ${shown(m, 'growth_pct')}`, growthClass(m.growth_pct), m.value);
    c.id = `card-${k}`;
    c.dataset.growth = m.growth_pct === null ? '' : String(m.growth_pct);
    c.dataset.growthText = shown(m, 'growth_text');
    return c;
  });
  const g = card(`${t('card_growth')} (${t('flow_' + state.flow)})`, sel.growth_pct === null ? '–' : shown(sel, 'growth_text'), t('yoy'), growthClass(sel.growth_pct), sel.growth_pct);
  g.id = 'card-growth';
  cards.push(g);
  const gap = sel.vs_benchmark_pp;
  const bg = r.total.benchmark_growth_pct;
  const gc = card(t('card_gap'), gap === undefined || gap === null ? '–' : shown(sel, 'vs_benchmark_pp'),
    bg === null || bg === undefined ? '' : `${t('benchmark_growth')} ${state.benchmark}: ${shown(r.total, 'benchmark_growth_pct')}`, growthClass(gap ?? null), gap);
  gc.id = 'card-gap';
  cards.push(gc);
  $('cards').replaceChildren(...cards);
  return r;
}

// The multi-year trend from one series query (`by=period`, docs/query.md "Series"): every month
// the dataset holds (`period=FROM..TO` in months: the API's YoY `growth_pct` and MoM `mom_pct`),
// or every full year (`period=YYYY..YYYY`: one row per year, YoY). Values, growth and their text
// are the API's; a step the data do not fully cover has null growth (shown as "–").
async function trend(gen) {
  const d = dataset();
  const months = [...monthsHeld(d)].sort();
  const mode = state.trend || 'value';
  const grain = state.grain || 'month';
  $('trend-mode').value = mode;
  $('trend-grain').value = grain;
  const years = fullYears(d);
  const period = grain === 'year' ? (years.length ? `${years[0]}..${years[years.length - 1]}` : null)
    : (months.length ? `${months[0]}..${months[months.length - 1]}` : null);
  if (!period) return;
  const r = await query(baseParams({ period, by: 'period', flow: state.flow, sort: 'period:asc' }));
  if (gen !== generation) return;
  const unit = r.display.unit;
  const points = r.rows.filter((x) => grain !== 'year' || years.includes(x.period)).map((x) => ({
    period: x.period, value: x.value, yoy: x.growth_pct, mom: x.mom_pct ?? null,
    valueText: `${shown(x, 'value')} ${unit}`, yoyText: shown(x, 'growth_pct'), momText: shown(x, 'mom_pct'),
  }));
  // Geometry from the exact numbers; every number shown is the API's display text.
  const pick = (p) => geometry(mode === 'value' ? p.value : p[mode]);
  const label = (p) => (mode === 'value' ? p.valueText : mode === 'yoy' ? p.yoyText : p.momText) || '–';
  const c = chart('trend-chart');
  c.setOption({
    animation: false,
    tooltip: { trigger: 'axis', formatter: (ps) => ps.map((p) => `${points[p.dataIndex].period}: ${label(points[p.dataIndex])}`).join('<br>') },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', name: mode === 'value' ? unit || '' : '%', axisLabel: { show: mode !== 'value' } },
    series: [{ name: t('trend_' + mode), type: mode === 'value' ? 'bar' : 'line', data: points.map(pick), symbolSize: 5, itemStyle: { color: '#1f5fa8' } }],
  }, true);
  $('trend-chart').dataset.points = JSON.stringify(points.map((p) => [p.period, p.value, p.yoy, p.mom, p.valueText, p.yoyText, p.momText ?? null]));
}

// A map region's hover text: name, code and the API's display text of value, growth and share.
function hoverText(x, code, r) {
  return `${x.name} (${code})<br>${t('value')}: ${shown(x, 'value')} ${r.display.unit}<br>${t('growth')}: ${shown(x, 'growth_pct') || '–'}<br>${t('share')}: ${shown(x, 'share_pct') || '–'}`;
}

// Partners on the world map, coloured by value, growth or share; a bloc's members outlined.
async function worldPanel(gen) {
  const measure = state.measure || 'value';
  $('map-measure').value = measure;
  const p = baseParams({ by: 'partner', flow: state.flow });
  const [r, name] = await Promise.all([query(p), worldMap()]);
  if (gen !== generation) return;
  const members = new Set();
  if (state.mbloc) {
    const g = groups.find((x) => x.code === state.mbloc);
    (g ? g.members : []).forEach((m) => members.add(m.code));
  }
  const num = (x) => geometry(measure === 'value' ? x.value : measure === 'growth' ? x.growth_pct : x.share_pct);
  const rows = new Map(r.rows.map((x) => [x.partner, x]));
  const data = r.rows.filter((x) => num(x) !== null).map((x) => ({
    name: x.partner, value: num(x),
    itemStyle: members.has(x.partner) ? { borderColor: '#e08a1e', borderWidth: 2 } : undefined,
  }));
  for (const m of members) if (!rows.has(m)) data.push({ name: m, value: null, itemStyle: { borderColor: '#e08a1e', borderWidth: 2, areaColor: '#f4e3c8' } });
  const vals = data.map((x) => x.value).filter((v) => v !== null);
  const lo = measure === 'growth' ? Math.max(-50, Math.min(...vals, 0)) : 0;
  const hi = measure === 'growth' ? Math.min(100, Math.max(...vals, 0)) : Math.max(...vals, 1);
  const tip = (code) => {
    const x = rows.get(code);
    if (!x) return `${code}: –`;
    return hoverText(x, code, r);
  };
  const top = r.rows.length ? r.rows.reduce((a, b) => (geometry(b.value) > geometry(a.value) ? b : a)) : null;
  const legend = measure === 'value' ? (top ? `${shown(top, 'value')} ${r.display.unit}` : '') : '%';
  chart('world-chart').setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (e) => tip(e.name) },
    visualMap: { type: 'continuous', min: lo, max: hi, left: 8, bottom: 8, calculable: false, itemHeight: 100,
      text: [legend, ''],
      inRange: { color: measure === 'growth' ? ['#1f7a3d', '#f2f2f2', '#b4232a'] : ['#dbe8f6', '#1f5fa8', '#0b2f5c'] } },
    series: [{ type: 'map', map: name, roam: true, data, emphasis: { label: { show: false } }, select: { disabled: true },
      itemStyle: { areaColor: '#eef0f3', borderColor: '#bbb', borderWidth: 0.4 } }],
  }, true);
  $('world-chart').dataset.map = name;
}

// Sub-regions on a map of China: provinces, or a province's prefectures.
async function chinaPanel(gen) {
  const province = state.reporter && isProvince(state.reporter) && !nationalData() ? state.reporter : null;
  const national = !state.reporter && nationalData();
  const prefectures = reporterCodes.some((c) => /^\d{6}$/.test(c) && !isProvince(c));
  const panel = $('china-panel');
  if (!province && !national && !(prefectures && !state.reporter)) { panel.hidden = true; return; }
  const onlyProvince = province || (prefectures ? [...new Set(reporterCodes.filter((c) => !isProvince(c)).map((c) => c.slice(0, 2) + '0000'))] : []);
  const prov = typeof onlyProvince === 'string' ? onlyProvince : onlyProvince.length === 1 ? onlyProvince[0] : null;
  const name = national ? chinaMap() : prov ? chinaMap(prov) : null;
  if (!name) { panel.hidden = true; return; }
  panel.hidden = false;
  $('china-title').textContent = national ? t('map_provinces') : t('map_prefectures');
  const p = baseParams({ by: 'reporter', flow: state.flow });
  const r = await query(p);
  if (gen !== generation) return;
  const rows = new Map(r.rows.map((x) => [x.reporter, x]));
  const data = r.rows.map((x) => ({ name: x.reporter, value: geometry(x.value) }));
  const top = r.rows.length ? r.rows.reduce((a, b) => (geometry(b.value) > geometry(a.value) ? b : a)) : null;
  chart('china-chart').setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: (e) => {
      const x = rows.get(e.name);
      return x ? hoverText(x, x.reporter, r) : e.name;
    } },
    visualMap: { type: 'continuous', min: 0, max: Math.max(...data.map((x) => x.value), 1), left: 8, bottom: 8, itemHeight: 100,
      text: [top ? `${shown(top, 'value')} ${r.display.unit}` : '', ''], inRange: { color: ['#dbe8f6', '#1f5fa8', '#0b2f5c'] } },
    series: [{ type: 'map', map: name, roam: true, data, select: { disabled: true }, emphasis: { label: { show: false } },
      itemStyle: { areaColor: '#eef0f3', borderColor: '#999', borderWidth: 0.5 } }],
  }, true);
  $('china-chart').dataset.map = name;
}

async function partners(gen) {
  const crumb = $('partners-crumb');
  let p;
  if (state.bloc) {
    p = baseParams({ by: 'partner', where: [`partner_group=${state.bloc}`], flow: state.flow, top: 30 });
    crumb.innerHTML = '';
    const a = document.createElement('a');
    a.textContent = `← ${t('back')}`;
    a.id = 'bloc-back';
    a.addEventListener('click', () => { state.bloc = null; update(); });
    crumb.append(a, ` · ${t('members_of')} ${state.bloc}`);
  } else {
    const units = disjointBlocs();
    p = baseParams({ by: 'partner', units: units.length ? [units.join(',')] : [], flow: state.flow, top: 15 });
    crumb.textContent = `(${t('click_bloc')})`;
  }
  const r = await query(p);
  if (gen !== generation) return;
  const drillTo = (row) => { state.bloc = row.partner; update(); };
  const isUnit = (row) => !state.bloc && row.unit === true;
  bars('partners-chart', r, { onClick: (row) => isUnit(row) && drillTo(row) });
  table($('partners-table'), r, p, { drill: isUnit, onClick: drillTo });
}

async function simple(gen, by, chartId, tableId, extra = {}) {
  const p = baseParams({ by, flow: state.flow, ...extra });
  const r = await query(p);
  if (gen !== generation) return null;
  bars(chartId, r);
  table($(tableId), r, p);
  return r;
}

async function regions(gen) {
  const p = baseParams({ by: 'reporter', flow: state.flow });
  const r = await query(p);
  if (gen !== generation) return;
  $('regions-title').textContent = nationalData() ? t('provinces') : t('prefectures');
  const sorted = { ...r, rows: [...r.rows].sort((a, b) => (b.growth_pct ?? -1e9) - (a.growth_pct ?? -1e9)) };
  bars('regions-chart', sorted, { growth: true, average: r.total.growth_pct === null ? null : r.total });
  table($('regions-table'), r, p, { average: r.total.growth_pct });
}

async function chapters(gen) {
  const crumb = $('hs-crumb');
  let p;
  if (state.chapter) {
    p = baseParams({ by: 'hs4', where: [`commodity=${state.chapter}`], flow: state.flow, top: 20 });
    crumb.innerHTML = '';
    const a = document.createElement('a');
    a.textContent = `← ${t('back')}`;
    a.id = 'chapter-back';
    a.addEventListener('click', () => { state.chapter = null; update(); });
    crumb.append(a, ` · ${state.chapter}`);
  } else {
    p = baseParams({ by: 'hs2', flow: state.flow, top: 20 });
    crumb.textContent = `(${t('click_chapter')})`;
  }
  const r = await query(p);
  if (gen !== generation) return;
  const drillTo = (row) => { state.chapter = row.hs2; update(); };
  const can = () => !state.chapter;
  bars('hs-chart', r, { onClick: (row) => can() && drillTo(row) });
  table($('hs-table'), r, p, { drill: can, onClick: drillTo });
}

async function loadHs() {
  if (hsChapters) return;
  const secs = await getJson('/api/v1/ref/hs');
  hsSections = new Map(secs.items.filter((x) => x.level === 1).map((x) => [x.code, x]));
  const lists = await Promise.all([...hsSections.keys()].map((s) => getJson('/api/v1/ref/hs?parent=' + encodeURIComponent(s))));
  hsChapters = new Map(lists.flatMap((l) => l.items.filter((x) => x.level === 2).map((x) => [x.code, x])));
}

const title = (x) => (state.lang === 'zh' && x.title_zh) || x.title_en;

// A treemap with drill-down: `path` is the crumbs; clicking a node calls onNode(node). A node is
// {code, name, value (exact, for the area), text (the API's display text), share, unit}.
function treemap(id, crumbId, nodes, path, onNode, onCrumb) {
  const crumb = $(crumbId);
  crumb.replaceChildren();
  path.forEach((c, i) => {
    if (i) crumb.append(' › ');
    const a = document.createElement('a');
    a.textContent = c.label;
    a.dataset.level = String(i);
    if (i < path.length - 1) a.addEventListener('click', () => onCrumb(i));
    crumb.appendChild(a);
  });
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const c = chart(id);
  c.off('click');
  c.setOption({
    animation: false,
    tooltip: { formatter: (e) => {
      const n = byName.get(e.name);
      return n ? `${n.name}<br>${n.text}${n.share ? `<br>${t('share')}: ${n.share}` : ''}` : e.name;
    } },
    series: [{
      type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, width: '100%', height: '100%', top: 0, left: 0,
      label: { show: true, formatter: (e) => { const n = byName.get(e.name); return n ? `${e.name}\n${n.text}` : e.name; }, overflow: 'truncate' },
      upperLabel: { show: false },
      itemStyle: { borderColor: '#fff', borderWidth: 1, gapWidth: 1 },
      data: nodes.map((n, i) => ({ name: n.name, value: geometry(n.value), code: n.code, drill: Boolean(onNode && (n.unit !== false)),
        itemStyle: { color: n.unit === false ? '#9aa5b1' : ['#1f5fa8', '#3d7cc4', '#5b8fd0', '#7aa5da', '#e08a1e', '#c96f12', '#1f7a3d', '#4b9a63'][i % 8] } })),
    }],
  }, true);
  c.on('click', (e) => { const n = byName.get(e.name); if (n && onNode && n.unit !== false) onNode(n); });
  $(id).dataset.nodes = JSON.stringify(nodes.map((n) => [n.code, n.value, n.text, n.name]));
  $(id).dataset.level = String(path.length - 1);
}

const node = (x, code) => ({ code, name: code === x.name ? code : `${code} ${x.name}`, value: x.value, text: shown(x, 'value_text'), share: shown(x, 'share_pct') });

// Products: HS section -> chapter -> heading. A section's figures are one query over its
// chapters (the API's exact total and display text, not a sum made here).
async function productTree(gen) {
  await loadHs();
  const rootCrumb = { label: t('all_products') };
  if (state.tmchapter) {
    const r = await query(baseParams({ by: 'hs4', where: [`commodity=${state.tmchapter}`], flow: state.flow, top: 40 }));
    if (gen !== generation) return;
    const ch = hsChapters.get(state.tmchapter);
    const sec = ch ? ch.section : state.section;
    treemap('products-tree', 'products-crumb', r.rows.map((x) => node(x, x.hs4)),
      [rootCrumb, { label: sec }, { label: state.tmchapter }], null,
      (i) => { state.tmchapter = null; if (i === 0) state.section = null; else state.section = sec; update(); });
    return;
  }
  const r = await query(baseParams({ by: 'hs2', flow: state.flow }));
  if (gen !== generation) return;
  const secOf = (code) => (hsChapters.get(code) || { section: '?' }).section;
  if (state.section) {
    const rows = r.rows.filter((x) => secOf(x.hs2) === state.section);
    treemap('products-tree', 'products-crumb', rows.map((x) => node(x, x.hs2)),
      [rootCrumb, { label: state.section }], (n) => { state.tmchapter = n.code; update(); }, () => { state.section = null; update(); });
    return;
  }
  const bySec = new Map();
  for (const x of r.rows) {
    const s = secOf(x.hs2);
    if (!bySec.has(s)) bySec.set(s, []);
    bySec.get(s).push(x.hs2);
  }
  const rs = await Promise.all([...bySec].map(([s, chs]) => query(baseParams({ where: [`commodity=${chs.join(',')}`], flow: state.flow }))
    .then((q) => ({ code: s, name: `${s} ${hsSections.has(s) ? title(hsSections.get(s)) : ''}`, value: q.total.value, text: shown(q.total, 'value_text'), share: shown(q.total, 'share_pct') }))));
  if (gen !== generation) return;
  const nodes = rs.sort((a, b) => geometry(b.value) - geometry(a.value));
  treemap('products-tree', 'products-crumb', nodes, [rootCrumb], (n) => { state.section = n.code; update(); }, null);
}

// The blocs of the partner views, for any reporter: the reference data's partner groups in their
// own order, each kept only when it shares no member with a group kept before, so the blocs do
// not overlap and each country counts once (the engine's `units` rule: first listed wins).
function disjointBlocs() {
  const taken = new Set();
  const out = [];
  for (const g of groups) {
    const ms = (g.members || []).map((m) => m.code);
    if (!ms.length || ms.some((m) => taken.has(m))) continue;
    ms.forEach((m) => taken.add(m));
    out.push(g.code);
  }
  return out;
}

// Partners: blocs (ranked as single partners) beside the countries in none of them; a bloc
// drills down to its members.
async function partnerTree(gen) {
  const blocs = disjointBlocs();
  const rootCrumb = { label: t('all_partners') };
  if (state.pbloc && blocs.includes(state.pbloc)) {
    const r = await query(baseParams({ by: 'partner', where: [`partner_group=${state.pbloc}`], flow: state.flow }));
    if (gen !== generation) return;
    treemap('partners-tree', 'ptree-crumb', r.rows.map((x) => ({ ...node(x, x.partner), name: x.name })), [rootCrumb, { label: state.pbloc }], null,
      () => { state.pbloc = null; update(); });
    return;
  }
  const r = await query(baseParams({ by: 'partner', units: blocs.length ? [blocs.join(',')] : [], flow: state.flow }));
  if (gen !== generation) return;
  const nodes = r.rows.map((x) => ({ ...node(x, x.partner), name: x.name, unit: x.unit === true }));
  treemap('partners-tree', 'ptree-crumb', nodes, [rootCrumb], (n) => { state.pbloc = n.code; update(); }, null);
}

// The bulletin for the selection (JSON for its groupings, HTML shown and linked), or null.
// The bulletin refuses a period whose months (or comparison months) the data do not all hold:
// then it is not asked for (a refused request would be a console error).
const bulletinPossible = (head) => state.reporter && !(head.coverage && head.coverage.complete === false);
async function bulletinJson(gen, head) {
  if (!bulletinPossible(head)) return null;
  const p = new URLSearchParams({ dataset: state.dataset, period: state.period, reporter: state.reporter, lang: state.lang, format: 'json', benchmark: state.benchmark || '' });
  const res = await fetch('/api/v1/bulletin?' + p.toString());
  if (gen !== generation || !res.ok) return null;
  return res.json();
}

// Trade modes and enterprise types in the bulletin's groupings: each item the bulletin reports
// (its `modes.trade.*` / `modes.enterprise.*` figures) is asked again with the bulletin's own
// query arguments and the view's flow. Without a bulletin: the dimension as the data hold it.
async function modes(gen, b, prefix, dim, chartId, tableId, panelId) {
  const items = new Map();
  for (const f of (b ? b.figures : [])) {
    const m = f.id.startsWith(prefix) && f.id.slice(prefix.length).split('.');
    if (m && !items.has(m[0])) items.set(m[0], f);
  }
  if (!items.size) {
    const r = await simple(gen, dim, chartId, tableId);
    if (r) $(panelId).hidden = r.rows.every((x) => !x[dim] || x[dim] === 'unknown') || r.rows.length < 2;
    return;
  }
  const rs = await Promise.all([...items].map(async ([code, f]) => {
    const a = f.query.args;
    const p = baseParams({ flow: state.flow });
    for (let i = 0; i + 1 < a.length; i += 2) {
      const k = a[i].replace(/^--/, '');
      if (k === 'where') p.append('where', a[i + 1]);
    }
    const r = await query(p);
    return { code, r, label: f.label, where: p.getAll('where') };
  }));
  if (gen !== generation) return;
  $(panelId).hidden = false;
  // Rows from several queries: no one unit (no result `display`), each value its sentence text.
  const result = {
    scope: { by: ['code'] }, currency: rs.length ? rs[0].r.currency : state.currency,
    rows: rs.map(({ code, r, label }) => ({ code, name: label, value: r.total.value, growth_pct: r.total.growth_pct, share_pct: r.total.share_pct, display: r.total.display })),
  };
  bars(chartId, result);
  table($(tableId), result, baseParams({ by: dim, flow: state.flow }));
}

async function bulletin(gen, b, head) {
  const p = new URLSearchParams({ dataset: state.dataset, period: state.period, lang: state.lang, format: 'html', benchmark: state.benchmark || '' });
  if (state.reporter) p.set('reporter', state.reporter);
  const div = $('bulletin');
  const link = $('bulletin-link');
  link.href = '/api/v1/bulletin?' + p.toString();
  // The bulletin exists for a region's release; ask only when there is one to ask for.
  if (!state.reporter) { div.textContent = t('no_bulletin') + t('reporter'); link.hidden = true; return; }
  if (!b) { div.textContent = t('no_bulletin') + t('coverage'); link.hidden = true; return; }
  const res = await fetch('/api/v1/bulletin?' + p.toString());
  if (gen !== generation) return;
  const text = await res.text();
  if (!res.ok) { div.textContent = t('no_bulletin') + (JSON.parse(text).error?.message ?? res.status); link.hidden = true; return; }
  link.hidden = false;
  const frame = document.createElement('iframe');
  // No scripts; same origin so the browser renders it in-process (and in screenshots).
  frame.setAttribute('sandbox', 'allow-same-origin');
  frame.title = t('bulletin');
  frame.srcdoc = text;
  div.replaceChildren(frame);
}

function translate() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('lang').textContent = state.lang === 'zh' ? 'English' : '中文';
}

async function update() {
  const gen = ++generation;
  writeUrl();
  translate();
  $('api-link').href = '/api/v1/query?' + baseParams({ by: 'flow' }).toString();
  status(t('loading'));
  document.body.dataset.ready = 'false';
  try {
    const head = await headline(gen);
    if (!head) return;
    const b = await bulletinJson(gen, head);
    await Promise.all([
      trend(gen),
      worldPanel(gen),
      chinaPanel(gen),
      partners(gen),
      simple(gen, 'partner_group', 'groups-chart', 'groups-table', { top: 15 }),
      regions(gen),
      simple(gen, 'category', 'categories-chart', 'categories-table'),
      chapters(gen),
      productTree(gen),
      partnerTree(gen),
      modes(gen, b, 'modes.trade.', 'trade_mode_class', 'modes-chart', 'modes-table', 'modes-panel'),
      modes(gen, b, 'modes.enterprise.', 'enterprise_type', 'enterprises-chart', 'enterprises-table', 'enterprises-panel'),
      bulletin(gen, b, head),
    ]);
    if (gen !== generation) return;
    status(`${head.dataset} · ${head.scope.reporter_name ?? t('all')} · ${head.period.label} (${head.period.from}..${head.period.to}) · ${head.currency}`);
    Object.values(charts).forEach((c) => c.resize());
    document.body.dataset.ready = 'true';
  } catch (e) {
    if (gen !== generation) return;
    status(t('error') + e.message, true);
    document.body.dataset.ready = 'error';
  }
}

async function main() {
  readUrl();
  translate();
  try {
    info = await getJson('/api/v1/info');
    if (!info.datasets.length) { status('The store has no datasets yet: tradestat load STORE --dataset NAME FILE', true); return; }
    groups = (await getJson('/api/v1/ref/groups')).items;
    await fillSelectors();
  } catch (e) {
    status(t('error') + e.message, true);
    document.body.dataset.ready = 'error';
    return;
  }
  const on = (id, key, reset = false) => $(id).addEventListener('change', async (e) => {
    document.body.dataset.ready = 'false';
    state[key] = e.target.value;
    if (reset) { state.bloc = null; state.chapter = null; state.section = null; state.tmchapter = null; state.pbloc = null; }
    if (key === 'dataset') { state.period = null; state.reporter = null; state.benchmark = null; state.currency = null; }
    if (key === 'dataset' || key === 'period') await fillSelectors();
    update();
  });
  on('dataset', 'dataset', true);
  on('reporter', 'reporter');
  on('flow', 'flow');
  on('currency', 'currency');
  on('benchmark', 'benchmark');
  on('map-measure', 'measure');
  on('map-bloc', 'mbloc');
  on('trend-mode', 'trend');
  on('trend-grain', 'grain');
  // The period menu; "range" shows two month menus whose choice makes a `from..to` period.
  const range = () => `${$('range-from').value}..${$('range-to').value}`;
  $('period').addEventListener('change', async (e) => {
    document.body.dataset.ready = 'false';
    if (e.target.value === 'range') { $('range').hidden = false; state.period = range(); } else state.period = e.target.value;
    await fillSelectors();
    update();
  });
  for (const id of ['range-from', 'range-to']) $(id).addEventListener('change', async () => {
    document.body.dataset.ready = 'false';
    if ($('range-from').value > $('range-to').value) $('range-to').value = $('range-from').value;
    state.period = range();
    await fillSelectors();
    update();
  });
  $('lang').addEventListener('click', async () => {
    document.body.dataset.ready = 'false';
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    await fillSelectors();
    update();
  });
  // The form only groups the selectors; it never submits (no inline handler, so the CSP can forbid them).
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  update();
}

// echarts is a deferred classic script; modules run after it, so it is defined here.
main();
