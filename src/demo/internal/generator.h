// demo/internal/generator.h: the two generation phases and what they share. Private to demo/.
#pragma once

#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "demo/catalog.h"
#include "demo/demo_data.h"
#include "demo/demo_reference.h"
#include "demo/det_random.h"

namespace tradestat::demo::internal {

/// Walker/Vose alias table: O(1) draws from a fixed discrete distribution. Deterministic.
class AliasTable {
 public:
  AliasTable() = default;
  explicit AliasTable(const std::vector<double>& weights);
  int Sample(Rng& rng) const {
    const uint32_t i = rng.Below(static_cast<uint32_t>(prob_.size()));
    return rng.Uniform() < prob_[i] ? static_cast<int>(i) : alias_[i];
  }
  bool empty() const { return prob_.empty(); }

 private:
  std::vector<double> prob_;
  std::vector<int> alias_;
};

/// Disjoint partner atoms built from the reference groups (targets.h lists them).
enum Atom { kAsean, kUsa, kEuBri, kEuOnly, kRcepOnly, kAfricaBri, kAfricaOnly, kBriOnly, kRest };

/// Atom of every partner, judged with the membership at the end of `as_of` (the current period,
/// applied to both years: comparable basis). Internal if a partner's group combination is one
/// the calibration does not know (the reference changed the groups).
core::Result<std::vector<int>> PartnerAtoms(const DemoReference& ref,
                                            const std::vector<std::string>& partners,
                                            core::Period as_of);

/// Dataset periods: hunan covers 2022-01..2023-06.
inline constexpr core::Period kFirstMonth = core::Period::Month(2022, 1);
inline constexpr core::Period kLastMonth = core::Period::Month(2023, 6);
/// 0 = H1 2022, 1 = H1 2023, -1 = outside both windows.
inline int WindowOf(core::Period p) {
  if (p.month() < 1 || p.month() > 6) return -1;
  return p.year() == 2022 ? 0 : p.year() == 2023 ? 1 : -1;
}

/// USD cents of a CNY amount in fen at a monthly rate (CNY per USD x 1e4), rounded half up.
inline int64_t UsdCents(int64_t fen, int64_t rate_e4) {
  return (fen * 20000 + rate_e4) / (2 * rate_e4);
}

core::Status GenerateHunan(const DemoOptions& options, const DemoReference& ref,
                           const Catalog& catalog, DemoDataset* out);
core::Status GenerateChina(const DemoOptions& options, const DemoReference& ref,
                           const Catalog& catalog, const DemoDataset& hunan, DemoDataset* out);

}  // namespace tradestat::demo::internal
