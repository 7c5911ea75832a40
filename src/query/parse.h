// query/parse.h: QueryRequest option texts -> ParsedRequest, checked without looking at data.
//
// Every error is InvalidArgument with one line naming the option and the accepted forms.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/period_spec.h"
#include "query/reference_lookup.h"
#include "query/request.h"
#include "store/types.h"

namespace tradestat::query {

enum class ByKind {
  kPeriod,
  kFlow,
  kReporter,
  kReporterGroup,
  kPartner,
  kPartnerGroup,
  kHs,
  kCategory,
  kTradeMode,
  kTradeModeClass,
  kEnterpriseType,
  kUnit
};

struct BySpec {
  std::string name;  // as in the request: "hs4", "partner_group"
  ByKind kind = ByKind::kPartner;
  int hs_digits = 0;
  /// The store dimension it groups on (unused for period and flow).
  store::Dim dim = store::Dim::kPartner;
  bool on_dim() const { return kind != ByKind::kPeriod && kind != ByKind::kFlow; }
};

enum class FilterKind {
  kPartner,
  kPartnerGroup,
  kCommodity,
  kCategory,
  kTradeMode,
  kTradeModeClass,
  kEnterpriseType,
  kReporter
};

struct FilterSpec {
  std::string name;  // "partner_group"
  FilterKind kind = FilterKind::kPartner;
  store::Dim dim = store::Dim::kPartner;
  std::vector<std::string> values;
};

enum class SortField {
  kValue,
  kValuePrev,
  kGrowth,
  kShare,
  kContribution,
  kRank,
  kBalance,
  kPartners,
  kName,
  kKey,
  kMeasure  // any other registered measure (SortSpec::measure)
};

struct SortSpec {
  SortField field = SortField::kValue;
  int key_index = 0;  // for kKey: which --by dimension
  bool descending = true;
  bool given = false;
  std::string text;     // "value:desc"
  std::string measure;  // for kMeasure: the registry key
};

struct ParsedRequest {
  std::string dataset;
  PeriodRange period;
  CompareMode compare = CompareMode::kYoy;
  std::optional<PeriodRange> compare_range;
  int flow = -1;  // -1 total, 0 exports, 1 imports (0 also for an "of which" flow, see sub_flow)
  /// An "of which" flow (store::Flow value, e.g. RX): the scan keeps only its records, summed as
  /// cube flow 0; -1 for total, X and M.
  int sub_flow = -1;
  std::string flow_name = "total";
  std::string reporter;
  std::vector<FilterSpec> filters;
  std::vector<BySpec> by;
  std::vector<std::string> units;
  std::string currency;
  std::string benchmark_dataset;
  std::string benchmark_reporter;
  bool has_benchmark = false;
  int top = 0;
  SortSpec sort;
  Lang lang = Lang::kEn;
  /// --measure groups beyond the default ("quantity", "unit_value"); value_shown = "value" was
  /// given or --measure was not; want_quantity = a quantity scan is needed.
  std::vector<std::string> measures;
  bool value_shown = true;
  bool want_quantity = false;
};

core::Result<ParsedRequest> ParseRequest(const QueryRequest& request);

/// The accepted --by and --where dimension names, for messages and help.
std::string_view ByDimensionList();
std::string_view WhereDimensionList();

}  // namespace tradestat::query
