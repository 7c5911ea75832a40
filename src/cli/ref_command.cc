// cli/ref_command.cc: `tradestat ref ...`: list, search and show reference data (countries,
// partner groups, regions, HS, product categories, trade modes), import user reference files into
// a store and check them.
//
//   tradestat ref countries|groups|regions|hs|categories|modes [ITEM] [--search TEXT] [--at
//   YYYY-MM] [--json] tradestat ref groups|categories|hs|region-groups|exchange-rates import FILE
//   --store STORE tradestat ref check FILE... [--kind KIND]
// Listing uses the built-in data, or the built-in data plus a store's registered files with
// --store. Formats of user files: docs/refdata.md. The JSON, the search and the date "now" are
// refdata's (refdata/ref_json.h), shared with /api/v1/ref/KIND: this file handles arguments and
// the text layout only.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/store_reference.h"
#include "core/file.h"
#include "core/period.h"
#include "core/strings.h"
#include "refdata/ref_json.h"
#include "refdata/reference.h"
#include "report/table.h"
#include "store/reference_files.h"

// Like TRADESTAT_ASSIGN_OR_RETURN, but a command returns its exit status after reporting.
#define TRADESTAT_ASSIGN_OR_RETURN_CLI(lhs, expr)                   \
  auto TRADESTAT_CONCAT(_cli_, __LINE__) = (expr);                  \
  if (!TRADESTAT_CONCAT(_cli_, __LINE__).ok())                      \
    return ReportError(TRADESTAT_CONCAT(_cli_, __LINE__).status()); \
  lhs = std::move(TRADESTAT_CONCAT(_cli_, __LINE__)).value()

