// ingest/formats/formats_test.cc: the format readers on the fixtures of tests/data/formats/
// (each layout, each encoding, each kind of aggregate row) and every error path.
#include <filesystem>
#include <fstream>
#include <map>

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
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "tradestat-formats-XXXXXX").string();
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
  core::Result<LoadReport> Load(std::vector<std::string> files,
                                InputFormat format = InputFormat::kAuto, std::string flow = "",
                                std::string period = "", std::string dataset = "d",
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
  // Stored totals: flow (0 X, 1 M) -> first currency, minor units; and whether all periods are
  // annual.
  std::pair<__int128, __int128> Totals(const std::string& dataset = "d",
                                       std::optional<uint32_t> vintage = {},
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
  // Stored total of an "of which" flow (RX, DX, ...), first currency, minor units.
  __int128 SubTotal(const std::string& code, const std::string& dataset = "d") {
    auto store = store::Store::Open(store_);
    EXPECT_TRUE(store.ok());
    auto ds = store->Dataset(dataset);
    EXPECT_TRUE(ds.ok()) << ds.status().message();
    __int128 t = 0;
    const auto flow = store::FlowFromText(code);
    EXPECT_TRUE(flow.has_value()) << code;
    for (const auto& s : (*ds)->segment_metas())
      if (auto it = s.sub_totals.find(static_cast<uint8_t>(*flow));
          it != s.sub_totals.end() && !it->second.empty())
        t += it->second[0];
    return t;
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
  EXPECT_EQ(*ParseInputFormat("comext"), InputFormat::kComext);
  EXPECT_EQ(*ParseInputFormat("WITS"), InputFormat::kWits);
  EXPECT_THAT(ParseInputFormat("excel").status().message(),
              HasSubstr("expected auto, canonical, comtrade, cn-customs, comext or wits"));
}

TEST_F(FormatsTest, ComtradePlusLatin1WithEveryBreakdown) {
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("comtrade_plus_monthly_latin1.csv")}));
  const auto& f = r.files[0];
  EXPECT_EQ(f.format, "comtrade-plus");
  EXPECT_EQ(f.classification, "H6");
  EXPECT_EQ(Count(f, "data_rows"), 11u);
  EXPECT_EQ(Count(f, "counted"), 4u);  // with the RX row, stored as its own flow
  EXPECT_EQ(Count(f, "partner_total"), 1u);
  EXPECT_EQ(Count(f, "commodity_total"), 2u);
  EXPECT_EQ(Count(f, "breakdown"), 4u);
  EXPECT_EQ(Count(f, "sub_flow"), 0u);
  EXPECT_EQ(Count(f, "of_which"), 1u);
  // Values with 3 decimals: the dataset keeps money in thousandths (its money scale), exactly.
  EXPECT_EQ(r.money_scale, 3);
  EXPECT_EQ(static_cast<int64_t>(SubTotal("RX")), 50000);  // line 9: primaryValue 50
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(
      r.warnings[0],
      HasSubstr("comtrade_plus_monthly_latin1.csv:4: transport mode total row (USD 400.001)"));
  EXPECT_THAT(r.warnings[0], HasSubstr("by 2.001"));  // 400.001 - 398
  auto [x, m] = Totals();
  // 600.004 + 400.001 = 1000.005 exactly (the World row of line 2); rounded to cents row by row
  // it was 600.00 + 400.00 = 1000.00.
  EXPECT_EQ(static_cast<int64_t>(m), 1000005);
  EXPECT_EQ(static_cast<int64_t>(x), 40000);
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
  EXPECT_EQ(Count(r.files[0], "counted"), 5u);  // with the Re-Export row (RX)
  EXPECT_EQ(Count(r.files[0], "partner_total"), 1u);
  EXPECT_EQ(Count(r.files[0], "commodity_total"), 3u);  // USA TOTAL, USA 01, FRA TOTAL
  EXPECT_EQ(Count(r.files[0], "sub_flow"), 0u);
  EXPECT_EQ(Count(r.files[0], "of_which"), 1u);
  EXPECT_EQ(static_cast<int64_t>(SubTotal("RX")), 700);  // line 10: Trade Value 7
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
  EXPECT_EQ(Count(r.files[0], "counted"),
            5u);  // 100190, 1006, 2709 (M), 1001 (X), 1001 (flow 3: RX)
  EXPECT_EQ(Count(r.files[0], "of_which"), 1u);
  EXPECT_EQ(static_cast<int64_t>(SubTotal("RX")), 500);  // never in X (1,000 cents)
  EXPECT_EQ(Count(r.files[0], "commodity_total"), 4u);
  // Chapter 27 (500) exceeds its heading 2709 (300) and TOTAL (1,500) leaves room for it: a
  // residual of 200 under 27 ("products n.e.s." in chapter 27). Then TOTAL is within rounding of
  // its finest rows plus that residual (1,499), and chapter 10 of its headings (999).
  EXPECT_EQ(Count(r.files[0], "residual"), 1u);
  EXPECT_EQ(Count(r.files[0], "aggregate_mismatches"), 1u);
  EXPECT_EQ(Count(r.files[0], "rounding_differences"), 2u);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(
      r.warnings[0],
      HasSubstr("comtrade_extract_h3.csv:7: commodity 27 row (USD 500.00) differs from the sum "
                "of its 1 finest commodity rows under it (300.00) by 200.00; stored as those "
                "rows plus a residual of 200.00 under commodity 27"));
  auto [x, m] = Totals();
  EXPECT_EQ(static_cast<int64_t>(m), 129900 + 20000);
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
  EXPECT_THAT(bad.status().message(),
              HasSubstr("cn_customs_nomonth_usd_utf8.csv:1: the file has no 数据年月 (month) "
                        "column; give the period it covers with --period YYYY-MM"));
  ASSERT_OK_AND_ASSIGN(auto r, Load({Fixture("cn_customs_nomonth_usd_utf8.csv")},
                                    InputFormat::kCnCustoms, "", "2024-03"));
  EXPECT_EQ(r.currencies, std::vector<std::string>{"USD"});
  EXPECT_EQ(r.periods, std::vector<std::string>{"2024-03"});
  auto [x, m] = Totals();
  EXPECT_EQ(static_cast<int64_t>(x), 10050);
  EXPECT_EQ(static_cast<int64_t>(m), 2025);
}

