// store/segment_upgrade.cc: rewriting older-format segments under one manifest commit.
#include "store/segment_upgrade.h"

#include <cstring>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/file.h"
#include "core/hash.h"
#include "store/load_transaction.h"
#include "store/manifest.h"
#include "store/segment_format.h"
#include "store/store_paths.h"

namespace tradestat::store {
namespace {

Status Corrupt(const std::string& path, std::string_view what) {
  return Status::Corruption(fmt::format("corrupt store: {}: {}", path, what));
}

// The bytes of `meta`'s segment in the current format, or "" when it already is. The old file is
// checked whole against its manifest entry first, and the new columns are decoded back and
// compared with the old ones, so an upgrade never carries damage or changes a value.
Result<std::string> Rewrite(const std::string& root, const SegmentMeta& meta, uint64_t new_id) {
  const std::string path = root + "/" + meta.file;
  auto file = core::MappedFile::Open(path);
  if (!file.ok())
    return Corrupt(
        path, "segment file listed in the manifest cannot be opened: " + file.status().message());
  TRADESTAT_ASSIGN_OR_RETURN(SegmentHeader h, DecodeSegmentHeader(file->view(), path));
  if (h.rows != meta.rows || h.period != meta.period || file->size() != meta.bytes)
    return Corrupt(path, "segment does not match the manifest");
  if (core::HashToHex(core::Hash64(file->data(), file->size())) != meta.file_hash)
    return Corrupt(path, "segment is not the one the manifest lists (its file hash differs)");
  uint32_t format = 0;
  std::memcpy(&format, file->data() + 8, 4);
  if (format == kSegmentFormatWritten) return std::string();

  // Every column decoded (a format-1 column is its raw bytes), in directory order.
  std::vector<std::string> decoded(h.columns.size());
  std::vector<ColumnData> columns;
  for (size_t i = 0; i < h.columns.size(); ++i) {
    const ColumnEntry& c = h.columns[i];
    decoded[i].resize(h.rows * c.width);
    TRADESTAT_RETURN_IF_ERROR(DecodeColumn(file->view(), c, h.rows, decoded[i].data(), path));
    columns.push_back({c.id, c.width, decoded[i]});
  }
  std::string bytes = EncodeSegment(h.period, h.rows, columns, new_id, kSegmentFormatWritten);

  auto nh = DecodeSegmentHeader(bytes, path);
  if (!nh.ok() || nh->columns.size() != columns.size())
    return Status::Internal(fmt::format("upgrade: the rewritten {} does not decode", path));
  std::string back;
  for (size_t i = 0; i < columns.size(); ++i) {
    back.assign(h.rows * columns[i].width, '\0');
    Status st = DecodeColumn(bytes, nh->columns[i], h.rows, back.data(), path);
    if (!st.ok() || nh->columns[i].id != columns[i].id || back != columns[i].bytes)
      return Status::Internal(
          fmt::format("upgrade: column {} of the rewritten {} differs from the original; the store "
                      "is unchanged",
                      static_cast<int>(columns[i].id), path));
  }
  return bytes;
}

}  // namespace

Result<UpgradeReport> UpgradeSegments(const std::string& root) {
  if (!core::PathExists(ManifestPath(root)))
    return Status::NotFound(
        fmt::format("no store at {}; create one with 'tradestat init {}'", root, root));
  TRADESTAT_ASSIGN_OR_RETURN(core::FileLock lock, core::FileLock::Acquire(LockPath(root)));
  TRADESTAT_ASSIGN_OR_RETURN(std::string text, core::ReadFileToString(ManifestPath(root)));
  TRADESTAT_ASSIGN_OR_RETURN(Manifest manifest, ParseManifest(text, ManifestPath(root)));
  TRADESTAT_RETURN_IF_ERROR(RemoveUnreferencedFiles(root, manifest));

  UpgradeReport report;
  report.format = kSegmentFormatWritten;
  std::vector<std::string> written;     // absolute paths, removed unless committed
  std::vector<std::string> superseded;  // the old files, retired by the commit
  auto fail = [&](Status st) {
    for (const auto& f : written) (void)core::RemoveFile(f);
    return st;
  };
  for (auto& [name, dataset] : manifest.datasets) {
    UpgradeReport::Dataset d;
    d.name = name;
    for (SegmentMeta& s : dataset.segments) {
      ++d.segments;
      const uint64_t id = manifest.next_file_id;
      auto bytes = Rewrite(root, s, id);
      if (!bytes.ok()) return fail(bytes.status());
      if (bytes->empty()) continue;
      ++manifest.next_file_id;
      const std::string rel = SegmentRelPath(name, s.period, id);
      const std::string path = root + "/" + rel;
      Status st = core::MakeDirectories(std::filesystem::path(path).parent_path().string());
      if (st.ok()) {
        written.push_back(path);
        st = core::WriteNewFile(path, *bytes);
      }
      if (!st.ok()) return fail(st);
      superseded.push_back(s.file);
      d.bytes_before += s.bytes;
      d.bytes_after += bytes->size();
      ++d.rewritten;
      s.id = id;
      s.file = rel;
      s.bytes = bytes->size();
      s.file_hash = core::HashToHex(core::Hash64(*bytes));
    }
    report.datasets.push_back(std::move(d));
  }
  if (written.empty()) return report;  // already upgraded: nothing to commit

  std::set<std::string> dirs;
  for (const auto& f : written) dirs.insert(std::filesystem::path(f).parent_path().string());
  for (const auto& dir : dirs) {
    Status st = core::SyncDirectory(dir);
    if (!st.ok()) return fail(st);
  }
  bool committed = false;
  Status st = CommitManifest(root, manifest, superseded, &committed);
  if (!committed) return fail(st);
  report.committed = true;
  if (!st.ok()) return st;  // CommittedButNotSynced: the new version stands
  return report;
}

}  // namespace tradestat::store
