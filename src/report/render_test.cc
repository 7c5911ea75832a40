// report/render_test.cc: the renderers on a hand-made result (text alignment, CSV exactness,
// a real XLSX file).
#include <cstdio>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "report/table.h"

namespace tradestat::report {
namespace {

query::QueryResult Sample() {
  query::QueryResult r;
  r.dataset = "hunan";
  r.period = query::ParsePeriodSpec("2023H1").value();
  r.compare = query::ComparisonRange(r.period, query::CompareMode::kYoy);
  r.currency = "CNY";
  r.flow = "total";
  r.by = {"partner"};
  query::ResultRow row;
  row.keys = {{"partner", "ASEAN", "ASEAN", true}};
  row.m.value = __int128{7012000000000} + 1;  // 70.12 bn yuan + 1 fen
  row.m.value_prev = __int128{6000000000000};
  row.m.growth_pct =
      query::Derived::Ratio((row.m.value - *row.m.value_prev) * 100, *row.m.value_prev);
  row.m.rank = 1;
  r.rows.push_back(row);
  r.rows_total = 1;
  r.total.m.value = __int128{33675000000000};
  r.total.m.value_prev = __int128{31296000000000};
  r.total.m.growth_pct =
      query::Derived::Ratio((r.total.m.value - *r.total.m.value_prev) * 100, *r.total.m.value_prev);
  return r;
}

TEST(RenderTest, TextTableRoundsLikeCustoms) {
  std::string text = RenderText(QueryTable(Sample()));
  EXPECT_NE(text.find("70.12 bn"), std::string::npos) << text;
  EXPECT_NE(text.find("336.75 bn"), std::string::npos) << text;
  EXPECT_NE(text.find("+7.6%"), std::string::npos) << text;
  query::QueryResult zh = Sample();
  zh.lang = query::Lang::kZh;
  EXPECT_NE(RenderText(QueryTable(zh)).find("3367.5亿元"), std::string::npos);
}

TEST(RenderTest, CsvIsExact) {
  std::string csv = RenderCsv(Sample());
  EXPECT_NE(csv.find("ASEAN,ASEAN,70120000000.01,60000000000.00,"), std::string::npos) << csv;
}

TEST(RenderTest, XlsxIsARealWorkbook) {
  std::string path = ::testing::TempDir() + "render_test.xlsx";
  ASSERT_TRUE(WriteXlsx(Sample(), path).ok());
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");  // a zip container
  std::remove(path.c_str());
  EXPECT_FALSE(WriteXlsx(Sample(), "/nonexistent-dir/x.xlsx").ok());
}

}  // namespace
}  // namespace tradestat::report
