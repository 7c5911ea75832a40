// cli/check_command.cc: `tradestat check STORE [--dataset D]`: verify the store's invariants.
//
// For each dataset (current vintage): every live segment's checksums (by mapping and verifying
// all columns) and its recorded totals against its rows; no negative values; where a partner
// World row and individual partners are both stored for the same period, flow, reporter and
// commodity, the partners add up to World; where a year and all twelve of its months are both
// stored, the months add up to the year. Tolerance for the sums: one currency unit per part
// (sources round each part). Exit 0 when everything holds, 1 on any violation.
#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "clickhouse/check.h"
#include "clickhouse/url.h"
#include "cli/cli.h"
#include "cli/store_reference.h"
#include "cli/vintage_arg.h"
#include "core/decimal.h"
#include "core/strings.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

std::string Money(__int128 v) {
  bool neg = v < 0;
  return (neg ? "-" : "") + core::FormatScaled(neg ? -v : v, 2);
}

struct Report {
  size_t violations = 0;
  size_t shown = 0;
  void Fail(const std::string& what) {
    ++violations;
    if (shown++ < 50) std::printf("  FAIL %s\n", what.c_str());
  }
  void Ok(const std::string& what) { std::printf("  ok   %s\n", what.c_str()); }
};

void CheckDataset(const store::Store& store, const std::string& name, const std::string& world, Report* rep) {
  std::printf("dataset %s:\n", name.c_str());
  auto snap = store.Dataset(name);
  if (!snap.ok()) return rep->Fail(snap.status().message());
  size_t before = rep->violations;
  auto segments = (*snap)->AllSegments();
  if (!segments.ok()) return rep->Fail(fmt::format("segment checksums: {}", segments.status().message()));
  const auto& metas = (*snap)->segment_metas();
  size_t nc = (*snap)->currencies().size();
  uint64_t negatives = 0;
  for (size_t i = 0; i < segments->size() && i < metas.size(); ++i) {
    const auto& s = (*segments)[i];
    for (uint64_t r = 0; r < s.rows; ++r)
      for (size_t c = 0; c < nc; ++c) {
        const int64_t v = s.values[c][r];
        if (v < 0 && negatives++ < 5)
          rep->Fail(fmt::format("negative value {} in {} row {}", Money(v), metas[i].file, r + 1));
      }
    // X and M, and the "of which" flows (RX, DX, ...) which are never in X or M.
    const store::FlowSums sums = store::SumByFlow(s.flow, s.values, nc, s.rows);
    for (int f = 0; f < 2; ++f)
      if (!metas[i].totals[f].empty() && metas[i].totals[f] != sums.main[f])
        rep->Fail(fmt::format("{}: recorded {} totals differ from the sum of its rows", metas[i].file, f ? "M" : "X"));
    if (sums.sub != metas[i].sub_totals)
      rep->Fail(fmt::format("{}: recorded \"of which\" flow totals differ from the sum of its rows", metas[i].file));
  }
  if (rep->violations == before)
    rep->Ok(fmt::format("{} segment{}: checksums and recorded totals verified, no negative values", metas.size(),
                        metas.size() == 1 ? "" : "s"));

  auto cells = CollectCells(**snap);
  if (!cells.ok()) return rep->Fail(cells.status().message());
  // Partners add up to World.
  size_t before_p = rep->violations, groups = 0;
  std::map<std::array<std::string, 6>, std::pair<std::vector<__int128>, std::pair<std::vector<__int128>, size_t>>> pw;
  for (const auto& [k, v] : *cells) {
    std::array<std::string, 6> g{k[0], k[1], k[2], k[4], k[5], k[6]};
    auto& e = pw[g];
    if (e.first.empty()) e.first.assign(nc, 0), e.second.first.assign(nc, 0);
    if (k[3] == world) {
      for (size_t c = 0; c < nc; ++c) e.first[c] += v[c];
    } else {
      for (size_t c = 0; c < nc; ++c) e.second.first[c] += v[c];
      ++e.second.second;
    }
  }
  for (const auto& [g, e] : pw) {
    bool has_world = false;
    for (auto x : e.first) has_world |= x != 0;
    if (!has_world || e.second.second == 0) continue;
    ++groups;
    for (size_t c = 0; c < nc; ++c) {
      __int128 d = e.first[c] - e.second.first[c];
      if (d > static_cast<__int128>(e.second.second) * 100 || -d > static_cast<__int128>(e.second.second) * 100)
        rep->Fail(fmt::format("partners: {} {} reporter {} commodity {}: World {} but {} partners sum to {} (diff {})",
                              g[0], g[1], g[2], g[3], Money(e.first[c]), e.second.second, Money(e.second.first[c]),
                              Money(d)));
    }
  }
  if (rep->violations == before_p)
    rep->Ok(fmt::format("partners add up to World in {} group{} holding both", groups, groups == 1 ? "" : "s"));

  // Months add up to years.
  size_t before_m = rep->violations, years = 0;
  std::map<CellKey, std::pair<std::vector<__int128>, std::vector<__int128>>> ym;  // key with period = year
  std::map<std::string, std::set<int>> months_of_year;
  for (const auto& [k, v] : *cells) {
    CellKey y = k;
    y[0] = k[0].substr(0, 4);
    auto& e = ym[y];
    if (e.first.empty()) e.first.assign(nc, 0), e.second.assign(nc, 0);
    bool annual = k[0].size() == 4;
    for (size_t c = 0; c < nc; ++c) (annual ? e.first : e.second)[c] += v[c];
    if (!annual) months_of_year[y[0]].insert(std::stoi(k[0].substr(5, 2)));
  }
  std::set<std::string> annual_years;
  for (const auto& p : (*snap)->Periods())
    if (p.is_annual()) annual_years.insert(std::to_string(p.year()));
  for (const auto& year : annual_years) {
    if (months_of_year[year].size() != 12) continue;
    ++years;
    for (const auto& [k, e] : ym) {
      if (k[0] != year) continue;
      for (size_t c = 0; c < nc; ++c) {
        __int128 d = e.first[c] - e.second[c];
        if (d > 1200 || d < -1200)
          rep->Fail(fmt::format("months: {} {} {} {} {}: year {} but months sum to {} (diff {})", k[0], k[1], k[2],
                                k[3], k[4], Money(e.first[c]), Money(e.second[c]), Money(d)));
      }
    }
  }
  if (rep->violations == before_m)
    rep->Ok(fmt::format("months add up to years in {} year{} holding both", years, years == 1 ? "" : "s"));
}

