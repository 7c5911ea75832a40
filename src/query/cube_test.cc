// query/cube_test.cc: the scan kernel: dense and hash accumulation agree, exclusion works,
// sums are exact past 2^64, and any thread count gives the same cube.
#include "query/cube.h"

#include <map>
#include <random>
#include <set>

#include "core/testing/status_matchers.h"

namespace tradestat::query {
namespace {

struct Data {
  std::vector<uint8_t> flow;
  std::vector<uint16_t> partner, reporter;
  std::vector<uint32_t> commodity;
  std::vector<int64_t> value;
};

std::map<std::tuple<uint64_t, uint64_t, int>, __int128> Cells(const Cube& c) {
  std::map<std::tuple<uint64_t, uint64_t, int>, __int128> out;
  c.ForEach([&](uint64_t s, uint64_t k, int f, __int128 v) { out[{s, k, f}] = v; });
  return out;
}

TEST(CubeTest, DenseAndHashAgreeAcrossThreadCounts) {
  std::mt19937_64 rng(7);
  std::vector<Data> data(3);
  std::vector<store::SegmentView> segs;
  for (auto& d : data) {
    for (int i = 0; i < 200000; ++i) {
      d.flow.push_back(rng() & 1);
      d.partner.push_back(rng() % 50);
      d.reporter.push_back(rng() % 7);
      d.commodity.push_back(rng() % 300);
      d.value.push_back(static_cast<int64_t>(rng() >> 1));  // up to 2^63: sums overflow int64
    }
  }
  for (auto& d : data) {
    store::SegmentView v;
    v.rows = d.flow.size();
    v.flow = d.flow.data();
    v.partner = d.partner.data();
    v.reporter = d.reporter.data();
    v.commodity = d.commodity.data();
    v.values[0] = d.value.data();
    segs.push_back(v);
  }
  CubeSpec spec;
  CubeDim partner{store::Dim::kPartner, 50, 1, {{}}};
  for (uint32_t c = 0; c < 50; ++c) partner.tables[0].push_back(c == 3 ? kExcluded : c);
  CubeDim reporter{store::Dim::kReporter, 7, 1, {{}}};
  for (uint32_t c = 0; c < 7; ++c) reporter.tables[0].push_back(c);
  CubeDim commodity{store::Dim::kCommodity, 10, 1, {{}}};
  for (uint32_t c = 0; c < 300; ++c) commodity.tables[0].push_back(c % 10);
  spec.dims = {partner, reporter, commodity};
  spec.segment_slot = {0, 1, 0};
  spec.segment_table_set = {0, 0, 0};
  spec.slot_count = 2;
  spec.Finalize();
  EXPECT_EQ(spec.key_count, 3500u);

  // Naive expectation.
  std::map<std::tuple<uint64_t, uint64_t, int>, __int128> expect;
  for (size_t s = 0; s < data.size(); ++s)
    for (size_t i = 0; i < data[s].flow.size(); ++i) {
      if (data[s].partner[i] == 3) continue;
      uint64_t k =
          data[s].partner[i] + 50 * (data[s].reporter[i] + 7 * (data[s].commodity[i] % 10));
      expect[{spec.segment_slot[s], k, data[s].flow[i]}] += data[s].value[i];
    }
  for (int threads : {1, 2, 3}) {
    for (uint64_t limit : {uint64_t{1} << 21, uint64_t{0}}) {
      spec.threads = threads;
      spec.dense_cell_limit = limit;
      ASSERT_OK_AND_ASSIGN(Cube cube, ScanCube(spec, segs));
      EXPECT_TRUE(Cells(cube) == expect) << "threads " << threads << " limit " << limit;
    }
  }

  // A budget: within its cell limit the cube is the same; past it the scan stops with a message
  // naming the limit; a cancelled scan stops too (the server's query limits).
  for (uint64_t dense_limit : {uint64_t{1} << 21, uint64_t{0}}) {
    spec.threads = 1;
    spec.dense_cell_limit = dense_limit;
    QueryBudget roomy;
    roomy.max_cells = 100000;
    spec.budget = &roomy;
    ASSERT_OK_AND_ASSIGN(Cube cube, ScanCube(spec, segs));
    EXPECT_TRUE(Cells(cube) == expect);
    EXPECT_FALSE(roomy.exceeded);
    QueryBudget tight;
    tight.max_cells = 1000;
    spec.budget = &tight;
    EXPECT_THAT(ScanCube(spec, segs),
                core::testing::StatusIs(core::StatusCode::kInvalidArgument,
                                        ::testing::HasSubstr("more than 1000 result cells")));
    EXPECT_TRUE(tight.exceeded);
    QueryBudget cancelled;
    cancelled.cancel = true;
    spec.budget = &cancelled;
    EXPECT_FALSE(ScanCube(spec, segs).ok());
    spec.budget = nullptr;
  }

  // A byte budget: dense cubes are refused before the scan when one worker's array would not
  // fit; hash-map cubes once their cells (kSparseCellBytes each) pass it while they grow. The
  // message names the limit and what to narrow; a roomy budget changes nothing and records the
  // finished cube's estimate for the fold.
  for (uint64_t dense_limit : {uint64_t{1} << 21, uint64_t{0}}) {
    const bool dense = dense_limit != 0;
    spec.threads = 1;
    spec.dense_cell_limit = dense_limit;
    QueryBudget roomy;
    roomy.max_bytes = uint64_t{1} << 30;
    spec.budget = &roomy;
    ASSERT_OK_AND_ASSIGN(Cube cube, ScanCube(spec, segs));
    EXPECT_TRUE(Cells(cube) == expect);
    EXPECT_FALSE(roomy.bytes_exceeded);
    const uint64_t dense_bytes = spec.CellCount() * kDenseCellBytes;
    if (dense)
      EXPECT_EQ(roomy.cube_bytes.load(), dense_bytes);
    else
      EXPECT_GE(roomy.cube_bytes.load(),
                Cells(cube).size() * kSparseCellBytes);  // zero sums are cells too
    QueryBudget tight;
    tight.max_bytes = dense ? dense_bytes - 1 : expect.size() * kSparseCellBytes / 2;
    spec.budget = &tight;
    EXPECT_THAT(
        ScanCube(spec, segs),
        core::testing::StatusIs(core::StatusCode::kInvalidArgument,
                                ::testing::AllOf(::testing::HasSubstr("of memory, the limit"),
                                                 ::testing::HasSubstr("narrow the breakdown"))));
    EXPECT_TRUE(tight.bytes_exceeded);
    EXPECT_GT(tight.bytes_needed.load(), tight.max_bytes);
    EXPECT_FALSE(tight.exceeded);  // the cell limit is a separate one
    spec.budget = nullptr;
  }
  EXPECT_EQ(TooManyBytesMessage(uint64_t{600} << 20, uint64_t{512} << 20,
                                "this server's limit (--max-query-bytes)")
                .substr(0, 113),
            "the query needs more than 512 MiB of memory, this server's limit (--max-query-bytes) "
            "(estimate: at "
            "least 600 MiB)");
  EXPECT_NE(TooManyBytesMessage(5000, 4096, nullptr)
                .find("more than 4096 bytes of memory, the limit (estimate: at least "
                      "5000 bytes)"),
            std::string::npos);
}

// Partner sets (CubeSpec::partner_count): each cell's set is the partners with a record of
// non-zero value there, counted naively here, in dense and hash cubes, with the partner column a
// key or not, at any thread count; the byte estimate counts the sets.
TEST(CubeTest, PartnerSetsHoldThePartnersWithValue) {
  constexpr uint32_t kPartners = 130;  // three words: sets cross word boundaries
  std::mt19937_64 rng(11);
  std::vector<Data> data(2);
  for (auto& d : data) {
    for (int i = 0; i < 150000; ++i) {
      d.flow.push_back(rng() & 1);
      d.partner.push_back(rng() % kPartners);
      d.reporter.push_back(rng() % 5);
      d.commodity.push_back(rng() % 400);
      d.value.push_back(
          rng() % 4 == 0 ? 0 : static_cast<int64_t>(rng() % 1000));  // zeros add no partner
    }
  }
  std::vector<store::SegmentView> segs;
  for (auto& d : data) {
    store::SegmentView v;
    v.rows = d.flow.size();
    v.flow = d.flow.data();
    v.partner = d.partner.data();
    v.reporter = d.reporter.data();
    v.commodity = d.commodity.data();
    v.values[0] = d.value.data();
    segs.push_back(v);
  }
  for (bool partner_key : {false, true}) {
    CubeSpec spec;
    CubeDim reporter{store::Dim::kReporter, 5, 1, {{}}};
    for (uint32_t c = 0; c < 5; ++c) reporter.tables[0].push_back(c == 2 ? kExcluded : c);
    CubeDim commodity{store::Dim::kCommodity, 40, 1, {{}}};
    for (uint32_t c = 0; c < 400; ++c) commodity.tables[0].push_back(c % 40);
    CubeDim group{
        store::Dim::kPartner, 2, 1, {{}}};  // partners in two classes, as --by partner_group would
    for (uint32_t c = 0; c < kPartners; ++c) group.tables[0].push_back(c % 2);
    spec.dims = {reporter, commodity};
    if (partner_key) spec.dims.push_back(group);
    spec.segment_slot = {0, 1};
    spec.segment_table_set = {0, 0};
    spec.slot_count = 2;
    spec.partner_count = kPartners;
    spec.Finalize();
    std::map<uint64_t, std::set<uint32_t>> expect;  // cell -> partners
    for (size_t s = 0; s < data.size(); ++s)
      for (size_t i = 0; i < data[s].flow.size(); ++i) {
        const Data& d = data[s];
        if (d.reporter[i] == 2 || d.value[i] == 0) continue;
        uint64_t k = d.reporter[i] + 5 * (d.commodity[i] % 40);
        if (partner_key) k += 5 * 40 * (d.partner[i] % 2);
        expect[(s * spec.key_count + k) * 2 + d.flow[i]].insert(d.partner[i]);
      }
    for (int threads : {1, 2, 3}) {
      for (uint64_t limit : {uint64_t{1} << 21, uint64_t{0}}) {
        spec.threads = threads;
        spec.dense_cell_limit = limit;
        QueryBudget roomy;
        roomy.max_bytes = uint64_t{1} << 30;
        spec.budget = &roomy;
        ASSERT_OK_AND_ASSIGN(Cube cube, ScanCube(spec, segs));
        ASSERT_EQ(cube.partner_words(), 3u);
        std::map<uint64_t, std::set<uint32_t>> got;
        for (uint64_t cell = 0; cell < spec.CellCount(); ++cell) {
          const uint64_t* bits = cube.PartnerBits(cell);
          if (bits == nullptr) continue;
          for (uint32_t p = 0; p < 3 * 64; ++p)
            if (bits[p / 64] >> (p % 64) & 1) got[cell].insert(p);
        }
        EXPECT_TRUE(got == expect)
            << "key " << partner_key << " threads " << threads << " limit " << limit;
        if (limit != 0)
          EXPECT_EQ(roomy.cube_bytes.load(), spec.CellCount() * (kDenseCellBytes + 3 * 8));
        else
          EXPECT_GE(roomy.cube_bytes.load(), expect.size() * (2 * kSparseCellBytes + 3 * 8));
        if (limit != 0 && threads == 1) {
          QueryBudget tight;  // room for the sums alone, not for the partner sets beside them
          tight.max_bytes = spec.CellCount() * kDenseCellBytes;
          spec.budget = &tight;
          EXPECT_THAT(ScanCube(spec, segs),
                      core::testing::StatusIs(core::StatusCode::kInvalidArgument,
                                              ::testing::HasSubstr("of memory")));
        }
        spec.budget = nullptr;
      }
    }
    // Quantity cubes keep no partner sets.
    spec.sum_quantity = true;
    spec.budget = nullptr;
    ASSERT_OK_AND_ASSIGN(Cube quantities, ScanCube(spec, segs));
    EXPECT_EQ(quantities.partner_words(), 0u);
  }
}

}  // namespace
}  // namespace tradestat::query
