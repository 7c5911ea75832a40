// tests/server/common.mjs: helpers shared by the server's end-to-end tests: arguments, running
// `tradestat`, starting `tradestat serve` on a free port and stopping it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

export function args() {
  const out = {};
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, '')] = a[i + 1];
  return out;
}

export function freshDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/// Runs tradestat; returns {status, stdout (Buffer), stderr (string)}.
export function run(binary, argv, opts = {}) {
  const r = spawnSync(binary, argv, { maxBuffer: 1 << 28, ...opts });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr ? r.stderr.toString() : '' };
}

export function mustRun(binary, argv, opts = {}) {
  const r = run(binary, argv, opts);
  if (r.status !== 0) throw new Error(`tradestat ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

/// Starts `tradestat serve STORE --port 0 ...`; resolves {url, port, proc, stop()} once it listens.
export function serve(binary, store, extra = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(binary, ['serve', store, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('serve did not start: ' + err)); }, 20000);
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/([^:]+):(\d+)\//);
      if (m) {
        clearTimeout(timer);
        const url = `http://127.0.0.1:${m[2]}`;
        resolve({
          url, port: Number(m[2]), proc,
          stop: () => new Promise((res) => { proc.once('exit', (code, sig) => res({ code, sig })); proc.kill('SIGTERM'); }),
        });
      }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited ${code}: ${err}`)); });
  });
}

/// A small deterministic trade CSV: two years of months, a few prefectures, partners, products.
export function sampleCsv(year, months, salt = 0) {
  const reporters = ['430100', '430200', '430300', '430600'];
  const partners = ['USA', 'JPN', 'VNM', 'DEU', 'THA', 'MYS', 'FRA', 'BRA', 'KOR', 'IDN'];
  const commodities = ['85076000', '85414300', '84713000', '61091000', '26011100', '72085100', '87038000'];
  const modes = ['0110', '0615', '1210', '9610'];
  const ents = ['1', '3', '6', '7'];
  let rows = ['period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd'];
  let k = 7 + salt;
  for (const m of months) {
    for (const r of reporters)
      for (let i = 0; i < partners.length; ++i) {
        k = (k * 1103515245 + 12345) % 2147483648;
        const c = commodities[k % commodities.length];
        const flow = k % 3 === 0 ? 'M' : 'X';
        const cny = ((k % 900000) * 100 + 12345 + (year - 2022) * 77777).toString();
        const cnyText = cny.slice(0, -2) + '.' + cny.slice(-2);
        const usdMinor = Math.floor(Number(cny) / 7);
        const usdText = String(usdMinor).padStart(3, '0').replace(/(\d\d)$/, '.$1');
        rows.push([`${year}-${String(m).padStart(2, '0')}`, flow, r, partners[i], c, modes[k % modes.length], ents[k % ents.length], cnyText, usdText].join(','));
      }
  }
  return rows.join('\n') + '\n';
}
