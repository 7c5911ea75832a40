// ingest/formats/formats_test.cc: the format readers on the fixtures of tests/data/formats/
// (each layout, each encoding, each kind of aggregate row) and every error path.
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "core/testing/test_paths.h"
#include "ingest/formats/encoding.h"
#include "ingest/loader.h"
#include "store/store.h"

namespace tradestat::ingest {
namespace {

using ::testing::HasSubstr;

std::string Fixture(const std::string& name) {
  return core::testing::SourceDir() + "/tests/data/formats/" + name;
}

uint64_t Count(const store::LoadedFile& f, const std::string& key) {
  for (const auto& [k, v] : f.treatment)
    if (k == key) return v;
  return ~uint64_t{0};
}

class FormatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-formats-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    store_ = dir_ + "/store";
    ASSERT_OK(store::Store::Create(store_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  core::Result<LoadReport> Load(std::vector<std::string> files, InputFormat format = InputFormat::kAuto,
                                std::string flow = "", std::string period = "", std::string dataset = "d",
                                bool replace = false) {
    LoadOptions o;
    o.store_path = store_;
    o.dataset = dataset;
    o.files = std::move(files);
    o.format = format;
    o.format_options.flow = flow;
    o.format_options.period = period;
    o.replace = replace;
    return LoadFiles(o, refdata::Reference::Builtin());
  }
  // Stored totals: flow (0 X, 1 M) -> first currency, minor units; and whether all periods are annual.
  std::pair<__int128, __int128> Totals(const std::string& dataset = "d", std::optional<uint32_t> vintage = {},
                                       bool* annual = nullptr) {
    auto store = store::Store::Open(store_);
    EXPECT_TRUE(store.ok());
    auto ds = store->Dataset(dataset, vintage);
    EXPECT_TRUE(ds.ok()) << ds.status().message();
    __int128 x = 0, m = 0;
    if (annual) *annual = true;
    for (const auto& s : (*ds)->segment_metas()) {
      if (!s.totals[0].empty()) x += s.totals[0][0];
      if (!s.totals[1].empty()) m += s.totals[1][0];
      if (annual) *annual &= s.period.is_annual();
    }
    return {x, m};
  }
  std::string dir_, store_;
};

TEST(EncodingTest, ConvertsLatin1AndGbk) {
  EXPECT_TRUE(IsValidUtf8("C\xC3\xB4te"));
  EXPECT_FALSE(IsValidUtf8("C\xF4te"));
  EXPECT_EQ(Latin1ToUtf8("C\xF4te"), "C\xC3\xB4te");
  EXPECT_EQ(Gb18030ToUtf8("\xC8\xCB\xC3\xF1\xB1\xD2"), "人民币");
  EXPECT_EQ(ToUtf8("\xC8\xCB\xC3\xF1\xB1\xD2", true), "人民币");
}

TEST(FormatNamesTest, Parse) {
  EXPECT_EQ(*ParseInputFormat("cn-customs"), InputFormat::kCnCustoms);
  EXPECT_EQ(*ParseInputFormat("Comtrade"), InputFormat::kComtrade);
  EXPECT_THAT(ParseInputFormat("excel").status().message(), HasSubstr("expected auto, canonical, comtrade or cn-customs"));
}

TEST_F(FormatsTest, ComtradePlusLatin1WithEveryBreakdown) {
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("comtrade_plus_monthly_latin1.csv")}));
  const auto& f = r.files[0];
  EXPECT_EQ(f.format, "comtrade-plus");
  EXPECT_EQ(f.classification, "H6");
  EXPECT_EQ(Count(f, "data_rows"), 11u);
  EXPECT_EQ(Count(f, "counted"), 3u);
  EXPECT_EQ(Count(f, "partner_total"), 1u);
  EXPECT_EQ(Count(f, "commodity_total"), 2u);
  EXPECT_EQ(Count(f, "breakdown"), 4u);
  EXPECT_EQ(Count(f, "sub_flow"), 1u);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0], HasSubstr("comtrade_plus_monthly_latin1.csv:4: transport mode total row (USD 400.00)"));
  EXPECT_THAT(r.warnings[0], HasSubstr("by 2.00"));
  auto [x, m] = Totals();
  EXPECT_EQ(static_cast<int64_t>(m), 100000);  // 600.004 -> 600.00, 400.001 -> 400.00
  EXPECT_EQ(static_cast<int64_t>(x), 4000);
  EXPECT_EQ(r.periods, std::vector<std::string>{"2023-01"});
}

TEST_F(FormatsTest, ComtradeTariffLineCifFobVariant) {
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("comtrade_tariffline_cifvalue.csv")}));
  EXPECT_EQ(r.files[0].format, "comtrade-plus");
  EXPECT_EQ(Count(r.files[0], "counted"), 3u);
  bool annual = false;
  auto [x, m] = Totals("d", {}, &annual);
  EXPECT_EQ(static_cast<int64_t>(m), 200000);
  EXPECT_EQ(static_cast<int64_t>(x), 80000);
  EXPECT_TRUE(annual);
  EXPECT_EQ(r.periods, std::vector<std::string>{"2022"});
}

