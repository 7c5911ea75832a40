// refdata/exchange_rates.h: monthly average exchange rates as exact decimals (built in: CNY per
// USD, 2015 onward), plus rate files a user registers in a store.
//
// Used only where a dataset lacks one currency and the user asks for a conversion, never
// silently: customs compiles its RMB and USD series separately (FACTS §3.3), so a converted
// series is an approximation. Built-in source: US Federal Reserve H.10 monthly averages (FRED
// EXCHUS); data/refdata/exchange_rates.csv. Rate files have a `month` column and one column per
// currency pair named `<quote>_per_<base>` (`cny_per_usd`, `eur_per_usd`); a later file
// overrides earlier ones month by month. Rates are kept exactly (integers of 10^-kRateScale),
// never as floats, so conversions can be exact (query/currency.h). Immutable once loaded;
// thread-safe reads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace tradestat::refdata {

/// Decimals kept of a rate: a rate is an integer of 10^-kRateScale units (7.1614 = 71614000000).
inline constexpr int kRateScale = 10;

class ExchangeRates {
 public:
  /// One month's rate of a pair: `units` of 10^-kRateScale quote currency per base currency,
  /// and the file it came from.
  struct Rate {
    int64_t units = 0;
    std::string_view source;
  };

  /// Monthly average CNY per USD for `month`, or nullopt when not covered. For an annual period,
  /// the mean of its twelve months (nullopt unless all twelve are present). For display and
  /// tests; conversions use Exact().
  std::optional<double> CnyPerUsd(core::Period period) const;
  /// Same, NotFound naming the covered range when missing.
  core::Result<double> Require(core::Period period) const;
  core::Period first() const;
  core::Period last() const;
  const std::map<core::Period, double>& all() const { return rates_; }

  /// The exact rate of `quote` per `base` (upper-case ISO 4217 codes) in `month`, or nullopt.
  std::optional<Rate> Exact(std::string_view quote, std::string_view base,
                            core::Period month) const;
  /// True if some month has a rate of `quote` per `base`.
  bool HasPair(std::string_view quote, std::string_view base) const;
  /// First and last month with a rate of the pair (default periods when none).
  std::pair<core::Period, core::Period> Range(std::string_view quote, std::string_view base) const;
  /// The pairs held, as (quote, base).
  std::vector<std::pair<std::string, std::string>> Pairs() const;

  /// Add the rates of one file (later loads override earlier months). `source` names the file
  /// in results (`rate_source`); empty = `file_name`. Errors are "file:line:column: what".
  core::Status Load(std::string_view csv, std::string_view file_name, std::string_view source = "");

 private:
  using Pair = std::pair<std::string, std::string>;  // (quote, base)
  struct Entry {
    int64_t units = 0;
    size_t source = 0;  // index into sources_
  };
  std::map<core::Period, double> rates_;  // CNY per USD, for CnyPerUsd()
  std::map<Pair, std::map<core::Period, Entry>> exact_;
  std::vector<std::string> sources_;
};

}  // namespace tradestat::refdata
