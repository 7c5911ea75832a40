// tests/cli/cli_ref_test.cc: `tradestat ref ...` as a user runs it: lists and items in text and
// JSON (the document /api/v1/ref/KIND serves), `ref check` and `ref import` with their errors.
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/testing/cli_runner.h"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using tradestat::core::testing::CliRun;

class CliRefTest : public ::testing::Test {
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

  tradestat::core::testing::ScratchDir scratch_{"tradestat-ref"};
  const std::string dir_ = scratch_.path();
};

constexpr char kGroups[] =
    "group_code,group_name_en,group_name_zh,iso3,member_from,member_to,note\n"
    "MYBLOC,My bloc,我的集团,VNM,2020-01-01,,\n"
    "MYBLOC,My bloc,我的集团,DEU,2020-01-01,2022-12-31,left\n";

TEST_F(CliRefTest, GroupListAndItemInTextAndJson) {
  CliRun text = Exec("ref groups --search ASEAN --at 2023-06");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("ASEAN"));
  EXPECT_THAT(text.out, HasSubstr("member counts at the end of 2023-06"));

  CliRun json = Exec("ref groups --search ASEAN --at 2023-06 --json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["kind"], "groups");
  EXPECT_EQ(j["at"], "2023-06-30");
  ASSERT_FALSE(j["items"].empty());
  EXPECT_EQ(j["items"][0]["code"], "ASEAN");
  EXPECT_EQ(j["items"][0]["member_count"], 10);
  EXPECT_EQ(j["items"][0]["members"].size(), 10u);

  CliRun item = Exec("ref groups EU --at 2020-02 --json");
  ASSERT_EQ(item.exit_code, 0) << item.err;
  auto eu = nlohmann::json::parse(item.out);
  EXPECT_EQ(eu["member_count"], 27);
  EXPECT_THAT(item.out, Not(HasSubstr("\"GBR\"")));
}

TEST_F(CliRefTest, CountriesUseTheUnifiedFieldNames) {
  CliRun one = Exec("ref countries VNM --json");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  auto c = nlohmann::json::parse(one.out);
  EXPECT_EQ(c["code"], "VNM");
  EXPECT_EQ(c["is_special"], false);
  CliRun list = Exec("ref countries --search viet --json");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out)["kind"], "countries");
  CliRun text = Exec("ref countries VNM --at 2023-06");
  EXPECT_THAT(text.out, HasSubstr("groups at 2023-06: ASEAN"));
}

TEST_F(CliRefTest, BadOptionsAndUnknownItemsFailWithAMessage) {
  CliRun at = Exec("ref groups --at June");
  EXPECT_NE(at.exit_code, 0);
  EXPECT_THAT(at.err, HasSubstr("--at"));
  CliRun unknown = Exec("ref groups NOSUCHBLOC");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("unknown partner group"));
}

TEST_F(CliRefTest, CheckAcceptsAGoodFileAndPointsAtTheBadCell) {
  std::string good = Write("good_groups.csv", kGroups);
  CliRun ok = Exec("ref check " + good);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.out, HasSubstr("ok (groups)"));

  std::string bad = Write("bad_groups.csv",
                          "group_code,group_name_en,group_name_zh,iso3,member_from,member_to,note\n"
                          "MYBLOC,My bloc,我的集团,NOWHERE,2020-01-01,,\n");
  CliRun fail = Exec("ref check " + bad);
  EXPECT_NE(fail.exit_code, 0);
  EXPECT_THAT(fail.err, HasSubstr(bad + ":2:"));

  std::string unknown_kind = Write("what.csv", "a,b\n1,2\n");
  CliRun kind = Exec("ref check " + unknown_kind);
  EXPECT_NE(kind.exit_code, 0);
  EXPECT_THAT(kind.err, HasSubstr("pass --kind"));
}

TEST_F(CliRefTest, ImportRegistersAGroupAndABadFileLeavesTheStoreAlone) {
  std::string store = dir_ + "/store";
  ASSERT_EQ(Exec("init " + store).exit_code, 0);
  std::string bad = Write("bad.csv",
                          "group_code,group_name_en,group_name_zh,iso3,member_from,member_to,note\n"
                          "MYBLOC,My bloc,我的集团,VNM,not-a-date,,\n");
  CliRun refused = Exec("ref groups import " + bad + " --store " + store);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr(bad + ":2:"));
  EXPECT_THAT(Exec("ref groups MYBLOC --store " + store).exit_code, Not(0));

  std::string good = Write("groups.csv", kGroups);
  CliRun imported = Exec("ref groups import " + good + " --store " + store);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("registered groups file"));
  CliRun shown = Exec("ref groups MYBLOC --store " + store + " --at 2023-06 --json");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  auto g = nlohmann::json::parse(shown.out);
  EXPECT_EQ(g["member_count"], 1);  // DEU left at the end of 2022
  EXPECT_EQ(g["members"][0]["code"], "VNM");
  EXPECT_NE(g["source"], "builtin");
}

}  // namespace
