// server/store_info.cc: store summary as JSON (shared by `tradestat info --json` and /api/v1/info).
#include "server/store_info.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/decimal.h"

namespace tradestat::server {
namespace {

using nlohmann::ordered_json;

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

}  // namespace

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
    for (const auto& [flow, per] : seg.sub_totals) {
      auto& t = s.sub_totals[flow];
      t.resize(d.currencies.size(), 0);
      for (size_t c = 0; c < t.size() && c < per.size(); ++c) t[c] += per[c];
    }
  }
  return s;
}

std::vector<std::string> FlowsHeld(const store::DatasetMeta& d, const DatasetSummary& s) {
  std::vector<std::string> out;
  if (s.rows > 0) out = {"X", "M"};
  for (const auto& [flow, per] : s.sub_totals) out.emplace_back(store::FlowCode(flow));
  (void)d;
  return out;
}

std::string StoreInfoJson(const store::Store& s) {
  // The directory's name only: an absolute path tells a remote client about the host's layout.
  std::string name = std::filesystem::path(s.path()).lexically_normal().filename().string();
  if (name.empty()) name = std::filesystem::path(s.path()).lexically_normal().parent_path().filename().string();
  auto disk = s.DiskBytes();
  return StoreInfoJson(name, s.manifest(), disk.ok() ? *disk : 0);
}

std::string StoreInfoJson(const std::string& store_name, const store::Manifest& manifest, uint64_t disk_bytes) {
  ordered_json j;
  j["store"] = store_name;
  j["disk_bytes"] = disk_bytes;
  ordered_json datasets = ordered_json::array();
  for (const auto& [name, d] : manifest.datasets) {
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
    // "Of which" flows (docs/formats/inputs.md): listed, with totals never included in X or M.
    dj["flows"] = FlowsHeld(d, sum);
    if (!sum.sub_totals.empty()) {
      ordered_json sub;
      for (const auto& [flow, t] : sum.sub_totals) {
        ordered_json per;
        for (size_t c = 0; c < d.currencies.size() && c < t.size(); ++c)
          per[d.currencies[c]] = RawNumber(core::FormatScaled(t[c], store::kMoneyScale));
        sub[std::string(store::FlowCode(flow))] = per;
      }
      dj["of_which_totals"] = sub;
    }
    ordered_json vintages = ordered_json::array();
    for (const auto& v : d.vintages) {
      ordered_json files = ordered_json::array();
      for (const auto& f : v.files) {
        ordered_json fj = {{"name", f.name}, {"rows", f.rows}, {"bytes", f.bytes}, {"content_hash", f.content_hash}};
        // Files read through a format reader (ingest/formats/): layout, classification, how each
        // row was treated and the residuals formed (docs/formats/inputs.md).
        fj["format"] = f.format.empty() ? std::string("canonical") : f.format;
        if (!f.classification.empty()) fj["classification"] = f.classification;
        if (!f.treatment.empty()) {
          ordered_json treatment = ordered_json::object();
          for (const auto& [k, n] : f.treatment) treatment[k] = n;
          fj["treatment"] = treatment;
          auto count = [&](std::string_view key) -> uint64_t {
            for (const auto& [k, n] : f.treatment)
              if (k == key) return n;
            return 0;
          };
          fj["residuals"] = {{"rows", count("residual")},
                             {"aggregate_mismatches", count("aggregate_mismatches")},
                             {"rounding_differences", count("rounding_differences")}};
        }
        files.push_back(fj);
      }
      vintages.push_back({{"id", v.id}, {"time", v.time}, {"action", v.action}, {"files", files},
                          {"replaced_periods", v.replaced_periods}});
    }
    dj["vintages"] = vintages;
    dj["disk_bytes"] = sum.bytes;
    datasets.push_back(dj);
  }
  j["datasets"] = datasets;
  return DumpWithRawNumbers(j) + "\n";
}

}  // namespace tradestat::server
