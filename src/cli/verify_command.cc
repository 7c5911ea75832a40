// cli/verify_command.cc: `tradestat verify STORE RELEASE [--dataset D] [--reporter R] [--period P]
// [--benchmark B] [--lang auto|en|zh] [--format table|json] [--draft]`.
//
// A thin shell over verify::Verify (docs/verify.md): reads the release, checks every figure
// against the store, prints a table or JSON. Exit 0 when every checkable figure matches, 1 when
// any differs (or the store or release cannot be read), 2 on bad arguments.
#include <cstdio>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/open_store.h"
#include "clickhouse/clickhouse_store.h"
#include "clickhouse/url.h"
#include "core/file.h"
#include "core/strings.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "store/store.h"
#include "verify/verify.h"

namespace tradestat::cli {
namespace {

struct VerifyCommandOptions {
  std::string store_path;
  std::string release_path;
  verify::VerifyOptions options;
  std::string lang = "auto";
  std::string format = "table";
  bool draft = false;
};

int RunVerify(VerifyCommandOptions& o) {
  using core::Status;
  if (o.store_path.empty() || o.release_path.empty())
    return ReportError(Status::InvalidArgument(
        "verify: STORE and RELEASE are required (tradestat verify STORE RELEASE)"));
  std::optional<query::Lang> lang;
  const std::string l = core::ToLower(o.lang);
  if (l == "en")
    lang = query::Lang::kEn;
  else if (l == "zh" || l == "cn")
    lang = query::Lang::kZh;
  else if (l != "auto" && !l.empty())
    return ReportError(
        Status::InvalidArgument(fmt::format("--lang: \"{}\"; accepted: auto, en, zh", o.lang)));
  const std::string format = core::ToLower(o.format);
  if (format != "table" && format != "json" && format != "text" && format != "txt")
    return ReportError(
        Status::InvalidArgument(fmt::format("--format: \"{}\"; accepted: table, json", o.format)));

  auto text = core::ReadFileToString(o.release_path);
  if (!text.ok()) return ReportError(text.status().WithContext("RELEASE " + o.release_path));
  // A clickhouse:// STORE: the same checks, the figures computed by the cluster (clickhouse/).
  auto opened = OpenStoreForReading(o.store_path);
  if (!opened.ok()) return ReportError(opened.status());
  const query::Catalog& catalog = opened->catalog();
  const query::ReferenceLookup& lookup = *opened->lookup;
  const store::Manifest* manifest = &opened->manifest();
  o.options.store_label = o.store_path;
  for (const auto& [name, meta] : manifest->datasets) o.options.datasets.push_back(name);
  const verify::Release release = verify::ReadRelease(*text, lang);
  const verify::Lexicon lexicon = verify::Lexicon::Build(*opened->reference);
  auto report = verify::Verify(release, o.options, catalog, lookup, lexicon);
  if (!report.ok()) return ReportError(report.status());
  const std::string out =
      format == "json" ? verify::RenderJson(*report) : verify::RenderTable(*report, o.draft);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return verify::ExitCode(*report);
}

}  // namespace

void RegisterVerifyCommand(CLI::App& app, CommandResult& result) {
  auto o = std::make_shared<VerifyCommandOptions>();
  CLI::App* cmd = AddCommand(
      app, result, "verify",
      "Check every figure of a published release (text, Markdown or HTML) against the data",
      [o] { return RunVerify(*o); });
  cmd->add_option("STORE", o->store_path, "Store directory")->required();
  cmd->add_option("RELEASE", o->release_path,
                  "The release: plain text, Markdown or HTML, English or Chinese")
      ->required();
  cmd->add_option("--dataset,-d", o->options.dataset,
                  "Dataset (default: the one where the release's reporter has data)");
  cmd->add_option("--reporter", o->options.reporter,
                  "Reporter region (default: the first region the release names)");
  cmd->add_option("--period,-p", o->options.period,
                  "Period, e.g. 2023H1 (default: read from the title or text)");
  cmd->add_option(
      "--benchmark", o->options.benchmark,
      "DATASET[:REPORTER] for national comparisons (default: the store's other dataset)");
  cmd->add_option("--lang", o->lang, "auto (default), en or zh");
  cmd->add_option("--format,-f", o->format, "table (default) or json");
  cmd->add_flag("--draft", o->draft, "Suggest corrected wording for each differing figure");
}

}  // namespace tradestat::cli
