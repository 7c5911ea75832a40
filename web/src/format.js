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

// The display module's scales (src/report/display.cc): one unit per value or per column, chosen
// from the magnitude (from 1 trillion: trillion / 万亿; from 100 million: billion / 亿; below:
// million / 万), 2 decimals except 亿 and 万 (1).
const POW = { en: { T: 12, B: 9, M: 6 }, zh: { T: 12, B: 8, M: 4 } };
const WORD = { en: { T: 'trillion', B: 'billion', M: 'million' }, zh: { T: '万亿', B: '亿', M: '万' } };

export function scaleFor(value) {
  const a = Math.abs(Number(value) || 0);
  return a >= 1e12 ? 'T' : a >= 1e8 ? 'B' : 'M';
}
export function decimals(scale, lang) { return lang === 'zh' && scale !== 'T' ? 1 : 2; }
export function scaleWord(scale, lang) { return (WORD[lang] || WORD.en)[scale]; }
// The column's scale: that of its largest value.
export function columnScale(values) {
  return scaleFor(values.reduce((m, v) => Math.max(m, Math.abs(Number(v) || 0)), 0));
}

// Thousands separators in the integer part: 12345.6 -> 12,345.6.
export function grouped(s) {
  const [i, f] = String(s).split('.');
  const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f === undefined ? g : `${g}.${f}`;
}

// The number of `value` in a scale, as text (not trimmed).
export function moneyIn(value, scale, lang) {
  if (value === null || value === undefined) return '';
  const l = lang === 'zh' ? 'zh' : 'en';
  return scaled(value, POW[l][scale], decimals(scale, l));
}

// Headline money in its own scale, trimmed as in the bulletin's sentences: {number, scale}.
export function bigMoney(value, lang) {
  const s = scaleFor(value);
  return { number: grouped(trimZeros(moneyIn(value, s, lang))), scale: s };
}

// A table cell in the column's scale, with thousands separators.
export function tableMoney(value, lang, scale) {
  if (value === null || value === undefined) return '';
  return grouped(moneyIn(value, scale || scaleFor(value), lang));
}

// Percentages: 1 decimal, half away from zero (as the display module); optional sign.
export function pct(x, sign = true, trim = false) {
  if (x === null || x === undefined || Number.isNaN(x)) return '';
  const a = Math.abs(x);
  let r = (Math.round(a * 10 + 1e-9) / 10).toFixed(1);
  if (trim) r = trimZeros(r);
  const s = x < 0 && Number(r) !== 0 ? '-' : sign && x > 0 && Number(r) !== 0 ? '+' : '';
  return s + r;
}

// A number for chart geometry in a scale (never for text).
export function chartNumber(value, lang, scale) {
  return value === null || value === undefined ? null : Number(moneyIn(value, scale || scaleFor(value), lang));
}