TEST_F(FormatsTest, ChinaCustomsWithoutFlowNeedsFlow) {
  auto bad = Load({Fixture("cn_customs_gbk.csv")});
  EXPECT_THAT(bad.status().message(), HasSubstr("cn_customs_gbk.csv:1: the file has no flow column "
                                                "(进出口); say whether it holds imports or "
                                                "exports with --flow M or --flow X"));
  EXPECT_THAT(Load({Fixture("cn_customs_gbk.csv")}, InputFormat::kAuto, "Q").status().message(),
              HasSubstr("--flow: \"Q\" is not a flow; expected X or M"));
}

TEST_F(FormatsTest, DoubleLoadRefusedForEveryFormat) {
  ASSERT_OK(Load({Fixture("comtrade_extract_h3.csv")}).status());
  auto again = Load({Fixture("comtrade_extract_h3.csv")});
  EXPECT_THAT(again.status().message(),
              HasSubstr("this content was already loaded into dataset 'd'"));
}

TEST_F(FormatsTest, ForcedFormatWithWrongHeader) {
  std::string p = Write("x.csv", "a,b,c\n1,2,3\n");
  EXPECT_THAT(Load({p}, InputFormat::kComtrade).status().message(),
              HasSubstr("x.csv:1: comtrade-extract file without a period column"));
  EXPECT_THAT(Load({p}, InputFormat::kCnCustoms).status().message(),
              HasSubstr("x.csv:1: China customs file without a 商品编码 (commodity code) column"));
  // auto: a header that is no known layout (and not canonical-looking) is refused as such
  EXPECT_THAT(
      Load({p}).status().message(),
      HasSubstr("x.csv: not a recognised trade-file layout (header: a,b,c); supported: canonical, "
                "comtrade-plus, comtrade-legacy, comtrade-extract, cn-customs, comext, wits; see "
                "docs/formats/inputs.md"));
}

