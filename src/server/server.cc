// server/server.cc: routes of `tradestat serve` over cpp-httplib.
#include "server/server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "query/json.h"
#include "report/display_json.h"
#include "report/table.h"
#include "server/assets.h"
#include "server/connection_guard.h"
#include "server/query_runner.h"
#include "server/ref_json.h"
#include "server/response_cache.h"
#include "server/store_info.h"

namespace tradestat::server {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void SendError(httplib::Response& res, const HttpError& e) {
  res.status = e.http_status;
  res.set_content(ErrorJson(e), kJson);
}

// Parameters in the order the client wrote them (httplib's map sorts them by name, and the order
// of where= filters across aliases such as partnerCode and cmdCode shows in the result).
ParamList Params(const httplib::Request& req) { return ParseQueryString(req.target); }

std::string SafeFilePart(const std::string& s) {
  std::string out;
  for (char c : s)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return out.empty() ? "all" : out;
}

const char* kNotBuiltPage =
    "<!doctype html><meta charset=utf-8><title>tradestat</title><link rel=icon href=\"data:,\">"
    "<h1>tradestat serve</h1><p>This binary was built without the dashboard (npm was not found "
    "at build time). The API works: <a href=\"/api/v1/info\">/api/v1/info</a>.</p>";

}  // namespace

core::Status ServerOptions::Validate() const {
  if (port < 0 || port > 65535)
    return core::Status::InvalidArgument(fmt::format("--port: {}; accepted: 0..65535", port));
  if (host.empty()) return core::Status::InvalidArgument("--host: empty; e.g. 127.0.0.1");
  if (http_threads < 1) return core::Status::InvalidArgument("--http-threads: must be >= 1");
  if (max_result_rows < 1) return core::Status::InvalidArgument("--max-rows: must be >= 1");
  if (query_timeout.count() < 1)
    return core::Status::InvalidArgument("--query-timeout-ms: must be >= 1");
  if (header_timeout.count() < 1)
    return core::Status::InvalidArgument("--header-timeout-ms: must be >= 1");
  return core::Status::Ok();
}

struct Server::Impl {
  ServerOptions options;
  StoreHolder holder;
  QueryRunner runner;
  ResponseCache cache;
  std::unique_ptr<httplib::Server>
      http_owner;  // connection_guard.h: headers complete before a worker
  httplib::Server& http;
  int port = 0;
  int listen_fd = -1;  // the listening socket, captured from httplib to raise its backlog

  Impl(const std::string& path, ServerOptions o, QueryLimits limits)
      : options(std::move(o)),
        holder(path, options.load_reference),
        runner(limits),
        cache(options.cache_entries, options.cache_bytes),
        http_owner(MakeGuardedServer(
            ConnectionLimits{options.header_timeout, 16384, options.http_threads, 4096})),
        http(*http_owner) {}

  // Returns false (and answers) when the store cannot be read.
  bool Version(httplib::Response& res, std::shared_ptr<const StoreVersion>& out) {
    auto v = holder.Current();
    if (!v.ok()) {
      SendError(res, FromStatus(v.status()));
      return false;
    }
    out = *v;
    res.set_header("X-Tradestat-Store-Version", std::to_string(out->generation));
    return true;
  }

  // Shared by /query and /export: parse, run, or answer the error. Returns false if answered.
  // With `cache_key`, a cached body for the same version and query string is returned in
  // `cached` instead of running the query.
  bool RunQuery(const httplib::Request& req, httplib::Response& res,
                const std::set<std::string>& extra,
                std::map<std::string, std::string>& extra_values, query::QueryResult& out,
                std::string* cache_key = nullptr,
                std::shared_ptr<const std::string>* cached = nullptr) {
    query::QueryRequest request;
    HttpError error;
    if (!ParseQueryParams(Params(req), extra, request, extra_values, error)) {
      SendError(res, error);
      return false;
    }
    std::shared_ptr<const StoreVersion> version;
    if (!Version(res, version)) return false;
    if (cache_key) {
      *cache_key = fmt::format("{}\n{}", version->generation, req.target);
      *cached = cache.Get(*cache_key);
      res.set_header("X-Tradestat-Cache", *cached ? "hit" : "miss");
      if (*cached) return true;
    }
    auto r = runner.Run(request, std::move(version));
    if (auto* e = std::get_if<HttpError>(&r)) {
      SendError(res, *e);
      return false;
    }
    out = std::move(std::get<query::QueryResult>(r));
    return true;
  }

