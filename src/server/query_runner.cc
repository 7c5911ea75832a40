// server/query_runner.cc: admission, time limit and row limit around query::Execute.
#include "server/query_runner.h"

#include <future>
#include <set>
#include <thread>

#include <fmt/format.h>

namespace tradestat::server {

struct QueryRunner::Shared {
  std::mutex mu;
  std::condition_variable cv;
  int running = 0;  // queries holding a slot, including timed-out ones still finishing
  // Admission is first come, first served (tickets), so no request starves under load.
  uint64_t next_ticket = 0;
  uint64_t head = 0;             // the ticket whose turn it is
  std::set<uint64_t> abandoned;  // tickets whose requests gave up waiting
};

QueryRunner::QueryRunner(QueryLimits limits)
    : limits_(limits), shared_(std::make_shared<Shared>()) {}

QueryRunner::~QueryRunner() {
  std::unique_lock<std::mutex> lock(shared_->mu);
  shared_->cv.wait(lock, [&] { return shared_->running == 0; });
}

std::variant<query::QueryResult, HttpError> QueryRunner::Run(
    const query::QueryRequest& request, std::shared_ptr<const StoreVersion> version) {
  {
    std::unique_lock<std::mutex> lock(shared_->mu);
    Shared& sh = *shared_;
    const uint64_t ticket = sh.next_ticket++;
    auto my_turn = [&] {
      while (sh.abandoned.erase(sh.head)) ++sh.head;
      return sh.head == ticket && sh.running < limits_.max_running;
    };
    if (!sh.cv.wait_for(lock, limits_.queue_timeout, my_turn)) {
      sh.abandoned.insert(ticket);
      sh.cv.notify_all();
      return HttpError{
          503, "busy", "",
          fmt::format("the server is busy: {} queries running; try again shortly", sh.running)};
    }
    ++sh.head;
    ++sh.running;
    sh.cv.notify_all();  // the next ticket may also fit
  }
  query::ExecuteOptions exec;
  exec.threads = limits_.query_threads;
  auto budget = std::make_shared<query::QueryBudget>();
  budget->max_cells = limits_.max_cells;
  budget->max_bytes = limits_.max_bytes;
  exec.budget = budget.get();
  auto promise = std::make_shared<std::promise<core::Result<query::QueryResult>>>();
  auto future = promise->get_future();
  // The worker owns copies of everything it reads, so it may outlive this request.
  std::thread([promise, request, version = std::move(version), exec, budget, shared = shared_] {
    try {
      promise->set_value(query::Execute(request, *version->catalog, *version->lookup, exec));
    } catch (const std::exception& e) {
      promise->set_value(core::Status::Internal(fmt::format("query failed: {}", e.what())));
    }
    std::lock_guard<std::mutex> lock(shared->mu);
    --shared->running;
    shared->cv.notify_all();
  }).detach();

  if (future.wait_for(limits_.timeout) != std::future_status::ready) {
    budget->cancel = true;  // the scan stops at its next chunk and frees the slot
    return HttpError{
        503, "timeout", "",
        fmt::format("the query took longer than this server's limit of {} ms; narrow the "
                    "period or the breakdown",
                    limits_.timeout.count())};
  }
  core::Result<query::QueryResult> result = future.get();
  if (budget->exceeded)
    return HttpError{
        422, "too_large", "by",
        fmt::format("the query needs more than {} result cells, this server's limit (--max-cells); "
                    "narrow the breakdown (by=) or the period",
                    limits_.max_cells)};
  if (budget->bytes_exceeded)
    return HttpError{422, "too_large", "by",
                     query::TooManyBytesMessage(budget->bytes_needed, limits_.max_bytes,
                                                "this server's limit (--max-query-bytes)")};
  if (!result.ok()) return FromStatus(result.status());
  if (result->rows.size() > limits_.max_rows) {
    return BadParameter("top",
                        fmt::format("the result has {} rows, more than this server's limit of {}; "
                                    "ask for fewer with top=N or a narrower by=",
                                    result->rows.size(), limits_.max_rows));
  }
  return std::move(result).value();
}

}  // namespace tradestat::server
