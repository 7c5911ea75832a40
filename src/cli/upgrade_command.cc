// cli/upgrade_command.cc: `tradestat upgrade STORE` rewrites older-format segments in the current
// segment format, all or nothing (store::UpgradeSegments), and says what it did.
#include <cstdio>

#include <fmt/format.h>

#include "cli/cli.h"
#include "clickhouse/url.h"
#include "core/strings.h"
#include "store/segment_upgrade.h"

namespace tradestat::cli {
namespace {

std::string Mib(uint64_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
}

int RunUpgrade(const std::string& path) {
  if (clickhouse::IsClickHouseUrl(path))
    return ReportError(
        core::Status::InvalidArgument(fmt::format("upgrade: {} is a ClickHouse store; upgrade "
                                                  "rewrites the segment files of a store directory",
                                                  path)));
  auto report = store::UpgradeSegments(path);
  if (!report.ok()) return ReportError(report.status());
  if (!report->committed) {
    std::printf("store %s is up to date: every segment is in format %u; nothing written\n",
                path.c_str(), report->format);
    return kExitOk;
  }
  std::printf(
      "upgraded store %s to segment format %u (one commit; vintages and totals unchanged)\n",
      path.c_str(), report->format);
  for (const auto& d : report->datasets) {
    if (d.rewritten == 0) {
      std::printf("  dataset %s: %s segments, all already in format %u\n", d.name.c_str(),
                  core::GroupThousands(std::to_string(d.segments)).c_str(), report->format);
      continue;
    }
    std::printf("  dataset %s: rewrote %s of %s segments, %s -> %s\n", d.name.c_str(),
                core::GroupThousands(std::to_string(d.rewritten)).c_str(),
                core::GroupThousands(std::to_string(d.segments)).c_str(),
                Mib(d.bytes_before).c_str(), Mib(d.bytes_after).c_str());
  }
  std::printf(
      "the old segment files are retired: kept while readers of the previous version may use them, "
      "then removed by a later writer (docs/formats/store.md, Cleanup)\n");
  return kExitOk;
}

}  // namespace

void RegisterUpgradeCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd =
      AddCommand(app, result, "upgrade",
                 "Rewrite a store's older-format segments in the current format (all or nothing)",
                 [path] { return RunUpgrade(*path); });
  cmd->add_option("STORE", *path, "Store directory")->required();
}

}  // namespace tradestat::cli
