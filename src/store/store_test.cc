// store/store_test.cc: commits, snapshots, vintages, corruption detection and aborted loads.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/hash.h"
#include "core/testing/status_matchers.h"
#include "store/load_transaction.h"
#include "store/manifest.h"
#include "store/store.h"

namespace tradestat::store {
namespace {

using core::Period;
using core::StatusCode;
using core::testing::StatusIs;
using ::testing::HasSubstr;

std::string NewStoreDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-store-XXXXXX").string();
  std::string dir = ::mkdtemp(tmpl.data());
  std::filesystem::remove(dir);
  return dir;
}

void AddRow(LoadTransaction& tx, RowBatch& b, Period p, Flow f, const char* partner, int64_t cny,
            int64_t usd) {
  b.period_key.push_back(p.key());
  b.flow.push_back(static_cast<uint8_t>(f));
  b.reporter.push_back(static_cast<uint16_t>(tx.dictionary(Dim::kReporter).Intern("430100")));
  b.partner.push_back(static_cast<uint16_t>(tx.dictionary(Dim::kPartner).Intern(partner)));
  b.commodity.push_back(tx.dictionary(Dim::kCommodity).Intern("85076000"));
  b.trade_mode.push_back(0);
  b.enterprise_type.push_back(0);
  b.unit.push_back(0);
  b.quantity.push_back(kNoQuantity);
  b.values[0].push_back(cny);
  b.values[1].push_back(usd);
}

__int128 Sum(const std::vector<SegmentView>& views, int currency) {
  __int128 s = 0;
  for (const auto& v : views)
    for (uint64_t r = 0; r < v.rows; ++r) s += v.values[currency][r];
  return s;
}

LoadTransaction::Options Opts(LoadTransaction::Mode mode = LoadTransaction::Mode::kAppend) {
  LoadTransaction::Options o;
  o.mode = mode;
  o.currencies = {"CNY", "USD"};
  return o;
}

TEST(StoreTest, CommitThenReadExactSums) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "hunan", Opts()));
    RowBatch b;
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", 100, 14);
    AddRow(*tx, b, Period::Month(2023, 2), Flow::kImport, "VNM", 250, 36);
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "VNM", 7, 1);
    ASSERT_OK(tx->Append(b));
    ASSERT_OK_AND_ASSIGN(uint32_t v, tx->Commit({{"a.csv", "h1", 10, 3}}));
    EXPECT_EQ(v, 1u);
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("hunan"));
  EXPECT_EQ(snap->currencies(), (std::vector<std::string>{"CNY", "USD"}));
  EXPECT_EQ(snap->Periods().size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto all, snap->AllSegments());
  EXPECT_EQ(Sum(all, 0), 357);
  EXPECT_EQ(Sum(all, 1), 51);
  ASSERT_OK_AND_ASSIGN(auto jan, snap->Segments(Period::Month(2023, 1), Period::Month(2023, 1)));
  EXPECT_EQ(Sum(jan, 0), 107);
  EXPECT_EQ(snap->dictionary(Dim::kPartner).Value(jan[0].partner[0]), "USA");
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, ReplaceKeepsThePreviousVintage) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  for (int round = 0; round < 2; ++round) {
    ASSERT_OK_AND_ASSIGN(auto tx,
                         LoadTransaction::Begin(dir, "d",
                                                Opts(round ? LoadTransaction::Mode::kReplace
                                                           : LoadTransaction::Mode::kAppend)));
    RowBatch b;
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", round ? 500 : 100, 1);
    if (!round) AddRow(*tx, b, Period::Month(2023, 2), Flow::kExport, "USA", 40, 1);
    ASSERT_OK(tx->Append(b));
    ASSERT_OK(tx->Commit({}).status());
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto now, store.Dataset("d"));
  ASSERT_OK_AND_ASSIGN(auto now_views, now->AllSegments());
  EXPECT_EQ(Sum(now_views, 0), 540);
  ASSERT_OK_AND_ASSIGN(auto before, store.Dataset("d", 1u));
  ASSERT_OK_AND_ASSIGN(auto before_views, before->AllSegments());
  EXPECT_EQ(Sum(before_views, 0), 140);
  EXPECT_EQ(store.manifest().datasets.at("d").vintages.back().replaced_periods,
            std::vector<std::string>{"2023-01"});
  std::filesystem::remove_all(dir);
}