int RunCheck(const std::string& path, const std::string& dataset) {
  if (clickhouse::IsClickHouseUrl(path)) {  // row counts and totals on the shards (clickhouse/check.h)
    auto lines = clickhouse::CheckStore(path, dataset);
    if (!lines.ok()) return ReportError(lines.status());
    Report rep;
    for (const auto& l : *lines) {
      if (l.kind == clickhouse::CheckLine::kDataset) std::printf("dataset %s:\n", l.text.c_str());
      else if (l.kind == clickhouse::CheckLine::kOk) rep.Ok(l.text);
      else if (l.kind == clickhouse::CheckLine::kFail) rep.Fail(l.text);
      else std::printf("  skip %s\n", l.text.c_str());
    }
    std::printf("%s: %zu violation%s\n", rep.violations ? "FAILED" : "OK", rep.violations,
                rep.violations == 1 ? "" : "s");
    return rep.violations ? kExitFailure : kExitOk;
  }
  auto store = store::Store::Open(path);
  if (!store.ok()) return ReportError(store.status());
  auto reference = LoadStoreReference(path);
  if (!reference.ok()) return ReportError(reference.status());
  auto w = (*reference)->PartnerFromComtradeCode("0");
  std::string world = w.ok() ? *w : "WLD";
  Report rep;
  for (const auto& name : store->DatasetNames()) {
    if (!dataset.empty() && name != dataset) continue;
    CheckDataset(*store, name, world, &rep);
  }
  if (rep.shown > 50) std::printf("  ... and %zu more violations\n", rep.shown - 50);
  std::printf("%s: %zu violation%s\n", rep.violations ? "FAILED" : "OK", rep.violations,
              rep.violations == 1 ? "" : "s");
  return rep.violations ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  auto dataset = std::make_shared<std::string>();
  CLI::App* cmd = AddCommand(app, result, "check",
                             "Verify invariants: checksums, no negative values, partners add up to World, months to years",
                             [=] { return RunCheck(*path, *dataset); });
  cmd->add_option("STORE", *path, "Store directory")->required();
  cmd->add_option("--dataset,-d", *dataset, "Check only this dataset");
}

}  // namespace tradestat::cli
