// query/indicators/indicators.h: the derived measures of a query row, one file each, plus the
// registry that documents them (README.md explains how to add one).
//
// Every function takes exact sums (minor units) and returns an exact ratio where one exists, so
// JSON carries unrounded values and renderers round once, from the unrounded value.
#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "query/result.h"

namespace tradestat::query::indicators {

/// growth_pct = (value - prev) / prev * 100; absent when prev is 0.
Derived GrowthPct(__int128 value, __int128 prev);
/// share_pct = value / base * 100; absent when base is 0.
Derived SharePct(__int128 value, __int128 base);
/// contribution_pp = (value - prev) / base_prev * 100 (points of the base's growth).
Derived ContributionPp(__int128 value, __int128 prev, __int128 base_prev);
/// a - b in points (vs_benchmark_pp = growth - benchmark growth), exact when it fits.
Derived DifferencePp(const Derived& a, const Derived& b);
/// balance = exports - imports.
inline __int128 Balance(__int128 exports, __int128 imports) { return exports - imports; }
/// Distinct partners whose sum is non-zero (the caller leaves special codes out).
int64_t CountPartners(const std::vector<__int128>& sums);
/// Partners in a set of `words` words (bit p = partner code p) that are also in `counted`.
int64_t CountPartnerSet(const uint64_t* set, const uint64_t* counted, size_t words);

struct RecordFlag {
  bool record = false;
  int since = 0;
};
/// `years` holds (year, value) for every year whose same months are fully in the dataset,
/// including the current one. record: no other year reaches `value`; since: the first year of
/// the run of years up to `year` that `value` tops. nullopt with fewer than two years.
std::optional<RecordFlag> Record(int year, __int128 value,
                                 const std::vector<std::pair<int, __int128>>& years);
/// rank: 1 for the largest value; ties broken by the row's codes.
void AssignRanks(std::vector<ResultRow>& rows);

/// a / b of two ratios (rca = row share / benchmark share); absent when either is absent or b is 0.
Derived Quotient(const Derived& a, const Derived& b);
/// Herfindahl-Hirschman index of `values`: sum of (v / sum * 100)^2, 0..10000; absent when the
/// sum is 0 or a value is negative.
Derived Hhi(const std::vector<__int128>& values);

// The registry of all measures (name, kind, titles, when it applies) is query/measures.h.

}  // namespace tradestat::query::indicators
