// tests/cli/cli_upgrade_test.cc: `tradestat upgrade STORE` on a store written by the format-1
// writer: the same `info --json` (but for the bytes on disk) and byte-identical query output
// afterwards, every segment file in the written format, and a second run that changes nothing.
#include <cstring>
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/testing/cli_runner.h"
#include "core/testing/status_matchers.h"
#include "store/load_transaction.h"
#include "store/segment_format.h"
#include "store/store.h"

namespace {

using ::testing::HasSubstr;
using tradestat::core::testing::CliRun;
namespace store = tradestat::store;

class CliUpgradeTest : public ::testing::Test {
 protected:
  CliRun Exec(const std::string& args) {
    return tradestat::core::testing::RunTradestat(scratch_, args, "");
  }
  tradestat::core::testing::ScratchDir scratch_{"tradestat-cli-upgrade"};
  const std::string store_ = scratch_.path() + "/s";
};

// Two months of rows through the format-1 writer (LoadTransaction, segment_format 1), as an old
// build's load would have written them. Values and codes vary by row so every column packs.
void WriteFormatOneStore(const std::string& dir) {
  store::LoadTransaction::Options o;
  o.currencies = {"CNY", "USD"};
  o.segment_format = store::kSegmentFormatRaw;
  ASSERT_OK_AND_ASSIGN(auto tx, store::LoadTransaction::Begin(dir, "trade", o));
  const char* partners[] = {"USA", "VNM", "DEU", "JPN", "KOR", "FRA", "GBR"};
  const char* commodities[] = {"85076000", "26011100", "85414200", "87038000", "84713000"};
  store::RowBatch b;
  for (int m = 1; m <= 2; ++m) {
    for (int i = 0; i < 9000; ++i) {
      b.period_key.push_back(tradestat::core::Period::Month(2023, m).key());
      b.flow.push_back(
          static_cast<uint8_t>(i % 3 == 0 ? store::Flow::kImport : store::Flow::kExport));
      b.reporter.push_back(static_cast<uint16_t>(
          tx->dictionary(store::Dim::kReporter).Intern(i % 2 ? "430100" : "430600")));
      b.partner.push_back(
          static_cast<uint16_t>(tx->dictionary(store::Dim::kPartner).Intern(partners[i * 5 % 7])));
      b.commodity.push_back(tx->dictionary(store::Dim::kCommodity).Intern(commodities[i % 5]));
      b.trade_mode.push_back(0), b.enterprise_type.push_back(0), b.unit.push_back(0);
      b.quantity.push_back(store::kNoQuantity);
      b.values[0].push_back(int64_t{1000} + (i * 7919 + m) % 100003);
      b.values[1].push_back(int64_t{100} + (i * 104729 + m) % 14011);
    }
  }
  ASSERT_OK(tx->Append(b));
  ASSERT_OK(tx->Commit({store::LoadedFile{"old.csv", "00000000000000aa", 1, b.size()}}).status());
}

std::vector<uint32_t> SegmentFormats(const std::string& dir) {
  std::vector<uint32_t> out;
  auto s = store::Store::Open(dir);
  for (const auto& seg : s->manifest().datasets.at("trade").segments) {
    std::string bytes = tradestat::core::testing::ReadWholeFile(dir + "/" + seg.file);
    uint32_t f = 0;
    std::memcpy(&f, bytes.data() + 8, 4);
    out.push_back(f);
  }
  return out;
}

nlohmann::json InfoWithoutBytes(const std::string& out) {
  nlohmann::json j = nlohmann::json::parse(out);
  j.erase("disk_bytes");
  for (auto& d : j["datasets"]) d.erase("disk_bytes");
  return j;
}

TEST_F(CliUpgradeTest, FormatOneStoreUpgradesWithIdenticalInfoAndQueries) {
  ASSERT_EQ(Exec("init " + store_).exit_code, 0);
  WriteFormatOneStore(store_);
  ASSERT_EQ(SegmentFormats(store_), (std::vector<uint32_t>{1, 1}));
  const std::vector<std::string> queries = {
      "--dataset trade --period 2023-02 --by partner --format json",
      "--dataset trade --period 2023-01 --by hs8 --flow X --compare none --format json",
      "--dataset trade --period 2023-01 --by reporter --currency USD --compare none --format json"};
  CliRun info_before = Exec("info " + store_ + " --json");
  ASSERT_EQ(info_before.exit_code, 0) << info_before.err;
  std::vector<std::string> before;
  for (const auto& q : queries) {
    CliRun r = Exec("query " + store_ + " " + q);
    ASSERT_EQ(r.exit_code, 0) << q << ": " << r.err;
    before.push_back(r.out);
  }
  // Figures computed from the rows written: 9000 rows a month, a third of them imports.
  auto j = nlohmann::json::parse(info_before.out);
  EXPECT_EQ(j["datasets"][0]["rows"], 18000);

  CliRun up = Exec("upgrade " + store_);
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_THAT(up.out, HasSubstr("upgraded store " + store_ + " to segment format 2"));
  EXPECT_THAT(up.out, HasSubstr("dataset trade: rewrote 2 of 2 segments"));
  EXPECT_EQ(SegmentFormats(store_), (std::vector<uint32_t>{2, 2}));

  CliRun info_after = Exec("info " + store_ + " --json");
  ASSERT_EQ(info_after.exit_code, 0) << info_after.err;
  EXPECT_EQ(InfoWithoutBytes(info_after.out), InfoWithoutBytes(info_before.out));
  for (size_t i = 0; i < queries.size(); ++i) {
    CliRun r = Exec("query " + store_ + " " + queries[i]);
    ASSERT_EQ(r.exit_code, 0) << queries[i] << ": " << r.err;
    EXPECT_EQ(r.out, before[i]) << queries[i];
  }

  CliRun again = Exec("upgrade " + store_);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("is up to date: every segment is in format 2; nothing written"));
}

TEST_F(CliUpgradeTest, MissingStoreIsAnError) {
  CliRun r = Exec("upgrade " + store_);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("no store at " + store_));
}

}  // namespace
