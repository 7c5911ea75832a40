// store/segment_format.cc: byte layout of segment and dictionary files, with checksums.
#include "store/segment_format.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <memory>
#include <utility>

#include <fmt/format.h>
#include <zstd.h>

#include "core/hash.h"
#include "core/strings.h"

namespace tradestat::store {
namespace {

template <typename T>
void Put(std::string& out, size_t pos, T v) {
  std::memcpy(out.data() + pos, &v, sizeof v);
}
template <typename T>
T Get(std::string_view in, size_t pos) {
  T v;
  std::memcpy(&v, in.data() + pos, sizeof v);
  return v;
}

size_t AlignUp(size_t n) { return (n + 63) & ~size_t{63}; }

Status Corrupt(const std::string& path, std::string_view what) {
  return Status::Corruption(fmt::format("corrupt store: {}: {}", path, what));
}

// --- Format 2 column bodies -------------------------------------------------------------
// Packed body: u32 block_rows, u32 block_count, block_count x 16 B block headers (i64 base,
// u8 bits, u8 nullable, 6 zero bytes), then each block's values as ceil(n*bits/64) u64 words
// (value i of the block at bits [i*bits, (i+1)*bits)), then 8 zero bytes (so a decoder may load
// 8 bytes at any value's first byte). A stored code u means base + u; in a nullable block code 0
// means INT64_MIN ("not given") and u > 0 means base + u - 1.
// Zstd body: u64 length of the packed body, then one zstd frame of it (read, no longer written).
// Grouped body (what this build writes): as the packed body, but each block's values are
// ceil(n/kPackGroupRows) u8 group widths zero-padded to a multiple of 8 bytes, then per group of
// kPackGroupRows values its codes at its own width as ceil(m*width/64) u64 words; the block
// header's bits is the largest group width.

constexpr size_t kBlockHeaderSize = 16;
constexpr uint64_t kPackGroupRows = 128;
static_assert(kPackBlockRows % kPackGroupRows == 0);

int64_t LoadValue(const char* p, uint8_t width) {
  switch (width) {
    case 1: return static_cast<uint8_t>(*p);
    case 2: {
      uint16_t v;
      std::memcpy(&v, p, 2);
      return v;
    }
    case 4: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return v;
    }
    default: {
      int64_t v;
      std::memcpy(&v, p, 8);
      return v;
    }
  }
}

// Append n codes of `bits` bits as ceil(n*bits/64) little-endian u64 words.
void AppendCodes(const uint64_t* codes, uint64_t n, uint8_t bits, std::vector<uint64_t>& words,
                 std::string& out) {
  const size_t nwords = (n * bits + 63) / 64;
  words.assign(nwords, 0);
  for (uint64_t i = 0; i < n && bits > 0; ++i) {
    uint64_t pos = i * bits, w = pos >> 6, off = pos & 63;
    words[w] |= codes[i] << off;
    if (off + bits > 64) words[w + 1] |= codes[i] >> (64 - off);
  }
  out.append(reinterpret_cast<const char*>(words.data()), nwords * 8);
}

// The packed body (encoding 1, or 3 when `grouped`) of a raw column, or "" if some block cannot
// be packed (a nullable block spanning the whole 64-bit range).
std::string PackColumn(std::string_view raw, uint8_t width, uint64_t rows, bool grouped) {
  const uint64_t blocks = (rows + kPackBlockRows - 1) / kPackBlockRows;
  std::string out(8 + blocks * kBlockHeaderSize, '\0');
  Put<uint32_t>(out, 0, kPackBlockRows);
  Put<uint32_t>(out, 4, static_cast<uint32_t>(blocks));
  std::vector<uint64_t> words;
  std::vector<uint64_t> codes(kPackBlockRows);
  for (uint64_t b = 0; b < blocks; ++b) {
    const uint64_t begin = b * kPackBlockRows, n = std::min<uint64_t>(kPackBlockRows, rows - begin);
    bool nullable = false, any = false;
    int64_t lo = 0, hi = 0;
    for (uint64_t i = 0; i < n; ++i) {
      int64_t v = LoadValue(raw.data() + (begin + i) * width, width);
      if (width == 8 && v == INT64_MIN) {
        nullable = true;
        continue;
      }
      if (!any) lo = hi = v, any = true;
      lo = std::min(lo, v), hi = std::max(hi, v);
    }
    uint64_t range = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
    if (nullable) {
      if (range == UINT64_MAX) return "";
      range += 1;
    }
    const uint8_t bits = static_cast<uint8_t>(std::bit_width(range));
    for (uint64_t i = 0; i < n; ++i) {
      int64_t v = LoadValue(raw.data() + (begin + i) * width, width);
      uint64_t u = static_cast<uint64_t>(v) - static_cast<uint64_t>(lo);
      if (nullable) u = v == INT64_MIN ? 0 : u + 1;
      codes[i] = u;
    }
    size_t h = 8 + b * kBlockHeaderSize;
    Put<int64_t>(out, h, lo);
    Put<uint8_t>(out, h + 8, bits);
    Put<uint8_t>(out, h + 9, nullable ? 1 : 0);
    if (!grouped) {
      AppendCodes(codes.data(), n, bits, words, out);
      continue;
    }
    // Grouped: each kPackGroupRows codes take the bits of their own largest code (a skewed
    // column needs the block's full width only in the few groups holding its largest values).
    const uint64_t groups = (n + kPackGroupRows - 1) / kPackGroupRows;
    std::string group_bits((groups + 7) / 8 * 8, '\0');
    for (uint64_t g = 0; g < groups; ++g) {
      uint64_t top = 0;
      for (uint64_t i = g * kPackGroupRows; i < std::min(n, (g + 1) * kPackGroupRows); ++i)
        top |= codes[i];
      group_bits[g] = static_cast<char>(std::bit_width(top));
    }
    out += group_bits;
    for (uint64_t g = 0; g < groups; ++g) {
      const uint64_t first = g * kPackGroupRows;
      AppendCodes(codes.data() + first, std::min(n - first, kPackGroupRows),
                  static_cast<uint8_t>(group_bits[g]), words, out);
    }
  }
  out.append(8, '\0');
  return out;
}

// Unpack `groups` groups of 8 codes of kBits bits (each group kBits bytes) as base + code.
constexpr int kMaxFixedBits = 56;
template <typename T, int kBits>
void UnpackFixed(const char* data, uint64_t groups, uint64_t base, T* out) {
  constexpr uint64_t kMask = (uint64_t{1} << kBits) - 1;
  for (uint64_t g = 0; g < groups; ++g, data += kBits, out += 8) {
    for (int j = 0; j < 8; ++j) {  // unrolled: every offset and shift is a constant
      uint64_t w;
      std::memcpy(&w, data + (j * kBits) / 8, 8);
      out[j] = static_cast<T>(base + ((w >> ((j * kBits) % 8)) & kMask));
    }
  }
}
template <typename T>
struct FixedUnpacker {
  using Fn = void (*)(const char*, uint64_t, uint64_t, T*);
  template <size_t... I>
  static constexpr std::array<Fn, sizeof...(I)> Make(std::index_sequence<I...>) {
    return {(I == 0 ? nullptr : &UnpackFixed<T, static_cast<int>(I == 0 ? 1 : I)>)...};
  }
  static constexpr std::array<Fn, kMaxFixedBits + 1> kTable =
      Make(std::make_index_sequence<kMaxFixedBits + 1>());
};

// Unpack n codes of `bits` bits starting at `data` (with 8 readable bytes past the last code)
// into out[0..n) as base + code (or the nullable mapping).
template <typename T>
void UnpackBlock(const char* data, uint8_t bits, bool nullable, int64_t base, uint64_t n, T* out) {
  const uint64_t ubase = static_cast<uint64_t>(base);
  if (bits == 0) {
    T v = nullable ? static_cast<T>(INT64_MIN) : static_cast<T>(ubase);
    std::fill(out, out + n, v);
    return;
  }
  const uint64_t mask = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
  if (bits <= kMaxFixedBits && !nullable) {
    // Groups of 8 values (exactly `bits` bytes) with the width a compile-time constant.
    const uint64_t groups = n / 8;
    FixedUnpacker<T>::kTable[bits](data, groups, ubase, out);
    for (uint64_t i = groups * 8; i < n; ++i) {
      uint64_t pos = i * bits, w;
      std::memcpy(&w, data + (pos >> 3), 8);
      out[i] = static_cast<T>(ubase + ((w >> (pos & 7)) & mask));
    }
    return;
  }
  if (bits <= 56 && !nullable) {
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t pos = i * bits, w;
      std::memcpy(&w, data + (pos >> 3), 8);
      out[i] = static_cast<T>(ubase + ((w >> (pos & 7)) & mask));
    }
    return;
  }
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t pos = i * bits, idx = pos >> 6, off = pos & 63, lo, v;
    std::memcpy(&lo, data + idx * 8, 8);
    v = lo >> off;
    if (off + bits > 64) {
      uint64_t hi;
      std::memcpy(&hi, data + idx * 8 + 8, 8);
      v |= hi << (64 - off);
    }
    v &= mask;
    if (nullable) {
      out[i] = v == 0 ? static_cast<T>(INT64_MIN) : static_cast<T>(ubase + v - 1);
    } else {
      out[i] = static_cast<T>(ubase + v);
    }
  }
}

