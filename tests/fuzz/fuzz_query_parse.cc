// tests/fuzz/fuzz_query_parse.cc: query::ParseRequest (the --where / --by / --period / --sort
// ... parsers) on arbitrary option texts. Each input line is one option: "w:" --where, "b:" --by,
// "p:" --period, "c:" --compare, "s:" --sort, "u:" --units, "f:" --flow, "m:" --benchmark,
// "r:" --reporter, "l:" --lang; other lines alternate between --where and --by.
#include <cstdint>
#include <string>
#include <string_view>

#include "query/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tradestat::query::QueryRequest;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  QueryRequest request;
  request.period = "2023-06";
  bool where_next = true;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string line(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::string value = line.size() >= 2 && line[1] == ':' ? line.substr(2) : line;
    switch (line.size() >= 2 && line[1] == ':' ? line[0] : '?') {
      case 'w': request.where.push_back(value); break;
      case 'b': request.by.push_back(value); break;
      case 'p': request.period = value; break;
      case 'c': request.compare = value; break;
      case 's': request.sort = value; break;
      case 'u': request.units.push_back(value); break;
      case 'f': request.flow = value; break;
      case 'm': request.benchmark = value; break;
      case 'r': request.reporter = value; break;
      case 'l': request.lang = value; break;
      default: (where_next ? request.where : request.by).push_back(value); where_next = !where_next;
    }
  }
  auto parsed = tradestat::query::ParseRequest(request);
  (void)parsed;
  return 0;
}
