// store/segment_format.cc: byte layout of segment and dictionary files, with checksums.
#include "store/segment_format.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

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

}  // namespace

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
  if (v >= static_cast<int>(ColumnId::kValueBase) && v < static_cast<int>(ColumnId::kValueBase) + kMaxCurrencies)
    return 8;
  return 0;
}

std::string EncodeSegment(core::Period period, uint64_t rows, const std::vector<ColumnData>& columns,
                          uint64_t file_id) {
  size_t dir_size = columns.size() * kDirectoryEntrySize;
  size_t pos = AlignUp(kSegmentHeaderSize + dir_size);
  std::vector<uint64_t> offsets;
  for (size_t i = 0; i < columns.size(); ++i) {
    offsets.push_back(pos);
    pos += columns[i].bytes.size();
    if (i + 1 < columns.size()) pos = AlignUp(pos);  // the file ends where the last column ends
  }
  std::string out(pos, '\0');
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    size_t e = kSegmentHeaderSize + i * kDirectoryEntrySize;
    Put<uint16_t>(out, e, static_cast<uint16_t>(c.id));
    Put<uint8_t>(out, e + 2, c.width);
    Put<uint64_t>(out, e + 8, offsets[i]);
    Put<uint64_t>(out, e + 16, c.bytes.size());
    Put<uint64_t>(out, e + 24, core::Hash64(c.bytes.data(), c.bytes.size()));
    if (!c.bytes.empty()) std::memcpy(out.data() + offsets[i], c.bytes.data(), c.bytes.size());
  }
  std::memcpy(out.data(), kSegmentMagic, 8);
  Put<uint32_t>(out, 8, kSegmentFormat);
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
  if (format != kSegmentFormat)
    return Corrupt(path, fmt::format("segment format {} is not supported (this build reads {})", format,
                                     kSegmentFormat));
  if (Get<uint64_t>(file, 40) != core::Hash64(file.data(), 40)) return Corrupt(path, "header checksum mismatch");
  uint32_t count = Get<uint32_t>(file, 12);
  SegmentHeader h;
  h.rows = Get<uint64_t>(file, 16);
  h.period = core::Period::FromKey(Get<int32_t>(file, 24));
  h.file_id = Get<uint32_t>(file, 28);
  if (!h.period.valid()) return Corrupt(path, "invalid period in header");
  size_t dir_size = size_t{count} * kDirectoryEntrySize;
  if (count > 64 || kSegmentHeaderSize + dir_size > file.size()) return Corrupt(path, "column directory out of bounds");
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
    if (c.length != h.rows * c.width || c.offset % 64 != 0 || c.offset > file.size() ||
        c.length > file.size() - c.offset)
      return Corrupt(path, fmt::format("column {} out of bounds", static_cast<int>(c.id)));
    h.columns.push_back(c);
  }
  // Every byte outside the header, directory and columns is padding and must be zero, and the
  // file ends with the last column: so any flipped byte is detected by some check.
  std::vector<std::pair<uint64_t, uint64_t>> used = {{0, 48}, {kSegmentHeaderSize, kSegmentHeaderSize + dir_size}};
  for (const auto& c : h.columns) used.emplace_back(c.offset, c.offset + c.length);
  std::sort(used.begin(), used.end());
  uint64_t cursor = 0;
  for (const auto& [b, e] : used) {
    if (b < cursor) return Corrupt(path, "overlapping columns");
    for (uint64_t i = cursor; i < b; ++i)
      if (file[i] != 0) return Corrupt(path, fmt::format("unexpected byte at offset {}", i));
    cursor = e;
  }
  if (cursor != file.size()) return Corrupt(path, "file length does not match its column directory");
  return h;
}

std::string EncodeDictionary(const std::vector<std::string>& values) {
  std::string body;
  for (const auto& v : values) {
    body += v;
    body += '\n';
  }
  return fmt::format("TRADESTAT-DICT 1 {} {}\n", values.size(), core::HashToHex(core::Hash64(body))) + body;
}

Result<std::vector<std::string>> DecodeDictionary(std::string_view text, const std::string& path) {
  size_t nl = text.find('\n');
  if (nl == std::string_view::npos) return Corrupt(path, "dictionary header missing");
  auto parts = core::Split(text.substr(0, nl), ' ');
  if (parts.size() != 4 || parts[0] != "TRADESTAT-DICT") return Corrupt(path, "not a tradestat dictionary file");
  if (parts[1] != "1") return Corrupt(path, fmt::format("dictionary format {} is not supported", parts[1]));
  std::string_view body = text.substr(nl + 1);
  if (core::HashToHex(core::Hash64(body)) != parts[3]) return Corrupt(path, "dictionary checksum mismatch");
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
