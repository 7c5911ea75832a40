// server/query_runner.h: runs query::Execute under the server's limits.
//
// At most `max_running` queries execute at once (the others wait up to `queue_timeout`); a query
// that runs longer than `timeout` is answered with 503 and cancelled (query::QueryBudget: the scan
// stops at its next chunk), and holds its slot until it has stopped, so slow queries cannot pile
// up beyond `max_running`. A query whose cube would exceed `max_cells` result cells stops while
// it is being built and is refused with 422 (this bounds its memory: a cell costs about 64 bytes
// in the scan's hash map); so is one whose estimated memory (cube and result rows, checked as they
// grow) would exceed `max_bytes`. Results with more rows than `max_rows` are refused (400 naming
// `top`). Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <variant>

#include "query/engine.h"
#include "server/http_status.h"
#include "server/store_state.h"

namespace tradestat::server {

struct QueryLimits {
  int max_running = 4;
  int query_threads = 1;
  std::chrono::milliseconds timeout{10000};
  std::chrono::milliseconds queue_timeout{5000};
  size_t max_rows = 100000;
  uint64_t max_cells = 4000000;  // 0 = no limit
  uint64_t max_bytes =
      0;  // estimated bytes of a query's cube and rows (query::QueryBudget); 0 = no limit
};

class QueryRunner {
 public:
  explicit QueryRunner(QueryLimits limits);
  /// Waits for queries still running in the background.
  ~QueryRunner();

  /// The result, or the HTTP error to send.
  std::variant<query::QueryResult, HttpError> Run(const query::QueryRequest& request,
                                                  std::shared_ptr<const StoreVersion> version);

 private:
  struct Shared;
  QueryLimits limits_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace tradestat::server
