// report/format.h: customs display rounding, always from unrounded values.
//
// Money: billions with 2 decimals ("336.75 bn") or 亿 with 1 decimal ("3367.5亿元"); small values
// in millions/万. Percentages and points: 1 decimal, 2 when |x| < 0.1 ("+0.04%"). Rounding is
// half away from zero on the exact ratio, so 7.65 exactly shows 7.7 (never a float artefact).
#pragma once

#include <string>

#include "query/result.h"

namespace tradestat::report {

/// "336.75 bn" / "3367.5亿元" (CNY) / "46.07亿美元" (USD); `scale` = decimals of the minor units.
std::string FormatMoney(__int128 minor_units, int scale, const std::string& currency, query::Lang lang);
/// Rounded percentage text without unit: "7.6", "0.04", "-1.2"; `sign` adds "+" to positives.
std::string FormatPercentNumber(const query::Derived& d, bool sign);
/// "+7.6%" (sign) or "31.7%"; "" when absent.
std::string FormatPercent(const query::Derived& d, bool sign);
/// "+5.5 pp" / "+5.5个百分点"; "" when absent.
std::string FormatPoints(const query::Derived& d, query::Lang lang);

}  // namespace tradestat::report
