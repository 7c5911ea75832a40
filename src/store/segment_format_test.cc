// store/segment_format_test.cc: format-2 column encodings round-trip exactly, every byte of a
// compressed segment is covered by a check, and stores written in the old format still read.
#include "store/segment_format.h"

#include <cstring>
#include <filesystem>
#include <random>

#include "core/hash.h"
#include "core/testing/status_matchers.h"
#include "store/load_transaction.h"
#include "store/store.h"

namespace tradestat::store {
namespace {

using core::Period;

template <typename T>
std::string_view Bytes(const std::vector<T>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}

struct Columns {
  std::vector<uint8_t> flow;
  std::vector<uint16_t> partner;
  std::vector<uint32_t> commodity;
  std::vector<int64_t> quantity, value, wide, constant;
};

Columns MakeColumns(uint64_t rows, uint32_t seed) {
  std::mt19937_64 rng(seed);
  Columns c;
  for (uint64_t i = 0; i < rows; ++i) {
    c.flow.push_back(rng() & 1);
    c.partner.push_back(static_cast<uint16_t>(rng() % 230));
    c.commodity.push_back(static_cast<uint32_t>(rng() % 5000 + (i > rows / 2 ? 70000 : 0)));
    c.quantity.push_back(rng() % 7 == 0 ? kNoQuantity
                                        : static_cast<int64_t>(rng() % 1000000) - 1000);
    c.value.push_back(static_cast<int64_t>(rng() % 100000000) -
                      (rng() % 50 == 0 ? 5000000000LL : 0));
    // The whole signed range, with the "not given" sentinel: cannot be packed, stays raw.
    c.wide.push_back(i % 3 == 0 ? INT64_MIN : static_cast<int64_t>(rng()));
    c.constant.push_back(-42);
  }
  return c;
}

std::vector<ColumnData> Describe(const Columns& c) {
  return {
      {ColumnId::kFlow, 1, Bytes(c.flow)},           {ColumnId::kPartner, 2, Bytes(c.partner)},
      {ColumnId::kCommodity, 4, Bytes(c.commodity)}, {ColumnId::kQuantity, 8, Bytes(c.quantity)},
      {ValueColumn(0), 8, Bytes(c.value)},           {ValueColumn(1), 8, Bytes(c.wide)},
      {ValueColumn(2), 8, Bytes(c.constant)}};
}

// Grouped (what loads write) and the block-packed and zstd encodings of earlier writers.
TEST(SegmentFormatTest, EveryEncodingRoundTripsExactly) {
  for (ColumnEncoding packed_as :
       {ColumnEncoding::kGrouped, ColumnEncoding::kPacked, ColumnEncoding::kPackedZstd})
    for (uint64_t rows : {0ull, 1ull, 127ull, 129ull, 4095ull, 4096ull, 4097ull, 20000ull}) {
      Columns c = MakeColumns(rows, static_cast<uint32_t>(rows));
      auto cols = Describe(c);
      std::string file =
          EncodeSegment(Period::Month(2023, 5), rows, cols, 7, kSegmentFormat, packed_as);
      ASSERT_OK_AND_ASSIGN(SegmentHeader h, DecodeSegmentHeader(file, "seg"));
      ASSERT_EQ(h.columns.size(), cols.size());
      EXPECT_EQ(h.file_id, 7u);
      for (size_t i = 0; i < cols.size(); ++i) {
        const ColumnEntry& e = h.columns[i];
        EXPECT_EQ(core::Hash64(file.data() + e.offset, e.length), e.hash);
        std::string out(rows * e.width, '\x55');
        ASSERT_OK(DecodeColumn(file, e, rows, out.data(), "seg"));
        EXPECT_EQ(out, cols[i].bytes) << "rows " << rows << " column " << i;
      }
      if (rows == 20000) {
        EXPECT_EQ(h.columns[5].encoding, ColumnEncoding::kRaw);  // full 64-bit range
        EXPECT_NE(h.columns[1].encoding, ColumnEncoding::kRaw);  // 8-bit codes
        if (packed_as != ColumnEncoding::kPackedZstd) EXPECT_EQ(h.columns[1].encoding, packed_as);
        EXPECT_LT(file.size(), rows * (1 + 2 + 4 + 8 + 8 + 8 + 8) / 2);
      }
    }
}

TEST(SegmentFormatTest, EveryFlippedByteOfACompressedSegmentIsDetected) {
  const uint64_t rows = 5000;
  Columns c = MakeColumns(rows, 3);
  std::string file = EncodeSegment(Period::Month(2023, 5), rows, Describe(c), 9);
  ASSERT_EQ(DecodeSegmentHeader(file, "seg")->columns[1].encoding, ColumnEncoding::kGrouped);
  for (size_t pos = 0; pos < file.size(); ++pos) {
    std::string bad = file;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x10);
    auto h = DecodeSegmentHeader(bad, "seg");
    if (!h.ok()) continue;
    bool caught = false;
    for (const auto& e : h->columns)
      caught |= core::Hash64(bad.data() + e.offset, e.length) != e.hash;
    ASSERT_TRUE(caught) << "flip at offset " << pos << " went unnoticed";
  }
}

TEST(SegmentFormatTest, OldFormatSegmentsStillDecode) {
  const uint64_t rows = 3000;
  Columns c = MakeColumns(rows, 5);
  auto cols = Describe(c);
  std::string file = EncodeSegment(Period::Month(2022, 1), rows, cols, 11, kSegmentFormatRaw);
  ASSERT_OK_AND_ASSIGN(SegmentHeader h, DecodeSegmentHeader(file, "seg"));
  for (size_t i = 0; i < cols.size(); ++i) {
    EXPECT_EQ(h.columns[i].encoding, ColumnEncoding::kRaw);
    EXPECT_EQ(file.substr(h.columns[i].offset, h.columns[i].length), cols[i].bytes);
  }
}

// A store first loaded by the old writer (format 1), then appended to by this one: both kinds of
// segment open side by side and give the same totals as the rows loaded.
TEST(SegmentFormatTest, StoreWrittenInTheOldFormatOpensWithIdenticalTotals) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-segfmt-XXXXXX").string();
  std::string dir = ::mkdtemp(tmpl.data());
  std::filesystem::remove(dir);
  ASSERT_OK(Store::Create(dir));
  __int128 expect[2] = {0, 0};
  int64_t expect_qty = 0;
  for (uint32_t format : {kSegmentFormatRaw, kSegmentFormat}) {
    LoadTransaction::Options o;
    o.currencies = {"CNY", "USD"};
    o.segment_format = format;
    ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", o));
    RowBatch b;
    std::mt19937_64 rng(format + 1);
    for (int i = 0; i < 30000; ++i) {
      b.period_key.push_back(
          Period::Month(format == kSegmentFormat ? 2023 : 2022, 1 + i % 3).key());
      b.flow.push_back(i & 1);
      b.reporter.push_back(
          static_cast<uint16_t>(tx->dictionary(Dim::kReporter).Intern(std::to_string(i % 5))));
      b.partner.push_back(
          static_cast<uint16_t>(tx->dictionary(Dim::kPartner).Intern(std::to_string(i % 200))));
      b.commodity.push_back(tx->dictionary(Dim::kCommodity).Intern(std::to_string(i % 3000)));
      b.trade_mode.push_back(0), b.enterprise_type.push_back(0), b.unit.push_back(0);
      int64_t q = i % 4 == 0 ? kNoQuantity : static_cast<int64_t>(rng() % 100000);
      b.quantity.push_back(q);
      if (q != kNoQuantity) expect_qty += q;
      int64_t cny = static_cast<int64_t>(rng() % 1000000000), usd = cny / 7;
      b.values[0].push_back(cny), b.values[1].push_back(usd);
      expect[0] += cny, expect[1] += usd;
    }
    ASSERT_OK(tx->Append(b));
    ASSERT_OK(tx->Commit({LoadedFile{"f" + std::to_string(format), "h" + std::to_string(format), 1,
                                     30000}})
                  .status());
  }
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("d"));
  ASSERT_OK_AND_ASSIGN(auto all, snap->AllSegments());
  ASSERT_EQ(all.size(), 6u);
  __int128 got[2] = {0, 0};
  int64_t qty = 0;
  for (const auto& v : all) {
    for (uint64_t r = 0; r < v.rows; ++r) {
      got[0] += v.values[0][r], got[1] += v.values[1][r];
      if (v.quantity[r] != kNoQuantity) qty += v.quantity[r];
      EXPECT_LT(v.partner[r], 200);
    }
  }
  EXPECT_TRUE(got[0] == expect[0] && got[1] == expect[1]);
  EXPECT_EQ(qty, expect_qty);
  // The old segments are raw, the new ones compressed and smaller.
  uint64_t old_bytes = 0, new_bytes = 0;
  for (const auto& s : snap->meta().segments)
    (s.period.year() == 2022 ? old_bytes : new_bytes) += s.bytes;
  EXPECT_LT(new_bytes * 2, old_bytes);
  std::filesystem::remove_all(dir);
}

