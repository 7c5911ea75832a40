// store/reference_files.cc: registering user reference files with a manifest commit.
#include "store/reference_files.h"

#include <ctime>
#include <filesystem>

#include <fmt/format.h>

#include "core/file.h"
#include "core/hash.h"
#include "store/load_transaction.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace tradestat::store {

Status RegisterReferenceFile(const std::string& store_path, const std::string& kind,
                             const std::string& source_name, std::string_view content) {
  if (!core::PathExists(ManifestPath(store_path)))
    return Status::NotFound(
        fmt::format("no store at {}; create one with 'tradestat init {}'", store_path, store_path));
  TRADESTAT_ASSIGN_OR_RETURN(core::FileLock lock, core::FileLock::Acquire(LockPath(store_path)));
  TRADESTAT_ASSIGN_OR_RETURN(std::string text, core::ReadFileToString(ManifestPath(store_path)));
  TRADESTAT_ASSIGN_OR_RETURN(Manifest manifest, ParseManifest(text, ManifestPath(store_path)));
  TRADESTAT_RETURN_IF_ERROR(RemoveUnreferencedFiles(store_path, manifest));
  ReferenceFileMeta meta;
  meta.id = static_cast<uint32_t>(manifest.reference_files.size() + 1);
  meta.kind = kind;
  meta.file = ReferenceRelPath(kind, manifest.next_file_id++);
  meta.hash = core::HashToHex(core::Hash64(content));
  meta.time = UtcNow();
  meta.source_name = source_name;
  std::string path = store_path + "/" + meta.file;
  TRADESTAT_RETURN_IF_ERROR(
      core::MakeDirectories(std::filesystem::path(path).parent_path().string()));
  Status st = core::WriteNewFile(path, content);
  if (st.ok()) st = core::SyncDirectory(std::filesystem::path(path).parent_path().string());
  bool renamed = false;
  if (st.ok()) {
    manifest.reference_files.push_back(meta);
    AdvanceGeneration(manifest, {}, static_cast<int64_t>(std::time(nullptr)));
    st = core::WriteFileDurably(ManifestPath(store_path), SerializeManifest(manifest), &renamed);
  }
  // After the rename the manifest names the file: it is committed and must stay.
  if (renamed) return st.ok() ? st : CommittedButNotSynced(st);
  if (!st.ok()) (void)core::RemoveFile(path);  // best effort; the next writer removes leftovers
  return st;
}

Result<std::vector<std::pair<ReferenceFileMeta, std::string>>> ReadReferenceFiles(
    const Store& store, const std::string& kind) {
  std::vector<std::pair<ReferenceFileMeta, std::string>> out;
  for (const auto& r : store.manifest().reference_files) {
    if (r.kind != kind) continue;
    std::string path = store.path() + "/" + r.file;
    auto text = core::ReadFileToString(path);
    if (!text.ok() || core::HashToHex(core::Hash64(*text)) != r.hash)
      return Status::Corruption(
          fmt::format("corrupt store: {}: reference file missing or damaged", path));
    out.emplace_back(r, std::move(*text));
  }
  return out;
}

}  // namespace tradestat::store