namespace tradestat::cli {
namespace {

using nlohmann::ordered_json;
using refdata::Reference;

struct RefOptions {
  std::string item;
  std::string search;
  std::string at;
  std::string edition;
  std::string store;
  bool json = false;
  bool all = false;
};

core::Result<std::shared_ptr<const Reference>> GetReference(const RefOptions& o) {
  if (o.store.empty())
    return std::shared_ptr<const Reference>(&Reference::Builtin(), [](const Reference*) {});
  return LoadStoreReference(o.store);
}

core::Result<std::optional<core::Period>> ParseAt(const std::string& at) {
  return refdata::ParseMonthOption("--at", at);
}

void PrintJson(const ordered_json& j) { std::printf("%s\n", j.dump(2).c_str()); }

// A list as the API serves it: {"kind": ..., "items": [...]} (refdata::RefList).
int PrintList(const Reference& ref, const std::string& kind, const RefOptions& o,
              bool include_opt_in = true) {
  refdata::RefListRequest request;
  request.kind = kind;
  request.search = o.search;
  request.at = o.at;
  request.edition = o.edition;
  request.include_opt_in = include_opt_in;
  auto j = refdata::RefList(ref, request);
  if (!j.ok()) return ReportError(j.status());
  PrintJson(*j);
  return kExitOk;
}

std::string Dates(const refdata::Membership& m) {
  std::string from = m.from == refdata::Date::Min() ? "" : m.from.ToString();
  std::string to = m.to == refdata::Date::Max() ? "" : m.to.ToString();
  if (from.empty() && to.empty()) return "";
  return fmt::format("{} .. {}", from.empty() ? "(open)" : from, to.empty() ? "(open)" : to);
}

std::string KindName(refdata::PartnerKind k) { return std::string(refdata::PartnerKindName(k)); }

// ---- countries -------------------------------------------------------------------------------

core::Result<std::string> ResolvePartner(const Reference& ref, const std::string& item) {
  if (core::StartsWith(item, "customs:")) return ref.PartnerFromCustomsCode(item.substr(8));
  if (core::StartsWith(item, "comtrade:")) return ref.PartnerFromComtradeCode(item.substr(9));
  return ref.NormalizePartner(item);
}

int Countries(const RefOptions& o) {
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto ref, GetReference(o));
  std::vector<const refdata::Country*> list;
  if (!o.item.empty()) {
    auto code = ResolvePartner(*ref, o.item);
    if (!code.ok()) return ReportError(code.status());
    list.push_back(ref->countries().Find(*code));
  } else if (!o.search.empty()) {
    list = ref->countries().Search(o.search);
  } else {
    for (const auto& c : ref->countries().all()) list.push_back(&c);
  }
  if (o.json) {
    if (o.item.empty()) return PrintList(*ref, "countries", o);
    PrintJson(refdata::CountryJson(*list[0]));
    return kExitOk;
  }
  if (!o.item.empty()) {
    const refdata::Country& c = *list[0];
    std::printf("%s  %s  %s\n", c.code.c_str(), c.name_en.c_str(), c.name_zh.c_str());
    if (!c.official_name_en.empty())
      std::printf("  official name: %s\n", c.official_name_en.c_str());
    std::printf("  ISO alpha-2: %s  numeric: %s  kind: %s%s\n",
                c.alpha2.empty() ? "-" : c.alpha2.c_str(),
                c.numeric.empty() ? "-" : c.numeric.c_str(), KindName(c.kind).c_str(),
                c.is_special ? " (special: never counted as a country)" : "");
    std::string customs;
    for (const auto& cc : c.customs_codes) customs += (customs.empty() ? "" : ", ") + cc;
    std::printf("  China customs code: %s  UN Comtrade code: %s\n",
                customs.empty() ? "-" : customs.c_str(),
                c.comtrade_code.empty() ? "-" : c.comtrade_code.c_str());
    if (!c.note.empty()) std::printf("  note: %s\n", c.note.c_str());
    std::vector<std::string> groups;
    TRADESTAT_ASSIGN_OR_RETURN_CLI(auto at, ParseAt(o.at));
    refdata::Date now = refdata::AsOf(at);
    for (const auto& g : ref->groups().all())
      if (ref->groups().IsMember(g.code, c.code, now)) groups.push_back(g.code);
    std::printf("  groups at %s: %s\n", at ? at->ToString().c_str() : now.ToString().c_str(),
                fmt::format("{}", fmt::join(groups, " ")).c_str());
    return kExitOk;
  }
  std::printf("%-4s %-2s %-3s %-7s %-8s %s\n", "code", "a2", "num", "customs", "comtrade", "name");
  for (const auto* c : list) {
    std::printf("%-4s %-2s %-3s %-7s %-8s %s / %s%s\n", c->code.c_str(), c->alpha2.c_str(),
                c->numeric.c_str(), c->customs_codes.empty() ? "" : c->customs_codes[0].c_str(),
                c->comtrade_code.c_str(), c->name_en.c_str(), c->name_zh.c_str(),
                c->is_special ? "  [special]" : "");
  }
  std::printf("%zu partners\n", list.size());
  return kExitOk;
}

// ---- groups ----------------------------------------------------------------------------------

int Groups(const RefOptions& o) {
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto ref, GetReference(o));
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto at, ParseAt(o.at));
  const auto& groups = ref->groups();
  if (o.item.empty()) {
    if (o.json) return PrintList(*ref, "groups", o);
    std::printf("%-12s %7s  %s\n", "group", "members", "name");
    for (const refdata::Group* gp : refdata::SearchGroups(groups, o.search)) {
      const refdata::Group& g = *gp;
      size_t n = at ? groups.MembersAt(g.code, *at).size() : g.members.size();
      std::printf("%-12s %7zu  %s / %s%s\n", g.code.c_str(), n, g.name_en.c_str(),
                  g.name_zh.c_str(),
                  g.source == "builtin" ? "" : fmt::format("  [{}]", g.source).c_str());
    }
    std::printf("%s\n", at ? fmt::format("member counts at the end of {}", at->ToString()).c_str()
                           : "member counts: all membership rows (use --at YYYY-MM for a date)");
    return kExitOk;
  }
  const refdata::Group* g = groups.Find(o.item);
  if (g == nullptr) {
    return ReportError(core::Status::NotFound(fmt::format(
        "unknown partner group \"{}\": run 'tradestat ref groups' for the list", o.item)));
  }
  refdata::Date when = at ? refdata::Date::EndOf(*at) : refdata::Date::Max();
  std::vector<const refdata::Membership*> shown;
  for (const auto& m : g->members)
    if (!at || m.ActiveOn(when)) shown.push_back(&m);
  std::sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->partner < b->partner; });
  if (o.json) {
    PrintJson(refdata::GroupJson(*ref, *g, refdata::AsOf(at)));
    return kExitOk;
  }
  std::printf("%s  %s / %s\n", g->code.c_str(), g->name_en.c_str(), g->name_zh.c_str());
  if (g->source != "builtin") std::printf("  defined in %s\n", g->source.c_str());
  if (at) {
    std::printf("%zu members at %s (end of %s):\n", shown.size(), when.ToString().c_str(),
                at->ToString().c_str());
  } else {
    std::printf("%zu membership rows (all dates; use --at YYYY-MM for the members at a date):\n",
                shown.size());
  }
  for (const auto* m : shown) {
    const refdata::Country* c = ref->countries().Find(m->partner);
    // Pad by display width: a Chinese character takes two terminal columns.
    std::string name = c ? fmt::format("{} / {}", c->name_en, c->name_zh) : "";
    name.append(44 - std::min<size_t>(44, report::DisplayWidth(name)), ' ');
    std::printf("  %-4s %s %s\n", m->partner.c_str(), name.c_str(), Dates(*m).c_str());
  }
  return kExitOk;
}

