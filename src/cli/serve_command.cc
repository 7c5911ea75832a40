// cli/serve_command.cc: `tradestat serve STORE [--host 127.0.0.1] [--port 8080]` (docs/server.md).
//
// A thin shell over server::Server: options become ServerOptions, the store's reference data is
// loaded the way every command loads it (store_reference.h), and SIGINT/SIGTERM stop the server
// cleanly. Prints one line "tradestat serve: http://HOST:PORT/" once it accepts connections
// (tests start it with --port 0 and read the port from that line).
#include <csignal>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

#include "bulletin/bulletin.h"
#include "cli/cli.h"
#include "cli/store_reference.h"
#include "clickhouse/url.h"
#include "server/server.h"

namespace tradestat::cli {
namespace {

struct ServeOptions {
  std::string store_path;
  server::ServerOptions server = server::ServerOptions::Defaults();
  int query_timeout_ms = 10000;
  int header_timeout_ms = 10000;
};

// /api/v1/bulletin: the same BuildBulletin + Render as `tradestat bulletin`.
core::Result<std::string> RenderBulletin(const server::StoreVersion& v,
                                         const server::BulletinParams& p) {
  static const core::Result<bulletin::BulletinSpec> spec = bulletin::BulletinSpec::Default();
  if (!spec.ok()) return spec.status();
  bulletin::BulletinRequest r = bulletin::BulletinRequest::Defaults();
  r.store_path = v.path;
  if (p.dataset) r.dataset = *p.dataset;
  if (p.period) r.period = *p.period;
  if (p.reporter) r.reporter = *p.reporter;
  if (p.benchmark) r.benchmark = *p.benchmark;
  r.allow_partial = p.allow_partial;
  r.lang = p.lang == "zh" ? query::Lang::kZh : query::Lang::kEn;
  TRADESTAT_ASSIGN_OR_RETURN(bulletin::Format format, bulletin::ParseFormat(p.format));
  TRADESTAT_ASSIGN_OR_RETURN(bulletin::Bulletin b,
                             bulletin::BuildBulletin(r, *spec, *v.catalog, *v.lookup));
  return bulletin::Render(b, format);
}

int RunServe(ServeOptions& o) {
  o.server.query_timeout = std::chrono::milliseconds(o.query_timeout_ms);
  o.server.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
  o.server.load_reference = [](const std::string& path) { return LoadStoreReference(path); };
  o.server.bulletin = RenderBulletin;
  core::Status valid = o.server.Validate();
  if (!valid.ok()) return ReportError(valid);
  auto srv = server::Server::Start(o.store_path, o.server);
  if (!srv.ok()) return ReportError(srv.status());

  // Block SIGINT/SIGTERM in every thread; one thread waits for them and stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  server::Server* s = srv->get();
  std::thread waiter([signals, s] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig != 0) s->Stop();
  });

  std::printf("tradestat serve: http://%s:%d/\n", o.server.host.c_str(), s->port());
  std::fflush(stdout);
  core::Status st = s->Run();
  // Wake the waiter if Run() ended for another reason.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!st.ok()) return ReportError(st);
  return kExitOk;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, CommandResult& result) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = AddCommand(app, result, "serve",
                             "Serve the HTTP API (/api/v1/...) and the dashboard (/) read-only",
                             [o] { return RunServe(*o); });
  cmd->add_option("STORE", o->store_path, "Store directory")->required();
  cmd->add_option("--host", o->server.host, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", o->server.port, "TCP port (default 8080; 0 = any free port)");
  cmd->add_option("--max-rows", o->server.max_result_rows,
                  "Largest result a query may return (default 100000)");
  cmd->add_option("--max-query-bytes", o->server.max_query_bytes,
                  "Estimated memory a query's cube and result rows may take before it is refused "
                  "with 422, e.g. "
                  "512MiB, 2GiB (default 512MiB; 0 = no limit)")
      ->transform(CLI::AsSizeValue(true));
  cmd->add_option(
      "--max-cells", o->server.max_query_cells,
      "Cells a query may build before it is refused with 422 (default 4000000; 0 = no limit)");
  cmd->add_option("--query-timeout-ms", o->query_timeout_ms,
                  "Longest a query may run (default 10000)");
  cmd->add_option("--header-timeout-ms", o->header_timeout_ms,
                  "Time a client has to send its whole request header, else 408 (default 10000)");
  cmd->add_option("--max-running", o->server.max_running_queries,
                  "Queries executing at once (default 2 x cores)");
  cmd->add_option("--http-threads", o->server.http_threads, "Requests served at once (default 96)");
  cmd->add_option("--cache-entries", o->server.cache_entries,
                  "Responses cached per store version (default 1024; 0 = off)");
  cmd->add_flag("--log", o->server.log_requests, "Log one line per request on stderr");
  cmd->add_option("--allow-host", o->server.allow_hosts,
                  "Host name clients may use besides IP addresses and localhost (repeatable; "
                  "DNS-rebinding defence)");
}

}  // namespace tradestat::cli
