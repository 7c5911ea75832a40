// refdata/ref_json.h: the one JSON form and the one search of reference data, shared by
// `tradestat ref ... --json` and the server's /api/v1/ref/KIND.
//
// A list document is {"kind": KIND, "items": [...], ...}; each item has the fields of the
// functions below (one spelling everywhere: `is_special`, `members` an array with
// `member_count` beside it). Membership questions use one notion of "now": the end of the month
// asked for, or today (UTC) when none is given.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/period.h"
#include "core/status.h"
#include "refdata/date.h"
#include "refdata/reference.h"

namespace tradestat::refdata {

using Json = nlohmann::ordered_json;

/// Today's date in UTC.
Date Today();
/// The date membership is judged at: the last day of `month`, or Today() without one.
Date AsOf(const std::optional<core::Period>& month);
/// A month YYYY-MM for `option` (e.g. "--at"); empty text gives nullopt. InvalidArgument
/// "--at: ..." otherwise (the server reads the parameter name from that prefix).
core::Result<std::optional<core::Period>> ParseMonthOption(std::string_view option,
                                                           const std::string& text);

/// The one text search for lists without a search of their own (groups, region groups,
/// categories): `text` is empty, a case-insensitive prefix of `code`, or appears in the English
/// (case-insensitive) or Chinese name. Countries, regions, HS and trade modes use their
/// classes' Search(), which follow the same rule and also know alternative codes.
bool MatchesText(std::string_view text, std::string_view code, std::string_view name_en,
                 std::string_view name_zh);
std::vector<const Group*> SearchGroups(const Groups& groups, std::string_view text);
std::vector<const RegionGroup*> SearchRegionGroups(const Regions& regions, std::string_view text);
/// Categories matching `text`; opt-in low-confidence candidates only with `include_opt_in`.
std::vector<const Category*> SearchCategories(const Categories& categories, std::string_view text,
                                              bool include_opt_in);
/// HS items for a listing: children of `parent` if given, else Search(text) if given, else each
/// section followed by its chapters.
std::vector<const HsItem*> ListHs(const Nomenclature& hs, HsEdition edition, std::string_view text,
                                  std::string_view parent);

/// "iso", "non_iso", "former", "residual", "special" or "group".
std::string_view PartnerKindName(PartnerKind kind);

Json CountryJson(const Country& c);
/// A group with the members active on `at` (code, names, from, to; open ends are "").
Json GroupJson(const Reference& ref, const Group& g, Date at);
Json RegionJson(const Region& r);
Json RegionGroupJson(const RegionGroup& g);
Json HsItemJson(const HsItem& item);
Json CategoryJson(const Category& c);
Json TradeModeJson(const TradeMode& m);
Json EnterpriseTypeJson(const EnterpriseType& t);

/// What a list asks for. Text fields are as typed by the user; errors name their option.
struct RefListRequest {
  std::string kind;     // countries, groups, regions, hs, categories, modes
  std::string search;   // see MatchesText
  std::string at;       // YYYY-MM: members (groups) and edition (hs) as of its end; default today
  std::string edition;  // hs: HS2022 (default, or the edition in force at `at`), HS2017, HS2012
  std::string parent;   // hs and regions: only the children of this code
  bool include_opt_in = true;  // categories: also the opt-in candidates
};

/// The list document. NotFound for an unknown kind; InvalidArgument starting "--at:",
/// "--edition:" or "--parent:" for a bad option.
core::Result<Json> RefList(const Reference& ref, const RefListRequest& request);

}  // namespace tradestat::refdata
