// refdata/ref_json_test.cc: the one JSON form of reference lists, the one search and "now".
#include "refdata/ref_json.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/testing/status_matchers.h"

namespace tradestat::refdata {
namespace {

using core::StatusCode;
using core::testing::StatusIs;
using ::testing::HasSubstr;

const Reference& R() { return Reference::Builtin(); }

RefListRequest Q(std::string kind, std::string search = "", std::string at = "",
                 std::string edition = "", std::string parent = "", bool include_opt_in = true) {
  RefListRequest r;
  r.kind = std::move(kind);
  r.search = std::move(search);
  r.at = std::move(at);
  r.edition = std::move(edition);
  r.parent = std::move(parent);
  r.include_opt_in = include_opt_in;
  return r;
}

Json List(const RefListRequest& r) {
  auto j = RefList(R(), r);
  EXPECT_TRUE(j.ok()) << j.status().message();
  return j.ok() ? *j : Json();
}

bool HasCode(const Json& items, const std::string& code) {
  return std::any_of(items.begin(), items.end(), [&](const Json& i) { return i["code"] == code; });
}

TEST(RefSearchTest, CodePrefixOrNameInEitherLanguage) {
  EXPECT_TRUE(MatchesText("", "ASEAN", "x", "y"));
  EXPECT_TRUE(MatchesText("ase", "ASEAN", "", ""));    // code prefix, any case
  EXPECT_FALSE(MatchesText("SEAN", "ASEAN", "", ""));  // inside a code is not a prefix
  EXPECT_TRUE(MatchesText("southeast", "ASEAN", "Association of Southeast Asian Nations", ""));
  EXPECT_TRUE(MatchesText("东盟", "ASEAN", "", "东南亚国家联盟(东盟)"));
  EXPECT_TRUE(MatchesText("  EU ", "EU", "", ""));  // trimmed
}

TEST(RefSearchTest, RegionsSearchUsesTheCodeHierarchy) {
  auto hits = R().regions().Search("43");
  ASSERT_FALSE(hits.empty());
  for (const Region* r : hits) EXPECT_EQ(r->code.substr(0, 2), "43") << r->code;
  auto by_name = R().regions().Search("hunan");
  EXPECT_TRUE(std::any_of(by_name.begin(), by_name.end(),
                          [](const Region* r) { return r->code == "430000"; }));
  EXPECT_EQ(R().regions().Search("").size(), R().regions().all().size());
}

TEST(RefJsonTest, CountriesUseOneSpellingOfSpecial) {
  Json j = List(Q("countries", "viet"));
  EXPECT_EQ(j["kind"], "countries");
  ASSERT_TRUE(HasCode(j["items"], "VNM"));
  const Json& first = j["items"][0];
  EXPECT_TRUE(first.contains("is_special"));
  EXPECT_FALSE(first.contains("special"));
  EXPECT_TRUE(first["customs_codes"].is_array());
}

TEST(RefJsonTest, GroupMembersAreAnArrayWithACountAtTheDateAsked) {
  Json j = List(Q("groups", "EU", "2019-06"));
  EXPECT_EQ(j["at"], "2019-06-30");
  auto eu = std::find_if(j["items"].begin(), j["items"].end(),
                         [](const Json& g) { return g["code"] == "EU"; });
  ASSERT_NE(eu, j["items"].end());
  EXPECT_EQ((*eu)["member_count"], (*eu)["members"].size());
  EXPECT_TRUE(HasCode((*eu)["members"], "GBR"));
  EXPECT_EQ((*eu)["members"].size(), 28u);
  Json after = List(Q("groups", "EU", "2020-02"));
  for (const Json& g : after["items"])
    if (g["code"] == "EU") {
      EXPECT_FALSE(HasCode(g["members"], "GBR"));
      EXPECT_EQ(g["member_count"], 27u);
    }
}

TEST(RefJsonTest, WithoutADateMembershipIsJudgedToday) {
  Json j = List(Q("groups", "ASEAN"));
  EXPECT_EQ(j["at"], Today().ToString());
  EXPECT_EQ(AsOf(std::nullopt), Today());
  EXPECT_EQ(AsOf(core::Period::Month(2023, 2)), Date::Of(2023, 2, 28));
}

TEST(RefJsonTest, HsListsSectionsWithTheirChaptersOrTheChildrenOfAParent) {
  Json all = List(Q("hs"));
  EXPECT_EQ(all["edition"], "HS2022");
  ASSERT_GT(all["items"].size(), 90u);
  EXPECT_EQ(all["items"][0]["level"], 1);
  EXPECT_EQ(all["items"][1]["level"], 2);  // chapter 01 follows section I
  Json ch85 = List(Q("hs", "", "", "", "85"));
  ASSERT_GT(ch85["items"].size(), 10u);
  for (const Json& i : ch85["items"]) EXPECT_EQ(i["code"].get<std::string>().substr(0, 2), "85");
  EXPECT_EQ(List(Q("hs", "", "2019-05"))["edition"], "HS2017");
}

TEST(RefJsonTest, CategoriesHideOptInCandidatesOnRequest) {
  Json all = List(Q("categories"));
  Json defaults = List(Q("categories", "", "", "", "", false));
  EXPECT_GE(all["items"].size(), defaults["items"].size());
  for (const Json& c : defaults["items"]) EXPECT_FALSE(c["opt_in"].get<bool>());
}

TEST(RefJsonTest, ModesRegionsAndTheirSideLists) {
  Json modes = List(Q("modes", "10"));
  EXPECT_TRUE(HasCode(modes["items"], "10"));
  EXPECT_FALSE(modes["enterprise_types"].empty());
  Json regions = List(Q("regions", "", "", "", "430000"));
  ASSERT_FALSE(regions["items"].empty());
  for (const Json& r : regions["items"]) EXPECT_EQ(r["parent"], "430000");
  for (const Json& g : regions["groups"]) EXPECT_EQ(g["member_count"], g["members"].size());
}

TEST(RefJsonTest, BadOptionsNameTheOption) {
  EXPECT_THAT(RefList(R(), Q("groups", "", "June")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("--at:")));
  EXPECT_THAT(RefList(R(), Q("hs", "", "", "HS1999")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("--edition:")));
  EXPECT_THAT(RefList(R(), Q("hs", "", "", "", "999")),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("--parent:")));
  EXPECT_THAT(RefList(R(), Q("planets")), StatusIs(StatusCode::kNotFound, HasSubstr("planets")));
}

}  // namespace
}  // namespace tradestat::refdata
