// ingest/loader.h: LoadFiles, the whole `tradestat load`: read, validate, commit or refuse.
//
// All-or-nothing: every record of every file is validated; if anything is wrong nothing is
// committed and the error lists the first problems as FILE:LINE:COLUMN. A file whose content
// (hash of the decompressed bytes) is already in the dataset is refused unless --replace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/formats/source_table.h"
#include "refdata/reference.h"
#include "store/manifest.h"

namespace tradestat::ingest {

struct LoadOptions {
  std::string store_path;
  std::string dataset;
  std::vector<std::string> files;  // "-" = standard input; .gz / .zst recognised by content
  bool replace = false;            // replace the periods present in the input (a revision)
  bool append = false;    // add records to periods that already hold data (declaration batches)
  bool dry_run = false;   // validate only
  bool progress = false;  // progress line on stderr
  size_t max_problems = 20;
  InputFormat format = InputFormat::kAuto;  // auto: detected from each file's header
  FormatOptions format_options;             // --flow / --period for files that lack them
  std::string format_error;  // set by the CLI for an unknown --format (reported first)
  /// --money-scale N: decimals of the money values of a new dataset (0..6). -1: a new dataset takes
  /// the most decimals any value of its first load has (at least 2); an existing dataset keeps
  /// the scale of its first load, and values with more decimals are refused.
  int money_scale = -1;

  core::Status Validate() const;
};

struct LoadReport {
  uint64_t rows = 0;
  uint64_t bytes = 0;  // decompressed input bytes
  double seconds = 0;
  uint32_t vintage = 0;  // committed vintage (or the one it would be, for a dry run)
  std::vector<store::LoadedFile> files;
  std::vector<std::string> periods;  // distinct periods in the input, ascending
  std::vector<std::string> currencies;
  int money_scale = 2;  // decimals of the dataset's stored money values
  /// Aggregate rows whose parts do not add up ("FILE:LINE: ..."), and other notes; the load
  /// still commits (the parts are what is counted).
  std::vector<std::string> warnings;
};

core::Result<LoadReport> LoadFiles(const LoadOptions& options, const refdata::Reference& reference);

}  // namespace tradestat::ingest
