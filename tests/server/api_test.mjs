// tests/server/api_test.mjs: `tradestat serve` end to end (registered with ctest as server_api).
//
// Builds a small store with `tradestat init/load`, starts the server on a free port and checks
// every endpoint, every error path, that /api/v1/query and /api/v1/export answer byte for byte
// what `tradestat query` prints, that no path outside the dashboard's files is served, and that
// a load committed while requests run is picked up with every response from one version.
//
//   node tests/server/api_test.mjs --binary build/src/cli/tradestat --work /tmp/api_test
import assert from 'node:assert/strict';
import net from 'node:net';
import { writeFileSync } from 'node:fs';
import { args, freshDir, run, mustRun, serve, sampleCsv } from './common.mjs';

const { binary, work } = args();
if (!binary || !work) { console.error('usage: api_test.mjs --binary TRADESTAT --work DIR'); process.exit(2); }
freshDir(work);
const store = `${work}/store`;
mustRun(binary, ['init', store]);
writeFileSync(`${work}/y2022.csv`, sampleCsv(2022, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
writeFileSync(`${work}/y2023.csv`, sampleCsv(2023, [1, 2, 3, 4, 5]));
writeFileSync(`${work}/y2023b.csv`, sampleCsv(2023, [6], 3));
mustRun(binary, ['load', store, '--dataset', 'test', `${work}/y2022.csv`, `${work}/y2023.csv`]);

let failures = 0, checks = 0;
async function check(name, fn) {
  ++checks;
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    ++failures;
    console.log(`FAIL ${name}\n     ${e.stack.split('\n').slice(0, 3).join('\n     ')}`);
  }
}

async function get(url) {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// Raw HTTP, so paths are sent exactly as written (fetch would normalise "..").
function raw(port, request) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(request));
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('end', () => resolve(data));
    s.on('error', reject);
    setTimeout(() => { s.destroy(); resolve(data); }, 3000);
  });
}

// HTTP parameters -> `tradestat query` options, as a user would write them.
function cliArgs(params) {
  const out = ['query', store, '--format', 'json'];
  for (const [k, v] of params) out.push(`--${k}`, v);
  return out;
}

const server = await serve(binary, store);
const U = server.url;
console.log(`server at ${U}`);

const queries = [
  [['period', '2023-05']],
  [['period', '2023-01..2023-05'], ['by', 'partner'], ['top', '5']],
  [['period', '2023-05:ytd'], ['by', 'hs2'], ['flow', 'X'], ['sort', 'growth_pct:desc']],
  [['period', '2023Q1'], ['by', 'reporter'], ['where', 'partner=USA,JPN'], ['currency', 'USD']],
  [['period', '2023-01..2023-05'], ['by', 'period'], ['flow', 'M']],
  [['period', '2023-05:ytd'], ['by', 'partner'], ['units', 'ASEAN,EU'], ['lang', 'zh']],
  [['period', '2023-05:ytd'], ['by', 'partner_group'], ['top', '10']],
  [['period', '2023-05:ytd'], ['by', 'category']],
  [['period', '2023-05:ytd'], ['by', 'trade_mode_class'], ['reporter', '430100']],
  [['period', '2023-05:ytd'], ['by', 'enterprise_type'], ['by', 'flow'], ['compare', 'none']],
  [['period', '2022'], ['by', 'hs4'], ['where', 'commodity=85'], ['where', 'trade_mode=10']],
];

for (const q of queries) {
  const qs = new URLSearchParams(q).toString();
  await check(`/api/v1/query?${qs} == tradestat query --format json`, async () => {
    const api = await get(`${U}/api/v1/query?${qs}`);
    const cli = mustRun(binary, cliArgs(q));
    assert.equal(api.status, 200, api.body.toString());
    assert.match(api.headers.get('content-type'), /application\/json/);
    assert.ok(api.body.equals(cli.stdout), `bytes differ:\nAPI ${api.body.toString().slice(0, 300)}\nCLI ${cli.stdout.toString().slice(0, 300)}`);
  });
}

