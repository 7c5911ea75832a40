// server/connection_guard.h: an httplib::Server that slow clients cannot starve (slowloris).
//
// cpp-httplib gives each connection a worker thread from accept() on, so clients that send their
// headers a byte at a time can hold every worker. MakeGuardedServer's server parks a new
// connection in one epoll thread until its whole request header has arrived (peeked, not read)
// and only then hands it to a worker; a connection whose header is not complete within
// `header_timeout` is answered 408 and closed. On a kept-alive connection the same deadline runs
// from the end of one response to the start of the next request (a worker blocked on a slow
// second request is shut down). Handlers call RequestStarted() when routing begins and
// RequestFinished() after the response is written (server.cc does both), which stop and restart
// that clock.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>

namespace tradestat::server {

struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{
      10000};                       // whole request header, from connect (or last response)
  size_t max_header_bytes = 16384;  // a header this long is handed on whole or not
  int workers = 96;                 // threads serving requests whose header has arrived
  size_t max_parked = 4096;         // connections waiting for their header; more are refused
};

std::unique_ptr<httplib::Server> MakeGuardedServer(ConnectionLimits limits);

/// On a guarded server's worker thread: the current request is being handled (no deadline).
void RequestStarted();
/// The response has been written: the next request on this connection must arrive in time.
void RequestFinished();

}  // namespace tradestat::server
