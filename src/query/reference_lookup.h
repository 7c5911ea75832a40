// query/reference_lookup.h: what the engine asks of reference data, as one narrow interface.
//
// The engine evaluates membership once per dictionary code (never per record) through this
// interface, so tests can use a small fake and the CLI an adapter over refdata::Reference
// (refdata_lookup.h). All methods are const and must be safe to call concurrently.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"

namespace tradestat::refdata {
class ExchangeRates;
}

namespace tradestat::query {

enum class Lang { kEn, kZh };

class ReferenceLookup {
 public:
  virtual ~ReferenceLookup() = default;

  // Partners (customs partner codes, ISO alpha-3 or legacy numeric).
  virtual std::optional<std::string> PartnerName(std::string_view code, Lang lang) const = 0;
  /// Special codes (unknown, neutral packaging, international organisations...) that do not
  /// count as "countries and regions" in the distinct partner count.
  virtual bool IsSpecialPartner(std::string_view code) const = 0;
  /// The canonical partner code for any spelling `load` accepts (alpha-2 "US", numeric "840",
  /// Comtrade "842", English or Chinese names "美国"); nullopt when none. Default: none.
  virtual std::optional<std::string> CanonicalPartner(std::string_view) const {
    return std::nullopt;
  }
  /// The canonical reporter for another spelling: a 2-digit province code ("43" -> its 6-digit
  /// code), an exact region or country name in English (any case) or Chinese, an ISO alpha-2 or
  /// numeric country code; nullopt when none. Default: none.
  virtual std::optional<std::string> CanonicalReporter(std::string_view) const {
    return std::nullopt;
  }
  virtual std::vector<std::string> PartnerGroups() const = 0;
  virtual bool IsPartnerGroup(std::string_view group) const = 0;
  virtual std::optional<std::string> PartnerGroupName(std::string_view group, Lang lang) const = 0;
  /// Membership of `partner` in `group` on the last day of month `at`.
  virtual bool PartnerInGroup(std::string_view group, std::string_view partner,
                              core::Period at) const = 0;

  // Reporters (regions such as 430100, or a country for national data).
  virtual std::optional<std::string> ReporterName(std::string_view code, Lang lang) const = 0;
  virtual std::vector<std::string> ReporterGroups() const = 0;
  virtual bool IsReporterGroup(std::string_view group) const = 0;
  virtual std::optional<std::string> ReporterGroupName(std::string_view group, Lang lang) const = 0;
  /// True if `reporter` lies inside `scope`: equal, inside the region hierarchy (430100 is in
  /// 430000) or a member of the region group `scope`.
  virtual bool ReporterWithin(std::string_view reporter, std::string_view scope) const = 0;
  /// True if `scope` names a known region or region group.
  virtual bool IsKnownReporterScope(std::string_view scope) const = 0;
  /// The country a reporter reports for ("CHN" for Chinese regions), left out of partner groups.
  virtual std::string ReporterCountry(std::string_view reporter) const = 0;

  // Commodities.
  virtual std::vector<std::string> Categories() const = 0;
  virtual bool IsCategory(std::string_view category) const = 0;
  virtual std::optional<std::string> CategoryName(std::string_view category, Lang lang) const = 0;
  /// True if commodity code `hs` belongs to `category` under the HS edition in force in `month`.
  virtual bool CategoryContains(std::string_view category, std::string_view hs,
                                core::Period month) const = 0;
  virtual std::optional<std::string> CommodityName(std::string_view hs_prefix, Lang lang) const = 0;

  // Trade modes and enterprise types.
  /// The statistical trade mode (2 digits) of a declared code, or nullopt if unknown.
  virtual std::optional<std::string> TradeModeStatistical(std::string_view code) const = 0;
  virtual std::optional<std::string> TradeModeClass(std::string_view code) const = 0;
  virtual bool IsTradeModeClass(std::string_view cls) const = 0;
  virtual std::optional<std::string> TradeModeName(std::string_view code, Lang lang) const = 0;
  virtual std::optional<std::string> EnterpriseTypeGroup(std::string_view code) const = 0;
  virtual std::optional<std::string> EnterpriseTypeName(std::string_view code, Lang lang) const = 0;
  /// The enterprise type code ("6") or group code ("PRIVATE") for a code, group or English or
  /// Chinese name in any case ("private", "民营企业"); nullopt when none. Default: none.
  virtual std::optional<std::string> CanonicalEnterpriseType(std::string_view) const {
    return std::nullopt;
  }
  /// The trade mode code ("10", "0110") for a code or English or Chinese name in any case
  /// ("general trade", "一般贸易" -> "10"); nullopt when none. Default: none.
  virtual std::optional<std::string> CanonicalTradeMode(std::string_view) const {
    return std::nullopt;
  }

  // Exchange rates for --currency conversion (query/currency.h); nullptr = none. Default: none.
  virtual const refdata::ExchangeRates* Rates() const { return nullptr; }
};

}  // namespace tradestat::query