TEST_F(FormatsTest, ComtradeBadFieldsNameLineAndColumn) {
  std::string h =
      "Year,Reporter Code,Trade Flow Code,Partner Code,Classification,Commodity Code,Value\n";
  std::string p = Write("bad.csv", h + "2010,699,1,99999,H3,10,5\n"  // unknown partner
                                       "2010,699,Z,156,H3,10,5\n"    // bad flow
                                       "2010,699,1,156,H3,10,-5\n"   // negative
                                       "2010,699,1,156,H3,10,abc\n"  // not a number
                                       "2010,699,1,156,H3\n"         // short row
                                       "201,699,1,156,H3,10,5\n"     // bad period
                                       "2010,699,1,156,H3,1x,5\n");  // bad commodity
  auto r = Load({p});
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.status().message();
  EXPECT_THAT(msg,
              HasSubstr("bad.csv:2:12: Partner Code: partner code not in the Comtrade crosswalk"));
  EXPECT_THAT(
      msg,
      HasSubstr(
          "bad.csv:3:10: Trade Flow Code: not a Comtrade flow; expected 1/2, M/X, Import/Export"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:4:22: Value: negative; values must be >= 0 (value \"-5\")"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:5:22: Value: not a number (value \"abc\")"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:6: expected 7 fields as in the header, found 5"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:7:1: Year: not a period"));
  EXPECT_THAT(msg, HasSubstr("bad.csv:8:19: Commodity Code: not a commodity code"));
  EXPECT_THAT(msg, HasSubstr("7 problems found; nothing was loaded"));
}

TEST_F(FormatsTest, ChinaCustomsBadFieldsNameLineAndColumn) {
  std::string h =
      "\"数据年月\",\"贸易伙伴编码\",\"商品编码\",\"第一数量\",\"第一计量单位\",\"人民币\",\n";
  std::string p = Write("cn.csv", h + "\"202301\",\"502\",\"12019019\",\"1\",\"千克\",\"?\",\n"
                                      "\"202301\",\"502\",\"12019019\",\"1\",\"千克\",\"12,34\",\n"
                                      "\"202301\",\"1234\",\"12019019\",\"1\",\"千克\",\"1\",\n"
                                      "\"202301\",\"502\",\"12019019\",\"1\",\"扎\",\"1\",\n"
                                      "\"202313\",\"502\",\"12019019\",\"1\",\"千克\",\"1\",\n");
  auto r = Load({p}, InputFormat::kAuto, "M");
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.status().message();
  EXPECT_THAT(msg, HasSubstr("cn.csv:2:40: 人民币: missing value (\"?\" or empty)"));
  EXPECT_THAT(
      msg,
      HasSubstr(
          "cn.csv:3:40: 人民币: thousands separators not in groups of three (value \"12,34\")"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:4:10: 贸易伙伴编码: not a China customs partner code"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:5:31: 第一计量单位: unknown unit of quantity"));
  EXPECT_THAT(msg, HasSubstr("cn.csv:6:1: 数据年月: not a period"));
}

TEST_F(FormatsTest, RevisionKeepsVintagesAndReplacesOneMonth) {
  std::string h =
      "typeCode,freqCode,refYear,refMonth,period,reporterCode,reporterISO,flowCode,partnerCode,"
      "partnerISO,cmdCode,primaryValue\n";
  std::string v1 = Write("v1.csv", h + "C,M,2023,1,202301,764,THA,M,156,CHN,8542,100\n"
                                       "C,M,2023,2,202302,764,THA,M,156,CHN,8542,200\n");
  std::string v2 = Write("v2.csv", h + "C,M,2023,2,202302,764,THA,M,156,CHN,8542,250.5\n");
  ASSERT_OK_AND_ASSIGN(auto r1, Load({v1}));
  ASSERT_OK_AND_ASSIGN(auto r2, Load({v2}, InputFormat::kAuto, "", "", "d", /*replace=*/true));
  EXPECT_EQ(r2.vintage, r1.vintage + 1);
  EXPECT_EQ(static_cast<int64_t>(Totals("d", r1.vintage).second), 30000);
  EXPECT_EQ(static_cast<int64_t>(Totals("d", r2.vintage).second), 35050);
}

// ---- Issue 11: real-world inputs, round two. Expected totals are computed here from the fixture
// text (own split, own rule per case), never taken from the engine.

// Rows of a small fixture as fields (no quoted commas in these fixtures).
std::vector<std::vector<std::string>> Rows(const std::string& name) {
  std::ifstream in(Fixture(name));
  std::vector<std::vector<std::string>> out;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> f(1);
    for (char c : line) {
      if (c == ',')
        f.emplace_back();
      else if (c != '\r')
        f.back().push_back(c);
    }
    out.push_back(f);
  }
  return out;
}

// "1000600.5" -> cents (fixtures carry at most 2 decimals here).
int64_t CentsOf(const std::string& s) {
  size_t dot = s.find('.');
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  while (frac.size() < 2) frac += '0';
  return std::stoll(s.substr(0, dot)) * 100 + std::stoll(frac);
}

// Plus fixtures: columns as in their header (reporterCode 5, flowCode 7, partnerCode 8,
// partner2Code 10, motCode 12, cmdCode 14, primaryValue 15).
constexpr int kFlow = 7, kPartner = 8, kP2 = 10, kMot = 12, kCmd = 14, kValue = 15;

class RoundTwoTest : public FormatsTest {
 protected:
  core::Result<LoadReport> LoadWith(std::vector<std::string> files, bool residual = false,
                                    bool strict = false, bool append = false) {
    LoadOptions o;
    o.store_path = store_;
    o.dataset = "d";
    o.files = std::move(files);
    o.format_options.unknown_partner_residual = residual;
    o.format_options.strict = strict;
    o.append = append;
    return LoadFiles(o, refdata::Reference::Builtin());
  }
  static std::string AllWarnings(const LoadReport& r) {
    std::string all;
    for (const auto& w : r.warnings) all += w + "\n";
    return all;
  }
};

TEST_F(RoundTwoTest, EveryComtradeAreaLoadsNesGroupsFormerStatesAndBothItalies) {
  auto r = LoadWith({Fixture("comtrade_plus_areas_2022.csv")});
  ASSERT_OK(r.status());
  __int128 x = 0, m = 0;
  for (const auto& f : Rows("comtrade_plus_areas_2022.csv")) {
    if (f[kPartner] == "0") continue;  // World beside its partners is their total
    (f[kFlow] == "X" ? x : m) += CentsOf(f[kValue]);
  }
  auto [sx, sm] = Totals();
  EXPECT_EQ(static_cast<int64_t>(sx), static_cast<int64_t>(x));
  EXPECT_EQ(static_cast<int64_t>(sm), static_cast<int64_t>(m));
  EXPECT_EQ(Count(r->files[0], "partner_total"), 1u);
  EXPECT_EQ(Count(r->files[0], "rejected"), 0u);
}

TEST_F(RoundTwoTest, UnknownAreaCodeIsOneProblemOrTheNotSpecifiedPartner) {
  auto r = LoadWith({Fixture("comtrade_plus_unknown_partner.csv")});
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.status().message();
  EXPECT_THAT(msg, HasSubstr("comtrade_plus_unknown_partner.csv:3:"));
  EXPECT_THAT(msg, HasSubstr("\"439\""));
  EXPECT_THAT(msg, HasSubstr("2 rows carry this code"));
  EXPECT_THAT(msg, HasSubstr("1 problem found"));
  EXPECT_THAT(msg, HasSubstr("--unknown-partner residual"));
  auto ok = LoadWith({Fixture("comtrade_plus_unknown_partner.csv")}, /*residual=*/true);
  ASSERT_OK(ok.status());
  __int128 x = 0;
  for (const auto& f : Rows("comtrade_plus_unknown_partner.csv")) x += CentsOf(f[kValue]);
  EXPECT_EQ(static_cast<int64_t>(Totals().first), static_cast<int64_t>(x));
  EXPECT_EQ(Count(ok->files[0], "unknown_partner"), 2u);
  EXPECT_THAT(AllWarnings(*ok), HasSubstr("stored under partner XNS"));
}

TEST_F(RoundTwoTest, TradeFlowCodeZeroFallsBackToTheTextAndOfWhichFlowsAreStoredApart) {
  auto r = LoadWith({Fixture("comtrade_legacy_flow0.csv")});
  ASSERT_OK(r.status());
  __int128 x = 0, m = 0;
  std::map<std::string, __int128> sub;
  for (const auto& f : Rows("comtrade_legacy_flow0.csv")) {
    // Trade Flow Code 6, Trade Flow 7, Trade Value 16.
    std::string flow = f[6] != "0" ? f[6] : f[7];
    if (flow == "X" || flow == "2")
      x += CentsOf(f[16]);
    else if (flow == "M" || flow == "1" || flow == "Import")
      m += CentsOf(f[16]);
    else
      sub[flow] += CentsOf(f[16]);
  }
  auto [sx, sm] = Totals();
  EXPECT_EQ(static_cast<int64_t>(sx), static_cast<int64_t>(x));  // RX, DX, XOP never added to X
  EXPECT_EQ(static_cast<int64_t>(sm), static_cast<int64_t>(m));  // RM, FM never added to M
  ASSERT_EQ(sub.size(), 5u);                                     // RX, RM, DX, FM, XOP
  for (const auto& [code, total] : sub)
    EXPECT_EQ(static_cast<int64_t>(SubTotal(code)), static_cast<int64_t>(total)) << code;
  EXPECT_EQ(Count(r->files[0], "sub_flow"), 0u);
  EXPECT_EQ(Count(r->files[0], "of_which"), 5u);
}

TEST_F(RoundTwoTest, WithoutAnAllOfThemRowExactlyOneBreakdownIsStored) {
  auto r = LoadWith({Fixture("comtrade_plus_breakdowns_no_total.csv")});
  ASSERT_OK(r.status());
  // China: transport-mode rows (partner2 0) and partner2 rows (mode 0) break down the same figure;
  // the larger (more complete) one is the figure. USA: the all-of-them row is the figure.
  __int128 by_mot = 0, by_p2 = 0, usa = 0;
  for (const auto& f : Rows("comtrade_plus_breakdowns_no_total.csv")) {
    if (f[kPartner] == "842") {
      if (f[kMot] == "0" && f[kP2] == "0") usa += CentsOf(f[kValue]);
    } else if (f[kMot] != "0") {
      by_mot += CentsOf(f[kValue]);
    } else {
      by_p2 += CentsOf(f[kValue]);
    }
  }
  EXPECT_EQ(static_cast<int64_t>(Totals().second),
            static_cast<int64_t>(std::max(by_mot, by_p2) + usa));
  EXPECT_EQ(static_cast<int64_t>(Totals().second),
            9356900 + 700000);  // 93,569 + 7,000, never 186,569 + ...
  EXPECT_THAT(AllWarnings(*r),
              HasSubstr("the transport mode breakdown (3 rows, 93,569.00) is stored"));
  EXPECT_EQ(Count(r->files[0], "breakdown"), 3u);
}

TEST_F(RoundTwoTest, AnAggregateAboveItsPartsIsStoredAsPartsPlusAResidual) {
  auto r = LoadWith({Fixture("comtrade_plus_residuals.csv")});
  ASSERT_OK(r.status());
  // Totals equal the published aggregates where they exceed their parts beyond rounding
  // (half a unit per part); within rounding (JPN TOTAL 400.4 vs 400) the parts are kept.
  __int128 world_x = 0, usa_total_m = 0, jpn_parts_m = 0;
  for (const auto& f : Rows("comtrade_plus_residuals.csv")) {
    if (f[kFlow] == "X" && f[kPartner] == "0") world_x += CentsOf(f[kValue]);
    if (f[kFlow] == "M" && f[kPartner] == "842" && f[kCmd] == "TOTAL")
      usa_total_m += CentsOf(f[kValue]);
    if (f[kFlow] == "M" && f[kPartner] == "392" && f[kCmd] != "TOTAL")
      jpn_parts_m += CentsOf(f[kValue]);
  }
  auto [sx, sm] = Totals();
  EXPECT_EQ(static_cast<int64_t>(sx), static_cast<int64_t>(world_x));
  EXPECT_EQ(static_cast<int64_t>(sm), static_cast<int64_t>(usa_total_m + jpn_parts_m));
  EXPECT_EQ(Count(r->files[0], "residual"), 2u);
  EXPECT_EQ(Count(r->files[0], "rounding_differences"), 1u);
  std::string all = AllWarnings(*r);
  EXPECT_THAT(all, HasSubstr("plus a residual of 100.00 under partner XNS (not specified)"));
  EXPECT_THAT(all, HasSubstr("plus a residual of 50.00 under commodity 00"));
  EXPECT_EQ(all.find("the parts are counted, the total is not"), std::string::npos);
}

TEST_F(RoundTwoTest, SpreadsheetChaptersAndScientificNotation) {
  auto r = LoadWith({Fixture("comtrade_plus_spreadsheet_chapters.csv")});
  ASSERT_OK(r.status());
  __int128 x = 0;
  for (const auto& f : Rows("comtrade_plus_spreadsheet_chapters.csv"))
    if (f[kCmd] != "TOTAL")
      x += f[kValue] == "1.12339E+11" ? __int128{11233900000000} : CentsOf(f[kValue]);
  EXPECT_EQ(static_cast<int64_t>(Totals().first),
            static_cast<int64_t>(x));  // chapters 1, 9 kept as 01, 09
  std::string all = AllWarnings(*r);
  EXPECT_THAT(
      all,
      HasSubstr(
          "comtrade_plus_spreadsheet_chapters.csv:6: primaryValue 1.12339E+11 is in scientific "
          "notation"));
  EXPECT_THAT(all, HasSubstr("the 6 significant digits"));
  EXPECT_THAT(all, HasSubstr("(1 -> 01)"));
  EXPECT_EQ(Count(r->files[0], "scientific_notation"), 2u);
  std::filesystem::remove_all(
      store_);  // a fresh store: the same content would be refused as loaded
  ASSERT_OK(store::Store::Create(store_));
  auto strict =
      LoadWith({Fixture("comtrade_plus_spreadsheet_chapters.csv")}, false, /*strict=*/true);
  ASSERT_FALSE(strict.ok());
  EXPECT_THAT(strict.status().message(), HasSubstr("--strict refuses it"));
  auto ambiguous = LoadWith({Fixture("comtrade_extract_ambiguous_zeros.csv")});
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_THAT(ambiguous.status().message(),
              HasSubstr("comtrade_extract_ambiguous_zeros.csv:2: commodity code 1"));
  EXPECT_THAT(ambiguous.status().message(), HasSubstr("it cannot be told"));
}

TEST_F(RoundTwoTest, ServicesErrorTextsAndUnknownLayoutsAreRefusedWithWhatTheyAre) {
  auto s = LoadWith({Fixture("comtrade_plus_services.csv")});
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.status().message(), HasSubstr("services file"));
  auto e = LoadWith({Fixture("comtrade_error_message.csv")});
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("not trade data"));
  auto c = LoadWith(
      {Write("unknown.csv", "DATAFLOW,LAST UPDATE,freq,reporter,partner,OBS\nX,1,M,FR,CN,1\n")});
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(),
              HasSubstr("not a recognised trade-file layout (header: DATAFLOW,"));
  EXPECT_THAT(c.status().message(),
              HasSubstr("supported: canonical, comtrade-plus, comtrade-legacy, comtrade-extract, "
                        "cn-customs, comext, wits"));
  // Nothing was stored by any of them.
  auto store = store::Store::Open(store_);
  ASSERT_OK(store.status());
  EXPECT_FALSE(store->Dataset("d").ok());
}