// display=true: the same bytes as `tradestat query --format json --display` (display text of the
// display module); removing every "display" member gives the plain JSON back.
for (const q of [queries[1], queries[4], queries[5], queries[3]]) {
  const qs = new URLSearchParams([...q, ['display', 'true']]).toString();
  await check(`/api/v1/query?${qs} == tradestat query --format json --display`, async () => {
    const api = await get(`${U}/api/v1/query?${qs}`);
    const cli = mustRun(binary, [...cliArgs(q), '--display']);
    assert.equal(api.status, 200, api.body.toString());
    assert.ok(api.body.equals(cli.stdout), `bytes differ:\nAPI ${api.body.toString().slice(0, 300)}\nCLI ${cli.stdout.toString().slice(0, 300)}`);
    const j = JSON.parse(api.body);
    assert.ok(j.display && j.display.unit && j.total.display.value_text, 'display objects present');
    for (const r of j.rows) assert.equal(typeof r.display.value, 'string');
    const plain = (await get(`${U}/api/v1/query?${new URLSearchParams(q)}`)).body.toString();
    const stripped = api.body.toString().replace(/,"display":\{[^{}]*\}/g, '').replace(/,\n"display":\{[^{}]*\}/g, '');
    assert.equal(stripped, plain, 'display=true only adds display keys');
  });
}

await check('UN Comtrade aliases: reporterCode, flowCode, partnerCode, cmdCode, maxRecords', async () => {
  const api = await get(`${U}/api/v1/query?period=2023-05:ytd&reporterCode=430100&flowCode=X&partnerCode=USA,JPN&cmdCode=85&maxRecords=3&by=partner`);
  const cli = mustRun(binary, ['query', store, '--format', 'json', '--period', '2023-05:ytd', '--reporter', '430100', '--flow', 'X',
    '--where', 'partner=USA,JPN', '--where', 'commodity=85', '--top', '3', '--by', 'partner']);
  assert.equal(api.status, 200, api.body.toString());
  assert.ok(api.body.equals(cli.stdout));
});

await check('/api/v1/export csv == tradestat query --format csv; xlsx is a spreadsheet', async () => {
  const q = 'period=2023-05:ytd&by=partner&top=5';
  const csv = await get(`${U}/api/v1/export?${q}&format=csv`);
  const cli = mustRun(binary, ['query', store, '--format', 'csv', '--period', '2023-05:ytd', '--by', 'partner', '--top', '5']);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="tradestat-.*\.csv"/);
  assert.ok(csv.body.equals(cli.stdout));
  const xlsx = await get(`${U}/api/v1/export?${q}&format=xlsx`);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type'), /spreadsheetml/);
  assert.equal(xlsx.body.subarray(0, 2).toString(), 'PK');
});

await check('/api/v1/info == tradestat info --json', async () => {
  const api = await get(`${U}/api/v1/info`);
  const cli = mustRun(binary, ['info', store, '--json']);
  assert.equal(api.status, 200);
  assert.ok(api.body.equals(cli.stdout));
});

for (const kind of ['countries', 'groups', 'regions', 'hs', 'categories', 'modes']) {
  await check(`/api/v1/ref/${kind}`, async () => {
    const r = await get(`${U}/api/v1/ref/${kind}`);
    assert.equal(r.status, 200, r.body.toString());
    const j = JSON.parse(r.body);
    assert.equal(j.kind, kind);
    assert.ok(j.items.length > 0);
  });
}
await check('/api/v1/ref drill-down and search', async () => {
  const hs = JSON.parse((await get(`${U}/api/v1/ref/hs?parent=85`)).body);
  assert.ok(hs.items.length > 10 && hs.items.every((i) => i.code.startsWith('85')));
  const c = JSON.parse((await get(`${U}/api/v1/ref/countries?search=viet`)).body);
  assert.ok(c.items.some((i) => i.code === 'VNM'));
  const g = JSON.parse((await get(`${U}/api/v1/ref/groups?search=ASEAN&at=2023-06`)).body);
  assert.ok(g.items[0].members.some((m) => m.code === 'VNM'));
});

await check('/api/v1/bulletin answers like tradestat bulletin (json, md, html)', async () => {
  for (const format of ['json', 'md', 'html']) {
    const p = { dataset: 'test', reporter: '430000', period: '2023-05:ytd', benchmark: '', format };
    const api = await get(`${U}/api/v1/bulletin?${new URLSearchParams(p)}`);
    const cli = run(binary, ['bulletin', store, '--dataset', 'test', '--reporter', '430000', '--period', '2023-05:ytd', '--benchmark', '', '--format', format]);
    if (cli.status === 0) {
      assert.equal(api.status, 200, api.body.toString());
      assert.ok(api.body.equals(cli.stdout), `bulletin ${format} differs`);
    } else {
      assert.ok(api.status >= 400, `CLI failed (${cli.stderr.trim()}) but the API answered ${api.status}`);
      assert.ok(JSON.parse(api.body).error.message.length > 0);
    }
  }
});

