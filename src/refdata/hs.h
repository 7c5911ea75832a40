// refdata/hs.h: the Harmonized System: editions, sections, chapters (and headings/subheadings
// when imported), with English and Chinese titles.
//
// Edition in force by month (China): HS2012 until 2016-12, HS2017 from 2017-01 to 2021-12,
// HS2022 from 2022-01. Built in: the 21 sections and 97 chapters of HS2017 and HS2022
// (data/refdata/hs_sections.csv, hs_chapters.csv) and the HS2022 headings. `tradestat ref hs
// import` adds headings/subheadings from a file in the harmonized-system.csv layout
// (section,hscode,description,parent,level). Immutable once loaded; const methods thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"

namespace tradestat::refdata {

enum class HsEdition : uint8_t { kHs2012 = 0, kHs2017 = 1, kHs2022 = 2 };
inline constexpr int kHsEditionCount = 3;

std::string_view HsEditionName(HsEdition edition);  // "HS2017"
/// "HS2017", "hs2017", "2017", "H5" (Comtrade) ... InvalidArgument otherwise.
core::Result<HsEdition> ParseHsEdition(std::string_view text);
/// The edition China used in `month` (an annual period uses its January).
HsEdition HsEditionAt(core::Period month);
/// First month an edition was in force.
core::Period HsEditionStart(HsEdition edition);

struct HsItem {
  std::string code;     // "85" chapter, "8541" heading, "854142" subheading, "XVI" section
  int level = 0;        // 1 section, 2 chapter, 4 heading, 6 subheading
  std::string section;  // roman numeral of the section
  std::string parent;   // chapter of a heading, heading of a subheading, section of a chapter
  std::string title_en;
  std::string title_zh;  // empty where no Chinese title is known
};

class Nomenclature {
 public:
  /// The item `code` in `edition` (section numeral, 2/4/6 digits; dots ignored), or nullptr.
  const HsItem* Find(HsEdition edition, std::string_view code) const;
  /// Sections, chapters or items of one level, in code order.
  std::vector<const HsItem*> Level(HsEdition edition, int level) const;
  /// Items directly under `code` (chapters of a section, headings of a chapter ...).
  std::vector<const HsItem*> Children(HsEdition edition, std::string_view code) const;
  /// Chapter and section of any HS code ("85414020" -> chapter 85, section XVI), or nullptr.
  const HsItem* ChapterOf(HsEdition edition, std::string_view hs_code) const;
  const HsItem* SectionOf(HsEdition edition, std::string_view hs_code) const;
  /// Items whose code starts with, or title contains, `text`.
  std::vector<const HsItem*> Search(HsEdition edition, std::string_view text) const;
  bool HasEdition(HsEdition edition) const { return !items_[static_cast<int>(edition)].empty(); }

  core::Status LoadSections(std::string_view csv, std::string_view file_name);
  core::Status LoadChapters(std::string_view csv, std::string_view file_name);
  /// Parse a harmonized-system.csv layout file into items (chapters, headings, subheadings;
  /// TOTAL and the 99/9999/999999 "not specified" rows are skipped). Errors "file:line:col: what".
  static core::Result<std::vector<HsItem>> ParseHarmonizedSystemCsv(std::string_view csv,
                                                                    std::string_view file_name);
  /// Add or replace items in `edition` (a chapter keeps its Chinese title if the new one has none).
  void Merge(HsEdition edition, std::vector<HsItem> items);

 private:
  std::map<std::string, HsItem> items_[kHsEditionCount];
};

}  // namespace tradestat::refdata
