// refdata/countries.cc: loading the partner files and the code crosswalks.
#include "refdata/countries.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/strings.h"
#include "refdata/internal/csv_table.h"
#include "refdata/internal/text.h"

namespace tradestat::refdata {

using internal::CsvTable;

namespace {

core::Result<PartnerKind> ParseKind(std::string_view s) {
  if (s == "special") return PartnerKind::kSpecial;
  if (s == "residual") return PartnerKind::kResidual;
  if (s == "non_iso") return PartnerKind::kNonIso;
  if (s == "former") return PartnerKind::kFormer;
  if (s == "iso") return PartnerKind::kIso;
  if (s == "group") return PartnerKind::kGroup;
  return core::Status::InvalidArgument("expected special, residual, non_iso, former, group or iso");
}

// "4" -> "004"; empty if not 1-3 digits.
std::string PadNumeric(std::string_view s) {
  if (s.empty() || s.size() > 3 || !core::IsDigits(s)) return {};
  return std::string(3 - s.size(), '0') + std::string(s);
}

}  // namespace

Country* Countries::FindMutable(std::string_view code) {
  for (auto& c : countries_)
    if (c.code == code) return &c;
  return nullptr;
}

const Country* Countries::Find(std::string_view code) const {
  auto it = by_key_.find(std::string(code));
  if (it == by_key_.end()) return nullptr;
  const Country& c = countries_[it->second];
  return c.code == code ? &c : nullptr;
}

core::Status Countries::LoadIso(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(
      t.RequireColumns({"alpha3", "alpha2", "numeric", "name_en", "name_zh"}));
  int a3 = t.Column("alpha3"), a2 = t.Column("alpha2"), num = t.Column("numeric"),
      en = t.Column("name_en"), zh = t.Column("name_zh"), off = t.Column("official_name_en");
  for (const auto& row : t.rows()) {
    Country c;
    c.code = t.Get(row, a3);
    c.alpha2 = t.Get(row, a2);
    c.numeric = t.Get(row, num);
    c.name_en = t.Get(row, en);
    c.name_zh = t.Get(row, zh);
    c.official_name_en = t.Get(row, off);
    c.comtrade_code = c.numeric.empty() ? "" : std::to_string(std::stoi(c.numeric));
    if (c.code.size() != 3) return t.ErrorAt(row, a3, "expected a 3-letter ISO code");
    countries_.push_back(std::move(c));
  }
  return core::Status::Ok();
}

core::Status Countries::LoadExtra(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"code", "name_en", "name_zh", "kind"}));
  int code = t.Column("code"), en = t.Column("name_en"), zh = t.Column("name_zh"),
      kind = t.Column("kind"), note = t.Column("note");
  for (const auto& row : t.rows()) {
    Country c;
    c.code = t.Get(row, code);
    c.name_en = t.Get(row, en);
    c.name_zh = t.Get(row, zh);
    c.note = t.Get(row, note);
    auto k = ParseKind(t.Get(row, kind));
    if (!k.ok()) return t.ErrorAt(row, kind, k.status().message());
    c.kind = *k;
    c.is_special = c.kind == PartnerKind::kSpecial || c.kind == PartnerKind::kResidual ||
                   c.kind == PartnerKind::kGroup;
    countries_.push_back(std::move(c));
  }
  return core::Status::Ok();
}

core::Status Countries::LoadCustomsCodes(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"customs_code", "partner", "name_zh", "alias"}));
  int code = t.Column("customs_code"), partner = t.Column("partner"), alias = t.Column("alias"),
      name = t.Column("name_zh");
  for (const auto& row : t.rows()) {
    Country* c = FindMutable(t.Get(row, partner));
    if (c == nullptr) return t.ErrorAt(row, partner, "unknown partner code");
    std::string cc(t.Get(row, code));
    if (t.Get(row, alias) == "yes") {
      c->customs_codes.push_back(cc);
    } else {
      c->customs_codes.insert(c->customs_codes.begin(), cc);
      // Chinese bulletins use the customs names (韩国, not 大韩民国); keep the ISO one searchable.
      std::string_view zh = t.Get(row, name);
      if (!zh.empty() && zh != c->name_zh) {
        if (c->kind == PartnerKind::kIso) c->name_zh_iso = c->name_zh;
        c->name_zh = zh;
      }
    }
    if (!by_customs_.emplace(cc, 0).second) return t.ErrorAt(row, code, "duplicate customs code");
  }
  return core::Status::Ok();
}