// Error paths: status, JSON body, and the parameter named.
const errors = [
  ['/api/v1/query?by=partner', 400, 'period'],
  ['/api/v1/query?period=2023-13', 400, 'period'],
  ['/api/v1/query?period=2023-05&by=bogus', 400, 'by'],
  ['/api/v1/query?period=2023-05&top=ten', 400, 'top'],
  ['/api/v1/query?period=2023-05&display=yes', 400, 'display'],
  ['/api/v1/query?period=2023-05&top=-1', 400, 'top'],
  ['/api/v1/query?period=2023-05&flow=sideways', 400, 'flow'],
  ['/api/v1/query?period=2023-05&perod=2023', 400, 'perod'],
  ['/api/v1/query?period=2023-05&period=2023-04', 400, 'period'],
  ['/api/v1/query?period=2023-05&where=partner', 400, 'where'],
  ['/api/v1/query?period=2023-05&lang=fr', 400, 'lang'],
  ['/api/v1/query?period=2023-05&dataset=nope', 404, null],
  ['/api/v1/export?period=2023-05&format=pdf', 400, 'format'],
  ['/api/v1/export?period=2023-05', 400, 'format'],
  ['/api/v1/bulletin?period=2023H1&format=pdf', 400, 'format'],
  ['/api/v1/bulletin?lang=fr', 400, 'lang'],
  ['/api/v1/info?x=1', 400, 'x'],
  ['/api/v1/ref/planets', 404, null],
  ['/api/v1/ref/groups?at=June', 400, 'at'],
  ['/api/v1/ref/hs?parent=999', 400, 'parent'],
  ['/api/v2/query', 404, null],
  ['/no-such-page.html', 404, null],
  [`/api/v1/query?period=2023-05&where=partner=${'USA,'.repeat(3000)}USA`, 414, null],
];
for (const [path, status, param] of errors) {
  await check(`${path.slice(0, 70)} -> ${status}${param ? ' naming ' + param : ''}`, async () => {
    const r = await get(U + path);
    assert.equal(r.status, status, r.body.toString());
    const j = JSON.parse(r.body);
    assert.equal(j.error.status, status);
    assert.ok(j.error.message.length > 0);
    if (param) {
      assert.equal(j.error.parameter, param, r.body.toString());
      assert.ok(j.error.message.includes(param), j.error.message);
    }
  });
}
await check('CLI errors and API errors say the same thing', async () => {
  const r = await get(`${U}/api/v1/query?period=2023-05&by=bogus`);
  const cli = run(binary, ['query', store, '--period', '2023-05', '--by', 'bogus']);
  assert.equal(cli.status, 2);
  assert.equal(JSON.parse(r.body).error.message, cli.stderr.replace(/^tradestat: /, '').trim().replace(/--by/g, 'by'));
});
await check('read-only: POST, PUT and DELETE are refused with 405', async () => {
  for (const method of ['POST', 'PUT', 'DELETE']) {
    const r = await fetch(`${U}/api/v1/query?period=2023-05`, { method, body: method === 'DELETE' ? undefined : 'x' });
    assert.equal(r.status, 405);
    assert.equal((await r.json()).error.status, 405);
  }
});
await check('no path outside the dashboard files is served', async () => {
  for (const p of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '//etc/passwd',
    '/vendor/../../CMakeCache.txt', '/index.html/../../MANIFEST', '/.%2e/MANIFEST']) {
    const text = await raw(server.port, `GET ${p} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    const code = Number(text.split(' ')[1]);
    assert.ok(code === 404 || code === 400, `${p}: ${text.slice(0, 80)}`);
    assert.ok(!text.includes('root:') && !text.includes('TRADESTAT-MANIFEST'), `${p} leaked a file`);
  }
});
await check('the dashboard and its files are served', async () => {
  const index = await get(`${U}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.match(index.body.toString(), /<title>/);
  const js = await get(`${U}/app.js`);
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  const ec = await get(`${U}/vendor/echarts.min.js`);
  assert.equal(ec.status, 200);
  assert.ok(ec.body.length > 100000);
});

await check('response cache: the same request again is a hit with the same bytes', async () => {
  const q = `${U}/api/v1/query?period=2023-04:ytd&by=hs2&top=4`;
  const a = await get(q), b = await get(q);
  assert.equal(a.headers.get('x-tradestat-cache'), 'miss');
  assert.equal(b.headers.get('x-tradestat-cache'), 'hit');
  assert.ok(a.body.equals(b.body));
});

await check('64 concurrent queries all answer the same bytes', async () => {
  const q = 'period=2023-05:ytd&by=partner&top=5';
  const cli = mustRun(binary, ['query', store, '--format', 'json', '--period', '2023-05:ytd', '--by', 'partner', '--top', '5']);
  const all = await Promise.all(Array.from({ length: 64 }, () => get(`${U}/api/v1/query?${q}`)));
  for (const r of all) { assert.equal(r.status, 200); assert.ok(r.body.equals(cli.stdout)); }
});

await check('a load committed while serving: every response from one version, then the new one', async () => {
  const q = [['period', '2023-06:ytd'], ['by', 'partner'], ['top', '5']];
  const qs = new URLSearchParams(q).toString();
  const before = mustRun(binary, cliArgs(q)).stdout;
  const v0 = (await get(`${U}/api/v1/info`)).headers.get('x-tradestat-store-version');
  // Fire requests continuously while the load commits.
  let stop = false;
  const seen = [];
  const pump = (async () => { while (!stop) seen.push(await get(`${U}/api/v1/query?${qs}`)); })();
  const pumps = [pump, (async () => { while (!stop) seen.push(await get(`${U}/api/v1/query?${qs}`)); })()];
  await new Promise((r) => setTimeout(r, 100));
  mustRun(binary, ['load', store, '--dataset', 'test', `${work}/y2023b.csv`]);
  await new Promise((r) => setTimeout(r, 100));
  stop = true;
  await Promise.all(pumps);
  const after = mustRun(binary, cliArgs(q)).stdout;
  assert.ok(!before.equals(after), 'the new month should change the answer');
  for (const r of seen) assert.ok(r.status === 200 && (r.body.equals(before) || r.body.equals(after)), 'a response mixed versions');
  const now = await get(`${U}/api/v1/query?${qs}`);
  assert.ok(now.body.equals(after));
  const v1 = now.headers.get('x-tradestat-store-version');
  assert.ok(Number(v1) > Number(v0), `version ${v0} -> ${v1}`);
  const info = await get(`${U}/api/v1/info`);
  assert.ok(info.body.equals(mustRun(binary, ['info', store, '--json']).stdout));
});

const stopped = await server.stop();
await check('SIGTERM stops the server cleanly', async () => assert.equal(stopped.code, 0));

// Limits: a second server with a tiny row limit.
const small = await serve(binary, store, ['--max-rows', '3']);
await check('result row limit: 400 naming top, and top=N passes', async () => {
  const r = await get(`${small.url}/api/v1/query?period=2023-05:ytd&by=partner`);
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.body).error.parameter, 'top');
  const ok = await get(`${small.url}/api/v1/query?period=2023-05:ytd&by=partner&top=3`);
  assert.equal(ok.status, 200);
});
await small.stop();

// The memory budget: a tiny --max-query-bytes refuses a breakdown with 422 too_large naming the
// option, while a total (a few cells, no rows) still passes.
const lean = await serve(binary, store, ['--max-query-bytes', '2KiB']);
await check('query memory limit: 422 too_large naming --max-query-bytes', async () => {
  const r = await get(`${lean.url}/api/v1/query?period=2023-05:ytd&by=partner,hs4`);
  assert.equal(r.status, 422);
  const e = JSON.parse(r.body).error;
  assert.equal(e.code, 'too_large');
  assert.match(e.message, /--max-query-bytes/);
  assert.match(e.message, /narrow the breakdown/);
  const ok = await get(`${lean.url}/api/v1/query?period=2023-05`);
  assert.equal(ok.status, 200);
});
await lean.stop();

await check('serve refuses a missing store and a bad port', async () => {
  const r = run(binary, ['serve', `${work}/nope`, '--port', '0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no store|not a tradestat store/);
  const p = run(binary, ['serve', store, '--port', '70000']);
  assert.equal(p.status, 2);
  assert.match(p.stderr, /port/);
});

console.log(`\n${checks - failures}/${checks} checks passed`);
process.exit(failures ? 1 : 0);
