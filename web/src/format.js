// web/src/format.js: the one number helper the page keeps. Every number it shows is display text
// from the API (the `display` objects of /api/v1/query?display=true, written by the server's
// display module, report/display.cc); there are no display rules here.
//
// Charts still need numbers for geometry (bar lengths, treemap areas, map colours): `geometry`
// turns an exact JSON number (money in currency units, or a percentage) into a JS number for
// that, never for text. Chart value axes hide their tick labels; the labels and tooltips are the
// API's text.
export function geometry(v) {
  return v === null || v === undefined ? null : Number(v);
}
