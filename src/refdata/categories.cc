// refdata/categories.cc: parsing category files and matching HS codes against them.
#include "refdata/categories.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "refdata/internal/csv_table.h"
#include "refdata/internal/text.h"

namespace tradestat::refdata {

using internal::CsvTable;

namespace {

constexpr int kMaxDepth = 8;  // parent/category-rule nesting; deeper means a cycle

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32 || !(code[0] >= 'A' && code[0] <= 'Z')) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// "2017-01" or "2017-01-01" -> month; empty -> open.
core::Result<core::Period> ParseMonth(std::string_view text) {
  auto p = core::Period::Parse(text.size() == 10 ? text.substr(0, 7) : text);
  if (!p.ok() || p->is_annual())
    return core::Status::InvalidArgument(
        fmt::format("not a month \"{}\": expected YYYY-MM", core::MessageExcerpt(text)));
  return *p;
}

}  // namespace

bool CategoryRule::ActiveIn(core::Period month) const {
  core::Period m = month.is_annual() ? core::Period::Month(month.year(), 12) : month;
  if (from.valid() && from.year() != 0 && m < from) return false;
  if (to.valid() && to.year() != 0 && to < m) return false;
  return true;
}

const Category* Categories::Find(std::string_view code) const {
  auto it = index_.find(core::ToUpper(core::Trim(code)));
  return it == index_.end() ? nullptr : &categories_[it->second];
}

bool Categories::ContainsImpl(const Category& c, std::string_view code, HsEdition e,
                              const core::Period* month, int depth) const {
  if (depth > kMaxDepth) return false;
  bool in = false;
  for (const CategoryRule& r : c.rules) {
    if (!r.ValidIn(e) || (month != nullptr && !r.ActiveIn(*month))) continue;
    if (r.exclude) {
      if (core::StartsWith(code, r.prefix)) return false;
    } else if (!in) {
      if (r.prefix.empty()) continue;
      if (r.prefix[0] >= 'A' &&
          r.prefix[0] <= 'Z') {  // a "category" rule: union with that category
        const Category* other = Find(r.prefix);
        in = other != nullptr && ContainsImpl(*other, code, e, month, depth + 1);
      } else {
        in = core::StartsWith(code, r.prefix);
      }
    }
  }
  if (in) return true;
  for (const std::string& child : c.children) {
    const Category* sub = Find(child);
    if (sub != nullptr && ContainsImpl(*sub, code, e, month, depth + 1)) return true;
  }
  return false;
}

bool Categories::Contains(std::string_view category, std::string_view hs_code,
                          core::Period month) const {
  const Category* c = Find(category);
  std::string code = internal::HsDigits(hs_code);
  if (c == nullptr || code.size() < 2) return false;
  return ContainsImpl(*c, code, HsEditionAt(month), &month, 0);
}

bool Categories::ContainsInEdition(std::string_view category, std::string_view hs_code,
                                   HsEdition edition) const {
  const Category* c = Find(category);
  std::string code = internal::HsDigits(hs_code);
  if (c == nullptr || code.size() < 2) return false;
  return ContainsImpl(*c, code, edition, nullptr, 0);
}

std::vector<std::string> Categories::CategoriesOf(std::string_view hs_code,
                                                  core::Period month) const {
  std::vector<std::string> out;
  for (const Category& c : categories_)
    if (!c.opt_in && Contains(c.code, hs_code, month)) out.push_back(c.code);
  return out;
}

std::vector<const CategoryRule*> Categories::RulesFor(std::string_view category,
                                                      HsEdition edition) const {
  std::vector<const CategoryRule*> out;
  const Category* c = Find(category);
  if (c == nullptr) return out;
  for (const CategoryRule& r : c->rules)
    if (r.ValidIn(edition)) out.push_back(&r);
  return out;
}

