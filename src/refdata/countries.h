// refdata/countries.h: trade partners (ISO 3166-1 countries and territories, plus the partner
// codes customs use that ISO lacks) and the crosswalks to them.
//
// A partner's canonical code is its ISO alpha-3 code (CHN), or for partners ISO lacks an
// X-prefixed code from ISO's user-assigned range (XCA Canary Islands, XOA other Asia n.e.s.).
// Special partners (WLD world, ZZZ unknown, XNS not specified, ...) have is_special set and are
// never counted as a country. Data: data/refdata/countries.csv, partners_extra.csv,
// customs_partner_codes.csv, comtrade_codes.csv (docs/refdata.md). Immutable once loaded;
// const methods are thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace tradestat::refdata {

/// What kind of partner a code names.
enum class PartnerKind {
  kIso,       // an ISO 3166-1 country or territory
  kNonIso,    // a partner customs report separately that ISO lacks (Canary Islands, Ceuta...)
  kFormer,    // a code no longer assigned (ANT Netherlands Antilles, YUG Yugoslavia)
  kResidual,  // "other countries of a continent, n.e.s." (customs 199, 299 ...); special
  kSpecial,   // world total, unknown, not specified, international organisations ...; special
  kGroup,     // a customs union or group reporting as one (Comtrade 97 EU, 711 SACU); special as a
              // partner (never counted as a country), accepted as a reporter
};

struct Country {
  std::string code;     // canonical: ISO alpha-3 or X-code
  std::string alpha2;   // ISO alpha-2, empty when none
  std::string numeric;  // ISO numeric, 3 digits, empty when none
  std::string name_en;  // ISO short name ("Viet Nam")
  std::string
      name_zh;  // Chinese name: China customs usage where known (韩国), else iso-codes zh_CN
  std::string name_zh_iso;  // the iso-codes zh_CN translation when name_zh differs (大韩民国)
  std::string official_name_en;
  PartnerKind kind = PartnerKind::kIso;
  bool is_special = false;  // never counted as a country (world, unknown, residual...)
  std::vector<std::string> customs_codes;  // China customs 3-digit partner codes (may be several)
  std::string comtrade_code;               // UN Comtrade code (ISO numeric unless Comtrade differs)
  std::vector<std::string>
      comtrade_aliases;       // further Comtrade codes (250 beside 251 France, 841 USA)
  std::string comtrade_text;  // Comtrade Plus text code (W00, EUR, ZA1, _X ...), may be empty
  std::string note;
};

class Countries {
 public:
  /// The partner with canonical `code` (exact, upper case), or nullptr.
  const Country* Find(std::string_view code) const;

  /// Canonical code for ISO alpha-3, alpha-2 or numeric ("156", "CN", "chn" -> CHN), an X-code,
  /// or an exact English/Chinese name. China customs and UN Comtrade codes are NOT accepted here
  /// (they collide with ISO numeric codes: customs 116 is Japan, ISO 116 Cambodia): use
  /// FromCustomsCode / FromComtradeCode. NotFound with a message saying what was expected.
  core::Result<std::string> Normalize(std::string_view text) const;

  /// Crosswalk from a China customs 3-digit partner code ("116" -> JPN, "502" -> USA,
  /// "701" -> ZZZ). NotFound for continent totals (100, 200...) and unknown codes.
  core::Result<std::string> FromCustomsCode(std::string_view code) const;
  /// Crosswalk from a UN Comtrade reporter/partner code ("842" -> USA, "251" -> FRA, "0" -> WLD,
  /// "97" -> XEU) or a Comtrade Plus text code ("W00", "EUR", "ZA1", "_X", "X1").
  core::Result<std::string> FromComtradeCode(std::string_view code) const;
  /// The Comtrade codes nearest to an unknown numeric `code` ("439" -> "438 ..., 440 ..."), for
  /// messages.
  std::string NearestComtradeCodes(std::string_view code) const;
  /// The first China customs code of a partner, or empty.
  std::string CustomsCodeOf(std::string_view code) const;
  /// The UN Comtrade code of a partner, or empty.
  std::string ComtradeCodeOf(std::string_view code) const;

  bool IsSpecial(std::string_view code) const;
  /// Partners whose code, alpha-2, numeric, English or Chinese name contains `text`
  /// (case-insensitive for ASCII), in code order.
  std::vector<const Country*> Search(std::string_view text) const;
  /// All partners in code order.
  const std::vector<Country>& all() const { return countries_; }

  // Loading (Reference does this once; not thread-safe).
  core::Status LoadIso(std::string_view csv, std::string_view file_name);
  core::Status LoadExtra(std::string_view csv, std::string_view file_name);
  core::Status LoadCustomsCodes(std::string_view csv, std::string_view file_name);
  core::Status LoadComtradeCodes(std::string_view csv, std::string_view file_name);
  /// Sort and build the lookup indexes; call after the Load* calls.
  void Finish();

 private:
  Country* FindMutable(std::string_view code);
  std::vector<Country> countries_;
  std::unordered_map<std::string, size_t> by_key_;  // code, alpha2, numeric, lower-case names
  std::unordered_map<std::string, size_t> by_customs_;
  std::unordered_map<std::string, size_t> by_comtrade_;
  std::unordered_map<std::string, size_t> by_comtrade_text_;
  std::vector<std::pair<std::string, std::string>>
      comtrade_text_rows_;  // text code -> partner, file order
};

}  // namespace tradestat::refdata
