// cli/cli.h: the `tradestat` command line: subcommand registry and the program's error edge.
//
// Each subcommand lives in its own <name>_command.cc and registers itself through one
// Register*Command function called from cli.cc. Subcommands return an exit status; they never
// print stack traces: errors are one line on stderr ("tradestat: what went wrong").
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "core/status.h"

namespace tradestat::cli {

/// Exit statuses, documented in README: 0 ok, 1 failure (bad data, corrupt store...), 2 usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// Set by a subcommand's callback; Run() returns it after parsing.
struct CommandResult {
  int exit_code = kExitOk;
};

/// Print "tradestat: <message>" on stderr and return the exit status for `status`.
int ReportError(const core::Status& status);

/// A command's output: written durably to `out_path` when one is given (--out), else to stdout.
/// Returns the exit status.
int WriteOutput(const std::string& out_path, const std::string& text);

/// Adds a subcommand whose `action` runs after parsing; its return value is the exit status.
CLI::App* AddCommand(CLI::App& app, CommandResult& result, const std::string& name,
                     const std::string& description, std::function<int()> action);

void RegisterInitCommand(CLI::App& app, CommandResult& result);
void RegisterLoadCommand(CLI::App& app, CommandResult& result);
void RegisterInfoCommand(CLI::App& app, CommandResult& result);
void RegisterRefCommand(CLI::App& app, CommandResult& result);
void RegisterQueryCommand(CLI::App& app, CommandResult& result);
void RegisterBulletinCommand(CLI::App& app, CommandResult& result);
void RegisterVerifyCommand(CLI::App& app, CommandResult& result);
void RegisterDemoCommand(CLI::App& app, CommandResult& result);
void RegisterDiffCommand(CLI::App& app, CommandResult& result);
void RegisterCheckCommand(CLI::App& app, CommandResult& result);
void RegisterServeCommand(CLI::App& app, CommandResult& result);
void RegisterCopyCommand(CLI::App& app, CommandResult& result);     // clickhouse/copy.h
void RegisterUpgradeCommand(CLI::App& app, CommandResult& result);  // store/segment_upgrade.h
void RegisterMirrorCommand(CLI::App& app, CommandResult& result);   // query/mirror.h

int Run(int argc, char** argv);

}  // namespace tradestat::cli
