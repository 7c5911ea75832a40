// web/src/app.js: the tradestat dashboard. Every number comes from /api/v1/query (the same JSON
// as `tradestat query --format json`); the page only lays it out. The URL's query string holds
// the view (dataset, reporter, period, flow, currency, benchmark, lang, bloc, chapter) so it
// can be shared; every table links to /api/v1/export for CSV and XLSX.
import { WORDS, currencyWord } from './i18n.js';
import { bigMoney, tableMoney, pct, chartNumber } from './format.js';

const $ = (id) => document.getElementById(id);
const KEYS = ['dataset', 'reporter', 'period', 'flow', 'currency', 'benchmark', 'lang', 'bloc', 'chapter'];
const state = Object.fromEntries(KEYS.map((k) => [k, null]));
let info = null;
let groupCodes = new Set();
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
  for (const k of KEYS) if (state[k] !== null && state[k] !== '' ) p.set(k, state[k]);
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
}

function dataset() {
  return info.datasets.find((d) => d.name === state.dataset);
}

// Period choices from the dataset's last month: year to date, half, quarter, month, full years.
function periodChoices(d) {
  const out = [];
  if (!d.last_period) return out;
  const [y, m] = d.last_period.split('-').map(Number);
  const mm = String(m).padStart(2, '0');
  if (m === 6) out.push(`${y}H1`);
  if (m === 12) out.push(`${y}`);
  out.push(`${y}-${mm}:ytd`);
  if (m % 3 === 0) out.push(`${y}Q${m / 3}`);
  out.push(`${y}-${mm}`);
  const first = Number(d.first_period.slice(0, 4));
  for (let yy = (m === 12 ? y - 1 : y - 1); yy >= first + 1 && out.length < 12; --yy) out.push(`${yy}`, `${yy}H1`);
  return [...new Set(out)];
}

async function fillSelectors() {
  const ds = $('dataset'), rep = $('reporter'), per = $('period'), cur = $('currency'), ben = $('benchmark');
  for (const s of [ds, rep, per, cur, ben]) s.replaceChildren();
  const names = info.datasets.map((d) => d.name);
  if (!state.dataset || !names.includes(state.dataset)) state.dataset = names.includes('hunan') ? 'hunan' : names[0];
  names.forEach((n) => option(ds, n, n, n === state.dataset));
  const d = dataset();
  const periods = periodChoices(d);
  if (!state.period) state.period = periods[0];
  if (!periods.includes(state.period)) periods.unshift(state.period);
  periods.forEach((p) => option(per, p, p, p === state.period));
  if (!state.currency || !d.currencies.includes(state.currency)) state.currency = d.currencies[0];
  d.currencies.forEach((c) => option(cur, c, c, c === state.currency));
  if (!state.flow) state.flow = 'total';
  $('flow').value = state.flow;
  const others = names.filter((n) => n !== state.dataset);
  if (state.benchmark === null) state.benchmark = others.includes('china') ? 'china' : '';
  option(ben, '', t('none'), state.benchmark === '');
  others.forEach((n) => option(ben, n, n, n === state.benchmark));
  // Reporters present in the data; their province when they are prefectures of one province.
  const r = await query(new URLSearchParams({ dataset: state.dataset, period: state.period, by: 'reporter', lang: state.lang, compare: 'none' }));
  const codes = r.rows.map((x) => x.reporter);
  const provinces = [...new Set(codes.filter((c) => /^\d{6}$/.test(c) && !c.endsWith('0000')).map((c) => c.slice(0, 2) + '0000'))];
  if (state.reporter === null) state.reporter = provinces.length === 1 ? provinces[0] : '';
  option(rep, '', t('all'), state.reporter === '');
  for (const p of provinces) option(rep, p, p, p === state.reporter);
  for (const x of r.rows) option(rep, x.reporter, x.name, x.reporter === state.reporter);
  if (![...rep.options].some((o) => o.value === state.reporter)) option(rep, state.reporter, state.reporter, true);
}

function exportLinks(params) {
  const div = document.createElement('div');
  div.className = 'downloads';
  div.append('⤓');
  for (const f of ['csv', 'xlsx']) {
    const a = document.createElement('a');
    const p = new URLSearchParams(params);
    p.set('format', f);
    a.href = '/api/v1/export?' + p.toString();
    a.textContent = f.toUpperCase();
    a.setAttribute('download', '');
    a.dataset.format = f;
    div.appendChild(a);
  }
  return div;
}