  void Query(const httplib::Request& req, httplib::Response& res) {
    std::map<std::string, std::string> extra;
    query::QueryResult result;
    std::string key;
    std::shared_ptr<const std::string> cached;
    // display=true adds the display module's text (report/display_json.h, `query --display`).
    for (const auto& [k, v] : Params(req))
      if (k == "display" && v != "true" && v != "false")
        return SendError(res,
                         BadParameter("display", fmt::format("\"{}\"; accepted: true, false", v)));
    if (!RunQuery(req, res, {"display"}, extra, result, &key, &cached)) return;
    if (cached) return res.set_content(*cached, kJson);
    std::string body =
        extra["display"] == "true" ? report::ToJsonWithDisplay(result) : query::ToJson(result);
    cache.Put(key, body);
    res.set_content(std::move(body), kJson);
  }

  void Export(const httplib::Request& req, httplib::Response& res) {
    std::map<std::string, std::string> extra;
    query::QueryResult result;
    // Check the format first so a bad one is reported without running the query.
    bool has_format = false;
    for (const auto& [k, v] : Params(req)) {
      if (k != "format") continue;
      has_format = true;
      if (v != "csv" && v != "xlsx")
        return SendError(res,
                         BadParameter("format", fmt::format("\"{}\"; accepted: csv, xlsx", v)));
    }
    if (!has_format) return SendError(res, BadParameter("format", "required; accepted: csv, xlsx"));
    if (!RunQuery(req, res, {"format"}, extra, result)) return;
    std::string name = fmt::format(
        "tradestat-{}-{}", SafeFilePart(result.period.label),
        SafeFilePart(result.by.empty() ? "total" : fmt::format("{}", fmt::join(result.by, "-"))));
    if (extra["format"] == "csv") {
      res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}.csv\"", name));
      res.set_content(report::RenderCsv(result), "text/csv; charset=utf-8");
      return;
    }
    auto bytes = report::XlsxBytes(result);  // a private temp directory per request
    if (!bytes.ok()) return SendError(res, FromStatus(bytes.status()));
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}.xlsx\"", name));
    res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }

  void Bulletin(const httplib::Request& req, httplib::Response& res) {
    BulletinParams params;
    HttpError error;
    if (!ParseBulletinParams(Params(req), params, error)) return SendError(res, error);
    if (!options.bulletin)
      return SendError(
          res, HttpError{501, "unsupported", "", "bulletin: this build has no bulletin module"});
    std::shared_ptr<const StoreVersion> version;
    if (!Version(res, version)) return;
    const char* type = params.format == "html" ? "text/html; charset=utf-8"
                       : params.format == "md" ? "text/markdown; charset=utf-8"
                                               : kJson;
    std::string key = fmt::format("{}\n{}", version->generation, req.target);
    if (auto hit = cache.Get(key)) {
      res.set_header("X-Tradestat-Cache", "hit");
      return res.set_content(*hit, type);
    }
    core::Result<std::string> text = options.bulletin(*version, params);
    if (!text.ok()) return SendError(res, FromStatus(text.status()));
    cache.Put(key, *text);
    res.set_header("X-Tradestat-Cache", "miss");
    res.set_content(std::move(*text), type);
  }

  void Info(const httplib::Request& req, httplib::Response& res) {
    std::map<std::string, std::string> values;
    HttpError error;
    if (!ParseSimpleParams(Params(req), {}, values, error)) return SendError(res, error);
    std::shared_ptr<const StoreVersion> version;
    if (!Version(res, version)) return;
    res.set_content(version->info_json, kJson);
  }

  void Ref(const httplib::Request& req, httplib::Response& res) {
    std::map<std::string, std::string> values;
    HttpError error;
    if (!ParseSimpleParams(Params(req), {"search", "at", "edition", "parent"}, values, error))
      return SendError(res, error);
    std::shared_ptr<const StoreVersion> version;
    if (!Version(res, version)) return;
    auto text = RefJson(*version->reference, req.matches[1].str(), values);
    if (!text.ok()) return SendError(res, FromStatus(text.status()));
    res.set_header("Cache-Control", "max-age=60");
    res.set_content(*text, kJson);
  }

  void Static(const httplib::Request& req, httplib::Response& res) {
    std::string path = req.path == "/" ? "/index.html" : req.path;
    if (path == "/index.html" && !DashboardBuilt())
      return res.set_content(kNotBuiltPage, "text/html; charset=utf-8");
    const Asset* asset = FindAsset(path);
    if (!asset) {
      return SendError(
          res, HttpError{404, "not_found", "",
                         fmt::format("{}: no such page; the API is under /api/v1/", req.path)});
    }
    res.set_header("Cache-Control", path == "/index.html" ? "no-cache" : "max-age=3600");
    res.set_header("X-Content-Type-Options", "nosniff");
    // The dashboard loads only its own files (no inline script, no third-party origin).
    res.set_header(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
        "data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    res.set_content(asset->data.data(), asset->data.size(),
                    std::string(asset->content_type).c_str());
  }

  void Routes() {
    using Handler = void (Impl::*)(const httplib::Request&, httplib::Response&);
    auto bind = [this](Handler h) {
      return [this, h](const httplib::Request& req, httplib::Response& res) {
        if (req.target.size() > options.max_request_bytes) {
          return SendError(
              res,
              HttpError{414, "uri_too_long", "",
                        fmt::format("the request is longer than this server's limit of {} bytes",
                                    options.max_request_bytes)});
        }
        (this->*h)(req, res);
      };
    };
    http.Get("/api/v1/query", bind(&Impl::Query));
    http.Get("/api/v1/export", bind(&Impl::Export));
    http.Get("/api/v1/bulletin", bind(&Impl::Bulletin));
    http.Get("/api/v1/info", bind(&Impl::Info));
    http.Get(R"(/api/v1/ref/([A-Za-z_-]+))", bind(&Impl::Ref));
    http.Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
      SendError(res, HttpError{404, "not_found", "",
                               fmt::format(
                                   "{}: no such endpoint; accepted: /api/v1/query, /api/v1/export, "
                                   "/api/v1/bulletin, /api/v1/info, /api/v1/ref/KIND",
                                   req.path)});
    });
    http.Get(R"(/.*)", bind(&Impl::Static));
    auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Allow", "GET, HEAD");
      SendError(res, HttpError{405, "method_not_allowed", "",
                               fmt::format("{}: the API is read-only; use GET", req.method)});
    };
    http.Post(R"(/.*)", not_allowed);
    http.Put(R"(/.*)", not_allowed);
    http.Delete(R"(/.*)", not_allowed);
    http.Patch(R"(/.*)", not_allowed);
    // cpp-httplib prefers brotli at its slowest quality (seconds for the 1 MB echarts build);
    // offer it gzip only, which is ~50x faster. The request object is ours and not const.
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      RequestStarted();  // the header deadline is off while the request is handled
      if (!HostAllowed(req.get_header_value("Host"), options.allow_hosts)) {
        SendError(
            res,
            HttpError{
                421, "host_not_allowed", "",
                fmt::format("Host '{}' is not served here; start the server with --allow-host {} "
                            "to accept that name",
                            Excerpt(req.get_header_value("Host")),
                            Excerpt(HostName(req.get_header_value("Host"))))});
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.has_header("Range")) {
        const std::string range = req.get_header_value("Range");
        size_t ranges = 1 + static_cast<size_t>(std::count(range.begin(), range.end(), ','));
        if (ranges > options.max_ranges) {
          const_cast<httplib::Request&>(req)
              .ranges.clear();  // parsed already: answer the error whole
          SendError(res,
                    HttpError{416, "too_many_ranges", "",
                              fmt::format(
                                  "a Range header may ask for at most {} byte range{} ({} given)",
                                  options.max_ranges, options.max_ranges == 1 ? "" : "s", ranges)});
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      auto& headers = const_cast<httplib::Request&>(req).headers;  // case-insensitive map
      auto it = headers.find("Accept-Encoding");
      if (it != headers.end() && it->second.find("br") != std::string::npos) {
        bool gzip = it->second.find("gzip") != std::string::npos;
        headers.erase(it);
        if (gzip) headers.emplace("Accept-Encoding", "gzip");
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown exception";
          try {
            if (ep) std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          SendError(res, HttpError{500, "internal", "", "internal error: " + what});
        });
    // Errors httplib produces itself (400 bad request line, 413, 414...) get a JSON body too.
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& res) -> httplib::Server::HandlerResponse {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          SendError(res,
                    HttpError{res.status, "http_error", "", fmt::format("HTTP {}", res.status)});
          return httplib::Server::HandlerResponse::Handled;
        }));
    // The logger runs after each response is written: the next request's header deadline starts.
    http.set_logger(
        [log = options.log_requests](const httplib::Request& req, const httplib::Response& res) {
          RequestFinished();
          if (log)
            std::fprintf(stderr, "%s %s %d %zu\n", req.method.c_str(), req.target.c_str(),
                         res.status, res.body.size());
        });
    // Accepted sockets only pass through httplib's own queue to be parked (connection_guard.h);
    // the guarded server's workers (http_threads) serve them once their header is in.
    http.new_task_queue = [] { return new httplib::ThreadPool(2); };
    http.set_payload_max_length(options.max_request_bytes);
    http.set_keep_alive_max_count(1000);
    http.set_keep_alive_timeout(5);
    // Responses go out as headers + body writes: without TCP_NODELAY (inherited by accepted
    // sockets) Nagle and delayed ACKs add 40 ms to every keep-alive response.
    http.set_tcp_nodelay(true);
    http.set_socket_options([this](int sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listen_fd = sock;
    });
    http.set_read_timeout(10);
    http.set_write_timeout(30);
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