// ---- regions ---------------------------------------------------------------------------------

int Regions(const RefOptions& o) {
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto ref, GetReference(o));
  const auto& regions = ref->regions();
  if (!o.item.empty()) {
    if (const refdata::RegionGroup* g = regions.FindGroup(o.item)) {
      if (o.json) {
        PrintJson(refdata::RegionGroupJson(*g));
        return kExitOk;
      }
      std::printf("%s  %s / %s\n", g->code.c_str(), g->name_en.c_str(), g->name_zh.c_str());
      for (const auto& m : g->members) {
        const refdata::Region* r = regions.Find(m);
        std::printf("  %s  %s / %s\n", m.c_str(), r ? r->name_en.c_str() : "",
                    r ? r->name_zh.c_str() : "");
      }
      return kExitOk;
    }
    auto code = regions.Normalize(o.item);
    if (!code.ok()) return ReportError(code.status());
    const refdata::Region* r = regions.Find(*code);
    std::vector<std::string> children;
    for (const auto* c : regions.Children(*code)) children.push_back(c->code);
    auto in_groups = regions.GroupsOf(*code);
    if (o.json) {
      PrintJson({{"code", *code},
                 {"name_en", r ? r->name_en : ""},
                 {"name_zh", r ? r->name_zh : ""},
                 {"level", r ? r->level : "unlisted"},
                 {"province", refdata::Regions::ProvinceOf(*code)},
                 {"children", children},
                 {"groups", in_groups}});
      return kExitOk;
    }
    std::printf("%s  %s / %s  (%s)\n", code->c_str(), r ? r->name_en.c_str() : "(not listed)",
                r ? r->name_zh.c_str() : "", r ? r->level.c_str() : "inside a listed province");
    std::printf("  province: %s\n", refdata::Regions::ProvinceOf(*code).c_str());
    for (const auto* c : regions.Children(*code))
      std::printf("  contains %s  %s / %s\n", c->code.c_str(), c->name_en.c_str(),
                  c->name_zh.c_str());
    std::printf("  groups: %s\n", fmt::format("{}", fmt::join(in_groups, " ")).c_str());
    return kExitOk;
  }
  if (o.json) return PrintList(*ref, "regions", o);
  for (const refdata::Region* r : regions.Search(o.search))
    std::printf("%s%s  %s / %s\n", r->parent.empty() ? "" : "  ", r->code.c_str(),
                r->name_en.c_str(), r->name_zh.c_str());
  std::printf("\nregion groups:\n");
  for (const auto& g : regions.groups())
    std::printf("  %-12s %2zu  %s / %s\n", g.code.c_str(), g.members.size(), g.name_en.c_str(),
                g.name_zh.c_str());
  return kExitOk;
}

// ---- hs ----------------------------------------------------------------------------------------

