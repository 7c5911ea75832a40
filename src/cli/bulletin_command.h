// cli/bulletin_command.h: registers `tradestat bulletin` (bulletin_command.cc).
#pragma once

#include "cli/cli.h"

namespace tradestat::cli {

void RegisterBulletinCommand(CLI::App& app, CommandResult& result);

}  // namespace tradestat::cli
