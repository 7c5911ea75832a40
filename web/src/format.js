// web/src/format.js: numbers the way customs prints them (half away from zero, from unrounded values).
//
// Money arrives as exact JSON numbers in currency units with 2 decimals; as doubles they are
// exact to the cent below 9e13, so toFixed(2) recovers the digits and BigInt does the rounding.

function minorUnits(value) {
  return BigInt(Number(value).toFixed(2).replace('.', ''));
}

// value / 10^(2 + pow) rounded half away from zero to `decimals` places, as text.
export function scaled(value, pow, decimals) {
  let m = minorUnits(value);
  const neg = m < 0n;
  if (neg) m = -m;
  const div = 10n ** BigInt(2 + pow - decimals);
  let q = m / div;
  if ((m % div) * 2n >= div) q += 1n;
  let s = q.toString().padStart(decimals + 1, '0');
  if (decimals > 0) s = s.slice(0, -decimals) + '.' + s.slice(-decimals);
  return (neg && q !== 0n ? '-' : '') + s;
}

export function trimZeros(s) {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

// Headline money: en billions with 2 decimals, zh 亿 with 1 decimal (as the bulletin).
export function bigMoney(value, lang) {
  return lang === 'zh' ? trimZeros(scaled(value, 8, 1)) : trimZeros(scaled(value, 9, 2));
}

// Table money: en millions with 1 decimal, zh 亿 with 2 decimals.
export function tableMoney(value, lang) {
  if (value === null || value === undefined) return '';
  return lang === 'zh' ? scaled(value, 8, 2) : scaled(value, 6, 1);
}

// Percentages: 1 decimal, 2 when |x| < 0.1; optional sign.
export function pct(x, sign = true, trim = false) {
  if (x === null || x === undefined || Number.isNaN(x)) return '';
  const a = Math.abs(x);
  const d = a < 0.1 && a > 0 ? 2 : 1;
  const f = 10 ** d;
  let r = (Math.round(a * f + 1e-9) / f).toFixed(d);
  if (trim) r = trimZeros(r);
  const s = x < 0 && Number(r) !== 0 ? '-' : sign && x > 0 ? '+' : '';
  return s + r;
}

export function chartNumber(value, lang) {
  return value === null || value === undefined ? null : Number(tableMoney(value, lang));
}
