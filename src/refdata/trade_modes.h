// refdata/trade_modes.h: China customs trade modes (贸易方式/监管方式) and enterprise types.
//
// Trade modes: 2-digit statistical modes (10 general trade, 14/15 processing, 33/34 bonded
// logistics ...) and 4-digit supervision codes (0110, 0615, 9610 ...). A supervision code counts
// under the statistical mode of its last two digits (rule from memory, see FACTS); codes mapping
// to none are excluded from trade statistics. Classes: general, processing, bonded_logistics,
// cross_border_ecommerce, other, excluded.
// Enterprise types: codes 1-9 (6th digit of the customs registration code) in groups SOE, FIE,
// PRIVATE, OTHER. Data: data/refdata/trade_modes.csv, enterprise_types.csv.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace tradestat::refdata {

enum class TradeModeClass {
  kGeneral,
  kProcessing,
  kBondedLogistics,
  kCrossBorderEcommerce,
  kOther,
  kExcluded
};
std::string_view TradeModeClassName(TradeModeClass c);  // "general", "bonded_logistics" ...
core::Result<TradeModeClass> ParseTradeModeClass(std::string_view text);

struct TradeMode {
  std::string code;          // "10" (statistical) or "0110" (supervision)
  bool supervision = false;  // 4-digit supervision code
  std::string name_zh_short;
  std::string name_zh_full;
  std::string name_en;
  TradeModeClass klass = TradeModeClass::kOther;
  std::string stat_code;  // statistical mode it counts under; empty when excluded
  bool counted = true;    // counted in trade statistics
  std::string note;
};

class TradeModes {
 public:
  /// The mode with this exact code ("10", "0110"); 3-digit supervision codes written without the
  /// leading zero ("110") are accepted. nullptr if unknown.
  const TradeMode* Find(std::string_view code) const;
  /// The 2-digit statistical mode for a 2-digit statistical or 4-digit supervision code.
  /// NotFound for unknown codes, InvalidArgument for codes counted in no statistical mode.
  core::Result<std::string> StatisticalCode(std::string_view code) const;
  /// The analysis class of a code (supervision codes keep their own class: 9610 is
  /// cross_border_ecommerce although it counts under 10).
  core::Result<TradeModeClass> ClassOf(std::string_view code) const;
  std::vector<const TradeMode*> Search(std::string_view text) const;
  /// The mode a filter value names: an exact code (as Find), else an English name in any case or
  /// a Chinese short or full name ("general trade", "一般贸易"); a name shared by a statistical
  /// mode and its supervision codes gives the statistical mode (10). nullptr if none.
  const TradeMode* FindByCodeOrName(std::string_view text) const;
  const std::vector<TradeMode>& all() const { return modes_; }

  core::Status Load(std::string_view csv, std::string_view file_name);

 private:
  std::vector<TradeMode> modes_;
  std::unordered_map<std::string, size_t> index_;
};

struct EnterpriseType {
  std::string code;  // "1".."9"
  std::string name_en;
  std::string name_zh;
  std::string group;  // SOE, FIE, PRIVATE, OTHER
  std::string note;
};

struct EnterpriseGroup {
  std::string code;  // SOE, FIE, PRIVATE, OTHER
  std::string name_en;
  std::string name_zh;
};

class EnterpriseTypes {
 public:
  const EnterpriseType* Find(std::string_view code) const;
  const EnterpriseGroup* FindGroup(std::string_view code) const;
  /// Group code for a type code ("6" -> PRIVATE), a group code in any case ("fie" -> FIE) or
  /// a Chinese/English type or group name. NotFound with the accepted spellings otherwise.
  core::Result<std::string> GroupOf(std::string_view text) const;
  const std::vector<EnterpriseType>& all() const { return types_; }
  const std::vector<EnterpriseGroup>& groups() const { return groups_; }

  core::Status Load(std::string_view csv, std::string_view file_name);

 private:
  std::vector<EnterpriseType> types_;
  std::vector<EnterpriseGroup> groups_;
};

}  // namespace tradestat::refdata
