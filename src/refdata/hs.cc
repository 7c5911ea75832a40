// refdata/hs.cc: HS editions, and loading/looking up sections, chapters and headings.
#include "refdata/hs.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/strings.h"
#include "refdata/internal/csv_table.h"
#include "refdata/internal/text.h"

namespace tradestat::refdata {

using internal::CsvTable;

std::string_view HsEditionName(HsEdition edition) {
  switch (edition) {
    case HsEdition::kHs2012: return "HS2012";
    case HsEdition::kHs2017: return "HS2017";
    case HsEdition::kHs2022: return "HS2022";
  }
  return "HS?";
}

core::Result<HsEdition> ParseHsEdition(std::string_view text) {
  std::string t = core::ToUpper(core::Trim(text));
  if (t == "HS2012" || t == "2012" || t == "H4" || t == "HS12") return HsEdition::kHs2012;
  if (t == "HS2017" || t == "2017" || t == "H5" || t == "HS17") return HsEdition::kHs2017;
  if (t == "HS2022" || t == "2022" || t == "H6" || t == "HS22") return HsEdition::kHs2022;
  return core::Status::InvalidArgument(fmt::format(
      "unknown HS edition \"{}\": expected HS2012, HS2017 or HS2022", core::MessageExcerpt(text)));
}

HsEdition HsEditionAt(core::Period month) {
  core::Period m = month.is_annual() ? core::Period::Month(month.year(), 1) : month;
  if (m >= core::Period::Month(2022, 1)) return HsEdition::kHs2022;
  if (m >= core::Period::Month(2017, 1)) return HsEdition::kHs2017;
  return HsEdition::kHs2012;
}

core::Period HsEditionStart(HsEdition edition) {
  switch (edition) {
    case HsEdition::kHs2012: return core::Period::Month(2012, 1);
    case HsEdition::kHs2017: return core::Period::Month(2017, 1);
    case HsEdition::kHs2022: return core::Period::Month(2022, 1);
  }
  return core::Period::Month(2022, 1);
}

namespace {

std::string ItemKey(std::string_view code) {
  std::string digits = internal::HsDigits(code);
  if (!digits.empty()) return digits;
  return core::ToUpper(core::Trim(code));  // section numerals
}

bool IsRoman(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c != 'I' && c != 'V' && c != 'X') return false;
  return true;
}

}  // namespace

const HsItem* Nomenclature::Find(HsEdition edition, std::string_view code) const {
  const auto& m = items_[static_cast<int>(edition)];
  auto it = m.find(ItemKey(code));
  return it == m.end() ? nullptr : &it->second;
}

std::vector<const HsItem*> Nomenclature::Level(HsEdition edition, int level) const {
  std::vector<const HsItem*> out;
  for (const auto& [key, item] : items_[static_cast<int>(edition)])
    if (item.level == level) out.push_back(&item);
  if (level == 1) {  // sections in numeral order, not string order
    auto value = [](const std::string& r) {
      int v = 0, prev = 0;
      for (auto it = r.rbegin(); it != r.rend(); ++it) {
        int d = *it == 'I' ? 1 : *it == 'V' ? 5 : 10;
        v += d < prev ? -d : d;
        prev = std::max(prev, d);
      }
      return v;
    };
    std::sort(out.begin(), out.end(),
              [&](auto* a, auto* b) { return value(a->code) < value(b->code); });
  }
  return out;
}

std::vector<const HsItem*> Nomenclature::Children(HsEdition edition, std::string_view code) const {
  std::vector<const HsItem*> out;
  std::string key = ItemKey(code);
  for (const auto& [k, item] : items_[static_cast<int>(edition)])
    if (item.parent == key) out.push_back(&item);
  return out;
}

const HsItem* Nomenclature::ChapterOf(HsEdition edition, std::string_view hs_code) const {
  std::string d = internal::HsDigits(hs_code);
  if (d.size() < 2) return nullptr;
  return Find(edition, d.substr(0, 2));
}

const HsItem* Nomenclature::SectionOf(HsEdition edition, std::string_view hs_code) const {
  const HsItem* chapter = ChapterOf(edition, hs_code);
  if (chapter == nullptr || chapter->section.empty()) return nullptr;
  return Find(edition, chapter->section);
}

std::vector<const HsItem*> Nomenclature::Search(HsEdition edition, std::string_view text) const {
  std::vector<const HsItem*> out;
  std::string_view t = core::Trim(text);
  std::string digits = internal::HsDigits(t);
  for (const auto& [key, item] : items_[static_cast<int>(edition)]) {
    bool hit = (!digits.empty() && core::StartsWith(item.code, digits)) ||
               internal::ContainsFolded(item.title_en, t) ||
               internal::ContainsFolded(item.title_zh, t);
    if (hit) out.push_back(&item);
  }
  return out;
}

