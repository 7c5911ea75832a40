// refdata/categories.h: product categories (ME, HITECH, LABOR, NEW3, AGRI ...) as HS prefix
// lists with exclusions, per HS edition and date range.
//
// A code is in a category in month M if, among the category's rules valid for the HS edition
// in force in M (HsEditionAt) and whose from/to months contain M, an include prefix matches and
// no exclude prefix matches; or if it is in one of the category's sub-categories (NEW3 = NEW3_EV
// + NEW3_LIB + NEW3_PV) and not excluded by the parent. Categories may overlap (ME contains
// NEW3_EV). Opt-in categories (low-confidence candidates such as ME_CAND) are never part of the
// default list. Data: data/refdata/categories.csv. Immutable once loaded; thread-safe reads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "refdata/hs.h"

namespace tradestat::refdata {

struct CategoryRule {
  bool exclude = false;
  std::string prefix;    // digits only
  uint8_t editions = 0;  // bit (1 << HsEdition) per edition the prefix is valid in
  core::Period from;     // first month (default-constructed = open)
  core::Period to;       // last month (default-constructed = open)
  std::string note;

  bool ValidIn(HsEdition e) const { return (editions >> static_cast<int>(e)) & 1; }
  bool ActiveIn(core::Period month) const;
};

struct Category {
  std::string code;
  std::string name_en;
  std::string name_zh;
  std::string parent;                 // empty for a top-level category
  std::vector<std::string> children;  // sub-category codes, in file order
  std::vector<CategoryRule> rules;
  bool opt_in = false;     // low-confidence candidates: not in default lists
  std::string confidence;  // high, medium, low ...
  std::string note;
  std::string source;  // "builtin" or the user file
};

class Categories {
 public:
  /// The category with `code` (case-insensitive), or nullptr.
  const Category* Find(std::string_view code) const;
  /// True if `hs_code` (2-10 digits; dots and spaces ignored) is in `category` in `month`.
  /// False for unknown categories (check Find()).
  bool Contains(std::string_view category, std::string_view hs_code, core::Period month) const;
  /// Same with an explicit edition, ignoring rule date ranges.
  bool ContainsInEdition(std::string_view category, std::string_view hs_code,
                         HsEdition edition) const;
  /// Codes of all default (non-opt-in) categories containing `hs_code` in `month`: shows overlap.
  std::vector<std::string> CategoriesOf(std::string_view hs_code, core::Period month) const;
  /// Rules of a category (not its children) valid in `edition`, for display.
  std::vector<const CategoryRule*> RulesFor(std::string_view category, HsEdition edition) const;
  /// All categories in file order; DefaultCodes() leaves out opt-in ones.
  const std::vector<Category>& all() const { return categories_; }
  std::vector<std::string> DefaultCodes() const;

  /// Parse a categories CSV (category_code,parent,name_en,name_zh,rule,hs_prefix,hs_editions,
  /// from,to,opt_in,confidence,note; docs/refdata.md). Errors "file:line:column: what".
  static core::Result<std::vector<Category>> ParseCsv(std::string_view csv,
                                                      std::string_view file_name);
  /// Add categories; an existing code is replaced entirely. Fails (nothing changed) if a parent
  /// is unknown or the parent links form a cycle.
  core::Status Merge(std::vector<Category> categories);

 private:
  bool ContainsImpl(const Category& c, std::string_view code, HsEdition e,
                    const core::Period* month, int depth) const;
  void Relink();
  std::vector<Category> categories_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace tradestat::refdata
