// web/src/periods.js: the periods the dashboard offers, from the months a dataset holds.
//
// /api/v1/info lists each dataset's periods (months, or years for annual segments). A period is
// offered only when the store holds every one of its months: the coverage rule of
// src/query/coverage.h (an annual segment covers every month of its year). Kinds: month,
// quarter, first N months (year to date, N = 2, 4, 5, 7..11: the others are a month, Q1, H1 or
// the year), half, year, and any range of held months (`2022-03..2023-06`).

const pad = (m) => String(m).padStart(2, '0');

/// The months ('YYYY-MM') the dataset holds.
export function monthsHeld(d) {
  const out = new Set();
  for (const p of (d.periods || []).map((x) => x.period)) {
    if (/^\d{4}$/.test(p)) for (let m = 1; m <= 12; ++m) out.add(`${p}-${pad(m)}`);
    else out.add(p.slice(0, 7));
  }
  return out;
}

/// The months of a period written as the query engine accepts it, or null when not one of ours.
export function monthsOf(period) {
  let m;
  const range = (y, a, b) => Array.from({ length: b - a + 1 }, (_, i) => `${y}-${pad(a + i)}`);
  if ((m = /^(\d{4})$/.exec(period))) return range(m[1], 1, 12);
  if ((m = /^(\d{4})H([12])$/.exec(period))) return range(m[1], m[2] === '1' ? 1 : 7, m[2] === '1' ? 6 : 12);
  if ((m = /^(\d{4})Q([1-4])$/.exec(period))) return range(m[1], 3 * m[2] - 2, 3 * m[2]);
  if ((m = /^(\d{4})-(\d{2}):ytd$/.exec(period))) return range(m[1], 1, Number(m[2]));
  if ((m = /^(\d{4})-(\d{2})$/.exec(period))) return [period];
  if ((m = /^(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})$/.exec(period))) {
    const out = [];
    for (let y = Number(m[1]), mo = Number(m[2]); y * 12 + mo <= Number(m[3]) * 12 + Number(m[4]); ++mo) {
      if (mo > 12) { mo = 1; ++y; }
      out.push(`${y}-${pad(mo)}`);
    }
    return out;
  }
  return null;
}

/// True when the store holds every month of the period.
export function covered(held, period) {
  const months = monthsOf(period);
  return months !== null && months.length > 0 && months.every((x) => held.has(x));
}

/// Offered periods by kind, newest first: [{kind, items: [period...]}].
export function periodGroups(d) {
  const held = monthsHeld(d);
  const years = [...new Set([...held].map((x) => Number(x.slice(0, 4))))].sort((a, b) => b - a);
  const kinds = { year: [], half: [], ytd: [], quarter: [], month: [] };
  for (const y of years) {
    const ok = (p) => covered(held, p);
    if (ok(`${y}`)) kinds.year.push(`${y}`);
    for (const h of [2, 1]) if (ok(`${y}H${h}`)) kinds.half.push(`${y}H${h}`);
    for (const n of [11, 10, 9, 8, 7, 5, 4, 2]) if (ok(`${y}-${pad(n)}:ytd`)) kinds.ytd.push(`${y}-${pad(n)}:ytd`);
    for (const q of [4, 3, 2, 1]) if (ok(`${y}Q${q}`)) kinds.quarter.push(`${y}Q${q}`);
    for (let m = 12; m >= 1; --m) if (held.has(`${y}-${pad(m)}`)) kinds.month.push(`${y}-${pad(m)}`);
  }
  return Object.entries(kinds).filter(([, items]) => items.length).map(([kind, items]) => ({ kind, items }));
}

/// The default: the latest year, else the latest half, else year to date of the last month.
export function defaultPeriod(d) {
  const held = monthsHeld(d);
  const last = [...held].sort().pop();
  if (!last) return null;
  const [y, m] = last.split('-').map(Number);
  if (m === 12 && covered(held, `${y}`)) return `${y}`;
  if (m === 6 && covered(held, `${y}H1`)) return `${y}H1`;
  if (m > 1 && covered(held, `${y}-${pad(m)}:ytd`)) return `${y}-${pad(m)}:ytd`;
  return last;
}

/// Full years held, oldest first (for the yearly trend).
export function fullYears(d) {
  const held = monthsHeld(d);
  return [...new Set([...held].map((x) => x.slice(0, 4)))].filter((y) => covered(held, y)).sort();
}
