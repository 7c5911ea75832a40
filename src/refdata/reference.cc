// refdata/reference.cc: building the built-in Reference from the embedded files, and layering
// user files over it.
#include "refdata/reference.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

#include "core/strings.h"
#include "refdata/internal/embedded_data.h"

namespace tradestat::refdata {

namespace {

std::string_view Embedded(std::string_view name) { return internal::EmbeddedFileContent(name); }

}  // namespace

std::vector<std::string_view> OverrideKinds() {
  return {"groups", "categories", "hs", "hs2017", "hs2012", "region_groups", "exchange_rates"};
}

namespace {

// The built-in parts, each from its compiled-in files.
core::Result<Countries> BuiltinCountries() {
  Countries c;
  TRADESTAT_RETURN_IF_ERROR(c.LoadIso(Embedded("countries.csv"), "countries.csv"));
  TRADESTAT_RETURN_IF_ERROR(c.LoadExtra(Embedded("partners_extra.csv"), "partners_extra.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      c.LoadCustomsCodes(Embedded("customs_partner_codes.csv"), "customs_partner_codes.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      c.LoadComtradeCodes(Embedded("comtrade_codes.csv"), "comtrade_codes.csv"));
  c.Finish();
  return c;
}

core::Result<Groups> BuiltinGroups(const Countries& c) {
  TRADESTAT_ASSIGN_OR_RETURN(
      auto groups, Groups::ParseCsv(Embedded("partner_groups.csv"), "partner_groups.csv", c));
  for (Group& g : groups) g.source = "builtin";
  Groups out;
  out.Merge(std::move(groups));
  return out;
}

core::Result<Regions> BuiltinRegions() {
  Regions r;
  TRADESTAT_RETURN_IF_ERROR(r.LoadRegions(Embedded("regions.csv"), "regions.csv"));
  TRADESTAT_RETURN_IF_ERROR(r.LoadGroups(Embedded("region_groups.csv"), "region_groups.csv"));
  return r;
}

core::Result<Nomenclature> BuiltinHs() {
  Nomenclature hs;
  TRADESTAT_RETURN_IF_ERROR(hs.LoadSections(Embedded("hs_sections.csv"), "hs_sections.csv"));
  TRADESTAT_RETURN_IF_ERROR(hs.LoadChapters(Embedded("hs_chapters.csv"), "hs_chapters.csv"));
  TRADESTAT_ASSIGN_OR_RETURN(auto headings,
                             Nomenclature::ParseHarmonizedSystemCsv(Embedded("hs2022_headings.csv"),
                                                                    "hs2022_headings.csv"));
  hs.Merge(HsEdition::kHs2022, std::move(headings));
  return hs;
}

core::Result<Categories> BuiltinCategories() {
  TRADESTAT_ASSIGN_OR_RETURN(auto cats,
                             Categories::ParseCsv(Embedded("categories.csv"), "categories.csv"));
  for (Category& cat : cats) cat.source = "builtin";
  Categories out;
  TRADESTAT_RETURN_IF_ERROR(out.Merge(std::move(cats)));
  return out;
}

core::Result<TradeModes> BuiltinTradeModes() {
  TradeModes m;
  TRADESTAT_RETURN_IF_ERROR(m.Load(Embedded("trade_modes.csv"), "trade_modes.csv"));
  return m;
}

core::Result<EnterpriseTypes> BuiltinEnterpriseTypes() {
  EnterpriseTypes e;
  TRADESTAT_RETURN_IF_ERROR(e.Load(Embedded("enterprise_types.csv"), "enterprise_types.csv"));
  return e;
}

core::Result<ExchangeRates> BuiltinExchangeRates() {
  ExchangeRates r;
  TRADESTAT_RETURN_IF_ERROR(r.Load(
      Embedded("exchange_rates.csv"), "exchange_rates.csv",
      "built-in exchange_rates.csv: US Federal Reserve H.10 monthly averages (FRED EXCHUS)"));
  return r;
}

// A built-in part parsed lazily: its files are compiled in and tested, so failing is a broken
// build, reported and aborted as before parts were lazy.
template <typename T>
T Must(core::Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "tradestat: built-in reference data is broken: %s\n",
                 r.status().ToString().c_str());
    std::abort();
  }
  return std::move(*r);
}

}  // namespace

const Countries& Reference::countries() const {
  return countries_.Get([] { return Must(BuiltinCountries()); });
}
const Groups& Reference::groups() const {
  return groups_.Get([this] { return Must(BuiltinGroups(countries())); });
}
const Regions& Reference::regions() const {
  return regions_.Get([] { return Must(BuiltinRegions()); });
}
const Nomenclature& Reference::hs() const {
  return hs_.Get([] { return Must(BuiltinHs()); });
}
const Categories& Reference::categories() const {
  return categories_.Get([] { return Must(BuiltinCategories()); });
}
const TradeModes& Reference::trade_modes() const {
  return trade_modes_.Get([] { return Must(BuiltinTradeModes()); });
}
const EnterpriseTypes& Reference::enterprise_types() const {
  return enterprise_types_.Get([] { return Must(BuiltinEnterpriseTypes()); });
}
const ExchangeRates& Reference::exchange_rates() const {
  return exchange_rates_.Get([] { return Must(BuiltinExchangeRates()); });
}