int Hs(const RefOptions& o) {
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto ref, GetReference(o));
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto at, ParseAt(o.at));
  refdata::HsEdition edition = at ? refdata::HsEditionAt(*at) : refdata::HsEdition::kHs2022;
  if (!o.edition.empty()) {
    auto e = refdata::ParseHsEdition(o.edition);
    if (!e.ok()) return ReportError(e.status());
    edition = *e;
  }
  const auto& hs = ref->hs();
  const auto& item_json = refdata::HsItemJson;
  std::string ed(refdata::HsEditionName(edition));
  if (!o.item.empty()) {
    const refdata::HsItem* item = hs.Find(edition, o.item);
    if (item == nullptr) {
      std::string elsewhere;
      for (auto other :
           {refdata::HsEdition::kHs2022, refdata::HsEdition::kHs2017, refdata::HsEdition::kHs2012})
        if (other != edition && hs.Find(other, o.item) != nullptr)
          elsewhere += fmt::format(" It exists in {} (--edition {}).",
                                   refdata::HsEditionName(other), refdata::HsEditionName(other));
      return ReportError(
          core::Status::NotFound(fmt::format("{} has no HS code \"{}\" in the reference data "
                                             "(built in: sections, chapters and HS2022 headings; "
                                             "import more with 'tradestat ref hs import').{}",
                                             ed, o.item, elsewhere)));
    }
    core::Period month = at ? *at : refdata::HsEditionStart(edition);
    std::vector<std::string> cats;
    if (item->level >= 2) cats = ref->categories().CategoriesOf(item->code, month);
    if (o.json) {
      ordered_json children = ordered_json::array();
      for (const auto* c : hs.Children(edition, item->code)) children.push_back(item_json(*c));
      ordered_json j = item_json(*item);
      j["edition"] = ed;
      j["children"] = children;
      j["categories"] = cats;
      PrintJson(j);
      return kExitOk;
    }
    std::printf("%s %s (%s)\n  %s\n  %s\n", ed.c_str(), item->code.c_str(),
                item->level == 1   ? "section"
                : item->level == 2 ? "chapter"
                : item->level == 4 ? "heading"
                                   : "subheading",
                item->title_en.c_str(), item->title_zh.empty() ? "-" : item->title_zh.c_str());
    if (item->level > 1) std::printf("  section %s\n", item->section.c_str());
    for (const auto* c : hs.Children(edition, item->code))
      std::printf("  %-6s %s%s%s\n", c->code.c_str(), c->title_en.c_str(),
                  c->title_zh.empty() ? "" : " / ", c->title_zh.c_str());
    if (item->level >= 2)
      std::printf("  in categories (%s): %s\n", month.ToString().c_str(),
                  fmt::format("{}", fmt::join(cats, " ")).c_str());
    return kExitOk;
  }
  if (o.json) return PrintList(*ref, "hs", o);
  std::vector<const refdata::HsItem*> list = refdata::ListHs(hs, edition, o.search, "");
  std::printf("%s\n", ed.c_str());
  for (const auto* i : list) {
    std::printf("%s%-6s %s%s%s\n", i->level == 1 ? "" : "  ", i->code.c_str(), i->title_en.c_str(),
                i->title_zh.empty() ? "" : " / ", i->title_zh.c_str());
  }
  return kExitOk;
}

// ---- categories --------------------------------------------------------------------------------

std::string RuleText(const refdata::CategoryRule& r) {
  std::string text = r.exclude ? "-" + r.prefix : r.prefix;
  if (!r.prefix.empty() && r.prefix[0] >= 'A' && r.prefix[0] <= 'Z') text = "+[" + r.prefix + "]";
  if (r.from.valid() || r.to.valid())
    text += fmt::format("({}..{})", r.from.valid() ? r.from.ToString() : "",
                        r.to.valid() ? r.to.ToString() : "");
  return text;
}

