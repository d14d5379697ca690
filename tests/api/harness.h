// API test harness: runs the real xiaoan binary on port 0 against a fresh database of the
// engine under test (XIAOAN_TEST_ENGINE), and talks HTTP to it.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json_input.h"

namespace xiaoan::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  Json json() const;
  std::string error_code() const;
};

class Server {
 public:
  // Starts `xiaoan demo` (demo city + accounts) on a fresh database; extra CLI args appended.
  explicit Server(std::vector<std::string> extra_args = {}, std::string db_url = "");
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  void kill_hard();              // SIGKILL, then reap
  int terminate();               // SIGTERM; returns the exit status
  uint16_t port() const { return port_; }
  const std::string& db_url() const { return db_url_; }
  const std::string& data_dir() const { return dir_; }
  std::string log() const;

 private:
  std::vector<std::string> extra_;
  std::string db_url_, dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

class Client {
 public:
  explicit Client(uint16_t port) : port_(port) {}
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = "",
                       std::map<std::string, std::string> headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse post(const std::string& target, const Json& body,
                    std::map<std::string, std::string> headers = {}) {
    return request("POST", target, body.dump(), std::move(headers));
  }
  HttpResponse patch(const std::string& target, const Json& body) {
    return request("PATCH", target, body.dump());
  }
  HttpResponse del(const std::string& target) { return request("DELETE", target); }
  // Signs in and keeps the session cookie and CSRF token for later requests.
  HttpResponse login(const std::string& username, const std::string& password = "xiaoan2026");
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void set_language(std::string lang) { lang_ = std::move(lang); }
  const std::string& csrf() const { return csrf_; }

  void set_csrf(std::string t) { csrf_ = std::move(t); }
  // Follows a restarted server to its new port, keeping the cookies.
  void set_port(uint16_t port) { port_ = port; }

 private:
  uint16_t port_;
  std::map<std::string, std::string> cookies_;  // a cookie jar: name → value
  std::string csrf_, bearer_, lang_ = "zh-CN";
};

// The id of the org node with this code, read through the API as the city admin.
std::string node_id(uint16_t port, const std::string& code);

}  // namespace xiaoan::testing
