// demo/demo_reference.cc: DemoReference answered by refdata::Reference.
#include "demo/demo_reference.h"

#include <algorithm>

#include "refdata/reference.h"

namespace tradestat::demo {
namespace {

class RefdataReference final : public DemoReference {
 public:
  explicit RefdataReference(const refdata::Reference& ref) : ref_(ref) {}

  bool IsMember(std::string_view group, std::string_view partner,
                core::Period period) const override {
    return ref_.groups().IsMember(group, partner, period);
  }
  bool InCategory(std::string_view category, std::string_view hs_code,
                  core::Period month) const override {
    return ref_.categories().Contains(category, hs_code, month);
  }
  std::string EnterpriseGroup(std::string_view type_code) const override {
    auto g = ref_.enterprise_types().GroupOf(type_code);
    return g.ok() ? *g : std::string();
  }
  std::string StatisticalMode(std::string_view supervision_code) const override {
    auto s = ref_.trade_modes().StatisticalCode(supervision_code);
    return s.ok() ? *s : std::string();
  }
  std::vector<std::string> TradingPartners() const override {
    std::vector<std::string> out;
    for (const auto& c : ref_.countries().all()) {
      if (c.is_special || c.code == "CHN") continue;
      if (c.kind != refdata::PartnerKind::kIso && c.kind != refdata::PartnerKind::kNonIso) continue;
      out.push_back(c.code);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  const refdata::Reference& ref_;
};

}  // namespace

std::unique_ptr<DemoReference> MakeReference(const refdata::Reference& ref) {
  return std::make_unique<RefdataReference>(ref);
}

std::unique_ptr<DemoReference> MakeBuiltinReference() {
  return MakeReference(refdata::Reference::Builtin());
}

}  // namespace tradestat::demo