core::Result<std::shared_ptr<Reference>> Reference::LoadBuiltin() {
  auto ref = std::make_shared<Reference>();
  TRADESTAT_ASSIGN_OR_RETURN(Countries c, BuiltinCountries());
  TRADESTAT_ASSIGN_OR_RETURN(Groups g, BuiltinGroups(c));
  TRADESTAT_ASSIGN_OR_RETURN(Regions r, BuiltinRegions());
  TRADESTAT_ASSIGN_OR_RETURN(Nomenclature hs, BuiltinHs());
  TRADESTAT_ASSIGN_OR_RETURN(Categories cats, BuiltinCategories());
  TRADESTAT_ASSIGN_OR_RETURN(TradeModes modes, BuiltinTradeModes());
  TRADESTAT_ASSIGN_OR_RETURN(EnterpriseTypes types, BuiltinEnterpriseTypes());
  TRADESTAT_ASSIGN_OR_RETURN(ExchangeRates rates, BuiltinExchangeRates());
  ref->countries_.Get([&] { return std::move(c); });
  ref->groups_.Get([&] { return std::move(g); });
  ref->regions_.Get([&] { return std::move(r); });
  ref->hs_.Get([&] { return std::move(hs); });
  ref->categories_.Get([&] { return std::move(cats); });
  ref->trade_modes_.Get([&] { return std::move(modes); });
  ref->enterprise_types_.Get([&] { return std::move(types); });
  ref->exchange_rates_.Get([&] { return std::move(rates); });
  return ref;
}

const Reference& Reference::Builtin() {
  // Nothing is parsed here: each part is parsed on its first use (LazyPart).
  static const Reference builtin;
  return builtin;
}

core::Status Reference::Apply(const ReferenceFile& file) {
  const std::string kind = core::ToLower(core::Trim(file.kind));
  if (kind == "groups") {
    TRADESTAT_ASSIGN_OR_RETURN(auto parsed, Groups::ParseCsv(file.content, file.name, countries()));
    groups();  // the built-in groups first: user files override them per group code
    groups_.Parsed().Merge(std::move(parsed));
    return core::Status::Ok();
  }
  if (kind == "categories") {
    TRADESTAT_ASSIGN_OR_RETURN(auto cats, Categories::ParseCsv(file.content, file.name));
    categories();  // the built-in ones first
    return categories_.Parsed().Merge(std::move(cats));
  }
  if (kind == "hs" || kind == "hs2022" || kind == "hs2017" || kind == "hs2012") {
    HsEdition edition = kind == "hs2017"   ? HsEdition::kHs2017
                        : kind == "hs2012" ? HsEdition::kHs2012
                                           : HsEdition::kHs2022;
    TRADESTAT_ASSIGN_OR_RETURN(auto items,
                               Nomenclature::ParseHarmonizedSystemCsv(file.content, file.name));
    hs();
    hs_.Parsed().Merge(edition, std::move(items));
    return core::Status::Ok();
  }
  if (kind == "region_groups") {
    regions();
    return regions_.Parsed().LoadGroups(file.content, file.name);
  }
  if (kind == "exchange_rates") {
    exchange_rates();
    return exchange_rates_.Parsed().Load(file.content, file.name);
  }
  std::string kinds;
  for (auto k : OverrideKinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
  return core::Status::InvalidArgument(
      fmt::format("{}: unknown reference file kind \"{}\": expected one of {}", file.name,
                  core::MessageExcerpt(file.kind), kinds));
}

core::Result<std::shared_ptr<const Reference>> Reference::WithOverrides(
    const std::vector<ReferenceFile>& files) {
  auto ref = std::make_shared<Reference>(Builtin());
  for (const ReferenceFile& f : files) TRADESTAT_RETURN_IF_ERROR(ref->Apply(f));
  return std::shared_ptr<const Reference>(std::move(ref));
}

core::Result<std::shared_ptr<const Reference>> Reference::WithOverrides(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<ReferenceFile> named;
  named.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i)
    named.push_back(ReferenceFile{files[i].first, fmt::format("{} file #{}", files[i].first, i + 1),
                                  files[i].second});
  return WithOverrides(named);
}

core::Status Reference::Check(std::string_view kind, std::string_view name,
                              std::string_view content) const {
  Reference scratch = *this;
  return scratch.Apply(ReferenceFile{std::string(kind), std::string(name), std::string(content)});
}

core::Result<std::string> Reference::NormalizePartner(std::string_view text) const {
  return countries().Normalize(text);
}

core::Result<std::string> Reference::PartnerFromCustomsCode(std::string_view code) const {
  return countries().FromCustomsCode(code);
}

core::Result<std::string> Reference::PartnerFromComtradeCode(std::string_view code) const {
  return countries().FromComtradeCode(code);
}

core::Result<std::string> Reference::NormalizeReporter(std::string_view text) const {
  std::string_view t = core::Trim(text);
  if (core::IsDigits(t) && (t.size() == 6 || t.size() == 2)) return regions().Normalize(t);
  auto region = regions().Normalize(t);
  if (region.ok()) return region;
  auto country = countries().Normalize(t);
  if (country.ok()) {
    const Country* c = countries().Find(*country);
    if (countries().IsSpecial(*country) && !(c != nullptr && c->kind == PartnerKind::kGroup))
      return core::Status::InvalidArgument(
          fmt::format("\"{}\" ({}) is not a country or region and cannot be a reporter",
                      core::MessageExcerpt(text), *country));
    return country;
  }
  return core::Status::NotFound(fmt::format(
      "unknown reporter \"{}\": expected a GB/T 2260 region code (6 digits, such as "
      "110000, under a known province) or a country as ISO alpha-3 (CHN; alpha-2 CN and "
      "numeric 156 accepted)",
      core::MessageExcerpt(text)));
}

}  // namespace tradestat::refdata