TEST_F(RoundTwoTest, MonthsAlreadyLoadedNeedAppendOrReplace) {
  std::string a = Write(
      "a.csv", "period,flow,reporter,partner,commodity,value_cny\n2023-01,X,CHN,USA,01,100\n");
  std::string b = Write(
      "b.csv", "period,flow,reporter,partner,commodity,value_cny\n2023-01,X,CHN,USA,01,100.00\n");
  ASSERT_OK(LoadWith({a}).status());
  auto again = LoadWith({b});
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.status().message(),
              HasSubstr("period 2023-01 already holds data in dataset 'd'"));
  EXPECT_THAT(again.status().message(), HasSubstr("a.csv (vintage 1"));
  EXPECT_THAT(again.status().message(), HasSubstr("--append"));
  EXPECT_EQ(static_cast<int64_t>(Totals().first), 10000);
  ASSERT_OK(LoadWith({b}, false, false, /*append=*/true).status());
  EXPECT_EQ(static_cast<int64_t>(Totals().first), 20000);
}

// Comext and WITS (items 7 and 8): totals computed here from the fixture text, by the rule each
// layout documents, never by the reader's code.
std::vector<std::vector<std::string>> CsvRows(const std::string& name) {
  std::ifstream in(Fixture(name));
  std::string line;
  std::vector<std::vector<std::string>> out;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string cur;
    for (char c : line) {
      if (c == ',')
        f.push_back(cur), cur.clear();
      else if (c != '\r')
        cur.push_back(c);
    }
    f.push_back(cur);
    out.push_back(f);
  }
  return out;
}

