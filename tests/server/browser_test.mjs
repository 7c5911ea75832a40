// tests/server/browser_test.mjs: the dashboard in a real browser (ctest: server_dashboard_browser).
//
// Builds the demo store (`tradestat demo`), starts `tradestat serve` on a free port, opens the
// dashboard in headless Debian Chromium driven by playwright-core (no browser download), and
// checks: no console errors, the headline cards equal the bulletin's figures (the same strings),
// every number shown is the API's display text (tables, map hovers, treemaps, trend), a selector switch
// (flow) and two drill-downs (bloc -> members, chapter -> headings) update the view and the URL,
// the language switch, and saves a screenshot.
//
//   node tests/server/browser_test.mjs --binary TRADESTAT --work DIR --node-modules DIR
//        --chromium /usr/bin/chromium --screenshot OUT.png
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { args, freshDir, mustRun, serve } from './common.mjs';

const a = args();
const require = createRequire(resolve(a['node-modules']) + '/');
const { chromium } = require('playwright-core');
const work = freshDir(a.work);

// The demo store is reused between runs when it is already built (it takes a while).
// `--url URL` instead runs against a dashboard already serving the demo store (development).
const demoDir = a['demo-dir'] || `${work}/demo`;
if (!a.url && !existsSync(`${demoDir}/store/MANIFEST`)) mustRun(a.binary, ['demo', '--dir', demoDir, '--quiet']);
const store = `${demoDir}/store`;
// Pictures of the new views (docs/dashboard-*.png are copies): beside the main screenshot.
const shots = a.shots || dirname(resolve(a.screenshot));
mkdirSync(shots, { recursive: true });
const server = a.url ? { url: a.url, stop: async () => {} } : await serve(a.binary, store);
const bulletin = await (await fetch(`${server.url}/api/v1/bulletin?format=json&period=2023H1&reporter=430000&dataset=hunan&benchmark=china`)).json();
const groupsRef = await (await fetch(`${server.url}/api/v1/ref/groups`)).json();
const figure = (id) => {
  const f = bulletin.figures.find((x) => x.id === id);
  assert.ok(f, `bulletin has no figure ${id}; ids: ${bulletin.figures.map((x) => x.id).slice(0, 20).join(', ')}`);
  return f;
};

