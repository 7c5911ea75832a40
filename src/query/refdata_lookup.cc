// query/refdata_lookup.cc: the adapter; every call is a lookup in refdata's indexes.
#include "query/refdata_lookup.h"

#include "core/strings.h"

namespace tradestat::query {
namespace {

std::optional<std::string> Pick(const std::string& en, const std::string& zh, Lang lang) {
  const std::string& s = lang == Lang::kZh && !zh.empty() ? zh : en;
  if (s.empty()) return std::nullopt;
  return s;
}

bool SixDigits(std::string_view s) { return s.size() == 6 && core::IsDigits(s); }

}  // namespace

std::optional<std::string> RefdataLookup::PartnerName(std::string_view code, Lang lang) const {
  const refdata::Country* c = ref_.countries().Find(code);
  if (!c) return std::nullopt;
  return Pick(c->name_en, c->name_zh, lang);
}

std::optional<std::string> RefdataLookup::CanonicalReporter(std::string_view text) const {
  if (auto r = ref_.NormalizeReporter(text); r.ok()) return *r;
  return std::nullopt;
}

std::optional<std::string> RefdataLookup::CanonicalPartner(std::string_view text) const {
  if (auto r = ref_.NormalizePartner(text); r.ok()) return *r;
  if (auto r = ref_.PartnerFromComtradeCode(text); r.ok()) return *r;  // 842 USA, 251 FRA
  return std::nullopt;
}

bool RefdataLookup::IsSpecialPartner(std::string_view code) const {
  return ref_.countries().IsSpecial(code);
}

std::vector<std::string> RefdataLookup::PartnerGroups() const {
  std::vector<std::string> out;
  for (const auto& g : ref_.groups().all()) out.push_back(g.code);
  return out;
}

bool RefdataLookup::IsPartnerGroup(std::string_view group) const {
  return ref_.groups().Find(group) != nullptr;
}

std::optional<std::string> RefdataLookup::PartnerGroupName(std::string_view group,
                                                           Lang lang) const {
  const refdata::Group* g = ref_.groups().Find(group);
  if (!g) return std::nullopt;
  return Pick(g->name_en, g->name_zh, lang);
}

bool RefdataLookup::PartnerInGroup(std::string_view group, std::string_view partner,
                                   core::Period at) const {
  return ref_.groups().IsMember(group, partner, at);
}

std::optional<std::string> RefdataLookup::ReporterName(std::string_view code, Lang lang) const {
  if (const refdata::Region* r = ref_.regions().Find(code))
    return Pick(r->name_en, r->name_zh, lang);
  if (const refdata::Country* c = ref_.countries().Find(code))
    return Pick(c->name_en, c->name_zh, lang);
  return std::nullopt;
}

std::vector<std::string> RefdataLookup::ReporterGroups() const {
  std::vector<std::string> out;
  for (const auto& g : ref_.regions().groups()) out.push_back(g.code);
  return out;
}

bool RefdataLookup::IsReporterGroup(std::string_view group) const {
  return ref_.regions().FindGroup(group) != nullptr;
}

std::optional<std::string> RefdataLookup::ReporterGroupName(std::string_view group,
                                                            Lang lang) const {
  const refdata::RegionGroup* g = ref_.regions().FindGroup(group);
  if (!g) return std::nullopt;
  return Pick(g->name_en, g->name_zh, lang);
}

bool RefdataLookup::ReporterWithin(std::string_view reporter, std::string_view scope) const {
  if (reporter == scope) return true;
  if (SixDigits(reporter) && SixDigits(scope) && refdata::Regions::IsWithin(reporter, scope))
    return true;
  if (ref_.regions().FindGroup(scope) && ref_.regions().InGroup(scope, reporter)) return true;
  return false;
}

bool RefdataLookup::IsKnownReporterScope(std::string_view scope) const {
  return ref_.regions().Find(scope) || ref_.regions().FindGroup(scope) ||
         (SixDigits(scope) && ref_.regions().Normalize(scope).ok()) || ref_.countries().Find(scope);
}

std::string RefdataLookup::ReporterCountry(std::string_view reporter) const {
  if (SixDigits(reporter) || ref_.regions().FindGroup(reporter)) return "CHN";
  return std::string(reporter);
}

std::vector<std::string> RefdataLookup::Categories() const {
  return ref_.categories().DefaultCodes();
}

bool RefdataLookup::IsCategory(std::string_view category) const {
  return ref_.categories().Find(category) != nullptr;
}

std::optional<std::string> RefdataLookup::CategoryName(std::string_view category, Lang lang) const {
  const refdata::Category* c = ref_.categories().Find(category);
  if (!c) return std::nullopt;
  return Pick(c->name_en, c->name_zh, lang);
}

bool RefdataLookup::CategoryContains(std::string_view category, std::string_view hs,
                                     core::Period month) const {
  return ref_.categories().Contains(category, hs, month);
}

std::optional<std::string> RefdataLookup::CommodityName(std::string_view hs_prefix,
                                                        Lang lang) const {
  const refdata::HsItem* item = ref_.hs().Find(refdata::HsEdition::kHs2022, hs_prefix);
  if (!item) item = ref_.hs().Find(refdata::HsEdition::kHs2017, hs_prefix);
  if (!item) return std::nullopt;
  return Pick(item->title_en, item->title_zh, lang);
}

std::optional<std::string> RefdataLookup::TradeModeStatistical(std::string_view code) const {
  auto r = ref_.trade_modes().StatisticalCode(code);
  if (!r.ok()) return std::nullopt;
  return *r;
}

std::optional<std::string> RefdataLookup::TradeModeClass(std::string_view code) const {
  auto r = ref_.trade_modes().ClassOf(code);
  if (!r.ok()) return std::nullopt;
  return std::string(refdata::TradeModeClassName(*r));
}

bool RefdataLookup::IsTradeModeClass(std::string_view cls) const {
  return refdata::ParseTradeModeClass(cls).ok();
}

std::optional<std::string> RefdataLookup::TradeModeName(std::string_view code, Lang lang) const {
  const refdata::TradeMode* m = ref_.trade_modes().Find(code);
  if (!m) return std::nullopt;
  return Pick(m->name_en, m->name_zh_short, lang);
}

std::optional<std::string> RefdataLookup::EnterpriseTypeGroup(std::string_view code) const {
  auto r = ref_.enterprise_types().GroupOf(code);
  if (!r.ok()) return std::nullopt;
  return *r;
}

std::optional<std::string> RefdataLookup::EnterpriseTypeName(std::string_view code,
                                                             Lang lang) const {
  if (const refdata::EnterpriseType* t = ref_.enterprise_types().Find(code))
    return Pick(t->name_en, t->name_zh, lang);
  if (const refdata::EnterpriseGroup* g = ref_.enterprise_types().FindGroup(code))
    return Pick(g->name_en, g->name_zh, lang);
  return std::nullopt;
}

std::optional<std::string> RefdataLookup::CanonicalEnterpriseType(std::string_view text) const {
  std::string t(core::Trim(text)), up = core::ToUpper(t), low = core::ToLower(t);
  const auto& e = ref_.enterprise_types();
  if (e.Find(up)) return up;
  if (e.FindGroup(up)) return up;
  for (const auto& ty : e.all())
    if (ty.name_zh == t || core::ToLower(ty.name_en) == low) return ty.code;
  for (const auto& g : e.groups())
    if (g.name_zh == t || core::ToLower(g.name_en) == low) return g.code;
  return std::nullopt;
}

std::optional<std::string> RefdataLookup::CanonicalTradeMode(std::string_view text) const {
  const refdata::TradeMode* m = ref_.trade_modes().FindByCodeOrName(text);
  if (!m) return std::nullopt;
  return m->code;
}

}  // namespace tradestat::query