void PrintCategoryRules(const refdata::Categories& cats, const refdata::Category& c, int indent,
                        const std::vector<refdata::HsEdition>& editions, ordered_json* json) {
  std::string pad(indent, ' ');
  if (json == nullptr) {
    std::printf("%s%s  %s / %s  [confidence %s%s]\n", pad.c_str(), c.code.c_str(),
                c.name_en.c_str(), c.name_zh.c_str(),
                c.confidence.empty() ? "?" : c.confidence.c_str(), c.opt_in ? ", opt-in" : "");
  }
  ordered_json rules = ordered_json::object();
  for (refdata::HsEdition e : editions) {
    std::vector<std::string> texts;
    for (const auto* r : cats.RulesFor(c.code, e)) texts.push_back(RuleText(*r));
    if (json != nullptr) {
      rules[std::string(refdata::HsEditionName(e))] = texts;
    } else if (!texts.empty()) {
      std::printf("%s  %s: %s\n", pad.c_str(), std::string(refdata::HsEditionName(e)).c_str(),
                  fmt::format("{}", fmt::join(texts, " ")).c_str());
    } else if (c.children.empty()) {
      std::printf("%s  %s: (nothing: not separable in this edition)\n", pad.c_str(),
                  std::string(refdata::HsEditionName(e)).c_str());
    }
  }
  if (json != nullptr) {
    ordered_json subs = ordered_json::array();
    for (const auto& child : c.children) {
      ordered_json sub;
      PrintCategoryRules(cats, *cats.Find(child), indent + 2, editions, &sub);
      subs.push_back(sub);
    }
    *json = {{"code", c.code},
             {"parent", c.parent},
             {"name_en", c.name_en},
             {"name_zh", c.name_zh},
             {"confidence", c.confidence},
             {"opt_in", c.opt_in},
             {"source", c.source},
             {"note", c.note},
             {"prefixes", rules},
             {"sub_categories", subs}};
    return;
  }
  for (const auto& child : c.children)
    PrintCategoryRules(cats, *cats.Find(child), indent + 2, editions, nullptr);
}

int Categories(const RefOptions& o) {
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto ref, GetReference(o));
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto at, ParseAt(o.at));
  const auto& cats = ref->categories();
  std::vector<refdata::HsEdition> editions = {refdata::HsEdition::kHs2017,
                                              refdata::HsEdition::kHs2022};
  if (at) editions = {refdata::HsEditionAt(*at)};
  if (!o.edition.empty()) {
    auto e = refdata::ParseHsEdition(o.edition);
    if (!e.ok()) return ReportError(e.status());
    editions = {*e};
  }
  if (!o.item.empty()) {
    const refdata::Category* c = cats.Find(o.item);
    if (c == nullptr) {
      return ReportError(core::Status::NotFound(fmt::format(
          "unknown category \"{}\": run 'tradestat ref categories --all' for the list", o.item)));
    }
    if (o.json) {
      ordered_json j;
      PrintCategoryRules(cats, *c, 0, editions, &j);
      PrintJson(j);
      return kExitOk;
    }
    PrintCategoryRules(cats, *c, 0, editions, nullptr);
    if (!c->note.empty()) std::printf("note: %s\n", c->note.c_str());
    std::printf(
        "A code belongs to the category if it starts with a listed prefix (\"-\" marks "
        "exclusions,\n"
        "[X] the codes of category X) in the HS edition in force in its month: HS2017 "
        "2017-01..2021-12,\n"
        "HS2022 from 2022-01. Categories may overlap (ME contains NEW3_EV).\n");
    return kExitOk;
  }
  if (o.json) return PrintList(*ref, "categories", o, o.all);
  std::printf("%-16s %-12s %-11s %s\n", "category", "parent", "confidence", "name");
  for (const refdata::Category* cp : refdata::SearchCategories(cats, o.search, o.all)) {
    const refdata::Category& c = *cp;
    std::printf("%-16s %-12s %-11s %s / %s%s\n", c.code.c_str(), c.parent.c_str(),
                c.confidence.c_str(), c.name_en.c_str(), c.name_zh.c_str(),
                c.opt_in ? "  [opt-in]" : "");
  }
  if (!o.all) std::printf("(opt-in low-confidence candidates hidden: use --all)\n");
  return kExitOk;
}

// ---- trade modes and enterprise types
// -------------------------------------------------------------

