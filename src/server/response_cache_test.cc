// server/response_cache_test.cc: LRU order and the entry/byte bounds.
#include "server/response_cache.h"

#include <gtest/gtest.h>

namespace tradestat::server {
namespace {

TEST(ResponseCache, KeepsTheMostRecentlyUsed) {
  ResponseCache cache(2, 1 << 20);
  cache.Put("a", "1");
  cache.Put("b", "2");
  ASSERT_NE(cache.Get("a"), nullptr);  // a is now the most recent
  cache.Put("c", "3");                 // evicts b
  EXPECT_EQ(cache.Get("b"), nullptr);
  EXPECT_EQ(*cache.Get("a"), "1");
  EXPECT_EQ(*cache.Get("c"), "3");
}

TEST(ResponseCache, BoundsBytesAndSkipsHugeBodies) {
  ResponseCache cache(100, 40);
  cache.Put("big", std::string(11, 'x'));  // more than a quarter of 40 bytes
  EXPECT_EQ(cache.Get("big"), nullptr);
  for (int i = 0; i < 10; ++i) cache.Put(std::to_string(i), std::string(10, 'y'));
  int kept = 0;
  for (int i = 0; i < 10; ++i) kept += cache.Get(std::to_string(i)) != nullptr;
  EXPECT_EQ(kept, 4);
  ResponseCache off(0, 40);
  off.Put("a", "1");
  EXPECT_EQ(off.Get("a"), nullptr);
}

}  // namespace
}  // namespace tradestat::server
