// core/parallel.h: ParallelFor, the one way tradestat uses more than one core.
//
// Work is split into `task_count` independent tasks picked dynamically by up to `threads` workers
// (default: the machine's cores). Each worker gets a stable index so it can keep private
// accumulators without locks; the caller merges them afterwards.
#pragma once

#include <cstddef>
#include <functional>

namespace tradestat::core {

/// Number of worker threads to use by default (hardware concurrency, at least 1; the
/// TRADESTAT_THREADS environment variable overrides it).
int DefaultThreads();

/// Run fn(task, worker) for task in [0, task_count); returns when all are done.
void ParallelFor(size_t task_count, const std::function<void(size_t task, int worker)>& fn,
                 int threads = 0);

}  // namespace tradestat::core