// Check a packed body's block table against `rows` and `width`; offsets[b] = byte offset of
// block b's values in `body`.
Status IndexBlocks(std::string_view body, uint8_t width, uint64_t rows, bool grouped,
                   std::vector<uint64_t>* offsets, const std::string& path, int id) {
  auto bad = [&](std::string_view what) {
    return Corrupt(path, fmt::format("column {}: {}", id, what));
  };
  if (body.size() < 8) return bad("packed column too short");
  const uint64_t block_rows = Get<uint32_t>(body, 0), blocks = Get<uint32_t>(body, 4);
  if (block_rows != kPackBlockRows || blocks != (rows + block_rows - 1) / block_rows)
    return bad("packed column has a wrong block count");
  if (8 + blocks * kBlockHeaderSize > body.size())
    return bad("packed column block table out of bounds");
  offsets->resize(blocks);
  uint64_t pos = 8 + blocks * kBlockHeaderSize;
  for (uint64_t b = 0; b < blocks; ++b) {
    const size_t h = 8 + b * kBlockHeaderSize;
    const uint64_t n = std::min<uint64_t>(block_rows, rows - b * block_rows);
    const uint8_t bits = Get<uint8_t>(body, h + 8), nullable = Get<uint8_t>(body, h + 9);
    if (bits > 64 || nullable > 1 || (nullable && width != 8))
      return bad("packed block header is invalid");
    (*offsets)[b] = pos;
    if (grouped) {
      const uint64_t groups = (n + kPackGroupRows - 1) / kPackGroupRows,
                     table = (groups + 7) / 8 * 8;
      if (table + 8 > body.size() - pos) return bad("packed block out of bounds");
      uint64_t bytes = table;
      for (uint64_t g = 0; g < groups; ++g) {
        const uint8_t gb = Get<uint8_t>(body, pos + g);
        if (gb > bits) return bad("packed group is wider than its block");
        bytes += (std::min(n - g * kPackGroupRows, kPackGroupRows) * gb + 63) / 64 * 8;
        if (bytes + 8 > body.size() - pos) return bad("packed block out of bounds");
      }
      for (uint64_t g = groups; g < table; ++g)
        if (Get<uint8_t>(body, pos + g) != 0) return bad("packed group table padding is not zero");
      pos += bytes;
      continue;
    }
    const uint64_t bytes = (n * bits + 63) / 64 * 8;
    if (bytes + 8 > body.size() - pos) return bad("packed block out of bounds");
    pos += bytes;
  }
  if (pos + 8 != body.size()) return bad("packed column length does not match its blocks");
  return Status::Ok();
}

