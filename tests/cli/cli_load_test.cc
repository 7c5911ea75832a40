// tests/cli/cli_load_test.cc: `tradestat init/load/info` as a user runs them: exit codes,
// messages on stderr, stdin input, and the JSON of `info`.
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/testing/cli_runner.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using tradestat::core::testing::CliRun;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(tradestat::core::testing::TradestatBinary()))
        << tradestat::core::testing::TradestatBinary() << " not built";
  }
  CliRun Exec(const std::string& args, const std::string& stdin_text = "") {
    return tradestat::core::testing::RunTradestat(scratch_, args, stdin_text);
  }
  std::string Write(const std::string& name, const std::string& text) {
    return scratch_.Write(name, text);
  }

  tradestat::core::testing::ScratchDir scratch_{"tradestat-cli"};
  const std::string dir_ = scratch_.path();
};

constexpr char kCsv[] =
    "period,flow,reporter,partner,commodity,value_cny,value_usd\n"
    "2023-01,X,430100,USA,85076000,100.50,14.25\n"
    "2023-01,M,430100,VNM,26011100,2000,290\n"
    "2023-02,X,430600,DE,8541.42,0.05,0.01\n";

TEST_F(CliTest, InitLoadInfoRoundTrip) {
  std::string store = dir_ + "/s";
  EXPECT_EQ(Exec("init " + store).exit_code, 0);
  CliRun load = Exec("load " + store + " --dataset hunan " + Write("a.csv", kCsv));
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_THAT(load.out, HasSubstr("loaded 3 rows"));
  EXPECT_THAT(load.err, Not(HasSubstr("\r")));  // no progress line when stderr is not a terminal
  CliRun info = Exec("info " + store + " --json");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  auto j = nlohmann::json::parse(info.out);
  const auto& d = j["datasets"][0];
  EXPECT_EQ(d["name"], "hunan");
  EXPECT_EQ(d["rows"], 3);
  EXPECT_EQ(d["first_period"], "2023-01");
  EXPECT_EQ(d["last_period"], "2023-02");
  // Exact decimal numbers in JSON, not rounded through a double.
  EXPECT_THAT(info.out, HasSubstr("\"CNY\": 100.55"));
  EXPECT_THAT(info.out, HasSubstr("\"USD\": 290.00"));
  CliRun text = Exec("info " + store);
  EXPECT_THAT(text.out, HasSubstr("dataset hunan: 3 rows, 2 periods 2023-01..2023-02, vintage 1"));
  EXPECT_THAT(text.out, HasSubstr("2,000.00"));
}

TEST_F(CliTest, StdinAndDryRun) {
  std::string store = dir_ + "/s";
  ASSERT_EQ(Exec("init " + store).exit_code, 0);
  CliRun dry = Exec("load " + store + " --dataset d --dry-run -", kCsv);
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_THAT(dry.out, HasSubstr("dry run: 3 rows in 1 file are valid"));
  CliRun real = Exec("load " + store + " --dataset d -", kCsv);
  EXPECT_EQ(real.exit_code, 0) << real.err;
  CliRun again = Exec("load " + store + " --dataset d " + Write("same.csv", kCsv));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("already loaded into dataset 'd'"));
  EXPECT_THAT(again.err, HasSubstr("as <stdin>"));
}

TEST_F(CliTest, BadRowsExitOneWithLocatedMessagesAndLoadNothing) {
  std::string store = dir_ + "/s";
  ASSERT_EQ(Exec("init " + store).exit_code, 0);
  std::string bad = Write("bad.csv",
                          "period,flow,reporter,partner,commodity,value_cny\n"
                          "2023-01,X,430100,USA,85076000,1.0000001\n"
                          "2023-01,X,430100,NOPE,85076000,1\n");
  CliRun r = Exec("load " + store + " --dataset d " + bad);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err,
              HasSubstr(bad + ":2:31: value_cny: 7 decimals; money is kept to at most 6 decimals"));
  EXPECT_THAT(r.err, HasSubstr(bad + ":3:18: partner: "));
  EXPECT_THAT(r.err, HasSubstr("2 problems found; nothing was loaded"));
  EXPECT_THAT(Exec("info " + store).out, HasSubstr("0 datasets"));
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  CliRun r = Exec("load");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("STORE is required"));
  EXPECT_EQ(Exec("frobnicate").exit_code, 2);
  CliRun no_store = Exec("info " + dir_ + "/nope");
  EXPECT_EQ(no_store.exit_code, 1);
  EXPECT_THAT(no_store.err, HasSubstr("tradestat init"));
}

}  // namespace
