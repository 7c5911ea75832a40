// cli/info_command.cc: `tradestat info STORE [--json]`: datasets, periods, rows, totals, vintages, size.
#include <cstdio>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/decimal.h"
#include "core/strings.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

using nlohmann::ordered_json;

struct DatasetSummary {
  uint64_t rows = 0;
  std::map<core::Period, uint64_t> period_rows;
  std::array<std::vector<__int128>, 2> totals;
  uint64_t bytes = 0;
};

DatasetSummary Summarise(const store::DatasetMeta& d) {
  DatasetSummary s;
  for (auto& t : s.totals) t.assign(d.currencies.size(), 0);
  uint32_t v = d.current_vintage();
  for (const auto& seg : d.segments) {
    s.bytes += seg.bytes;  // every vintage's files stay on disk
    if (!seg.LiveAt(v)) continue;
    s.rows += seg.rows;
    s.period_rows[seg.period] += seg.rows;
    for (int f = 0; f < 2; ++f)
      for (size_t c = 0; c < d.currencies.size() && c < seg.totals[f].size(); ++c) s.totals[f][c] += seg.totals[f][c];
  }
  return s;
}

// JSON numbers must stay exact: they are written as raw decimal text, never through a double.
constexpr std::string_view kRawMark = "\x01raw:";
std::string RawNumber(const std::string& digits) { return std::string(kRawMark) + digits; }
std::string DumpWithRawNumbers(const ordered_json& j) {
  std::string out = j.dump(2);
  std::string quoted_mark = "\"\\u0001raw:";
  for (size_t p = out.find(quoted_mark); p != std::string::npos; p = out.find(quoted_mark, p)) {
    size_t end = out.find('"', p + quoted_mark.size());
    out.replace(p, end - p + 1, out.substr(p + quoted_mark.size(), end - p - quoted_mark.size()));
  }
  return out;
}

int PrintJson(const store::Store& s) {
  ordered_json j;
  j["store"] = s.path();
  auto disk = s.DiskBytes();
  j["disk_bytes"] = disk.ok() ? *disk : 0;
  ordered_json datasets = ordered_json::array();
  for (const auto& [name, d] : s.manifest().datasets) {
    DatasetSummary sum = Summarise(d);
    ordered_json dj;
    dj["name"] = name;
    dj["currencies"] = d.currencies;
    dj["vintage"] = d.current_vintage();
    dj["rows"] = sum.rows;
    dj["first_period"] = sum.period_rows.empty() ? "" : sum.period_rows.begin()->first.ToString();
    dj["last_period"] = sum.period_rows.empty() ? "" : sum.period_rows.rbegin()->first.ToString();
    ordered_json periods = ordered_json::array();
    for (const auto& [p, rows] : sum.period_rows) periods.push_back({{"period", p.ToString()}, {"rows", rows}});
    dj["periods"] = periods;
    ordered_json totals;
    for (int f = 0; f < 2; ++f) {
      ordered_json per;
      for (size_t c = 0; c < d.currencies.size(); ++c)
        per[d.currencies[c]] = RawNumber(core::FormatScaled(sum.totals[f][c], store::kMoneyScale));
      totals[f == 0 ? "X" : "M"] = per;
    }
    dj["totals"] = totals;
    ordered_json vintages = ordered_json::array();
    for (const auto& v : d.vintages) {
      ordered_json files = ordered_json::array();
      for (const auto& f : v.files)
        files.push_back({{"name", f.name}, {"rows", f.rows}, {"bytes", f.bytes}, {"content_hash", f.content_hash}});
      vintages.push_back({{"id", v.id}, {"time", v.time}, {"action", v.action}, {"files", files},
                          {"replaced_periods", v.replaced_periods}});
    }
    dj["vintages"] = vintages;
    dj["disk_bytes"] = sum.bytes;
    datasets.push_back(dj);
  }
  j["datasets"] = datasets;
  std::printf("%s\n", DumpWithRawNumbers(j).c_str());
  return kExitOk;
}

int PrintText(const store::Store& s) {
  auto disk = s.DiskBytes();
  std::printf("store %s: %zu dataset%s, %.1f MB on disk\n", s.path().c_str(), s.manifest().datasets.size(),
              s.manifest().datasets.size() == 1 ? "" : "s", disk.ok() ? static_cast<double>(*disk) / 1e6 : 0.0);
  if (s.manifest().datasets.empty()) std::printf("no datasets yet; add one with 'tradestat load %s --dataset NAME FILE'\n", s.path().c_str());
  for (const auto& [name, d] : s.manifest().datasets) {
    DatasetSummary sum = Summarise(d);
    std::string range = sum.period_rows.empty() ? "no periods"
                                                : fmt::format("{} periods {}..{}", sum.period_rows.size(),
                                                              sum.period_rows.begin()->first.ToString(),
                                                              sum.period_rows.rbegin()->first.ToString());
    std::printf("\ndataset %s: %s rows, %s, vintage %u, %.1f MB\n", name.c_str(), core::GroupThousands(std::to_string(sum.rows)).c_str(),
                range.c_str(), d.current_vintage(), static_cast<double>(sum.bytes) / 1e6);
    std::printf("  %-6s", "flow");
    for (const auto& c : d.currencies) std::printf(" %24s", c.c_str());
    std::printf("\n");
    for (int f = 0; f < 2; ++f) {
      std::printf("  %-6s", f == 0 ? "X" : "M");
      for (size_t c = 0; c < d.currencies.size(); ++c)
        std::printf(" %24s", core::GroupThousands(core::FormatScaled(sum.totals[f][c], store::kMoneyScale)).c_str());
      std::printf("\n");
    }
    std::printf("  vintages:\n");
    for (const auto& v : d.vintages) {
      uint64_t rows = 0;
      std::string names;
      for (const auto& f : v.files) {
        rows += f.rows;
        names += (names.empty() ? "" : ", ") + f.name;
      }
      std::string replaced = v.replaced_periods.empty() ? "" : " replacing " + fmt::format("{}", fmt::join(v.replaced_periods, ","));
      std::printf("    %3u  %s  %-7s %s rows from %s%s\n", v.id, v.time.c_str(), v.action.c_str(),
                  core::GroupThousands(std::to_string(rows)).c_str(), names.c_str(), replaced.c_str());
    }
  }
  return kExitOk;
}

}  // namespace

void RegisterInfoCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = AddCommand(app, result, "info", "Show datasets, periods, rows, totals, vintages and size", [path, json] {
    auto s = store::Store::Open(*path);
    if (!s.ok()) return ReportError(s.status());
    return *json ? PrintJson(*s) : PrintText(*s);
  });
  cmd->add_option("STORE", *path, "Store directory")->required();
  cmd->add_flag("--json", *json, "Machine-readable output");
}

}  // namespace tradestat::cli