template <typename T>
void DecodeBlockAs(const PackedColumn& c, uint64_t b, T* out) {
  const char* h = c.body + 8 + b * kBlockHeaderSize;
  int64_t base;
  std::memcpy(&base, h, 8);
  const uint64_t n = std::min<uint64_t>(kPackBlockRows, c.rows - b * kPackBlockRows);
  const char* data = c.body + c.block_offset[b];
  if (!c.grouped) {
    UnpackBlock<T>(data, static_cast<uint8_t>(h[8]), h[9] != 0, base, n, out);
    return;
  }
  const uint64_t groups = (n + kPackGroupRows - 1) / kPackGroupRows;
  const char* codes = data + (groups + 7) / 8 * 8;
  for (uint64_t g = 0; g < groups; ++g) {
    const uint8_t bits = static_cast<uint8_t>(data[g]);
    const uint64_t m = std::min(n - g * kPackGroupRows, kPackGroupRows);
    UnpackBlock<T>(codes, bits, h[9] != 0, base, m, out + g * kPackGroupRows);
    codes += (m * bits + 63) / 64 * 8;
  }
}

// The packed body of column `c` of `file` (decompressed into `scratch` for a zstd column).
Result<std::string_view> PackedBody(std::string_view file, const ColumnEntry& c, uint64_t rows,
                                    std::unique_ptr<char[]>* scratch, const std::string& path) {
  std::string_view body = file.substr(c.offset, c.length);
  const int id = static_cast<int>(c.id);
  if (c.encoding != ColumnEncoding::kPackedZstd) return body;
  if (body.size() < 8)
    return Corrupt(path, fmt::format("column {}: compressed column too short", id));
  const uint64_t packed_len = Get<uint64_t>(body, 0);
  const uint64_t blocks = (rows + kPackBlockRows - 1) / kPackBlockRows;
  if (packed_len > 16 + blocks * kBlockHeaderSize + rows * 8 + blocks * 8)
    return Corrupt(path,
                   fmt::format("column {}: compressed column declares an impossible size", id));
  // Not zero-filled first: zstd writes every byte it reports (a short result is Corruption).
  *scratch = std::make_unique_for_overwrite<char[]>(packed_len);
  size_t n = ZSTD_decompress(scratch->get(), packed_len, body.data() + 8, body.size() - 8);
  if (ZSTD_isError(n) || n != packed_len)
    return Corrupt(path, fmt::format("column {}: compressed column does not decompress", id));
  return std::string_view(scratch->get(), packed_len);
}

