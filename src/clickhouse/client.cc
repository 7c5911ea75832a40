// clickhouse/client.cc: HTTP requests to one ClickHouse server.
#include "clickhouse/client.h"

#include <httplib.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace tradestat::clickhouse {
namespace {

std::string UrlEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

core::Result<std::string> Client::Post(const std::string& url_query,
                                       const std::string& body) const {
  httplib::Client http(endpoint_.host, endpoint_.port);
  http.set_connection_timeout(5, 0);
  http.set_read_timeout(3600, 0);
  http.set_write_timeout(600, 0);
  // Literal membership arrays can be long; a query may be large.
  std::string path = "/?max_query_size=268435456&" + url_query;
  if (!user_.empty()) path += "&user=" + UrlEncode(user_);
  if (!password_.empty()) path += "&password=" + UrlEncode(password_);
  auto res = http.Post(path, body, "text/plain; charset=UTF-8");
  if (!res)
    return core::Status::Io(
        fmt::format("ClickHouse server {} is unreachable ({}); start it or fix the store URL",
                    endpoint_.ToString(), httplib::to_string(res.error())));
  if (res->status != 200) {
    std::string msg = res->body.substr(0, 1500);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return core::Status::Io(fmt::format("ClickHouse server {} answered HTTP {}: {}",
                                        endpoint_.ToString(), res->status, msg));
  }
  return std::move(res->body);
}

core::Result<std::string> Client::Query(const std::string& sql) const {
  // TRADESTAT_SQL_LOG=FILE appends every statement sent (bench/clickhouse_bench.py shows them).
  if (const char* log = std::getenv("TRADESTAT_SQL_LOG"); log != nullptr && *log != '\0') {
    if (std::FILE* f = std::fopen(log, "a")) {
      std::fprintf(f, "-- %s\n%s;\n", endpoint_.ToString().c_str(), sql.c_str());
      std::fclose(f);
    }
  }
  return Post("", sql);
}

core::Status Client::Insert(const std::string& insert_sql, const std::string& rows) const {
  auto r = Post("query=" + UrlEncode(insert_sql), rows);
  return r.ok() ? core::Status::Ok() : r.status();
}

std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

void AppendTsvField(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      case '\0': out += "\\0"; break;
      default: out += c;
    }
  }
}

std::string UnescapeTsv(std::string_view f) {
  std::string out;
  out.reserve(f.size());
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '\\' || i + 1 == f.size()) {
      out += f[i];
      continue;
    }
    char c = f[++i];
    switch (c) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      default: out += c;
    }
  }
  return out;
}

std::vector<std::vector<std::string_view>> SplitTsv(std::string_view body) {
  std::vector<std::vector<std::string_view>> rows;
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    std::vector<std::string_view> fields;
    while (true) {
      size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace tradestat::clickhouse
