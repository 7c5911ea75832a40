// bulletin/builder_internal.h: the plumbing shared by the section writers: running queries
// (cached by their arguments), recording figures and writing numbers the way customs prints them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bulletin/bulletin.h"
#include "query/coverage.h"
#include "query/engine.h"
#include "query/result.h"
#include "report/display.h"

namespace tradestat::bulletin::internal {

/// The bulletin's view of report/display.h (the one owner of units and rounding): the style of
/// this release (language, currency, minor-unit decimals, trimming) and the scale of its tables
/// and charts (the scale of the headline total, so one column has one unit).
class Numbers {
 public:
  Numbers(query::Lang lang, std::string currency, int scale, bool trim, bool trim_percent)
      : style_{lang, std::move(currency), scale, trim, trim_percent} {}
  /// "336.75 billion yuan" / "3367.5亿元" / "20.1 trillion yuan": the value's own scale.
  std::string Money(__int128 minor) const { return report::display::Money(minor, style_); }
  /// The number in the table scale ("336.75" / "3367.5"), for tables.
  std::string MoneyNumber(__int128 minor) const {
    return report::display::MoneyNumber(minor, style_, table_scale_);
  }
  /// The unit of tables and charts: "billion yuan" / "亿元".
  std::string MoneyUnit() const { return report::display::MoneyUnit(table_scale_, style_); }
  /// A value in the table scale for chart geometry.
  double ChartValue(__int128 minor) const {
    return report::display::MoneyInScale(minor, style_.money_scale, table_scale_, style_.lang);
  }
  void SetTableScale(__int128 total) {
    table_scale_ = report::display::ScaleFor(total, style_.money_scale);
  }
  /// "330 billion yuan" below 336.75 billion, as text and exact minor units.
  std::optional<report::display::Milestone> Milestone(__int128 minor) const {
    return report::display::MoneyMilestone(minor, style_);
  }
  /// "7.6%" (magnitude) or "+7.6%" (signed); "n/a" / "-" when absent.
  std::string Percent(const query::Derived& d, bool sign) const;
  /// "5.5" (magnitude of points).
  std::string PointsNumber(const query::Derived& d) const;
  /// Growth with a verb: "an increase of 7.6%" / "a decrease of 3.1%" / "增长7.6%" / "下降3.1%".
  std::string Growth(const query::Derived& d) const;
  /// As a verb: "increased by 7.6%" / "decreased by 3.1%" / "was unchanged" (zh as Growth).
  std::string GrowthVerb(const query::Derived& d) const;
  /// A table cell: "+7.6%".
  std::string Cell(const query::Derived& d) const { return Percent(d, true); }
  query::Lang lang() const { return style_.lang; }
  bool zh() const { return style_.lang == query::Lang::kZh; }
  const report::display::Style& style() const { return style_; }

 private:
  report::display::Style style_;
  report::display::Scale table_scale_ = report::display::Scale::kBillion;
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
                        const query::Derived& d, const query::QueryRequest& q,
                        const std::string& field);
  std::string AddPoints(Section& s, const std::string& id, const std::string& label,
                        const query::Derived& d, const query::QueryRequest& q,
                        const std::string& field);
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

  /// Resolves what the defaults leave open, before any section: the dataset, the benchmark, the
  /// currency and table scale (the total query), the coverage (refused when partial unless
  /// allow_partial), the reporter scope and the levels of it, its sub-units and the benchmark.
  core::Status Prepare();
  /// "prefectures and cities" / "市州", following the level of the sub-units found.
  std::string SubUnitsNoun() const;
  /// "provincial" / "全省" for the release's own scope; BenchmarkNoun the same for the benchmark.
  std::string AverageNoun() const { return LevelNoun(scope_level); }
  std::string BenchmarkNoun() const { return LevelNoun(bench_level); }
  /// The issuer in this language; empty when none is given.
  std::string Issuer() const;

  enum class Level { kNone, kCountry, kProvince, kPrefecture, kCounty, kGroup };
  static Level LevelOf(std::string_view code, const query::ReferenceLookup& reference);
  std::string LevelNoun(Level level) const;
  /// The plural noun of units of a level: provinces..., prefectures and cities, counties.
  std::string UnitsNoun(Level level) const;

  const BulletinRequest& request;
  const BulletinSpec& spec;
  std::string dataset;                        // resolved
  std::string benchmark;                      // effective DATASET[:REPORTER], "" = none
  std::string bench_dataset, bench_reporter;  // its parts (reporter "" = the whole dataset)
  std::string bench_scope;                    // the region the benchmark is (resolved like `scope`)
  std::string scope;  // the reporter code the release is about (resolved when not given)
  Level scope_level = Level::kNone, sub_level = Level::kNone, bench_level = Level::kNone;
  query::Coverage coverage;
  query::Coverage bench_coverage;  // the benchmark's, checked the same way
  // The comparison period holds no trade of the scope at all: said once in the headline ("no
  // data for 2021"), and no other sentence mentions growth.
  bool no_compare = false;
  std::optional<query::PeriodRange> period, compare;
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
core::Status WriteLevels(Builder& b);
core::Status WritePartners(Builder& b);
core::Status WriteRegions(Builder& b);
core::Status WriteProducts(Builder& b);
core::Status WriteNew3(Builder& b);
core::Status WriteModes(Builder& b);

}  // namespace tradestat::bulletin::internal
