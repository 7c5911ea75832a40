// tests/fuzz/fuzz_spec.cc: bulletin::BulletinSpec::Parse (the TOML bulletin spec) on arbitrary
// text.
#include <cstdint>
#include <string_view>

#include "bulletin/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto spec = tradestat::bulletin::BulletinSpec::Parse(text, "spec.toml");
  (void)spec;
  return 0;
}
