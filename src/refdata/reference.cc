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

core::Result<std::shared_ptr<Reference>> Reference::LoadBuiltin() {
  auto ref = std::make_shared<Reference>();
  Countries& c = ref->countries_;
  TRADESTAT_RETURN_IF_ERROR(c.LoadIso(Embedded("countries.csv"), "countries.csv"));
  TRADESTAT_RETURN_IF_ERROR(c.LoadExtra(Embedded("partners_extra.csv"), "partners_extra.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      c.LoadCustomsCodes(Embedded("customs_partner_codes.csv"), "customs_partner_codes.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      c.LoadComtradeCodes(Embedded("comtrade_codes.csv"), "comtrade_codes.csv"));
  c.Finish();
  TRADESTAT_ASSIGN_OR_RETURN(
      auto groups, Groups::ParseCsv(Embedded("partner_groups.csv"), "partner_groups.csv", c));
  for (Group& g : groups) g.source = "builtin";
  ref->groups_.Merge(std::move(groups));
  TRADESTAT_RETURN_IF_ERROR(ref->regions_.LoadRegions(Embedded("regions.csv"), "regions.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      ref->regions_.LoadGroups(Embedded("region_groups.csv"), "region_groups.csv"));
  TRADESTAT_RETURN_IF_ERROR(ref->hs_.LoadSections(Embedded("hs_sections.csv"), "hs_sections.csv"));
  TRADESTAT_RETURN_IF_ERROR(ref->hs_.LoadChapters(Embedded("hs_chapters.csv"), "hs_chapters.csv"));
  TRADESTAT_ASSIGN_OR_RETURN(auto headings,
                             Nomenclature::ParseHarmonizedSystemCsv(Embedded("hs2022_headings.csv"),
                                                                    "hs2022_headings.csv"));
  ref->hs_.Merge(HsEdition::kHs2022, std::move(headings));
  TRADESTAT_ASSIGN_OR_RETURN(auto cats,
                             Categories::ParseCsv(Embedded("categories.csv"), "categories.csv"));
  for (Category& cat : cats) cat.source = "builtin";
  TRADESTAT_RETURN_IF_ERROR(ref->categories_.Merge(std::move(cats)));
  TRADESTAT_RETURN_IF_ERROR(ref->trade_modes_.Load(Embedded("trade_modes.csv"), "trade_modes.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      ref->enterprise_types_.Load(Embedded("enterprise_types.csv"), "enterprise_types.csv"));
  TRADESTAT_RETURN_IF_ERROR(
      ref->exchange_rates_.Load(Embedded("exchange_rates.csv"), "exchange_rates.csv",
                                "built-in exchange_rates.csv: US Federal Reserve H.10 monthly averages (FRED EXCHUS)"));
  return ref;
}

const Reference& Reference::Builtin() {
  // A function-local static is initialised once, thread-safely (C++11 "magic statics").
  static const std::shared_ptr<Reference> builtin = [] {
    auto r = LoadBuiltin();
    if (!r.ok()) {
      std::fprintf(stderr, "tradestat: built-in reference data is broken: %s\n",
                   r.status().ToString().c_str());
      std::abort();
    }
    return *r;
  }();
  return *builtin;
}

core::Status Reference::Apply(const ReferenceFile& file) {
  const std::string kind = core::ToLower(core::Trim(file.kind));
  if (kind == "groups") {
    TRADESTAT_ASSIGN_OR_RETURN(auto groups, Groups::ParseCsv(file.content, file.name, countries_));
    groups_.Merge(std::move(groups));
    return core::Status::Ok();
  }
  if (kind == "categories") {
    TRADESTAT_ASSIGN_OR_RETURN(auto cats, Categories::ParseCsv(file.content, file.name));
    return categories_.Merge(std::move(cats));
  }
  if (kind == "hs" || kind == "hs2022" || kind == "hs2017" || kind == "hs2012") {
    HsEdition edition = kind == "hs2017"   ? HsEdition::kHs2017
                        : kind == "hs2012" ? HsEdition::kHs2012
                                           : HsEdition::kHs2022;
    TRADESTAT_ASSIGN_OR_RETURN(auto items,
                               Nomenclature::ParseHarmonizedSystemCsv(file.content, file.name));
    hs_.Merge(edition, std::move(items));
    return core::Status::Ok();
  }
  if (kind == "region_groups") return regions_.LoadGroups(file.content, file.name);
  if (kind == "exchange_rates") return exchange_rates_.Load(file.content, file.name);
  std::string kinds;
  for (auto k : OverrideKinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k);
  return core::Status::InvalidArgument(fmt::format(
      "{}: unknown reference file kind \"{}\": expected one of {}", file.name, core::MessageExcerpt(file.kind), kinds));
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
  return countries_.Normalize(text);
}

core::Result<std::string> Reference::PartnerFromCustomsCode(std::string_view code) const {
  return countries_.FromCustomsCode(code);
}

core::Result<std::string> Reference::PartnerFromComtradeCode(std::string_view code) const {
  return countries_.FromComtradeCode(code);
}

core::Result<std::string> Reference::NormalizeReporter(std::string_view text) const {
  std::string_view t = core::Trim(text);
  if (core::IsDigits(t) && (t.size() == 6 || t.size() == 2)) return regions_.Normalize(t);
  auto region = regions_.Normalize(t);
  if (region.ok()) return region;
  auto country = countries_.Normalize(t);
  if (country.ok()) {
    const Country* c = countries_.Find(*country);
    if (countries_.IsSpecial(*country) && !(c != nullptr && c->kind == PartnerKind::kGroup))
      return core::Status::InvalidArgument(fmt::format(
          "\"{}\" ({}) is not a country or region and cannot be a reporter", core::MessageExcerpt(text), *country));
    return country;
  }
  return core::Status::NotFound(
      fmt::format("unknown reporter \"{}\": expected a GB/T 2260 region code (6 digits, such as "
                  "110000, under a known province) or a country as ISO alpha-3 (CHN; alpha-2 CN and "
                  "numeric 156 accepted)",
                  core::MessageExcerpt(text)));
}

}  // namespace tradestat::refdata
