// refdata/exchange_rates.cc: the monthly CNY/USD table.
#include "refdata/exchange_rates.h"

#include <fmt/format.h>

#include <charconv>

#include "core/strings.h"
#include "refdata/internal/csv_table.h"

namespace tradestat::refdata {

std::optional<double> ExchangeRates::CnyPerUsd(core::Period period) const {
  if (!period.is_annual()) {
    auto it = rates_.find(period);
    if (it == rates_.end()) return std::nullopt;
    return it->second;
  }
  double sum = 0;
  for (int m = 1; m <= 12; ++m) {
    auto it = rates_.find(core::Period::Month(period.year(), m));
    if (it == rates_.end()) return std::nullopt;
    sum += it->second;
  }
  return sum / 12;
}

core::Result<double> ExchangeRates::Require(core::Period period) const {
  auto r = CnyPerUsd(period);
  if (r) return *r;
  return core::Status::NotFound(
      fmt::format("no CNY/USD rate for {}: the built-in table covers {} to {}", period.ToString(),
                  first().ToString(), last().ToString()));
}

core::Period ExchangeRates::first() const {
  return rates_.empty() ? core::Period() : rates_.begin()->first;
}
core::Period ExchangeRates::last() const {
  return rates_.empty() ? core::Period() : rates_.rbegin()->first;
}

core::Status ExchangeRates::Load(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(auto t, internal::CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"month", "cny_per_usd"}));
  int month = t.Column("month"), rate = t.Column("cny_per_usd");
  for (const auto& row : t.rows()) {
    auto p = core::Period::Parse(t.Get(row, month));
    if (!p.ok() || p->is_annual()) return t.ErrorAt(row, month, "expected a month YYYY-MM");
    std::string_view v = t.Get(row, rate);
    double d = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc() || ptr != v.data() + v.size() || d <= 0)
      return t.ErrorAt(row, rate, "expected a positive number");
    rates_[*p] = d;
  }
  return core::Status::Ok();
}

}  // namespace tradestat::refdata
