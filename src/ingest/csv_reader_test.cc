// ingest/csv_reader_test.cc: quoting, line ends, line numbers and long records.
#include "ingest/csv_reader.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/testing/status_matchers.h"

namespace tradestat::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class CsvReaderTest : public ::testing::Test {
 protected:
  // ctest runs tests in parallel processes: every test gets its own directory.
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-csv-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::vector<std::string>> ReadAll(const std::string& text,
                                                std::vector<uint64_t>* lines = nullptr) {
    std::string path = dir_ + "/input.csv";
    std::ofstream(path, std::ios::binary) << text;
    auto in = InputFile::Open(path);
    EXPECT_OK(in);
    CsvReader reader(in->get());
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string_view> fields;
    for (;;) {
      auto more = reader.Next(&fields);
      EXPECT_OK(more);
      if (!more.ok() || !*more) break;
      rows.emplace_back(fields.begin(), fields.end());
      if (lines) lines->push_back(reader.line());
    }
    return rows;
  }

  std::string dir_;
};

TEST_F(CsvReaderTest, SplitsPlainAndQuotedFields) {
  auto rows = ReadAll("a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1], ElementsAre("1", "x,y", "say \"hi\""));
}

TEST_F(CsvReaderTest, HandlesCrlfBomBlankLinesAndNoFinalNewline) {
  std::vector<uint64_t> lines;
  auto rows = ReadAll("\xEF\xBB\xBFh1,h2\r\n\r\n1,2\r\n\n3,\"4\"", &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0], ElementsAre("h1", "h2"));
  EXPECT_THAT(rows[2], ElementsAre("3", "4"));
  EXPECT_THAT(lines, ElementsAre(1, 3, 5));
}

TEST_F(CsvReaderTest, CountsLinesInsideQuotedNewlines) {
  std::vector<uint64_t> lines;
  auto rows = ReadAll("h\n\"multi\nline\"\nnext\n", &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "multi\nline");
  EXPECT_THAT(lines, ElementsAre(1, 2, 4));
}

TEST_F(CsvReaderTest, RecordsLongerThanTheBlockGrowTheBuffer) {
  std::string big(3 << 20, 'x');
  auto rows = ReadAll("h,i\n" + big + ",\"" + big + "\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0].size(), big.size());
  EXPECT_EQ(rows[1][1].size(), big.size());
}

TEST_F(CsvReaderTest, UnterminatedQuoteIsAnErrorWithItsLine) {
  std::string path = dir_ + "/bad.csv";
  std::ofstream(path) << "h\nok\n\"never closed\n";
  auto in = InputFile::Open(path);
  ASSERT_OK(in);
  CsvReader reader(in->get());
  std::vector<std::string_view> fields;
  ASSERT_OK(reader.Next(&fields));
  ASSERT_OK(reader.Next(&fields));
  EXPECT_THAT(reader.Next(&fields),
              core::testing::StatusIs(core::StatusCode::kParse,
                                      HasSubstr(path + ":3: unterminated quoted field")));
}

}  // namespace
}  // namespace tradestat::ingest