// A ranked table of result rows; onClick(row) makes rows for which drill(row) is true clickable.
function table(el, result, params, { drill = null, onClick = null, average = null } = {}) {
  const dims = result.scope.by;
  const unit = `${t('value')} (${t('unit_table')} ${currencyWord(state.lang, result.currency)})`;
  const tb = document.createElement('table');
  tb.innerHTML = `<thead><tr><th>${t('code')}</th><th>${t('name')}</th><th>${unit}</th><th>${t('growth')}</th><th>${t('share')}</th></tr></thead>`;
  const body = document.createElement('tbody');
  for (const row of result.rows) {
    const tr = document.createElement('tr');
    const code = dims.map((d) => row[d]).join(' / ');
    const cells = [code, row.name, tableMoney(row.value, state.lang), pct(row.growth_pct), pct(row.share_pct, false)];
    cells.forEach((c, i) => {
      const td = document.createElement('td');
      td.textContent = c;
      if (i === 3) td.className = 'g';
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
  tb.appendChild(body);
  el.replaceChildren(tb, exportLinks(params));
}

function chart(id) {
  if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return charts[id];
}

function bars(id, result, { onClick = null, average = null, growth = false } = {}) {
  const rows = result.rows.slice(0, 15).reverse();
  const values = rows.map((r) => (growth ? (r.growth_pct === null ? null : Number(r.growth_pct.toFixed(2))) : chartNumber(r.value, state.lang)));
  const c = chart(id);
  c.off('click');
  c.setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: growth ? '%' : t('unit_table'), nameGap: 4 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{
      type: 'bar', data: values.map((v, i) => ({ value: v, itemStyle: { color: growth ? (v >= average ? '#b4232a' : '#1f7a3d') : rows[i].unit ? '#e08a1e' : '#1f5fa8' } })),
      markLine: average === null ? undefined : { symbol: 'none', data: [{ xAxis: Number(average.toFixed(2)), name: t('average') }], label: { formatter: `${t('average')} ${pct(average)}` } },
    }],
  }, true);
  if (onClick) c.on('click', (e) => onClick(rows[e.dataIndex]));
}

function pie(id, result) {
  chart(id).setOption({
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
    series: [{ type: 'pie', radius: ['35%', '70%'], data: result.rows.map((r) => ({ name: r.name, value: chartNumber(r.value, state.lang) })), label: { formatter: '{b}\n{d}%' } }],
  }, true);
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

function growthClass(g) { return g === null ? '' : g >= 0 ? 'up' : 'down'; }

async function headline(gen) {
  const p = baseParams({ by: 'flow', benchmark: state.benchmark });
  const r = await query(p);
  if (gen !== generation) return null;
  const money = (v) => `${bigMoney(v, state.lang)}${t('unit_big')} ${currencyWord(state.lang, r.currency)}`.replace(' 元', '元').replace('亿 ', '亿');
  const row = (f) => r.rows.find((x) => x.flow === f) || { value: 0, growth_pct: null };
  const sel = state.flow === 'total' ? r.total : row(state.flow);
  const cards = [
    ['total', t('card_total'), r.total], ['X', t('card_X'), row('X')], ['M', t('card_M'), row('M')],
  ].map(([k, label, m]) => {
    const c = card(label, money(m.value), m.growth_pct === null ? '' : `${t('yoy')} ${pct(m.growth_pct, true, true)}%`, growthClass(m.growth_pct), m.value);
    c.id = `card-${k}`;
    c.dataset.growth = m.growth_pct === null ? '' : String(m.growth_pct);
    return c;
  });
  const g = card(`${t('card_growth')} (${t('flow_' + state.flow)})`, sel.growth_pct === null ? '–' : `${pct(sel.growth_pct, true, true)}%`, t('yoy'), '', sel.growth_pct);
  g.id = 'card-growth';
  cards.push(g);
  const gap = sel.vs_benchmark_pp;
  const bg = r.benchmark ? r.benchmark.growth_pct : null;
  const gc = card(t('card_gap'), gap === undefined || gap === null ? '–' : `${pct(gap, true, true)} ${t('pp')}`,
    bg === null || bg === undefined ? '' : `${t('benchmark_growth')} ${state.benchmark}: ${pct(bg, true, true)}%`, growthClass(gap ?? null), gap);
  gc.id = 'card-gap';
  cards.push(gc);
  $('cards').replaceChildren(...cards);
  return r;
}

async function trend(gen, to) {
  const [y] = to.split('-');
  const r = await query(baseParams({ period: `${y}-01..${to}`, by: 'period', flow: state.flow }));
  if (gen !== generation) return;
  const months = r.rows.map((x) => x.period);
  chart('trend-chart').setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [`${t('this_year')} ${y}`, `${t('last_year')} ${y - 1}`] },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.slice(5)) },
    yAxis: { type: 'value', name: t('unit_table') },
    series: [
      { name: `${t('this_year')} ${y}`, type: 'line', data: r.rows.map((x) => chartNumber(x.value, state.lang)), symbolSize: 6 },
      { name: `${t('last_year')} ${y - 1}`, type: 'line', data: r.rows.map((x) => chartNumber(x.value_prev, state.lang)), lineStyle: { type: 'dashed' }, symbolSize: 6 },
    ],
  }, true);
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
    const units = ['ASEAN', 'EU'].filter((u) => groupCodes.has(u));
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

