// server/connection_guard_test.cc: slow clients (slowloris) cannot hold the guarded server's
// workers; an incomplete header is answered 408 when its deadline passes, also on a kept-alive
// connection's second request.
#include "server/connection_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tradestat::server {
namespace {

using Clock = std::chrono::steady_clock;

class GuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConnectionLimits limits;
    limits.header_timeout = std::chrono::milliseconds(1500);
    limits.workers = 4;
    http_ = MakeGuardedServer(limits);
    http_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      RequestStarted();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http_->set_logger([](const httplib::Request&, const httplib::Response&) { RequestFinished(); });
    http_->Get("/ping", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("pong", "text/plain");
    });
    port_ = http_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { http_->listen_after_bind(); });
  }
  void TearDown() override {
    http_->stop();
    thread_.join();
    http_.reset();
  }

  int Connect() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return s;
  }
  static void Send(int s, const std::string& text) {
    ASSERT_EQ(::send(s, text.data(), text.size(), MSG_NOSIGNAL), (ssize_t)text.size());
  }
  // Everything the server sends until it closes or `ms` pass.
  static std::string ReadAll(int s, int ms) {
    std::string out;
    auto end = Clock::now() + std::chrono::milliseconds(ms);
    char buf[4096];
    while (Clock::now() < end) {
      pollfd p{s, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      ssize_t n = ::recv(s, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  std::string Get(int s) {
    Send(s, "GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n");
    std::string got;
    char buf[4096];
    auto end = Clock::now() + std::chrono::seconds(5);
    while (got.find("pong") == std::string::npos && Clock::now() < end) {
      pollfd p{s, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      ssize_t n = ::recv(s, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    return got;
  }

  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(GuardTest, SlowClientsBeyondTheWorkerCountDoNotDelayOthers) {
  std::vector<int> slow;
  for (int i = 0; i < 40; ++i) {  // ten times the workers, each mid-header
    slow.push_back(Connect());
    Send(slow.back(), "GET /ping HTTP/1.1\r\nHost: local");
  }
  for (int round = 0; round < 3; ++round) {
    int s = Connect();
    auto t0 = Clock::now();
    EXPECT_NE(Get(s).find("200 OK"), std::string::npos);
    EXPECT_LT(Clock::now() - t0, std::chrono::milliseconds(500));
    ::close(s);
  }
  // Past the deadline every slow client has been answered 408 and closed.
  for (int s : slow) {
    std::string got = ReadAll(s, 3000);
    EXPECT_NE(got.find("408"), std::string::npos) << got;
    ::close(s);
  }
}

TEST_F(GuardTest, ASlowSecondRequestOnAKeptAliveConnectionIsCut) {
  int s = Connect();
  ASSERT_NE(Get(s).find("200 OK"), std::string::npos);
  Send(s, "GET /ping HTTP/1.1\r\nHo");
  auto t0 = Clock::now();
  (void)ReadAll(s, 4000);  // returns when the server closes
  auto waited = Clock::now() - t0;
  EXPECT_GT(waited, std::chrono::milliseconds(1000));
  EXPECT_LT(waited, std::chrono::milliseconds(3500));
  ::close(s);
  int t = Connect();
  EXPECT_NE(Get(t).find("200 OK"), std::string::npos);  // still serving
  ::close(t);
}

TEST_F(GuardTest, AHeaderSentInPiecesInTimeIsServed) {
  int s = Connect();
  Send(s, "GET /ping HTTP/1.1\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Send(s, "Host: localhost\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Send(s, "\r\n");
  std::string got = ReadAll(s, 1000);
  EXPECT_NE(got.find("pong"), std::string::npos) << got;
  ::close(s);
}

}  // namespace
}  // namespace tradestat::server