core::Status Countries::LoadComtradeCodes(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"comtrade_code", "partner"}));
  int code = t.Column("comtrade_code"), partner = t.Column("partner"), text = t.Column("text_code"),
      alias = t.Column("alias");
  for (const auto& row : t.rows()) {
    Country* c = FindMutable(t.Get(row, partner));
    if (c == nullptr) return t.ErrorAt(row, partner, "unknown partner code");
    std::string cc(t.Get(row, code));
    if (alias >= 0 && t.Get(row, alias) == "yes") {
      c->comtrade_aliases.push_back(cc);
    } else {
      // A country's ISO numeric code stays accepted beside Comtrade's own (250 and 251 France).
      if (!c->comtrade_code.empty() && c->comtrade_code != cc)
        c->comtrade_aliases.push_back(c->comtrade_code);
      c->comtrade_code = cc;
    }
    if (text >= 0) {
      std::string tc = core::ToUpper(core::Trim(t.Get(row, text)));
      if (!tc.empty() && c->comtrade_text.empty() && alias >= 0 && t.Get(row, alias) != "yes")
        c->comtrade_text = tc;
      if (!tc.empty()) comtrade_text_rows_.emplace_back(tc, c->code);
    }
  }
  return core::Status::Ok();
}

void Countries::Finish() {
  std::sort(countries_.begin(), countries_.end(),
            [](const Country& a, const Country& b) { return a.code < b.code; });
  by_key_.clear();
  by_customs_.clear();
  by_comtrade_.clear();
  for (size_t i = 0; i < countries_.size(); ++i) {
    const Country& c = countries_[i];
    by_key_.emplace(c.code, i);
    if (!c.alpha2.empty()) by_key_.emplace(c.alpha2, i);
    if (!c.numeric.empty()) by_key_.emplace(c.numeric, i);
    for (const auto& cc : c.customs_codes) by_customs_.emplace(cc, i);
    for (const auto& a : c.comtrade_aliases) by_comtrade_.emplace(a, i);
  }
  // Primary Comtrade codes win over aliases and ISO numeric defaults (492 is Comtrade's
  // "Europe EU, nes", not Monaco).
  for (size_t i = 0; i < countries_.size(); ++i)
    if (!countries_[i].comtrade_code.empty()) by_comtrade_[countries_[i].comtrade_code] = i;
  for (const auto& [text, code] : comtrade_text_rows_) {
    for (size_t i = 0; i < countries_.size(); ++i)
      if (countries_[i].code == code) by_comtrade_text_.emplace(text, i);
  }
  // Names last, so that a code never loses to a name; names are matched lower-cased.
  for (size_t i = 0; i < countries_.size(); ++i) {
    const Country& c = countries_[i];
    for (const std::string* n : {&c.name_en, &c.name_zh, &c.name_zh_iso, &c.official_name_en})
      if (!n->empty()) by_key_.emplace("name:" + core::ToLower(*n), i);
  }
}

core::Result<std::string> Countries::Normalize(std::string_view text) const {
  std::string_view t = core::Trim(text);
  std::string key;
  if (core::IsDigits(t)) {
    key = PadNumeric(t);
  } else if (t.size() == 2 || t.size() == 3) {
    key = core::ToUpper(t);
  }
  if (!key.empty()) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return countries_[it->second].code;
  }
  if (!t.empty() && !core::IsDigits(t)) {
    auto it = by_key_.find("name:" + core::ToLower(t));
    if (it != by_key_.end()) return countries_[it->second].code;
  }
  std::string hint;
  if (core::IsDigits(t)) {
    auto cc = by_customs_.find(std::string(t));
    auto ct = by_comtrade_.find(std::string(t));
    if (ct != by_comtrade_.end() && countries_[ct->second].numeric != key)
      hint += fmt::format(" ({} is the UN Comtrade code of {}: use the Comtrade crosswalk)", t,
                          countries_[ct->second].code);
    else if (cc != by_customs_.end())
      hint += fmt::format(" (as a China customs code {} would be {}: use the customs crosswalk)", t,
                          countries_[cc->second].code);
  }
  return core::Status::NotFound(
      fmt::format("unknown partner \"{}\": expected an ISO 3166-1 code (alpha-3 CHN, alpha-2 CN or "
                  "numeric 156), a "
                  "tradestat special code (WLD world, ZZZ unknown, XNS not specified ...) or an "
                  "exact country name{}",
                  core::MessageExcerpt(text), hint));
}

