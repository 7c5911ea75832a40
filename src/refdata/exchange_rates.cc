// refdata/exchange_rates.cc: the monthly exchange-rate tables, kept as exact decimals.
#include "refdata/exchange_rates.h"

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/strings.h"
#include "refdata/internal/csv_table.h"

namespace tradestat::refdata {

namespace {

constexpr double kRateDivisor = 1e10;
static_assert(kRateScale == 10, "kRateDivisor is 10^kRateScale");

// "cny_per_usd" -> ("CNY", "USD"); nullopt for any other column name.
std::optional<std::pair<std::string, std::string>> PairOfColumn(std::string_view name) {
  std::string n = core::ToLower(core::Trim(name));
  size_t at = n.find("_per_");
  if (at != 3 || n.size() != 11) return std::nullopt;
  auto letters = [](std::string_view s) {
    for (char c : s)
      if (c < 'a' || c > 'z') return false;
    return true;
  };
  std::string quote = n.substr(0, 3), base = n.substr(8);
  if (!letters(quote) || !letters(base) || quote == base) return std::nullopt;
  return std::make_pair(core::ToUpper(quote), core::ToUpper(base));
}

}  // namespace

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

std::optional<ExchangeRates::Rate> ExchangeRates::Exact(std::string_view quote,
                                                        std::string_view base,
                                                        core::Period month) const {
  auto p = exact_.find(Pair(quote, base));
  if (p == exact_.end()) return std::nullopt;
  auto it = p->second.find(month);
  if (it == p->second.end()) return std::nullopt;
  return Rate{it->second.units, sources_[it->second.source]};
}

bool ExchangeRates::HasPair(std::string_view quote, std::string_view base) const {
  auto p = exact_.find(Pair(quote, base));
  return p != exact_.end() && !p->second.empty();
}

std::pair<core::Period, core::Period> ExchangeRates::Range(std::string_view quote,
                                                           std::string_view base) const {
  auto p = exact_.find(Pair(quote, base));
  if (p == exact_.end() || p->second.empty()) return {};
  return {p->second.begin()->first, p->second.rbegin()->first};
}

std::vector<std::pair<std::string, std::string>> ExchangeRates::Pairs() const {
  std::vector<Pair> out;
  for (const auto& [pair, months] : exact_)
    if (!months.empty()) out.push_back(pair);
  return out;
}

core::Status ExchangeRates::Load(std::string_view csv, std::string_view file_name,
                                 std::string_view source) {
  TRADESTAT_ASSIGN_OR_RETURN(auto t, internal::CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"month"}));
  const int month = t.Column("month");
  std::vector<std::pair<int, Pair>> columns;
  for (size_t c = 0; c < t.header().size(); ++c)
    if (auto pair = PairOfColumn(t.header()[c])) columns.emplace_back(static_cast<int>(c), *pair);
  if (columns.empty())
    return t.RequireColumns(
        {"month", "QUOTE_per_BASE (ISO 4217 codes: cny_per_usd is yuan per US dollar)"});
  // Validate the whole file before applying any of it.
  struct Parsed {
    core::Period month;
    const Pair* pair;
    int64_t units;
  };
  std::vector<Parsed> parsed;
  for (const auto& row : t.rows()) {
    auto p = core::Period::Parse(t.Get(row, month));
    if (!p.ok() || p->is_annual()) return t.ErrorAt(row, month, "expected a month YYYY-MM");
    for (const auto& [col, pair] : columns) {
      std::string_view v = t.Get(row, col);
      if (v.empty()) continue;  // no rate of this pair in this month
      int64_t units = 0;
      core::DecimalError e = core::ParseScaled(v, kRateScale, &units);
      if (e != core::DecimalError::kOk || units <= 0)
        return t.ErrorAt(
            row, col,
            fmt::format("expected a positive rate with at most {} decimals, such as 7.1614",
                        kRateScale));
      parsed.push_back({*p, &pair, units});
    }
  }
  sources_.emplace_back(source.empty() ? file_name : source);
  const size_t src = sources_.size() - 1;
  for (const Parsed& r : parsed) {
    exact_[*r.pair][r.month] = Entry{r.units, src};
    if (r.pair->first == "CNY" && r.pair->second == "USD")
      rates_[r.month] = static_cast<double>(r.units) / kRateDivisor;
  }
  return core::Status::Ok();
}

}  // namespace tradestat::refdata