// Every regular file under `dir`, relative, sorted; the LOCK file is the store's, not a load's.
std::vector<std::string> FilesUnder(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) {
      std::string rel = std::filesystem::relative(e.path(), dir).string();
      if (rel != "LOCK") files.push_back(rel);
    }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(StoreTest, AbortedLoadLeavesNothing) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  const std::vector<std::string> before = FilesUnder(dir);
  {
    // A threshold of one row makes Append spill segment files before the (missing) commit.
    LoadTransaction::Options spill_early = Opts();
    spill_early.max_buffered_rows = 1;
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", spill_early));
    RowBatch b;
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", 1, 1);
    AddRow(*tx, b, Period::Month(2023, 2), Flow::kExport, "USA", 2, 1);
    AddRow(*tx, b, Period::Month(2023, 2), Flow::kImport, "VNM", 3, 1);
    ASSERT_OK(tx->Append(b));
    EXPECT_GT(FilesUnder(dir).size(), before.size()) << "the spill should have written segments";
    // destroyed without Commit
  }
  EXPECT_EQ(FilesUnder(dir), before);
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  EXPECT_FALSE(store.HasDataset("d"));
  EXPECT_THAT(store.Dataset("d"), StatusIs(StatusCode::kNotFound, HasSubstr("no dataset 'd'")));
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, ExplicitAbortAfterASpillRemovesItsSegments) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  const std::vector<std::string> before = FilesUnder(dir);
  LoadTransaction::Options spill_early = Opts();
  spill_early.max_buffered_rows = 1;
  ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", spill_early));
  RowBatch b;
  AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", 1, 1);
  AddRow(*tx, b, Period::Month(2023, 3), Flow::kExport, "USA", 2, 1);
  ASSERT_OK(tx->Append(b));
  tx->Abort();
  EXPECT_EQ(FilesUnder(dir), before);
  tx.reset();
  EXPECT_EQ(FilesUnder(dir), before);
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, SpillingUnderALowThresholdKeepsExactSumsAcrossManySegments) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  LoadTransaction::Options spill_early = Opts();
  spill_early.max_buffered_rows = 2;  // the default is millions; force SpillLargest on every batch
  int64_t expected_cny = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", spill_early));
    for (int batch = 0; batch < 4; ++batch) {
      RowBatch b;
      for (int r = 0; r < 3; ++r) {
        int64_t cny = 1000 * batch + r + 1;
        expected_cny += cny;
        AddRow(*tx, b, Period::Month(2023, 1 + (r % 2)), r == 2 ? Flow::kImport : Flow::kExport,
               r ? "VNM" : "USA", cny, 1);
      }
      ASSERT_OK(tx->Append(b));
    }
    EXPECT_EQ(tx->rows_appended(), 12u);
    ASSERT_OK(tx->Commit({{"a.csv", "h1", 10, 12}}).status());
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("d"));
  EXPECT_EQ(snap->Periods().size(), 2u);
  ASSERT_OK_AND_ASSIGN(auto all, snap->AllSegments());
  EXPECT_GT(all.size(), 2u) << "a spill writes a segment per period each time it runs";
  uint64_t rows = 0;
  for (const auto& v : all) rows += v.rows;
  EXPECT_EQ(rows, 12u);
  EXPECT_EQ(Sum(all, 0), expected_cny);
  EXPECT_EQ(Sum(all, 1), 12);
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, FlippedByteIsReportedAsCorruption) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", Opts()));
    RowBatch b;
    for (int i = 0; i < 100; ++i)
      AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", 1000 + i, 1);
    ASSERT_OK(tx->Append(b));
    ASSERT_OK(tx->Commit({}).status());
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  std::string seg = dir + "/" + store.manifest().datasets.at("d").segments[0].file;
  uint64_t size = std::filesystem::file_size(seg);
  // Flip one byte in every region of the file in turn: header, directory, column data.
  for (uint64_t pos : {uint64_t{3}, uint64_t{70}, size - 9}) {
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(static_cast<std::streamoff>(pos));
    char c;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(pos));
    f.put(static_cast<char>(c ^ 0x20));
    f.close();
    ASSERT_OK_AND_ASSIGN(Store reopened, Store::Open(dir));
    ASSERT_OK_AND_ASSIGN(auto snap, reopened.Dataset("d"));
    EXPECT_THAT(snap->AllSegments(),
                StatusIs(StatusCode::kCorruption, HasSubstr("corrupt store: " + seg)));
    f.open(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(pos));
    f.put(c);
  }
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, DamagedManifestIsReported) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  std::ofstream(dir + "/MANIFEST", std::ios::app) << " ";
  EXPECT_THAT(Store::Open(dir), StatusIs(StatusCode::kCorruption, HasSubstr("checksum mismatch")));
  EXPECT_THAT(Store::Open(dir + "/nope"),
              StatusIs(StatusCode::kNotFound, HasSubstr("tradestat init")));
  std::filesystem::remove_all(dir);
}

