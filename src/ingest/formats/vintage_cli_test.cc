// ingest/formats/vintage_cli_test.cc: the revision workflow end to end through the tradestat
// binary: load a Comtrade file, replace one month, query --as-of before and after, and diff
// shows exactly the change; check passes. (Lives beside the format readers it exercises.)
#include <cstdio>
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/testing/cli_runner.h"

namespace tradestat::ingest {
namespace {

using ::testing::HasSubstr;

using core::testing::CliRun;

std::string fmt_month(int m) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2022-%02d,M,CHN,USA,8542,10\n", m);
  return buf;
}

class VintageCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(core::testing::TradestatBinary()))
        << core::testing::TradestatBinary() << " not built";
  }
  // Standard error is merged into `out`: the tests read messages and figures alike.
  CliRun Exec(const std::string& args) {
    return core::testing::RunPiped(core::testing::TradestatBinary() + " " + args + " 2>&1");
  }
  std::string Write(const std::string& name, const std::string& text) {
    return scratch_.Write(name, text);
  }

  core::testing::ScratchDir scratch_{"tradestat-vintage"};
  const std::string dir_ = scratch_.path();
};

TEST_F(VintageCliTest, ReplaceOneMonthQueryAsOfAndDiff) {
  const std::string h =
      "typeCode,freqCode,refYear,refMonth,period,reporterCode,reporterISO,flowCode,partnerCode,"
      "partnerISO,cmdCode,"
      "primaryValue\n";
  std::string v1 = Write("v1.csv", h + "C,M,2023,1,202301,764,THA,M,156,CHN,8542,100\n"
                                       "C,M,2023,2,202302,764,THA,M,0,W00,8542,230\n"
                                       "C,M,2023,2,202302,764,THA,M,156,CHN,8542,200\n"
                                       "C,M,2023,2,202302,764,THA,M,392,JPN,8542,30\n");
  std::string v2 = Write("v2.csv", h + "C,M,2023,2,202302,764,THA,M,156,CHN,8542,250.5\n"
                                       "C,M,2023,2,202302,764,THA,M,392,JPN,8542,30\n");
  std::string store = dir_ + "/s";
  ASSERT_EQ(Exec("init " + store).exit_code, 0);
  CliRun load = Exec("load " + store + " -d rev " + v1);
  ASSERT_EQ(load.exit_code, 0) << load.out;
  EXPECT_THAT(load.out, HasSubstr("v1.csv: comtrade-plus, 4 rows: 3 counted, 1 partner_total"));
  CliRun replace = Exec("load " + store + " -d rev --replace --format comtrade " + v2);
  ASSERT_EQ(replace.exit_code, 0) << replace.out;

  const std::string q =
      "query " + store + " -d rev --period 2023-02 --flow M --compare none --format csv";
  CliRun before = Exec(q + " --as-of 1");
  CliRun after = Exec(q + " --as-of 2");
  CliRun now = Exec(q);
  CliRun future = Exec(q + " --as-of 2999-01-01");
  EXPECT_THAT(before.out, HasSubstr("TOTAL,230.00"))
      << before.out;  // World row not added to its parts
  EXPECT_THAT(after.out, HasSubstr("TOTAL,280.50")) << after.out;
  EXPECT_EQ(now.out, after.out);
  EXPECT_EQ(future.out, after.out);
  EXPECT_THAT(Exec(q + " --as-of 1999-01-01").out,
              HasSubstr("--as-of: dataset 'rev' did not exist yet on 1999-01-01"));
  EXPECT_THAT(Exec(q + " --as-of 7").out, HasSubstr("--as-of: dataset 'rev' has no vintage 7"));
  // January was not in the revision: unchanged in both vintages.
  CliRun jan = Exec("query " + store +
                    " -d rev --period 2023-01 --flow M --compare none --format csv --as-of 2");
  EXPECT_THAT(jan.out, HasSubstr("TOTAL,100.00"));

  CliRun diff = Exec("diff " + store + " --dataset rev --from 1 --to 2");
  ASSERT_EQ(diff.exit_code, 0) << diff.out;
  EXPECT_THAT(diff.out, HasSubstr("2023-02\tM\tTHA\tCHN\t8542\t\t\t200.00\t250.50\t+50.50\n"));
  EXPECT_THAT(diff.out, HasSubstr("2023-02\tM\t200.00\t250.50\t+50.50\n"));
  EXPECT_THAT(diff.out, HasSubstr("1 cell changed (0 added, 0 removed, 1 revised)"));
  EXPECT_THAT(diff.out, ::testing::Not(HasSubstr("JPN")));
  EXPECT_THAT(diff.out, ::testing::Not(HasSubstr("2023-01")));

  CliRun check = Exec("check " + store);
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_THAT(check.out, HasSubstr("OK: 0 violations"));
  CliRun info = Exec("info " + store);
  EXPECT_THAT(info.out, HasSubstr("v1.csv: comtrade-plus: 3 counted, 1 partner_total"));
}

