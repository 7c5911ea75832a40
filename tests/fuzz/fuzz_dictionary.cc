// tests/fuzz/fuzz_dictionary.cc: store::DecodeDictionary on arbitrary bytes; an accepted
// dictionary encodes back to the same bytes.
#include <cstdlib>
#include <string_view>

#include "store/segment_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto values = tradestat::store::DecodeDictionary(text, "dict.tsd");
  if (values.ok() && tradestat::store::EncodeDictionary(*values) != text) std::abort();
  return 0;
}