// A manifest written before money scales were recorded reads as scale 2 (cents); a recorded
// scale is kept, and one outside 0..6 is damage.
TEST(StoreTest, ManifestMoneyScaleDefaultsToCentsAndIsValidated) {
  Manifest m;
  DatasetMeta d;
  d.currencies = {"USD"};
  d.money_scale = 3;
  m.datasets["a"] = d;
  const std::string text = SerializeManifest(m);
  auto parsed = ParseManifest(text, "MANIFEST");
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->datasets.at("a").money_scale, 3);
  // Rewrite the body as an older build wrote it (no "money_scale"), or with a bad scale, and
  // re-hash it so only the field differs.
  auto with_body = [&](const std::string& from, const std::string& to) {
    std::string body = text.substr(text.find('\n') + 1);
    size_t at = body.find(from);
    EXPECT_NE(at, std::string::npos) << body;
    body.replace(at, from.size(), to);
    std::string header = text.substr(0, text.find('\n'));
    header = header.substr(0, header.rfind(' ') + 1) + core::HashToHex(core::Hash64(body));
    return header + "\n" + body;
  };
  auto old = ParseManifest(with_body("\"money_scale\": 3,", ""), "MANIFEST");
  ASSERT_OK(old);
  EXPECT_EQ(old->datasets.at("a").money_scale, 2);
  EXPECT_THAT(ParseManifest(with_body("\"money_scale\": 3", "\"money_scale\": 9"), "MANIFEST"),
              StatusIs(StatusCode::kCorruption, HasSubstr("outside 0..6")));
}

TEST(StoreTest, CurrenciesMustMatchTheDataset) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", Opts()));
    RowBatch b;
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", 1, 1);
    ASSERT_OK(tx->Append(b));
    ASSERT_OK(tx->Commit({}).status());
  }
  LoadTransaction::Options only_cny;
  only_cny.currencies = {"CNY"};
  EXPECT_THAT(LoadTransaction::Begin(dir, "d", only_cny),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("stores values in CNY, USD")));
  std::filesystem::remove_all(dir);
}

TEST(StoreTest, AnnualSegmentsAnswerWholeYearsAndNeverAddToTheirMonths) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", Opts()));
    RowBatch b;
    AddRow(*tx, b, Period::Year(2021), Flow::kExport, "USA", 1000, 1);
    AddRow(*tx, b, Period::Year(2022), Flow::kExport, "USA", 1200, 1);
    AddRow(*tx, b, Period::Month(2022, 1), Flow::kExport, "USA", 500, 1);
    AddRow(*tx, b, Period::Month(2022, 7), Flow::kExport, "USA", 700, 1);
    ASSERT_OK(tx->Append(b));
    ASSERT_OK(tx->Commit({}).status());
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("d"));
  auto sum = [&](Period from, Period to) {
    auto views = snap->Segments(from, to);
    EXPECT_OK(views);
    return Sum(*views, 0);
  };
  EXPECT_EQ(sum(Period::Year(2021), Period::Year(2021)), 1000);       // annual only
  EXPECT_EQ(sum(Period::Month(2021, 1), Period::Month(2021, 6)), 0);  // never spread over months
  EXPECT_EQ(sum(Period::Year(2022), Period::Year(2022)),
            500 + 700);  // the months, not the annual figure too
  EXPECT_EQ(sum(Period::Month(2022, 1), Period::Month(2022, 6)), 500);
  EXPECT_EQ(sum(Period::Year(2021), Period::Year(2022)), 1000 + 500 + 700);
  std::filesystem::remove_all(dir);
}

