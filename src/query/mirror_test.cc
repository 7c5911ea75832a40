// query/mirror_test.cc: Mirror() on a small Comtrade-style dataset, figures worked out by hand:
// partners report 10% more imports (CIF) than CHN reports exports (FOB) to them, and CHN 10% more
// imports than they report exports; VNM does not report.
#include "query/mirror.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "query/refdata_lookup.h"
#include "query/testing/memory_dataset.h"

namespace tradestat::query {
namespace {

using ::testing::HasSubstr;
using testing::MemoryCatalog;
using testing::MemoryDataset;
using testing::Record;

class MirrorTest : public ::testing::Test {
 protected:
  MirrorTest() : ref_(refdata::Reference::Builtin()) {
    world_ = std::make_shared<MemoryDataset>("world", std::vector<std::string>{"USD"});
    catalog_.Add(world_);
    Add("2023-06", "X", "CHN", "USA", "85076000", 50);
    Add("2023-06", "X", "CHN", "USA", "87038000", 20);
    Add("2023-06", "X", "CHN", "DEU", "85076000", 20);
    Add("2023-06", "X", "CHN", "VNM", "85076000", 10);
    Add("2023-06", "M", "CHN", "USA", "87038000", 55);
    Add("2023-06", "M", "CHN", "DEU", "87038000", 165);
    Add("2023-06", "M", "USA", "CHN", "85076000", 55);
    Add("2023-06", "M", "USA", "CHN", "87038000", 22);
    Add("2023-06", "X", "USA", "CHN", "87038000", 50);
    Add("2023-06", "M", "DEU", "CHN", "85076000", 22);
    Add("2023-06", "X", "DEU", "CHN", "87038000", 150);
    Add("2023-06", "X", "DEU", "USA", "85076000", 7);  // trade not with CHN: ignored
  }
  void Add(const char* period, const char* flow, const char* rep, const char* par, const char* hs,
           int64_t usd) {
    world_->Add(Record{period, flow, rep, par, hs, "", "", {usd * 100}});
  }
  MirrorRequest Req() {
    MirrorRequest q;
    q.reporter = "CHN";
    q.period = "2023-06";
    return q;
  }
  static __int128 Usd(int64_t v) { return __int128{v} * 100; }
  static const MirrorRow* Row(const MirrorResult& r, const std::string& partner,
                              const std::string& product = "") {
    for (const auto& row : r.rows)
      if (row.partner == partner && row.product == product) return &row;
    return nullptr;
  }
  static bool Is(const Derived& d, __int128 num, __int128 den) {
    return d.present && d.exact && d.num * den == num * d.den;
  }

  RefdataLookup ref_;
  std::shared_ptr<MemoryDataset> world_;
  MemoryCatalog catalog_;
};

TEST_F(MirrorTest, ExportsBesidePartnersImportsAndTheReverse) {
  ASSERT_OK_AND_ASSIGN(MirrorResult r, Mirror(Req(), catalog_, ref_));
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].partner, "DEU");  // largest trade first: DEU 185, USA 125, VNM 10
  const MirrorRow* usa = Row(r, "USA");
  ASSERT_NE(usa, nullptr);
  EXPECT_TRUE(usa->partner_reports);
  EXPECT_EQ(*usa->exports.reported, Usd(70));
  EXPECT_EQ(*usa->exports.mirror, Usd(77));
  EXPECT_EQ(*usa->exports.gap, Usd(7));
  EXPECT_TRUE(Is(usa->exports.ratio, 11, 10));
  EXPECT_EQ(usa->exports.flag, "ok");
  EXPECT_EQ(*usa->imports.reported, Usd(55));
  EXPECT_EQ(*usa->imports.mirror, Usd(50));
  EXPECT_TRUE(Is(usa->imports.ratio, 11, 10));
  const MirrorRow* vnm = Row(r, "VNM");
  EXPECT_FALSE(vnm->partner_reports);
  EXPECT_FALSE(vnm->exports.mirror.has_value());
  EXPECT_FALSE(vnm->exports.ratio.present);
  EXPECT_EQ(r.partners_not_reporting, std::vector<std::string>{"VNM"});
  EXPECT_EQ(r.exports_not_compared, Usd(10));
  EXPECT_EQ(r.partners_compared, 2);
  EXPECT_EQ(*r.total_exports.reported, Usd(90));
  EXPECT_EQ(*r.total_exports.mirror, Usd(99));
  EXPECT_EQ(*r.total_imports.reported, Usd(220));
  EXPECT_EQ(*r.total_imports.mirror, Usd(200));
  const std::string json = MirrorJson(r);
  EXPECT_THAT(json, HasSubstr("\"valuation\":{\"exports\":\"FOB\",\"imports\":\"CIF\""));
  EXPECT_THAT(json, HasSubstr("\"cif_fob_ratio\":1.1000"));
  EXPECT_THAT(json, HasSubstr("\"partner_reports\":false"));
}

