// bulletin/spec.cc: TOML -> BulletinSpec. toml++ throws on parse errors; this is the edge that
// catches them (docs/architecture.md: library exceptions are caught where the library is called).
#include "bulletin/spec.h"

#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "bulletin/default_spec.h"

namespace tradestat::bulletin {
namespace {

using core::Status;

const std::set<std::string, std::less<>> kSectionIds = {"headline", "flows", "partners", "regions",
                                                        "products", "new3",  "modes",    "levels"};

std::string Where(const toml::node& node, std::string_view name) {
  const auto& src = node.source();
  return fmt::format("{}:{}:{}", name, src.begin.line, src.begin.column);
}

// A wording is either a string (both languages) or a table {en = "...", zh = "..."}.
core::Result<Wording> ReadWording(const toml::node* node, std::string_view name,
                                  std::string_view key) {
  Wording w;
  if (node == nullptr) return w;
  if (auto s = node->value<std::string>()) {
    w.en = w.zh = *s;
    return w;
  }
  if (const toml::table* t = node->as_table()) {
    for (auto&& [k, v] : *t) {
      auto s = v.value<std::string>();
      if (!s || (k.str() != "en" && k.str() != "zh"))
        return Status::InvalidArgument(fmt::format(
            "{}: {}.{}: expected en = \"text\" or zh = \"text\"", Where(v, name), key, k.str()));
      (k.str() == "en" ? w.en : w.zh) = *s;
    }
    return w;
  }
  return Status::InvalidArgument(fmt::format(
      "{}: {}: expected a string or {{ en = \"...\", zh = \"...\" }}", Where(*node, name), key));
}

core::Status ReadWordingMap(const toml::table* t, std::string_view name, std::string_view key,
                            std::map<std::string, Wording>* out) {
  if (t == nullptr) return Status::Ok();
  for (auto&& [k, v] : *t) {
    TRADESTAT_ASSIGN_OR_RETURN(Wording w,
                               ReadWording(&v, name, fmt::format("{}.{}", key, k.str())));
    (*out)[std::string(k.str())] = w;
  }
  return Status::Ok();
}

core::Result<std::vector<std::string>> ReadStrings(const toml::node* node, std::string_view name,
                                                   std::string_view key) {
  std::vector<std::string> out;
  if (node == nullptr) return out;
  const toml::array* a = node->as_array();
  if (a == nullptr)
    return Status::InvalidArgument(
        fmt::format("{}: {}: expected an array of strings", Where(*node, name), key));
  for (const toml::node& e : *a) {
    auto s = e.value<std::string>();
    if (!s)
      return Status::InvalidArgument(fmt::format("{}: {}: expected a string", Where(e, name), key));
    out.push_back(*s);
  }
  return out;
}

core::Result<std::vector<Item>> ReadItems(const toml::node* node, std::string_view name,
                                          std::string_view key) {
  std::vector<Item> out;
  if (node == nullptr) return out;
  const toml::array* a = node->as_array();
  if (a == nullptr)
    return Status::InvalidArgument(
        fmt::format("{}: {}: expected [[{}]] tables", Where(*node, name), key, key));
  for (const toml::node& e : *a) {
    const toml::table* t = e.as_table();
    if (t == nullptr)
      return Status::InvalidArgument(fmt::format("{}: {}: expected a table", Where(e, name), key));
    Item item;
    item.code = (*t)["code"].value_or(std::string());
    item.where = (*t)["where"].value_or(std::string());
    item.show = (*t)["show"].value_or(item.show);
    TRADESTAT_ASSIGN_OR_RETURN(item.name,
                               ReadWording(t->get("name"), name, fmt::format("{}.name", key)));
    TRADESTAT_ASSIGN_OR_RETURN(item.label,
                               ReadWording(t->get("label"), name, fmt::format("{}.label", key)));
    if (item.label.empty()) item.label = item.name;
    if (item.where.find('=') == std::string::npos)
      return Status::InvalidArgument(fmt::format(
          "{}: {}: where = \"DIM=VALUE[,VALUE...]\" is required (a tradestat query --where filter)",
          Where(e, name), key));
    if (item.code.empty()) item.code = item.where.substr(item.where.find('=') + 1);
    out.push_back(std::move(item));
  }
  return out;
}

core::Result<BulletinSpec> FromTable(const toml::table& root, std::string_view name) {
  BulletinSpec s;
  const toml::node_view<const toml::node> r{root};
  if (const toml::table* b = root["bulletin"].as_table()) {
    TRADESTAT_ASSIGN_OR_RETURN(s.title, ReadWording(b->get("title"), name, "bulletin.title"));
    TRADESTAT_ASSIGN_OR_RETURN(s.issuer, ReadWording(b->get("issuer"), name, "bulletin.issuer"));
    if (s.issuer.empty()) {
      TRADESTAT_ASSIGN_OR_RETURN(s.issuer, ReadWording(b->get("source"), name, "bulletin.source"));
    }
    s.benchmark = (*b)["benchmark"].value_or(std::string());
    s.record_min_years = static_cast<int>((*b)["record_min_years"].value_or(int64_t{3}));
    if (s.record_min_years < 1 || s.record_min_years > 100)
      return Status::InvalidArgument(
          fmt::format("{}: bulletin.record_min_years must be 1..100", name));
    TRADESTAT_ASSIGN_OR_RETURN(s.reporter,
                               ReadWording(b->get("reporter"), name, "bulletin.reporter"));
    s.date = (*b)["date"].value_or(std::string());
    s.trim_zeros = (*b)["trim_zeros"].value_or(true);
    s.trim_percent_zeros = (*b)["trim_percent_zeros"].value_or(false);
    TRADESTAT_ASSIGN_OR_RETURN(s.sections,
                               ReadStrings(b->get("sections"), name, "bulletin.sections"));
  }
  TRADESTAT_RETURN_IF_ERROR(ReadWordingMap(root["titles"].as_table(), name, "titles", &s.titles));
  TRADESTAT_RETURN_IF_ERROR(ReadWordingMap(root["names"].as_table(), name, "names", &s.names));
  TRADESTAT_RETURN_IF_ERROR(ReadWordingMap(root["texts"].as_table(), name, "texts", &s.texts));
  if (const toml::table* p = root["partners"].as_table()) {
    TRADESTAT_ASSIGN_OR_RETURN(s.units, ReadStrings(p->get("units"), name, "partners.units"));
    s.top = static_cast<int>((*p)["top"].value_or(int64_t{3}));
    s.chart_top = static_cast<int>((*p)["chart_top"].value_or(int64_t{10}));
    TRADESTAT_ASSIGN_OR_RETURN(s.partner_groups,
                               ReadItems(p->get("groups"), name, "partners.groups"));
  }
  if (const toml::table* g = root["regions"].as_table()) {
    TRADESTAT_ASSIGN_OR_RETURN(s.subregions,
                               ReadStrings(g->get("subregions"), name, "regions.subregions"));
    TRADESTAT_RETURN_IF_ERROR(
        ReadWordingMap((*g)["names"].as_table(), name, "regions.names", &s.subregion_names));
    s.leading = static_cast<int>((*g)["leading"].value_or(int64_t{3}));
    if (s.leading < 0 || s.leading > 10)
      return Status::InvalidArgument(fmt::format("{}: regions.leading must be 0..10", name));
  }
  if (const toml::table* p = root["products"].as_table()) {
    s.product_flow = (*p)["flow"].value_or(std::string("X"));
    TRADESTAT_ASSIGN_OR_RETURN(s.product_shares,
                               ReadItems(p->get("shares"), name, "products.shares"));
    TRADESTAT_ASSIGN_OR_RETURN(s.product_growth,
                               ReadItems(p->get("growth"), name, "products.growth"));
    TRADESTAT_ASSIGN_OR_RETURN(s.growth_intro,
                               ReadWording(p->get("growth_intro"), name, "products.growth_intro"));
  }
  if (const toml::table* m = root["modes"].as_table()) {
    TRADESTAT_ASSIGN_OR_RETURN(s.trade_modes, ReadItems(m->get("trade"), name, "modes.trade"));
    TRADESTAT_ASSIGN_OR_RETURN(s.enterprises,
                               ReadItems(m->get("enterprises"), name, "modes.enterprises"));
  }
  if (s.sections.empty())
    return Status::InvalidArgument(
        fmt::format("{}: [bulletin] sections = [...] is required; known: "
                    "headline, flows, levels, partners, regions, products, new3, "
                    "modes, or a key of [texts]",
                    name));
  for (const std::string& id : s.sections)
    if (!kSectionIds.count(id) && !s.texts.count(id))
      return Status::InvalidArgument(
          fmt::format("{}: section \"{}\" is neither built in (headline, flows, levels, partners, "
                      "regions, products, "
                      "new3, modes) nor a paragraph of [texts]",
                      name, id));
  if (s.top < 1 || s.top > 20 || s.chart_top < s.top)
    return Status::InvalidArgument(
        fmt::format("{}: partners.top must be 1..20 and chart_top >= top", name));
  return s;
}

}  // namespace

std::string_view BulletinSpec::DefaultText() { return kDefaultSpecToml; }

core::Result<BulletinSpec> BulletinSpec::Default() {
  return Parse(DefaultText(), "default_spec.toml");
}

core::Result<BulletinSpec> BulletinSpec::Parse(std::string_view text, std::string_view name) {
  try {
    toml::table root = toml::parse(text, name);
    return FromTable(root, name);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return Status::InvalidArgument(
        fmt::format("{}:{}:{}: {}", name, src.begin.line, src.begin.column, e.description()));
  }
}

}  // namespace tradestat::bulletin
