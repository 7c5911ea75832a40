// bulletin/builder.cc: Builder (queries, figures), customs number display, BuildBulletin().
#include <cmath>

#include <fmt/format.h>

#include "bulletin/builder_internal.h"
#include "core/decimal.h"
#include "core/strings.h"
#include "query/json.h"
#include "report/format.h"

namespace tradestat::bulletin {
namespace internal {
namespace {

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

std::string JoinArgs(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

}  // namespace

std::string Numbers::Trim(std::string s) const {
  if (!trim_ || s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string Numbers::MoneyUnit() const {
  if (zh()) return currency_ == "USD" ? "亿美元" : currency_ == "CNY" ? "亿元" : "亿" + currency_;
  return currency_ == "USD" ? "billion US dollars" : currency_ == "CNY" ? "billion yuan" : "billion " + currency_;
}

// Both languages round to 10^7 yuan (0.01 bn = 0.1亿), as customs does.
std::string Numbers::MoneyNumber(__int128 minor) const {
  __int128 hundredths_bn = core::DivRound(minor, Pow10(7 + scale_));
  return Trim(core::FormatScaled(hundredths_bn, zh() ? 1 : 2));
}

std::string Numbers::Money(__int128 minor) const {
  return MoneyNumber(minor) + (zh() ? "" : " ") + MoneyUnit();
}

std::string Numbers::Milestone(__int128 minor) const {
  // In display units: billions (en) or 亿 (zh); two significant digits, rounded down.
  long double v = static_cast<long double>(minor) / static_cast<long double>(Pow10(scale_)) /
                  (zh() ? 1e8L : 1e9L);
  if (v < 10) return "";
  // Two significant digits when the first is below 5 (336.75 -> 330, 3367.5 -> 3300), else one
  // (54 -> 50, 540 -> 500), so both languages name the same threshold.
  const int digits = static_cast<int>(std::floor(std::log10(v))) + 1;
  const long double top = std::pow(10.0L, digits - 1);
  long double p = std::floor(v / top) < 5 ? top / 10 : top;
  long double m = std::floor(v / p) * p;
  if (m >= v) return "";
  return fmt::format("{:.0f}", static_cast<double>(m)) + (zh() ? "" : " ") + MoneyUnit();
}

std::string Numbers::Percent(const query::Derived& d, bool sign) const {
  if (!d.present) return zh() ? "-" : "n/a";
  std::string n = report::FormatPercentNumber(d, sign);
  if (!sign && !n.empty() && n[0] == '-') n.erase(0, 1);
  return Trim(n) + "%";
}

std::string Numbers::PointsNumber(const query::Derived& d) const {
  std::string n = report::FormatPercentNumber(d, false);
  if (!n.empty() && n[0] == '-') n.erase(0, 1);
  return Trim(n);
}

std::string Numbers::Growth(const query::Derived& d) const {
  int s = SignOf(d);
  if (!d.present) return zh() ? "上年同期无数据" : "with no trade a year earlier";
  // Rounded to zero is "flat" as published.
  if (report::FormatPercentNumber(d, false) == "0.00") return zh() ? "与上年同期持平" : "unchanged";
  if (zh()) return (s > 0 ? "增长" : "下降") + Percent(d, false);
  return (s > 0 ? "an increase of " : "a decrease of ") + Percent(d, false);
}

std::string Numbers::GrowthVerb(const query::Derived& d) const {
  if (zh()) return Growth(d);
  if (!d.present) return "had no comparable value a year earlier";
  if (report::FormatPercentNumber(d, false) == "0.00") return "was unchanged";
  return (SignOf(d) > 0 ? "increased by " : "decreased by ") + Percent(d, false);
}

double Numbers::ToDouble(__int128 minor) const {
  return static_cast<double>(static_cast<long double>(minor) / static_cast<long double>(Pow10(scale_)));
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
      if (lang == query::Lang::kZh) out += (i + 1 == items.size() && !zh_dun) ? "和" : "、";
      else out += (i + 1 == items.size()) ? (items.size() > 2 ? ", and " : " and ") : ", ";
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
    : request(r), spec(sp), reference(ref), num(r.lang, "CNY", 2, sp.trim_zeros), lang(r.lang),
      zh(r.lang == query::Lang::kZh), catalog_(catalog) {
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
    num = Numbers(lang, r->currency, r->money_scale, spec.trim_zeros);
    bulletin.currency = r->currency;
  }
  return &cache_.emplace(key, std::move(*r)).first->second;
}

void Builder::Add(Section& s, Figure f) {
  s.figures.push_back(f.id);
  bulletin.figures.push_back(std::move(f));
}

std::string Builder::AddMoney(Section& s, const std::string& id, const std::string& label, __int128 minor,
                              const query::QueryRequest& q, const std::string& field) {
  Figure f{id, label, "money", query::MoneyText(minor, 2), num.ToDouble(minor), num.Money(minor), Args(q), field};
  std::string d = f.display;
  Add(s, std::move(f));
  return d;
}

std::string Builder::AddPercent(Section& s, const std::string& id, const std::string& label,
                                const query::Derived& d, bool sign, const query::QueryRequest& q,
                                const std::string& field) {
  Figure f{id, label, "percent", d.present ? query::DoubleText(d.value()) : "null", d.value(),
           num.Percent(d, sign), Args(q), field};
  std::string text = f.display;
  Add(s, std::move(f));
  return text;
}

std::string Builder::AddGrowth(Section& s, const std::string& id, const std::string& label,
                               const query::Derived& d, const query::QueryRequest& q, const std::string& field) {
  AddPercent(s, id, label, d, false, q, field);
  return num.Growth(d);
}

std::string Builder::AddPoints(Section& s, const std::string& id, const std::string& label,
                               const query::Derived& d, const query::QueryRequest& q, const std::string& field) {
  Figure f{id, label, "points", d.present ? query::DoubleText(d.value()) : "null", d.value(),
           num.PointsNumber(d), Args(q), field};
  std::string text = f.display;
  Add(s, std::move(f));
  return text;
}

std::string Builder::AddCount(Section& s, const std::string& id, const std::string& label, int64_t n,
                              const query::QueryRequest& q, const std::string& field) {
  Add(s, Figure{id, label, "count", std::to_string(n), static_cast<double>(n), std::to_string(n), Args(q), field});
  return std::to_string(n);
}

void Builder::AddFlag(Section& s, const std::string& id, const std::string& label, bool flag,
                      const query::QueryRequest& q, const std::string& field) {
  Add(s, Figure{id, label, "flag", flag ? "true" : "false", flag ? 1.0 : 0.0, flag ? "true" : "false", Args(q), field});
}

std::string Builder::NameOf(const query::KeyPart& key) const {
  auto it = spec.names.find(key.code);
  if (it != spec.names.end()) return it->second.In(lang);
  std::string name = key.name.empty() ? key.code : key.name;
  // "Yueyang" / "岳阳市" -> "岳阳" in lists, as releases write prefecture names.
  if (zh && name.size() > 3 && name.size() <= 12 && name.substr(name.size() - 3) == "市")
    name.resize(name.size() - 3);
  return name;
}

std::string Builder::Title(const std::string& id) const {
  auto it = spec.titles.find(id);
  return it == spec.titles.end() ? id : it->second.In(lang);
}

std::string Builder::ReporterName() const {
  auto it = spec.names.find(request.reporter);
  if (it != spec.names.end()) return it->second.In(lang);
  if (!spec.reporter.In(lang).empty()) return spec.reporter.In(lang);
  auto sub = spec.subregion_names.find(request.reporter);  // a sub-region as the reporter
  if (sub != spec.subregion_names.end()) return Capitalize(sub->second.In(lang));
  if (auto name = reference.ReporterName(request.reporter, lang)) return *name;
  return reference.ReporterGroupName(request.reporter, lang).value_or(request.reporter);
}

std::string Builder::PeriodWords(bool with_year) const {
  auto range = query::ParsePeriodSpec(request.period);
  if (!range.ok()) return request.period;
  const int y = range->from.year(), m1 = range->from.month(), m2 = range->to.month();
  const bool same_year = range->to.year() == y;
  static const char* kMonthsEn[] = {"", "January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"};
  static const char* kCountEn[] = {"", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                   "nine", "ten", "eleven", "twelve"};
  std::string en, cn;
  if (!same_year) return range->label;
  if (m1 == 1 && m2 == 12) { en = with_year ? fmt::format("{}", y) : "the year"; cn = fmt::format("{}年", y); return zh ? cn : en; }
  if (m1 == 1 && m2 == 6) { en = "the first half of"; cn = "上半年"; }
  else if (m1 == m2) { en = kMonthsEn[m1]; cn = fmt::format("{}月", m1); }
  else if ((m1 - 1) % 3 == 0 && m2 == m1 + 2) {
    static const char* kQ[] = {"first", "second", "third", "fourth"};
    static const char* kQz[] = {"一", "二", "三", "四"};
    en = fmt::format("the {} quarter of", kQ[(m1 - 1) / 3]);
    cn = fmt::format("{}季度", kQz[(m1 - 1) / 3]);
  } else if (m1 == 1) { en = fmt::format("the first {} months of", kCountEn[m2]); cn = fmt::format("前{}个月", m2); }
  else { en = fmt::format("{} to {}", kMonthsEn[m1], kMonthsEn[m2]); cn = fmt::format("{}至{}月", m1, m2); }
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
  return core::Status::InvalidArgument(fmt::format("--format: \"{}\"; accepted: txt, md, html, json", text));
}

core::Result<Bulletin> BuildBulletin(const BulletinRequest& request, const BulletinSpec& spec,
                                     const query::Catalog& catalog, const query::ReferenceLookup& reference) {
  internal::Builder b(request, spec, catalog, reference);
  // The headline query first: it fixes the currency and the money scale for every figure.
  for (const std::string& id : spec.sections) {
    core::Status st;
    if (id == "headline") st = internal::WriteHeadline(b);
    else if (id == "flows") st = internal::WriteFlows(b);
    else if (id == "partners") st = internal::WritePartners(b);
    else if (id == "regions") st = internal::WriteRegions(b);
    else if (id == "products") st = internal::WriteProducts(b);
    else if (id == "new3") st = internal::WriteNew3(b);
    else if (id == "modes") st = internal::WriteModes(b);
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
  if (title.empty()) title = b.zh ? "{period}{reporter}外贸进出口情况" : "{reporter} foreign trade in {period}";
  auto replace = [&](const std::string& key, const std::string& v) {
    for (size_t p; (p = title.find(key)) != std::string::npos;) title.replace(p, key.size(), v);
  };
  replace("{reporter}", b.ReporterName());
  replace("{period}", b.PeriodWords(true));
  b.bulletin.title = internal::Capitalize(title);
  b.bulletin.dateline = spec.date;
  return std::move(b.bulletin);
}

}  // namespace tradestat::bulletin
