// cli/init_command.cc: `tradestat init STORE` creates an empty store.
#include <cstdio>

#include "cli/cli.h"
#include "clickhouse/clickhouse_store.h"
#include "store/store.h"

namespace tradestat::cli {

void RegisterInitCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  CLI::App* cmd = AddCommand(app, result, "init", "Create an empty store directory", [path] {
    core::Status st = clickhouse::IsClickHouseUrl(*path) ? clickhouse::InitStore(*path)
                                                         : store::Store::Create(*path);
    if (!st.ok()) return ReportError(st);
    std::printf("created store %s\n", path->c_str());
    return kExitOk;
  });
  cmd->add_option("STORE", *path, "Store directory to create")->required();
}

}  // namespace tradestat::cli