core::Result<std::unique_ptr<Server>> Server::Start(const std::string& store_path,
                                                    ServerOptions options) {
  TRADESTAT_RETURN_IF_ERROR(options.Validate());
  QueryLimits limits;
  limits.max_running =
      options.max_running_queries > 0
          ? options.max_running_queries
          : 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  limits.query_threads = options.query_threads;
  limits.timeout = options.query_timeout;
  limits.queue_timeout = options.queue_timeout;
  limits.max_rows = options.max_result_rows;
  limits.max_cells = options.max_query_cells;
  limits.max_bytes = options.max_query_bytes;
  auto impl = std::make_unique<Impl>(store_path, std::move(options), limits);
  // Fail early on a store that cannot be opened, instead of on the first request.
  TRADESTAT_RETURN_IF_ERROR(impl->holder.Current().status());
  impl->Routes();
  const ServerOptions& o = impl->options;
  if (o.port == 0) {
    impl->port = impl->http.bind_to_any_port(o.host);
  } else if (impl->http.bind_to_port(o.host, o.port)) {
    impl->port = o.port;
  } else {
    impl->port = -1;
  }
  if (impl->port <= 0)
    return core::Status::Io(
        fmt::format("cannot listen on {}:{} (address in use or not local?)", o.host, o.port));
  // Debian's compiled cpp-httplib listens with a backlog of 5: a burst of new connections (a
  // dashboard opening, 64 clients at once) overflows it and waits for SYN retransmits, 1-3 s.
  // Listening again on the bound socket raises the backlog (Linux updates it in place).
  if (impl->listen_fd >= 0) ::listen(impl->listen_fd, SOMAXCONN);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

core::Status Server::Run() {
  if (!impl_->http.listen_after_bind())
    return core::Status::Io("the HTTP server stopped with an error");
  return core::Status::Ok();
}

void Server::Stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace tradestat::server