// The stored form of one column in format 2: encoding and body. `packed_as` is the encoding of
// a column that packs smaller than raw: kGrouped (what loads write), or kPacked / kPackedZstd
// (earlier writers; kPackedZstd falls back to kPacked where zstd saves less than 10%).
std::pair<ColumnEncoding, std::string> EncodeColumn(const ColumnData& c, uint64_t rows,
                                                    ColumnEncoding packed_as) {
  std::string packed = PackColumn(c.bytes, c.width, rows, packed_as == ColumnEncoding::kGrouped);
  if (packed.empty() || packed.size() >= c.bytes.size())
    return {ColumnEncoding::kRaw, std::string(c.bytes)};
  if (packed_as != ColumnEncoding::kPackedZstd) return {packed_as, std::move(packed)};
  std::string z(8 + ZSTD_compressBound(packed.size()), '\0');
  size_t zn = ZSTD_compress(z.data() + 8, z.size() - 8, packed.data(), packed.size(), 1);
  if (!ZSTD_isError(zn) && 8 + zn < packed.size() - packed.size() / 10) {
    z.resize(8 + zn);
    Put<uint64_t>(z, 0, packed.size());
    return {ColumnEncoding::kPackedZstd, std::move(z)};
  }
  return {ColumnEncoding::kPacked, std::move(packed)};
}

}  // namespace