TEST_F(MirrorTest, PerProductAndOnePartner) {
  MirrorRequest q = Req();
  q.partner = "US";
  q.by = "hs4";
  ASSERT_OK_AND_ASSIGN(MirrorResult r, Mirror(q, catalog_, ref_));
  ASSERT_EQ(r.rows.size(), 2u);
  const MirrorRow* batteries = Row(r, "USA", "8507");
  EXPECT_EQ(*batteries->exports.reported, Usd(50));
  EXPECT_EQ(*batteries->exports.mirror, Usd(55));
  const MirrorRow* cars = Row(r, "USA", "8703");
  EXPECT_EQ(*cars->exports.reported, Usd(20));
  EXPECT_TRUE(Is(cars->exports.ratio, 22, 20));
  EXPECT_EQ(*cars->imports.reported, Usd(55));
  EXPECT_EQ(*cars->imports.mirror, Usd(50));
}

TEST_F(MirrorTest, RatioFlags) {
  Add("2023-06", "M", "DEU", "CHN", "61091000", 10);  // DEU imports 32 against 20: ratio 1.6
  ASSERT_OK_AND_ASSIGN(MirrorResult r, Mirror(Req(), catalog_, ref_));
  EXPECT_EQ(Row(r, "DEU")->exports.flag, "above_margin");
  Add("2023-06", "X", "CHN", "USA", "61091000", 30);  // USA 77 against 100: below FOB
  ASSERT_OK_AND_ASSIGN(r, Mirror(Req(), catalog_, ref_));
  EXPECT_EQ(Row(r, "USA")->exports.flag, "below_fob");
}

TEST_F(MirrorTest, APartnerMissingAMonthGetsNoFigures) {
  Add("2023-05", "X", "CHN", "USA", "85076000", 40);
  Add("2023-05", "M", "DEU", "CHN", "85076000", 5);
  MirrorRequest q = Req();
  q.period = "2023-05..2023-06";
  ASSERT_OK_AND_ASSIGN(MirrorResult r, Mirror(q, catalog_, ref_));
  const MirrorRow* usa = Row(r, "USA");
  EXPECT_TRUE(usa->partner_reports);
  EXPECT_EQ(usa->partner_missing, "2023-05");
  EXPECT_FALSE(usa->exports.mirror.has_value());  // never the June figure against May and June
  EXPECT_EQ(r.partners_incomplete, std::vector<std::string>{"USA"});
  EXPECT_EQ(*Row(r, "DEU")->exports.mirror, Usd(27));
}

TEST_F(MirrorTest, RefusesWhatCannotBeCompared) {
  MirrorRequest q = Req();
  q.period = "2023Q2";  // the dataset holds June only
  EXPECT_THAT(Mirror(q, catalog_, ref_).status().message(), HasSubstr("does not cover it"));
  q = Req();
  q.reporter = "430100";
  EXPECT_THAT(Mirror(q, catalog_, ref_).status().message(), HasSubstr("is a region of CHN"));
  auto cny = std::make_shared<MemoryDataset>("customs", std::vector<std::string>{"CNY"});
  cny->Add(Record{"2023-06", "M", "USA", "CHN", "85076000", "", "", {100}});
  catalog_.Add(cny);
  q = Req();
  q.partner_dataset = "customs";
  EXPECT_THAT(Mirror(q, catalog_, ref_).status().message(), HasSubstr("holds no USD values"));
  q = Req();
  q.by = "partner";
  EXPECT_THAT(Mirror(q, catalog_, ref_).status().message(),
              HasSubstr("accepted: hs2, hs4, hs6, hs8"));
}

}  // namespace
}  // namespace tradestat::query
