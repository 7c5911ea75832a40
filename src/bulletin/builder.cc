// bulletin/builder.cc: Builder (queries, figures), customs number display, BuildBulletin().
#include <ctime>

#include <fmt/format.h>

#include "bulletin/builder_internal.h"
#include "core/decimal.h"
#include "core/strings.h"
#include "query/json.h"

namespace tradestat::bulletin {
namespace internal {
namespace {

std::string JoinArgs(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

std::string Numbers::Percent(const query::Derived& d, bool sign) const {
  if (!d.present) return zh() ? "-" : "n/a";
  return sign ? report::display::Percent(d, true, style_.trim_percent_zeros)
              : report::display::PercentMagnitude(d, style_.trim_percent_zeros);
}

std::string Numbers::PointsNumber(const query::Derived& d) const {
  std::string n = report::display::PercentMagnitude(d, style_.trim_percent_zeros);
  if (!n.empty()) n.pop_back();  // the "%"
  return n;
}

std::string Numbers::Growth(const query::Derived& d) const {
  if (!d.present) return zh() ? "上年同期无数据" : "with no data a year earlier";
  // Rounded to zero is "flat" as published.
  if (report::display::IsFlat(d)) return zh() ? "与上年同期持平" : "unchanged";
  const int s = report::display::RoundedSign(d);
  if (zh()) return (s > 0 ? "增长" : "下降") + Percent(d, false);
  return (s > 0 ? "an increase of " : "a decrease of ") + Percent(d, false);
}

std::string Numbers::GrowthVerb(const query::Derived& d) const {
  if (zh()) return Growth(d);
  if (!d.present) return "had no comparable value a year earlier";
  if (report::display::IsFlat(d)) return "was unchanged";
  return (report::display::RoundedSign(d) > 0 ? "increased by " : "decreased by ") +
         Percent(d, false);
}

int SignOf(const query::Derived& d) {
  if (!d.present) return 0;
  double v = d.exact ? static_cast<double>(d.num) : d.approx;
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

query::Derived ShareOf(__int128 num, __int128 den) { return query::Derived::Ratio(num * 100, den); }

std::string JoinList(const std::vector<std::string>& items, query::Lang lang, bool zh_dun) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (lang == query::Lang::kZh)
        out += (i + 1 == items.size() && !zh_dun) ? "和" : "、";
      else
        out += (i + 1 == items.size()) ? (items.size() > 2 ? ", and " : " and ") : ", ";
    }
    out += items[i];
  }
  return out;
}

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

Builder::Builder(const BulletinRequest& r, const BulletinSpec& sp, const query::Catalog& catalog,
                 const query::ReferenceLookup& ref)
    : request(r),
      spec(sp),
      reference(ref),
      // The currency and money scale are the store's, set from the first query's result.
      num(r.lang, "", 2, sp.trim_zeros, sp.trim_percent_zeros),
      lang(r.lang),
      zh(r.lang == query::Lang::kZh),
      catalog_(catalog) {
  bulletin.request = r;
}

query::QueryRequest Builder::Base() const {
  query::QueryRequest q;
  q.dataset = request.dataset;
  q.reporter = request.reporter;
  q.period = request.period;
  q.lang = zh ? "zh" : "en";
  return q;
}

std::vector<std::string> Builder::Args(const query::QueryRequest& q) {
  std::vector<std::string> a;
  auto opt = [&](const char* name, const std::string& v) {
    if (!v.empty()) a.insert(a.end(), {name, v});
  };
  opt("--dataset", q.dataset);
  opt("--reporter", q.reporter);
  opt("--period", q.period);
  if (q.compare != "yoy") opt("--compare", q.compare);
  if (q.flow != "total") opt("--flow", q.flow);
  for (const auto& w : q.where) opt("--where", w);
  for (const auto& by : q.by) opt("--by", by);
  std::string units;
  for (const auto& u : q.units) units += (units.empty() ? "" : ",") + u;
  opt("--units", units);
  opt("--currency", q.currency);
  opt("--benchmark", q.benchmark);
  if (q.top > 0) opt("--top", std::to_string(q.top));
  opt("--sort", q.sort);
  return a;
}

core::Result<const query::QueryResult*> Builder::Run(const query::QueryRequest& q) {
  std::string key = JoinArgs(Args(q)) + " lang=" + q.lang;
  auto it = cache_.find(key);
  if (it != cache_.end()) return &it->second;
  auto r = query::Execute(q, catalog_, reference);
  if (!r.ok()) return r.status().WithContext("bulletin query `" + JoinArgs(Args(q)) + "`");
  if (cache_.empty()) {
    num = Numbers(lang, r->currency, r->money_scale, spec.trim_zeros, spec.trim_percent_zeros);
    bulletin.currency = r->currency;
  }
  return &cache_.emplace(key, std::move(*r)).first->second;
}

void Builder::Add(Section& s, Figure f) {
  s.figures.push_back(f.id);
  bulletin.figures.push_back(std::move(f));
}

std::string Builder::AddMoney(Section& s, const std::string& id, const std::string& label,
                              __int128 minor, const query::QueryRequest& q,
                              const std::string& field) {
  Figure f{
      id,      label, "money", query::MoneyText(minor, num.style().money_scale), num.Money(minor),
      Args(q), field};
  std::string d = f.display;
  Add(s, std::move(f));
  return d;
}

std::string Builder::AddPercent(Section& s, const std::string& id, const std::string& label,
                                const query::Derived& d, bool sign, const query::QueryRequest& q,
                                const std::string& field) {
  Figure f{id, label, "percent", query::DerivedText(d), num.Percent(d, sign), Args(q), field};
  std::string text = f.display;
  Add(s, std::move(f));
  return text;
}

std::string Builder::AddGrowth(Section& s, const std::string& id, const std::string& label,
                               const query::Derived& d, const query::QueryRequest& q,
                               const std::string& field) {
  AddPercent(s, id, label, d, false, q, field);
  return num.Growth(d);
}

std::string Builder::AddPoints(Section& s, const std::string& id, const std::string& label,
                               const query::Derived& d, const query::QueryRequest& q,
                               const std::string& field) {
  Figure f{id, label, "points", query::DerivedText(d), num.PointsNumber(d), Args(q), field};
  std::string text = f.display;
  Add(s, std::move(f));
  return text;
}

std::string Builder::AddCount(Section& s, const std::string& id, const std::string& label,
                              int64_t n, const query::QueryRequest& q, const std::string& field) {
  Add(s, Figure{id, label, "count", std::to_string(n), std::to_string(n), Args(q), field});
  return std::to_string(n);
}

void Builder::AddFlag(Section& s, const std::string& id, const std::string& label, bool flag,
                      const query::QueryRequest& q, const std::string& field) {
  Add(s,
      Figure{id, label, "flag", flag ? "true" : "false", flag ? "true" : "false", Args(q), field});
}

Builder::Level Builder::LevelOf(std::string_view code, const query::ReferenceLookup& reference) {
  if (code.empty()) return Level::kNone;
  const bool six =
      code.size() == 6 && code.find_first_not_of("0123456789") == std::string_view::npos;
  if (six) {
    if (code.substr(2) == "0000") return Level::kProvince;
    if (code.substr(4) == "00") return Level::kPrefecture;
    return Level::kCounty;
  }
  if (reference.IsReporterGroup(code)) return Level::kGroup;
  return Level::kCountry;
}

namespace {

// The smallest region holding every code: a listed code itself, the prefecture or province they
// share, or the country. Non-region codes (a Comtrade reporter) name themselves when alone.
std::string CommonScope(const std::vector<std::string>& codes,
                        const query::ReferenceLookup& reference) {
  if (codes.empty()) return "";
  if (codes.size() == 1) return codes[0];
  bool six = true;
  for (const auto& c : codes)
    six &= c.size() == 6 && c.find_first_not_of("0123456789") == std::string::npos;
  if (!six) return "";
  auto same_prefix = [&](size_t n) {
    for (const auto& c : codes)
      if (c.compare(0, n, codes[0], 0, n) != 0) return false;
    return true;
  };
  if (same_prefix(4)) {
    bool counties = true;
    for (const auto& c : codes) counties &= c.substr(4) != "00";
    if (counties) return codes[0].substr(0, 4) + "00";
  }
  if (same_prefix(2)) return codes[0].substr(0, 2) + "0000";
  return reference.ReporterCountry(codes[0]);
}

}  // namespace

std::string Builder::LevelNoun(Level level) const {
  switch (level) {
    case Level::kCountry: return zh ? "全国" : "national";
    case Level::kProvince: return zh ? "全省" : "provincial";
    case Level::kPrefecture: return zh ? "全市" : "city-wide";
    case Level::kCounty: return zh ? "全县" : "county-wide";
    case Level::kGroup: return zh ? "区域" : "regional";
    case Level::kNone: break;
  }
  return zh ? "总体" : "overall";
}

std::string Builder::UnitsNoun(Level level) const {
  switch (level) {
    case Level::kProvince:
      return zh ? "省(区、市)" : "provinces, autonomous regions and municipalities";
    case Level::kPrefecture: return zh ? "市州" : "prefectures and cities";
    case Level::kCounty: return zh ? "县市区" : "counties";
    default: return zh ? "地区" : "regions";
  }
}

std::string Builder::SubUnitsNoun() const { return UnitsNoun(sub_level); }

std::string Builder::Issuer() const {
  if (!request.issuer.empty()) return request.issuer;
  return spec.issuer.In(lang);
}

core::Status Builder::Prepare() {
  dataset = request.dataset;
  if (dataset.empty()) {
    TRADESTAT_ASSIGN_OR_RETURN(dataset, catalog_.DefaultDataset());
  }
  benchmark = request.benchmark.empty() ? spec.benchmark : request.benchmark;
  if (benchmark == "none") benchmark.clear();
  // The total first: it fixes the currency, the money scale and the scale of tables and charts.
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* total, Run(Base()));
  num.SetTableScale(total->total.m.value);
  period = total->period;
  compare = total->compare;
  no_compare = compare && (!total->total.m.value_prev || *total->total.m.value_prev == 0);
  coverage = total->coverage;  // the same as the query JSON's "coverage"
  if (!coverage.complete() && !request.allow_partial) {
    return core::Status::InvalidArgument(
        fmt::format("--period {}: dataset \"{}\" does not cover it ({}); choose a covered period "
                    "or pass --allow-partial to write it with its coverage stated",
                    request.period, dataset, query::CoverageGapText(coverage, *period, compare)));
  }
  // The scope and its sub-units, from the reporters the data hold.
  query::QueryRequest qr = Base();
  qr.by = {"reporter"};
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* rr, Run(qr));
  std::vector<std::string> codes;
  for (const auto& row : rr->rows)
    if (!row.keys.empty() && row.m.value != 0) codes.push_back(row.keys[0].code);
  scope = request.reporter.empty() ? CommonScope(codes, reference) : request.reporter;
  scope_level = LevelOf(scope, reference);
  if (codes.size() >= 2) sub_level = LevelOf(codes[0], reference);
  if (!benchmark.empty()) {
    const size_t colon = benchmark.find(':');
    bench_dataset = benchmark.substr(0, colon);
    bench_reporter = colon == std::string::npos ? "" : benchmark.substr(colon + 1);
    bench_scope = bench_reporter;
    if (bench_scope.empty()) {
      query::QueryRequest qb;
      qb.dataset = bench_dataset;
      qb.period = request.period;
      qb.by = {"reporter"};
      qb.lang = zh ? "zh" : "en";
      TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* rb, Run(qb));
      std::vector<std::string> bcodes;
      for (const auto& row : rb->rows)
        if (!row.keys.empty() && row.m.value != 0) bcodes.push_back(row.keys[0].code);
      bench_scope = CommonScope(bcodes, reference);
    }
    bench_level = LevelOf(bench_scope, reference);
    // A gap to a benchmark that lacks months would be as wrong as growth on a partial period.
    query::QueryRequest qbt;
    qbt.dataset = bench_dataset;
    qbt.reporter = bench_reporter;
    qbt.period = request.period;
    qbt.lang = zh ? "zh" : "en";
    TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* bt, Run(qbt));
    bench_coverage = bt->coverage;
    if (!bench_coverage.complete() && !request.allow_partial)
      return core::Status::InvalidArgument(
          fmt::format("--benchmark {}: dataset \"{}\" does not cover --period {} ({}); choose a "
                      "covered period, another "
                      "benchmark (--benchmark none for no comparison) or pass --allow-partial",
                      benchmark, bench_dataset, request.period,
                      query::CoverageGapText(bench_coverage, *period, compare)));
  }
  return core::Status::Ok();
}

