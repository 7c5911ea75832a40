// cli/stub_commands.cc: subcommands whose modules have not landed yet; each says what it will do.
#include <cstdio>

#include "cli/cli.h"

namespace tradestat::cli {

// RegisterDemoCommand: demo_command.cc.

}  // namespace tradestat::cli
