// cli/store_reference.h: the reference data a command should use for a store: the built-in
// data plus user files registered in that store (`tradestat ref groups import`).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "refdata/reference.h"
#include "store/store.h"

namespace tradestat::cli {

/// Builtin reference data overlaid with the store's registered files. A missing store is not an
/// error here (the command itself reports it); then the built-in data is returned.
core::Result<std::shared_ptr<const refdata::Reference>> LoadStoreReference(
    const std::string& store_path);
/// The same for a store already open (saves opening it twice).
core::Result<std::shared_ptr<const refdata::Reference>> LoadStoreReference(
    const store::Store& store);

}  // namespace tradestat::cli
