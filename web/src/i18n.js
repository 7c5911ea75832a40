// web/src/i18n.js: the dashboard's words in English and Chinese.
export const WORDS = {
  en: {
    title: 'Foreign trade dashboard', dataset: 'Dataset', reporter: 'Reporter', period: 'Period',
    flow: 'Flow', currency: 'Currency', benchmark: 'Benchmark', flow_total: 'Total',
    flow_X: 'Exports', flow_M: 'Imports', none: 'none', all: 'all',
    trend: 'Trend', partners: 'Partners ranked',
    partner_groups: 'Partner groups', prefectures: 'Prefectures: growth against the average',
    categories: 'Product categories', chapters: 'HS chapters', modes: 'Trade modes',
    enterprises: 'Enterprise types', bulletin: 'Bulletin', footer: 'Exact figures from',
    card_total: 'Total trade', card_X: 'Exports', card_M: 'Imports', card_growth: 'Growth',
    card_gap: 'Gap to benchmark', yoy: 'year on year', pp: 'pp', vs: 'vs',
    this_year: 'This year', last_year: 'Last year', back: 'all', members_of: 'members of',
    name: 'Name', code: 'Code', value: 'Value', growth: 'Growth %', share: 'Share %', rank: '#',
    average: 'average', above: 'above', below: 'below', loading: 'Loading…',
    no_bulletin: 'No bulletin for this selection: ',
    click_bloc: 'click a bloc to see its members', click_chapter: 'click a chapter for its headings',
    error: 'Error: ', benchmark_growth: 'benchmark',
    trend_value: 'value', trend_yoy: 'year on year %', trend_mom: 'month on month %', grain_month: 'monthly',
    grain_year: 'yearly', map_world: 'Partners on the world map', highlight: 'bloc', map_provinces: 'Provinces',
    map_prefectures: 'Prefectures', provinces: 'Provinces: growth against the average', tree_products: 'Products',
    tree_partners: 'Partners by bloc', all_products: 'all products', all_partners: 'all partners', other: 'other',
    bulletin_open: 'open the published HTML', kind_year: 'Years', kind_half: 'Halves', kind_ytd: 'First N months',
    kind_quarter: 'Quarters', kind_month: 'Months', kind_range: 'Range of months…',
    coverage: 'the data do not hold every month of the period and of its comparison period',
  },
  zh: {
    title: '对外贸易数据看板', dataset: '数据集', reporter: '地区', period: '时期', flow: '流向',
    currency: '币种', benchmark: '对比基准', flow_total: '进出口', flow_X: '出口', flow_M: '进口',
    none: '无', all: '全部', trend: '走势', partners: '贸易伙伴排名',
    partner_groups: '伙伴组织', prefectures: '各市州增速与全省平均', categories: '商品类别',
    chapters: 'HS章', modes: '贸易方式', enterprises: '企业性质', bulletin: '统计快讯',
    footer: '精确数据来自', card_total: '进出口总值', card_X: '出口', card_M: '进口',
    card_growth: '增速', card_gap: '与基准增速差', yoy: '同比', pp: '个百分点', vs: '对比',
    this_year: '今年', last_year: '去年', back: '全部', members_of: '成员：',
    name: '名称', code: '代码', value: '金额', growth: '增速%', share: '比重%', rank: '位次',
    average: '平均', above: '高于', below: '低于', loading: '加载中…', no_bulletin: '此选择无快讯：', click_bloc: '点击组织查看成员',
    click_chapter: '点击章查看品目', error: '错误：', benchmark_growth: '基准',
    trend_value: '金额', trend_yoy: '同比%', trend_mom: '环比%', grain_month: '月度', grain_year: '年度',
    map_world: '贸易伙伴分布图', highlight: '组织', map_provinces: '各省（区、市）', map_prefectures: '各市州',
    provinces: '各省（区、市）增速与全国平均', tree_products: '商品结构', tree_partners: '按组织的贸易伙伴',
    all_products: '全部商品', all_partners: '全部伙伴', other: '其他', bulletin_open: '打开发布的HTML',
    kind_year: '年', kind_half: '半年', kind_ytd: '前N个月', kind_quarter: '季度', kind_month: '月',
    kind_range: '月份区间…', coverage: '数据未覆盖本期及比较期的全部月份',
  },
};

const CURRENCY = {
  en: { CNY: 'yuan', USD: 'US dollars', EUR: 'euros' },
  zh: { CNY: '元', USD: '美元', EUR: '欧元' },
};

export function currencyWord(lang, code) {
  return (CURRENCY[lang] || CURRENCY.en)[code] || code;
}
