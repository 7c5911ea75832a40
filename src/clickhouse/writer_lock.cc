// clickhouse/writer_lock.cc: the lease row protocol of writer_lock.h.
#include "clickhouse/writer_lock.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "clickhouse/clickhouse_store.h"

namespace tradestat::clickhouse {
namespace {

using core::Status;

std::string HostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown-host";
  return buf;
}

// Field 22 of /proc/PID/stat (start time in clock ticks since boot): tells a reused PID apart.
std::string StartTime(long pid) {
  std::ifstream f(fmt::format("/proc/{}/stat", pid));
  std::string line;
  if (!std::getline(f, line)) return "";
  size_t close = line.rfind(')');
  if (close == std::string::npos) return "";
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && (rest >> field); ++i) {
  }
  return field;
}

std::string OwnerOf(const std::string& what) {
  const long pid = static_cast<long>(getpid());
  return fmt::format("{} on host {} pid {} start {}", what, HostName(), pid, StartTime(pid));
}

// True when `owner` names a process of this host that no longer runs (or whose PID was reused).
bool OwnerIsGoneHere(const std::string& owner) {
  std::istringstream in(owner);
  std::string word, host, start;
  long pid = -1;
  while (in >> word) {
    if (word == "host")
      in >> host;
    else if (word == "pid")
      in >> pid;
    else if (word == "start")
      in >> start;
  }
  if (host != HostName() || pid <= 0) return false;
  if (kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) return true;
  return !start.empty() && StartTime(pid) != start;
}

struct LeaseRow {
  std::string token, owner;
  int64_t seconds_left = 0;
};

core::Result<std::vector<LeaseRow>> LiveRows(const Client& c, const std::string& table) {
  TRADESTAT_ASSIGN_OR_RETURN(
      std::string body,
      c.Query(fmt::format("SELECT token, any(owner), toInt64(toUInt32(max(expires))) - "
                          "toInt64(toUInt32(now())) FROM {} "
                          "GROUP BY token HAVING max(released) = 0 FORMAT TabSeparated",
                          table)));
  std::vector<LeaseRow> rows;
  for (const auto& f : SplitTsv(body)) {
    if (f.size() != 3)
      return Status::Corruption(fmt::format("ClickHouse: unexpected row in {}", table));
    int64_t left = 0;
    auto [p, ec] = std::from_chars(f[2].data(), f[2].data() + f[2].size(), left);
    if (ec != std::errc() || p != f[2].data() + f[2].size())
      return Status::Corruption(fmt::format("ClickHouse: unexpected lease time in {}", table));
    rows.push_back({UnescapeTsv(f[0]), UnescapeTsv(f[1]), left});
  }
  return rows;
}

core::Status InsertRow(const Client& c, const std::string& table, const std::string& token,
                       const std::string& owner, bool released) {
  return c
      .Query(fmt::format(
          "INSERT INTO {} (token, owner, expires, released) SELECT {}, {}, now() + {}, {}", table,
          Quote(token), Quote(owner), kLeaseSeconds, released ? 1 : 0))
      .status();
}

}  // namespace

WriterLock::WriterLock(const Client& client, std::string table, std::string token,
                       std::string owner)
    : client_(client),
      table_(std::move(table)),
      token_(std::move(token)),
      owner_(std::move(owner)) {}

core::Result<std::unique_ptr<WriterLock>> WriterLock::Acquire(const ClickHouseStore& store,
                                                              const std::string& what) {
  const Client& c = store.coordinator();
  const std::string table = store.url().database + ".tradestat_lock";
  TRADESTAT_RETURN_IF_ERROR(c.Query(fmt::format("CREATE TABLE IF NOT EXISTS {} (token String, "
                                                "owner String, expires DateTime, released UInt8) "
                                                "ENGINE = MergeTree ORDER BY token",
                                                table))
                                .status());
  std::random_device rd;
  std::mt19937_64 rng((static_cast<uint64_t>(rd()) << 32) ^ rd() ^ static_cast<uint64_t>(getpid()));
  const std::string owner = OwnerOf(what);
  for (int attempt = 0; attempt < 20; ++attempt) {
    TRADESTAT_ASSIGN_OR_RETURN(auto live, LiveRows(c, table));
    for (const LeaseRow& r : live) {
      const bool expired = r.seconds_left <= 0;
      if (expired || OwnerIsGoneHere(r.owner)) {
        std::fprintf(stderr, "tradestat: %s: taking over the writer lock of %s, which %s\n",
                     store.url().text.c_str(), r.owner.c_str(),
                     expired ? "expired without being renewed" : "no longer runs");
        TRADESTAT_RETURN_IF_ERROR(InsertRow(c, table, r.token, r.owner, true));
        continue;
      }
      return Status::Io(
          fmt::format("{}: another writer holds the store's writer lock ({}; its lease ends in {} "
                      "s unless renewed); "
                      "nothing was changed: run this {} when that one has finished",
                      store.url().text, r.owner, r.seconds_left, what));
    }
    const std::string token = fmt::format("{:016x}", rng());
    TRADESTAT_RETURN_IF_ERROR(InsertRow(c, table, token, owner, false));
    TRADESTAT_ASSIGN_OR_RETURN(live, LiveRows(c, table));
    bool alone = true;
    for (const LeaseRow& r : live)
      if (r.token != token && r.seconds_left > 0) alone = false;
    if (alone) {
      std::unique_ptr<WriterLock> lock(new WriterLock(c, table, token, owner));
      lock->renewer_ = std::thread([l = lock.get()] { l->Renew(); });
      return lock;
    }
    // Another writer inserted at the same time: both withdraw, then try again after a random pause.
    TRADESTAT_RETURN_IF_ERROR(InsertRow(c, table, token, owner, true));
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 400));
  }
  return Status::Io(
      fmt::format("{}: could not take the store's writer lock: other writers keep competing for it",
                  store.url().text));
}

void WriterLock::Renew() {
  std::unique_lock<std::mutex> lk(mu_);
  while (!cv_.wait_for(lk, std::chrono::seconds(kRenewSeconds), [this] { return stop_; })) {
    lk.unlock();
    (void)InsertRow(client_, table_, token_, owner_, false);  // a failed renewal shows in Check()
    lk.lock();
  }
}

core::Status WriterLock::Check() const {
  TRADESTAT_ASSIGN_OR_RETURN(auto live, LiveRows(client_, table_));
  for (const LeaseRow& r : live)
    if (r.token == token_ && r.seconds_left > 0) return Status::Ok();
  return Status::Io(
      fmt::format("the writer lock's lease was lost (not renewed for {} s, then taken over); "
                  "nothing was committed",
                  kLeaseSeconds));
}

WriterLock::~WriterLock() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (renewer_.joinable()) renewer_.join();
  (void)InsertRow(client_, table_, token_, owner_, true);
}

}  // namespace tradestat::clickhouse
