// store/store.cc: opening a store, snapshots of datasets, mapping and verifying segments.
#include "store/store.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <set>

#include <fmt/format.h>

#include "core/hash.h"
#include "core/parallel.h"
#include "store/segment_format.h"
#include "store/store_paths.h"

namespace tradestat::store {

struct DatasetSnapshot::Mapped {
  std::mutex mu;
  bool opened = false;
  core::MappedFile file;
  SegmentHeader header;
  std::atomic<ColumnMask> verified{0};
  // Format-2 columns stored compressed, decoded once per snapshot when first needed
  // (indexed like header.columns; raw columns are scanned in place from `file`).
  std::vector<std::unique_ptr<uint64_t[]>> decoded;
  // The same columns opened for block decoding (Access::kBlocks): the packed body (zstd
  // columns decompressed into `scratch`, once per snapshot) and its block table. Sized at open.
  std::vector<PackedColumn> packed;
  std::vector<char> packed_open;
  std::vector<std::vector<uint64_t>> block_offsets;
  std::vector<std::unique_ptr<char[]>> scratch;
};

int DatasetSnapshot::CurrencyIndex(std::string_view currency) const {
  for (size_t i = 0; i < meta_.currencies.size(); ++i)
    if (meta_.currencies[i] == currency) return static_cast<int>(i);
  return -1;
}

std::vector<core::Period> DatasetSnapshot::Periods() const {
  std::vector<core::Period> out;
  for (const auto& s : segments_)
    if (out.empty() || out.back() != s.period) out.push_back(s.period);
  return out;
}

namespace {

core::Period FirstMonth(core::Period p) {
  return p.is_annual() ? core::Period::Month(p.year(), 1) : p;
}
core::Period LastMonth(core::Period p) {
  return p.is_annual() ? core::Period::Month(p.year(), 12) : p;
}

bool InRange(core::Period p, core::Period from, core::Period to) {
  from = FirstMonth(from);
  to = LastMonth(to);
  if (p.is_annual()) return from <= FirstMonth(p) && LastMonth(p) <= to;
  return from <= p && p <= to;
}

Status Corrupt(const std::string& path, std::string_view what) {
  return Status::Corruption(fmt::format("corrupt store: {}: {}", path, what));
}

}  // namespace

Result<std::vector<SegmentView>> DatasetSnapshot::Segments(core::Period from, core::Period to,
                                                           ColumnMask needed, Access access) const {
  std::vector<size_t> picked;
  for (size_t i = 0; i < segments_.size(); ++i)
    if (InRange(segments_[i].period, from, to)) picked.push_back(i);
  // A year that has both an annual figure and monthly records is answered by the months alone:
  // the two describe the same trade and must never be added (`tradestat check` compares them).
  std::set<int> years_with_months;
  for (size_t i : picked)
    if (!segments_[i].period.is_annual()) years_with_months.insert(segments_[i].period.year());
  std::erase_if(picked, [&](size_t i) {
    return segments_[i].period.is_annual() &&
           years_with_months.count(segments_[i].period.year()) > 0;
  });
  return Map(picked, needed, access);
}

Result<std::vector<SegmentView>> DatasetSnapshot::AllSegments(ColumnMask needed) const {
  std::vector<size_t> all(segments_.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  return Map(all, needed, Access::kWhole);
}

Result<std::vector<SegmentView>> DatasetSnapshot::SegmentsAt(const std::vector<size_t>& indices,
                                                             ColumnMask needed,
                                                             Access access) const {
  for (size_t i : indices)
    if (i >= segments_.size())
      return Status::InvalidArgument(
          fmt::format("segment {} of {} asked for", i, segments_.size()));
  return Map(indices, needed, access);
}

Result<std::vector<SegmentView>> DatasetSnapshot::Map(const std::vector<size_t>& picked,
                                                      ColumnMask needed, Access access) const {
  std::vector<Status> errors(picked.size());
  // Mapping and checksum verification run in parallel; each segment is verified once per snapshot.
  core::ParallelFor(picked.size(), [&](size_t t, int) {
    size_t i = picked[t];
    const SegmentMeta& meta = segments_[i];
    Mapped& m = *(*mapped_)[i];
    std::lock_guard<std::mutex> lock(m.mu);
    std::string path = root_ + "/" + meta.file;
    if (!m.opened) {
      auto file = core::MappedFile::Open(path);
      if (!file.ok()) {
        errors[t] = Corrupt(path, "segment file listed in the manifest cannot be opened: " +
                                      file.status().message());
        return;
      }
      auto header = DecodeSegmentHeader(file->view(), path);
      if (!header.ok()) {
        errors[t] = header.status();
        return;
      }
      if (header->rows != meta.rows || header->period != meta.period) {
        errors[t] = Corrupt(path, "segment header does not match the manifest");
        return;
      }
      // A valid segment of another load copied over this one: same period, maybe same row
      // count, but another id (or, for files without an id, another hash). Never summed.
      if (file->size() != meta.bytes) {
        errors[t] = Corrupt(path, "segment size does not match the manifest");
        return;
      }
      if (header->file_id != 0
              ? header->file_id != SegmentHeaderId(meta.id)
              : core::HashToHex(core::Hash64(file->data(), file->size())) != meta.file_hash) {
        errors[t] = Corrupt(path,
                            "segment is not the one the manifest lists (another segment file was "
                            "put in its place)");
        return;
      }
      m.file = std::move(*file);
      m.header = std::move(*header);
      m.opened = true;
    }
    const size_t ncol = m.header.columns.size();
    if (m.packed.size() != ncol) {
      m.decoded.resize(ncol);
      m.packed.resize(ncol);
      m.packed_open.resize(ncol, 0);
      m.block_offsets.resize(ncol);
      m.scratch.resize(ncol);
    }
    for (size_t j = 0; j < ncol; ++j) {
      const ColumnEntry& c = m.header.columns[j];
      ColumnMask bit = ColumnBit(c.id);
      if (!(needed & bit)) continue;
      if (!(m.verified.load() & bit)) {
        if (core::Hash64(m.file.data() + c.offset, c.length) != c.hash) {
          errors[t] =
              Corrupt(path, fmt::format("checksum mismatch in column {}", static_cast<int>(c.id)));
          return;
        }
        m.verified.fetch_or(bit);
      }
      if (c.encoding == ColumnEncoding::kRaw) continue;
      if (!m.packed_open[j]) {
        Status st = OpenPackedColumn(m.file.view(), c, m.header.rows, &m.scratch[j],
                                     &m.block_offsets[j], &m.packed[j], path);
        if (!st.ok()) {
          errors[t] = st;
          return;
        }
        m.packed_open[j] = 1;
      }
      if (access == Access::kWhole && !m.decoded[j]) {
        auto buf =
            std::make_unique_for_overwrite<uint64_t[]>((m.header.rows * c.width + 7) / 8 + 1);
        for (uint64_t b = 0; b < m.block_offsets[j].size(); ++b)
          DecodeBlock(m.packed[j], b,
                      reinterpret_cast<char*>(buf.get()) + b * kBlockRows * c.width);
        m.decoded[j] = std::move(buf);
      }
    }
  });
  for (const Status& st : errors)
    if (!st.ok()) return st;

  std::vector<SegmentView> views;
  views.reserve(picked.size());
  for (size_t i : picked) {
    Mapped& m = *(*mapped_)[i];
    std::lock_guard<std::mutex> lock(m.mu);  // decoded columns of other queries may be landing
    SegmentView v;
    v.period = m.header.period;
    v.rows = m.header.rows;
    v.token = &m;
    bool has[64] = {false};
    for (size_t j = 0; j < m.header.columns.size(); ++j) {
      const ColumnEntry& c = m.header.columns[j];
      const void* p = m.file.data() + c.offset;
      int id = static_cast<int>(c.id);
      if (c.encoding != ColumnEncoding::kRaw) {
        // Compressed columns are opened only when needed; the others stay null. Block access
        // leaves the pointer null and gives the packed column instead.
        if (!(needed & ColumnBit(c.id)) || j >= m.packed_open.size() || !m.packed_open[j]) continue;
        if (access == Access::kBlocks || !m.decoded[j]) {
          if (id >= 0 && static_cast<size_t>(id) < v.packed.size()) v.packed[id] = &m.packed[j];
          if (id < 64) has[id] = true;
          continue;
        }
        p = m.decoded[j].get();
      }
      if (id < 64) has[id] = true;
      switch (c.id) {
        case ColumnId::kFlow: v.flow = static_cast<const uint8_t*>(p); break;
        case ColumnId::kReporter: v.reporter = static_cast<const uint16_t*>(p); break;
        case ColumnId::kPartner: v.partner = static_cast<const uint16_t*>(p); break;
        case ColumnId::kCommodity: v.commodity = static_cast<const uint32_t*>(p); break;
        case ColumnId::kTradeMode: v.trade_mode = static_cast<const uint16_t*>(p); break;
        case ColumnId::kEnterpriseType: v.enterprise_type = static_cast<const uint16_t*>(p); break;
        case ColumnId::kUnit: v.unit = static_cast<const uint16_t*>(p); break;
        case ColumnId::kQuantity: v.quantity = static_cast<const int64_t*>(p); break;
        default:
          v.values[id - static_cast<int>(ColumnId::kValueBase)] = static_cast<const int64_t*>(p);
          break;
      }
    }
    // Every segment of a dataset carries the same columns; a missing one is damage, not data.
    for (ColumnId cid : RequiredColumns()) {
      if ((needed & ColumnBit(cid)) && !has[static_cast<int>(cid)])
        return Corrupt(root_ + "/" + segments_[i].file,
                       fmt::format("column {} missing", static_cast<int>(cid)));
    }
    views.push_back(v);
  }
  return views;
}

std::vector<ColumnId> DatasetSnapshot::RequiredColumns() const {
  std::vector<ColumnId> ids = {
      ColumnId::kFlow,      ColumnId::kReporter,       ColumnId::kPartner, ColumnId::kCommodity,
      ColumnId::kTradeMode, ColumnId::kEnterpriseType, ColumnId::kUnit};
  for (size_t c = 0; c < meta_.currencies.size(); ++c)
    ids.push_back(ValueColumn(static_cast<int>(c)));
  return ids;
}

Status Store::Create(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    if (core::PathExists(ManifestPath(path)))
      return Status::AlreadyExists(fmt::format("{} is already a tradestat store", path));
    if (!std::filesystem::is_directory(path, ec))
      return Status::InvalidArgument(fmt::format("{} exists and is not a directory", path));
    if (!std::filesystem::is_empty(path, ec))
      return Status::InvalidArgument(fmt::format(
          "{} is a non-empty directory; choose a new or empty directory for the store", path));
  }
  TRADESTAT_RETURN_IF_ERROR(core::MakeDirectories(path + "/data"));
  return core::WriteFileDurably(ManifestPath(path), SerializeManifest(Manifest{}));
}

Result<Store> Store::Open(const std::string& path) {
  std::string manifest_path = ManifestPath(path);
  if (!core::PathExists(manifest_path)) {
    if (!core::PathExists(path))
      return Status::NotFound(
          fmt::format("no store at {}; create one with 'tradestat init {}'", path, path));
    return Status::NotFound(fmt::format(
        "{} is not a tradestat store (no MANIFEST); create one with 'tradestat init'", path));
  }
  TRADESTAT_ASSIGN_OR_RETURN(std::string text, core::ReadFileToString(manifest_path));
  TRADESTAT_ASSIGN_OR_RETURN(Manifest manifest, ParseManifest(text, manifest_path));
  Store s;
  s.path_ = path;
  s.manifest_ = std::move(manifest);
  return s;
}

std::vector<std::string> Store::DatasetNames() const {
  std::vector<std::string> names;
  for (const auto& [name, d] : manifest_.datasets) names.push_back(name);
  return names;
}

Result<std::shared_ptr<const DatasetSnapshot>> Store::Dataset(
    const std::string& name, std::optional<uint32_t> vintage) const {
  auto it = manifest_.datasets.find(name);
  if (it == manifest_.datasets.end()) {
    std::string known;
    for (const auto& n : DatasetNames()) known += (known.empty() ? "" : ", ") + n;
    return Status::NotFound(
        fmt::format("no dataset '{}' in store {} (datasets: {})", name, path_,
                    known.empty() ? "none; load one with 'tradestat load'" : known));
  }
  const DatasetMeta& meta = it->second;
  uint32_t v = vintage.value_or(meta.current_vintage());
  if (v == 0 || v > meta.current_vintage())
    return Status::NotFound(fmt::format("dataset '{}' has no vintage {} (vintages 1..{})", name, v,
                                        meta.current_vintage()));
  auto snap = std::make_shared<DatasetSnapshot>();
  snap->root_ = path_;
  snap->meta_ = meta;
  snap->vintage_ = v;
  snap->dictionaries_.resize(kDimCount);
  for (int d = 0; d < kDimCount; ++d) {
    const DictionaryMeta& dm = meta.dictionaries[d];
    if (dm.file.empty()) continue;
    std::string dict_path = path_ + "/" + dm.file;
    auto text = core::ReadFileToString(dict_path);
    if (!text.ok()) return Corrupt(dict_path, "dictionary listed in the manifest cannot be read");
    TRADESTAT_ASSIGN_OR_RETURN(auto values, DecodeDictionary(*text, dict_path));
    if (values.size() != dm.count || core::HashToHex(core::Hash64(*text)) != dm.hash)
      return Corrupt(dict_path, "dictionary does not match the manifest");
    snap->dictionaries_[d] = Dictionary(std::move(values));
  }
  for (const auto& s : meta.segments)
    if (s.LiveAt(v)) snap->segments_.push_back(s);
  std::stable_sort(snap->segments_.begin(), snap->segments_.end(),
                   [](const SegmentMeta& a, const SegmentMeta& b) { return a.period < b.period; });
  snap->mapped_ = std::make_shared<std::vector<std::unique_ptr<DatasetSnapshot::Mapped>>>();
  for (size_t i = 0; i < snap->segments_.size(); ++i)
    snap->mapped_->push_back(std::make_unique<DatasetSnapshot::Mapped>());
  return std::shared_ptr<const DatasetSnapshot>(std::move(snap));
}

Result<uint64_t> Store::DiskBytes() const {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path_, ec))
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  if (ec) return Status::Io(fmt::format("cannot measure {}: {}", path_, ec.message()));
  return total;
}

}  // namespace tradestat::store
