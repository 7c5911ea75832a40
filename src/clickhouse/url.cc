// clickhouse/url.cc: parsing clickhouse:// store URLs.
#include "clickhouse/url.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace tradestat::clickhouse {
namespace {

constexpr std::string_view kScheme = "clickhouse://";

core::Result<Endpoint> ParseEndpoint(std::string_view s, const std::string& url) {
  Endpoint e;
  size_t colon = s.rfind(':');
  std::string_view port =
      colon == std::string_view::npos ? std::string_view() : s.substr(colon + 1);
  e.host = std::string(colon == std::string_view::npos ? s : s.substr(0, colon));
  if (e.host.empty())
    return core::Status::InvalidArgument(
        fmt::format("store URL {}: a host is missing (clickhouse://HOST:PORT/DATABASE)", url));
  if (!port.empty()) {
    if (!core::IsDigits(port) || port.size() > 5)
      return core::Status::InvalidArgument(
          fmt::format("store URL {}: port \"{}\" is not a number", url, port));
    e.port = std::stoi(std::string(port));
  }
  return e;
}

bool ValidIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

bool IsClickHouseUrl(const std::string& store) { return store.rfind(kScheme, 0) == 0; }

core::Result<StoreUrl> ParseStoreUrl(const std::string& text) {
  if (!IsClickHouseUrl(text))
    return core::Status::InvalidArgument(
        fmt::format("store URL {}: expected clickhouse://HOST:PORT/DATABASE", text));
  StoreUrl u;
  u.text = text;
  std::string_view rest = std::string_view(text).substr(kScheme.size());
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos)
    return core::Status::InvalidArgument(fmt::format(
        "store URL {}: the database is missing (clickhouse://HOST:PORT/DATABASE)", text));
  TRADESTAT_ASSIGN_OR_RETURN(u.coordinator, ParseEndpoint(rest.substr(0, slash), text));
  u.database = std::string(rest.substr(slash + 1));
  if (!ValidIdentifier(u.database))
    return core::Status::InvalidArgument(fmt::format(
        "store URL {}: database \"{}\" must be letters, digits and _", text, u.database));
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    size_t eq = kv.find('=');
    std::string_view k = kv.substr(0, eq);
    std::string v = eq == std::string_view::npos ? std::string() : std::string(kv.substr(eq + 1));
    if (k == "cluster") {
      if (!ValidIdentifier(v))
        return core::Status::InvalidArgument(
            fmt::format("store URL {}: cluster \"{}\" must be letters, digits and _", text, v));
      u.cluster = v;
    } else if (k == "shards") {
      std::string_view list = v;
      while (!list.empty()) {
        size_t comma = list.find(',');
        TRADESTAT_ASSIGN_OR_RETURN(Endpoint e, ParseEndpoint(list.substr(0, comma), text));
        u.shards.push_back(e);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
      }
    } else if (k == "user") {
      u.user = v;
    } else if (k == "password") {
      u.password = v;
    } else {
      return core::Status::InvalidArgument(fmt::format(
          "store URL {}: unknown parameter \"{}\"; accepted: cluster, shards, user, password", text,
          k));
    }
  }
  if (!u.cluster.empty() && u.shards.empty())
    return core::Status::InvalidArgument(
        fmt::format("store URL {}: with cluster=, list every shard's HTTP endpoint: "
                    "&shards=HOST:PORT,HOST:PORT",
                    text));
  if (u.cluster.empty()) u.shards = {u.coordinator};
  return u;
}

}  // namespace tradestat::clickhouse
