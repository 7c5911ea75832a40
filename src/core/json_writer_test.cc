// core/json_writer_test.cc: the layouts (compact, and indented as nlohmann::json::dump(2) wrote
// the info and bulletin JSON), escaping, and exact numbers past double precision.
#include "core/json_writer.h"

#include <gtest/gtest.h>

namespace tradestat::core {
namespace {

TEST(JsonWriterTest, IndentedLayout) {
  JsonWriter j(2);
  j.BeginObject();
  j.Member("store", "s").MemberUint("disk_bytes", 12);
  j.Key("empty").BeginArray().EndArray();
  j.Key("none").BeginObject().EndObject();
  j.Key("list").BeginArray().String("a").BeginObject().Key("x").Null().EndObject().EndArray();
  j.Key("total").Exact(-12345, 2);
  j.EndObject();
  EXPECT_EQ(j.str(),
            "{\n"
            "  \"store\": \"s\",\n"
            "  \"disk_bytes\": 12,\n"
            "  \"empty\": [],\n"
            "  \"none\": {},\n"
            "  \"list\": [\n"
            "    \"a\",\n"
            "    {\n"
            "      \"x\": null\n"
            "    }\n"
            "  ],\n"
            "  \"total\": -123.45\n"
            "}");
}

TEST(JsonWriterTest, CompactLayoutEscapesAndExactNumbers) {
  JsonWriter j;
  j.BeginObject();
  j.Member("s", std::string_view("q\"\\\n\t\b\f\x01 \xe4\xb8\xad", 12));
  // 2^100 + 1 minor units: a double would print 1.2676506002282294e+28.
  j.Key("v").Exact((__int128{1} << 100) + 1, 2);
  j.Key("n").Number("");
  j.Key("a").StringArray({"x", "y"});
  j.Key("b").Bool(true);
  j.EndObject();
  EXPECT_EQ(
      j.str(),
      "{\"s\":\"q\\\"\\\\\\n\\t\\b\\f\\u0001 \xe4\xb8\xad\",\"v\":12676506002282294014967032053.77,"
      "\"n\":null,\"a\":[\"x\",\"y\"],\"b\":true}");
  EXPECT_EQ(JsonExact(5, 0), "5");
  EXPECT_EQ(JsonExact(-5, 3), "-0.005");
}

}  // namespace
}  // namespace tradestat::core
