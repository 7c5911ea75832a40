// tests/fuzz/fuzz_period.cc: core::Period::Parse on arbitrary text; a parsed period round-trips.
#include <cstdlib>
#include <string_view>

#include "core/period.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto p = tradestat::core::Period::Parse(text);
  if (p.ok()) {
    auto again = tradestat::core::Period::Parse(p->ToString());
    if (!again.ok() || *again != *p) std::abort();
  }
  return 0;
}
