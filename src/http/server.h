// HTTP/1.1 server on Boost.Beast: keep-alive, I/O threads plus a worker pool for handlers,
// request timeouts, a body limit answered with 413, graceful shutdown that drains in-flight
// requests and flushes their responses.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"

namespace xiaoan::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 0;    // 0: one per core
  int workers = 0;       // handler threads for writes; 0: 4 per core (they wait for commits)
  int read_workers = 0;  // handler threads for GET and HEAD; 0: 2 per core. Apart, so that reads
                         // (dashboards) never queue behind writes waiting for their commit
  size_t body_limit = 1 << 20;
  int request_timeout_s = 30;
  int drain_timeout_s = 20;
};

using Dispatch = std::function<Response(Request&)>;
// Called for a request whose body exceeded the limit (to build the localised 413).
using TooLarge = std::function<Response(const Request&, size_t limit)>;
// The body limit for a request line (uploads may allow more than JSON bodies); 0 = the default.
using BodyLimitFor = std::function<size_t(const std::string& method, const std::string& target)>;

class Server {
 public:
  Server(ServerOptions options, Dispatch dispatch, TooLarge too_large,
         BodyLimitFor body_limit_for = nullptr);
  ~Server();
  // Binds and listens; returns the bound port.
  uint16_t listen();
  // Serves until stop() or SIGTERM/SIGINT; then drains and returns.
  void run();
  void stop();
  int64_t in_flight() const;

  struct Impl;  // public so the connection class in server.cpp can reach it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace xiaoan::http