TEST_F(FormatsTest, ComtradeLegacyAnnualStaysAnnual) {
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("comtrade_legacy_annual_crlf.csv")}));
  EXPECT_EQ(r.files[0].format, "comtrade-legacy");
  EXPECT_EQ(Count(r.files[0], "counted"), 4u);
  EXPECT_EQ(Count(r.files[0], "partner_total"), 1u);
  EXPECT_EQ(Count(r.files[0], "commodity_total"), 3u);  // USA TOTAL, USA 01, FRA TOTAL
  EXPECT_EQ(Count(r.files[0], "sub_flow"), 1u);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings[0];
  bool annual = false;
  auto [x, m] = Totals("d", {}, &annual);
  EXPECT_EQ(static_cast<int64_t>(x), 30000);
  EXPECT_EQ(static_cast<int64_t>(m), 5550);
  EXPECT_TRUE(annual);
  EXPECT_EQ(r.periods, std::vector<std::string>{"2015"});
}

TEST_F(FormatsTest, ComtradeExtractReportsInconsistentAggregates) {
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("comtrade_extract_h3.csv")}));
  EXPECT_EQ(r.files[0].format, "comtrade-extract");
  EXPECT_EQ(r.files[0].classification, "H3");
  EXPECT_EQ(Count(r.files[0], "counted"), 4u);  // 100190, 1006, 2709 (M), 1001 (X)
  EXPECT_EQ(Count(r.files[0], "commodity_total"), 4u);
  EXPECT_EQ(Count(r.files[0], "aggregate_mismatches"), 2u);
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_THAT(r.warnings[0], HasSubstr("comtrade_extract_h3.csv:2: commodity TOTAL row (USD 1,500.00) differs from the "
                                       "sum of its 3 finest commodity rows under it (1,299.00) by 201.00"));
  EXPECT_THAT(r.warnings[1], HasSubstr("comtrade_extract_h3.csv:7: commodity 27 row"));
  auto [x, m] = Totals();
  EXPECT_EQ(static_cast<int64_t>(m), 129900);
  EXPECT_EQ(static_cast<int64_t>(x), 1000);
}

TEST_F(FormatsTest, ChinaCustomsGbk) {
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("cn_customs_gbk.csv")}, InputFormat::kAuto, "M"));
  EXPECT_EQ(r.files[0].format, "cn-customs");
  EXPECT_EQ(r.currencies, std::vector<std::string>{"CNY"});
  EXPECT_EQ(Count(r.files[0], "counted"), 2u);
  EXPECT_EQ(Count(r.files[0], "partner_total"), 1u);
  EXPECT_EQ(Count(r.files[0], "commodity_total"), 1u);
  EXPECT_TRUE(r.warnings.empty());
  auto [x, m] = Totals();
  EXPECT_EQ(static_cast<int64_t>(m), 123656789);
  EXPECT_EQ(static_cast<int64_t>(x), 0);
}

TEST_F(FormatsTest, ChinaCustomsWithoutMonthNeedsPeriod) {
  auto bad = Load({Fixture("cn_customs_nomonth_usd_utf8.csv")});
  EXPECT_THAT(bad.status().message(), HasSubstr("cn_customs_nomonth_usd_utf8.csv:1: the file has no 数据年月 (month) "
                                                "column; give the period it covers with --period YYYY-MM"));
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("cn_customs_nomonth_usd_utf8.csv")}, InputFormat::kCnCustoms, "", "2024-03"));
  EXPECT_EQ(r.currencies, std::vector<std::string>{"USD"});
  EXPECT_EQ(r.periods, std::vector<std::string>{"2024-03"});
  auto [x, m] = Totals();
  EXPECT_EQ(static_cast<int64_t>(x), 10050);
  EXPECT_EQ(static_cast<int64_t>(m), 2025);
}

TEST_F(FormatsTest, ChinaCustomsWithoutFlowNeedsFlow) {
  auto bad = Load({Fixture("cn_customs_gbk.csv")});
  EXPECT_THAT(bad.status().message(),
              HasSubstr("cn_customs_gbk.csv:1: the file has no flow column (进出口); say whether it holds imports or "
                        "exports with --flow M or --flow X"));
  EXPECT_THAT(Load({Fixture("cn_customs_gbk.csv")}, InputFormat::kAuto, "Q").status().message(),
              HasSubstr("--flow: \"Q\" is not a flow; expected X or M"));
}

