// server/response_cache.cc: a small LRU of response bodies.
#include "server/response_cache.h"

namespace tradestat::server {

std::shared_ptr<const std::string> ResponseCache::Get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->body;
}

void ResponseCache::Put(const std::string& key, std::string body) {
  if (max_entries_ == 0 || body.size() > max_bytes_ / 4) return;
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::lock_guard<std::mutex> lock(mu_);
  if (index_.count(key)) return;
  bytes_ += shared->size();
  lru_.push_front(Entry{key, std::move(shared)});
  index_[key] = lru_.begin();
  while (!lru_.empty() && (lru_.size() > max_entries_ || bytes_ > max_bytes_)) {
    bytes_ -= lru_.back().body->size();
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
}

}  // namespace tradestat::server
