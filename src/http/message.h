// Request and Response as the handlers see them (independent of Beast).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json_input.h"
#include "core/messages.h"
#include "core/result.h"

namespace xiaoan::http {

struct Request {
  std::string method;  // upper case
  std::string target;  // path?query as received
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_ip;
  std::map<std::string, std::string> path_params;
  Lang lang = Lang::kZh;

  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string cookie(std::string_view name) const;
  std::optional<std::string> query_param(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
};

class Pending;

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // The body carries a secret (a revealed ID number, a new token, a family link): it is never
  // stored for idempotent replay, and never cached.
  bool secret = false;
  // Set when the answer is not known yet (a write waiting for its commit): the rest of the
  // response is empty and `pending` delivers the real one later; no thread waits for it.
  std::shared_ptr<Pending> pending;

  static Response json(int status, const Json& body);
  static Response later(std::shared_ptr<Pending> p) {
    Response r;
    r.pending = std::move(p);
    return r;
  }
  static Response no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
  static Response text(int status, std::string body, std::string content_type);
  static Response error(const Error& e, Lang lang);
  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// A response delivered after the handler has returned. Completed exactly once, by any thread;
// the sink (whoever sends the answer) runs on the completing thread, or at once on the thread
// that sets it if the answer is already there. Sinks must not block: they hand the response on.
class Pending {
 public:
  void complete(Response r);
  void on_complete(std::function<void(Response)> sink);
  // A new pending answer that is this one passed through `f` (which must not block either).
  std::shared_ptr<Pending> then(std::function<Response(Response)> f);

 private:
  std::mutex mu_;
  std::optional<Response> done_;
  std::function<void(Response)> sink_;
  bool delivered_ = false;
};

std::string url_decode(std::string_view s, bool plus_is_space);
std::map<std::string, std::string> parse_query(std::string_view q);

}  // namespace xiaoan::http