TEST_F(FormatsTest, DoubleLoadRefusedForEveryFormat) {
  ASSERT_OK(Load({Fixture("comtrade_extract_h3.csv")}).status());
  auto again = Load({Fixture("comtrade_extract_h3.csv")});
  EXPECT_THAT(again.status().message(), HasSubstr("this content was already loaded into dataset 'd'"));
}

TEST_F(FormatsTest, ForcedFormatWithWrongHeader) {
  std::string p = Write("x.csv", "a,b,c\n1,2,3\n");
  EXPECT_THAT(Load({p}, InputFormat::kComtrade).status().message(),
              HasSubstr("x.csv:1: comtrade-extract file without a period column"));
  EXPECT_THAT(Load({p}, InputFormat::kCnCustoms).status().message(),
              HasSubstr("x.csv:1: China customs file without a 商品编码 (commodity code) column"));
  // auto falls back to the canonical layout and its messages
  EXPECT_THAT(Load({p}).status().message(), HasSubstr("x.csv:1:1: unknown column \"a\""));
}

TEST_F(FormatsTest, ComtradeBadFieldsNameLineAndColumn) {
  std::string h = "Year,Reporter Code,Trade Flow Code,Partner Code,Classification,Commodity Code,Value\n";
  std::string p = Write("bad.csv", h +
                                       "2010,699,1,99999,H3,10,5\n"   // unknown partner
                                       "2010,699,Z,156,H3,10,5\n"     // bad flow
                                       "2010,699,1,156,H3,10,-5\n"    // negative
                                       "2010,699,1,156,H3,10,abc\n"   // not a number
                                       "2010,699,1,156,H3\n"          // short row
                                       "201,699,1,156,H3,10,5\n"      // bad period
                                       "2010,699,1,156,H3,1x,5\n");   // bad commodity
  auto r = Load({p});
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.status().message();
  EXPECT_THAT(msg, HasSubstr("bad.csv:2:12: Partner Code: partner code not in the Comtrade crosswalk"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:3:10: Trade Flow Code: not a Comtrade flow; expected 1/2, M/X, Import/Export"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:4:22: Value: negative; values must be >= 0 (value \"-5\")"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:5:22: Value: not a number (value \"abc\")"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:6: expected 7 fields as in the header, found 5"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:7:1: Year: not a period"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:8:19: Commodity Code: not a commodity code"));
  EXPECT_THAT(msg, HasSubstr("7 problems found; nothing was loaded"));
}

TEST_F(FormatsTest, ChinaCustomsBadFieldsNameLineAndColumn) {
  std::string h = "\"数据年月\",\"贸易伙伴编码\",\"商品编码\",\"第一数量\",\"第一计量单位\",\"人民币\",\n";
  std::string p = Write("cn.csv", h +
                                      "\"202301\",\"502\",\"12019019\",\"1\",\"千克\",\"?\",\n"
                                      "\"202301\",\"502\",\"12019019\",\"1\",\"千克\",\"12,34\",\n"
                                      "\"202301\",\"1234\",\"12019019\",\"1\",\"千克\",\"1\",\n"
                                      "\"202301\",\"502\",\"12019019\",\"1\",\"扎\",\"1\",\n"
                                      "\"202313\",\"502\",\"12019019\",\"1\",\"千克\",\"1\",\n");
  auto r = Load({p}, InputFormat::kAuto, "M");
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.status().message();
  EXPECT_THAT(msg, HasSubstr("cn.csv:2:40: 人民币: missing value (\"?\" or empty)"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:3:40: 人民币: thousands separators not in groups of three (value \"12,34\")"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:4:10: 贸易伙伴编码: not a China customs partner code"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:5:31: 第一计量单位: unknown unit of quantity"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:6:1: 数据年月: not a period"));
}

TEST_F(FormatsTest, RevisionKeepsVintagesAndReplacesOneMonth) {
  std::string h = "typeCode,freqCode,refYear,refMonth,period,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,cmdCode,primaryValue\n";
  std::string v1 = Write("v1.csv", h + "C,M,2023,1,202301,764,THA,M,156,CHN,8542,100\n"
                                       "C,M,2023,2,202302,764,THA,M,156,CHN,8542,200\n");
  std::string v2 = Write("v2.csv", h + "C,M,2023,2,202302,764,THA,M,156,CHN,8542,250.5\n");
  ASSERT_OK_AND_ASSIGN(auto r1, Load({v1}));
  ASSERT_OK_AND_ASSIGN(auto r2, Load({v2}, InputFormat::kAuto, "", "", "d", /*replace=*/true));
  EXPECT_EQ(r2.vintage, r1.vintage + 1);
  EXPECT_EQ(static_cast<int64_t>(Totals("d", r1.vintage).second), 30000);
  EXPECT_EQ(static_cast<int64_t>(Totals("d", r2.vintage).second), 35050);
}

}  // namespace
}  // namespace tradestat::ingest
