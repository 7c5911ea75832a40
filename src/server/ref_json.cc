// server/ref_json.cc: reference lists for the API and the dashboard's selectors and drill-downs.
#include "server/ref_json.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/strings.h"

namespace tradestat::server {
namespace {

using nlohmann::ordered_json;

bool Matches(const std::string& search, const std::string& code, const std::string& en,
             const std::string& zh) {
  if (search.empty()) return true;
  std::string s = core::ToLower(search);
  return core::ToLower(code).rfind(s, 0) == 0 || core::ToLower(en).find(s) != std::string::npos ||
         zh.find(search) != std::string::npos;
}

std::string Get(const std::map<std::string, std::string>& p, const std::string& k) {
  auto it = p.find(k);
  return it == p.end() ? std::string() : it->second;
}

core::Result<std::string> Countries(const refdata::Reference& ref, const std::string& search) {
  ordered_json items = ordered_json::array();
  for (const auto& c : ref.countries().all()) {
    if (!Matches(search, c.code, c.name_en, c.name_zh)) continue;
    items.push_back({{"code", c.code}, {"alpha2", c.alpha2}, {"numeric", c.numeric},
                     {"name_en", c.name_en}, {"name_zh", c.name_zh},
                     {"comtrade_code", c.comtrade_code}, {"special", ref.countries().IsSpecial(c.code)}});
  }
  return ordered_json{{"kind", "countries"}, {"items", items}}.dump();
}

core::Result<std::string> Groups(const refdata::Reference& ref, const std::string& search,
                                 const std::string& at) {
  refdata::Date date;
  if (!at.empty()) {
    auto p = core::Period::Parse(at);
    if (!p.ok()) return core::Status::InvalidArgument(fmt::format("--at: \"{}\"; accepted: YYYY-MM", at));
    date = refdata::Date::EndOf(*p);
  } else {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    date = refdata::Date::Of(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  }
  ordered_json items = ordered_json::array();
  for (const auto& g : ref.groups().all()) {
    if (!Matches(search, g.code, g.name_en, g.name_zh)) continue;
    ordered_json members = ordered_json::array();
    for (const auto& m : g.members)
      if (m.ActiveOn(date)) {
        const auto* c = ref.countries().Find(m.partner);
        members.push_back({{"code", m.partner}, {"name_en", c ? c->name_en : ""}, {"name_zh", c ? c->name_zh : ""}});
      }
    items.push_back({{"code", g.code}, {"name_en", g.name_en}, {"name_zh", g.name_zh},
                     {"source", g.source}, {"members", members}});
  }
  return ordered_json{{"kind", "groups"}, {"items", items}}.dump();
}

core::Result<std::string> Regions(const refdata::Reference& ref, const std::string& search,
                                  const std::string& parent) {
  ordered_json items = ordered_json::array();
  for (const auto& r : ref.regions().all()) {
    if (!Matches(search, r.code, r.name_en, r.name_zh)) continue;
    if (!parent.empty() && r.parent != parent) continue;
    items.push_back({{"code", r.code}, {"name_en", r.name_en}, {"name_zh", r.name_zh},
                     {"level", r.level}, {"parent", r.parent}});
  }
  ordered_json groups = ordered_json::array();
  for (const auto& g : ref.regions().groups())
    if (Matches(search, g.code, g.name_en, g.name_zh))
      groups.push_back({{"code", g.code}, {"name_en", g.name_en}, {"name_zh", g.name_zh}, {"members", g.members}});
  return ordered_json{{"kind", "regions"}, {"items", items}, {"groups", groups}}.dump();
}

core::Result<std::string> Hs(const refdata::Reference& ref, const std::string& search,
                             const std::string& edition_text, const std::string& parent) {
  refdata::HsEdition edition = refdata::HsEdition::kHs2022;
  if (!edition_text.empty()) {
    auto e = refdata::ParseHsEdition(edition_text);
    if (!e.ok()) return core::Status::InvalidArgument("--edition: " + e.status().message());
    edition = *e;
  }
  std::vector<const refdata::HsItem*> list;
  if (!parent.empty()) {
    if (!ref.hs().Find(edition, parent))
      return core::Status::InvalidArgument(
          fmt::format("--parent: \"{}\" is not a section, chapter or heading of {}", parent,
                      refdata::HsEditionName(edition)));
    list = ref.hs().Children(edition, parent);
  } else if (!search.empty()) {
    list = ref.hs().Search(edition, search);
  } else {
    list = ref.hs().Level(edition, 1);
    auto chapters = ref.hs().Level(edition, 2);
    list.insert(list.end(), chapters.begin(), chapters.end());
  }
  ordered_json items = ordered_json::array();
  for (const auto* h : list)
    items.push_back({{"code", h->code}, {"level", h->level}, {"section", h->section},
                     {"parent", h->parent}, {"title_en", h->title_en}, {"title_zh", h->title_zh}});
  return ordered_json{{"kind", "hs"}, {"edition", refdata::HsEditionName(edition)}, {"items", items}}.dump();
}

core::Result<std::string> CategoriesJson(const refdata::Reference& ref, const std::string& search) {
  ordered_json items = ordered_json::array();
  for (const auto& c : ref.categories().all()) {
    if (!Matches(search, c.code, c.name_en, c.name_zh)) continue;
    items.push_back({{"code", c.code}, {"name_en", c.name_en}, {"name_zh", c.name_zh},
                     {"parent", c.parent}, {"children", c.children}, {"confidence", c.confidence},
                     {"source", c.source}});
  }
  return ordered_json{{"kind", "categories"}, {"items", items}}.dump();
}

core::Result<std::string> Modes(const refdata::Reference& ref, const std::string& search) {
  ordered_json items = ordered_json::array();
  for (const auto& m : ref.trade_modes().all()) {
    if (!Matches(search, m.code, m.name_en, m.name_zh_short)) continue;
    items.push_back({{"code", m.code}, {"supervision", m.supervision}, {"name_en", m.name_en},
                     {"name_zh", m.name_zh_short}, {"name_zh_full", m.name_zh_full},
                     {"class", refdata::TradeModeClassName(m.klass)}, {"stat_code", m.stat_code},
                     {"counted", m.counted}});
  }
  ordered_json types = ordered_json::array();
  for (const auto& t : ref.enterprise_types().all())
    types.push_back({{"code", t.code}, {"name_en", t.name_en}, {"name_zh", t.name_zh}, {"group", t.group}});
  ordered_json groups = ordered_json::array();
  for (const auto& g : ref.enterprise_types().groups())
    groups.push_back({{"code", g.code}, {"name_en", g.name_en}, {"name_zh", g.name_zh}});
  return ordered_json{{"kind", "modes"}, {"items", items}, {"enterprise_types", types},
                      {"enterprise_groups", groups}}
      .dump();
}

}  // namespace

core::Result<std::string> RefJson(const refdata::Reference& ref, const std::string& kind,
                                  const std::map<std::string, std::string>& params) {
  std::string search = Get(params, "search");
  core::Result<std::string> out = core::Status::NotFound(
      fmt::format("/api/v1/ref/{}: unknown list; accepted: countries, groups, regions, hs, categories, modes", kind));
  if (kind == "countries") out = Countries(ref, search);
  else if (kind == "groups") out = Groups(ref, search, Get(params, "at"));
  else if (kind == "regions") out = Regions(ref, search, Get(params, "parent"));
  else if (kind == "hs") out = Hs(ref, search, Get(params, "edition"), Get(params, "parent"));
  else if (kind == "categories") out = CategoriesJson(ref, search);
  else if (kind == "modes") out = Modes(ref, search);
  if (!out.ok()) return out;
  return *out + "\n";
}

}  // namespace tradestat::server
