// clickhouse/url_test.cc: store URLs, SQL quoting and TSV escaping (the cluster itself is tested
// end to end by tests/clickhouse/cluster_test.py).
#include "clickhouse/url.h"
#include "clickhouse/client.h"

#include <gtest/gtest.h>

namespace tradestat::clickhouse {
namespace {

TEST(StoreUrl, SingleServer) {
  auto u = ParseStoreUrl("clickhouse://127.0.0.1:8124/trade");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->coordinator.ToString(), "127.0.0.1:8124");
  EXPECT_EQ(u->database, "trade");
  EXPECT_TRUE(u->cluster.empty());
  ASSERT_EQ(u->shards.size(), 1u);
  EXPECT_EQ(u->shards[0].port, 8124);
}

TEST(StoreUrl, Cluster) {
  auto u = ParseStoreUrl("clickhouse://h1:8123/db?cluster=two&shards=h1:8123,h2:8125&user=me");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->cluster, "two");
  ASSERT_EQ(u->shards.size(), 2u);
  EXPECT_EQ(u->shards[1].ToString(), "h2:8125");
  EXPECT_EQ(u->user, "me");
}

TEST(StoreUrl, Errors) {
  EXPECT_FALSE(ParseStoreUrl("clickhouse://h1:8123").ok());                // no database
  EXPECT_FALSE(ParseStoreUrl("clickhouse://h1:x/db").ok());                // bad port
  EXPECT_FALSE(ParseStoreUrl("clickhouse://h1:8123/d-b").ok());            // bad name
  EXPECT_FALSE(ParseStoreUrl("clickhouse://h1:8123/db?cluster=c").ok());   // no shards
  EXPECT_FALSE(ParseStoreUrl("clickhouse://h1:8123/db?colour=red").ok());  // unknown parameter
  EXPECT_FALSE(IsClickHouseUrl("/var/lib/store"));
}

TEST(Tsv, EscapeRoundTrip) {
  std::string s;
  AppendTsvField(s, "a\tb\nc\\d");
  EXPECT_EQ(s, "a\\tb\\nc\\\\d");
  EXPECT_EQ(UnescapeTsv(s), "a\tb\nc\\d");
  EXPECT_EQ(Quote("it's"), "'it\\'s'");
  auto rows = SplitTsv("1\t2\n3\t4\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "4");
}

}  // namespace
}  // namespace tradestat::clickhouse
