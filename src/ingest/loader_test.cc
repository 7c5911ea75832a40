// ingest/loader_test.cc: loading end to end: round trip, every validation error, double loads,
// --replace, compressed input, and loads killed with SIGKILL at random points.
#include "ingest/loader.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <fmt/format.h>

#include "core/file.h"
#include "core/testing/status_matchers.h"
#include "ingest/csv_reader.h"
#include "store/store.h"

namespace tradestat::ingest {
namespace {

using core::StatusCode;
using core::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kHeader[] =
    "period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd,"
    "quantity,unit\n";

// Exact sums of an input, keyed by (period, flow): {cny, usd} in minor units.
using Sums = std::map<std::pair<std::string, int>, std::pair<__int128, __int128>>;

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-load-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    store_ = dir_ + "/store";
    ASSERT_OK(store::Store::Create(store_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  core::Result<LoadReport> Load(std::vector<std::string> files, bool replace = false,
                                bool dry_run = false) {
    LoadOptions o;
    o.store_path = store_;
    o.dataset = "hunan";
    o.files = std::move(files);
    o.replace = replace;
    o.dry_run = dry_run;
    return LoadFiles(o, refdata::Reference::Builtin());
  }

  // Random valid rows; returns the CSV text and fills `sums`.
  static std::string RandomRows(int n, uint32_t seed, Sums* sums,
                                const std::vector<std::string>& months) {
    std::mt19937 rng(seed);
    const char* partners[] = {"USA", "VN", "704", "DEU", "JPN", "KOR", "ZAF", "BRA"};
    const char* hs[] = {"85076000", "8541.42", "84713000", "6403 99 00", "27"};
    std::string out = kHeader;
    for (int i = 0; i < n; ++i) {
      const std::string& m = months[rng() % months.size()];
      int flow = static_cast<int>(rng() % 2);
      int64_t cny = static_cast<int64_t>(rng() % 100000000);
      int64_t usd = cny / 7;
      out += fmt::format("{},{},{},{},{},0110,{},{}.{:02d},{}.{:02d},{},KG\n", m, flow ? "M" : "X",
                         rng() % 2 ? "430100" : "430600", partners[rng() % 8], hs[rng() % 5],
                         1 + rng() % 9, cny / 100, cny % 100, usd / 100, usd % 100, rng() % 1000);
      auto& s = (*sums)[{m, flow}];
      s.first += cny;
      s.second += usd;
    }
    return out;
  }

  Sums StoreSums() {
    Sums out;
    auto s = store::Store::Open(store_);
    EXPECT_OK(s);
    if (!s->HasDataset("hunan")) return out;
    auto snap = s->Dataset("hunan");
    EXPECT_OK(snap);
    auto views = (*snap)->AllSegments();
    EXPECT_OK(views);
    for (const auto& v : *views)
      for (uint64_t r = 0; r < v.rows; ++r) {
        auto& e = out[{v.period.ToString(), v.flow[r]}];
        e.first += v.values[0][r];
        e.second += v.values[1][r];
      }
    return out;
  }

  std::string Manifest() { return core::ReadFileToString(store_ + "/MANIFEST").ValueOr(""); }

  std::string dir_, store_;
};

TEST_F(LoaderTest, RoundTripKeepsExactSumsByMonthFlowAndCurrency) {
  Sums sums;
  std::string a = Write("a.csv", RandomRows(20000, 1, &sums, {"2023-01", "2023-02", "202303"}));
  ASSERT_OK_AND_ASSIGN(LoadReport r, Load({a}));
  EXPECT_EQ(r.rows, 20000u);
  EXPECT_EQ(r.vintage, 1u);
  Sums expected;
  for (auto& [k, v] : sums) expected[{k.first == "202303" ? "2023-03" : k.first, k.second}] = v;
  EXPECT_EQ(StoreSums(), expected);
}

TEST_F(LoaderTest, NormalisesCodesAndAcceptsAliasesInAnyOrder) {
  std::string a = Write("a.csv",
                        "HS,Value_CNY,Region,Partner,Flow,Period\n"
                        "8507.60.00,10.5,430100,vn,export,2023-01\n"
                        "850760 00,1,430100,704,出口,2023-01\n");
  ASSERT_OK(Load({a}));
  auto s = store::Store::Open(store_);
  ASSERT_OK(s);
  ASSERT_OK_AND_ASSIGN(auto snap, s->Dataset("hunan"));
  EXPECT_EQ(snap->dictionary(store::Dim::kPartner).values(), std::vector<std::string>{"VNM"});
  EXPECT_EQ(snap->dictionary(store::Dim::kCommodity).values(),
            std::vector<std::string>{"85076000"});
  EXPECT_EQ(snap->currencies(), std::vector<std::string>{"CNY"});
}

struct BadCase {
  std::string row;       // a data row under kHeader
  std::string expected;  // substring of the message, after "bad.csv:2:"
};

TEST_F(LoaderTest, EveryInvalidFieldIsReportedWithFileLineAndColumn) {
  const BadCase cases[] = {
      {"2023-13,X,430100,USA,85076000,0110,1,1,1,1,KG", "2:1: period: "},
      {"2023-01,Z,430100,USA,85076000,0110,1,1,1,1,KG", "2:9: flow: not a flow"},
      {"2023-01,X,ABCDEF,USA,85076000,0110,1,1,1,1,KG", "2:11: reporter: "},
      {"2023-01,X,430100,XYZQ,85076000,0110,1,1,1,1,KG", "2:18: partner: "},
      {"2023-01,X,430100,USA,85A,0110,1,1,1,1,KG", "2:22: commodity: not a commodity code"},
      {"2023-01,X,430100,USA,8,0110,1,1,1,1,KG", "commodity: not a commodity code"},
      {"2023-01,X,430100,USA,85076000,01,1,1,1,1,KG", ""},  // a valid 2-digit statistical mode
      {"2023-01,X,430100,USA,85076000,011,1,1,1,1,KG", "trade_mode: not a trade mode code"},
      {"2023-01,X,430100,USA,85076000,0110,Q,1,1,1,KG", "enterprise_type: unknown enterprise type"},
      {"2023-01,X,430100,USA,85076000,0110,1,-5,1,1,KG", "value_cny: negative value"},
      // After the valid case above, dataset hunan exists with money scale 2: a third decimal is
      // refused.
      {"2023-01,X,430100,USA,85076000,0110,1,1.234,1,1,KG",
       "value_cny: 3 decimals, more than the 2 of dataset 'hunan'"},
      {"2023-01,X,430100,USA,85076000,0110,1,1.2345678,1,1,KG",
       "value_cny: 7 decimals; money is kept to at most 6"},
      {"2023-01,X,430100,USA,85076000,0110,1,\"1,234\",1,1,KG", "value_cny: not a number"},
      {"2023-01,X,430100,USA,85076000,0110,1,1,,1,KG", "value_usd: empty value"},
      {"2023-01,X,430100,USA,85076000,0110,1,1,1,1.2345,KG", "quantity: more than 3 decimals"},
      {"2023-01,X,430100,USA,85076000,0110,1,1,1,1,K G", "unit: not a unit code"},
      {"2023-01,X,430100,USA,85076000,0110,1,1,1,1",
       "2: expected 11 fields as in the header, found 10"},
  };
  std::string before = Manifest();
  for (const auto& c : cases) {
    std::string bad = Write("bad.csv", std::string(kHeader) + c.row + "\n");
    auto r = Load({bad});
    if (c.expected.empty()) {
      EXPECT_OK(r) << c.row;
      continue;
    }
    EXPECT_THAT(r, StatusIs(StatusCode::kParse,
                            HasSubstr(bad + ":" + (c.expected[0] == '2' ? c.expected : "2:"))))
        << c.row;
    EXPECT_THAT(r, StatusIs(StatusCode::kParse, HasSubstr(c.expected))) << c.row;
    EXPECT_THAT(r, StatusIs(StatusCode::kParse, HasSubstr("nothing was loaded")));
  }
}

// Issue 11 item 5: money at the source's precision. Three rows of 1.005 yuan: exactly 3.015;
// rounded to cents row by row they were 3 x 1.01 = 3.03.
TEST_F(LoaderTest, ValuesWithThreeDecimalsSumExactlyAtTheDatasetsMoneyScale) {
  auto load = [&](const std::string& dataset, std::vector<std::string> files, int scale = -1) {
    LoadOptions o;
    o.store_path = store_;
    o.dataset = dataset;
    o.files = std::move(files);
    o.money_scale = scale;
    o.append = true;
    return LoadFiles(o, refdata::Reference::Builtin());
  };
  const std::string two = Write("two.csv",
                                "period,flow,reporter,partner,commodity,value_cny\n"
                                "2023-01,X,430100,USA,85076000,2.5\n");
  const std::string three = Write("three.csv",
                                  "period,flow,reporter,partner,commodity,value_cny\n"
                                  "2023-01,X,430100,USA,85076000,1.005\n"
                                  "2023-01,X,430100,JPN,85076000,1.005\n"
                                  "2023-01,X,430100,DEU,85076000,1.00500\n");
  // The second file raises the scale of the whole load: both are stored in thousandths.
  ASSERT_OK_AND_ASSIGN(auto r, load("exact", {two, three}));
  EXPECT_EQ(r.money_scale, 3);
  auto store = store::Store::Open(store_);
  ASSERT_OK(store.status());
  ASSERT_OK_AND_ASSIGN(auto ds, store->Dataset("exact"));
  EXPECT_EQ(ds->meta().money_scale, 3);
  __int128 x = 0;
  for (const auto& seg : ds->segment_metas()) x += seg.totals[0][0];
  EXPECT_EQ(static_cast<int64_t>(x), 2500 + 3015);  // 2.5 + 3 x 1.005 = 5.515 yuan

  // The scale is the dataset's from now on: a fourth decimal is refused, a different
  // --money-scale too, and the store is unchanged.
  const std::string before = Manifest();
  const std::string four = Write("four.csv",
                                 "period,flow,reporter,partner,commodity,value_cny\n"
                                 "2023-02,X,430100,USA,85076000,1.0001\n");
  EXPECT_THAT(
      load("exact", {four}),
      StatusIs(
          StatusCode::kParse,
          HasSubstr(four + ":2:31: value_cny: 4 decimals, more than the 3 of dataset 'exact'")));
  EXPECT_THAT(load("exact", {four}, 4),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("keeps money at 3 decimals")));
  EXPECT_EQ(Manifest(), before);
  // A declared scale is kept: 2 refuses thousandths, 4 stores them in ten-thousandths.
  EXPECT_THAT(load("cents", {three}, 2),
              StatusIs(StatusCode::kParse, HasSubstr("more than the 2 of --money-scale 2")));
  ASSERT_OK_AND_ASSIGN(auto r4, load("tenk", {three}, 4));
  EXPECT_EQ(r4.money_scale, 4);
  // A file of cents only keeps the default scale 2.
  ASSERT_OK_AND_ASSIGN(auto r2, load("plain", {two}));
  EXPECT_EQ(r2.money_scale, 2);
}

TEST_F(LoaderTest, NulBytesInvalidUtf8AndHugeValuesAreReportedWithAShortExcerpt) {
  std::string nul = Write(
      "nul.csv", std::string(kHeader) + "2023-01,X,430100,US" + std::string(1, '\0') +
                     "A,85076000,0110,1,1,1,1,KG\n2023-01,X,430100,USA,85076000,0110,1,1,1,1,KG\n");
  auto r = Load({nul});
  EXPECT_THAT(r, StatusIs(StatusCode::kParse,
                          HasSubstr(nul + ":2:18: partner: NUL byte at byte 3 of the value")));
  EXPECT_THAT(r, StatusIs(StatusCode::kParse, HasSubstr("(value \"US\\x00A\")")));

  std::string latin1 = Write(
      "latin1.csv", std::string(kHeader) + "2023-01,X,430100,USA,85076000,0110,1,1,1,1,K\xE9\n");
  EXPECT_THAT(Load({latin1}), StatusIs(StatusCode::kParse,
                                       HasSubstr(latin1 + ":2:44: unit: invalid UTF-8 at byte 2")));

  std::string huge(1 << 20, '7');
  std::string big = Write("big.csv", std::string(kHeader) + "2023-01,X,430100,USA," + huge +
                                         ",0110,1,1" + huge + ",1,1,KG\n");
  auto b = Load({big});
  EXPECT_THAT(
      b, StatusIs(StatusCode::kParse, HasSubstr("commodity: value of 1048576 bytes is too long")));
  EXPECT_THAT(b, StatusIs(StatusCode::kParse, HasSubstr("... (1048577 bytes)")));
  EXPECT_LT(b.status().message().size(), 2000u);  // the value is never echoed whole
}

TEST_F(LoaderTest, ARecordLongerThanTheLimitIsAnErrorNamingItsLine) {
  std::string line(kMaxRecordBytes + 10, 'x');
  std::string f =
      Write("oneline.csv",
            std::string(kHeader) + "2023-01,X,430100,USA,85076000,0110,1,1,1,1,KG\n" + line);
  EXPECT_THAT(Load({f}),
              StatusIs(StatusCode::kParse, HasSubstr(f + ":3: record longer than 16 MiB")));
}

TEST_F(LoaderTest, StoreErrorsNameTheStoreFileNotTheInput) {
  std::string a =
      Write("a.csv", std::string(kHeader) + "2023-01,X,430100,USA,85076000,0110,1,1,1,1,KG\n");
  std::ofstream(store_ + "/MANIFEST", std::ios::binary | std::ios::trunc) << "garbage\n";
  auto r = Load({a});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("MANIFEST"));
  EXPECT_THAT(r.status().message(), ::testing::Not(::testing::StartsWith(a)));
}

TEST_F(LoaderTest, HeaderProblemsAreNamed) {
  EXPECT_THAT(Load({Write("h1.csv", "period,flow,reporter,partner,commodity\n")}),
              StatusIs(StatusCode::kParse, HasSubstr("h1.csv:1: no value column")));
  EXPECT_THAT(Load({Write("h2.csv", "period,flow,reporter,parnter,commodity,value_cny\n")}),
              StatusIs(StatusCode::kParse, HasSubstr("h2.csv:1:22: unknown column \"parnter\"")));
  EXPECT_THAT(Load({Write("h3.csv", "period,flow,reporter,commodity,value_cny\n")}),
              StatusIs(StatusCode::kParse, HasSubstr("missing required column \"partner\"")));
  EXPECT_THAT(Load({Write("h4.csv", "period,flow,reporter,region,partner,commodity,value_cny\n")}),
              StatusIs(StatusCode::kParse, HasSubstr("given twice")));
  EXPECT_THAT(Load({Write("h5.csv", "")}), StatusIs(StatusCode::kParse, HasSubstr("empty file")));
  EXPECT_THAT(Load({dir_ + "/missing.csv"}),
              StatusIs(StatusCode::kNotFound, HasSubstr("missing.csv: no such file")));
}

TEST_F(LoaderTest, ManyProblemsShowTwentyAndCountTheRestAndLeaveTheStoreUntouched) {
  Sums sums;
  ASSERT_OK(Load({Write("good.csv", RandomRows(100, 7, &sums, {"2022-12"}))}));
  std::string before = Manifest();
  std::string text = kHeader;
  for (int i = 0; i < 50; ++i)
    text +=
        "2023-01,X,430100,USA,85076000,0110,1,1,1,1,KG\n2023-01,X,430100,USA,85076000,0110,1,x,1,1,"
        "KG\n";
  auto r = Load({Write("many.csv", text)});
  ASSERT_THAT(r, StatusIs(StatusCode::kParse, HasSubstr("... and 30 more problems")));
  EXPECT_THAT(r.status().message(), HasSubstr("50 problems found; nothing was loaded"));
  EXPECT_EQ(Manifest(), before);
  EXPECT_EQ(StoreSums(), sums);
}

TEST_F(LoaderTest, SameContentIsRefusedAndReplaceMakesAVintage) {
  Sums sums;
  std::string a = Write("a.csv", RandomRows(500, 3, &sums, {"2023-01", "2023-02"}));
  ASSERT_OK(Load({a}));
  std::string copy = Write("copy-of-a.csv", core::ReadFileToString(a).ValueOr(""));
  EXPECT_THAT(Load({copy}), StatusIs(StatusCode::kAlreadyExists,
                                     HasSubstr("already loaded into dataset 'hunan'")));
  EXPECT_THAT(Load({copy}), StatusIs(StatusCode::kAlreadyExists, HasSubstr("vintage 1, as " + a)));
  Sums revised;
  std::string jan = Write("jan.csv", RandomRows(100, 4, &revised, {"2023-01"}));
  ASSERT_OK_AND_ASSIGN(LoadReport r, Load({jan}, /*replace=*/true));
  EXPECT_EQ(r.vintage, 2u);
  Sums expected = sums;
  for (int f = 0; f < 2; ++f) expected.erase({"2023-01", f});
  for (auto& [k, v] : revised) expected[k] = v;
  EXPECT_EQ(StoreSums(), expected);
  auto s = store::Store::Open(store_);
  ASSERT_OK(s);
  ASSERT_OK_AND_ASSIGN(auto v1, s->Dataset("hunan", 1u));
  ASSERT_OK_AND_ASSIGN(auto v1_views, v1->AllSegments());
  uint64_t rows = 0;
  for (const auto& v : v1_views) rows += v.rows;
  EXPECT_EQ(rows, 500u);
}

TEST_F(LoaderTest, DryRunWritesNothing) {
  Sums sums;
  std::string before = Manifest();
  ASSERT_OK_AND_ASSIGN(LoadReport r,
                       Load({Write("a.csv", RandomRows(100, 5, &sums, {"2023-01"}))}, false, true));
  EXPECT_EQ(r.rows, 100u);
  EXPECT_EQ(Manifest(), before);
  EXPECT_TRUE(std::filesystem::is_empty(store_ + "/data"));
}

TEST_F(LoaderTest, ReadsGzipAndZstdInput) {
  Sums sums;
  std::string text = RandomRows(3000, 6, &sums, {"2023-05"});
  std::string gz = dir_ + "/a.csv.gz";
  gzFile g = gzopen(gz.c_str(), "wb");
  gzwrite(g, text.data(), static_cast<unsigned>(text.size()));
  gzclose(g);
  std::string z(ZSTD_compressBound(text.size()), '\0');
  z.resize(ZSTD_compress(z.data(), z.size(), text.data(), text.size(), 3));
  std::string zst = Write("b.csv.zst", z);
  ASSERT_OK(Load({gz}));
  EXPECT_EQ(StoreSums(), sums);
  // Same decompressed content: refused whatever the compression.
  EXPECT_THAT(Load({zst}), StatusIs(StatusCode::kAlreadyExists, ::testing::_));
  std::string truncated = Write("t.csv.zst", z.substr(0, z.size() / 2));
  EXPECT_THAT(Load({truncated}), StatusIs(StatusCode::kParse, HasSubstr("truncated")));
}

TEST_F(LoaderTest, SigkillAtRandomPointsLeavesThePreviousOrTheNewState) {
  Sums base;
  ASSERT_OK(Load({Write("base.csv", RandomRows(2000, 8, &base, {"2022-06"}))}));
  std::mt19937 rng(99);
  for (int round = 0; round < 12; ++round) {
    Sums added;
    std::string big =
        Write(fmt::format("big{}.csv", round),
              RandomRows(150000, 100 + round, &added, {"2023-01", "2023-02", "2023-03"}));
    Sums after = base;
    for (auto& [k, v] : added) {
      after[k].first += v.first;
      after[k].second += v.second;
    }
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      LoadOptions o;
      o.store_path = store_;
      o.dataset = "hunan";
      o.files = {big};
      auto r = LoadFiles(o, refdata::Reference::Builtin());
      _exit(r.ok() ? 0 : 3);
    }
    usleep(static_cast<useconds_t>(rng() % 400000));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    Sums now = StoreSums();
    if (now == after) {
      base = after;  // the kill came after the commit point
    } else {
      EXPECT_EQ(now, base) << "round " << round << ": store is neither the old nor the new state";
    }
  }
  // The store still takes loads (leftovers of killed loads are cleaned up).
  Sums more;
  ASSERT_OK(Load({Write("final.csv", RandomRows(10, 1234, &more, {"2024-01"}))}));
}

}  // namespace
}  // namespace tradestat::ingest
