// refdata/trade_modes.cc: trade-mode and enterprise-type tables and their lookups.
#include "refdata/trade_modes.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/strings.h"
#include "refdata/internal/csv_table.h"
#include "refdata/internal/text.h"

namespace tradestat::refdata {

using internal::CsvTable;

std::string_view TradeModeClassName(TradeModeClass c) {
  switch (c) {
    case TradeModeClass::kGeneral: return "general";
    case TradeModeClass::kProcessing: return "processing";
    case TradeModeClass::kBondedLogistics: return "bonded_logistics";
    case TradeModeClass::kCrossBorderEcommerce: return "cross_border_ecommerce";
    case TradeModeClass::kOther: return "other";
    case TradeModeClass::kExcluded: return "excluded";
  }
  return "other";
}

core::Result<TradeModeClass> ParseTradeModeClass(std::string_view text) {
  std::string t = core::ToLower(core::Trim(text));
  for (auto c :
       {TradeModeClass::kGeneral, TradeModeClass::kProcessing, TradeModeClass::kBondedLogistics,
        TradeModeClass::kCrossBorderEcommerce, TradeModeClass::kOther, TradeModeClass::kExcluded})
    if (TradeModeClassName(c) == t) return c;
  return core::Status::InvalidArgument(
      fmt::format("unknown trade-mode class \"{}\": expected general, processing, "
                  "bonded_logistics, cross_border_ecommerce, "
                  "other or excluded",
                  core::MessageExcerpt(text)));
}

const TradeMode* TradeModes::Find(std::string_view code) const {
  std::string c(core::Trim(code));
  if (c.size() == 3 && core::IsDigits(c)) c = "0" + c;  // "110" written without its leading zero
  auto it = index_.find(c);
  return it == index_.end() ? nullptr : &modes_[it->second];
}

const TradeMode* TradeModes::FindByCodeOrName(std::string_view text) const {
  if (const TradeMode* m = Find(text)) return m;
  const std::string t(core::Trim(text)), low = core::ToLower(t);
  if (t.empty()) return nullptr;
  const TradeMode* found = nullptr;
  for (const TradeMode& m : modes_)
    if (core::ToLower(m.name_en) == low || m.name_zh_short == t || m.name_zh_full == t)
      if (found == nullptr || (found->supervision && !m.supervision)) found = &m;
  return found;
}

core::Result<std::string> TradeModes::StatisticalCode(std::string_view code) const {
  const TradeMode* m = Find(code);
  if (m == nullptr)
    return core::Status::NotFound(
        fmt::format("unknown trade mode \"{}\": expected a 2-digit statistical code (10 general "
                    "trade) or a 4-digit "
                    "supervision code (0110, 9610)",
                    core::MessageExcerpt(code)));
  if (m->stat_code.empty())
    return core::Status::InvalidArgument(fmt::format(
        "trade mode {} ({}) counts in no statistical trade mode: not part of trade statistics",
        m->code, m->name_zh_short));
  return m->stat_code;
}

core::Result<TradeModeClass> TradeModes::ClassOf(std::string_view code) const {
  const TradeMode* m = Find(code);
  if (m == nullptr)
    return core::Status::NotFound(fmt::format(
        "unknown trade mode \"{}\": expected a 2-digit statistical or a 4-digit supervision code",
        core::MessageExcerpt(code)));
  return m->klass;
}

std::vector<const TradeMode*> TradeModes::Search(std::string_view text) const {
  std::vector<const TradeMode*> out;
  std::string_view t = core::Trim(text);
  for (const TradeMode& m : modes_)
    if (core::StartsWith(m.code, t) || internal::ContainsFolded(m.name_en, t) ||
        internal::ContainsFolded(m.name_zh_short, t) ||
        internal::ContainsFolded(m.name_zh_full, t) || TradeModeClassName(m.klass) == t)
      out.push_back(&m);
  return out;
}

core::Status TradeModes::Load(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(
      t.RequireColumns({"code", "code_type", "name_zh_short", "name_zh_full", "name_en", "class",
                        "stat_code", "counted_in_trade_stats"}));
  int code = t.Column("code"), type = t.Column("code_type"), zs = t.Column("name_zh_short"),
      zf = t.Column("name_zh_full"), en = t.Column("name_en"), cls = t.Column("class"),
      stat = t.Column("stat_code"), counted = t.Column("counted_in_trade_stats"),
      note = t.Column("note");
  for (const auto& row : t.rows()) {
    TradeMode m;
    m.code = t.Get(row, code);
    m.supervision = t.Get(row, type) == "supervision";
    if (!core::IsDigits(m.code) || m.code.size() != (m.supervision ? 4u : 2u))
      return t.ErrorAt(row, code, "expected 2 digits (statistical) or 4 digits (supervision)");
    m.name_zh_short = t.Get(row, zs);
    m.name_zh_full = t.Get(row, zf);
    m.name_en = t.Get(row, en);
    auto k = ParseTradeModeClass(t.Get(row, cls));
    if (!k.ok()) return t.ErrorAt(row, cls, k.status().message());
    m.klass = *k;
    m.stat_code = t.Get(row, stat);
    m.counted = core::StartsWith(t.Get(row, counted), "yes");
    m.note = t.Get(row, note);
    if (!index_.emplace(m.code, modes_.size()).second)
      return t.ErrorAt(row, code, "duplicate trade-mode code");
    modes_.push_back(std::move(m));
  }
  return core::Status::Ok();
}

const EnterpriseType* EnterpriseTypes::Find(std::string_view code) const {
  std::string_view c = core::Trim(code);
  for (const EnterpriseType& t : types_)
    if (t.code == c) return &t;
  return nullptr;
}

const EnterpriseGroup* EnterpriseTypes::FindGroup(std::string_view code) const {
  std::string c = core::ToUpper(core::Trim(code));
  for (const EnterpriseGroup& g : groups_)
    if (g.code == c) return &g;
  return nullptr;
}

core::Result<std::string> EnterpriseTypes::GroupOf(std::string_view text) const {
  std::string_view t = core::Trim(text);
  if (const EnterpriseType* e = Find(t)) return e->group;
  if (const EnterpriseGroup* g = FindGroup(t)) return g->code;
  for (const EnterpriseGroup& g : groups_)
    if (g.name_zh == t || core::ToLower(g.name_en) == core::ToLower(t)) return g.code;
  for (const EnterpriseType& e : types_)
    if (e.name_zh == t || core::ToLower(e.name_en) == core::ToLower(t)) return e.group;
  // Common synonyms seen in published tables.
  if (t == "民营企业" || t == "私营企业") return std::string("PRIVATE");
  if (t == "国有" || t == "国企") return std::string("SOE");
  if (t == "外资企业" || t == "外商投资") return std::string("FIE");
  return core::Status::NotFound(
      fmt::format("unknown enterprise type \"{}\": expected a code 1-9 (6th digit of the customs "
                  "registration code), a group "
                  "SOE, FIE, PRIVATE or OTHER, or a Chinese name such as 民营企业",
                  core::MessageExcerpt(text)));
}

core::Status EnterpriseTypes::Load(std::string_view csv, std::string_view file_name) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns(
      {"code", "name_en", "name_zh", "group_code", "group_name_en", "group_name_zh"}));
  int code = t.Column("code"), en = t.Column("name_en"), zh = t.Column("name_zh"),
      gc = t.Column("group_code"), gen = t.Column("group_name_en"), gzh = t.Column("group_name_zh"),
      note = t.Column("note");
  for (const auto& row : t.rows()) {
    EnterpriseType e{std::string(t.Get(row, code)), std::string(t.Get(row, en)),
                     std::string(t.Get(row, zh)), std::string(t.Get(row, gc)),
                     std::string(t.Get(row, note))};
    if (e.code.size() != 1 || !core::IsDigits(e.code))
      return t.ErrorAt(row, code, "expected one digit 1-9");
    if (FindGroup(e.group) == nullptr)
      groups_.push_back(
          EnterpriseGroup{e.group, std::string(t.Get(row, gen)), std::string(t.Get(row, gzh))});
    types_.push_back(std::move(e));
  }
  return core::Status::Ok();
}

}  // namespace tradestat::refdata
