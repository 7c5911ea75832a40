// refdata/regions.cc: GB/T 2260 regions, their hierarchy by code, and region groups.
#include "refdata/regions.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/strings.h"
#include "refdata/internal/csv_table.h"
#include "refdata/internal/text.h"

namespace tradestat::refdata {

using internal::CsvTable;

namespace {

bool IsRegionCode(std::string_view s) { return s.size() == 6 && core::IsDigits(s); }

// ASCII case-insensitive equality without allocating (Normalize compares a text with every name).
bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

const Region* Regions::Find(std::string_view code) const {
  auto it = index_.find(std::string(core::Trim(code)));
  return it == index_.end() ? nullptr : &regions_[it->second];
}

std::string Regions::ProvinceOf(std::string_view code) {
  if (!IsRegionCode(code)) return {};
  return std::string(code.substr(0, 2)) + "0000";
}

bool Regions::IsWithin(std::string_view code, std::string_view ancestor) {
  if (!IsRegionCode(code) || !IsRegionCode(ancestor)) return false;
  if (code == ancestor) return true;
  // The significant prefix of the ancestor: 2 digits for a province, 4 for a prefecture.
  size_t len = ancestor.substr(2) == "0000" ? 2 : ancestor.substr(4) == "00" ? 4 : 6;
  return len < 6 && code.substr(0, len) == ancestor.substr(0, len);
}

core::Result<std::string> Regions::Normalize(std::string_view text) const {
  std::string_view t = core::Trim(text);
  if (t.size() == 2 && core::IsDigits(t)) {
    std::string code = std::string(t) + "0000";
    if (Find(code) != nullptr) return code;
  }
  if (IsRegionCode(t)) {
    if (Find(t) != nullptr) return std::string(t);
    if (Find(ProvinceOf(t)) != nullptr) return std::string(t);
    return core::Status::NotFound(
        fmt::format("unknown region code \"{}\": its first two digits are no province of GB/T 2260",
                    core::MessageExcerpt(t)));
  }
  for (const Region& r : regions_)
    if (r.name_zh == t || EqualsIgnoringCase(r.name_en, t)) return r.code;
  return core::Status::NotFound(
      fmt::format("unknown region \"{}\": expected a GB/T 2260 6-digit code (such as 110000), a "
                  "2-digit province code (11) or an exact region name",
                  core::MessageExcerpt(text)));
}

std::vector<const Region*> Regions::Children(std::string_view code) const {
  std::vector<const Region*> out;
  for (const Region& r : regions_)
    if (r.parent == code) out.push_back(&r);
  return out;
}

const RegionGroup* Regions::FindGroup(std::string_view code) const {
  std::string c = core::ToUpper(core::Trim(code));
  for (const RegionGroup& g : groups_)
    if (g.code == c) return &g;
  return nullptr;
}

bool Regions::InGroup(std::string_view group, std::string_view region) const {
  const RegionGroup* g = FindGroup(group);
  if (g == nullptr) return false;
  for (const std::string& m : g->members)
    if (IsWithin(region, m)) return true;
  return false;
}

std::vector<std::string> Regions::GroupsOf(std::string_view region) const {
  std::vector<std::string> out;
  for (const RegionGroup& g : groups_)
    if (InGroup(g.code, region)) out.push_back(g.code);
  return out;
}

std::vector<const Region*> Regions::Search(std::string_view text) const {
  std::vector<const Region*> out;
  std::string_view t = core::Trim(text);
  for (const Region& r : regions_)
    if (core::StartsWith(r.code, t) || internal::ContainsFolded(r.name_en, t) ||
        internal::ContainsFolded(r.name_zh, t))
      out.push_back(&r);
  return out;
}

core::Status Regions::LoadRegions(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(
      t.RequireColumns({"code", "name_en", "name_zh", "level", "parent_code"}));
  int code = t.Column("code"), en = t.Column("name_en"), zh = t.Column("name_zh"),
      level = t.Column("level"), parent = t.Column("parent_code");
  for (const auto& row : t.rows()) {
    Region r{std::string(t.Get(row, code)), std::string(t.Get(row, en)),
             std::string(t.Get(row, zh)), std::string(t.Get(row, level)),
             std::string(t.Get(row, parent))};
    if (!IsRegionCode(r.code)) return t.ErrorAt(row, code, "expected a 6-digit GB/T 2260 code");
    if (!r.parent.empty() && !IsWithin(r.code, r.parent))
      return t.ErrorAt(row, parent, "the parent code does not contain this code");
    if (!index_.emplace(r.code, regions_.size()).second)
      return t.ErrorAt(row, code, "duplicate region code");
    regions_.push_back(std::move(r));
  }
  return core::Status::Ok();
}

core::Status Regions::LoadGroups(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"group_code", "group_name_en", "region_code"}));
  int code = t.Column("group_code"), en = t.Column("group_name_en"), zh = t.Column("group_name_zh"),
      region = t.Column("region_code"), note = t.Column("note");
  std::vector<RegionGroup> parsed;
  for (const auto& row : t.rows()) {
    std::string gc = core::ToUpper(t.Get(row, code));
    if (gc.empty()) return t.ErrorAt(row, code, "empty group code");
    auto it = std::find_if(parsed.begin(), parsed.end(),
                           [&](const RegionGroup& g) { return g.code == gc; });
    if (it == parsed.end()) {
      parsed.push_back(RegionGroup{gc,
                                   std::string(t.Get(row, en)),
                                   std::string(t.Get(row, zh)),
                                   {},
                                   std::string(t.Get(row, note))});
      it = parsed.end() - 1;
    }
    auto r = Normalize(t.Get(row, region));
    if (!r.ok()) return t.ErrorAt(row, region, r.status().message());
    it->members.push_back(*r);
  }
  for (RegionGroup& g : parsed) {
    if (g.name_en.empty())
      return core::Status::Parse(
          fmt::format("{}: region group {} has no group_name_en", file_name, g.code));
    auto old = std::find_if(groups_.begin(), groups_.end(),
                            [&](const RegionGroup& x) { return x.code == g.code; });
    if (old != groups_.end()) {
      *old = std::move(g);
    } else {
      groups_.push_back(std::move(g));
    }
  }
  return core::Status::Ok();
}

}  // namespace tradestat::refdata