int Modes(const RefOptions& o) {
  TRADESTAT_ASSIGN_OR_RETURN_CLI(auto ref, GetReference(o));
  const auto& modes = ref->trade_modes();
  std::vector<const refdata::TradeMode*> list;
  if (!o.item.empty()) {
    const refdata::TradeMode* m = modes.Find(o.item);
    if (m == nullptr) return ReportError(modes.StatisticalCode(o.item).status());
    list.push_back(m);
  } else if (!o.search.empty()) {
    list = modes.Search(o.search);
  } else {
    for (const auto& m : modes.all()) list.push_back(&m);
  }
  if (o.json) {
    if (o.item.empty()) return PrintList(*ref, "modes", o);
    PrintJson(refdata::TradeModeJson(*list[0]));
    return kExitOk;
  }
  for (const auto* m : list) {
    std::printf("%-4s %-2s %-22s %s / %s\n", m->code.c_str(),
                m->stat_code.empty() ? "--" : m->stat_code.c_str(),
                std::string(refdata::TradeModeClassName(m->klass)).c_str(), m->name_en.c_str(),
                m->name_zh_short.c_str());
    if (!o.item.empty() && !m->note.empty()) std::printf("  %s\n", m->note.c_str());
  }
  if (o.item.empty())
    std::printf(
        "columns: code, statistical mode it counts under (-- = not in trade statistics), class\n");
  if (o.item.empty() && o.search.empty()) {
    std::printf("\nenterprise types (6th digit of the customs registration code):\n");
    for (const auto& e : ref->enterprise_types().all())
      std::printf("  %s %-8s %s / %s\n", e.code.c_str(), e.group.c_str(), e.name_en.c_str(),
                  e.name_zh.c_str());
  }
  return kExitOk;
}

// ---- import and check
// ------------------------------------------------------------------------------

/// The kind of a user file from its header columns, or empty.
std::string GuessKind(const std::string& content) {
  for (std::string_view line : core::Split(content, '\n')) {
    std::string_view t = core::Trim(line);
    if (t.empty() || t.front() == '#') continue;
    std::string header = core::ToLower(t);
    if (header.find("group_code") != std::string::npos &&
        header.find("region_code") != std::string::npos)
      return "region_groups";
    if (header.find("group_code") != std::string::npos) return "groups";
    if (header.find("category_code") != std::string::npos) return "categories";
    if (header.find("hscode") != std::string::npos) return "hs";
    if (header.find("_per_") != std::string::npos) return "exchange_rates";
    return "";
  }
  return "";
}

int Import(const std::string& kind, const std::string& file, const std::string& store_path) {
  auto content = core::ReadFileToString(file);
  if (!content.ok()) return ReportError(content.status());
  RefOptions o;
  o.store = store_path;
  auto ref = GetReference(o);
  if (!ref.ok()) return ReportError(ref.status());
  // Validate against the store's current reference data first: nothing is registered on error.
  core::Status st = (*ref)->Check(kind, file, *content);
  if (!st.ok()) return ReportError(st);
  st = store::RegisterReferenceFile(store_path, kind, file, *content);
  if (!st.ok()) return ReportError(st);
  std::printf("registered %s file %s in %s\n", kind.c_str(), file.c_str(), store_path.c_str());
  return kExitOk;
}

int Check(const std::vector<std::string>& files, const std::string& kind_option,
          const std::string& store) {
  RefOptions o;
  o.store = store;
  auto ref = GetReference(o);
  if (!ref.ok()) return ReportError(ref.status());
  int failed = 0;
  for (const std::string& file : files) {
    auto content = core::ReadFileToString(file);
    if (!content.ok()) {
      std::fprintf(stderr, "%s\n", content.status().message().c_str());
      ++failed;
      continue;
    }
    std::string kind = kind_option.empty() ? GuessKind(*content) : kind_option;
    if (kind.empty()) {
      std::fprintf(stderr,
                   "%s:1:1: cannot tell the kind of file from its header (expected group_code, "
                   "category_code, hscode or region_code columns); pass --kind\n",
                   file.c_str());
      ++failed;
      continue;
    }
    core::Status st = (*ref)->Check(kind, file, *content);
    if (st.ok()) {
      std::printf("%s: ok (%s)\n", file.c_str(), kind.c_str());
    } else {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      ++failed;
    }
  }
  return failed == 0 ? kExitOk : kExitFailure;
}

void AddListOptions(CLI::App* cmd, RefOptions& o, bool with_at) {
  cmd->add_option("ITEM", o.item, "Show one item (a code or an exact name)");
  cmd->add_option("--search", o.search,
                  "List items whose code or English/Chinese name contains TEXT");
  if (with_at)
    cmd->add_option("--at", o.at, "Month YYYY-MM: members, prefixes or edition as of its end");
  cmd->add_flag("--json", o.json, "Print JSON");
  cmd->add_option("--store", o.store, "Include the reference files registered in this store");
}

