// query/period_spec.h: the period a query covers ("2023H1", "2023-06:ytd") and its comparison.
//
// A PeriodRange is an inclusive range of calendar months. Annual segments (month 0) belong to a
// range only when the range covers their whole year. Parsing returns InvalidArgument naming the
// option and the accepted forms.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/period.h"
#include "core/status.h"

namespace tradestat::query {

struct PeriodRange {
  core::Period from;        // a month
  core::Period to;          // a month, >= from
  std::string label;        // the spec as the user would write it: "2023H1", "2023-01..2023-06"
  bool year_steps = false;  // written as a range of years ("2015..2023"): --by period steps by year

  int months() const { return to.MonthIndex() - from.MonthIndex() + 1; }
  /// True if a segment of `period` (a month, or a year when annual) lies inside the range.
  bool Contains(core::Period period) const;
  /// The same months shifted by `years` (labels follow when the spec has a year in it).
  PeriodRange ShiftYears(int years) const;
  bool operator==(const PeriodRange& o) const { return from == o.from && to == o.to; }
};

enum class CompareMode { kYoy, kPrev, kNone };

/// Parse --period: 2023-06, 2023-01..2023-06, 2015..2023, 2023Q2, 2023H1, 2023, 2023-06:ytd.
core::Result<PeriodRange> ParsePeriodSpec(std::string_view spec);
/// Parse --compare: yoy, prev, none.
core::Result<CompareMode> ParseCompareMode(std::string_view text);
std::string_view CompareModeName(CompareMode mode);
/// The comparison range: the same months a year earlier (yoy) or the preceding range of equal
/// length (prev); nullopt for none.
std::optional<PeriodRange> ComparisonRange(const PeriodRange& range, CompareMode mode);

}  // namespace tradestat::query