TEST_F(VintageCliTest, CheckReportsViolations) {
  std::string store = dir_ + "/s";
  ASSERT_EQ(Exec("init " + store).exit_code, 0);
  // Canonical data keep World beside partners (nothing is dropped from canonical files): check
  // compares them. World 100 but partners 60 + 30 = 90.
  std::string csv =
      "period,flow,reporter,partner,commodity,value_usd\n"
      "2023-01,X,CHN,WLD,8542,100\n2023-01,X,CHN,USA,8542,60\n2023-01,X,CHN,JPN,8542,30\n";
  ASSERT_EQ(Exec("load " + store + " -d bad " + Write("bad.csv", csv)).exit_code, 0);
  // A year beside its twelve months: months sum to 12 x 10 = 120, the year says 135 (beyond one
  // unit per month).
  std::string months = "period,flow,reporter,partner,commodity,value_usd\n";
  for (int m = 1; m <= 12; ++m) months += fmt_month(m);
  months += "2022,M,CHN,USA,8542,135\n";
  ASSERT_EQ(Exec("load " + store + " -d years " + Write("years.csv", months)).exit_code, 0);
  CliRun check = Exec("check " + store);
  EXPECT_EQ(check.exit_code, 1) << check.out;
  EXPECT_THAT(
      check.out,
      HasSubstr("FAIL partners: 2023-01 X reporter CHN commodity 8542: World 100.00 but 2 partners "
                "sum to 90.00 (diff 10.00)"));
  EXPECT_THAT(
      check.out,
      HasSubstr(
          "FAIL months: 2022 M CHN USA 8542: year 135.00 but months sum to 120.00 (diff 15.00)"));
  EXPECT_THAT(check.out, HasSubstr("FAILED: 2 violations"));
  EXPECT_EQ(Exec("check " + store + " --dataset years").exit_code, 1);
}

// Issue 11 items 7, 11, 12 end to end: a Comext file loads in EUR; filters take every spelling
// load takes; info --json lists format, classification, treatment and residuals per file.
TEST_F(VintageCliTest, ComextFiltersInAnySpellingAndInfoJsonPerFile) {
  std::string store = dir_ + "/s";
  ASSERT_EQ(Exec("init " + store).exit_code, 0);
  std::string comext = Write(
      "c.csv",
      "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n"
      "ESTAT:DS-045409(1.0),01/01/24,M,FR,WORLD,TOTAL,1,VALUE_IN_EUROS,2023-01,1000\n"
      "ESTAT:DS-045409(1.0),01/01/24,M,FR,US,TOTAL,1,VALUE_IN_EUROS,2023-01,600\n"
      "ESTAT:DS-045409(1.0),01/01/24,M,FR,CN,TOTAL,1,VALUE_IN_EUROS,2023-01,300.5\n");
  CliRun load = Exec("load " + store + " -d eu " + comext);
  ASSERT_EQ(load.exit_code, 0) << load.out;
  const std::string q =
      "query " + store + " -d eu --period 2023-01 --flow M --compare none --format csv";
  EXPECT_THAT(Exec(q).out, HasSubstr("TOTAL,1000.00"));  // World: the countries plus a residual XNS
  for (std::string spelling : {"USA", "usa", "US", "840", "842", "美国"}) {
    CliRun r = Exec(q + " --where partner=" + spelling);
    EXPECT_EQ(r.exit_code, 0) << spelling << ": " << r.out;
    EXPECT_THAT(r.out, HasSubstr("TOTAL,600.00")) << spelling;
  }
  CliRun typo = Exec(q + " --where partner=USX");
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_THAT(typo.out, HasSubstr("unknown partner \"USX\""));
  EXPECT_THAT(typo.out, HasSubstr("nearest in dataset \"eu\": USA"));
  CliRun et = Exec(q + " --where enterprise_type=nonsense");
  EXPECT_NE(et.exit_code, 0);
  EXPECT_THAT(et.out, HasSubstr("unknown enterprise type \"nonsense\""));
  CliRun info = Exec("info " + store + " --json");
  ASSERT_EQ(info.exit_code, 0) << info.out;
  EXPECT_THAT(info.out, HasSubstr("\"format\": \"comext-sdmx\""));
  EXPECT_THAT(info.out, HasSubstr("\"classification\": \"CN\""));
  EXPECT_THAT(info.out, HasSubstr("\"treatment\": {"));
  EXPECT_THAT(info.out, HasSubstr("\"partner_total\": 1,"));
  EXPECT_THAT(info.out, HasSubstr("\"residual\": 1,"));
  EXPECT_THAT(info.out, HasSubstr("\"residuals\": {"));
}

}  // namespace
}  // namespace tradestat::ingest