void DecodeBlock(const PackedColumn& c, uint64_t block, void* out) {
  switch (c.width) {
    case 1: return DecodeBlockAs(c, block, static_cast<uint8_t*>(out));
    case 2: return DecodeBlockAs(c, block, static_cast<uint16_t*>(out));
    case 4: return DecodeBlockAs(c, block, static_cast<uint32_t*>(out));
    default: return DecodeBlockAs(c, block, static_cast<int64_t*>(out));
  }
}

Status OpenPackedColumn(std::string_view file, const ColumnEntry& c, uint64_t rows,
                        std::unique_ptr<char[]>* scratch, std::vector<uint64_t>* block_offsets,
                        PackedColumn* out, const std::string& path) {
  if (c.encoding == ColumnEncoding::kRaw)
    return Status::Internal(fmt::format("column {} is raw, not packed", static_cast<int>(c.id)));
  TRADESTAT_ASSIGN_OR_RETURN(std::string_view body, PackedBody(file, c, rows, scratch, path));
  TRADESTAT_RETURN_IF_ERROR(IndexBlocks(body, c.width, rows, c.encoding == ColumnEncoding::kGrouped,
                                        block_offsets, path, static_cast<int>(c.id)));
  out->body = body.data();
  out->block_offset = block_offsets->data();
  out->rows = rows;
  out->width = c.width;
  out->grouped = c.encoding == ColumnEncoding::kGrouped;
  return Status::Ok();
}

Status DecodeColumn(std::string_view file, const ColumnEntry& c, uint64_t rows, void* out,
                    const std::string& path) {
  const int id = static_cast<int>(c.id);
  if (c.encoding == ColumnEncoding::kRaw) {
    std::string_view body = file.substr(c.offset, c.length);
    if (body.size() != rows * c.width)
      return Corrupt(path, fmt::format("column {} has a wrong length", id));
    if (!body.empty()) std::memcpy(out, body.data(), body.size());
    return Status::Ok();
  }
  if (c.encoding != ColumnEncoding::kPacked && c.encoding != ColumnEncoding::kPackedZstd &&
      c.encoding != ColumnEncoding::kGrouped)
    return Corrupt(path, fmt::format("column {}: unknown encoding", id));
  std::unique_ptr<char[]> scratch;
  std::vector<uint64_t> offsets;
  PackedColumn pc;
  TRADESTAT_RETURN_IF_ERROR(OpenPackedColumn(file, c, rows, &scratch, &offsets, &pc, path));
  for (uint64_t b = 0; b < offsets.size(); ++b)
    DecodeBlock(pc, b, static_cast<char*>(out) + b * kPackBlockRows * c.width);
  return Status::Ok();
}

uint8_t ColumnWidth(ColumnId id) {
  switch (id) {
    case ColumnId::kFlow: return 1;
    case ColumnId::kReporter:
    case ColumnId::kPartner:
    case ColumnId::kTradeMode:
    case ColumnId::kEnterpriseType:
    case ColumnId::kUnit: return 2;
    case ColumnId::kCommodity: return 4;
    case ColumnId::kQuantity: return 8;
    default: break;
  }
  int v = static_cast<int>(id);
  if (v >= static_cast<int>(ColumnId::kValueBase) &&
      v < static_cast<int>(ColumnId::kValueBase) + kMaxCurrencies)
    return 8;
  return 0;
}

namespace {
template <typename T>
std::string_view BytesOf(const std::vector<T>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}
}  // namespace

std::vector<ColumnData> SegmentColumnsOf(const RowBatch& b, size_t currencies) {
  std::vector<ColumnData> cols = {
      {ColumnId::kFlow, 1, BytesOf(b.flow)},
      {ColumnId::kReporter, 2, BytesOf(b.reporter)},
      {ColumnId::kPartner, 2, BytesOf(b.partner)},
      {ColumnId::kCommodity, 4, BytesOf(b.commodity)},
      {ColumnId::kTradeMode, 2, BytesOf(b.trade_mode)},
      {ColumnId::kEnterpriseType, 2, BytesOf(b.enterprise_type)},
      {ColumnId::kUnit, 2, BytesOf(b.unit)},
  };
  if (std::any_of(b.quantity.begin(), b.quantity.end(), [](int64_t q) { return q != kNoQuantity; }))
    cols.push_back({ColumnId::kQuantity, 8, BytesOf(b.quantity)});
  for (size_t c = 0; c < currencies && c < b.values.size(); ++c)
    cols.push_back({ValueColumn(static_cast<int>(c)), 8, BytesOf(b.values[c])});
  return cols;
}

