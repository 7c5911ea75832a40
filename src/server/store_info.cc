// server/store_info.cc: store summary as JSON (shared by `tradestat info --json` and /api/v1/info).
#include "server/store_info.h"

#include <algorithm>
#include <filesystem>

#include "core/json_writer.h"

namespace tradestat::server {

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
      for (size_t c = 0; c < d.currencies.size() && c < seg.totals[f].size(); ++c)
        s.totals[f][c] += seg.totals[f][c];
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
  if (name.empty())
    name = std::filesystem::path(s.path()).lexically_normal().parent_path().filename().string();
  auto disk = s.DiskBytes();
  return StoreInfoJson(name, s.manifest(), disk.ok() ? *disk : 0);
}

std::string StoreInfoJson(const std::string& store_name, const store::Manifest& manifest,
                          uint64_t disk_bytes) {
  // Totals are exact decimals (core::JsonWriter::Exact), never through a double.
  core::JsonWriter j(2);
  j.BeginObject();
  j.Member("store", store_name);
  j.MemberUint("disk_bytes", disk_bytes);
  j.Key("datasets").BeginArray();
  for (const auto& entry : manifest.datasets) {
    // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
    const std::string& name = entry.first;
    const store::DatasetMeta& d = entry.second;
    DatasetSummary sum = Summarise(d);
    j.BeginObject();
    j.Member("name", name);
    j.Key("currencies").StringArray(d.currencies);
    j.MemberUint("vintage", d.current_vintage());
    j.MemberUint("rows", sum.rows);
    j.Member("first_period",
             sum.period_rows.empty() ? "" : sum.period_rows.begin()->first.ToString());
    j.Member("last_period",
             sum.period_rows.empty() ? "" : sum.period_rows.rbegin()->first.ToString());
    j.Key("periods").BeginArray();
    for (const auto& [p, rows] : sum.period_rows)
      j.BeginObject().Member("period", p.ToString()).MemberUint("rows", rows).EndObject();
    j.EndArray();
    // Per currency, one exact total (null without currencies, as the layout always had).
    auto per_currency = [&](const std::vector<__int128>& t) {
      const size_t n = std::min(d.currencies.size(), t.size());
      if (n == 0) {
        j.Null();
        return;
      }
      j.BeginObject();
      for (size_t c = 0; c < n; ++c) j.Key(d.currencies[c]).Exact(t[c], d.money_scale);
      j.EndObject();
    };
    j.Key("totals").BeginObject();
    for (int f = 0; f < 2; ++f) {
      j.Key(f == 0 ? "X" : "M");
      per_currency(sum.totals[f]);
    }
    j.EndObject();
    // "Of which" flows (docs/formats/inputs.md): listed, with totals never included in X or M.
    j.Key("flows").StringArray(FlowsHeld(d, sum));
    if (!sum.sub_totals.empty()) {
      j.Key("of_which_totals").BeginObject();
      for (const auto& [flow, t] : sum.sub_totals) {
        j.Key(store::FlowCode(flow));
        per_currency(t);
      }
      j.EndObject();
    }
    j.Key("vintages").BeginArray();
    for (const auto& v : d.vintages) {
      j.BeginObject();
      j.MemberUint("id", v.id);
      j.Member("time", v.time);
      j.Member("action", v.action);
      j.Key("files").BeginArray();
      for (const auto& f : v.files) {
        j.BeginObject();
        j.Member("name", f.name).MemberUint("rows", f.rows).MemberUint("bytes", f.bytes);
        j.Member("content_hash", f.content_hash);
        // Files read through a format reader (ingest/formats/): layout, classification, how each
        // row was treated and the residuals formed (docs/formats/inputs.md).
        j.Member("format", f.format.empty() ? std::string("canonical") : f.format);
        if (!f.classification.empty()) j.Member("classification", f.classification);
        if (!f.treatment.empty()) {
          j.Key("treatment").BeginObject();
          for (const auto& [k, n] : f.treatment) j.MemberUint(k, n);
          j.EndObject();
          auto count = [&](std::string_view key) -> uint64_t {
            for (const auto& [k, n] : f.treatment)
              if (k == key) return n;
            return 0;
          };
          j.Key("residuals").BeginObject();
          j.MemberUint("rows", count("residual"));
          j.MemberUint("aggregate_mismatches", count("aggregate_mismatches"));
          j.MemberUint("rounding_differences", count("rounding_differences"));
          j.EndObject();
        }
        j.EndObject();
      }
      j.EndArray();
      j.Key("replaced_periods").StringArray(v.replaced_periods);
      j.EndObject();
    }
    j.EndArray();
    j.MemberUint("disk_bytes", sum.bytes);
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  return j.Take() + "\n";
}

}  // namespace tradestat::server
