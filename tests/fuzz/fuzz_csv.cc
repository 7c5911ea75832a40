// tests/fuzz/fuzz_csv.cc: the canonical CSV reader and row converter on arbitrary file bytes
// (ingest_fuzz.h).
#include "ingest_fuzz.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tradestat::fuzz::SetUpReaderFuzzing();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tradestat::fuzz::RunReader(tradestat::ingest::InputFormat::kCanonical, data, size);
  return 0;
}