// "1500.250" thousands -> cents (x 1000 x 100).
int64_t ThousandsToCents(const std::string& s) {
  size_t dot = s.find('.');
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  while (frac.size() < 5) frac += '0';
  return std::stoll(s.substr(0, dot)) * 100000 + std::stoll(frac.substr(0, 5));
}

TEST_F(RoundTwoTest, ComextSdmxExtractLoadsEurosAndKilogramsWithResiduals) {
  auto r = LoadWith({Fixture("comext_sdmx_extract.csv")});
  ASSERT_OK(r.status());
  EXPECT_EQ(r->currencies, std::vector<std::string>{"EUR"});
  // Per flow: the WORLD TOTAL value where the file has it (its excess over the countries is the
  // residual XNS), else the sum of the countries' TOTAL values.
  __int128 world[2] = {-1, -1}, countries[2] = {0, 0};
  for (const auto& f : CsvRows("comext_sdmx_extract.csv")) {
    // freq 2, reporter 3, partner 4, product 5, flow 6, indicators 7, TIME_PERIOD 8, OBS_VALUE 9.
    if (f[7] != "VALUE_IN_EUROS" || f[9].empty() || f[5] != "TOTAL") continue;
    int flow = f[6] == "2" ? 0 : 1;
    if (f[4] == "WORLD")
      world[flow] = CentsOf(f[9]);
    else if (f[4].find('_') == std::string::npos)
      countries[flow] += CentsOf(f[9]);
  }
  auto [sx, sm] = Totals();
  EXPECT_EQ(static_cast<int64_t>(sx),
            static_cast<int64_t>(world[0] >= 0 ? world[0] : countries[0]));
  EXPECT_EQ(static_cast<int64_t>(sm),
            static_cast<int64_t>(world[1] >= 0 ? world[1] : countries[1]));
  EXPECT_EQ(static_cast<int64_t>(sm), 100000);  // EUR 1,000: never 1,000 + 600 + 400 + 900
  EXPECT_EQ(Count(r->files[0], "residual"),
            2u);  // World's excess under XNS; TOTAL's over 8542 under 00
  EXPECT_EQ(Count(r->files[0], "not_available"), 2u);
  EXPECT_EQ(Count(r->files[0], "rejected"), 0u);
  EXPECT_EQ(r->files[0].format, "comext-sdmx");
  std::string all = AllWarnings(*r);
  EXPECT_THAT(all, HasSubstr("partner groups EU27_2020 (1 rows), EXTRA_EU27_2020 (1 rows)"));
  EXPECT_THAT(all, HasSubstr("residual of 100.00 under partner XNS"));
}

