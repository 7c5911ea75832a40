// refdata/groups.h: partner groups (ASEAN, EU, RCEP, BRI ...) with dated membership.
//
// A membership runs from `from` to `to`, both inclusive (GBR in EU to 2020-01-31: a member that
// day, not on 2020-02-01); open ends are Date::Min()/Max(). A monthly record is judged at the
// last day of its month. Comparison rule for growth (docs/refdata.md): by default the member set
// at the end of the current period is applied to both periods (same countries on both sides);
// MembershipRule::kAsRecorded uses each period's own end-of-period members. Immutable once
// loaded; const methods are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "refdata/date.h"

namespace tradestat::refdata {

class Countries;

struct Membership {
  std::string partner;  // canonical partner code
  Date from = Date::Min();
  Date to = Date::Max();
  std::string note;

  bool ActiveOn(Date d) const { return from <= d && d <= to; }
};

struct Group {
  std::string code;
  std::string name_en;
  std::string name_zh;
  std::vector<Membership> members;  // a partner may appear more than once (left and rejoined)
  std::string source;               // "builtin" or the user file that defined it
};

enum class MembershipRule {
  kCurrentPeriodEnd,  // default: members at the end of the current period, applied to both
  kAsRecorded,        // each period with its own end-of-period members
};

/// The member sets to use for a growth comparison of one group.
struct ComparisonMembers {
  std::vector<std::string> current;
  std::vector<std::string> base;
};

class Groups {
 public:
  /// The group with `code` (case-insensitive), or nullptr.
  const Group* Find(std::string_view code) const;
  /// Members on `date`, sorted. Empty for an unknown group (check Find() to tell apart).
  std::vector<std::string> MembersAt(std::string_view group, Date date) const;
  /// Members at the end of `period` (last day of the month, or 31 Dec of an annual period).
  std::vector<std::string> MembersAt(std::string_view group, core::Period period) const;
  bool IsMember(std::string_view group, std::string_view partner, Date date) const;
  bool IsMember(std::string_view group, std::string_view partner, core::Period period) const;
  /// Member sets for comparing `current` with `base` under `rule`. NotFound for unknown groups.
  core::Result<ComparisonMembers> ForComparison(
      std::string_view group, core::Period current, core::Period base,
      MembershipRule rule = MembershipRule::kCurrentPeriodEnd) const;
  /// All groups in file order (built-in first, then user groups).
  const std::vector<Group>& all() const { return groups_; }

  /// Parse a groups CSV (columns group_code,group_name_en,group_name_zh,iso3,member_from,
  /// member_to[,note]; '#' lines are comments). Partners may be spelled alpha-3/alpha-2/numeric.
  /// Errors say "file:line:column: what". Returns the groups in file order.
  static core::Result<std::vector<Group>> ParseCsv(std::string_view csv, std::string_view file_name,
                                                   const Countries& countries);
  /// Add groups; a group whose code exists replaces the old definition entirely.
  void Merge(std::vector<Group> groups);

 private:
  std::vector<Group> groups_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace tradestat::refdata
