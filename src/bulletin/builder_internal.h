// bulletin/builder_internal.h: the plumbing shared by the section writers: running queries
// (cached by their arguments), recording figures and writing numbers the way customs prints them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bulletin/bulletin.h"
#include "query/engine.h"
#include "query/result.h"

namespace tradestat::bulletin::internal {

/// Customs display of numbers (FACTS §3.5): 亿元 with 1 decimal, billions with 2; percentages 1
/// decimal, 2 when |x| < 0.1; rounded half away from zero from unrounded values.
class Numbers {
 public:
  Numbers(query::Lang lang, std::string currency, int scale, bool trim)
      : lang_(lang), currency_(std::move(currency)), scale_(scale), trim_(trim) {}
  /// "336.75 billion yuan" / "3367.5亿元".
  std::string Money(__int128 minor) const;
  /// The same without the unit ("336.75" / "3367.5"), for tables.
  std::string MoneyNumber(__int128 minor) const;
  std::string MoneyUnit() const;
  /// The largest round number below `minor` in display units, two significant digits
  /// ("330 billion yuan" / "3300亿元"); empty if it would equal the value.
  std::string Milestone(__int128 minor) const;
  /// "7.6%" (magnitude) or "+7.6%" (signed).
  std::string Percent(const query::Derived& d, bool sign) const;
  /// "5.5" (magnitude of points).
  std::string PointsNumber(const query::Derived& d) const;
  /// Growth with a verb: "an increase of 7.6%" / "a decrease of 3.1%" / "增长7.6%" / "下降3.1%".
  std::string Growth(const query::Derived& d) const;
  /// As a verb: "increased by 7.6%" / "decreased by 3.1%" / "was unchanged" (zh as Growth).
  std::string GrowthVerb(const query::Derived& d) const;
  /// A table cell: "336.75" (money in display units) / "+7.6%".
  std::string Cell(const query::Derived& d) const { return Percent(d, true); }
  double ToDouble(__int128 minor) const;
  query::Lang lang() const { return lang_; }
  bool zh() const { return lang_ == query::Lang::kZh; }

 private:
  std::string Trim(std::string s) const;
  query::Lang lang_;
  std::string currency_;
  int scale_;
  bool trim_;
};

/// Sign of a derived value: -1, 0, +1 (0 also when absent).
int SignOf(const query::Derived& d);
/// share = num / den as a Derived (absent if den == 0).
query::Derived ShareOf(__int128 num, __int128 den);
/// "a, b and c" / "a、b和c".
std::string JoinList(const std::vector<std::string>& items, query::Lang lang, bool zh_dun = false);
std::string Capitalize(std::string s);

class Builder {
 public:
  Builder(const BulletinRequest& request, const BulletinSpec& spec, const query::Catalog& catalog,
          const query::ReferenceLookup& reference);

  /// The request every query starts from: dataset, reporter, period, language.
  query::QueryRequest Base() const;
  /// Execute (cached by arguments). Errors name the section's query.
  core::Result<const query::QueryResult*> Run(const query::QueryRequest& q);
  /// `tradestat query` arguments after STORE.
  static std::vector<std::string> Args(const query::QueryRequest& q);

  // Record a figure and return its display text.
  std::string AddMoney(Section& s, const std::string& id, const std::string& label, __int128 minor,
                       const query::QueryRequest& q, const std::string& field);
  std::string AddPercent(Section& s, const std::string& id, const std::string& label,
                         const query::Derived& d, bool sign, const query::QueryRequest& q,
                         const std::string& field);
  /// Growth with its verb in the text; the figure's display is the percentage as printed.
  std::string AddGrowth(Section& s, const std::string& id, const std::string& label,
                        const query::Derived& d, const query::QueryRequest& q, const std::string& field);
  std::string AddPoints(Section& s, const std::string& id, const std::string& label,
                        const query::Derived& d, const query::QueryRequest& q, const std::string& field);
  std::string AddCount(Section& s, const std::string& id, const std::string& label, int64_t n,
                       const query::QueryRequest& q, const std::string& field);
  void AddFlag(Section& s, const std::string& id, const std::string& label, bool flag,
               const query::QueryRequest& q, const std::string& field);

  /// Name for sentences: the spec's [names] entry, else the reference name.
  std::string NameOf(const query::KeyPart& key) const;
  std::string Title(const std::string& section_id) const;
  /// The period in words: "the first half of the year" / "上半年"; `with_year` for titles.
  std::string PeriodWords(bool with_year) const;
  std::string ReporterName() const;

  const BulletinRequest& request;
  const BulletinSpec& spec;
  const query::ReferenceLookup& reference;
  Numbers num;
  Bulletin bulletin;
  query::Lang lang;
  bool zh;

 private:
  void Add(Section& s, Figure f);
  const query::Catalog& catalog_;
  std::map<std::string, query::QueryResult> cache_;
};

// Section writers (sections_*.cc): each appends one Section to b.bulletin.
core::Status WriteHeadline(Builder& b);
core::Status WriteFlows(Builder& b);
core::Status WritePartners(Builder& b);
core::Status WriteRegions(Builder& b);
core::Status WriteProducts(Builder& b);
core::Status WriteNew3(Builder& b);
core::Status WriteModes(Builder& b);

}  // namespace tradestat::bulletin::internal