std::string EncodeSegment(core::Period period, uint64_t rows,
                          const std::vector<ColumnData>& columns, uint64_t file_id, uint32_t format,
                          ColumnEncoding packed_as) {
  std::vector<std::pair<ColumnEncoding, std::string>> stored;
  stored.reserve(columns.size());
  for (const auto& c : columns) {
    if (format == kSegmentFormatRaw) {
      stored.emplace_back(ColumnEncoding::kRaw, std::string(c.bytes));
    } else {
      stored.push_back(EncodeColumn(c, rows, packed_as));
    }
  }
  size_t dir_size = columns.size() * kDirectoryEntrySize;
  size_t pos = AlignUp(kSegmentHeaderSize + dir_size);
  std::vector<uint64_t> offsets;
  for (size_t i = 0; i < columns.size(); ++i) {
    offsets.push_back(pos);
    pos += stored[i].second.size();
    if (i + 1 < columns.size()) pos = AlignUp(pos);  // the file ends where the last column ends
  }
  std::string out(pos, '\0');
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    const std::string& body = stored[i].second;
    size_t e = kSegmentHeaderSize + i * kDirectoryEntrySize;
    Put<uint16_t>(out, e, static_cast<uint16_t>(c.id));
    Put<uint8_t>(out, e + 2, c.width);
    Put<uint8_t>(out, e + 3, static_cast<uint8_t>(stored[i].first));
    Put<uint64_t>(out, e + 8, offsets[i]);
    Put<uint64_t>(out, e + 16, body.size());
    Put<uint64_t>(out, e + 24, core::Hash64(body.data(), body.size()));
    if (!body.empty()) std::memcpy(out.data() + offsets[i], body.data(), body.size());
  }
  std::memcpy(out.data(), kSegmentMagic, 8);
  Put<uint32_t>(out, 8, format);
  Put<uint32_t>(out, 12, static_cast<uint32_t>(columns.size()));
  Put<uint64_t>(out, 16, rows);
  Put<int32_t>(out, 24, period.key());
  Put<uint32_t>(out, 28, SegmentHeaderId(file_id));
  Put<uint64_t>(out, 32, core::Hash64(out.data() + kSegmentHeaderSize, dir_size));
  Put<uint64_t>(out, 40, core::Hash64(out.data(), 40));
  return out;
}

