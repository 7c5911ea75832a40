// server/response_cache.h: rendered responses of one store version, reused for identical requests.
//
// A StoreVersion never changes, so the bytes of a response are a pure function of (version,
// endpoint, query string). Keys include the version's generation: after a load commits, the
// next request opens a new version and misses; old entries age out. Bounded by entry count and
// bytes, least recently used first. Thread-safe.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tradestat::server {

class ResponseCache {
 public:
  ResponseCache(size_t max_entries, size_t max_bytes)
      : max_entries_(max_entries), max_bytes_(max_bytes) {}

  /// The cached body for `key`, or nullptr.
  std::shared_ptr<const std::string> Get(const std::string& key);
  /// Store `body` under `key` (bodies larger than a quarter of the budget are not kept).
  void Put(const std::string& key, std::string body);

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const std::string> body;
  };
  size_t max_entries_, max_bytes_;
  std::mutex mu_;
  std::list<Entry> lru_;  // front = most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace tradestat::server
