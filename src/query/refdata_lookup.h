// query/refdata_lookup.h: ReferenceLookup over refdata::Reference (the built-in reference data
// plus any user files registered in the store).
#pragma once

#include "query/reference_lookup.h"
#include "refdata/reference.h"

namespace tradestat::query {

class RefdataLookup : public ReferenceLookup {
 public:
  /// `ref` must outlive this object.
  explicit RefdataLookup(const refdata::Reference& ref) : ref_(ref) {}

  std::optional<std::string> PartnerName(std::string_view code, Lang lang) const override;
  bool IsSpecialPartner(std::string_view code) const override;
  std::optional<std::string> CanonicalPartner(std::string_view text) const override;
  std::optional<std::string> CanonicalReporter(std::string_view text) const override;
  std::vector<std::string> PartnerGroups() const override;
  bool IsPartnerGroup(std::string_view group) const override;
  std::optional<std::string> PartnerGroupName(std::string_view group, Lang lang) const override;
  bool PartnerInGroup(std::string_view group, std::string_view partner,
                      core::Period at) const override;

  std::optional<std::string> ReporterName(std::string_view code, Lang lang) const override;
  std::vector<std::string> ReporterGroups() const override;
  bool IsReporterGroup(std::string_view group) const override;
  std::optional<std::string> ReporterGroupName(std::string_view group, Lang lang) const override;
  bool ReporterWithin(std::string_view reporter, std::string_view scope) const override;
  bool IsKnownReporterScope(std::string_view scope) const override;
  std::string ReporterCountry(std::string_view reporter) const override;

  std::vector<std::string> Categories() const override;
  bool IsCategory(std::string_view category) const override;
  std::optional<std::string> CategoryName(std::string_view category, Lang lang) const override;
  bool CategoryContains(std::string_view category, std::string_view hs,
                        core::Period month) const override;
  std::optional<std::string> CommodityName(std::string_view hs_prefix, Lang lang) const override;

  std::optional<std::string> TradeModeStatistical(std::string_view code) const override;
  std::optional<std::string> TradeModeClass(std::string_view code) const override;
  bool IsTradeModeClass(std::string_view cls) const override;
  std::optional<std::string> TradeModeName(std::string_view code, Lang lang) const override;
  std::optional<std::string> EnterpriseTypeGroup(std::string_view code) const override;
  std::optional<std::string> EnterpriseTypeName(std::string_view code, Lang lang) const override;
  std::optional<std::string> CanonicalEnterpriseType(std::string_view text) const override;
  std::optional<std::string> CanonicalTradeMode(std::string_view text) const override;
  const refdata::ExchangeRates* Rates() const override { return &ref_.exchange_rates(); }

 private:
  const refdata::Reference& ref_;
};

}  // namespace tradestat::query
