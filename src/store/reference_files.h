// store/reference_files.h: user reference files (partner groups, categories...) kept in a store.
//
// `tradestat ref groups import FILE --store STORE` registers a validated file here; it is copied
// into STORE/ref/, listed in the manifest with its hash and time, and kept forever (versioned
// like data). Readers pass the registered contents to refdata::Reference, which layers them
// over the built-in reference data.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/manifest.h"

namespace tradestat::store {

class Store;

/// Copy `content` into the store as a new reference file of `kind` and commit a manifest that
/// lists it. `source_name` is the user's file name, kept for messages.
Status RegisterReferenceFile(const std::string& store_path, const std::string& kind,
                             const std::string& source_name, std::string_view content);

/// Contents of the registered reference files of `kind`, oldest first (later ones override).
Result<std::vector<std::pair<ReferenceFileMeta, std::string>>> ReadReferenceFiles(
    const Store& store, const std::string& kind);

}  // namespace tradestat::store
