// query/mirror.cc: Mirror() and its JSON (query/mirror.h), from Execute() over both sides.
#include "query/mirror.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/strings.h"
#include "query/coverage.h"
#include "query/json.h"
#include "query/measures.h"

namespace tradestat::query {
namespace {

using core::Status;

// Both sides of one (partner, product) cell, summed from the two reports.
struct Cell {
  __int128 a_exports = 0, a_imports = 0;  // as A reports its trade with B
  __int128 b_exports = 0, b_imports = 0;  // as B reports its trade with A
  bool in_a = false;
};

std::string Flag(const Derived& ratio) {
  if (!ratio.present) return "";
  const long double x =
      ratio.exact ? static_cast<long double>(ratio.num) / static_cast<long double>(ratio.den)
                  : ratio.approx;
  if (x * 100 < kMarginLowPct) return "below_fob";
  if (x * 100 > kMarginHighPct) return "above_margin";
  return "ok";
}

// cif / fob: exports side = B's imports / A's exports; imports side = A's imports / B's exports.
MirrorFlow Compare(__int128 reported, std::optional<__int128> mirror, bool reported_is_fob) {
  MirrorFlow f;
  f.reported = reported;
  f.mirror = mirror;
  if (!mirror) return f;
  const __int128 cif = reported_is_fob ? *mirror : reported;
  const __int128 fob = reported_is_fob ? reported : *mirror;
  f.gap = cif - fob;
  f.ratio = Derived::Ratio(cif, fob);
  f.flag = Flag(f.ratio);
  return f;
}

// The months of `period` each reporter of `src` has records in (any partner, any flow).
core::Result<std::map<std::string, std::set<int32_t>>> ReportingMonths(
    const std::string& dataset, const PeriodRange& period, const std::string& spec,
    const Catalog& catalog, const ReferenceLookup& ref, const ExecuteOptions& options) {
  QueryRequest q;
  q.dataset = dataset;
  q.period = spec;
  q.compare = "none";
  q.by = {"reporter", "period"};
  TRADESTAT_ASSIGN_OR_RETURN(QueryResult r, Execute(q, catalog, ref, options));
  std::map<std::string, std::set<int32_t>> out;
  for (const ResultRow& row : r.rows) {
    if (row.m.exports.value_or(0) == 0 && row.m.imports.value_or(0) == 0) continue;
    auto p = core::Period::Parse(row.keys[1].code);
    if (!p.ok()) continue;
    auto& months = out[row.keys[0].code];
    const int32_t lo =
        p->is_annual() ? core::Period::Month(p->year(), 1).MonthIndex() : p->MonthIndex();
    const int32_t hi =
        p->is_annual() ? core::Period::Month(p->year(), 12).MonthIndex() : p->MonthIndex();
    for (int32_t i = std::max(lo, period.from.MonthIndex());
         i <= std::min(hi, period.to.MonthIndex()); ++i)
      months.insert(i);
  }
  return out;
}

std::vector<core::Period> MissingMonths(const std::set<int32_t>* months,
                                        const PeriodRange& period) {
  std::vector<core::Period> out;
  for (int32_t i = period.from.MonthIndex(); i <= period.to.MonthIndex(); ++i)
    if (!months || !months->count(i)) out.push_back(core::Period::FromMonthIndex(i));
  return out;
}

Status CheckCovered(const DatasetSource& src, const PeriodRange& period, std::string_view role) {
  const Coverage c = CheckCoverage(src.Periods(), period, std::nullopt);
  if (c.complete()) return Status::Ok();
  return Status::InvalidArgument(
      fmt::format("--period {}: {} dataset \"{}\" does not cover it ({}); mirror figures over "
                  "missing months would compare "
                  "unlike totals: choose a period both datasets hold",
                  period.label, role, src.name(), CoverageGapText(c, period, std::nullopt)));
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

core::Result<MirrorResult> Mirror(const MirrorRequest& req, const Catalog& catalog,
                                  const ReferenceLookup& ref, const ExecuteOptions& options) {
  MirrorResult r;
  const std::string reporter = core::ToUpper(core::Trim(req.reporter));
  if (reporter.empty())
    return Status::InvalidArgument(
        "--reporter is required: the country whose reports are mirrored (e.g. CHN)");
  if (ref.ReporterCountry(reporter) != reporter)
    return Status::InvalidArgument(
        fmt::format("--reporter {}: mirror statistics compare country reports, and {} is a region "
                    "of {}; partners report "
                    "their trade with {}, not with its regions: use --reporter {} on a dataset of "
                    "country reports",
                    reporter, reporter, ref.ReporterCountry(reporter),
                    ref.ReporterCountry(reporter), ref.ReporterCountry(reporter)));
  if (core::Trim(req.period).empty())
    return Status::InvalidArgument(
        "--period is required; accepted forms: 2023-06, 2023-01..2023-06, 2023Q2, 2023H1, 2023");
  TRADESTAT_ASSIGN_OR_RETURN(r.period, ParsePeriodSpec(req.period));
  r.by = core::ToLower(core::Trim(req.by));
  if (!r.by.empty() && r.by != "hs2" && r.by != "hs4" && r.by != "hs6" && r.by != "hs8")
    return Status::InvalidArgument(
        fmt::format("--by: \"{}\"; accepted: hs2, hs4, hs6, hs8 (mirror rows are per partner, "
                    "and per product with --by)",
                    req.by));
  r.lang = core::ToLower(req.lang) == "zh" ? Lang::kZh : Lang::kEn;
  r.dataset = req.dataset;
  if (r.dataset.empty()) {
    TRADESTAT_ASSIGN_OR_RETURN(r.dataset, catalog.DefaultDataset());
  }
  r.partner_dataset = req.partner_dataset.empty() ? r.dataset : req.partner_dataset;
  TRADESTAT_ASSIGN_OR_RETURN(auto a_src, catalog.Open(r.dataset));
  TRADESTAT_ASSIGN_OR_RETURN(auto b_src, catalog.Open(r.partner_dataset));
  // One currency on both sides: values are compared as reported, never converted here.
  r.currency =
      req.currency.empty() ? a_src->currencies().front() : core::ToUpper(core::Trim(req.currency));
  for (const auto* src : {a_src.get(), b_src.get()}) {
    const auto& cur = src->currencies();
    if (std::find(cur.begin(), cur.end(), r.currency) == cur.end())
      return Status::InvalidArgument(
          fmt::format("--currency {}: dataset \"{}\" holds no {} values (it holds {}); mirror "
                      "figures compare values in one "
                      "currency: pass --currency with one both datasets hold",
                      r.currency, src->name(), r.currency, Joined(cur)));
  }
  TRADESTAT_RETURN_IF_ERROR(CheckCovered(*a_src, r.period, "reporter"));
  if (b_src != a_src) TRADESTAT_RETURN_IF_ERROR(CheckCovered(*b_src, r.period, "partner"));
  if (a_src->dictionary(store::Dim::kReporter).Find(reporter) < 0)
    return Status::InvalidArgument(fmt::format(
        "--reporter {}: dataset \"{}\" holds no reports of {}", reporter, r.dataset, reporter));
  r.reporter = reporter;
  r.reporter_name =
      ref.ReporterName(reporter, r.lang).value_or(ref.PartnerName(reporter, r.lang).value_or(""));
  std::string partner;
  if (!core::Trim(req.partner).empty()) {
    const std::string raw = core::ToUpper(core::Trim(req.partner));
    partner = ref.CanonicalPartner(raw).value_or(raw);
    if (!ref.PartnerName(partner, Lang::kEn))
      return Status::InvalidArgument(
          fmt::format("--partner {}: not a known partner code (e.g. USA, DEU)", req.partner));
  }

  // A's side: its trade by partner (and product).
  QueryRequest qa;
  qa.dataset = r.dataset;
  qa.period = req.period;
  qa.compare = "none";
  qa.reporter = reporter;
  qa.currency = r.currency;
  qa.by = {"partner"};
  if (!r.by.empty()) qa.by.push_back(r.by);
  if (!partner.empty()) qa.where = {"partner=" + partner};
  TRADESTAT_ASSIGN_OR_RETURN(QueryResult a, Execute(qa, catalog, ref, options));
  r.money_scale = a.money_scale;
  // B's side: every reporter's trade with A, by reporter (and product).
  QueryRequest qb = qa;
  qb.dataset = r.partner_dataset;
  qb.reporter.clear();
  qb.by[0] = "reporter";
  qb.where = {"partner=" + reporter};
  TRADESTAT_ASSIGN_OR_RETURN(QueryResult b, Execute(qb, catalog, ref, options));
  if (b.money_scale != a.money_scale)
    return core::Status::InvalidArgument(
        fmt::format("--partner-dataset: dataset \"{}\" stores money with {} decimals and \"{}\" "
                    "with {}; mirror "
                    "compares datasets of one money scale: reload one with --money-scale {}",
                    r.dataset, a.money_scale, r.partner_dataset, b.money_scale,
                    std::max(a.money_scale, b.money_scale)));
  TRADESTAT_ASSIGN_OR_RETURN(
      auto months, ReportingMonths(r.partner_dataset, r.period, req.period, catalog, ref, options));
  // The reporter's own months: its side over fewer months would understate it.
  {
    std::map<std::string, std::set<int32_t>> own;
    if (r.dataset != r.partner_dataset) {
      TRADESTAT_ASSIGN_OR_RETURN(
          own, ReportingMonths(r.dataset, r.period, req.period, catalog, ref, options));
    }
    const auto& of_a = r.dataset != r.partner_dataset ? own : months;
    auto it = of_a.find(reporter);
    const std::vector<core::Period> missing =
        MissingMonths(it == of_a.end() ? nullptr : &it->second, r.period);
    if (!missing.empty())
      return Status::InvalidArgument(
          fmt::format("--period {}: reporter {} has no records in dataset \"{}\" for {}; its side "
                      "would cover fewer months "
                      "than the period: choose a period it reports in full",
                      r.period.label, reporter, r.dataset, MonthListText(missing)));
  }

  std::map<std::pair<std::string, std::string>, Cell> cells;
  std::map<std::string, std::string> names;
  std::map<std::string, std::string> product_names;
  for (const ResultRow& row : a.rows) {
    const std::string& p = row.keys[0].code;
    if (p == reporter || ref.IsSpecialPartner(p)) continue;  // no counterpart reports these
    Cell& c = cells[{p, r.by.empty() ? "" : row.keys[1].code}];
    c.a_exports += row.m.exports.value_or(0);
    c.a_imports += row.m.imports.value_or(0);
    c.in_a = true;
    names[p] = row.keys[0].name;
    if (!r.by.empty()) product_names[row.keys[1].code] = row.keys[1].name;
  }
  for (const ResultRow& row : b.rows) {
    const std::string& p = row.keys[0].code;
    if (p == reporter || (!partner.empty() && p != partner)) continue;
    Cell& c = cells[{p, r.by.empty() ? "" : row.keys[1].code}];
    c.b_exports += row.m.exports.value_or(0);
    c.b_imports += row.m.imports.value_or(0);
    if (!names.count(p)) names[p] = ref.PartnerName(p, r.lang).value_or(row.keys[0].name);
    if (!r.by.empty()) product_names[row.keys[1].code] = row.keys[1].name;
  }
  if (!partner.empty() && cells.empty()) {
    cells[{partner, ""}] = Cell{};  // a partner with no trade either way: one row of zeros
    names[partner] = ref.PartnerName(partner, r.lang).value_or("");
  }

  std::set<std::string> not_reporting, incomplete;
  __int128 tx_a = 0, tx_b = 0, tm_a = 0, tm_b = 0;
  std::set<std::string> compared;
  for (const auto& [key, c] : cells) {
    MirrorRow row;
    row.partner = key.first;
    row.partner_name = names[key.first];
    row.product = key.second;
    if (!key.second.empty()) row.product_name = product_names[key.second];
    auto it = months.find(key.first);
    row.partner_reports = it != months.end() && !it->second.empty();
    const std::vector<core::Period> missing =
        MissingMonths(it == months.end() ? nullptr : &it->second, r.period);
    const bool comparable = row.partner_reports && missing.empty();
    if (!row.partner_reports)
      not_reporting.insert(row.partner);
    else if (!missing.empty()) {
      row.partner_missing = MonthListText(missing);
      incomplete.insert(row.partner);
    }
    row.exports = Compare(c.a_exports,
                          comparable ? std::optional<__int128>(c.b_imports) : std::nullopt, true);
    row.imports = Compare(c.a_imports,
                          comparable ? std::optional<__int128>(c.b_exports) : std::nullopt, false);
    if (comparable) {
      compared.insert(row.partner);
      tx_a += c.a_exports;
      tx_b += c.b_imports;
      tm_a += c.a_imports;
      tm_b += c.b_exports;
    } else {
      r.exports_not_compared += c.a_exports;
      r.imports_not_compared += c.a_imports;
    }
    r.rows.push_back(std::move(row));
  }
  r.total_exports = Compare(tx_a, tx_b, true);
  r.total_imports = Compare(tm_a, tm_b, false);
  r.partners_compared = static_cast<int>(compared.size());
  r.partners_not_reporting.assign(not_reporting.begin(), not_reporting.end());
  r.partners_incomplete.assign(incomplete.begin(), incomplete.end());
  std::stable_sort(r.rows.begin(), r.rows.end(), [](const MirrorRow& x, const MirrorRow& y) {
    const __int128 vx = *x.exports.reported + *x.imports.reported,
                   vy = *y.exports.reported + *y.imports.reported;
    if (vx != vy) return vx > vy;
    if (x.partner != y.partner) return x.partner < y.partner;
    return x.product < y.product;
  });
  return r;
}

namespace {

std::string Quote(std::string_view s) {  // strings here are codes and reference names
  MeasureValue v;
  v.type = MeasureValue::Type::kText;
  v.text = std::string(s);
  return MeasureJson(v, 0);
}

std::string Money(const std::optional<__int128>& v, int scale) {
  return v ? MoneyText(*v, scale) : "null";
}

std::string Ratio(const Derived& d) {
  MeasureValue v;
  if (d.present) {
    v.type = MeasureValue::Type::kDerived;
    v.derived = d;
    v.places = 4;
  }
  return MeasureJson(v, 0);
}

std::string FlowJson(const MirrorFlow& f, int scale, const char* reported, const char* mirror) {
  return fmt::format("\"{}\":{},\"{}\":{},\"gap\":{},\"cif_fob_ratio\":{},\"flag\":{}", reported,
                     Money(f.reported, scale), mirror, Money(f.mirror, scale), Money(f.gap, scale),
                     Ratio(f.ratio), f.flag.empty() ? "null" : Quote(f.flag));
}

std::string List(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + Quote(v[i]);
  return out + "]";
}

}  // namespace

std::string MirrorJson(const MirrorResult& r) {
  const int s = r.money_scale;
  std::string out;
  out += fmt::format("{{\"dataset\":{},\n\"partner_dataset\":{},\n", Quote(r.dataset),
                     Quote(r.partner_dataset));
  out += fmt::format("\"reporter\":{},\n\"reporter_name\":{},\n", Quote(r.reporter),
                     Quote(r.reporter_name));
  out += fmt::format("\"period\":{{\"from\":\"{}\",\"to\":\"{}\",\"label\":{}}},\n",
                     r.period.from.ToString(), r.period.to.ToString(), Quote(r.period.label));
  out += fmt::format("\"currency\":{},\n", Quote(r.currency));
  out += fmt::format(
      "\"valuation\":{{\"exports\":\"FOB\",\"imports\":\"CIF\",\"ratio\":\"CIF side / FOB side\","
      "\"band\":{{\"low\":{},\"high\":{}}}}},\n",
      core::FormatScaled(kMarginLowPct, 2), core::FormatScaled(kMarginHighPct, 2));
  out += fmt::format("\"by\":{},\n", r.by.empty() ? "null" : Quote(r.by));
  out += fmt::format(
      "\"partners_compared\":{},\n\"partners_not_reporting\":{},\n\"partners_incomplete\":{},\n",
      r.partners_compared, List(r.partners_not_reporting), List(r.partners_incomplete));
  out += "\"rows\":[";
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const MirrorRow& row = r.rows[i];
    out += i ? ",\n " : "\n ";
    out +=
        fmt::format("{{\"partner\":{},\"name\":{},", Quote(row.partner), Quote(row.partner_name));
    if (!r.by.empty())
      out += fmt::format("\"{}\":{},\"product_name\":{},", r.by, Quote(row.product),
                         Quote(row.product_name));
    out += fmt::format("\"partner_reports\":{},\"partner_missing\":{},",
                       row.partner_reports ? "true" : "false",
                       row.partner_missing.empty() ? "null" : Quote(row.partner_missing));
    out += "\"exports\":{" + FlowJson(row.exports, s, "reported_fob", "mirror_cif") + "},";
    out += "\"imports\":{" + FlowJson(row.imports, s, "reported_cif", "mirror_fob") + "}}";
  }
  out += r.rows.empty() ? "],\n" : "\n],\n";
  out += "\"total\":{\"exports\":{" + FlowJson(r.total_exports, s, "reported_fob", "mirror_cif") +
         "},";
  out += "\"imports\":{" + FlowJson(r.total_imports, s, "reported_cif", "mirror_fob") + "},";
  out += fmt::format("\"exports_not_compared\":{},\"imports_not_compared\":{}}}}}\n",
                     MoneyText(r.exports_not_compared, s), MoneyText(r.imports_not_compared, s));
  return out;
}

}  // namespace tradestat::query
