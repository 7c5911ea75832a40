// verify/lexicon.h: the names a release may use for what a figure is about, from reference data.
//
// Built from refdata::Reference in both languages: partners (ISO and customs names), partner
// groups, domestic regions and region groups, product categories, statistical trade modes and
// enterprise types; each name also gives shorter forms (without a parenthesis, the part in
// parenthesis, without a leading "the"/"Greater", Chinese names without 省/市/地区). A short
// table of release vocabulary adds terms reference names lack ("processing trade", "新三样",
// "national"); its entries are used only when the code they name exists in the reference.
// Find() returns the longest non-overlapping matches in a Normalize()d sentence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "refdata/reference.h"

namespace tradestat::verify {

enum class SubjectKind {
  kScope,        // the release's reporter as a whole ("the provincial average", 全省)
  kNational,     // the benchmark ("national", 全国)
  kRegion,       // a domestic region (reporter code)
  kRegionGroup,  // a group of regions
  kPartner,
  kPartnerGroup,
  kCategory,
  kTradeMode,  // statistical trade modes, comma-separated codes
  kTradeModeClass,
  kEnterprise,  // enterprise type or group
};
std::string_view SubjectKindName(SubjectKind kind);

struct Subject {
  SubjectKind kind = SubjectKind::kScope;
  std::string code;
  std::string name;  // the name as found in the text
};

struct Mention {
  size_t begin = 0, end = 0;  // byte offsets in the normalized sentence
  Subject subject;
};

class Lexicon {
 public:
  static Lexicon Build(const refdata::Reference& ref);
  /// Longest matches first, non-overlapping, sorted by position. A region named as an issuer
  /// ("... Customs", ...海关) is left out.
  std::vector<Mention> Find(std::string_view norm) const;
  /// The subject for a code of `kind` (for --reporter and messages).
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string alias;  // normalized
    Subject subject;
  };
  void Add(std::string_view name, SubjectKind kind, const std::string& code);
  void AddForms(std::string_view name, SubjectKind kind, const std::string& code, bool zh_region);
  std::vector<Entry> entries_;
};

}  // namespace tradestat::verify
