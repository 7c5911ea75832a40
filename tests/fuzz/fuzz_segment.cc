// tests/fuzz/fuzz_segment.cc: store::DecodeSegmentHeader on arbitrary bytes; every column of an
// accepted header lies inside the file (read it whole, as a scan would).
#include <cstdlib>
#include <string>

#include "core/hash.h"
#include "store/segment_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string file(reinterpret_cast<const char*>(data), size);  // own copy: ASan sees its bounds
  auto h = tradestat::store::DecodeSegmentHeader(file, "seg.tsg");
  if (h.ok()) {
    for (const auto& c : h->columns) {
      if (c.offset + c.length > file.size()) std::abort();
      (void)tradestat::core::Hash64(file.data() + c.offset, c.length);
    }
  }
  return 0;
}
