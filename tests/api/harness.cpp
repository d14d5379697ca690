#include "api/harness.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/engines.h"

namespace xiaoan::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

Json HttpResponse::json() const {
  auto j = Json::parse(body, nullptr, false);
  return j.is_discarded() ? Json() : j;
}

std::string HttpResponse::error_code() const {
  Json j = json();
  if (j.is_object() && j.contains("error")) return j["error"]["code"].get<std::string>();
  return "";
}

Server::Server(std::vector<std::string> extra_args, std::string db_url)
    : extra_(std::move(extra_args)), db_url_(std::move(db_url)) {
  dir_ = temp_dir();
  if (db_url_.empty()) db_url_ = fresh_database_url();
  start();
}

Server::~Server() {
  if (pid_ > 0) kill_hard();
}

void Server::start() {
  std::string port_file = dir_ + "/port";
  std::remove(port_file.c_str());
  std::vector<std::string> args = {XIAOAN_BIN,  "demo",        "--data",     dir_,
                                   "--port",    "0",           "--port-file", port_file,
                                   "--login-rate", "100000",   "--login-burst", "100000",
                                   "--scale", "tiny"};
  args.insert(args.end(), extra_.begin(), extra_.end());
  pid_ = fork();
  if (pid_ == 0) {
    setenv("XIAOAN_DB", db_url_.c_str(), 1);
    std::string logf = dir_ + "/server.log";
    FILE* f = std::freopen(logf.c_str(), "a", stdout);
    (void)f;
    dup2(fileno(stdout), 2);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(port_file);
    int p = 0;
    if (in >> p && p > 0) {
      port_ = static_cast<uint16_t>(p);
      return;
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited during start-up:\n" + log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("server did not start within 60 s:\n" + log());
}

void Server::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

int Server::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string Server::log() const {
  std::ifstream in(dir_ + "/server.log");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

HttpResponse Client::request(const std::string& method, const std::string& target,
                             const std::string& body, std::map<std::string, std::string> headers) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(60));
  stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::accept_language, lang_);
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  std::string cookie;
  for (const auto& [k, v] : cookies_) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
  if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
  if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
  if (!csrf_.empty() && method != "GET") req.set("X-CSRF-Token", csrf_);
  for (auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  beast::error_code ec;
  bhttp::write(stream, req, ec);  // a server refusing the body may stop reading: still read its answer
  beast::flat_buffer buf;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(stream, buf, parser, ec);
  HttpResponse out;
  if (ec) {
    out.status = 0;
    out.body = ec.message();
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
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  return out;
}

HttpResponse Client::login(const std::string& username, const std::string& password) {
  cookies_.erase("xa_session");
  csrf_.clear();
  auto r = post("/api/auth/login", {{"username", username}, {"password", password}});
  if (r.status == 200) csrf_ = r.json()["csrf_token"].get<std::string>();
  return r;
}

std::string node_id(uint16_t port, const std::string& code) {
  Client admin(port);
  admin.login("admin");
  Json tree = admin.get("/api/org/tree").json();
  for (const auto& n : tree["nodes"])
    if (n["code"] == code) return n["id"].get<std::string>();
  throw std::runtime_error("no org node with code " + code);
}

}  // namespace xiaoan::testing
