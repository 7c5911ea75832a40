// refdata/reference.h: Reference, all reference data of tradestat in one immutable object.
//
// Reference::Builtin() is built from the files under data/refdata/ compiled into the binary.
// Each part (countries, groups, regions, HS, categories, modes, rates) is parsed on its first
// use, once and thread-safely, so a command parses only what it needs: a total needs no HS
// nomenclature (issue 15, cold start). WithOverrides() layers user files
// registered in a store (`tradestat ref groups import`) over it: later files override earlier
// ones, per group/category code. A Reference never changes after construction, so every const
// method is thread-safe. Docs: docs/refdata.md.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
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

namespace internal {

/// One part of a Reference, parsed by `load` on first use (std::call_once). A copy keeps what
/// the original had parsed already; what it had not is parsed by the copy when first used.
template <typename T>
class LazyPart {
 public:
  LazyPart() = default;
  LazyPart(const LazyPart& other) {
    if (other.ready_.load(std::memory_order_acquire)) {
      value_ = other.value_;
      ready_.store(true, std::memory_order_relaxed);
    }
  }
  LazyPart& operator=(const LazyPart&) = delete;

  template <typename Load>
  const T& Get(Load&& load) const {
    if (!ready_.load(std::memory_order_acquire)) {
      std::call_once(once_, [&] {
        if (ready_.load(std::memory_order_relaxed)) return;  // copied already parsed
        value_ = load();
        ready_.store(true, std::memory_order_release);
      });
    }
    return value_;
  }
  /// For layering user files over a part by the Reference that owns it, after Get() parsed it.
  T& Parsed() { return value_; }

 private:
  mutable std::once_flag once_;
  mutable std::atomic<bool> ready_{false};
  mutable T value_{};
};

}  // namespace internal

class Reference {
 public:
  /// The compiled-in data; each part is parsed on its first use (thread-safe). Aborts only if
  /// the built-in files are broken, which refdata_test rules out (LoadBuiltin).
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

  // Each parsed on first use (built-in parts abort if the compiled-in files are broken, which
  // refdata_test rules out through LoadBuiltin).
  const Countries& countries() const;
  const Groups& groups() const;
  const Regions& regions() const;
  const Nomenclature& hs() const;
  const Categories& categories() const;
  const TradeModes& trade_modes() const;
  const EnterpriseTypes& enterprise_types() const;
  const ExchangeRates& exchange_rates() const;

  /// Build the built-in reference with every part parsed now, errors returned rather than
  /// aborting; exposed for tests and timing.
  static core::Result<std::shared_ptr<Reference>> LoadBuiltin();

 private:
  core::Status Apply(const ReferenceFile& file);

  internal::LazyPart<Countries> countries_;
  internal::LazyPart<Groups> groups_;
  internal::LazyPart<Regions> regions_;
  internal::LazyPart<Nomenclature> hs_;
  internal::LazyPart<Categories> categories_;
  internal::LazyPart<TradeModes> trade_modes_;
  internal::LazyPart<EnterpriseTypes> enterprise_types_;
  internal::LazyPart<ExchangeRates> exchange_rates_;
};

}  // namespace tradestat::refdata
