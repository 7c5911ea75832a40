// refdata/ref_json.cc: reference data as JSON and its search, for the CLI and the HTTP API.
#include "refdata/ref_json.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "core/strings.h"
#include "refdata/internal/text.h"

namespace tradestat::refdata {

Date Today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return Date::Of(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

Date AsOf(const std::optional<core::Period>& month) {
  return month ? Date::EndOf(*month) : Today();
}

core::Result<std::optional<core::Period>> ParseMonthOption(std::string_view option,
                                                           const std::string& text) {
  if (text.empty()) return std::optional<core::Period>();
  auto p = core::Period::Parse(text);
  if (!p.ok() || p->is_annual())
    return core::Status::InvalidArgument(
        fmt::format("{}: \"{}\" is not a month; expected YYYY-MM, e.g. 2023-06", option,
                    core::MessageExcerpt(text)));
  return std::optional<core::Period>(*p);
}

bool MatchesText(std::string_view text, std::string_view code, std::string_view name_en,
                 std::string_view name_zh) {
  std::string_view t = core::Trim(text);
  if (t.empty()) return true;
  return core::StartsWith(core::ToLower(code), core::ToLower(t)) ||
         internal::ContainsFolded(name_en, t) || name_zh.find(t) != std::string_view::npos;
}

std::vector<const Group*> SearchGroups(const Groups& groups, std::string_view text) {
  std::vector<const Group*> out;
  for (const auto& g : groups.all())
    if (MatchesText(text, g.code, g.name_en, g.name_zh)) out.push_back(&g);
  return out;
}

std::vector<const RegionGroup*> SearchRegionGroups(const Regions& regions, std::string_view text) {
  std::vector<const RegionGroup*> out;
  for (const auto& g : regions.groups())
    if (MatchesText(text, g.code, g.name_en, g.name_zh)) out.push_back(&g);
  return out;
}

std::vector<const Category*> SearchCategories(const Categories& categories, std::string_view text,
                                              bool include_opt_in) {
  std::vector<const Category*> out;
  for (const auto& c : categories.all())
    if ((include_opt_in || !c.opt_in) && MatchesText(text, c.code, c.name_en, c.name_zh))
      out.push_back(&c);
  return out;
}

std::vector<const HsItem*> ListHs(const Nomenclature& hs, HsEdition edition, std::string_view text,
                                  std::string_view parent) {
  if (!parent.empty()) return hs.Children(edition, parent);
  if (!core::Trim(text).empty()) return hs.Search(edition, text);
  std::vector<const HsItem*> list;
  for (const auto* s : hs.Level(edition, 1)) {
    list.push_back(s);
    for (const auto* c : hs.Children(edition, s->code)) list.push_back(c);
  }
  return list;
}

std::string_view PartnerKindName(PartnerKind kind) {
  switch (kind) {
    case PartnerKind::kIso: return "iso";
    case PartnerKind::kNonIso: return "non_iso";
    case PartnerKind::kFormer: return "former";
    case PartnerKind::kResidual: return "residual";
    case PartnerKind::kSpecial: return "special";
    case PartnerKind::kGroup: return "group";
  }
  return "iso";
}

namespace {

std::string OpenEnd(Date d) {
  return d == Date::Min() || d == Date::Max() ? std::string() : d.ToString();
}

}  // namespace

Json CountryJson(const Country& c) {
  return Json{{"code", c.code},
              {"alpha2", c.alpha2},
              {"numeric", c.numeric},
              {"name_en", c.name_en},
              {"name_zh", c.name_zh},
              {"kind", PartnerKindName(c.kind)},
              {"is_special", c.is_special},
              {"customs_codes", c.customs_codes},
              {"comtrade_code", c.comtrade_code}};
}

Json GroupJson(const Reference& ref, const Group& g, Date at) {
  std::vector<const Membership*> active;
  for (const auto& m : g.members)
    if (m.ActiveOn(at)) active.push_back(&m);
  std::sort(active.begin(), active.end(),
            [](const Membership* a, const Membership* b) { return a->partner < b->partner; });
  Json members = Json::array();
  for (const Membership* m : active) {
    const Country* c = ref.countries().Find(m->partner);
    members.push_back({{"code", m->partner},
                       {"name_en", c ? c->name_en : ""},
                       {"name_zh", c ? c->name_zh : ""},
                       {"from", OpenEnd(m->from)},
                       {"to", OpenEnd(m->to)}});
  }
  return Json{{"code", g.code},     {"name_en", g.name_en}, {"name_zh", g.name_zh},
              {"source", g.source}, {"at", at.ToString()},  {"member_count", members.size()},
              {"members", members}};
}

Json RegionJson(const Region& r) {
  return Json{{"code", r.code},
              {"name_en", r.name_en},
              {"name_zh", r.name_zh},
              {"level", r.level},
              {"parent", r.parent}};
}

Json RegionGroupJson(const RegionGroup& g) {
  return Json{{"code", g.code},
              {"name_en", g.name_en},
              {"name_zh", g.name_zh},
              {"member_count", g.members.size()},
              {"members", g.members}};
}

Json HsItemJson(const HsItem& i) {
  return Json{{"code", i.code},     {"level", i.level},       {"section", i.section},
              {"parent", i.parent}, {"title_en", i.title_en}, {"title_zh", i.title_zh}};
}

Json CategoryJson(const Category& c) {
  return Json{{"code", c.code},       {"parent", c.parent},   {"children", c.children},
              {"name_en", c.name_en}, {"name_zh", c.name_zh}, {"confidence", c.confidence},
              {"opt_in", c.opt_in},   {"source", c.source}};
}

Json TradeModeJson(const TradeMode& m) {
  return Json{{"code", m.code},
              {"supervision", m.supervision},
              {"name_en", m.name_en},
              {"name_zh", m.name_zh_short},
              {"name_zh_full", m.name_zh_full},
              {"class", TradeModeClassName(m.klass)},
              {"stat_code", m.stat_code},
              {"counted", m.counted}};
}

Json EnterpriseTypeJson(const EnterpriseType& t) {
  return Json{{"code", t.code}, {"name_en", t.name_en}, {"name_zh", t.name_zh}, {"group", t.group}};
}

core::Result<Json> RefList(const Reference& ref, const RefListRequest& r) {
  const std::string& kind = r.kind;
  Json items = Json::array();
  if (kind == "countries") {
    for (const Country* c : ref.countries().Search(r.search)) items.push_back(CountryJson(*c));
    return Json{{"kind", kind}, {"items", items}};
  }
  if (kind == "groups") {
    TRADESTAT_ASSIGN_OR_RETURN(auto month, ParseMonthOption("--at", r.at));
    Date at = AsOf(month);
    for (const Group* g : SearchGroups(ref.groups(), r.search))
      items.push_back(GroupJson(ref, *g, at));
    return Json{{"kind", kind}, {"at", at.ToString()}, {"items", items}};
  }
  if (kind == "regions") {
    for (const Region* reg : ref.regions().Search(r.search))
      if (r.parent.empty() || reg->parent == r.parent) items.push_back(RegionJson(*reg));
    Json groups = Json::array();
    for (const RegionGroup* g : SearchRegionGroups(ref.regions(), r.search))
      groups.push_back(RegionGroupJson(*g));
    return Json{{"kind", kind}, {"items", items}, {"groups", groups}};
  }
  if (kind == "hs") {
    TRADESTAT_ASSIGN_OR_RETURN(auto month, ParseMonthOption("--at", r.at));
    HsEdition edition = month ? HsEditionAt(*month) : HsEdition::kHs2022;
    if (!r.edition.empty()) {
      auto e = ParseHsEdition(r.edition);
      if (!e.ok()) return core::Status::InvalidArgument("--edition: " + e.status().message());
      edition = *e;
    }
    if (!r.parent.empty() && ref.hs().Find(edition, r.parent) == nullptr)
      return core::Status::InvalidArgument(
          fmt::format("--parent: \"{}\" is not a section, chapter or heading of {}",
                      core::MessageExcerpt(r.parent), HsEditionName(edition)));
    for (const HsItem* i : ListHs(ref.hs(), edition, r.search, r.parent))
      items.push_back(HsItemJson(*i));
    return Json{{"kind", kind}, {"edition", HsEditionName(edition)}, {"items", items}};
  }
  if (kind == "categories") {
    for (const Category* c : SearchCategories(ref.categories(), r.search, r.include_opt_in))
      items.push_back(CategoryJson(*c));
    return Json{{"kind", kind}, {"items", items}};
  }
  if (kind == "modes") {
    for (const TradeMode* m : ref.trade_modes().Search(r.search))
      items.push_back(TradeModeJson(*m));
    Json types = Json::array();
    for (const auto& t : ref.enterprise_types().all()) types.push_back(EnterpriseTypeJson(t));
    Json groups = Json::array();
    for (const auto& g : ref.enterprise_types().groups())
      groups.push_back({{"code", g.code}, {"name_en", g.name_en}, {"name_zh", g.name_zh}});
    return Json{{"kind", kind},
                {"items", items},
                {"enterprise_types", types},
                {"enterprise_groups", groups}};
  }
  return core::Status::NotFound(fmt::format(
      "reference list \"{}\" is unknown; accepted: countries, groups, regions, hs, categories, "
      "modes",
      core::MessageExcerpt(kind)));
}

}  // namespace tradestat::refdata
