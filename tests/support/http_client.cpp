#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <chrono>

namespace xiaoan::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {
std::atomic<ResponseObserver> observer{nullptr};
}  // namespace

void set_response_observer(ResponseObserver o) { observer = o; }

Json HttpResponse::json() const {
  auto j = Json::parse(body, nullptr, false);
  return j.is_discarded() ? Json() : j;
}

std::string HttpResponse::error_code() const {
  Json j = json();
  if (j.is_object() && j.contains("error")) return j["error"]["code"].get<std::string>();
  return "";
}

struct Client::Conn {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buf;
  bool open = false;
};

Client::Client(uint16_t port, std::string host) : port_(port), host_(std::move(host)) {}
Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

void Client::set_port(uint16_t port) {
  port_ = port;
  conn_.reset();
}

void Client::set_keep_alive(bool on) {
  keep_alive_ = on;
  conn_.reset();
}

HttpResponse Client::request(const std::string& method, const std::string& target,
                             const std::string& body, std::map<std::string, std::string> headers) {
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  req.set(bhttp::field::host, host_);
  req.set(bhttp::field::accept_language, lang_);
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
  if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
  if (!csrf_.empty() && method != "GET") req.set("X-CSRF-Token", csrf_);
  for (auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.keep_alive(keep_alive_);
  req.prepare_payload();

  HttpResponse out;
  // A kept-alive connection the server has closed in the meantime fails on first use: retry once
  // on a fresh connection. A fresh connection is never retried.
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = conn_ && conn_->open;
    if (!reused) {
      conn_ = std::make_unique<Conn>();
      beast::error_code ec;
      conn_->stream.expires_after(std::chrono::seconds(60));
      conn_->stream.socket().connect(asio::ip::tcp::endpoint(asio::ip::make_address(host_), port_), ec);
      if (ec) {
        conn_.reset();
        out.body = ec.message();
        return out;
      }
      conn_->open = true;
    }
    conn_->stream.expires_after(std::chrono::seconds(60));
    beast::error_code ec;
    bhttp::write(conn_->stream, req, ec);  // a server refusing the body may stop reading: still read its answer
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    bhttp::read(conn_->stream, conn_->buf, parser, ec);
    if (ec) {
      conn_.reset();
      out.body = ec.message();
      if (reused) continue;
      return out;
    }
    auto& res = parser.get();
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
      std::string n(f.name_string());
      for (auto& ch : n) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (out.headers.count(n)) out.headers[n] += "\n" + std::string(f.value());
      else out.headers[n] = std::string(f.value());
    }
    out.body = res.body();
    if (!keep_alive_ || !res.keep_alive()) {
      conn_->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
      conn_.reset();
    }
    break;
  }
  // Keep what the server sets (and forget what it clears).
  std::string set = out.headers["set-cookie"];
  size_t start = 0;
  while (start < set.size()) {
    size_t end = set.find('\n', start);
    std::string one = set.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? set.size() : end + 1;
    auto eq = one.find('='), semi = one.find(';');
    if (eq == std::string::npos) continue;
    std::string name = one.substr(0, eq), value = one.substr(eq + 1, semi - eq - 1);
    if (value.empty() || one.find("Max-Age=0") != std::string::npos) cookies_.erase(name);
    else cookies_[name] = value;
  }
  if (ResponseObserver o = observer.load()) o(port_, method, target, out);
  return out;
}

HttpResponse Client::login(const std::string& username, const std::string& password) {
  cookies_.erase("xa_session");
  csrf_.clear();
  auto r = post("/api/auth/login", {{"username", username}, {"password", password}});
  if (r.status == 200) csrf_ = r.json()["csrf_token"].get<std::string>();
  return r;
}

}  // namespace xiaoan::testing
