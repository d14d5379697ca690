#include "http/message.h"

namespace xiaoan::http {

std::string Request::cookie(std::string_view name) const {
  std::string all = header("cookie");
  std::string_view s = all;
  while (!s.empty()) {
    auto semi = s.find(';');
    std::string_view part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return {};
}

void Pending::complete(Response r) {
  std::function<void(Response)> sink;
  {
    std::lock_guard lk(mu_);
    if (delivered_ || done_) return;  // completed once already
    if (!sink_) {
      done_ = std::move(r);
      return;
    }
    delivered_ = true;
    sink = std::move(sink_);
  }
  sink(std::move(r));
}

void Pending::on_complete(std::function<void(Response)> sink) {
  std::optional<Response> ready;
  {
    std::lock_guard lk(mu_);
    if (delivered_ || sink_) return;  // one sink
    if (!done_) {
      sink_ = std::move(sink);
      return;
    }
    delivered_ = true;
    ready = std::move(done_);
    done_.reset();
  }
  sink(std::move(*ready));
}

std::shared_ptr<Pending> Pending::then(std::function<Response(Response)> f) {
  auto next = std::make_shared<Pending>();
  on_complete([next, f = std::move(f)](Response r) { next->complete(f(std::move(r))); });
  return next;
}

Response Response::json(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

Response Response::error(const Error& e, Lang lang) {
  Json err = {{"code", code_name(e.code)},
              {"field", e.field.empty() ? Json(nullptr) : Json(e.field)},
              {"message", localize(e, lang)}};
  return json(http_status(e.code), {{"error", err}});
}

std::string url_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view q) {
  std::map<std::string, std::string> out;
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view part = q.substr(0, amp);
    auto eq = part.find('=');
    if (!part.empty()) {
      if (eq == std::string_view::npos) out[url_decode(part, true)] = "";
      else out[url_decode(part.substr(0, eq), true)] = url_decode(part.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return out;
}

}  // namespace xiaoan::http