core::Result<std::string> Countries::FromCustomsCode(std::string_view code) const {
  std::string_view t = core::Trim(code);
  auto it = by_customs_.find(std::string(t));
  if (it != by_customs_.end()) return countries_[it->second].code;
  if (t.size() == 3 && core::IsDigits(t) && t[1] == '0' && t[2] == '0')
    return core::Status::NotFound(
        fmt::format("China customs code {} is a continent total, not a partner: use a partner "
                    "group (AFRICA, LATAM ...)",
                    t));
  return core::Status::NotFound(
      fmt::format("unknown China customs partner code \"{}\": expected a 3-digit code such as 116 "
                  "(Japan), 133 (Korea) or "
                  "502 (USA)",
                  core::MessageExcerpt(code)));
}

core::Result<std::string> Countries::FromComtradeCode(std::string_view code) const {
  std::string_view t = core::Trim(code);
  if (!t.empty() && !core::IsDigits(t) && t.size() <= 3) {
    auto it = by_comtrade_text_.find(core::ToUpper(t));
    if (it != by_comtrade_text_.end()) return countries_[it->second].code;
  }
  if (!core::IsDigits(t) || t.empty() || t.size() > 3)
    return core::Status::NotFound(
        fmt::format("not a UN Comtrade area code \"{}\": expected 1-3 digits such as 842 (USA) or "
                    "251 (France), or a "
                    "Comtrade text code (W00, EUR, ZA1, _X)",
                    core::MessageExcerpt(code)));
  std::string stripped = std::to_string(std::stoi(std::string(t)));
  auto it = by_comtrade_.find(stripped);
  if (it != by_comtrade_.end()) return countries_[it->second].code;
  return core::Status::NotFound(
      fmt::format("unknown UN Comtrade area code \"{}\" (nearest known: {})",
                  core::MessageExcerpt(code), NearestComtradeCodes(t)));
}

std::string Countries::NearestComtradeCodes(std::string_view code) const {
  int want =
      core::IsDigits(code) && !code.empty() && code.size() <= 6 ? std::stoi(std::string(code)) : 0;
  std::vector<std::pair<int, std::string>> all;
  for (const auto& [c, i] : by_comtrade_)
    all.emplace_back(std::stoi(c), c + " " + countries_[i].code);
  std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
    int da = std::abs(a.first - want), db = std::abs(b.first - want);
    return da != db ? da < db : a.first < b.first;
  });
  std::string out;
  for (size_t k = 0; k < all.size() && k < 3; ++k) out += (k ? ", " : "") + all[k].second;
  return out;
}

std::string Countries::CustomsCodeOf(std::string_view code) const {
  const Country* c = Find(code);
  return c == nullptr || c->customs_codes.empty() ? std::string() : c->customs_codes.front();
}

std::string Countries::ComtradeCodeOf(std::string_view code) const {
  const Country* c = Find(code);
  return c == nullptr ? std::string() : c->comtrade_code;
}

bool Countries::IsSpecial(std::string_view code) const {
  const Country* c = Find(code);
  return c != nullptr && c->is_special;
}

std::vector<const Country*> Countries::Search(std::string_view text) const {
  std::vector<const Country*> out;
  std::string_view t = core::Trim(text);
  for (const Country& c : countries_) {
    bool hit = internal::ContainsFolded(c.code, t) ||
               (!c.alpha2.empty() && internal::ContainsFolded(c.alpha2, t)) ||
               (!c.numeric.empty() && c.numeric == PadNumeric(t)) ||
               internal::ContainsFolded(c.name_en, t) || internal::ContainsFolded(c.name_zh, t) ||
               internal::ContainsFolded(c.name_zh_iso, t) ||
               internal::ContainsFolded(c.official_name_en, t);
    for (const auto& cc : c.customs_codes) hit = hit || cc == t;
    if (hit) out.push_back(&c);
  }
  return out;
}

}  // namespace tradestat::refdata
