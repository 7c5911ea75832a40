// core/parallel.cc: a minimal fork-join pool; the calling thread is worker 0.
#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

namespace tradestat::core {

int DefaultThreads() {
  if (const char* env = std::getenv("TRADESTAT_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return n;
  }
  unsigned hc = std::thread::hardware_concurrency();
  return hc == 0 ? 1 : static_cast<int>(hc);
}

void ParallelFor(size_t task_count, const std::function<void(size_t, int)>& fn, int threads) {
  if (threads <= 0) threads = DefaultThreads();
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), task_count));
  if (threads <= 1) {
    for (size_t t = 0; t < task_count; ++t) fn(t, 0);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    for (size_t t = next.fetch_add(1); t < task_count; t = next.fetch_add(1)) fn(t, worker);
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
}

}  // namespace tradestat::core