Result<SegmentHeader> DecodeSegmentHeader(std::string_view file, const std::string& path) {
  if (file.size() < kSegmentHeaderSize) return Corrupt(path, "file too short for a segment header");
  if (std::memcmp(file.data(), kSegmentMagic, 8) != 0)
    return Corrupt(path, "not a tradestat segment file (bad magic)");
  uint32_t format = Get<uint32_t>(file, 8);
  if (format != kSegmentFormat && format != kSegmentFormatRaw)
    return Corrupt(path, fmt::format("segment format {} is not supported (this build reads {})",
                                     format, kSegmentFormat));
  if (Get<uint64_t>(file, 40) != core::Hash64(file.data(), 40))
    return Corrupt(path, "header checksum mismatch");
  uint32_t count = Get<uint32_t>(file, 12);
  SegmentHeader h;
  h.rows = Get<uint64_t>(file, 16);
  h.period = core::Period::FromKey(Get<int32_t>(file, 24));
  h.file_id = Get<uint32_t>(file, 28);
  if (!h.period.valid()) return Corrupt(path, "invalid period in header");
  size_t dir_size = size_t{count} * kDirectoryEntrySize;
  if (count > 64 || kSegmentHeaderSize + dir_size > file.size())
    return Corrupt(path, "column directory out of bounds");
  if (Get<uint64_t>(file, 32) != core::Hash64(file.data() + kSegmentHeaderSize, dir_size))
    return Corrupt(path, "column directory checksum mismatch");
  for (uint32_t i = 0; i < count; ++i) {
    size_t e = kSegmentHeaderSize + i * kDirectoryEntrySize;
    ColumnEntry c;
    c.id = static_cast<ColumnId>(Get<uint16_t>(file, e));
    c.width = Get<uint8_t>(file, e + 2);
    c.offset = Get<uint64_t>(file, e + 8);
    c.length = Get<uint64_t>(file, e + 16);
    c.hash = Get<uint64_t>(file, e + 24);
    if (ColumnWidth(c.id) == 0 || ColumnWidth(c.id) != c.width)
      return Corrupt(path, fmt::format("unknown column {} or wrong width", static_cast<int>(c.id)));
    uint8_t encoding = format == kSegmentFormatRaw ? 0 : Get<uint8_t>(file, e + 3);
    if (encoding > static_cast<uint8_t>(ColumnEncoding::kGrouped))
      return Corrupt(path, fmt::format("column {} has an unknown encoding {}",
                                       static_cast<int>(c.id), encoding));
    c.encoding = static_cast<ColumnEncoding>(encoding);
    const bool raw = c.encoding == ColumnEncoding::kRaw;
    if ((raw && c.length != h.rows * c.width) || c.offset % 64 != 0 || c.offset > file.size() ||
        c.length > file.size() - c.offset)
      return Corrupt(path, fmt::format("column {} out of bounds", static_cast<int>(c.id)));
    h.columns.push_back(c);
  }
  // Every byte outside the header, directory and columns is padding and must be zero, and the
  // file ends with the last column: so any flipped byte is detected by some check.
  std::vector<std::pair<uint64_t, uint64_t>> used = {
      {0, 48}, {kSegmentHeaderSize, kSegmentHeaderSize + dir_size}};
  for (const auto& c : h.columns) used.emplace_back(c.offset, c.offset + c.length);
  std::sort(used.begin(), used.end());
  uint64_t cursor = 0;
  for (const auto& [b, e] : used) {
    if (b < cursor) return Corrupt(path, "overlapping columns");
    for (uint64_t i = cursor; i < b; ++i)
      if (file[i] != 0) return Corrupt(path, fmt::format("unexpected byte at offset {}", i));
    cursor = e;
  }
  if (cursor != file.size())
    return Corrupt(path, "file length does not match its column directory");
  return h;
}

std::string EncodeDictionary(const std::vector<std::string>& values) {
  std::string body;
  for (const auto& v : values) {
    body += v;
    body += '\n';
  }
  return fmt::format("TRADESTAT-DICT 1 {} {}\n", values.size(),
                     core::HashToHex(core::Hash64(body))) +
         body;
}

Result<std::vector<std::string>> DecodeDictionary(std::string_view text, const std::string& path) {
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return Corrupt(path, "dictionary header missing");
  auto parts = core::Split(text.substr(0, nl), ' ');
  if (parts.size() != 4 || parts[0] != "TRADESTAT-DICT")
    return Corrupt(path, "not a tradestat dictionary file");
  if (parts[1] != "1")
    return Corrupt(path, fmt::format("dictionary format {} is not supported", parts[1]));
  std::string_view body = text.substr(nl + 1);
  if (core::HashToHex(core::Hash64(body)) != parts[3])
    return Corrupt(path, "dictionary checksum mismatch");
  std::vector<std::string> values;
  size_t start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') {
      values.emplace_back(body.substr(start, i - start));
      start = i + 1;
    }
  }
  if (start != body.size() || std::to_string(values.size()) != parts[2])
    return Corrupt(path, "dictionary entry count mismatch");
  return values;
}

}  // namespace tradestat::store