core::Status Nomenclature::LoadSections(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"edition", "section", "title_en", "title_zh"}));
  int ed = t.Column("edition"), sec = t.Column("section"), en = t.Column("title_en"),
      zh = t.Column("title_zh");
  for (const auto& row : t.rows()) {
    auto e = ParseHsEdition(t.Get(row, ed));
    if (!e.ok()) return t.ErrorAt(row, ed, e.status().message());
    HsItem item;
    item.code = t.Get(row, sec);
    if (!IsRoman(item.code)) return t.ErrorAt(row, sec, "expected a section numeral (I ... XXI)");
    item.level = 1;
    item.section = item.code;
    item.title_en = t.Get(row, en);
    item.title_zh = t.Get(row, zh);
    items_[static_cast<int>(*e)][item.code] = std::move(item);
  }
  return core::Status::Ok();
}

core::Status Nomenclature::LoadChapters(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(
      t.RequireColumns({"edition", "chapter", "section", "title_en", "title_zh"}));
  int ed = t.Column("edition"), ch = t.Column("chapter"), sec = t.Column("section"),
      en = t.Column("title_en"), zh = t.Column("title_zh");
  for (const auto& row : t.rows()) {
    auto e = ParseHsEdition(t.Get(row, ed));
    if (!e.ok()) return t.ErrorAt(row, ed, e.status().message());
    HsItem item;
    item.code = t.Get(row, ch);
    if (item.code.size() != 2 || !core::IsDigits(item.code))
      return t.ErrorAt(row, ch, "expected 2 digits");
    item.level = 2;
    item.section = t.Get(row, sec);
    item.parent = item.section;
    item.title_en = t.Get(row, en);
    item.title_zh = t.Get(row, zh);
    items_[static_cast<int>(*e)][item.code] = std::move(item);
  }
  return core::Status::Ok();
}

core::Result<std::vector<HsItem>> Nomenclature::ParseHarmonizedSystemCsv(
    std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  // The built-in headings file uses heading/chapter; the harmonized-system.csv layout
  // hscode/parent.
  bool headings_layout = t.Column("heading") >= 0;
  if (!headings_layout) {
    TRADESTAT_RETURN_IF_ERROR(
        t.RequireColumns({"section", "hscode", "description", "parent", "level"}));
  }
  int sec = t.Column("section"), code = headings_layout ? t.Column("heading") : t.Column("hscode"),
      desc = headings_layout ? t.Column("title_en") : t.Column("description"),
      parent = headings_layout ? t.Column("chapter") : t.Column("parent"),
      level = t.Column("level"), zh = t.Column("title_zh");
  std::vector<HsItem> items;
  for (const auto& row : t.rows()) {
    std::string_view c = t.Get(row, code);
    if (c == "TOTAL") continue;
    if (c.empty() || !core::IsDigits(c) || (c.size() != 2 && c.size() != 4 && c.size() != 6))
      return t.ErrorAt(
          row, code,
          fmt::format("\"{}\" is not an HS code of 2, 4 or 6 digits", core::MessageExcerpt(c)));
    int lv = static_cast<int>(c.size());
    if (level >= 0 && t.Get(row, level) != std::to_string(lv))
      return t.ErrorAt(
          row, level,
          fmt::format("level {} does not match the {}-digit code {}", t.Get(row, level), lv, c));
    if (c.find_first_not_of('9') == std::string_view::npos)
      continue;  // Comtrade's "not specified" codes
    HsItem item;
    item.code = c;
    item.level = lv;
    item.section = t.Get(row, sec);
    if (item.section == "TOTAL") item.section.clear();
    item.parent = t.Get(row, parent);
    if (lv == 2) item.parent = item.section;
    if (lv > 2 && !core::StartsWith(item.code, item.parent))
      return t.ErrorAt(row, parent,
                       fmt::format("parent {} is not a prefix of {}", item.parent, item.code));
    item.title_en = t.Get(row, desc);
    item.title_zh = t.Get(row, zh);
    if (item.title_en.empty()) return t.ErrorAt(row, desc, "empty description");
    items.push_back(std::move(item));
  }
  if (items.empty())
    return core::Status::Parse(fmt::format("{}: no HS codes in the file", file_name));
  return items;
}

void Nomenclature::Merge(HsEdition edition, std::vector<HsItem> items) {
  auto& m = items_[static_cast<int>(edition)];
  for (HsItem& item : items) {
    auto it = m.find(item.code);
    if (it != m.end() && item.title_zh.empty()) item.title_zh = it->second.title_zh;
    m[item.code] = std::move(item);
  }
}

}  // namespace tradestat::refdata
