// cli/info_command.cc: `tradestat info STORE [--json]`: datasets, periods, rows, totals, vintages,
// size.
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli/cli.h"
#include "clickhouse/clickhouse_store.h"
#include "core/decimal.h"
#include "core/strings.h"
#include "server/store_info.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

using server::DatasetSummary;
using server::Summarise;

int PrintJson(const store::Store& s) {
  std::string json = server::StoreInfoJson(s);  // shared with GET /api/v1/info
  std::fwrite(json.data(), 1, json.size(), stdout);
  return kExitOk;
}

// `disk`: bytes on disk, or -1 when the store does not say (a clickhouse:// store).
int PrintText(const std::string& path, const store::Manifest& manifest, int64_t disk) {
  std::printf("store %s: %zu dataset%s", path.c_str(), manifest.datasets.size(),
              manifest.datasets.size() == 1 ? "" : "s");
  if (disk >= 0) std::printf(", %.1f MB on disk", static_cast<double>(disk) / 1e6);
  std::printf("\n");
  if (manifest.datasets.empty())
    std::printf("no datasets yet; add one with 'tradestat load %s --dataset NAME FILE'\n",
                path.c_str());
  for (const auto& [name, d] : manifest.datasets) {
    DatasetSummary sum = Summarise(d);
    std::string range = sum.period_rows.empty()
                            ? "no periods"
                            : fmt::format("{} periods {}..{}", sum.period_rows.size(),
                                          sum.period_rows.begin()->first.ToString(),
                                          sum.period_rows.rbegin()->first.ToString());
    std::printf("\ndataset %s: %s rows, %s, vintage %u, %.1f MB\n", name.c_str(),
                core::GroupThousands(std::to_string(sum.rows)).c_str(), range.c_str(),
                d.current_vintage(), static_cast<double>(sum.bytes) / 1e6);
    std::printf("  %-6s", "flow");
    for (const auto& c : d.currencies) std::printf(" %24s", c.c_str());
    std::printf("\n");
    for (int f = 0; f < 2; ++f) {
      std::printf("  %-6s", f == 0 ? "X" : "M");
      for (size_t c = 0; c < d.currencies.size(); ++c)
        std::printf(
            " %24s",
            core::GroupThousands(core::FormatScaled(sum.totals[f][c], d.money_scale)).c_str());
      std::printf("\n");
    }
    // "Of which" flows: their own totals, never part of X or M above.
    for (const auto& [flow, t] : sum.sub_totals) {
      std::printf("  %-6s", std::string(store::FlowCode(flow)).c_str());
      for (size_t c = 0; c < d.currencies.size() && c < t.size(); ++c)
        std::printf(" %24s", core::GroupThousands(core::FormatScaled(t[c], d.money_scale)).c_str());
      std::printf(
          "  (of %s)\n",
          std::string(store::FlowCode(store::FlowInfoOf(static_cast<store::Flow>(flow)).parent))
              .c_str());
    }
    {
      std::vector<std::string> flows = server::FlowsHeld(d, sum);
      std::printf("  flows: %s\n",
                  flows.empty() ? "none" : fmt::format("{}", fmt::join(flows, " ")).c_str());
    }
    std::printf("  vintages:\n");
    for (const auto& v : d.vintages) {
      uint64_t rows = 0;
      std::string names;
      for (const auto& f : v.files) {
        rows += f.rows;
        names += (names.empty() ? "" : ", ") + f.name;
      }
      std::string replaced =
          v.replaced_periods.empty()
              ? ""
              : " replacing " + fmt::format("{}", fmt::join(v.replaced_periods, ","));
      std::printf("    %3u  %s  %-7s %s rows from %s%s\n", v.id, v.time.c_str(), v.action.c_str(),
                  core::GroupThousands(std::to_string(rows)).c_str(), names.c_str(),
                  replaced.c_str());
      // Issue 6: how the rows of real-world files were treated (aggregates kept out of the sums).
      for (const auto& f : v.files) {
        if (f.format.empty()) continue;
        std::string parts;
        for (const auto& [k, n] : f.treatment)
          if (n > 0 && k != "data_rows")
            parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ",
                                 core::GroupThousands(std::to_string(n)), k);
        std::printf("         %s: %s%s%s: %s\n", f.name.c_str(), f.format.c_str(),
                    f.classification.empty() ? "" : " ", f.classification.c_str(), parts.c_str());
      }
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterInfoCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = AddCommand(
      app, result, "info", "Show datasets, periods, rows, totals, vintages and size", [path, json] {
        if (clickhouse::IsClickHouseUrl(*path)) {  // the cluster's committed manifest (clickhouse/)
          auto c = clickhouse::OpenCatalog(*path);
          if (!c.ok()) return ReportError(c.status());
          if (*json) {  // the embedded store's JSON, from the committed manifest row
            auto disk = clickhouse::StoredBytes(*path);
            if (!disk.ok()) return ReportError(disk.status());
            auto url = clickhouse::ParseStoreUrl(*path);
            std::string out = server::StoreInfoJson(url->database, (*c)->state().manifest, *disk);
            std::fwrite(out.data(), 1, out.size(), stdout);
            return kExitOk;
          }
          return PrintText(*path, (*c)->state().manifest, -1);
        }
        auto s = store::Store::Open(*path);
        if (!s.ok()) return ReportError(s.status());
        if (*json) return PrintJson(*s);
        auto disk = s->DiskBytes();
        return PrintText(s->path(), s->manifest(), disk.ok() ? static_cast<int64_t>(*disk) : 0);
      });
  cmd->add_option("STORE", *path, "Store directory")->required();
  cmd->add_flag("--json", *json, "Machine-readable output");
}

}  // namespace tradestat::cli
