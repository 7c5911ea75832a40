// tests/cli/cli_check_test.cc: `tradestat check` finds each broken invariant (partners vs World,
// months vs year, a damaged segment) with the figures worked out by hand, and passes a good store.
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/testing/cli_runner.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using tradestat::core::testing::CliRun;

class CliCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(tradestat::core::testing::TradestatBinary()))
        << tradestat::core::testing::TradestatBinary() << " not built";
  }
  CliRun Exec(const std::string& args) {
    return tradestat::core::testing::RunTradestat(scratch_, args, "");
  }
  // A store holding `csv` as dataset d.
  std::string StoreOf(const std::string& name, const std::string& csv) {
    std::string store = dir_ + "/" + name;
    EXPECT_EQ(Exec("init " + store).exit_code, 0);
    CliRun load = Exec("load " + store + " --dataset d " + scratch_.Write(name + ".csv", csv));
    EXPECT_EQ(load.exit_code, 0) << load.err;
    return store;
  }

  tradestat::core::testing::ScratchDir scratch_{"tradestat-check"};
  const std::string dir_ = scratch_.path();
};

// Every month of 2023: USA 100 and World 100; January also DEU 50, so World 150. The year 2023
// as an annual figure: USA 1200, DEU 50, World 1250. 13 groups hold World and partners (12
// months and the year), 1 year holds both the year and its 12 months.
std::string Csv(int march_world) {
  std::string csv = "period,flow,reporter,partner,commodity,value_cny,value_usd\n";
  for (int m = 1; m <= 12; ++m) {
    std::string p = std::string("2023-") + (m < 10 ? "0" : "") + std::to_string(m);
    int world = m == 1 ? 150 : m == 3 ? march_world : 100;
    csv += p + ",X,430100,USA,85076000,100,100\n";
    csv +=
        p + ",X,430100,WLD,85076000," + std::to_string(world) + "," + std::to_string(world) + "\n";
    if (m == 1) csv += p + ",X,430100,DEU,85076000,50,50\n";
  }
  csv += "2023,X,430100,USA,85076000,1200,1200\n";
  csv += "2023,X,430100,DEU,85076000,50,50\n";
  csv += "2023,X,430100,WLD,85076000,1250,1250\n";
  return csv;
}

TEST_F(CliCheckTest, GoodStorePasses) {
  CliRun r = Exec("check " + StoreOf("good", Csv(100)));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(
      r.out,
      HasSubstr("ok   13 segments: checksums and recorded totals verified, no negative values"));
  EXPECT_THAT(r.out, HasSubstr("ok   partners add up to World in 13 groups holding both"));
  EXPECT_THAT(r.out, HasSubstr("ok   months add up to years in 1 year holding both"));
  EXPECT_THAT(r.out, HasSubstr("OK: 0 violations"));
}

TEST_F(CliCheckTest, WorldAndYearThatDisagreeAreReported) {
  // March's World is 130 against one partner's 100 (more than 1.00 per partner off); the
  // months' World then sums to 1280 against the year's 1250 (more than 12.00 off). Each in both
  // currencies.
  CliRun r = Exec("check " + StoreOf("bad", Csv(130)));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string partners =
      "FAIL partners: 2023-03 X reporter 430100 commodity 85076000: World 130.00 but 1 partners "
      "sum to 100.00 "
      "(diff 30.00)\n";
  const std::string months =
      "FAIL months: 2023 X 430100 WLD 85076000: year 1250.00 but months sum to 1280.00 (diff "
      "-30.00)\n";
  EXPECT_THAT(r.out, HasSubstr(partners + "  " + partners));
  EXPECT_THAT(r.out, HasSubstr(months + "  " + months));
  EXPECT_THAT(r.out, Not(HasSubstr("ok   partners")));
  EXPECT_THAT(r.out, Not(HasSubstr("ok   months")));
  EXPECT_THAT(r.out, HasSubstr("ok   13 segments"));
  EXPECT_THAT(r.out, HasSubstr("FAILED: 4 violations"));
}

TEST_F(CliCheckTest, WithinTheToleranceIsNoViolation) {
  // 100.99 against 100: within one currency unit for the one partner; the year is 0.99 off.
  std::string csv = Csv(100);
  csv.replace(csv.find("2023-03,X,430100,WLD,85076000,100,100"), 37,
              "2023-03,X,430100,WLD,85076000,100.99,100");
  CliRun r = Exec("check " + StoreOf("edge", csv));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST_F(CliCheckTest, DamagedSegmentIsTheOnlyMessage) {
  std::string store = StoreOf("damaged", Csv(130));
  std::string seg;
  for (const auto& e : std::filesystem::recursive_directory_iterator(store + "/data"))
    if (e.path().extension() == ".tsg" && e.path().string().find("2023-06") != std::string::npos)
      seg = e.path();
  ASSERT_FALSE(seg.empty());
  {
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(-1, std::ios::end);
    char c = 0;
    f.get(c);
    f.seekp(-1, std::ios::end);
    f.put(static_cast<char>(c ^ 0x5a));
  }
  CliRun r = Exec("check " + store);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("FAIL segment checksums: corrupt store: "));
  EXPECT_THAT(r.out, HasSubstr("2023-06"));
  EXPECT_THAT(r.out, Not(HasSubstr("partners")));
  EXPECT_THAT(r.out, HasSubstr("FAILED: 1 violation\n"));
}

TEST_F(CliCheckTest, ManyViolationsArePrintedFiftyAndCounted) {
  // 60 commodities with a World row and no partner row under it in one month: World is never
  // checked without partners, but 60 cells of the year without months are (each in 2 currencies).
  std::string csv = Csv(100);
  for (int i = 0; i < 60; ++i)
    csv += "2023,M,430100,USA,850760" + std::to_string(10 + i) + ",50,50\n";
  CliRun r = Exec("check " + StoreOf("many", csv));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("FAIL months: 2023 M 430100 USA 85076010: year 50.00 but months sum "
                               "to 0.00 (diff 50.00)"));
  EXPECT_THAT(r.out, HasSubstr("  ... and 70 more violations\nFAILED: 120 violations\n"));
}

}  // namespace
