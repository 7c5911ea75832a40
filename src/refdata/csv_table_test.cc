// refdata/csv_table_test.cc: the reference-file CSV reader: quoting, comments, positions.
#include "refdata/internal/csv_table.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"

namespace tradestat::refdata::internal {
namespace {

using core::testing::StatusIs;
using ::testing::HasSubstr;

TEST(CsvTableTest, ReadsQuotedFieldsCommentsAndBom) {
  std::string text =
      "\xEF\xBB\xBF# source note, with a comma\n"
      "a,b,c\r\n"
      "1,\"x, \"\"quoted\"\"\",越南\r\n"
      "\n"
      "# a comment between rows\n"
      "2,\"multi\nline\",\n";
  ASSERT_OK_AND_ASSIGN(CsvTable t, CsvTable::Parse(text, "t.csv"));
  ASSERT_EQ(t.header().size(), 3u);
  ASSERT_EQ(t.rows().size(), 2u);
  EXPECT_EQ(t.Get(t.rows()[0], 1), "x, \"quoted\"");
  EXPECT_EQ(t.Get(t.rows()[0], 2), "越南");
  EXPECT_EQ(t.rows()[0].line, 3);
  EXPECT_EQ(t.Get(t.rows()[1], 1), "multi\nline");
  EXPECT_EQ(t.rows()[1].line, 6);
  EXPECT_EQ(t.Column("c"), 2);
  EXPECT_EQ(t.Column("missing"), -1);
}

TEST(CsvTableTest, ErrorsNameFileLineAndColumn) {
  ASSERT_OK_AND_ASSIGN(CsvTable t, CsvTable::Parse("a,b\n越南,xyz\n", "f.csv"));
  // Columns count characters, not bytes: "xyz" starts at character 4 of line 2.
  EXPECT_THAT(t.ErrorAt(t.rows()[0], 1, "bad value"),
              StatusIs(core::StatusCode::kParse, "f.csv:2:4: b: bad value"));
}

TEST(CsvTableTest, RejectsBrokenFiles) {
  EXPECT_THAT(
      CsvTable::Parse("a,b\n1,\"open\n", "f.csv"),
      StatusIs(core::StatusCode::kParse, HasSubstr("f.csv:2:3: quoted field is never closed")));
  EXPECT_THAT(
      CsvTable::Parse("a,b\n1,2,3\n", "f.csv"),
      StatusIs(core::StatusCode::kParse, HasSubstr("f.csv:2:1: 3 fields, the header has 2")));
  EXPECT_THAT(CsvTable::Parse("a,b\n\"x\"y,2\n", "f.csv"),
              StatusIs(core::StatusCode::kParse,
                       HasSubstr("f.csv:2:4: unexpected text after a closing quote")));
  EXPECT_THAT(CsvTable::Parse("a,b\n\xff,2\n", "f.csv"),
              StatusIs(core::StatusCode::kParse, HasSubstr("UTF-8")));
  EXPECT_THAT(CsvTable::Parse("# only a comment\n", "f.csv"),
              StatusIs(core::StatusCode::kParse, HasSubstr("empty")));
  ASSERT_OK_AND_ASSIGN(CsvTable t, CsvTable::Parse("a,b\n1,2\n", "f.csv"));
  EXPECT_THAT(t.RequireColumns({"a", "c", "d"}),
              StatusIs(core::StatusCode::kParse, HasSubstr("f.csv:1:1: missing column(s) c, d")));
}

}  // namespace
}  // namespace tradestat::refdata::internal
