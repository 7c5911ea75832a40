// cli/cli.cc: builds the CLI11 app from the registered subcommands; the only exception edge.
#include "cli/cli.h"

#include <filesystem>
#include <new>

#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include "core/file.h"

namespace tradestat::cli {

int ReportError(const core::Status& status) {
  std::fprintf(stderr, "tradestat: %s\n", status.message().c_str());
  switch (status.code()) {
    case core::StatusCode::kInvalidArgument: return kExitUsage;
    default: return kExitFailure;
  }
}

int WriteOutput(const std::string& out_path, const std::string& text) {
  if (!out_path.empty()) {
    core::Status st = core::WriteFileDurably(out_path, text);
    return st.ok() ? kExitOk : ReportError(st.WithContext("--out " + out_path));
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

CLI::App* AddCommand(CLI::App& app, CommandResult& result, const std::string& name,
                     const std::string& description, std::function<int()> action) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->callback([&result, action = std::move(action)] { result.exit_code = action(); });
  return sub;
}

int Run(int argc, char** argv) {
  try {
    CLI::App app{"tradestat: exact, fast foreign-trade statistics from customs records"};
    app.set_version_flag("--version", "tradestat 0.1.0");
    app.require_subcommand(1);
    app.fallthrough(false);
    CommandResult result;
    RegisterInitCommand(app, result);
    RegisterLoadCommand(app, result);
    RegisterInfoCommand(app, result);
    RegisterRefCommand(app, result);
    RegisterQueryCommand(app, result);
    RegisterBulletinCommand(app, result);
    RegisterVerifyCommand(app, result);
    RegisterDemoCommand(app, result);
    RegisterDiffCommand(app, result);
    RegisterCheckCommand(app, result);
    RegisterServeCommand(app, result);
    RegisterCopyCommand(app, result);
    RegisterUpgradeCommand(app, result);
    RegisterMirrorCommand(app, result);
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      std::fprintf(
          stderr,
          "tradestat: %s\nRun 'tradestat --help' or 'tradestat COMMAND --help' for usage.\n",
          e.what());
      return kExitUsage;
    }
    return result.exit_code;
  } catch (const std::bad_alloc&) {
    // Not a bug of ours: the input or the query needs more memory than the machine gives.
    std::fprintf(
        stderr,
        "tradestat: out of memory: the input or the query needs more memory than is available; "
        "split the input or narrow the query\n");
    return kExitFailure;
  } catch (const std::filesystem::filesystem_error& e) {
    std::fprintf(stderr, "tradestat: file system error: %s\n", e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tradestat: internal error: %s\n", e.what());
    return kExitFailure;
  }
}

}  // namespace tradestat::cli
