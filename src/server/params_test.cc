// server/params_test.cc: URL parameters -> QueryRequest, aliases and errors naming the parameter.
#include "server/params.h"

#include <gtest/gtest.h>

namespace tradestat::server {
namespace {

TEST(ParseQueryString, DecodesInOrderAndIgnoresTheFragment) {
  ParamList p = ParseQueryString(
      "/api/v1/query?by=partner&where=partner%3DUSA%2CJPN&lang=zh+x&flag&&bad=%4#frag");
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>("by", "partner")));
  EXPECT_EQ(p[1].second, "partner=USA,JPN");
  EXPECT_EQ(p[2].second, "zh x");
  EXPECT_EQ(p[3], (std::pair<std::string, std::string>("flag", "")));
  EXPECT_EQ(p[4].second, "%4");  // an incomplete escape is kept as written
  EXPECT_TRUE(ParseQueryString("/api/v1/info").empty());
}

TEST(ParseQueryParams, MapsOptionsAndAliases) {
  query::QueryRequest r;
  std::map<std::string, std::string> extra;
  HttpError e;
  ParamList p = {{"period", "2023H1"}, {"reporterCode", "430000"}, {"flowCode", "X"},
                 {"by", "partner"},    {"partnerCode", "USA,JPN"}, {"cmdCode", "85"},
                 {"maxRecords", "10"}, {"where", "trade_mode=10"}, {"format", "csv"}};
  ASSERT_TRUE(ParseQueryParams(p, {"format"}, r, extra, e)) << e.message;
  EXPECT_EQ(r.period, "2023H1");
  EXPECT_EQ(r.reporter, "430000");
  EXPECT_EQ(r.flow, "X");
  EXPECT_EQ(r.by, std::vector<std::string>{"partner"});
  EXPECT_EQ(r.where,
            (std::vector<std::string>{"partner=USA,JPN", "commodity=85", "trade_mode=10"}));
  EXPECT_EQ(r.top, 10);
  EXPECT_EQ(extra["format"], "csv");
}

TEST(ParseQueryParams, MeasuresAreRepeatableLikeTheCliOption) {
  query::QueryRequest r;
  std::map<std::string, std::string> extra;
  HttpError e;
  ParamList p = {{"period", "2023H1"}, {"measure", "quantity"}, {"measure", "unit_value"}};
  ASSERT_TRUE(ParseQueryParams(p, {}, r, extra, e)) << e.message;
  EXPECT_EQ(r.measures, (std::vector<std::string>{"quantity", "unit_value"}));
}

TEST(ParseQueryParams, IndicatorOptionsAsTheCli) {
  query::QueryRequest r;
  std::map<std::string, std::string> extra;
  HttpError e;
  ParamList p = {
      {"period", "2023-06"},  {"measure", "rca,hhi"},    {"measure", "products_exported"},
      {"benchmark", "world"}, {"products_level", "hs4"}, {"products_min", "1000000"}};
  ASSERT_TRUE(ParseQueryParams(p, {}, r, extra, e)) << e.message;
  EXPECT_EQ(r.measures, (std::vector<std::string>{"rca,hhi", "products_exported"}));
  EXPECT_EQ(r.benchmark, "world");
  EXPECT_EQ(r.products_level, "hs4");
  EXPECT_EQ(r.products_min, "1000000");
}

TEST(ParseQueryParams, ErrorsNameTheParameter) {
  query::QueryRequest r;
  std::map<std::string, std::string> extra;
  HttpError e;
  EXPECT_FALSE(ParseQueryParams({{"period", "2023"}, {"perod", "x"}}, {}, r, extra, e));
  EXPECT_EQ(e.parameter, "perod");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_FALSE(ParseQueryParams({{"period", "2023"}, {"top", "ten"}}, {}, r, extra, e));
  EXPECT_EQ(e.parameter, "top");
  EXPECT_FALSE(ParseQueryParams({{"period", "2023"}, {"period", "2022"}}, {}, r, extra, e));
  EXPECT_EQ(e.parameter, "period");
  query::QueryRequest fresh;
  EXPECT_FALSE(ParseQueryParams({{"by", "partner"}}, {}, fresh, extra, e));
  EXPECT_EQ(e.parameter, "period");
}

TEST(ParseBulletinParams, ChecksFormatAndLang) {
  BulletinParams b;
  HttpError e;
  ASSERT_TRUE(
      ParseBulletinParams({{"period", "2023H1"}, {"format", "html"}, {"lang", "zh"}}, b, e));
  EXPECT_EQ(b.format, "html");
  EXPECT_FALSE(ParseBulletinParams({{"period", "2023H1"}, {"format", "pdf"}}, b, e));
  EXPECT_EQ(e.parameter, "format");
}

TEST(HostAllowed, IpLiteralsLocalhostAndAllowedNamesOnly) {
  EXPECT_TRUE(HostAllowed("", {}));
  EXPECT_TRUE(HostAllowed("127.0.0.1:8080", {}));
  EXPECT_TRUE(HostAllowed("[::1]:8080", {}));
  EXPECT_TRUE(HostAllowed("LOCALHOST:8080", {}));
  EXPECT_TRUE(HostAllowed("10.1.2.3", {}));
  EXPECT_FALSE(HostAllowed("attacker.example:8080", {}));
  EXPECT_FALSE(HostAllowed("127.0.0.1.attacker.example", {}));
  EXPECT_TRUE(HostAllowed("stats.example.org:8080", {"stats.example.org"}));
  EXPECT_TRUE(HostAllowed("Stats.Example.org.", {"stats.example.org"}));
  EXPECT_EQ(HostName("[::1]:80"), "[::1]");
}

TEST(Excerpt, CutsLongValuesOnACharacterBoundary) {
  EXPECT_EQ(Excerpt("short"), "short");
  std::string zh = "贸易贸易贸易";  // 3 bytes each
  EXPECT_EQ(Excerpt(zh, 4), "贸...");
}

}  // namespace
}  // namespace tradestat::server
