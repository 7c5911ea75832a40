// server/server.h: `tradestat serve`: the read-only HTTP API and the dashboard (docs/server.md).
//
//   GET /api/v1/query?period=2023H1&by=partner&top=10   the JSON of `tradestat query --format json`
//   GET /api/v1/export?...&format=csv|xlsx              the same result as a download
//   GET /api/v1/bulletin?period=2023H1&format=json|html|md
//   GET /api/v1/info                                     `tradestat info --json`
//   GET /api/v1/ref/{countries,groups,regions,hs,categories,modes}
//   GET /  and the dashboard's files (embedded, assets.h)
//
// Every request is answered from one StoreVersion (store_state.h): a load that commits while the
// server runs is picked up by the next request, never half-way through one. Requests run on a
// thread pool; queries run under a limit on concurrent executions, a time limit and a row limit
// (ServerOptions); identical requests on one store version are answered from a response
// cache (response_cache.h). Errors are JSON with a 4xx/5xx status (http_status.h). Exceptions from
// libraries are caught here, at the HTTP edge, and become a 500 JSON error.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/params.h"
#include "server/store_state.h"

namespace tradestat::server {

/// Renders the bulletin for one store version; wired by the CLI once the bulletin module exists.
using BulletinRenderer = std::function<core::Result<std::string>(const StoreVersion& version,
                                                                 const BulletinParams& params)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;              // 0 = any free port (see Server::port())
  int http_threads = 96;        // requests served at once (a kept-alive connection holds a thread)
  int max_running_queries = 0;  // queries executing at once; 0 = 2 x cores
  int query_threads = 1;        // cores one query may use (ExecuteOptions::threads)
  std::chrono::milliseconds query_timeout{10000};  // 503 when a query needs longer
  std::chrono::milliseconds queue_timeout{5000};   // 503 when no query slot frees up in time
  /// A client must send its whole request header within this time of connecting (or of the
  /// previous response on a kept-alive connection), else 408 and closed; a connection gets an
  /// HTTP thread only once its header has arrived, so slow clients cannot hold them all.
  std::chrono::milliseconds header_timeout{10000};
  size_t max_result_rows = 100000;  // larger results are refused (400 naming `top`)
  uint64_t max_query_cells =
      4000000;  // cells a query's cube may hold while it is built (422 beyond; 0 = no limit)
  uint64_t max_query_bytes =
      uint64_t{512}
      << 20;  // estimated memory of a query's cube and rows (422 beyond; 0 = no limit)
  size_t max_request_bytes = 8192;  // request target (path + query string) and body
  size_t cache_entries = 1024;      // responses kept per store version (0 = no cache)
  size_t cache_bytes = 64 << 20;    // and their total size
  bool log_requests = false;        // one line per request on stderr
  /// Host header names accepted besides IP literals and "localhost" (DNS-rebinding defence):
  /// a request whose Host is another name is refused with 421.
  std::vector<std::string> allow_hosts;
  size_t max_ranges = 1;           // byte ranges per request (a Range of more is refused, 416)
  ReferenceLoader load_reference;  // default: the built-in reference data
  BulletinRenderer bulletin;       // empty: /api/v1/bulletin answers 501

  static ServerOptions Defaults() { return ServerOptions(); }
  core::Status Validate() const;
};

class Server {
 public:
  /// Open the store (NotFound/Corruption if it cannot be read) and bind the socket
  /// (Io if the address is taken). REQUIRES: options.Validate().ok().
  static core::Result<std::unique_ptr<Server>> Start(const std::string& store_path,
                                                     ServerOptions options);
  ~Server();

  /// The bound port (useful with port 0).
  int port() const;
  /// Serve until Stop() is called (from another thread or a signal handler's thread).
  core::Status Run();
  /// Stop accepting, finish the requests in progress. Thread-safe, idempotent.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradestat::server