// "Of which" flows (RX, DX ...) are stored, with totals of their own in the manifest, and are never
// part of the X / M totals; a manifest without "sub_totals" (older stores) reads as none.
TEST(StoreTest, OfWhichFlowsHaveTheirOwnTotalsNeverInXOrM) {
  std::string dir = NewStoreDir();
  ASSERT_OK(Store::Create(dir));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", Opts()));
    RowBatch b;
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kExport, "USA", 1000, 140);
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kReExport, "USA", 600, 84);
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kReExport, "VNM", 5, 1);
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kDomesticExport, "USA", 400, 56);
    AddRow(*tx, b, Period::Month(2023, 1), Flow::kImport, "VNM", 250, 36);
    ASSERT_OK(tx->Append(b));
    ASSERT_OK(tx->Commit({{"a.csv", "h1", 10, 5}}).status());
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("d"));
  ASSERT_EQ(snap->segment_metas().size(), 1u);
  const SegmentMeta& m = snap->segment_metas()[0];
  EXPECT_EQ(m.totals[0], (std::vector<__int128>{1000, 140}));
  EXPECT_EQ(m.totals[1], (std::vector<__int128>{250, 36}));
  ASSERT_EQ(m.sub_totals.size(), 2u);
  EXPECT_EQ(m.sub_totals.at(static_cast<uint8_t>(Flow::kReExport)),
            (std::vector<__int128>{605, 85}));
  EXPECT_EQ(m.sub_totals.at(static_cast<uint8_t>(Flow::kDomesticExport)),
            (std::vector<__int128>{400, 56}));
  ASSERT_OK_AND_ASSIGN(auto all, snap->AllSegments());
  EXPECT_EQ(all[0].flow[1], static_cast<uint8_t>(Flow::kReExport));

  // Serialised by code; a manifest without the field has no "of which" totals.
  std::string text = SerializeManifest(store.manifest());
  EXPECT_THAT(text, HasSubstr("\"sub_totals\""));
  EXPECT_THAT(text, HasSubstr("\"RX\""));
  ASSERT_OK_AND_ASSIGN(Manifest again, ParseManifest(text, "m"));
  EXPECT_EQ(again.datasets.at("d").segments[0].sub_totals, m.sub_totals);
  std::filesystem::remove_all(dir);
}

TEST(FlowTest, CodesAndNamesInAnyCase) {
  EXPECT_EQ(FlowFromText("rx"), Flow::kReExport);
  EXPECT_EQ(FlowFromText(" Re-Exports "), Flow::kReExport);
  EXPECT_EQ(FlowFromText("re-import"), Flow::kReImport);
  EXPECT_EQ(FlowFromText("dx"), Flow::kDomesticExport);
  EXPECT_EQ(FlowFromText("Export"), Flow::kExport);
  EXPECT_EQ(FlowFromText("进口"), Flow::kImport);
  EXPECT_EQ(FlowFromText("复出口"), Flow::kReExport);
  EXPECT_FALSE(FlowFromText("RZ").has_value());
  EXPECT_FALSE(FlowFromText("3").has_value());  // Comtrade numeric codes are the readers' business
  for (int f = 0; f < kFlowCount; ++f) {
    const auto flow = static_cast<Flow>(f);
    EXPECT_EQ(FlowFromText(FlowCode(flow)), flow);
    EXPECT_TRUE(IsMainFlow(static_cast<uint8_t>(FlowInfoOf(flow).parent)));
    EXPECT_EQ(IsMainFlow(static_cast<uint8_t>(f)), f <= 1);
  }
}

}  // namespace
}  // namespace tradestat::store
