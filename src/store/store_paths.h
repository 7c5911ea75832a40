// store/store_paths.h: where each kind of file lives inside a store directory.
#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "core/period.h"
#include "store/types.h"

namespace tradestat::store {

inline std::string ManifestPath(const std::string& root) { return root + "/MANIFEST"; }
inline std::string LockPath(const std::string& root) { return root + "/LOCK"; }
/// Relative paths (as stored in the manifest).
inline std::string SegmentRelPath(const std::string& dataset, core::Period p, uint64_t id) {
  return fmt::format("data/{}/{}/seg-{:08d}.tsg", dataset, p.ToString(), id);
}
inline std::string DictionaryRelPath(const std::string& dataset, Dim d, uint64_t id) {
  return fmt::format("data/{}/dict/{}-{:08d}.tsd", dataset, kDimNames[static_cast<int>(d)], id);
}
inline std::string ReferenceRelPath(const std::string& kind, uint64_t id) {
  return fmt::format("ref/{}-{:08d}.csv", kind, id);
}

}  // namespace tradestat::store