const browser = await chromium.launch({
  executablePath: a.chromium || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  // Anything not served by our server would be a run-time network access.
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('about:')) problems.push(`external request: ${r.url()}`); });
  if (process.env.DEBUG_TIMING) {
    page.on('requestfinished', (r) => { const t = r.timing(); console.log(`  ${Math.round(t.responseEnd)} ms ${r.url().replace(server.url, '').slice(0, 110)}`); });
  }
  const ready = async () => {
    await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error', null, { timeout: 60000 });
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#status'));
  };

  const t0 = Date.now();
  await page.goto(`${server.url}/?dataset=hunan&reporter=430000&period=2023H1&benchmark=china`);
  await ready();
  console.log(`dashboard ready in ${Date.now() - t0} ms`);

  // Headline cards against the bulletin's figures: exact values, and the very strings the
  // bulletin prints (money as its sentences write it; growth as "up/down <the bulletin's %>").
  const num = (s) => Number(String(s).replace(/[^0-9.+-]/g, '').replace(/^\+/, ''));
  const card = async (id) => page.evaluate((i) => {
    const el = document.getElementById(i);
    return { exact: el.dataset.exact, value: el.querySelector('.value').textContent, growth: el.dataset.growth, growthText: el.dataset.growthText };
  }, id);
  // The bulletin's growth figure (a magnitude, "7.6%") as a headline says it.
  const growthWords = (f, lang) => {
    const v = Number(f.value);
    if (num(f.display) === 0) return lang === 'zh' ? '持平' : 'flat';
    return lang === 'zh' ? `${v > 0 ? '增长' : '下降'}${f.display}` : `${v > 0 ? 'up' : 'down'} ${f.display}`;
  };
  const headlineCards = async (fig, lang) => {
    const total = await card('card-total');
    const ft = fig('headline.total');
    assert.equal(Number(total.exact), Number(ft.value), 'total');
    assert.equal(total.value, ft.display, `total as printed: ${total.value} vs the bulletin's ${ft.display}`);
    const growth = await card('card-growth');
    const fg = fig('headline.growth');
    assert.ok(Math.abs(Number(growth.exact) - Number(fg.value)) < 1e-9, `growth ${growth.exact} vs ${fg.value}`);
    assert.equal(growth.value, growthWords(fg, lang), `growth as printed: ${growth.value} vs the bulletin's ${fg.display}`);
    for (const [cardId, id] of [['card-X', 'flows.exports'], ['card-M', 'flows.imports']]) {
      const f = fig(id);
      const c = await card(cardId);
      assert.equal(Number(c.exact), Number(f.value), `${cardId} vs ${id}`);
      assert.equal(c.value, f.display, `${cardId} as printed: ${c.value} vs the bulletin's ${f.display}`);
      const g = fig(`${id}_growth`);
      assert.ok(Math.abs(Number(c.growth) - Number(g.value)) < 1e-9, `${cardId} growth`);
      assert.equal(c.growthText, growthWords(g, lang), `${cardId} growth as printed`);
    }
    return { total, growth };
  };
  const { total, growth } = await headlineCards(figure, 'en');
  const gap = await card('card-gap');
  const fp = bulletin.figures.find((x) => x.id === 'headline.vs_benchmark_pp');
  if (fp) {
    assert.ok(Math.abs(Number(gap.exact) - Number(fp.value)) < 1e-9, `gap ${gap.exact} vs ${fp.value}`);
    assert.equal(Math.abs(num(gap.value)), num(fp.display), `gap as printed: ${gap.value} vs ${fp.display}`);
  }
  console.log(`ok   headline cards print the bulletin's strings (total ${total.value}, growth ${growth.value}, gap ${gap.value})`);

  // The bulletin is shown, and says the same total.
  const frame = await (await page.waitForSelector('#bulletin iframe')).contentFrame();
  await frame.waitForLoadState('load');
  const bulletinText = await frame.evaluate(() => document.body.innerText);
  assert.ok(bulletinText.includes(total.value), `the bulletin view does not show ${total.value}`);
  console.log('ok   the bulletin view shows the bulletin');

  await page.screenshot({ path: a.screenshot, fullPage: true });
  console.log(`ok   screenshot ${a.screenshot}`);

  // Every table offers CSV and XLSX.
  const tables = await page.$$eval('.table', (els) => els.map((e) => [e.id, e.querySelectorAll('a[data-format]').length, e.querySelectorAll('tbody tr').length]));
  for (const [id, links, rows] of tables) {
    assert.equal(links, 2, `${id} has ${links} download links`);
    assert.ok(rows > 0, `${id} is empty`);
  }
  const csvHref = await page.getAttribute('#partners-table a[data-format=csv]', 'href');
  const csv = await fetch(server.url + csvHref);
  assert.equal(csv.status, 200);
  console.log('ok   every table has rows and CSV/XLSX downloads');

  // ---- issue 18: maps, treemaps, trend, tables, pictures, the bulletin's groupings ----
  const api = async (q) => (await fetch(`${server.url}/api/v1/query?${q}&display=true`)).json();
  // Every table's cells are the API's display text for the table's own query (its CSV link).
  {
    const ids = await page.$$eval('.table', (els) => els.filter((e) => e.querySelector('a[data-format=csv]')).map((e) => e.id));
    let checked = 0;
    for (const id of ids) {
      const href = await page.getAttribute(`#${id} a[data-format=csv]`, 'href');
      const q = new URLSearchParams(href.split('?')[1]);
      q.delete('format');
      q.set('display', 'true');
      if (q.get('by') === 'trade_mode_class' || q.get('by') === 'enterprise_type') continue;  // the bulletin's groupings (below)
      const r = await (await fetch(`${server.url}/api/v1/query?${q}`)).json();
      const cells = await page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
      const head = await page.$eval(`#${id} th:nth-child(3)`, (th) => th.textContent);
      assert.ok(head.includes(r.display.unit), `${id}: header ${head} names the API's unit ${r.display.unit}`);
      assert.equal(cells.length, r.rows.length, `${id}: rows`);
      r.rows.forEach((x, i) => {
        assert.deepEqual(cells[i].slice(2), [x.display.value, x.display.growth_pct ?? '', x.display.share_pct ?? ''], `${id} row ${i}`);
      });
      checked += 1;
    }
    assert.ok(checked >= 4, `tables checked: ${checked}`);
    console.log(`ok   ${checked} tables show the API's display text cell for cell`);
  }
  const base = 'dataset=hunan&reporter=430000&period=2023H1&lang=en&currency=CNY';
  // The tooltip's "Value: N unit" back in yuan, with the half-unit of its last decimal.
  const UNIT = { trillion: 1e12, billion: 1e9, million: 1e6 };
  const tooltipValue = (text) => {
    const m = /Value: ([\d,]+(?:\.(\d+))?) (trillion|billion|million)/.exec(text);
    assert.ok(m, `no value in the tooltip: ${text}`);
    const u = UNIT[m[3]];
    return { value: Number(m[1].replace(/,/g, '')) * u, tolerance: 0.5 * u / 10 ** (m[2] ? m[2].length : 0) + 1e-6 * u };
  };
  // Hovers the map at a longitude/latitude; returns the tooltip's text.
  const hoverMap = async (id, lonLat) => {
    const box = await page.locator(`#${id}`).boundingBox();
    const [x, y] = await page.evaluate(([i, ll]) => echarts.getInstanceByDom(document.getElementById(i)).convertToPixel({ seriesIndex: 0 }, ll), [id, lonLat]);
    await page.mouse.move(box.x + x, box.y + y);
    await page.waitForTimeout(300);
    return page.evaluate((i) => {
      const tip = [...document.querySelectorAll(`#${i} > div`)].find((d) => d.style.zIndex === '9999999' || /pointer-events/.test(d.getAttribute('style') || '') && d.innerText.includes('Value'));
      return tip ? tip.innerText : '';
    }, id);
  };
  // The hover's lines are the API's display text: "Value: 51.23 billion yuan", growth, share.
  const hoverLines = (x, unit) => [`Value: ${x.display.value} ${unit}`, `Growth %: ${x.display.growth_pct ?? '–'}`, `Share %: ${x.display.share_pct ?? '–'}`];
  {
    await page.locator('#world-chart').scrollIntoViewIfNeeded();
    const text = await hoverMap('world-chart', [-100, 40]);
    const pr = await api(`${base}&by=partner&flow=total`);
    const usa = pr.rows.find((r) => r.partner === 'USA');
    assert.match(text, /USA/);
    const v = tooltipValue(text);
    assert.ok(Math.abs(v.value - usa.value) <= v.tolerance, `world map hover ${text} vs API ${usa.value}`);
    assert.deepEqual(text.split('\n').slice(1), hoverLines(usa, pr.display.unit), 'world map hover text = API display text');
    console.log(`ok   world map: hover on the United States shows ${text.split('\n')[1]} = API ${usa.value}`);
    // A bloc highlighted on selection.
    await page.selectOption('#map-bloc', 'ASEAN');
    await ready();
    const outlined = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById('world-chart')).getOption().series[0].data.filter((d) => d.itemStyle && d.itemStyle.borderWidth === 2).map((d) => d.name));
    assert.ok(outlined.includes('VNM') && outlined.includes('THA') && !outlined.includes('USA'), `ASEAN outlined: ${outlined}`);
    await page.selectOption('#map-measure', 'growth');
    await ready();
    assert.match(page.url(), /measure=growth/);
    console.log(`ok   world map: ASEAN outlined (${outlined.length} countries), coloured by growth`);
  }
  {
    await page.locator('#china-chart').scrollIntoViewIfNeeded();
    assert.equal(await page.getAttribute('#china-chart', 'data-map'), 'ts-cn-430000');
    const text = await hoverMap('china-chart', [112.95, 28.15]);
    const rr = await api(`${base}&by=reporter&flow=total`);
    const row = rr.rows.find((r) => r.reporter === '430100');
    assert.match(text, /430100/);
    const v = tooltipValue(text);
    assert.ok(Math.abs(v.value - row.value) <= v.tolerance, `prefecture map hover ${text} vs API ${row.value}`);
    assert.deepEqual(text.split('\n').slice(1), hoverLines(row, rr.display.unit), 'prefecture map hover text = API display text');
    console.log(`ok   prefecture map: hover shows ${text.split('\n')[0]} ${text.split('\n')[1]} = API ${row.value}`);
    await page.locator('#china-panel').screenshot({ path: `${shots}/dashboard-prefectures.png` });
  }
  // Treemap drill-down: products section -> chapter -> heading; partners bloc -> country.
  // Clicks the largest node (of those whose code is in `codes`, when given).
  const clickTreeNode = async (id, codes = null) => {
    const box = await page.locator(`#${id}`).boundingBox();
    const l = await page.evaluate(([i, only]) => {
      const c = echarts.getInstanceByDom(document.getElementById(i));
      const data = c.getModel().getSeriesByIndex(0).getData();
      const code = new Map(JSON.parse(document.getElementById(i).dataset.nodes).map((n) => [n[3], n[0]]));
      let best = null;
      for (let k = 0; k < data.count(); ++k) {
        const lay = data.getItemLayout(k);
        if (only && !only.includes(code.get(data.getName(k)))) continue;
        if (lay && k > 0 && (!best || lay.width * lay.height > best.width * best.height)) best = { ...lay, k };
      }
      return best;
    }, [id, codes]);
    await page.mouse.click(box.x + l.x + l.width / 2, box.y + l.y + l.height / 2);
    await ready();
  };
  const nodes = (id) => page.evaluate((i) => JSON.parse(document.getElementById(i).dataset.nodes), id);
  const cents = (v) => BigInt(Number(v).toFixed(2).replace('.', ''));
  {
    await page.locator('#products-tree').scrollIntoViewIfNeeded();
    const sections = await nodes('products-tree');
    await page.locator('#products-tree').screenshot({ path: `${shots}/dashboard-treemap.png` });
    await clickTreeNode('products-tree');
    const section = new URL(page.url()).searchParams.get('section');
    assert.ok(section, 'section in the URL');
    const chaptersIn = await nodes('products-tree');
    const hs = await (await fetch(`${server.url}/api/v1/ref/hs?parent=${section}`)).json();
    const inSection = new Set(hs.items.map((x) => x.code));
    assert.ok(chaptersIn.length > 0 && chaptersIn.every(([c]) => inSection.has(c)), `chapters of ${section}: ${chaptersIn}`);
    const secValue = sections.find(([c]) => c === section)[1];
    assert.equal(chaptersIn.reduce((s, [, v]) => s + cents(v), 0n), cents(secValue), 'the section is the sum of its chapters');
    await clickTreeNode('products-tree');
    const ch = new URL(page.url()).searchParams.get('tmchapter');
    const heads = await nodes('products-tree');
    assert.ok(heads.length > 0 && heads.every(([c]) => c.length === 4 && c.startsWith(ch)), `headings of ${ch}: ${heads}`);
    const apiHeads = (await api(`${base}&by=hs4&where=commodity=${ch}&top=40`)).rows;
    assert.equal(heads[0][1], apiHeads[0].value, 'heading value as the API');
    assert.equal(heads[0][2], apiHeads[0].display.value_text, 'heading label as the API\'s display text');
    const secApi = await api(`${base}&where=commodity=${chaptersIn.map(([c]) => c).join(',')}`);
    assert.equal(sections.find(([c]) => c === section)[2], secApi.total.display.value_text, 'section label as the API\'s display text');
    await page.click('#products-crumb a[data-level="0"]');
    await ready();
    assert.ok(!new URL(page.url()).searchParams.get('section') && !new URL(page.url()).searchParams.get('tmchapter'));
    console.log(`ok   product treemap: section ${section} (sum of ${chaptersIn.length} chapters) -> chapter ${ch} -> ${heads.length} headings -> back`);
    await page.locator('#partners-tree').scrollIntoViewIfNeeded();
    // The blocs come from the reference data, not from the page: exactly the groups that share no
    // member with an earlier group, in the reference order.
    const taken = new Set();
    const blocs = [];
    for (const g of groupsRef.items) {
      const ms = g.members.map((m) => m.code);
      if (ms.length && !ms.some((m) => taken.has(m))) { ms.forEach((m) => taken.add(m)); blocs.push(g.code); }
    }
    const top = await nodes('partners-tree');
    const shownBlocs = top.map(([c]) => c).filter((c) => blocs.includes(c));
    assert.ok(shownBlocs.length >= 2, `blocs in the partner treemap: ${shownBlocs}`);
    const apiTop = await api(`${base}&by=partner&units=${blocs.join(',')}`);
    assert.deepEqual(top.map(([c, v, t]) => [c, v, t]), apiTop.rows.map((x) => [x.partner, x.value, x.display.value_text]), 'partner treemap nodes = the API\'s units query');
    await clickTreeNode('partners-tree', blocs);
    const pb = new URL(page.url()).searchParams.get('pbloc');
    const countries = await nodes('partners-tree');
    assert.ok(pb && blocs.includes(pb) && countries.length > 0 && countries.every(([c]) => /^[A-Z]{3}$/.test(c)), `bloc ${pb}: ${countries}`);
    const members = new Set(groupsRef.items.find((g) => g.code === pb).members.map((m) => m.code));
    assert.ok(countries.every(([c]) => members.has(c)), `${pb} members`);
    assert.equal(countries.reduce((s, [, v]) => s + cents(v), 0n), cents(top.find(([c]) => c === pb)[1]), `${pb}: the bloc is the sum of its members`);
    await page.click('#ptree-crumb a[data-level="0"]');
    await ready();
    console.log(`ok   partner treemap: blocs from the reference data (${shownBlocs.join(', ')}), bloc ${pb} -> ${countries.length} countries`);
  }
  // Trend over every month held, then every full year (YoY from the API).
  {
    const info = await (await fetch(`${server.url}/api/v1/info`)).json();
    const months = info.datasets.find((d) => d.name === 'hunan').periods.map((p) => p.period).sort();
    let pts = JSON.parse(await page.getAttribute('#trend-chart', 'data-points'));
    assert.deepEqual(pts.map((p) => p[0]), months, 'monthly trend covers every month held');
    const jan = (await api(`${base.replace('period=2023H1', 'period=2023-01')}&by=flow`)).total;
    const pj = pts.find((p) => p[0] === '2023-01');
    assert.equal(pj[1], jan.value);
    assert.ok(Math.abs(pj[2] - jan.growth_pct) < 1e-9, 'monthly YoY as the API');
    // The whole trend is one series query: values, YoY, MoM and their text as the API gives them.
    const series = await api(`${base.replace('period=2023H1', `period=${months[0]}..${months[months.length - 1]}`)}&by=period&flow=total&sort=period:asc`);
    assert.ok(series.series && series.series.step === 'month', 'the series query answers by month');
    assert.deepEqual(pts, series.rows.map((x) => [x.period, x.value, x.growth_pct, x.mom_pct, `${x.display.value} ${series.display.unit}`, x.display.growth_pct ?? '', x.display.mom_pct ?? '']),
      'trend points = the series query');
    assert.ok(pts.some((p) => p[3] !== null), 'some month-on-month growth');
    await page.selectOption('#trend-mode', 'mom');
    await ready();
    await page.selectOption('#trend-grain', 'year');
    await ready();
    pts = JSON.parse(await page.getAttribute('#trend-chart', 'data-points'));
    const y2022 = (await api(`${base.replace('period=2023H1', 'period=2022')}&by=flow`)).total;
    assert.deepEqual(pts.map((p) => p[0]), ['2022']);
    assert.equal(pts[0][1], y2022.value);
    const ys = await api(`${base.replace('period=2023H1', 'period=2022..2022')}&by=period&flow=total&sort=period:asc`);
    assert.equal(ys.series.step, 'year');
    assert.equal(pts[0][4], `${ys.rows[0].display.value} ${ys.display.unit}`, 'yearly value text = the series query');
    await page.selectOption('#trend-grain', 'month');
    await ready();
    await page.selectOption('#trend-mode', 'value');
    await ready();
    await page.locator('#trend-chart').screenshot({ path: `${shots}/dashboard-trend.png` });
    console.log(`ok   trend: one series query, ${months.length} months (${months[0]}..${months[months.length - 1]}), YoY and MoM as the API, yearly`);
  }
  // Charts as pictures.
  for (const [type, magic] of [['png', '\x89PNG'], ['svg', '<svg']]) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`#trend-chart + .pictures button[data-picture=${type}]`)]);
    const body = readFileSync(await dl.path(), 'latin1');
    assert.ok(body.startsWith(magic), `${type} download starts with ${JSON.stringify(body.slice(0, 8))}`);
    assert.match(dl.suggestedFilename(), new RegExp(`\\.${type}$`));
  }
  console.log('ok   charts save as PNG and SVG');
  // The bulletin's groupings for trade modes and enterprise types, and its published HTML.
  {
    const general = figure('modes.trade.GENERAL.share');
    const privateShare = figure('modes.enterprise.PRIVATE.share');
    const rowOf = async (tid, code) => page.$$eval(`#${tid} tbody tr`, (trs, c) => trs.map((tr) => [...tr.children].map((td) => td.textContent)).find((r) => r[0] === c), code);
    const g = await rowOf('modes-table', 'GENERAL');
    assert.ok(g, 'GENERAL in the trade modes table');
    assert.equal(g[4], general.display, `general trade share ${g[4]} vs the bulletin's ${general.display}`);
    const pr = await rowOf('enterprises-table', 'PRIVATE');
    assert.equal(pr[4], privateShare.display, `private enterprises ${pr[4]} vs ${privateShare.display}`);
    const href = await page.getAttribute('#bulletin-link', 'href');
    assert.match(href, /format=html/);
    const res = await fetch(server.url + href);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    console.log(`ok   trade modes and enterprises in the bulletin's groupings (general trade ${general.display}, private ${privateShare.display}); bulletin link`);
  }
  // Readable tables at 1280 px: growth and share visible, separators, sortable.
  {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(300);
    const fit = await page.$$eval('.table', (els) => els.filter((e) => e.offsetParent).map((e) => {
      const th = e.querySelectorAll('th');
      const box = e.getBoundingClientRect();
      return [e.id, e.scrollWidth <= e.clientWidth + 1 && th[4].getBoundingClientRect().right <= box.right + 1];
    }));
    for (const [id, ok] of fit) assert.ok(ok, `${id}: growth and share not visible at 1280 px`);
    const cells = await page.$$eval('#regions-table tbody td:nth-child(3), #partners-table tbody td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
    assert.ok(cells.every((c) => /^-?\d{1,3}(,\d{3})*\.\d+$/.test(c)), `separators: ${cells}`);
    await page.click('#partners-table th:nth-child(4)');
    const gs = await page.$$eval('#partners-table tbody td:nth-child(4)', (tds) => tds.map((td) => td.dataset.v).filter((v) => v !== '').map(Number));
    assert.ok(gs.every((v, i) => i === 0 || gs[i - 1] >= v), `sorted by growth: ${gs}`);
    await page.click('#partners-table th:nth-child(4)');
    const up = await page.$$eval('#partners-table tbody td:nth-child(4)', (tds) => tds.map((td) => td.dataset.v).filter((v) => v !== '').map(Number));
    assert.ok(up.every((v, i) => i === 0 || up[i - 1] <= v), 'ascending');
    console.log(`ok   tables at 1280 px: ${fit.length} tables show growth and share, separators, sortable`);
    await page.setViewportSize({ width: 1440, height: 1000 });
  }
  await page.locator('#world-panel').screenshot({ path: `${shots}/dashboard-world.png` });

  // Selector: flow -> exports. The URL and the growth card follow.
  await page.selectOption('#flow', 'X');
  await ready();
  assert.match(page.url(), /flow=X/);
  const xGrowth = await card('card-growth');
  const xCard = await card('card-X');
  assert.equal(xGrowth.exact, xCard.growth);
  console.log('ok   flow selector: exports');

  // Drill-down: click a bloc in the partners table -> its members.
  await page.click('#partners-table tr.drill');
  await ready();
  const bloc = new URL(page.url()).searchParams.get('bloc');
  assert.ok(bloc, 'bloc in the URL');
  const members = await page.$$eval('#partners-table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  const ref = await (await fetch(`${server.url}/api/v1/ref/groups?search=${bloc}&at=2023-06`)).json();
  const memberCodes = new Set(ref.items.find((g) => g.code === bloc).members.map((m) => m.code));
  assert.ok(members.length > 0 && members.every((c) => memberCodes.has(c)), `members of ${bloc}: ${members}`);
  console.log(`ok   bloc drill-down: ${bloc} -> ${members.length} members`);
  await page.click('#bloc-back');
  await ready();
  assert.ok(!new URL(page.url()).searchParams.get('bloc'));

  // Drill-down: HS chapter -> headings.
  await page.click('#hs-table tr.drill');
  await ready();
  const chapter = new URL(page.url()).searchParams.get('chapter');
  const headings = await page.$$eval('#hs-table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.ok(headings.length > 0 && headings.every((c) => c.length === 4 && c.startsWith(chapter)), `${chapter}: ${headings}`);
  console.log(`ok   chapter drill-down: ${chapter} -> ${headings.length} headings`);

  // A shared URL restores the view.
  const shared = page.url();
  const page2 = await browser.newPage();
  await page2.goto(shared);
  await page2.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60000 });
  assert.equal(await page2.inputValue('#flow'), 'X');
  assert.equal(await page2.$$eval('#hs-table tbody tr', (r) => r.length), headings.length);
  await page2.close();
  console.log('ok   the URL restores the view');

  // Language.
  await page.click('#lang');
  await ready();
  assert.match(await page.textContent('h1'), /对外贸易/);
  assert.match(page.url(), /lang=zh/);
  {
    // Flow back to total, then the headline cards print the Chinese bulletin's strings.
    await page.selectOption('#flow', 'total');
    await ready();
    const zhUrl = new URL(page.url());
    const zb = await (await fetch(`${server.url}/api/v1/bulletin?format=json&lang=zh&dataset=hunan&reporter=430000&period=${encodeURIComponent(zhUrl.searchParams.get('period'))}&benchmark=${zhUrl.searchParams.get('benchmark') ?? ''}`)).json();
    const zfig = (id) => { const f = zb.figures.find((x) => x.id === id); assert.ok(f, `zh bulletin has no ${id}`); return f; };
    const { total: zt, growth: zg } = await headlineCards(zfig, 'zh');
    console.log(`ok   Chinese: cards print the Chinese bulletin's strings (${zt.value}, ${zg.value})`);
  }

  // A period of each kind, offered from what the store holds; the cards follow the API.
  await page.click('#lang');
  await ready();
  {
    const kinds = await page.$$eval('#period optgroup', (gs) => gs.map((g) => [g.dataset.kind, [...g.children].map((o) => o.value)]));
    assert.deepEqual(kinds.map((k) => k[0]).sort(), ['half', 'month', 'quarter', 'year', 'ytd']);
    const held = new Set((await (await fetch(`${server.url}/api/v1/info`)).json()).datasets.find((d) => d.name === 'hunan').periods.map((p) => p.period));
    for (const [kind, items] of kinds) {
      const p = items[items.length - 1];
      await page.selectOption('#period', p);
      await ready();
      const r = await api(`dataset=hunan&reporter=430000&period=${encodeURIComponent(p)}&by=flow&lang=en`);
      assert.ok(r.period.from.slice(0, 7) >= [...held].sort()[0], `${p} starts in the data`);
      assert.equal(Number((await card('card-total')).exact), r.total.value, `${kind} ${p}: total`);
      console.log(`ok   period ${kind} ${p}: total ${(await card('card-total')).value}`);
    }
    await page.selectOption('#period', 'range');
    await page.selectOption('#range-from', '2022-03');
    await ready();
    await page.selectOption('#range-to', '2023-02');
    await ready();
    assert.equal(new URL(page.url()).searchParams.get('period'), '2022-03..2023-02');
    const r = await api('dataset=hunan&reporter=430000&period=2022-03..2023-02&by=flow&lang=en');
    assert.equal(Number((await card('card-total')).exact), r.total.value, 'range total');
    console.log(`ok   period range 2022-03..2023-02: total ${(await card('card-total')).value}`);
  }
  // A national dataset (provinces as reporters, no trade modes): the province map, and no
  // trade-mode view.
  {
    await page.goto(`${server.url}/?dataset=china&reporter=&period=2023H1&benchmark=`);
    await ready();
    assert.equal(await page.isVisible('#china-panel'), true, 'the province map is shown');
    assert.equal(await page.getAttribute('#china-chart', 'data-map'), 'ts-cn');
    assert.equal(await page.isVisible('#modes-panel'), false, 'no trade-mode view');
    await page.locator('#china-chart').scrollIntoViewIfNeeded();
    const text = await hoverMap('china-chart', [113.4, 23.3]);
    const rr = await api('dataset=china&period=2023H1&by=reporter&lang=en&currency=CNY');
    const row = rr.rows.find((x) => x.reporter === '440000');
    const v = tooltipValue(text);
    assert.ok(/440000/.test(text) && Math.abs(v.value - row.value) <= v.tolerance, `province hover ${text} vs ${row.value}`);
    assert.deepEqual(text.split('\n').slice(1), hoverLines(row, rr.display.unit), 'province hover text = API display text');
    await page.locator('#china-panel').screenshot({ path: `${shots}/dashboard-provinces.png` });
    console.log(`ok   national dataset: province map (hover ${text.split('\n')[0]} = API), trade modes left out`);
  }

  assert.deepEqual(problems, [], problems.join('\n'));
  console.log('ok   no console errors, no external requests');
} catch (e) {
  failed = true;
  console.log('FAIL', e.stack);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(failed ? 1 : 0);