TEST_F(RoundTwoTest, ComextBulkFileAddsProceduresAndConfidentialTrade) {
  auto r = LoadWith({Fixture("comext_bulk_full.csv")});
  ASSERT_OK(r.status());
  // Monthly: every CN8 row (statistical procedures are disjoint parts; 8542SSSS is confidential
  // trade of heading 8542); TOTAL rows are their sum. Annual (PERIOD 202352): its own period.
  __int128 x = 0, m = 0, annual = 0, total_m = 0;
  for (const auto& f : CsvRows("comext_bulk_full.csv")) {
    // PRODUCT_NC 5, FLOW 6, PERIOD 8, VALUE_IN_EUROS 9.
    if (f[8] == "202352") {
      annual += CentsOf(f[9]);
      continue;
    }
    if (f[5] == "TOTAL") {
      total_m += CentsOf(f[9]);
      continue;
    }
    (f[6] == "2" ? x : m) += CentsOf(f[9]);
  }
  EXPECT_EQ(static_cast<int64_t>(m),
            static_cast<int64_t>(total_m));  // the fixture's TOTAL rows agree
  auto store = store::Store::Open(store_);
  ASSERT_OK(store.status());
  auto ds = store->Dataset("d");
  ASSERT_OK(ds.status());
  __int128 sx = 0, sm = 0, sa = 0;
  for (const auto& s : (*ds)->segment_metas()) {
    if (s.period.is_annual()) {
      sa += s.totals[1][0];
      continue;
    }
    sx += s.totals[0][0];
    sm += s.totals[1][0];
  }
  EXPECT_EQ(static_cast<int64_t>(sx), static_cast<int64_t>(x));
  EXPECT_EQ(static_cast<int64_t>(sm), static_cast<int64_t>(m));
  EXPECT_EQ(static_cast<int64_t>(sa), static_cast<int64_t>(annual));
  EXPECT_EQ(Count(r->files[0], "commodity_total"), 2u);
  EXPECT_EQ(Count(r->files[0], "aggregate_mismatches"), 0u);
  EXPECT_EQ(r->files[0].format, "comext-bulk");
}

