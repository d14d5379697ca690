// A small synchronous HTTP/1.1 client for the API tests and the benchmark driver: a cookie jar,
// the CSRF header on unsafe methods, and optionally one kept-alive connection.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/json_input.h"

namespace xiaoan::testing {

struct HttpResponse {
  int status = 0;  // 0: no answer (refused connection, reset, timeout); body holds the reason
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  Json json() const;
  std::string error_code() const;
};

// Called with every answer a Client receives, e.g. to check it against the API's schemas (the API
// tests set one; the benchmark driver does not).
using ResponseObserver = void (*)(uint16_t port, const std::string& method,
                                  const std::string& target, const HttpResponse& response);
void set_response_observer(ResponseObserver observer);

class Client {
 public:
  explicit Client(uint16_t port, std::string host = "127.0.0.1");
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

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
  std::string cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? "" : it->second;
  }
  // Follows a restarted server to its new port, keeping the cookies.
  void set_port(uint16_t port);
  // Keeps one connection open across requests (reconnecting once if the server closed it);
  // by default every request opens its own connection.
  void set_keep_alive(bool on);

 private:
  struct Conn;
  uint16_t port_;
  std::string host_;
  bool keep_alive_ = false;
  std::unique_ptr<Conn> conn_;
  std::map<std::string, std::string> cookies_;  // a cookie jar: name → value
  std::string csrf_, bearer_, lang_ = "zh-CN";
};

}  // namespace xiaoan::testing
