// demo/internal/common.cc: alias tables and partner atoms (see generator.h).
#include <fmt/format.h>

#include "demo/internal/generator.h"

namespace tradestat::demo::internal {

AliasTable::AliasTable(const std::vector<double>& weights) {
  const size_t n = weights.size();
  double total = 0;
  for (double w : weights) total += w;
  prob_.assign(n, 0);
  alias_.assign(n, 0);
  if (n == 0 || total <= 0) return;
  std::vector<double> scaled(n);
  std::vector<int> small, large;
  for (size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] * static_cast<double>(n) / total;
    (scaled[i] < 1 ? small : large).push_back(static_cast<int>(i));
  }
  while (!small.empty() && !large.empty()) {
    const int s = small.back(), l = large.back();
    small.pop_back();
    prob_[s] = scaled[s];
    alias_[s] = l;
    scaled[l] = (scaled[l] + scaled[s]) - 1;
    if (scaled[l] < 1) {
      large.pop_back();
      small.push_back(l);
    }
  }
  for (int i : large) prob_[i] = 1, alias_[i] = i;
  for (int i : small) prob_[i] = 1, alias_[i] = i;
}

core::Result<std::vector<int>> PartnerAtoms(const DemoReference& ref,
                                            const std::vector<std::string>& partners,
                                            core::Period as_of) {
  std::vector<int> atoms;
  atoms.reserve(partners.size());
  for (const auto& p : partners) {
    const bool asean = ref.IsMember("ASEAN", p, as_of);
    const bool eu = ref.IsMember("EU", p, as_of);
    const bool rcep = ref.IsMember("RCEP_SIG", p, as_of) && p != "CHN";
    const bool bri = ref.IsMember("BRI_ROUTE64", p, as_of);
    const bool africa = ref.IsMember("AFRICA", p, as_of);
    const int sig = asean * 16 + eu * 8 + rcep * 4 + bri * 2 + africa;
    int atom = -1;
    if (p == "USA" && sig == 0)
      atom = kUsa;
    else if (sig == 16 + 4 + 2)
      atom = kAsean;
    else if (sig == 8 + 2)
      atom = kEuBri;
    else if (sig == 8)
      atom = kEuOnly;
    else if (sig == 4)
      atom = kRcepOnly;
    else if (sig == 2 + 1)
      atom = kAfricaBri;
    else if (sig == 1)
      atom = kAfricaOnly;
    else if (sig == 2)
      atom = kBriOnly;
    else if (sig == 0)
      atom = kRest;
    if (atom < 0)
      return core::Status::Internal(fmt::format(
          "demo calibration: partner {} has a group combination the calibration does not know "
          "(ASEAN={} EU={} RCEP_SIG={} BRI_ROUTE64={} AFRICA={})",
          p, asean, eu, rcep, bri, africa));
    atoms.push_back(atom);
  }
  return atoms;
}

}  // namespace tradestat::demo::internal