std::string Builder::NameOf(const query::KeyPart& key) const {
  auto it = spec.names.find(key.code);
  if (it != spec.names.end()) return it->second.In(lang);
  std::string name = key.name.empty() ? key.code : key.name;
  // "Yueyang" / "岳阳市" -> "岳阳" in lists, as releases write prefecture names.
  if (zh && name.size() > 3 && name.size() <= 12 && name.substr(name.size() - 3) == "市")
    name.resize(name.size() - 3);
  // Provinces in lists as customs writes them: 广东省 -> 广东, 广西壮族自治区 -> 广西.
  if (zh && key.dim == "reporter" && LevelOf(key.code, reference) == Level::kProvince) {
    for (std::string_view suffix :
         {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省"})
      if (name.size() > suffix.size() + 3 && name.ends_with(suffix)) {
        name.resize(name.size() - suffix.size());
        break;
      }
  }
  return name;
}

std::string Builder::Title(const std::string& id) const {
  auto it = spec.titles.find(id);
  return it == spec.titles.end() ? id : it->second.In(lang);
}

std::string Builder::ReporterName() const {
  auto it = spec.names.find(scope);
  if (it != spec.names.end()) return it->second.In(lang);
  if (!spec.reporter.In(lang).empty()) return spec.reporter.In(lang);
  auto sub = spec.subregion_names.find(scope);  // a sub-region as the reporter
  if (sub != spec.subregion_names.end()) return Capitalize(sub->second.In(lang));
  if (scope.empty()) return dataset;  // reporters without a common region: the dataset's name
  if (auto name = reference.ReporterName(scope, lang)) return *name;
  if (auto name = reference.ReporterGroupName(scope, lang)) return *name;
  // Counties have no names in the reference data (data/refdata/regions.csv stops at prefectures):
  // the code, placed in its prefecture (or province) when that is known.
  if (LevelOf(scope, reference) == Level::kCounty) {
    std::optional<std::string> parent = reference.ReporterName(scope.substr(0, 4) + "00", lang);
    if (!parent) parent = reference.ReporterName(scope.substr(0, 2) + "0000", lang);
    if (zh) return parent ? *parent + "县级区划" + scope : "县级区划" + scope;
    return parent ? fmt::format("{} (a county of {})", scope, *parent) : "county " + scope;
  }
  return scope;
}

std::string Builder::PeriodWords(bool with_year) const {
  auto range = query::ParsePeriodSpec(request.period);
  if (!range.ok()) return request.period;
  const int y = range->from.year(), m1 = range->from.month(), m2 = range->to.month();
  const bool same_year = range->to.year() == y;
  static const char* kMonthsEn[] = {"",        "January",  "February", "March",  "April",
                                    "May",     "June",     "July",     "August", "September",
                                    "October", "November", "December"};
  static const char* kCountEn[] = {"",      "one",   "two",  "three", "four",   "five",  "six",
                                   "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  std::string en, cn;
  if (!same_year) return range->label;
  if (m1 == 1 && m2 == 12) {
    en = with_year ? fmt::format("{}", y) : "the year";
    cn = fmt::format("{}年", y);
    return zh ? cn : en;
  }
  if (m1 == 1 && m2 == 6) {
    en = "the first half of";
    cn = "上半年";
  } else if (m1 == m2) {
    en = kMonthsEn[m1];
    cn = fmt::format("{}月", m1);
  } else if ((m1 - 1) % 3 == 0 && m2 == m1 + 2) {
    static const char* kQ[] = {"first", "second", "third", "fourth"};
    static const char* kQz[] = {"一", "二", "三", "四"};
    en = fmt::format("the {} quarter of", kQ[(m1 - 1) / 3]);
    cn = fmt::format("{}季度", kQz[(m1 - 1) / 3]);
  } else if (m1 == 1) {
    en = fmt::format("the first {} months of", kCountEn[m2]);
    cn = fmt::format("前{}个月", m2);
  } else {
    en = fmt::format("{} to {}", kMonthsEn[m1], kMonthsEn[m2]);
    cn = fmt::format("{}至{}月", m1, m2);
  }
  if (zh) return with_year ? fmt::format("{}年{}", y, cn) : cn;
  if (m1 == m2) return with_year ? fmt::format("{} {}", en, y) : en;
  if (en.ends_with(" of")) return with_year ? fmt::format("{} {}", en, y) : en + " the year";
  return with_year ? fmt::format("{} {}", en, y) : en;
}

}  // namespace internal

const Figure* Bulletin::Find(std::string_view id) const {
  for (const Figure& f : figures)
    if (f.id == id) return &f;
  return nullptr;
}

core::Result<Format> ParseFormat(std::string_view text) {
  std::string f = core::ToLower(text);
  if (f == "txt" || f == "text") return Format::kText;
  if (f == "md" || f == "markdown") return Format::kMarkdown;
  if (f == "html") return Format::kHtml;
  if (f == "json") return Format::kJson;
  return core::Status::InvalidArgument(
      fmt::format("--format: \"{}\"; accepted: txt, md, html, json", text));
}

namespace {

// No --period: the latest year-to-date the data hold (2023-06:ytd, or 2023 when it ends in
// December) if it and its year-earlier months are all present, else the latest month if that is
// covered; else an error saying what to pass.
core::Result<std::string> DefaultPeriod(const BulletinRequest& request,
                                        const query::Catalog& catalog) {
  std::string dataset = request.dataset;
  if (dataset.empty()) {
    TRADESTAT_ASSIGN_OR_RETURN(dataset, catalog.DefaultDataset());
  }
  TRADESTAT_ASSIGN_OR_RETURN(auto source, catalog.Open(dataset));
  const std::vector<core::Period> present = source->Periods();
  std::optional<core::Period> first_held, last_held;  // as months (an annual segment: Jan..Dec)
  for (const core::Period& p : present) {
    const core::Period lo = p.is_annual() ? core::Period::Month(p.year(), 1) : p;
    const core::Period hi = p.is_annual() ? core::Period::Month(p.year(), 12) : p;
    if (!first_held || lo < *first_held) first_held = lo;
    if (!last_held || hi > *last_held) last_held = hi;
  }
  if (!last_held)
    return core::Status::InvalidArgument(fmt::format(
        "--period: not given, and dataset \"{}\" holds no data to default to; load some first",
        dataset));
  const core::Period last = *last_held;
  std::vector<std::string> candidates;
  candidates.push_back(last.month() == 12 ? std::to_string(last.year())
                                          : fmt::format("{}:ytd", last.ToString()));
  candidates.push_back(last.ToString());
  for (const std::string& c : candidates) {
    TRADESTAT_ASSIGN_OR_RETURN(query::PeriodRange range, query::ParsePeriodSpec(c));
    const auto compare = query::ComparisonRange(range, query::CompareMode::kYoy);
    if (query::CheckCoverage(present, range, compare).complete() || request.allow_partial) return c;
  }
  return core::Status::InvalidArgument(
      fmt::format("--period: not given, and dataset \"{}\" (data {}..{}) has no recent period "
                  "whose months a year earlier "
                  "are present to default to; pass --period (e.g. {}) with --allow-partial to "
                  "write it with its coverage stated",
                  dataset, first_held->ToString(), last.ToString(), last.ToString()));
}

}  // namespace

core::Result<Bulletin> BuildBulletin(const BulletinRequest& request_in, const BulletinSpec& spec,
                                     const query::Catalog& catalog,
                                     const query::ReferenceLookup& reference) {
  BulletinRequest request = request_in;
  if (request.period.empty()) {
    TRADESTAT_ASSIGN_OR_RETURN(request.period, DefaultPeriod(request, catalog));
  }
  internal::Builder b(request, spec, catalog, reference);
  TRADESTAT_RETURN_IF_ERROR(b.Prepare());
  for (const std::string& id : spec.sections) {
    core::Status st;
    if (id == "headline")
      st = internal::WriteHeadline(b);
    else if (id == "flows")
      st = internal::WriteFlows(b);
    else if (id == "levels")
      st = internal::WriteLevels(b);
    else if (id == "partners")
      st = internal::WritePartners(b);
    else if (id == "regions")
      st = internal::WriteRegions(b);
    else if (id == "products")
      st = internal::WriteProducts(b);
    else if (id == "new3")
      st = internal::WriteNew3(b);
    else if (id == "modes")
      st = internal::WriteModes(b);
    else {
      Section s;
      s.id = id;
      s.title = b.Title(id);
      s.text = spec.texts.at(id).In(b.lang);
      b.bulletin.sections.push_back(std::move(s));
    }
    TRADESTAT_RETURN_IF_ERROR(st);
  }
  std::string title = spec.title.In(b.lang);
  if (title.empty())
    title = b.zh ? "{period}{reporter}外贸进出口情况" : "{reporter} foreign trade in {period}";
  auto replace = [&](const std::string& key, const std::string& v) {
    for (size_t p; (p = title.find(key)) != std::string::npos;) title.replace(p, key.size(), v);
  };
  replace("{reporter}", b.ReporterName());
  replace("{period}", b.PeriodWords(true));
  b.bulletin.title = internal::Capitalize(title);
  b.bulletin.dateline = !request.date.empty() ? request.date : spec.date;
  if (b.bulletin.dateline.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    b.bulletin.dateline =
        fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  }
  b.bulletin.request.dataset = b.dataset;
  b.bulletin.request.benchmark = b.benchmark;
  return std::move(b.bulletin);
}

}  // namespace tradestat::bulletin