async function simple(gen, by, chartId, tableId, kind, extra = {}) {
  const p = baseParams({ by, flow: state.flow, ...extra });
  const r = await query(p);
  if (gen !== generation) return;
  if (kind === 'pie') pie(chartId, r); else bars(chartId, r);
  table($(tableId), r, p);
}

async function regions(gen) {
  const p = baseParams({ by: 'reporter', flow: state.flow });
  const r = await query(p);
  if (gen !== generation) return;
  const avg = r.total.growth_pct;
  const sorted = { ...r, rows: [...r.rows].sort((a, b) => (b.growth_pct ?? -1e9) - (a.growth_pct ?? -1e9)) };
  bars('regions-chart', sorted, { growth: true, average: avg });
  table($('regions-table'), r, p, { average: avg });
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

async function bulletin(gen) {
  const p = new URLSearchParams({ dataset: state.dataset, period: state.period, lang: state.lang, format: 'html', benchmark: state.benchmark || '' });
  if (state.reporter) p.set('reporter', state.reporter);
  const div = $('bulletin');
  // The bulletin exists for a region's release; ask only when there is one to ask for.
  if (!state.reporter) { div.textContent = t('no_bulletin') + t('reporter'); return; }
  const res = await fetch('/api/v1/bulletin?' + p.toString());
  if (gen !== generation) return;
  const text = await res.text();
  if (!res.ok) { div.textContent = t('no_bulletin') + (JSON.parse(text).error?.message ?? res.status); return; }
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
    await Promise.all([
      trend(gen, head.period.to),
      partners(gen),
      simple(gen, 'partner_group', 'groups-chart', 'groups-table', 'bars', { top: 15 }),
      regions(gen),
      simple(gen, 'category', 'categories-chart', 'categories-table', 'bars'),
      chapters(gen),
      simple(gen, 'trade_mode_class', 'modes-chart', 'modes-table', 'pie'),
      simple(gen, 'enterprise_type', 'enterprises-chart', 'enterprises-table', 'pie'),
      bulletin(gen),
    ]);
    if (gen !== generation) return;
    status(`${head.dataset} · ${head.scope.reporter_name ?? t('all')} · ${head.period.label} (${head.period.from}..${head.period.to}) · ${head.currency}`);
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
    const groups = await getJson('/api/v1/ref/groups');
    groupCodes = new Set(groups.items.map((g) => g.code));
    await fillSelectors();
  } catch (e) {
    status(t('error') + e.message, true);
    document.body.dataset.ready = 'error';
    return;
  }
  const on = (id, key, reset = false) => $(id).addEventListener('change', async (e) => {
    document.body.dataset.ready = 'false';
    state[key] = e.target.value;
    if (reset) { state.bloc = null; state.chapter = null; }
    if (key === 'dataset') { state.period = null; state.reporter = null; state.benchmark = null; state.currency = null; }
    if (key === 'dataset' || key === 'period') await fillSelectors();
    update();
  });
  on('dataset', 'dataset', true);
  on('reporter', 'reporter');
  on('period', 'period');
  on('flow', 'flow');
  on('currency', 'currency');
  on('benchmark', 'benchmark');
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
