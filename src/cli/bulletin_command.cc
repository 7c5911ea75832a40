// cli/bulletin_command.cc: `tradestat bulletin STORE --period P [--dataset D] [--reporter R]
// [--benchmark B] [--issuer NAME] [--date YYYY-MM-DD] [--allow-partial] [--lang en|zh]
// [--format txt|md|html|json] [--spec FILE] [--out FILE]`.
//
// A thin shell over bulletin::BuildBulletin (docs/bulletin.md): every figure comes from
// query::Execute, so `--format json` lists the `tradestat query` arguments behind each one.
#include <cstdio>

#include <fmt/format.h>

#include "bulletin/bulletin.h"
#include "cli/cli.h"
#include "cli/open_store.h"
#include "core/file.h"
#include "core/strings.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

struct BulletinOptions {
  bulletin::BulletinRequest request;
  std::string lang = "en";
  std::string format;
  std::string spec_path;
  std::string out;
  bool print_spec = false;
};

int RunBulletin(BulletinOptions& o) {
  if (o.print_spec) {
    std::fwrite(bulletin::BulletinSpec::DefaultText().data(), 1,
                bulletin::BulletinSpec::DefaultText().size(), stdout);
    return kExitOk;
  }
  if (o.request.store_path.empty())
    return ReportError(
        core::Status::InvalidArgument("bulletin: STORE is required (the store directory)"));
  std::string lang = core::ToLower(o.lang);
  if (lang == "en")
    o.request.lang = query::Lang::kEn;
  else if (lang == "zh" || lang == "cn")
    o.request.lang = query::Lang::kZh;
  else
    return ReportError(
        core::Status::InvalidArgument(fmt::format("--lang: \"{}\"; accepted: en, zh", o.lang)));
  std::string format = o.format;
  if (format.empty()) {
    auto ends = [&](std::string_view ext) {
      return o.out.size() > ext.size() && o.out.ends_with(ext);
    };
    format = ends(".html") || ends(".htm") ? "html"
             : ends(".json")               ? "json"
             : ends(".md")                 ? "md"
                                           : "txt";
  }
  auto fmt_kind = bulletin::ParseFormat(format);
  if (!fmt_kind.ok()) return ReportError(fmt_kind.status());

  core::Result<bulletin::BulletinSpec> spec = bulletin::BulletinSpec::Default();
  if (!o.spec_path.empty()) {
    auto text = core::ReadFileToString(o.spec_path);
    if (!text.ok()) return ReportError(text.status().WithContext("--spec"));
    spec = bulletin::BulletinSpec::Parse(*text, o.spec_path);
  }
  if (!spec.ok()) return ReportError(spec.status());

  // A clickhouse:// STORE is answered by the cluster (clickhouse/, docs/scale-out.md).
  auto opened = OpenStoreForReading(o.request.store_path);
  if (!opened.ok()) return ReportError(opened.status());
  const query::Catalog& catalog = opened->catalog();
  const query::ReferenceLookup& lookup = *opened->lookup;
  auto b = bulletin::BuildBulletin(o.request, *spec, catalog, lookup);
  if (!b.ok()) return ReportError(b.status());
  std::string text = bulletin::Render(*b, *fmt_kind);
  return WriteOutput(o.out, text);
}

}  // namespace

void RegisterBulletinCommand(CLI::App& app, CommandResult& result) {
  auto o = std::make_shared<BulletinOptions>();
  CLI::App* cmd =
      AddCommand(app, result, "bulletin",
                 "Write the trade bulletin (customs-style release) for a reporter and period",
                 [o] { return RunBulletin(*o); });
  bulletin::BulletinRequest& r = o->request;
  cmd->add_option("STORE", r.store_path, "Store directory (required unless --print-spec)");
  cmd->add_option("--dataset,-d", r.dataset, "Dataset (default: the only one in the store)");
  cmd->add_option(
      "--reporter", r.reporter,
      "Reporter region or group (default: the whole dataset, named from reference data)");
  cmd->add_option(
      "--period,-p", r.period,
      "Period: 2023-03, 2023Q1, 2023H1, 2023-05:ytd (first five months), 2023-01..2023-09, 2023 "
      "(default: the latest year to date whose months and their year-earlier months are all "
      "present, e.g. 2023-06:ytd; else the latest such month)");
  cmd->add_option("--benchmark", r.benchmark,
                  "DATASET[:REPORTER] to compare growth with (default: the spec's, else none)");
  cmd->add_option("--issuer", r.issuer,
                  "Who releases it, e.g. 'X Customs' (default: the spec's, else \"according to "
                  "customs statistics\")");
  cmd->add_option("--date", r.date,
                  "Release date for the dateline (default: the spec's, else today)");
  cmd->add_flag("--allow-partial", r.allow_partial,
                "Write a period the data do not fully cover, stating its coverage");
  cmd->add_option("--lang", o->lang, "en (default) or zh");
  cmd->add_option("--format,-f", o->format,
                  "txt (default), md, html or json (default from --out's extension)");
  cmd->add_option("--spec", o->spec_path,
                  "Report spec (TOML) choosing sections, groups and wording (docs/bulletin.md)");
  cmd->add_option("--out,-o", o->out, "Write to FILE instead of standard output");
  cmd->add_flag("--print-spec", o->print_spec,
                "Print the default spec (a starting point for --spec) and exit");
}

}  // namespace tradestat::cli
