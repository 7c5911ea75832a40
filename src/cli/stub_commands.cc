// cli/stub_commands.cc: subcommands whose modules have not landed yet; each says what it will do.
#include <cstdio>

#include "cli/cli.h"

namespace tradestat::cli {

void RegisterRefCommand(CLI::App& app, CommandResult& result) {}

void RegisterDemoCommand(CLI::App& app, CommandResult& result) {
  AddCommand(app, result, "demo", "Build the Hunan demo store and print its H1 2023 bulletin", [] {
    std::fprintf(stderr,
                 "tradestat demo: not available yet. It will generate the Hunan and China demo\n"
                 "datasets, load them into a store and print the H1 2023 trade bulletin.\n");
    return kExitFailure;
  });
}

}  // namespace tradestat::cli
