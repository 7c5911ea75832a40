// demo/demo_test.cc: the demo datasets reproduce every figure of the Hunan H1 2023 release.
//
// The data are written to CSV, read back and summed here with naive loops, independently of
// the generator's calibration code; groups and categories come from the reference data, as the
// bulletin uses them. Figures are compared as customs displays them (billions with 2 decimals,
// percentages with 1), rounded from unrounded sums.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/decimal.h"
#include "core/file.h"
#include "core/testing/status_matchers.h"
#include "demo/demo_data.h"
#include "demo/demo_reference.h"
#include "refdata/reference.h"

namespace tradestat::demo {
namespace {

using core::Period;

struct Row {
  int period;  // 202306
  char flow;
  std::string reporter, partner, commodity, mode, unit;
  int enterprise;
  int64_t cny, usd;
};

int64_t ParseMoney(const std::string& s) {
  int64_t v = 0;
  EXPECT_EQ(core::ParseScaled(s, 2, &v), core::DecimalError::kOk) << s;
  return v;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> f;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == ',')
      f.push_back(line.substr(start, i - start)), start = i + 1;
  return f;
}

// Read every CSV of `dataset` in `dir`, checking the format of each line.
std::vector<Row> ReadDataset(const std::string& dir, const std::string& dataset) {
  std::vector<Row> rows;
  std::vector<std::string> paths;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string().rfind(dataset + "_", 0) == 0)
      paths.push_back(e.path().string());
  std::sort(paths.begin(), paths.end());
  EXPECT_FALSE(paths.empty());
  for (const auto& path : paths) {
    auto text = core::ReadFileToString(path);
    EXPECT_OK(text.status());
    size_t pos = 0;
    bool header = true;
    while (pos < text->size()) {
      size_t end = text->find('\n', pos);
      std::string line = text->substr(pos, end - pos);
      pos = end + 1;
      if (header) {
        EXPECT_EQ(line, kCsvHeader) << path;
        header = false;
        continue;
      }
      auto f = Split(line);
      if (f.size() != 11) {
        ADD_FAILURE() << path << ": bad line " << line;
        continue;
      }
      Row r;
      r.period = std::stoi(f[0].substr(0, 4)) * 100 + std::stoi(f[0].substr(5, 2));
      r.flow = f[1][0];
      r.reporter = f[2];
      r.partner = f[3];
      r.commodity = f[4];
      r.mode = f[5];
      r.enterprise = f[6].empty() ? 0 : f[6][0] - '0';
      r.cny = ParseMoney(f[7]);
      r.usd = ParseMoney(f[8]);
      r.unit = f[10];
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

// Customs display: billions of yuan with 2 decimals, from fen.
std::string Bn(__int128 fen) { return core::FormatScaled(core::DivRound(fen, 1000000000), 2); }
// Growth or share in percent with 1 decimal (2 below 0.1), from unrounded values.
std::string Pct(__int128 num, __int128 den) {
  const __int128 tenths = core::DivRound(num * 1000, den);
  std::string s = core::FormatScaled(tenths < 0 ? -tenths : tenths, 1);
  return tenths < 0 ? "-" + s : s;
}
std::string Growth(__int128 cur, __int128 base) { return Pct(cur - base, base); }

class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string((std::filesystem::temp_directory_path() /
                            ("tradestat_demo_test_" + std::to_string(getpid())))
                               .string());
    std::vector<std::string> files;
    ASSERT_OK(WriteDemoCsv(DemoOptions::Defaults(), *dir_, &files));
    ASSERT_EQ(files.size(), 5u);  // hunan 2022, 2023; china 2021, 2022, 2023
    hunan_ = new std::vector<Row>(ReadDataset(*dir_, "hunan"));
    china_ = new std::vector<Row>(ReadDataset(*dir_, "china"));
    ref_ = &refdata::Reference::Builtin();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete hunan_;
    delete china_;
    delete dir_;
  }

  static bool InH1(int period, int year) { return period / 100 == year && period % 100 <= 6; }

  // Sum of Hunan CNY over H1 `year` for rows passing `pred`.
  template <typename Pred>
  static __int128 Sum(int year, Pred pred) {
    __int128 s = 0;
    for (const auto& r : *hunan_)
      if (InH1(r.period, year) && pred(r)) s += r.cny;
    return s;
  }
  static __int128 Total(int year) {
    return Sum(year, [](const Row&) { return true; });
  }
  // Partner-group sum on a comparable basis: the members at the end of H1 2023 for both years.
  static __int128 GroupSum(const std::string& group, int year) {
    std::unordered_map<std::string, bool> member;
    return Sum(year, [&](const Row& r) {
      auto it = member.find(r.partner);
      if (it == member.end())
        it = member
                 .emplace(r.partner,
                          r.partner != "CHN" &&
                              ref_->groups().IsMember(group, r.partner, Period::Month(2023, 6)))
                 .first;
      return it->second;
    });
  }
  static __int128 CategoryExports(const std::string& category, int year) {
    std::unordered_map<std::string, bool> in;
    return Sum(year, [&](const Row& r) {
      if (r.flow != 'X') return false;
      auto it = in.find(r.commodity);
      if (it == in.end())
        it = in.emplace(r.commodity, ref_->categories().Contains(category, r.commodity,
                                                                 Period::FromKey(r.period)))
                 .first;
      return it->second;
    });
  }

  static void CheckSizeAndFormat() {
    EXPECT_GE(hunan_->size(), 1000000u);
    EXPECT_LE(hunan_->size(), 3000000u);
    std::map<std::string, std::string> unit_of;
    std::set<std::string> reporters;
    for (const auto& r : *hunan_) {
      ASSERT_TRUE(r.flow == 'X' || r.flow == 'M');
      ASSERT_EQ(r.commodity.size(), 8u);
      ASSERT_EQ(r.mode.size(), 4u);
      ASSERT_TRUE(r.enterprise >= 1 && r.enterprise <= 9);
      ASSERT_GT(r.cny, 0);
      auto [it, inserted] = unit_of.emplace(r.commodity, r.unit);
      ASSERT_EQ(it->second, r.unit) << "unit not consistent for " << r.commodity;
      reporters.insert(r.reporter);
    }
    EXPECT_EQ(reporters.size(), 14u);
    EXPECT_GE(unit_of.size(), 3000u);  // thousands of distinct 8-digit codes
  }

  static void CheckHeadlineTotals() {
    const __int128 t23 = Total(2023), t22 = Total(2022);
    EXPECT_EQ(Bn(t23), "336.75");
    EXPECT_GT(t23, static_cast<__int128>(330) * 100000000000);
    EXPECT_EQ(Growth(t23, t22), "7.6");
    const __int128 x23 = Sum(2023, [](const Row& r) { return r.flow == 'X'; });
    const __int128 x22 = Sum(2022, [](const Row& r) { return r.flow == 'X'; });
    EXPECT_EQ(Bn(x23), "232.87");
    EXPECT_EQ(Growth(x23, x22), "1.7");
    EXPECT_EQ(Bn(t23 - x23), "103.88");
    EXPECT_EQ(Growth(t23 - x23, t22 - x22), "23.8");
    // Record high: above every earlier first half, including the coarse 2021 rows in `china`.
    EXPECT_GT(t23, t22);
    __int128 h21 = 0;
    for (const auto& r : *china_)
      if (r.reporter == "430000" && InH1(r.period, 2021)) h21 += r.cny;
    EXPECT_GT(h21, 0);
    EXPECT_GT(t23, h21);
  }

  static void CheckQuarterAndCumulativeMonths() {
    auto upto = [](int year, int last) {
      return Sum(year, [&](const Row& r) { return r.period % 100 <= last; });
    };
    EXPECT_EQ(Bn(upto(2023, 3)), "179.38");
    EXPECT_EQ(Growth(upto(2023, 3), upto(2022, 3)), "58.3");
    EXPECT_EQ(Bn(upto(2023, 4)), "243.65");
    EXPECT_EQ(Bn(upto(2023, 5)), "293.40");
    EXPECT_EQ(Growth(upto(2023, 5), upto(2022, 5)), "26.6");
    // Spring Festival dip: February below March in both years.
    for (int y : {2022, 2023}) {
      auto month = [&](int m) { return Sum(y, [&](const Row& r) { return r.period % 100 == m; }); };
      EXPECT_LT(month(2), month(3)) << y;
    }
  }

  static void CheckNationalBenchmark() {
    __int128 n23 = 0, n22 = 0, nx23 = 0, nx22 = 0;
    for (const auto& r : *china_) {
      if (InH1(r.period, 2023)) n23 += r.cny, nx23 += r.flow == 'X' ? r.cny : 0;
      if (InH1(r.period, 2022)) n22 += r.cny, nx22 += r.flow == 'X' ? r.cny : 0;
    }
    EXPECT_EQ(core::FormatScaled(core::DivRound(n23, static_cast<__int128>(1000000000000)), 2),
              "20.10");
    EXPECT_EQ(Growth(n23, n22), "2.1");
    EXPECT_EQ(core::FormatScaled(core::DivRound(nx23, static_cast<__int128>(1000000000000)), 2),
              "11.46");
    EXPECT_EQ(Growth(nx23, nx22), "3.7");
    EXPECT_EQ(
        core::FormatScaled(core::DivRound(n23 - nx23, static_cast<__int128>(1000000000000)), 2),
        "8.64");
    EXPECT_EQ(Growth(n23 - nx23, n22 - nx22), "-0.1");
    // The USD series (each row converted at its month's rate) falls: -4.7%, exports -3.2%,
    // imports -6.7%, as published; never rebuilt from the rounded RMB totals.
    __int128 u23 = 0, u22 = 0, ux23 = 0, ux22 = 0;
    for (const auto& r : *china_) {
      if (InH1(r.period, 2023)) u23 += r.usd, ux23 += r.flow == 'X' ? r.usd : 0;
      if (InH1(r.period, 2022)) u22 += r.usd, ux22 += r.flow == 'X' ? r.usd : 0;
    }
    EXPECT_EQ(Growth(u23, u22), "-4.7");
    EXPECT_EQ(Growth(ux23, ux22), "-3.2");
    EXPECT_EQ(Growth(u23 - ux23, u22 - ux22), "-6.7");
    // 5.5 points above the national rate, both from unrounded rates and from displayed ones.
    const long double gh =
        static_cast<long double>(Total(2023)) / static_cast<long double>(Total(2022)) - 1;
    const long double gn = static_cast<long double>(n23) / static_cast<long double>(n22) - 1;
    const __int128 gap_tenths = core::DivRound(static_cast<__int128>((gh - gn) * 1e9L), 1000000);
    EXPECT_EQ(core::FormatScaled(gap_tenths, 1), "5.5");
  }

  static void CheckHunanRowsOfChinaEqualHunan() {
    std::map<std::tuple<int, char, std::string, std::string>, std::pair<int64_t, int64_t>> a, b;
    for (const auto& r : *hunan_) {
      auto& s = a[{r.period, r.flow, r.partner, r.commodity.substr(0, 2)}];
      s.first += r.cny, s.second += r.usd;
    }
    for (const auto& r : *china_) {
      if (r.reporter != "430000" || r.period < 202201) continue;
      auto& s = b[{r.period, r.flow, r.partner, r.commodity}];
      s.first += r.cny, s.second += r.usd;
    }
    EXPECT_EQ(a.size(), b.size());
    EXPECT_TRUE(a == b);
  }

  static void CheckPartners() {
    auto count = [](int year, int last_month) {
      std::map<std::string, __int128> by;
      for (const auto& r : *hunan_)
        if (r.period / 100 == year && r.period % 100 <= last_month) by[r.partner] += r.cny;
      return std::count_if(by.begin(), by.end(), [](const auto& kv) { return kv.second > 0; });
    };
    EXPECT_EQ(count(2023, 6), 231);
    EXPECT_EQ(count(2022, 6), 227);
    EXPECT_EQ(count(2023, 3), 222);

    EXPECT_EQ(Bn(GroupSum("ASEAN", 2023)), "70.12");
    EXPECT_EQ(Bn(Sum(2023, [](const Row& r) { return r.partner == "USA"; })), "33.07");
    EXPECT_EQ(Bn(GroupSum("EU", 2023)), "28.72");
    // Ranking units: ASEAN and the EU as blocs, every other partner on its own.
    std::map<std::string, __int128> units;
    for (const auto& r : *hunan_) {
      if (!InH1(r.period, 2023)) continue;
      const Period p = Period::Month(2023, 6);
      const std::string unit = ref_->groups().IsMember("ASEAN", r.partner, p) ? "ASEAN"
                               : ref_->groups().IsMember("EU", r.partner, p)  ? "EU"
                                                                              : r.partner;
      units[unit] += r.cny;
    }
    std::vector<std::pair<__int128, std::string>> ranked;
    for (const auto& [u, v] : units) ranked.push_back({v, u});
    std::sort(ranked.rbegin(), ranked.rend());
    ASSERT_GE(ranked.size(), 4u);
    EXPECT_EQ(ranked[0].second, "ASEAN");
    EXPECT_EQ(ranked[1].second, "USA");
    EXPECT_EQ(ranked[2].second, "EU");
    EXPECT_LT(ranked[3].first, static_cast<__int128>(2871500000000))
        << ranked[3].second;  // < 28.715 bn

    const __int128 rcep = GroupSum("RCEP_SIG", 2023);
    EXPECT_EQ(Bn(rcep), "106.69");
    EXPECT_EQ(Pct(rcep, Total(2023)), "31.7");
    const __int128 bri23 = GroupSum("BRI_ROUTE64", 2023), bri22 = GroupSum("BRI_ROUTE64", 2022);
    EXPECT_EQ(core::FormatScaled(core::DivRound(bri23, static_cast<__int128>(10000000000)), 1),
              "130.7");
    EXPECT_EQ(Growth(bri23, bri22), "16.1");
    const __int128 af23 = GroupSum("AFRICA", 2023), af22 = GroupSum("AFRICA", 2022);
    EXPECT_EQ(Bn(af23), "31.18");
    EXPECT_EQ(Growth(af23, af22), "26.1");
  }

  static void CheckPrefectures() {
    std::map<std::string, std::pair<__int128, __int128>> by;
    for (const auto& r : *hunan_) {
      if (InH1(r.period, 2022)) by[r.reporter].first += r.cny;
      if (InH1(r.period, 2023)) by[r.reporter].second += r.cny;
    }
    EXPECT_EQ(Growth(by["430600"].second, by["430600"].first), "32.9");   // Yueyang
    EXPECT_EQ(Growth(by["431000"].second, by["431000"].first), "82.1");   // Chenzhou
    EXPECT_EQ(Growth(by["431200"].second, by["431200"].first), "134.6");  // Huaihua
    std::vector<std::pair<long double, std::string>> growth;
    for (const auto& [code, v] : by)
      growth.push_back({static_cast<long double>(v.second) / v.first - 1, code});
    std::sort(growth.rbegin(), growth.rend());
    EXPECT_EQ(growth[0].second, "431200");
    EXPECT_EQ(growth[1].second, "431000");
    EXPECT_EQ(growth[2].second, "430600");
    const long double province = static_cast<long double>(Total(2023)) / Total(2022) - 1;
    EXPECT_GT(growth[2].first, province);
    // Changsha dominates.
    EXPECT_GT(by["430100"].second * 2, Total(2023));
  }

  static void CheckProductStructure() {
    const __int128 x23 = Sum(2023, [](const Row& r) { return r.flow == 'X'; });
    EXPECT_EQ(Pct(CategoryExports("ME", 2023), x23), "46.4");
    EXPECT_EQ(Pct(CategoryExports("LABOR", 2023), x23), "20.3");
    const __int128 n23 = CategoryExports("NEW3", 2023), n22 = CategoryExports("NEW3", 2022);
    EXPECT_EQ(Bn(n23), "3.02");
    EXPECT_EQ(Growth(n23, n22), "44.7");
  }

  static void CheckEnterprisesAndTradeModes() {
    std::map<int, std::string> groups;
    for (int e = 1; e <= 9; ++e)
      groups[e] = ref_->enterprise_types().GroupOf(std::to_string(e)).ValueOr("");
    auto group_of = [&](const Row& r) { return groups[r.enterprise]; };
    const __int128 t23 = Total(2023), t22 = Total(2022);
    const __int128 priv = Sum(2023, [&](const Row& r) { return group_of(r) == "PRIVATE"; });
    const __int128 soe = Sum(2023, [&](const Row& r) { return group_of(r) == "SOE"; });
    EXPECT_EQ(Bn(priv), "274.28");
    EXPECT_EQ(Pct(priv, t23), "81.4");
    EXPECT_EQ(Bn(soe), "40.11");
    EXPECT_EQ(Pct(soe, t23), "11.9");
    // General trade is statistical mode 10, which includes the e-commerce codes 9610/1210/9710/9810
    // (FACTS §3.7); processing is 14 + 15.
    std::map<std::string, std::string> stats;
    auto stat = [&](const Row& r) -> const std::string& {
      auto it = stats.find(r.mode);
      if (it == stats.end())
        it = stats.emplace(r.mode, ref_->trade_modes().StatisticalCode(r.mode).ValueOr("")).first;
      return it->second;
    };
    const __int128 g23 = Sum(2023, [&](const Row& r) { return stat(r) == "10"; });
    const __int128 g22 = Sum(2022, [&](const Row& r) { return stat(r) == "10"; });
    EXPECT_EQ(Pct(g23, t23), "81.8");
    EXPECT_EQ(Growth(g23, g22), "3.0");
    auto processing = [&](const Row& r) {
      const auto s = stat(r);
      return s == "14" || s == "15";
    };
    EXPECT_EQ(Growth(Sum(2023, processing), Sum(2022, processing)), "14.1");
    // Cross-border e-commerce codes are present (counted as general trade).
    EXPECT_GT(Sum(2023, [](const Row& r) { return r.mode == "9610"; }), 0);
    EXPECT_GT(t22, 0);
  }

  static std::string* dir_;
  static std::vector<Row>* hunan_;
  static std::vector<Row>* china_;
  static const refdata::Reference* ref_;  // the product's definitions, used directly
};
std::string* DemoDataTest::dir_ = nullptr;
std::vector<Row>* DemoDataTest::hunan_ = nullptr;
std::vector<Row>* DemoDataTest::china_ = nullptr;
const refdata::Reference* DemoDataTest::ref_ = nullptr;

// Two tests only: ctest runs each test in its own process, and each process generates and
// reads back the whole demo (a few seconds).
TEST_F(DemoDataTest, FormatAndDatasetConsistency) {
  CheckSizeAndFormat();
  CheckHunanRowsOfChinaEqualHunan();
}

TEST_F(DemoDataTest, ReproducesTheH1_2023Release) {
  {
    SCOPED_TRACE("HeadlineTotals");
    CheckHeadlineTotals();
  }
  {
    SCOPED_TRACE("QuarterAndCumulativeMonths");
    CheckQuarterAndCumulativeMonths();
  }
  {
    SCOPED_TRACE("NationalBenchmark");
    CheckNationalBenchmark();
  }
  {
    SCOPED_TRACE("Partners");
    CheckPartners();
  }
  {
    SCOPED_TRACE("Prefectures");
    CheckPrefectures();
  }
  {
    SCOPED_TRACE("ProductStructure");
    CheckProductStructure();
  }
  {
    SCOPED_TRACE("EnterprisesAndTradeModes");
    CheckEnterprisesAndTradeModes();
  }
}

TEST(DemoDeterminism, SameBytesTwice) {
  auto ref = MakeBuiltinReference();  // demo/demo_reference.h
  DemoOptions small;
  small.hunan_records_per_month = 5000;
  small.china_rows_per_province_month = 100;
  ASSERT_OK_AND_ASSIGN(DemoData a, GenerateDemo(small, *ref));
  ASSERT_OK_AND_ASSIGN(DemoData b, GenerateDemo(small, *ref));
  std::string ta, tb;
  a.hunan.AppendCsv(0, &ta);
  a.china.AppendCsv(0, &ta);
  b.hunan.AppendCsv(0, &tb);
  b.china.AppendCsv(0, &tb);
  EXPECT_EQ(ta.size(), tb.size());
  EXPECT_TRUE(ta == tb);
}

TEST(DemoSeeds, AnySeedIsCalibrated) {
  auto ref = MakeBuiltinReference();
  for (uint64_t seed : {1u, 42u}) {
    DemoOptions o;
    o.seed = seed;
    o.hunan_records_per_month = 5000;
    o.china_rows_per_province_month = 100;
    if (seed == 42) o.china_first_month = Period::Month(2022, 1);
    ASSERT_OK_AND_ASSIGN(DemoData d, GenerateDemo(o, *ref));
    __int128 t23 = 0, t22 = 0;
    for (const auto& r : d.hunan.rows) {
      if (r.period >= 202301 && r.period <= 202306) t23 += r.value_cny;
      if (r.period >= 202201 && r.period <= 202206) t22 += r.value_cny;
    }
    EXPECT_EQ(Bn(t23), "336.75") << seed;
    EXPECT_EQ(Growth(t23, t22), "7.6") << seed;
  }
}

TEST(DemoOptions, RejectsBadOptions) {
  DemoOptions o;
  o.hunan_records_per_month = 10;
  EXPECT_THAT(o.Validate(),
              core::testing::StatusIs(core::StatusCode::kInvalidArgument,
                                      ::testing::HasSubstr("hunan_records_per_month")));
}

}  // namespace
}  // namespace tradestat::demo
