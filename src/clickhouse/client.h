// clickhouse/client.h: SQL over ClickHouse's HTTP interface (cpp-httplib), and TSV helpers.
//
// One Client per server. Query() POSTs the SQL as the body; Insert() sends the SQL in the URL and
// the rows (TabSeparated) as the body. Every error names the server (host:port) and says what
// the server answered, so a shard that is down is named.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "clickhouse/url.h"
#include "core/status.h"

namespace tradestat::clickhouse {

class Client {
 public:
  Client(Endpoint endpoint, std::string user, std::string password)
      : endpoint_(std::move(endpoint)), user_(std::move(user)), password_(std::move(password)) {}
  const Endpoint& endpoint() const { return endpoint_; }
  /// Runs `sql`; returns the response body (the rows in the format the SQL asks for).
  core::Result<std::string> Query(const std::string& sql) const;
  /// Runs `insert_sql` ("INSERT INTO t (cols) FORMAT TabSeparated") with `rows` as data.
  core::Status Insert(const std::string& insert_sql, const std::string& rows) const;

 private:
  core::Result<std::string> Post(const std::string& url_query, const std::string& body) const;
  Endpoint endpoint_;
  std::string user_, password_;
};

/// SQL string literal: 'text' with \ and ' escaped.
std::string Quote(std::string_view text);
/// TabSeparated field escaping / unescaping (\t \n \\ and friends).
void AppendTsvField(std::string& out, std::string_view text);
std::string UnescapeTsv(std::string_view field);
/// Lines of a TabSeparated body split into fields (escaped form).
std::vector<std::vector<std::string_view>> SplitTsv(std::string_view body);

}  // namespace tradestat::clickhouse
