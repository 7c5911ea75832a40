// query/indicators/structure_run.cc: AddStructureMeasures (structure.h): the further queries the
// trade-structure indicators need, and where their figures go in the result.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/decimal.h"
#include "query/indicators/indicators.h"
#include "query/indicators/structure.h"

namespace tradestat::query::indicators {
namespace {

using core::Status;

bool Asked(const ParsedRequest& p, std::string_view group) {
  return std::find(p.measures.begin(), p.measures.end(), group) != p.measures.end();
}

// The row key of `keys` without position `skip` (-1 = none), as one map key.
std::string Codes(const std::vector<KeyPart>& keys, int skip = -1) {
  std::string k;
  for (size_t i = 0; i < keys.size(); ++i)
    if (static_cast<int>(i) != skip) k += keys[i].code + '\x1f';
  return k;
}

// The request with no indicator, ranking, cut or comparison: a further query of the same scope.
QueryRequest Reduced(const QueryRequest& request) {
  QueryRequest q = request;
  q.measures.clear();
  q.top = 0;
  q.sort.clear();
  q.benchmark.clear();
  q.compare = "none";
  q.products_level.clear();
  q.products_min.clear();
  return q;
}

std::vector<std::string> ByNames(const ParsedRequest& p) {
  std::vector<std::string> out;
  for (const BySpec& b : p.by) out.push_back(b.name);
  return out;
}

core::Result<QueryResult> Run(const QueryRequest& q, const Catalog& catalog,
                              const ReferenceLookup& ref, const ExecuteOptions& options,
                              std::string_view what) {
  auto res = Execute(q, catalog, ref, options);
  if (!res.ok()) return res.status().WithContext(std::string(what));
  return res;
}

// rca = (x_ij / X_i) / (x_wj / X_w): the row's share of the reporter's exports (its share_pct)
// over the same row's share of the benchmark's exports, same filters and breakdown.
Status AddRca(const QueryRequest& request, const ParsedRequest& p, const Catalog& catalog,
              const ReferenceLookup& ref, const ExecuteOptions& options, QueryResult& r) {
  QueryRequest q = Reduced(request);
  q.dataset = p.benchmark_dataset;
  q.reporter = p.benchmark_reporter;
  q.currency.clear();  // shares are currency-free: each side in its own currency
  TRADESTAT_ASSIGN_OR_RETURN(
      QueryResult b,
      Run(q, catalog, ref, options, fmt::format("--measure rca: benchmark {}", request.benchmark)));
  std::map<std::string, Derived> shares;
  for (const ResultRow& row : b.rows) shares[Codes(row.keys)] = row.m.share_pct;
  for (ResultRow& row : r.rows) {
    auto it = shares.find(Codes(row.keys));
    if (it != shares.end()) row.m.rca = Quotient(row.m.share_pct, it->second);
  }
  r.total.m.rca = Quotient(r.total.m.share_pct, b.total.m.share_pct);
  return Status::Ok();
}

// trade_intensity = (x_ij / X_i) / (m_j / M_w): partner j's share of the reporter's exports over
// j's share of all imports reported in the benchmark (j as a reporter there, flow M).
Status AddTradeIntensity(const QueryRequest& request, const ParsedRequest& p,
                         const Catalog& catalog, const ReferenceLookup& ref,
                         const ExecuteOptions& options, QueryResult& r) {
  int partner_by = -1;
  for (size_t i = 0; i < p.by.size(); ++i) {
    if (p.by[i].kind == ByKind::kPartner) partner_by = static_cast<int>(i);
    if (p.by[i].kind == ByKind::kReporter || p.by[i].kind == ByKind::kReporterGroup)
      return Status::InvalidArgument(
          "--measure trade_intensity: not with --by reporter/reporter_group (the partners' imports "
          "are read by "
          "reporter in the benchmark); query one reporter scope at a time");
  }
  bool total_ok = !p.filters.empty();
  for (const FilterSpec& f : p.filters) total_ok &= f.kind == FilterKind::kPartner;
  if (partner_by < 0 && !total_ok)
    return Status::InvalidArgument(
        "--measure trade_intensity: the index is between the reporter and a partner: add --by "
        "partner or "
        "--where partner=CODE (and no other --where)");
  QueryRequest q = Reduced(request);
  q.dataset = p.benchmark_dataset;
  q.reporter = p.benchmark_reporter;
  q.currency.clear();
  q.flow = "M";
  q.units.clear();
  q.where.clear();
  for (const FilterSpec& f : p.filters) {
    if (f.kind == FilterKind::kPartner || f.kind == FilterKind::kPartnerGroup) continue;
    std::string w = f.name + "=";
    for (size_t i = 0; i < f.values.size(); ++i) w += (i ? "," : "") + f.values[i];
    q.where.push_back(w);
  }
  const std::string what = fmt::format(
      "--measure trade_intensity: imports by reporter in benchmark {}", request.benchmark);
  if (partner_by >= 0) {
    q.by = ByNames(p);
    q.by[partner_by] = "reporter";
    TRADESTAT_ASSIGN_OR_RETURN(QueryResult b, Run(q, catalog, ref, options, what));
    std::map<std::string, Derived> shares;
    for (const ResultRow& row : b.rows) shares[Codes(row.keys)] = row.m.share_pct;
    for (ResultRow& row : r.rows) {
      if (row.keys[partner_by].unit) continue;  // a --units bloc is no reporter
      auto it = shares.find(Codes(row.keys));
      if (it != shares.end()) row.m.trade_intensity = Quotient(row.m.share_pct, it->second);
    }
  }
  if (total_ok) {
    q.by = {"reporter"};
    q.where.clear();
    TRADESTAT_ASSIGN_OR_RETURN(QueryResult b, Run(q, catalog, ref, options, what));
    std::set<std::string> partners;
    for (const FilterSpec& f : p.filters)
      for (const std::string& v : f.values) partners.insert(ref.CanonicalPartner(v).value_or(v));
    __int128 m_j = 0;
    for (const ResultRow& row : b.rows)
      if (partners.count(row.keys[0].code)) m_j += row.m.value;
    // The total's share_pct is of all the reporter's exports (no --where): x_ij / X_i.
    r.total.m.trade_intensity = Quotient(r.total.m.share_pct, SharePct(m_j, b.total.m.value));
  }
  return Status::Ok();
}

Status AddHhi(const ParsedRequest& p, QueryResult& r) {
  if (p.by.empty())
    return Status::InvalidArgument(
        "--measure hhi: the index is of a breakdown's rows: add --by partner, --by hs6 or another "
        "dimension");
  for (const BySpec& b : p.by) {
    if (b.kind == ByKind::kPartnerGroup || b.kind == ByKind::kCategory ||
        b.kind == ByKind::kReporterGroup)
      return Status::InvalidArgument(
          fmt::format("--measure hhi: the rows of --by {} overlap (a code can be in several), so "
                      "their shares do not add up "
                      "to 100; use --by partner (with --units for blocs), hs2..hs8 or reporter",
                      b.name));
    if (b.kind == ByKind::kPeriod) return Status::Ok();  // null: one index per step is not computed
  }
  std::vector<__int128> values;
  for (const ResultRow& row : r.rows) values.push_back(row.m.value);
  r.total.m.hhi = Hhi(values);
  return Status::Ok();
}

// products_exported: HS codes at the level whose exports in the row exceed the threshold.
Status AddProductsExported(const QueryRequest& request, const ParsedRequest& p,
                           const Catalog& catalog, const ReferenceLookup& ref,
                           const ExecuteOptions& options, QueryResult& r) {
  const std::string level = request.products_level.empty() ? "hs6" : request.products_level;
  if (level != "hs2" && level != "hs4" && level != "hs6" && level != "hs8")
    return Status::InvalidArgument(
        fmt::format("--products-level: \"{}\"; accepted: hs2, hs4, hs6 (default), hs8",
                    request.products_level));
  int64_t min = 0;
  if (!request.products_min.empty()) {
    core::DecimalError e = core::ParseScaled(request.products_min, r.money_scale, &min);
    if (e != core::DecimalError::kOk)
      return Status::InvalidArgument(
          fmt::format("--products-min: \"{}\": {}; accepted: an amount in {} such as 1000000",
                      request.products_min, core::DecimalErrorText(e, r.money_scale), r.currency));
  }
  QueryRequest q = Reduced(request);
  q.flow = "X";
  const std::string what = "--measure products_exported: exports by " + level;
  // Total: distinct codes of the whole scope.
  q.by = {level};
  q.units.clear();
  TRADESTAT_ASSIGN_OR_RETURN(QueryResult t, Run(q, catalog, ref, options, what));
  int64_t n = 0;
  for (const ResultRow& row : t.rows) n += row.m.value > min;
  r.total.m.products_exported = n;
  if (p.by.empty()) return Status::Ok();
  // Rows: the same breakdown with the level added (unless it is one of its dimensions).
  q.by = ByNames(p);
  q.units = request.units;
  int skip = static_cast<int>(std::find(q.by.begin(), q.by.end(), level) - q.by.begin());
  if (skip == static_cast<int>(q.by.size()))
    q.by.push_back(level);
  else
    skip = -1;
  TRADESTAT_ASSIGN_OR_RETURN(QueryResult rows, Run(q, catalog, ref, options, what));
  std::map<std::string, int64_t> counts;
  for (const ResultRow& row : rows.rows) counts[Codes(row.keys, skip)] += row.m.value > min;
  for (ResultRow& row : r.rows) {
    auto it = counts.find(Codes(row.keys));
    row.m.products_exported = it == counts.end() ? 0 : it->second;
  }
  return Status::Ok();
}

}  // namespace

Status AddStructureMeasures(const QueryRequest& request, const ParsedRequest& p,
                            const Catalog& catalog, const ReferenceLookup& ref,
                            const ExecuteOptions& options, QueryResult& r) {
  for (const char* m : {"rca", "trade_intensity"}) {
    if (!Asked(p, m)) continue;
    if (!p.has_benchmark)
      return Status::InvalidArgument(fmt::format(
          "--measure {}: needs --benchmark DATASET[:REPORTER], the reference group whose shares "
          "are the "
          "denominator (e.g. a dataset of world trade, or the whole of a Comtrade dataset)",
          m));
    if (p.flow_name != "X")
      return Status::InvalidArgument(
          fmt::format("--measure {}: the index is of export shares: add --flow X (the flow is {})",
                      m, p.flow_name));
  }
  if (Asked(p, "rca")) TRADESTAT_RETURN_IF_ERROR(AddRca(request, p, catalog, ref, options, r));
  if (Asked(p, "trade_intensity"))
    TRADESTAT_RETURN_IF_ERROR(AddTradeIntensity(request, p, catalog, ref, options, r));
  if (Asked(p, "hhi")) TRADESTAT_RETURN_IF_ERROR(AddHhi(p, r));
  if (Asked(p, "products_exported"))
    TRADESTAT_RETURN_IF_ERROR(AddProductsExported(request, p, catalog, ref, options, r));
  return Status::Ok();
}

}  // namespace tradestat::query::indicators