std::vector<std::string> Categories::DefaultCodes() const {
  std::vector<std::string> out;
  for (const Category& c : categories_)
    if (!c.opt_in) out.push_back(c.code);
  return out;
}

core::Result<std::vector<Category>> Categories::ParseCsv(std::string_view csv,
                                                         std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(
      t.RequireColumns({"category_code", "name_en", "rule", "hs_prefix", "hs_editions"}));
  int code = t.Column("category_code"), parent = t.Column("parent"), en = t.Column("name_en"),
      zh = t.Column("name_zh"), rule = t.Column("rule"), prefix = t.Column("hs_prefix"),
      editions = t.Column("hs_editions"), from = t.Column("from"), to = t.Column("to"),
      opt = t.Column("opt_in"), conf = t.Column("confidence"), note = t.Column("note");
  std::vector<Category> cats;
  std::unordered_map<std::string, size_t> index;
  for (const auto& row : t.rows()) {
    std::string cc = core::ToUpper(t.Get(row, code));
    if (!ValidCode(cc))
      return t.ErrorAt(
          row, code,
          fmt::format("\"{}\" is not a category code: use A-Z, 0-9 and _, starting with a letter",
                      core::MessageExcerpt(t.Get(row, code))));
    auto [it, added] = index.emplace(cc, cats.size());
    if (added) {
      Category c;
      c.code = cc;
      c.source = std::string(file_name);
      cats.push_back(std::move(c));
    }
    Category& c = cats[it->second];
    std::string parent_code = core::ToUpper(t.Get(row, parent));
    for (auto [col, field, value] :
         {std::tuple{en, &c.name_en, std::string(t.Get(row, en))},
          std::tuple{zh, &c.name_zh, std::string(t.Get(row, zh))},
          std::tuple{parent, &c.parent, parent_code},
          std::tuple{conf, &c.confidence, std::string(t.Get(row, conf))}}) {
      if (value.empty()) continue;
      if (field->empty()) {
        *field = value;
      } else if (*field != value) {
        return t.ErrorAt(row, col,
                         fmt::format("category {} has \"{}\" here on an earlier row", cc,
                                     core::MessageExcerpt(*field)));
      }
    }
    if (!c.parent.empty() && !ValidCode(c.parent))
      return t.ErrorAt(row, parent, "not a category code");
    if (c.parent == cc) return t.ErrorAt(row, parent, "a category cannot be its own parent");
    std::string_view opt_text = core::Trim(t.Get(row, opt));
    if (opt_text == "yes" || opt_text == "true" || opt_text == "1") {
      c.opt_in = true;
    } else if (!opt_text.empty() && opt_text != "no" && opt_text != "false" && opt_text != "0") {
      return t.ErrorAt(row, opt, "expected yes or no");
    }
    if (c.note.empty()) c.note = t.Get(row, note);

    std::string_view kind = t.Get(row, rule);
    std::string_view pre = t.Get(row, prefix);
    if (kind.empty()) {
      if (!pre.empty())
        return t.ErrorAt(row, rule,
                         "a row with an hs_prefix needs rule include, exclude or category");
      continue;  // a row that only names the category
    }
    CategoryRule r;
    if (kind == "include" || kind == "exclude") {
      r.exclude = kind == "exclude";
      r.prefix = internal::HsDigits(pre);
      if (r.prefix.size() < 2 || r.prefix.size() > 10)
        return t.ErrorAt(row, prefix,
                         fmt::format("\"{}\" is not an HS prefix: expected 2 to 10 digits",
                                     core::MessageExcerpt(pre)));
      std::string_view eds = t.Get(row, editions);
      if (eds.empty())
        return t.ErrorAt(row, editions,
                         "list the HS editions the prefix is valid in, e.g. HS2017;HS2022");
      for (std::string_view e : core::Split(eds, ';')) {
        auto parsed = ParseHsEdition(e);
        if (!parsed.ok()) return t.ErrorAt(row, editions, parsed.status().message());
        r.editions |= static_cast<uint8_t>(1u << static_cast<int>(*parsed));
      }
    } else if (kind == "category") {
      r.prefix = core::ToUpper(pre);
      if (!ValidCode(r.prefix))
        return t.ErrorAt(row, prefix, "a category rule names another category code here");
      if (r.prefix == cc) return t.ErrorAt(row, prefix, "a category cannot include itself");
      r.editions = 0xFF;
    } else {
      return t.ErrorAt(row, rule,
                       fmt::format("unknown rule \"{}\": expected include, exclude or category",
                                   core::MessageExcerpt(kind)));
    }
    if (!t.Get(row, from).empty()) {
      auto m = ParseMonth(t.Get(row, from));
      if (!m.ok()) return t.ErrorAt(row, from, m.status().message());
      r.from = *m;
    }
    if (!t.Get(row, to).empty()) {
      auto m = ParseMonth(t.Get(row, to));
      if (!m.ok()) return t.ErrorAt(row, to, m.status().message());
      r.to = *m;
      if (r.from.year() != 0 && r.to < r.from) return t.ErrorAt(row, to, "to is before from");
    }
    r.note = t.Get(row, note);
    c.rules.push_back(std::move(r));
  }
  for (const Category& c : cats) {
    if (c.name_en.empty())
      return core::Status::Parse(
          fmt::format("{}: category {} has no name_en on any row", file_name, c.code));
  }
  return cats;
}

