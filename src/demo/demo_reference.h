// demo/demo_reference.h: the few reference-data questions the demo generator asks, behind one
// small interface, answered by the product's own definitions (refdata::Reference).
//
// The generator never hard-codes a group or category: it asks which partners are in RCEP_SIG,
// which commodities are in ME, which supervision codes count as general trade, so the demo is
// calibrated to exactly the definitions the bulletin uses. Implementations are immutable after
// construction and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace tradestat::refdata {
class Reference;
}

namespace tradestat::demo {

class DemoReference {
 public:
  virtual ~DemoReference() = default;

  /// True if `partner` (canonical code) is a member of `group` at the end of `period`.
  virtual bool IsMember(std::string_view group, std::string_view partner,
                        core::Period period) const = 0;
  /// True if the 8-digit `hs_code` is in `category` (ME, LABOR, NEW3 ...) in `month`.
  virtual bool InCategory(std::string_view category, std::string_view hs_code,
                          core::Period month) const = 0;
  /// Group (SOE, FIE, PRIVATE, OTHER) of an enterprise-type digit "1".."9"; empty if unknown.
  virtual std::string EnterpriseGroup(std::string_view type_code) const = 0;
  /// The 2-digit statistical trade mode of a 4-digit supervision code; empty if not counted.
  virtual std::string StatisticalMode(std::string_view supervision_code) const = 0;
  /// Partners that may appear in trade records: countries, territories and the non-ISO customs
  /// partners, never special codes (world, unknown ...) nor the reporter CHN. Sorted.
  virtual std::vector<std::string> TradingPartners() const = 0;
};

/// The product's reference data (refdata::Reference::Builtin()).
std::unique_ptr<DemoReference> MakeBuiltinReference();
/// A given Reference (e.g. with user overrides); `ref` must outlive the result.
std::unique_ptr<DemoReference> MakeReference(const refdata::Reference& ref);

}  // namespace tradestat::demo
