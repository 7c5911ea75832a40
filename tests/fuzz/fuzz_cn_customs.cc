// tests/fuzz/fuzz_cn_customs.cc: the China customs reader on arbitrary file bytes (ingest_fuzz.h).
#include "ingest_fuzz.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tradestat::fuzz::SetUpReaderFuzzing();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tradestat::fuzz::RunReader(tradestat::ingest::InputFormat::kCnCustoms, data, size);
  return 0;
}