TEST_F(RoundTwoTest, ComextNumericCodesWithoutIsoColumnsAreOneProblem) {
  std::string f = Write(
      "geonom.csv",
      "DECLARANT,PARTNER,PRODUCT_NC,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG\n"
      "001,0720,85423100,1,1,202301,100,1\n001,0720,85423900,1,1,202301,100,1\n");
  auto r = LoadWith({f});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("geonom.csv:2:1: DECLARANT: reporter code not known (a numeric Eurostat "
                        "GEONOM code"));
  EXPECT_THAT(r.status().message(), HasSubstr("2 rows carry this code"));
}

TEST_F(RoundTwoTest, WitsThousandsOfDollarsUnitsMergedGrossKeptOut) {
  auto r = LoadWith({Fixture("wits_trade.csv")});
  ASSERT_OK(r.status());
  // Exports: World is the figure (its excess over the partners is the residual XNS). Imports:
  // heading 8542 is the figure for China (its excess over 854231 + 854239 is a residual), plus
  // Other Asia's total, given only as Gross Imp.
  __int128 x = -1, m = 0;
  for (const auto& f : CsvRows("wits_trade.csv")) {
    // ProductCode 2, PartnerISO3 4, TradeFlowName 7, TradeValue in 1000 USD 9.
    if (f[7] == "Export" && f[4] == "WLD") x = ThousandsToCents(f[9]);
    if (f[7] == "Import" && f[2] == "8542") m += ThousandsToCents(f[9]);
    if (f[7] == "Gross Imp." && f[4] == "OAS") m += ThousandsToCents(f[9]);
  }
  auto [sx, sm] = Totals();
  EXPECT_EQ(static_cast<int64_t>(sx), static_cast<int64_t>(x));
  EXPECT_EQ(static_cast<int64_t>(sm), static_cast<int64_t>(m));
  EXPECT_EQ(static_cast<int64_t>(sx), 150025000);
  EXPECT_EQ(Count(r->files[0], "merged"), 1u);    // China's second quantity unit
  EXPECT_EQ(Count(r->files[0], "sub_flow"), 1u);  // Gross Exp. beside Export (the same figure)
  EXPECT_EQ(Count(r->files[0], "of_which"), 1u);  // Re-Export, stored as RX
  __int128 rx = 0;
  for (const auto& f : CsvRows("wits_trade.csv"))
    if (f[7] == "Re-Export") rx += ThousandsToCents(f[9]);
  EXPECT_EQ(static_cast<int64_t>(SubTotal("RX")), static_cast<int64_t>(rx));
  EXPECT_EQ(Count(r->files[0], "residual"), 2u);
  EXPECT_EQ(Count(r->files[0], "rejected"), 0u);
  EXPECT_EQ(r->files[0].format, "wits");
  EXPECT_EQ(r->files[0].classification, "H4");
  std::string all = AllWarnings(*r);
  EXPECT_THAT(all, HasSubstr("further quantity unit"));
  EXPECT_THAT(all, HasSubstr("Gross Exp./Gross Imp. rows repeat"));
  EXPECT_THAT(all, HasSubstr("partner groups EUN (1 rows)"));
}

}  // namespace
}  // namespace tradestat::ingest
