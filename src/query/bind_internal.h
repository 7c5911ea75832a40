// query/bind_internal.h: a ParsedRequest bound to one dataset (private to src/query).
//
// Binding evaluates every membership (groups, categories by HS edition, trade-mode classes,
// region hierarchy) once per dictionary code, and compresses each key dimension's codes into
// classes: codes with the same breakdown members and filter outcomes in every year share a
// class, so the scan groups on as few keys as possible.
#pragma once

#include <memory>
#include <optional>

#include <string>
#include <unordered_map>
#include <vector>

#include "query/cube.h"
#include "query/currency.h"
#include "query/dataset_source.h"
#include "query/parse.h"
#include "query/reference_lookup.h"
#include "query/result.h"

namespace tradestat::query::internal {

/// The distinct output members of one --by dimension.
struct MemberTable {
  std::vector<KeyPart> members;
  std::unordered_map<std::string, uint32_t> index;
  uint32_t Intern(const std::string& code, const std::string& name, bool unit = false);
};

struct ClassInfo {
  /// members[year_set][by_local] = member ids of the key dimension's --by dimensions.
  std::vector<std::vector<std::vector<uint32_t>>> members;
  /// pass[year_set][filter_local] = the filter accepts the codes of this class.
  std::vector<std::vector<char>> pass;
  int64_t partner_code = -1;  // dictionary code, when the dimension keeps partners distinct
  bool special_partner = false;
};

struct BoundDim {
  store::Dim dim = store::Dim::kPartner;
  std::vector<int> by;       // indices into ParsedRequest::by
  std::vector<int> filters;  // indices into ParsedRequest::filters
  bool identity = false;     // partner codes kept distinct (distinct partner counts)
  std::vector<ClassInfo> classes;
  std::vector<uint32_t> class_of_code;  // kNoClass = outside the scope
};
inline constexpr uint32_t kNoClass = 0xFFFFFFFFu;

struct Window {
  PeriodRange range;
  int year = 0;  // for record windows
};

struct Bound {
  const ParsedRequest* parsed = nullptr;
  std::shared_ptr<const ParsedRequest>
      normalized;  // the request with filter values made canonical (parsed points here)
  const DatasetSource* source = nullptr;
  int currency = 0;
  std::string reporter_country;
  core::Period membership_at;
  std::vector<Window> windows;  // 0 current, 1 compare (if any), then record years
  bool has_compare = false;
  std::vector<int> record_windows;  // indices of windows used for the record flag (incl. 0)
  std::vector<store::SegmentView> segments;
  std::vector<core::Period> slots;             // distinct periods scanned
  std::vector<std::vector<int>> slot_windows;  // windows each slot belongs to
  std::vector<int> slot_year_set;              // year set of each slot
  std::vector<int> year_set_years;             // year of each year set (0 = any)
  std::vector<BoundDim> dims;
  std::vector<MemberTable> by_members;  // per --by dimension (period and flow too)
  std::vector<bool> filter_family;      // filter is on a --by dimension (dropped from the row base)
  bool partner_identity = false;
  /// With cube.partner_count (partner sets instead of identity): the partner codes counted, one
  /// bit per code (special codes and "not given" left out).
  std::vector<uint64_t> partner_mask;
  CubeSpec cube;
  /// --currency asked for a currency the dataset does not hold: the value column `currency` is
  /// converted slot by slot (rates[slot]) while folding (query/currency.h).
  std::optional<CurrencyConversion> conversion;
};

struct BindOptions {
  bool want_partner_identity = true;
  bool record = true;
  int threads = 0;
  QueryBudget* budget = nullptr;
  bool sum_quantity = false;  // the cube sums the quantity column instead of the value
};

core::Result<Bound> Bind(const ParsedRequest& parsed, const DatasetSource& source,
                         const ReferenceLookup& ref, const BindOptions& options);

/// Display name of a flow member.
std::string FlowName(int flow, Lang lang);

}  // namespace tradestat::query::internal