void Categories::Relink() {
  index_.clear();
  for (size_t i = 0; i < categories_.size(); ++i) {
    categories_[i].children.clear();
    index_.emplace(categories_[i].code, i);
  }
  for (const Category& c : categories_) {
    if (c.parent.empty()) continue;
    auto it = index_.find(c.parent);
    if (it != index_.end()) categories_[it->second].children.push_back(c.code);
  }
}

core::Status Categories::Merge(std::vector<Category> categories) {
  std::vector<Category> merged = categories_;
  std::unordered_map<std::string, size_t> index = index_;
  for (Category& c : categories) {
    auto it = index.find(c.code);
    if (it != index.end()) {
      merged[it->second] = std::move(c);
    } else {
      index.emplace(c.code, merged.size());
      merged.push_back(std::move(c));
    }
  }
  // Validate references: parents and category rules must exist, and links must not cycle.
  for (const Category& c : merged) {
    if (!c.parent.empty() && index.find(c.parent) == index.end())
      return core::Status::NotFound(
          fmt::format("{}: category {} names an unknown parent {}", c.source, c.code, c.parent));
    for (const CategoryRule& r : c.rules) {
      if (!r.prefix.empty() && r.prefix[0] >= 'A' && r.prefix[0] <= 'Z' &&
          index.find(r.prefix) == index.end())
        return core::Status::NotFound(fmt::format("{}: category {} includes an unknown category {}",
                                                  c.source, c.code, r.prefix));
    }
  }
  for (const Category& c : merged) {
    // Walk parents and category rules; a path longer than the number of categories is a cycle.
    std::vector<std::pair<const Category*, size_t>> stack{{&c, 0}};
    while (!stack.empty()) {
      auto [cur, depth] = stack.back();
      stack.pop_back();
      if (depth > static_cast<size_t>(kMaxDepth))
        return core::Status::InvalidArgument(
            fmt::format("{}: category {} is part of a cycle (or nests more than {} levels)",
                        c.source, c.code, kMaxDepth));
      if (!cur->parent.empty()) stack.push_back({&merged[index[cur->parent]], depth + 1});
      for (const CategoryRule& r : cur->rules)
        if (!r.prefix.empty() && r.prefix[0] >= 'A' && r.prefix[0] <= 'Z')
          stack.push_back({&merged[index[r.prefix]], depth + 1});
    }
  }
  categories_ = std::move(merged);
  Relink();
  return core::Status::Ok();
}

}  // namespace tradestat::refdata
