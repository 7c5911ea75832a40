// query/json.h: ToJson(QueryResult), the JSON contract of `tradestat query` (docs/query.md).
//
// Deterministic: the same result gives the same bytes (CLI, bulletin and HTTP server alike).
// Money is printed exactly as a JSON number in currency units with the store's decimals
// ("336750000000.00"); derived percentages unrounded (shortest round-trip double).
#pragma once

#include <functional>
#include <string>

#include "query/result.h"

namespace tradestat::query {

std::string ToJson(const QueryResult& result);

/// Extra members a layer above the query writes into the same JSON (report/display_json.h adds
/// the display text this way; query cannot depend on report). Each hook returns JSON value text,
/// written as the last key of its object; a hook left empty writes nothing.
struct JsonExtras {
  /// `"display"` of a row (row != nullptr) or of `total` (row == nullptr).
  std::function<std::string(const QueryResult&, const ResultRow* row)> row_display;
  /// `"display"` at the top level, after `total`.
  std::function<std::string(const QueryResult&)> result_display;
};
std::string ToJson(const QueryResult& result, const JsonExtras& extras);

/// Helpers shared with the renderers.
std::string MoneyText(__int128 minor_units, int scale);
std::string DoubleText(double v);
/// A derived value as its JSON field prints it ("7.6123..." or "null").
std::string DerivedText(const Derived& d);

}  // namespace tradestat::query