// Block access (what the query scan uses): every block of every packed column decodes to the
// same values as the whole-column decode, raw columns keep their in-place pointers, and a
// snapshot serves both kinds of reader.
TEST(SegmentFormatTest, BlockAccessDecodesEveryBlockLikeTheWholeColumn) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-segblk-XXXXXX").string();
  std::string dir = ::mkdtemp(tmpl.data());
  std::filesystem::remove(dir);
  ASSERT_OK(Store::Create(dir));
  LoadTransaction::Options o;
  o.currencies = {"CNY"};
  o.segment_format = kSegmentFormat;  // the compressed layout, whatever a load writes by default
  ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", o));
  RowBatch b;
  std::mt19937_64 rng(9);
  for (int i = 0; i < 3 * 4096 + 77; ++i) {
    b.period_key.push_back(Period::Month(2023, 1).key());
    b.flow.push_back(rng() & 1);
    b.reporter.push_back(0);
    b.partner.push_back(
        static_cast<uint16_t>(tx->dictionary(Dim::kPartner).Intern(std::to_string(rng() % 300))));
    b.commodity.push_back(tx->dictionary(Dim::kCommodity).Intern(std::to_string(rng() % 9000)));
    b.trade_mode.push_back(0), b.enterprise_type.push_back(0), b.unit.push_back(0);
    b.quantity.push_back(i % 5 == 0 ? kNoQuantity : static_cast<int64_t>(rng() % 100000));
    b.values[0].push_back(static_cast<int64_t>(rng() % 1000000000) - 1000);
  }
  ASSERT_OK(tx->Append(b));
  ASSERT_OK(tx->Commit({LoadedFile{"f", "h", 1, b.flow.size()}}).status());
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("d"));
  const Period m = Period::Month(2023, 1);
  ASSERT_OK_AND_ASSIGN(auto blocks, snap->Segments(m, m, kAllColumns, Access::kBlocks));
  ASSERT_OK_AND_ASSIGN(auto whole, snap->Segments(m, m, kAllColumns, Access::kWhole));
  ASSERT_EQ(blocks.size(), 1u);
  ASSERT_EQ(whole.size(), 1u);
  const SegmentView& bv = blocks[0];
  const SegmentView& wv = whole[0];
  EXPECT_EQ(bv.token, wv.token);
  struct Col {
    ColumnId id;
    const void* block_ptr;
    const void* whole_ptr;
    size_t width;
  };
  std::vector<Col> cols = {{ColumnId::kFlow, bv.flow, wv.flow, 1},
                           {ColumnId::kPartner, bv.partner, wv.partner, 2},
                           {ColumnId::kCommodity, bv.commodity, wv.commodity, 4},
                           {ColumnId::kQuantity, bv.quantity, wv.quantity, 8},
                           {ValueColumn(0), bv.values[0], wv.values[0], 8}};
  int packed_columns = 0;
  for (const Col& c : cols) {
    ASSERT_NE(c.whole_ptr, nullptr);
    const PackedColumn* pc = bv.packed[static_cast<size_t>(c.id)];
    if (pc == nullptr) {  // raw: the same in-place pointer
      EXPECT_EQ(c.block_ptr, c.whole_ptr);
      continue;
    }
    ++packed_columns;
    EXPECT_EQ(c.block_ptr, nullptr);
    std::vector<char> buf(kBlockRows * c.width);
    for (uint64_t start = 0; start < bv.rows; start += kBlockRows) {
      uint64_t n = std::min<uint64_t>(kBlockRows, bv.rows - start);
      DecodeBlock(*pc, start / kBlockRows, buf.data());
      EXPECT_EQ(std::memcmp(buf.data(), static_cast<const char*>(c.whole_ptr) + start * c.width,
                            n * c.width),
                0)
          << "column " << static_cast<int>(c.id) << " block " << start / kBlockRows;
    }
  }
  EXPECT_GE(packed_columns, 4);
  for (uint64_t r = 0; r < wv.rows; ++r) {
    ASSERT_EQ(wv.flow[r], b.flow[r]);
    ASSERT_EQ(wv.partner[r], b.partner[r]);
    ASSERT_EQ(wv.quantity[r], b.quantity[r]);
    ASSERT_EQ(wv.values[0][r], b.values[0][r]);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tradestat::store
