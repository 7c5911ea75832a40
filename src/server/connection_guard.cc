// server/connection_guard.cc: the parking epoll thread and per-connection deadlines of
// connection_guard.h.
//
// httplib 0.11 (Debian's compiled library) runs Server::process_and_close_socket(sock) on its
// task queue for every accepted socket; it is a private virtual, so GuardedServer overrides it to
// park the socket, and calls the library's implementation later from its own worker pool. The
// base implementation can only be named from a derived class if it is not private: every header
// httplib.h includes is included first, then httplib.h is read with `private` as `protected`
// (the compiled library's layout and symbols are unchanged by an access specifier).
#include <arpa/inet.h>
#include <brotli/decode.h>
#include <brotli/encode.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <resolv.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cctype>
#include <climits>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#define private protected
#include <httplib.h>
#undef private

#include "server/connection_guard.h"

namespace tradestat::server {
namespace {

using Clock = std::chrono::steady_clock;

class GuardedServer;
struct Current {
  GuardedServer* server = nullptr;
  int sock = -1;
};
thread_local Current tl_current;

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    // Our threads take no signals (the CLI waits for SIGINT/SIGTERM on a thread of its own, and a
    // signal delivered here would end the process); they inherit this mask.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pool_ = std::make_unique<httplib::ThreadPool>(static_cast<size_t>(std::max(1, limits.workers)));
    room_ = std::thread([this] { WaitingRoom(); });
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
  }

  ~GuardedServer() override {
    stop();
    stopping_ = true;
    uint64_t one = 1;
    (void)!::write(wake_, &one, sizeof one);
    room_.join();
    pool_->shutdown();  // requests in progress finish (their keep-alive loops end with stop())
    for (auto& [sock, deadline] : parked_) ::close(sock);
    ::close(epoll_);
    ::close(wake_);
  }

  // Worker side: the deadline of the current connection is off while a request is handled.
  void Arm(int sock, bool on) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = active_.find(sock);
    if (it != active_.end())
      it->second = on ? Clock::now() + limits_.header_timeout : Clock::time_point::max();
  }

 private:
  bool process_and_close_socket(socket_t sock) override {
    Park(sock);
    return true;
  }

  void Park(int sock) {
    std::unique_lock<std::mutex> lock(mu_);
    if (stopping_ || parked_.size() >= limits_.max_parked) {
      lock.unlock();
      Refuse(sock, "503 Service Unavailable");
      return;
    }
    parked_[sock] = Clock::now() + limits_.header_timeout;
    lock.unlock();
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;  // edge-triggered: wake on new bytes only
    ev.data.fd = sock;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, sock, &ev) != 0) {
      Unpark(sock);
      ::close(sock);
    }
  }

  bool Unpark(int sock) {
    std::lock_guard<std::mutex> lock(mu_);
    return parked_.erase(sock) > 0;
  }

  static void Refuse(int sock, const char* status) {
    std::string reply =
        std::string("HTTP/1.1 ") + status +
        "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n";
    (void)!::send(sock, reply.data(), reply.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
  }

  // Whether the bytes waiting on `sock` hold a whole request header (or as much as is accepted).
  // -1: the client closed or failed.
  int HeaderArrived(int sock, std::vector<char>& buf) {
    ssize_t n = ::recv(sock, buf.data(), buf.size(), MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return -1;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
    std::string_view got(buf.data(), static_cast<size_t>(n));
    if (got.find("\r\n\r\n") != std::string_view::npos ||
        got.find("\n\n") != std::string_view::npos)
      return 1;
    return static_cast<size_t>(n) >= buf.size() ? 1 : 0;  // too long: httplib answers it
  }

  void Dispatch(int sock) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      active_[sock] = Clock::time_point::max();
    }
    pool_->enqueue([this, sock] {
      Arm(sock, true);  // from now on the header must be read (and later requests arrive) in time
      tl_current = {this, sock};
      httplib::Server::process_and_close_socket(sock);  // serves the keep-alive loop, closes
      tl_current = {};
      std::lock_guard<std::mutex> lock(mu_);
      active_.erase(sock);
    });
  }

  void WaitingRoom() {
    std::vector<char> buf(limits_.max_header_bytes);
    std::array<epoll_event, 64> events;
    while (!stopping_) {
      int n = ::epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), 100);
      for (int i = 0; i < n; ++i) {
        int sock = events[static_cast<size_t>(i)].data.fd;
        if (sock == wake_) continue;
        int arrived = HeaderArrived(sock, buf);
        if (arrived == 0) continue;
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, sock, nullptr);
        if (!Unpark(sock)) continue;
        if (arrived < 0) {
          ::close(sock);
        } else {
          Dispatch(sock);
        }
      }
      // Deadlines: parked connections are answered 408; served ones blocked on a slow request are
      // shut down (their worker sees the end of input and closes the socket itself).
      auto now = Clock::now();
      std::vector<int> expired;
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto it = parked_.begin(); it != parked_.end();) {
          if (it->second <= now) {
            expired.push_back(it->first);
            it = parked_.erase(it);
          } else {
            ++it;
          }
        }
        for (auto& [sock, deadline] : active_) {
          if (deadline <= now) {
            ::shutdown(sock, SHUT_RDWR);
            deadline = Clock::time_point::max();
          }
        }
      }
      for (int sock : expired) {
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, sock, nullptr);
        Refuse(sock, "408 Request Timeout");
      }
    }
  }

  ConnectionLimits limits_;
  std::unique_ptr<httplib::ThreadPool> pool_;
  int epoll_ = -1;
  int wake_ = -1;
  std::thread room_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::unordered_map<int, Clock::time_point> parked_;  // waiting for their header: deadline
  std::unordered_map<int, Clock::time_point> active_;  // on a worker: deadline (max = none)
};

}  // namespace

std::unique_ptr<httplib::Server> MakeGuardedServer(ConnectionLimits limits) {
  return std::make_unique<GuardedServer>(limits);
}

void RequestStarted() {
  if (tl_current.server) tl_current.server->Arm(tl_current.sock, false);
}

void RequestFinished() {
  if (tl_current.server) tl_current.server->Arm(tl_current.sock, true);
}

}  // namespace tradestat::server
