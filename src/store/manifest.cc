// store/manifest.cc: manifest <-> JSON, behind a checksummed header line.
#include "store/manifest.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/decimal.h"
#include "core/hash.h"

namespace tradestat::store {
namespace {

using nlohmann::json;

constexpr std::string_view kMagic = "TRADESTAT-MANIFEST";

// A decimal integer of at most 37 digits (so it cannot overflow); nullopt for anything else.
std::optional<__int128> ParseInt128(const std::string& s) {
  bool neg = !s.empty() && s[0] == '-';
  size_t first = neg ? 1 : 0;
  if (s.size() == first || s.size() - first > 37) return std::nullopt;
  __int128 v = 0;
  for (size_t i = first; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

json FilesToJson(const std::vector<LoadedFile>& files) {
  json a = json::array();
  for (const auto& f : files) {
    json o = {
        {"name", f.name}, {"content_hash", f.content_hash}, {"bytes", f.bytes}, {"rows", f.rows}};
    if (!f.format.empty()) o["format"] = f.format;
    if (!f.classification.empty()) o["classification"] = f.classification;
    if (!f.treatment.empty()) {
      json t = json::array();
      for (const auto& [k, n] : f.treatment) t.push_back({k, n});
      o["treatment"] = t;
    }
    a.push_back(std::move(o));
  }
  return a;
}

json DatasetToJson(const DatasetMeta& d) {
  json j;
  j["created"] = d.created;
  j["currencies"] = d.currencies;
  j["money_scale"] = d.money_scale;
  j["has_quantity"] = d.has_quantity;
  json dicts = json::object();
  for (int i = 0; i < kDimCount; ++i) {
    const auto& m = d.dictionaries[i];
    dicts[std::string(kDimNames[i])] = {{"file", m.file}, {"count", m.count}, {"hash", m.hash}};
  }
  j["dictionaries"] = dicts;
  json vintages = json::array();
  for (const auto& v : d.vintages) {
    vintages.push_back({{"id", v.id},
                        {"time", v.time},
                        {"action", v.action},
                        {"files", FilesToJson(v.files)},
                        {"replaced_periods", v.replaced_periods}});
  }
  j["vintages"] = vintages;
  json segs = json::array();
  for (const auto& s : d.segments) {
    json totals = json::array();
    for (const auto& flow : s.totals) {
      json per = json::array();
      for (__int128 t : flow) per.push_back(core::Int128ToString(t));
      totals.push_back(per);
    }
    json sj = {{"id", s.id},       {"period", s.period.ToString()},
               {"file", s.file},   {"rows", s.rows},
               {"bytes", s.bytes}, {"file_hash", s.file_hash},
               {"added", s.added}, {"totals", totals}};
    sj["removed"] = s.removed ? json(*s.removed) : json(nullptr);
    if (!s.sub_totals.empty()) {
      json sub = json::object();
      for (const auto& [f, per_currency] : s.sub_totals) {
        json per = json::array();
        for (__int128 t : per_currency) per.push_back(core::Int128ToString(t));
        sub[std::string(FlowCode(f))] = per;
      }
      sj["sub_totals"] = sub;
    }
    segs.push_back(sj);
  }
  j["segments"] = segs;
  return j;
}

Result<DatasetMeta> DatasetFromJson(const std::string& name, const json& j) {
  DatasetMeta d;
  d.name = name;
  d.created = j.at("created").get<std::string>();
  d.currencies = j.at("currencies").get<std::vector<std::string>>();
  d.money_scale = j.value("money_scale", kMoneyScale);
  if (d.money_scale < 0 || d.money_scale > kMaxMoneyScale)
    return core::Status::Corruption(fmt::format("dataset \"{}\": money_scale {} is outside 0..{}",
                                                name, d.money_scale, kMaxMoneyScale));
  d.has_quantity = j.at("has_quantity").get<bool>();
  const json& dicts = j.at("dictionaries");
  for (int i = 0; i < kDimCount; ++i) {
    const json& m = dicts.at(std::string(kDimNames[i]));
    d.dictionaries[i] = {m.at("file").get<std::string>(), m.at("count").get<uint32_t>(),
                         m.at("hash").get<std::string>()};
  }
  for (const json& v : j.at("vintages")) {
    VintageMeta vm;
    vm.id = v.at("id").get<uint32_t>();
    vm.time = v.at("time").get<std::string>();
    vm.action = v.at("action").get<std::string>();
    vm.replaced_periods = v.at("replaced_periods").get<std::vector<std::string>>();
    for (const json& f : v.at("files")) {
      LoadedFile lf;
      lf.name = f.at("name").get<std::string>();
      lf.content_hash = f.at("content_hash").get<std::string>();
      lf.bytes = f.at("bytes").get<uint64_t>();
      lf.rows = f.at("rows").get<uint64_t>();
      if (f.contains("format")) lf.format = f.at("format").get<std::string>();
      if (f.contains("classification"))
        lf.classification = f.at("classification").get<std::string>();
      if (f.contains("treatment"))
        for (const json& t : f.at("treatment"))
          lf.treatment.emplace_back(t.at(0).get<std::string>(), t.at(1).get<uint64_t>());
      vm.files.push_back(std::move(lf));
    }
    d.vintages.push_back(std::move(vm));
  }
  for (const json& s : j.at("segments")) {
    SegmentMeta sm;
    sm.id = s.at("id").get<uint64_t>();
    auto period = core::Period::Parse(s.at("period").get<std::string>());
    if (!period.ok()) return period.status();
    sm.period = *period;
    sm.file = s.at("file").get<std::string>();
    sm.rows = s.at("rows").get<uint64_t>();
    sm.bytes = s.at("bytes").get<uint64_t>();
    sm.file_hash = s.at("file_hash").get<std::string>();
    sm.added = s.at("added").get<uint32_t>();
    if (!s.at("removed").is_null()) sm.removed = s.at("removed").get<uint32_t>();
    const json& totals = s.at("totals");
    for (int f = 0; f < 2; ++f)
      for (const json& t : totals.at(f)) {
        auto v = ParseInt128(t.get<std::string>());
        if (!v)
          return core::Status::Corruption(
              fmt::format("segment {}: total is not a decimal integer", sm.id));
        sm.totals[f].push_back(*v);
      }
    if (auto it = s.find("sub_totals"); it != s.end()) {
      for (const auto& [code, per] : it->items()) {
        auto flow = FlowFromText(code);
        if (!flow || IsMainFlow(static_cast<uint8_t>(*flow)))
          return core::Status::Corruption(fmt::format(
              "segment {}: sub_totals names flow \"{}\", not an \"of which\" flow", sm.id, code));
        std::vector<__int128>& t = sm.sub_totals[static_cast<uint8_t>(*flow)];
        for (const json& x : per) {
          auto v = ParseInt128(x.get<std::string>());
          if (!v)
            return core::Status::Corruption(
                fmt::format("segment {}: total is not a decimal integer", sm.id));
          t.push_back(*v);
        }
      }
    }
    d.segments.push_back(std::move(sm));
  }
  return d;
}

}  // namespace

FlowSums SumByFlow(const uint8_t* flow, const std::array<const int64_t*, kMaxCurrencies>& values,
                   size_t currencies, uint64_t rows) {
  FlowSums out;
  for (auto& m : out.main) m.assign(currencies, 0);
  std::array<bool, 256> present{};
  for (uint64_t r = 0; r < rows; ++r) present[flow[r]] = true;
  for (int f = 0; f < 256; ++f)
    if (present[f] && !IsMainFlow(static_cast<uint8_t>(f)))
      out.sub[static_cast<uint8_t>(f)].assign(currencies, 0);
  // One branch-free pass per currency into a sum per flow value.
  for (size_t c = 0; c < currencies; ++c) {
    std::array<__int128, 256> sums{};
    const int64_t* v = values[c];
    for (uint64_t r = 0; r < rows; ++r) sums[flow[r]] += v[r];
    out.main[0][c] = sums[0];
    out.main[1][c] = sums[1];
    for (auto& [f, t] : out.sub) t[c] = sums[f];
  }
  return out;
}

bool RecordedTotalsAgree(const SegmentMeta& meta, const FlowSums& sums) {
  for (int f = 0; f < 2; ++f)
    if (!meta.totals[f].empty() && meta.totals[f] != sums.main[f]) return false;
  return meta.sub_totals == sums.sub;
}

void AdvanceGeneration(Manifest& m, const std::vector<std::string>& superseded, int64_t unix_time) {
  ++m.generation;
  std::erase_if(m.retired, [&](const RetiredFile& r) {
    return r.generation + kKeepRetiredGenerations <= m.generation &&
           r.unix_time + kKeepRetiredSeconds <= unix_time;
  });
  for (const auto& f : superseded)
    if (!f.empty()) m.retired.push_back({f, m.generation, unix_time});
}

std::string SerializeManifest(const Manifest& m) {
  json j;
  j["next_file_id"] = m.next_file_id;
  json ds = json::object();
  for (const auto& [name, d] : m.datasets) ds[name] = DatasetToJson(d);
  j["datasets"] = ds;
  json refs = json::array();
  for (const auto& r : m.reference_files) {
    refs.push_back({{"id", r.id},
                    {"kind", r.kind},
                    {"file", r.file},
                    {"hash", r.hash},
                    {"time", r.time},
                    {"source_name", r.source_name}});
  }
  j["reference_files"] = refs;
  if (m.generation > 0) j["generation"] = m.generation;
  if (!m.retired.empty()) {
    json retired = json::array();
    for (const auto& r : m.retired)
      retired.push_back(
          {{"file", r.file}, {"generation", r.generation}, {"unix_time", r.unix_time}});
    j["retired"] = retired;
  }
  std::string body = j.dump(1) + "\n";
  return fmt::format("{} {} {}\n", kMagic, kManifestFormat, core::HashToHex(core::Hash64(body))) +
         body;
}

Result<Manifest> ParseManifest(std::string_view text, const std::string& path) {
  auto corrupt = [&](std::string_view what) {
    return Status::Corruption(fmt::format("corrupt store: {}: {}", path, what));
  };
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos || text.substr(0, kMagic.size()) != kMagic)
    return corrupt("not a tradestat manifest (bad header)");
  std::string header(text.substr(0, nl));
  int format = 0;
  char hash[17] = {0};
  if (std::sscanf(header.c_str() + kMagic.size(), " %d %16s", &format, hash) != 2)
    return corrupt("malformed manifest header");
  if (format != kManifestFormat)
    return corrupt(fmt::format("manifest format {} is not supported (this build reads {})", format,
                               kManifestFormat));
  std::string_view body = text.substr(nl + 1);
  if (core::HashToHex(core::Hash64(body)) != hash) return corrupt("manifest checksum mismatch");
  try {
    json j = json::parse(body);
    Manifest m;
    m.next_file_id = j.at("next_file_id").get<uint64_t>();
    for (const auto& [name, dj] : j.at("datasets").items()) {
      auto d = DatasetFromJson(name, dj);
      if (!d.ok()) return corrupt(d.status().message());
      m.datasets.emplace(name, std::move(*d));
    }
    for (const json& r : j.at("reference_files")) {
      m.reference_files.push_back({r.at("id").get<uint32_t>(), r.at("kind").get<std::string>(),
                                   r.at("file").get<std::string>(), r.at("hash").get<std::string>(),
                                   r.at("time").get<std::string>(),
                                   r.at("source_name").get<std::string>()});
    }
    if (j.contains("generation")) m.generation = j.at("generation").get<uint64_t>();
    if (j.contains("retired"))
      for (const json& r : j.at("retired"))
        m.retired.push_back({r.at("file").get<std::string>(), r.at("generation").get<uint64_t>(),
                             r.at("unix_time").get<int64_t>()});
    return m;
  } catch (const json::exception& e) {
    return corrupt(fmt::format("manifest content invalid: {}", e.what()));
  }
}

}  // namespace tradestat::store
