// cli/diff_command.cc: `tradestat diff STORE --dataset D --from VINTAGE --to VINTAGE`.
//
// Lists exactly what changed between two vintages of a dataset: every (period, flow, reporter,
// partner, commodity, trade mode, enterprise type) cell whose value differs, with both values and
// the change, then subtotals by period and flow. Values are exact (integer minor units).
#include <cstdio>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/vintage_arg.h"
#include "clickhouse/clickhouse_store.h"
#include "clickhouse/url.h"
#include "core/decimal.h"
#include "core/strings.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

// `scale`: the dataset's money scale (store::DatasetMeta::money_scale).
std::string Money(__int128 v, int scale) {
  bool neg = v < 0;
  return (neg ? "-" : "") + core::FormatScaled(neg ? -v : v, scale);
}
std::string Signed(__int128 v, int scale) { return (v > 0 ? "+" : "") + Money(v, scale); }

int RunDiff(const std::string& path, const std::string& dataset, const std::string& from,
            const std::string& to) {
  // A clickhouse:// STORE: the same cells, summed by the cluster over the segments live at each
  // vintage.
  const bool on_cluster = clickhouse::IsClickHouseUrl(path);
  core::Result<store::Store> store =
      on_cluster ? core::Status::NotFound("") : store::Store::Open(path);
  if (!on_cluster && !store.ok()) return ReportError(store.status());
  std::unique_ptr<clickhouse::ClickHouseCatalog> cluster;
  if (on_cluster) {
    auto c = clickhouse::OpenCatalog(path);
    if (!c.ok()) return ReportError(c.status());
    cluster = std::move(*c);
  }
  const store::Manifest& manifest = on_cluster ? cluster->state().manifest : store->manifest();
  if (!manifest.datasets.count(dataset))
    return ReportError(
        core::Status::NotFound(fmt::format("--dataset: no dataset \"{}\" in {}", dataset, path)));
  const auto& meta = manifest.datasets.at(dataset);
  auto vf = ResolveVintage(meta, from, "--from");
  if (!vf.ok()) return ReportError(vf.status());
  auto vt = ResolveVintage(meta, to.empty() ? std::to_string(meta.current_vintage()) : to, "--to");
  if (!vt.ok()) return ReportError(vt.status());
  auto cells_at = [&](uint32_t v) -> core::Result<Cells> {
    if (on_cluster) return clickhouse::CollectCells(path, cluster->state(), dataset, v);
    TRADESTAT_ASSIGN_OR_RETURN(auto snap, store->Dataset(dataset, v));
    return CollectCells(*snap);
  };
  auto ca = cells_at(*vf);
  if (!ca.ok()) return ReportError(ca.status());
  auto cb = cells_at(*vt);
  if (!cb.ok()) return ReportError(cb.status());
  const auto& cur = meta.currencies;
  const int ms = meta.money_scale;
  auto time_of = [&](uint32_t v) {
    for (const auto& m : meta.vintages)
      if (m.id == v) return m.time + " " + m.action;
    return std::string();
  };
  std::printf("dataset %s: vintage %u (%s) -> vintage %u (%s)\n", dataset.c_str(), *vf,
              time_of(*vf).c_str(), *vt, time_of(*vt).c_str());
  std::printf("period\tflow\treporter\tpartner\tcommodity\ttrade_mode\tenterprise_type");
  for (const auto& c : cur)
    std::printf("\tvalue_%s_from\tvalue_%s_to\tchange_%s", core::ToLower(c).c_str(),
                core::ToLower(c).c_str(), core::ToLower(c).c_str());
  std::printf("\n");
  std::vector<__int128> zero(cur.size(), 0);
  std::map<std::pair<std::string, std::string>, std::vector<__int128>> by_period_flow;
  size_t changed = 0, added = 0, removed = 0;
  auto emit = [&](const CellKey& k, const std::vector<__int128>& x,
                  const std::vector<__int128>& y) {
    if (x == y) return;
    ++changed;
    std::printf("%s\t%s\t%s\t%s\t%s\t%s\t%s", k[0].c_str(), k[1].c_str(), k[2].c_str(),
                k[3].c_str(), k[4].c_str(), k[5].c_str(), k[6].c_str());
    auto& pf = by_period_flow[{k[0], k[1]}];
    if (pf.empty()) pf.assign(cur.size() * 2, 0);
    for (size_t c = 0; c < cur.size(); ++c) {
      std::printf("\t%s\t%s\t%s", Money(x[c], ms).c_str(), Money(y[c], ms).c_str(),
                  Signed(y[c] - x[c], ms).c_str());
      pf[2 * c] += x[c];
      pf[2 * c + 1] += y[c];
    }
    std::printf("\n");
  };
  auto ia = ca->begin(), ib = cb->begin();
  while (ia != ca->end() || ib != cb->end()) {
    if (ib == cb->end() || (ia != ca->end() && ia->first < ib->first)) {
      ++removed;
      emit(ia->first, ia->second, zero);
      ++ia;
    } else if (ia == ca->end() || ib->first < ia->first) {
      ++added;
      emit(ib->first, zero, ib->second);
      ++ib;
    } else {
      emit(ia->first, ia->second, ib->second);
      ++ia, ++ib;
    }
  }
  std::printf("\nby period and flow (changed cells only):\nperiod\tflow");
  for (const auto& c : cur) std::printf("\t%s_from\t%s_to\tchange", c.c_str(), c.c_str());
  std::printf("\n");
  for (const auto& [k, v] : by_period_flow) {
    std::printf("%s\t%s", k.first.c_str(), k.second.c_str());
    for (size_t c = 0; c < cur.size(); ++c)
      std::printf("\t%s\t%s\t%s", Money(v[2 * c], ms).c_str(), Money(v[2 * c + 1], ms).c_str(),
                  Signed(v[2 * c + 1] - v[2 * c], ms).c_str());
    std::printf("\n");
  }
  std::printf("\n%zu cell%s changed (%zu added, %zu removed, %zu revised)\n", changed,
              changed == 1 ? "" : "s", added, removed, changed - added - removed);
  return kExitOk;
}

}  // namespace

void RegisterDiffCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  auto dataset = std::make_shared<std::string>();
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  CLI::App* cmd = AddCommand(app, result, "diff",
                             "List what changed between two vintages of a dataset, exactly",
                             [=] { return RunDiff(*path, *dataset, *from, *to); });
  cmd->add_option("STORE", *path, "Store directory")->required();
  cmd->add_option("--dataset,-d", *dataset, "Dataset")->required();
  cmd->add_option("--from", *from,
                  "Vintage number or date (YYYY-MM-DD[THH:MM:SSZ]): the older version")
      ->required();
  cmd->add_option("--to", *to, "Vintage number or date: the newer version (default: current)");
}

}  // namespace tradestat::cli
