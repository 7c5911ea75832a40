// tests/fuzz/ingest_fuzz.h: shared body of the reader fuzz targets: bytes -> InputFile ->
// CsvReader -> a format reader (or the canonical header binding) -> RowConverter, as the loader
// runs them but without a store. Problems are fine; crashes, UB and leaks are not.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "ingest/canonical_schema.h"
#include "ingest/csv_reader.h"
#include "ingest/formats/source_table.h"
#include "ingest/input_file.h"
#include "ingest/row_converter.h"
#include "refdata/reference.h"
#include "store/dictionary.h"
#include "store/row_batch.h"

namespace tradestat::fuzz {

// The input goes through a memory file so InputFile (which opens paths) reads it as a user's file.
inline std::string WriteInput(const uint8_t* data, size_t size) {
  static int fd = ::memfd_create("fuzz-input", 0);
  if (fd < 0 || ::ftruncate(fd, 0) != 0) std::abort();
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) std::abort();
    done += static_cast<size_t>(n);
  }
  return "/proc/self/fd/" + std::to_string(fd);
}

// One-time set-up, from each target's LLVMFuzzerInitialize: the built-in reference data is parsed
// here, once, not inside the first run (Reference::Builtin() keeps it for the process).
inline void SetUpReaderFuzzing() { (void)refdata::Reference::Builtin(); }

// The reader's starting block. Loads use 1 MiB; under ASan every allocation over 128 KiB is a
// fresh mmap that is faulted in, zeroed and quarantined, which made that block two thirds of a
// run's time. 4 KiB stays in ASan's primary allocator, and inputs longer than a block (up to
// -max_len) go through the refill and grow paths, which the fuzzer should reach anyway.
inline constexpr size_t kFuzzBlockBytes = 4096;

inline void RunReader(ingest::InputFormat format, const uint8_t* data, size_t size) {
  using namespace tradestat::ingest;
  const refdata::Reference& reference = refdata::Reference::Builtin();
  auto input = InputFile::Open(WriteInput(data, size));
  if (!input.ok()) return;
  CsvReader reader(input->get(), ',', kFuzzBlockBytes);
  std::vector<std::string_view> fields;
  auto has_header = reader.Next(&fields);
  if (!has_header.ok() || !*has_header) return;

  std::vector<store::Dictionary> dicts(store::kDimCount);
  std::vector<store::Dictionary*> dict_ptrs;
  for (auto& d : dicts) dict_ptrs.push_back(&d);
  RowConverter converter(reference, dict_ptrs);
  ProblemList problems(5);
  store::RowBatch batch;
  const std::string file = "input.csv";

  if (format == InputFormat::kCanonical) {
    auto binding = BindCanonicalHeader(fields, file);
    if (!binding.ok()) return;
    converter.BeginFile(file, *binding);
    for (int rows = 0; rows < 100000; ++rows) {
      auto more = reader.Next(&fields);
      if (!more.ok() || !*more) break;
      for (size_t i = 0; i < fields.size(); ++i) (void)reader.column_of(i);
      converter.Convert(
          fields, reader.line(), [&](size_t i) { return reader.column_of(i); }, &batch, &problems);
    }
    (void)problems.Format();
    return;
  }
  SourceTable table;
  table.file = file;
  std::vector<std::string> header_copy(fields.begin(), fields.end());
  std::vector<std::string_view> header(header_copy.begin(), header_copy.end());
  FormatOptions options;
  options.flow = "X";
  options.period = "2023-06";
  auto status = format == InputFormat::kComtrade
                    ? ReadComtrade(reader, header, file, options, reference, &table, &problems)
                    : ReadCnCustoms(reader, header, file, options, reference, &table, &problems);
  if (!status.ok()) return;
  ClassifyAggregates(&table);
  converter.BeginFile(file, table.Binding());
  std::vector<std::string_view> slots(kSlotCount + table.currencies.size());
  for (const SourceRow& row : table.rows) {
    if (!IsStored(row.role)) continue;
    if (row.value.size() != table.currencies.size()) std::abort();
    for (int i = 0; i < kSlotCount; ++i) slots[i] = row.field[i];
    for (size_t c = 0; c < row.value.size(); ++c) slots[kSlotCount + c] = row.value[c];
    converter.Convert(
        slots, row.line,
        [&](size_t i) -> uint64_t {
          return i < static_cast<size_t>(kSlotCount) ? row.column[i]
                                                     : row.value_column[i - kSlotCount];
        },
        &batch, &problems);
  }
  (void)table.Counts();
  (void)problems.Format();
}

}  // namespace tradestat::fuzz
