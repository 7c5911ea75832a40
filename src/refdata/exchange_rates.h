// refdata/exchange_rates.h: monthly average CNY per USD, 2015 onward.
//
// Used only where a dataset lacks one currency and the user asks for a conversion, never
// silently: customs compiles its RMB and USD series separately (FACTS §3.3), so a converted
// series is an approximation. Source: US Federal Reserve H.10 monthly averages (FRED EXCHUS);
// data/refdata/exchange_rates.csv. Immutable once loaded; thread-safe reads.
#pragma once

#include <map>
#include <optional>
#include <string_view>

#include "core/period.h"
#include "core/status.h"

namespace tradestat::refdata {

class ExchangeRates {
 public:
  /// Monthly average CNY per USD for `month`, or nullopt when not covered. For an annual period,
  /// the mean of its twelve months (nullopt unless all twelve are present).
  std::optional<double> CnyPerUsd(core::Period period) const;
  /// Same, NotFound naming the covered range when missing.
  core::Result<double> Require(core::Period period) const;
  core::Period first() const;
  core::Period last() const;
  const std::map<core::Period, double>& all() const { return rates_; }

  core::Status Load(std::string_view csv, std::string_view file_name);

 private:
  std::map<core::Period, double> rates_;
};

}  // namespace tradestat::refdata
