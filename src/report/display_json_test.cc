// report/display_json_test.cc: the query JSON's "display" objects (report/display_json.h).
#include "report/display_json.h"

#include <gtest/gtest.h>

#include <regex>

#include "query/json.h"

namespace tradestat::report {
namespace {

query::QueryResult Sample(query::Lang lang) {
  query::QueryResult r;
  r.dataset = "d";
  r.period = query::ParsePeriodSpec("2023H1").value();
  r.compare = query::ComparisonRange(r.period, query::CompareMode::kYoy);
  r.currency = "CNY";
  r.flow = "total";
  r.lang = lang;
  r.by = {"partner"};
  auto row = [](const char* code, __int128 value, __int128 prev) {
    query::ResultRow x;
    x.keys = {{"partner", code, code, false}};
    x.m.value = value;
    x.m.value_prev = prev;
    x.m.growth_pct = query::Derived::Ratio((value - prev) * 100, prev);
    return x;
  };
  r.rows.push_back(
      row("AAA", __int128{12345678901234}, __int128{10000000000000}));      // 123.46 bn yuan (fen)
  r.rows.push_back(row("BBB", __int128{999400000}, __int128{1000000000}));  // -0.06%
  r.rows.push_back(row("CCC", __int128{999600000}, __int128{1000000000}));  // -0.04%: flat
  r.rows_total = 3;
  r.total.m.value = __int128{2'100'000'000'000'000};  // 21 trillion
  r.total.m.value_prev = __int128{2'000'000'000'000'000};
  r.total.m.growth_pct = query::Derived::Ratio(5, 1);
  r.rows[0].m.share_pct = query::Derived::Ratio(317, 10);
  return r;
}

// Removing every "display" member gives back the plain query JSON, byte for byte.
std::string WithoutDisplay(std::string s) {
  s = std::regex_replace(s, std::regex(R"(,"display":\{[^{}]*\})"), "");
  return std::regex_replace(s, std::regex(",\n\"display\":\\{[^{}]*\\}"), "");
}

TEST(DisplayJson, AddsOnlyDisplayKeys) {
  for (auto lang : {query::Lang::kEn, query::Lang::kZh}) {
    const query::QueryResult r = Sample(lang);
    EXPECT_EQ(WithoutDisplay(ToJsonWithDisplay(r)), query::ToJson(r));
  }
}

TEST(DisplayJson, EnglishCellsInTheColumnsUnit) {
  const std::string j = ToJsonWithDisplay(Sample(query::Lang::kEn));
  EXPECT_NE(j.find(R"("display":{"lang":"en","scale":"billion","unit":"billion yuan"})"),
            std::string::npos)
      << j;
  EXPECT_NE(
      j.find(R"("value":"123.46","value_prev":"100.00","growth_pct":"+23.5%","share_pct":"31.7%")"),
      std::string::npos)
      << j;
  EXPECT_NE(j.find(R"("value_text":"123.46 billion yuan","growth_text":"up 23.5%")"),
            std::string::npos)
      << j;
  EXPECT_NE(j.find(R"("growth_pct":"-0.1%")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("growth_text":"down 0.1%")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("growth_pct":"0.0%")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("growth_text":"flat")"), std::string::npos) << j;
  // The total: cells in the column unit, its sentence in its own scale.
  EXPECT_NE(j.find(R"("value":"21,000.00")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("value_text":"21 trillion yuan","growth_text":"up 5.0%")"), std::string::npos)
      << j;
  EXPECT_NE(j.find(R"("share_pct":null)"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("value":"0.01","value_prev":"0.01","growth_pct":"-0.1%")"), std::string::npos)
      << j;
}

TEST(DisplayJson, ChineseUnits) {
  const std::string j = ToJsonWithDisplay(Sample(query::Lang::kZh));
  EXPECT_NE(j.find(R"("display":{"lang":"zh","scale":"billion","unit":"亿元"})"), std::string::npos)
      << j;
  EXPECT_NE(j.find(R"("value":"1,234.6")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("value_text":"1234.6亿元","growth_text":"增长23.5%")"), std::string::npos)
      << j;
  EXPECT_NE(j.find(R"("growth_text":"下降0.1%")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("growth_text":"持平")"), std::string::npos) << j;
  EXPECT_NE(j.find(R"("value_text":"21万亿元","growth_text":"增长5.0%")"), std::string::npos) << j;
}

}  // namespace
}  // namespace tradestat::report