void AddImport(CLI::App* parent, CommandResult& result, const std::string& kind_hint,
               bool with_edition) {
  struct ImportOptions {
    std::string file, store, edition;
  };
  auto io = std::make_shared<ImportOptions>();
  CLI::App* imp = parent->add_subcommand(
      "import", "Validate FILE and register it in STORE (later files override)");
  imp->add_option("FILE", io->file, "CSV file (format: docs/refdata.md)")->required();
  imp->add_option("--store", io->store, "Store directory")->required();
  if (with_edition)
    imp->add_option("--edition", io->edition,
                    "HS edition of the file: HS2022 (default), HS2017, HS2012");
  imp->callback([&result, io, kind_hint] {
    std::string kind = kind_hint;
    if (kind == "hs" && !io->edition.empty()) {
      auto e = refdata::ParseHsEdition(io->edition);
      if (!e.ok()) {
        result.exit_code = ReportError(e.status());
        return;
      }
      if (*e != refdata::HsEdition::kHs2022) kind = core::ToLower(refdata::HsEditionName(*e));
    }
    result.exit_code = Import(kind, io->file, io->store);
  });
}

}  // namespace

void RegisterRefCommand(CLI::App& app, CommandResult& result) {
  CLI::App* ref = app.add_subcommand(
      "ref", "Reference data: countries, partner groups, regions, HS, categories, trade modes");
  ref->require_subcommand(1);

  struct Lists {
    RefOptions countries, groups, regions, hs, categories, modes;
  };
  auto opts = std::make_shared<Lists>();

  auto add = [&](const std::string& name, const std::string& description, RefOptions& o,
                 bool with_at, int (*action)(const RefOptions&)) {
    CLI::App* cmd = ref->add_subcommand(name, description);
    AddListOptions(cmd, o, with_at);
    cmd->callback([&result, &o, cmd, action, opts] {
      // A nested `import` subcommand has already set the exit code.
      for (CLI::App* sub : cmd->get_subcommands())
        if (sub->parsed()) return;
      result.exit_code = action(o);
    });
    return cmd;
  };
  add("countries", "Countries and partners; ITEM may be customs:116 or comtrade:842",
      opts->countries, true, Countries);
  CLI::App* groups =
      add("groups", "Partner groups with dated membership", opts->groups, true, Groups);
  AddImport(groups, result, "groups", false);
  CLI::App* regions = add("regions", "Domestic regions (GB/T 2260) and region groups",
                          opts->regions, false, Regions);
  CLI::App* region_groups =
      ref->add_subcommand("region-groups", "Region groups: import a user file");
  region_groups->require_subcommand(1);
  AddImport(region_groups, result, "region_groups", false);
  CLI::App* rates = ref->add_subcommand(
      "exchange-rates", "Monthly exchange rates for query --currency: import a user file");
  rates->require_subcommand(1);
  AddImport(rates, result, "exchange_rates", false);
  (void)regions;
  CLI::App* hs = add("hs", "HS sections, chapters and headings", opts->hs, true, Hs);
  hs->add_option("--edition", opts->hs.edition, "HS2022 (default), HS2017 or HS2012");
  AddImport(hs, result, "hs", true);
  CLI::App* cats = add("categories", "Product categories as HS prefixes per edition",
                       opts->categories, true, Categories);
  cats->add_option("--edition", opts->categories.edition, "Show one HS edition only");
  cats->add_flag("--all", opts->categories.all,
                 "Include opt-in low-confidence candidate categories");
  AddImport(cats, result, "categories", false);
  add("modes", "Trade modes (statistical and supervision codes) and enterprise types", opts->modes,
      false, Modes);

  struct CheckOptions {
    std::vector<std::string> files;
    std::string kind, store;
  };
  auto co = std::make_shared<CheckOptions>();
  CLI::App* check = ref->add_subcommand(
      "check", "Validate user reference files: file:line:column: what is wrong");
  check->add_option("FILE", co->files, "Files to check")->required();
  check->add_option("--kind", co->kind,
                    "groups, categories, hs, hs2017, hs2012, region_groups or exchange_rates "
                    "(default: from the header)");
  check->add_option("--store", co->store,
                    "Check against a store's reference data (user parents, groups)");
  check->callback([&result, co] { result.exit_code = Check(co->files, co->kind, co->store); });
}

}  // namespace tradestat::cli
