// cli/copy_command.cc: `tradestat copy SOURCE_STORE DEST_STORE [--dataset NAME]...`
// (clickhouse/copy.h).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "clickhouse/copy.h"
#include "core/strings.h"

namespace tradestat::cli {

void RegisterCopyCommand(CLI::App& app, CommandResult& result) {
  struct Options {
    std::string source, dest;
    std::vector<std::string> datasets;
    bool quiet = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = AddCommand(
      app, result, "copy",
      "Copy datasets with all their vintages between stores (embedded or clickhouse://)", [o] {
        auto r = clickhouse::CopyStore(o->source, o->dest, o->datasets);
        if (!r.ok()) return ReportError(r.status());
        if (!o->quiet)
          for (const auto& d : r->datasets)
            std::printf("copied %s: %zu vintage(s), %zu segment(s), %s rows into %s\n",
                        d.name.c_str(), d.vintages, d.segments,
                        core::GroupThousands(std::to_string(d.rows)).c_str(), o->dest.c_str());
        return kExitOk;
      });
  cmd->add_option("SOURCE_STORE", o->source, "Store to copy from (directory or clickhouse:// URL)")
      ->required();
  cmd->add_option("DEST_STORE", o->dest, "Store to copy into (created if it is a new directory)")
      ->required();
  cmd->add_option("--dataset,-d", o->datasets, "Dataset to copy (repeatable; default: all)");
  cmd->add_flag("--quiet,-q", o->quiet, "Print nothing on success");
}

}  // namespace tradestat::cli
