// tests/fuzz/fuzz_manifest.cc: store::ParseManifest on arbitrary bytes; a parsed manifest
// serialises and parses back to the same text.
#include <cstdlib>
#include <string_view>

#include "store/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = tradestat::store::ParseManifest(text, "MANIFEST");
  if (m.ok()) {
    std::string once = tradestat::store::SerializeManifest(*m);
    auto back = tradestat::store::ParseManifest(once, "MANIFEST");
    if (!back.ok() || tradestat::store::SerializeManifest(*back) != once) std::abort();
  }
  return 0;
}
