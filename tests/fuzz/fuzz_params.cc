// tests/fuzz/fuzz_params.cc: the HTTP parameter parser (server/params.h) on arbitrary request
// targets: ParseQueryString, then the query, bulletin and simple parameter checks, the Host
// check and Excerpt, whose result must stay short and never split a UTF-8 sequence it kept.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "query/parse.h"
#include "server/params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradestat::server;
  std::string target = "/api/v1/query?";
  target.append(reinterpret_cast<const char*>(data), size);
  ParamList params = ParseQueryString(target);

  tradestat::query::QueryRequest request;
  std::map<std::string, std::string> extra;
  HttpError error;
  if (ParseQueryParams(params, {"format"}, request, extra, error))
    (void)tradestat::query::ParseRequest(request);
  BulletinParams bulletin;
  (void)ParseBulletinParams(params, bulletin, error);
  std::map<std::string, std::string> simple;
  (void)ParseSimpleParams(params, {"search", "at"}, simple, error);

  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)HostAllowed(text, {"example.org"});
  (void)HostName(text);
  std::string cut = Excerpt(text, 16);
  if (cut.size() > 16 + 3) std::abort();
  return 0;
}
