// tests/server/browser_test.mjs: the dashboard in a real browser (ctest: server_dashboard_browser).
//
// Builds the demo store (`tradestat demo`), starts `tradestat serve` on a free port, opens the
// dashboard in headless Debian Chromium driven by playwright-core (no browser download), and
// checks: no console errors, the headline cards equal the bulletin's figures, a selector switch
// (flow) and two drill-downs (bloc -> members, chapter -> headings) update the view and the URL,
// the language switch, and saves a screenshot.
//
//   node tests/server/browser_test.mjs --binary TRADESTAT --work DIR --node-modules DIR
//        --chromium /usr/bin/chromium --screenshot OUT.png
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { args, freshDir, mustRun, serve } from './common.mjs';

const a = args();
const require = createRequire(resolve(a['node-modules']) + '/');
const { chromium } = require('playwright-core');
const work = freshDir(a.work);

// The demo store is reused between runs when it is already built (it takes a while).
const demoDir = a['demo-dir'] || `${work}/demo`;
if (!existsSync(`${demoDir}/store/MANIFEST`)) mustRun(a.binary, ['demo', '--dir', demoDir, '--quiet']);
const store = `${demoDir}/store`;
const server = await serve(a.binary, store);
const bulletin = await (await fetch(`${server.url}/api/v1/bulletin?format=json&period=2023H1&reporter=430000&dataset=hunan&benchmark=china`)).json();
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

  // Headline cards against the bulletin's figures: exact values and the printed numbers.
  const num = (s) => Number(String(s).replace(/[^0-9.+-]/g, '').replace(/^\+/, ''));
  const card = async (id) => page.evaluate((i) => {
    const el = document.getElementById(i);
    return { exact: el.dataset.exact, value: el.querySelector('.value').textContent, growth: el.dataset.growth };
  }, id);
  const total = await card('card-total');
  const ft = figure('headline.total');
  assert.equal(Number(total.exact), Number(ft.value), 'total');
  assert.equal(num(total.value), num(ft.display), `total as printed: ${total.value} vs ${ft.display}`);
  const growth = await card('card-growth');
  const fg = figure('headline.growth');
  assert.ok(Math.abs(Number(growth.exact) - Number(fg.value)) < 1e-9, `growth ${growth.exact} vs ${fg.value}`);
  assert.equal(num(growth.value), num(fg.display), `growth as printed: ${growth.value} vs ${fg.display}`);
  const gap = await card('card-gap');
  const fp = bulletin.figures.find((x) => x.id === 'headline.vs_benchmark_pp');
  if (fp) assert.ok(Math.abs(Number(gap.exact) - Number(fp.value)) < 1e-9, `gap ${gap.exact} vs ${fp.value}`);
  for (const [cardId, id] of [['card-X', 'flows.exports'], ['card-M', 'flows.imports']]) {
    const f = figure(id);
    const c = await card(cardId);
    assert.equal(Number(c.exact), Number(f.value), `${cardId} vs ${id}`);
    assert.equal(num(c.value), num(f.display), `${cardId} as printed: ${c.value} vs ${f.display}`);
    const g = figure(`${id}_growth`);
    assert.ok(Math.abs(Number(c.growth) - Number(g.value)) < 1e-9, `${cardId} growth`);
  }
  console.log(`ok   headline cards equal the bulletin (total ${total.value}, growth ${growth.value}, gap ${gap.value})`);

  // The bulletin is shown, and says the same total.
  const frame = await (await page.waitForSelector('#bulletin iframe')).contentFrame();
  await frame.waitForLoadState('load');
  const bulletinText = await frame.evaluate(() => document.body.innerText);
  assert.ok(bulletinText.includes(ft.display), `the bulletin view does not show ${ft.display}`);
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
  console.log('ok   Chinese');

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
