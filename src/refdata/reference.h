// refdata/reference.h: Reference, all reference data of tradestat in one immutable object.
//
// Reference::Builtin() is built once from the files under data/refdata/ compiled into the
// binary (parsed on first use, a few milliseconds). WithOverrides() layers user files
// registered in a store (`tradestat ref groups import`) over it: later files override earlier
// ones, per group/category code. A Reference never changes after construction, so every const
// method is thread-safe. Docs: docs/refdata.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "refdata/categories.h"
#include "refdata/countries.h"
#include "refdata/date.h"
#include "refdata/exchange_rates.h"
#include "refdata/groups.h"
#include "refdata/hs.h"
#include "refdata/regions.h"
#include "refdata/trade_modes.h"

namespace tradestat::refdata {

/// Kinds of user reference files: "groups", "categories", "hs", "region_groups".
std::vector<std::string_view> OverrideKinds();

/// One user reference file: its kind, a name for messages (the user's file name) and content.
struct ReferenceFile {
  std::string kind;
  std::string name;
  std::string content;
};

class Reference {
 public:
  /// The compiled-in data, built once on first call (thread-safe). Aborts only if the built-in
  /// files are broken, which refdata_test rules out.
  static const Reference& Builtin();

  /// Builtin plus user files, later files overriding earlier ones. Each pair is (kind, file
  /// content), kind in OverrideKinds(). Parse errors name the file ("groups file #2") and line;
  /// nothing is applied when any file fails.
  static core::Result<std::shared_ptr<const Reference>> WithOverrides(
      const std::vector<std::pair<std::string, std::string>>& files);
  /// Same with file names for messages ("my_groups.csv:3:12: ...").
  static core::Result<std::shared_ptr<const Reference>> WithOverrides(
      const std::vector<ReferenceFile>& files);

  /// Check one user file of `kind` against this reference without applying it. Errors are
  /// "name:line:column: what is wrong".
  core::Status Check(std::string_view kind, std::string_view name, std::string_view content) const;

  /// Canonical partner code for any accepted spelling: ISO alpha-3, alpha-2, numeric
  /// (case-insensitive: "156", "CN", "chn"), X-codes of non-ISO and special partners (WLD,
  /// ZZZ...), exact English/Chinese names. China customs codes only via PartnerFromCustomsCode
  /// (they collide with ISO numeric). NotFound saying what was expected.
  core::Result<std::string> NormalizePartner(std::string_view text) const;
  /// China customs 3-digit partner code -> canonical partner ("116" -> JPN, "502" -> USA).
  core::Result<std::string> PartnerFromCustomsCode(std::string_view code) const;
  /// UN Comtrade code -> canonical partner ("842" -> USA, "251" -> FRA).
  core::Result<std::string> PartnerFromComtradeCode(std::string_view code) const;

  /// Canonical reporter: a GB/T 2260 6-digit region code (a known one, or any 6-digit code under
  /// a known province) or a country as ISO alpha-3 (alpha-2/numeric accepted).
  core::Result<std::string> NormalizeReporter(std::string_view text) const;

  const Countries& countries() const { return countries_; }
  const Groups& groups() const { return groups_; }
  const Regions& regions() const { return regions_; }
  const Nomenclature& hs() const { return hs_; }
  const Categories& categories() const { return categories_; }
  const TradeModes& trade_modes() const { return trade_modes_; }
  const EnterpriseTypes& enterprise_types() const { return enterprise_types_; }
  const ExchangeRates& exchange_rates() const { return exchange_rates_; }

  /// Build the built-in reference (what Builtin() caches); exposed for tests and timing.
  static core::Result<std::shared_ptr<Reference>> LoadBuiltin();

 private:
  core::Status Apply(const ReferenceFile& file);

  Countries countries_;
  Groups groups_;
  Regions regions_;
  Nomenclature hs_;
  Categories categories_;
  TradeModes trade_modes_;
  EnterpriseTypes enterprise_types_;
  ExchangeRates exchange_rates_;
};

}  // namespace tradestat::refdata
