// refdata/regions.h: domestic regions (GB/T 2260 codes) with names, hierarchy and region groups.
//
// Built in: the 31 provincial-level divisions and their 333 prefecture-level divisions (2024);
// groups: NBS EAST/CENTRAL/WEST/NORTHEAST and Hunan's CZT, DONGTING, XIANGNAN, DAXIANGXI.
// Hierarchy follows the code: 430600 (Yueyang) is within 430000 (Hunan); a county code 430621
// is within both even though it is not listed. Data: data/refdata/regions.csv,
// region_groups.csv. Immutable once loaded; const methods are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace tradestat::refdata {

struct Region {
  std::string code;  // 6 digits
  std::string name_en;
  std::string name_zh;
  std::string level;   // province, municipality, autonomous_region, prefecture, ...
  std::string parent;  // parent region code, "100000" for provinces (the country)
};

struct RegionGroup {
  std::string code;  // CZT, EAST ...
  std::string name_en;
  std::string name_zh;
  std::vector<std::string> members;  // region codes
  std::string note;
};

class Regions {
 public:
  const Region* Find(std::string_view code) const;
  /// Canonical 6-digit code for a known region, any 6-digit code under a known province
  /// (430621), a 2-digit province code ("43") or an exact English/Chinese name. NotFound else.
  core::Result<std::string> Normalize(std::string_view text) const;
  /// True if `code` equals `ancestor` or lies inside it (430600 within 430000; 430621 within
  /// 430600 and 430000). Works on codes, not only listed regions.
  static bool IsWithin(std::string_view code, std::string_view ancestor);
  /// The province code of a region code ("510104" -> "510000").
  static std::string ProvinceOf(std::string_view code);
  /// Listed regions directly under `code`.
  std::vector<const Region*> Children(std::string_view code) const;

  const RegionGroup* FindGroup(std::string_view code) const;
  /// True if `region` (or a region it lies within) is a member of group `group`.
  bool InGroup(std::string_view group, std::string_view region) const;
  /// Codes of the groups a region belongs to.
  std::vector<std::string> GroupsOf(std::string_view region) const;
  /// Regions whose code starts with `text` (codes are hierarchical: "43" is Hunan and what lies
  /// in it) or whose English (any case) or Chinese name contains it; all for empty text.
  std::vector<const Region*> Search(std::string_view text) const;
  const std::vector<Region>& all() const { return regions_; }
  const std::vector<RegionGroup>& groups() const { return groups_; }

  core::Status LoadRegions(std::string_view csv, std::string_view file_name);
  /// Region groups CSV: group_code,group_name_en,group_name_zh,region_code[,note]. A group code
  /// that exists is replaced entirely.
  core::Status LoadGroups(std::string_view csv, std::string_view file_name);

 private:
  std::vector<Region> regions_;
  std::unordered_map<std::string, size_t> index_;
  std::vector<RegionGroup> groups_;
};

}  // namespace tradestat::refdata
