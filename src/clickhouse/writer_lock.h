// clickhouse/writer_lock.h: one writer at a time per ClickHouse store (a lease row in
// tradestat_lock).
//
// ClickHouse 18.16 has no transactions or table locks usable over HTTP (and no ZooKeeper here),
// so the lock is a lease kept in `DATABASE.tradestat_lock` on the coordinator: rows (token,
// owner, expires, released). A writer inserts its row (expiry now() + kLeaseSeconds, server clock)
// and then reads the live rows: it holds the lock only if its row is the only live one; if it
// sees another it withdraws its row and the load fails with a message naming the holder (the
// second writer fails, it does not wait). Inserts on one server are linearisable, so two writers
// can never both see only themselves. A thread renews the lease every kRenewSeconds; release
// inserts a `released` row. A SIGKILLed writer's lease is taken over, with a message on stderr,
// when it has expired or when its owner is a process of this host that no longer runs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "clickhouse/client.h"
#include "core/status.h"

namespace tradestat::clickhouse {

class ClickHouseStore;

inline constexpr int kLeaseSeconds = 60;
inline constexpr int kRenewSeconds = 10;

class WriterLock {
 public:
  /// Takes the store's writer lock for `what` ("load", "copy"); Unavailable-style Io error
  /// naming the holder if another live writer has it. Creates the lock table if needed.
  static core::Result<std::unique_ptr<WriterLock>> Acquire(const ClickHouseStore& store,
                                                           const std::string& what);
  /// OK if this process still holds the lease (checked right before the commit).
  core::Status Check() const;
  ~WriterLock();  // releases

 private:
  WriterLock(const Client& client, std::string table, std::string token, std::string owner);
  void Renew();
  Client client_;
  std::string table_, token_, owner_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread renewer_;
};

}  // namespace tradestat::clickhouse
