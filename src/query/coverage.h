// query/coverage.h: which months of a period (and of its comparison period) a dataset holds.
//
// The bulletin refuses a period the data do not fully cover unless asked (--allow-partial), and
// says what it covers; `tradestat query` carries the same as the "coverage" object of its JSON
// and warns on stderr. MonthListText names the missing months compactly ("2023-07..2023-12").
// An annual segment (period 2023) covers every month of its year. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/period.h"
#include "query/period_spec.h"

namespace tradestat::query {

struct Coverage {
  std::vector<core::Period> missing;          // months of the period without data
  std::vector<core::Period> missing_compare;  // months of the comparison period without data
  std::optional<core::Period> first, last;    // the months the dataset holds (any), as months
  bool complete() const { return missing.empty() && missing_compare.empty(); }
};

/// `present`: the dataset's periods (months and/or annual segments), any order.
Coverage CheckCoverage(const std::vector<core::Period>& present, const PeriodRange& period,
                       const std::optional<PeriodRange>& compare);

/// "2023-07..2023-12, 2024-02" (consecutive months joined).
std::string MonthListText(const std::vector<core::Period>& months);

/// What is missing, for messages: "period 2023 lacks 2023-07..2023-12; comparison period 2022
/// lacks 2022-07..2022-12; the data hold 2022-01..2023-06". Empty when complete.
std::string CoverageGapText(const Coverage& c, const PeriodRange& period,
                            const std::optional<PeriodRange>& compare);

/// The "coverage" member of the query JSON (docs/query.md): one line, months as "YYYY-MM".
std::string CoverageJson(const Coverage& c, const PeriodRange& period,
                         const std::optional<PeriodRange>& compare);

}  // namespace tradestat::query
