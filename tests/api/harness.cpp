#include "api/harness.h"

#include "core/time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/engines.h"

namespace xiaoan::testing {

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
  // XIAOAN_TEST_BIN runs the tests against another build (e.g. an older commit's, to see a
  // regression test fail there).
  const char* bin = std::getenv("XIAOAN_TEST_BIN");
  std::vector<std::string> args = {bin && *bin ? bin : XIAOAN_BIN,  "demo",        "--data",     dir_,
                                   "--port",    "0",           "--port-file", port_file,
                                   "--login-rate", "100000",   "--login-burst", "100000",
                                   "--scale", "tiny", "--dashboard-max-age-ms", "0"};
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

std::string node_id(uint16_t port, const std::string& code) {
  Client admin(port);
  admin.login("admin");
  Json tree = admin.get("/api/org/tree").json();
  for (const auto& n : tree["nodes"])
    if (n["code"] == code) return n["id"].get<std::string>();
  throw std::runtime_error("no org node with code " + code);
}

Json set_clock(Client& c, const std::string& now) {
  auto r = c.post("/api/test/clock", {{"now", now}});
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

std::string token_of(const std::string& url) { return url.substr(url.find("/f/") + 3); }

Client family_phone(uint16_t port, Client& staff, const std::string& pupil) {
  auto r = staff.request("POST", "/api/people/" + pupil + "/family-link");
  EXPECT_EQ(r.status, 201) << r.body;
  Client phone(port);
  r = phone.post("/api/family/session", {{"token", token_of(r.json()["url"])}});
  EXPECT_EQ(r.status, 200) << r.body;
  phone.set_csrf(r.json()["csrf_token"]);
  return phone;
}

HttpResponse put(Client& c, const std::string& path, const Json& body) {
  return c.request("PUT", path, body.dump());
}

int64_t count_of(const Json& notifications, const std::string& kind) {
  int64_t n = 0;
  for (const auto& i : notifications["items"]) n += i["kind"] == kind;
  return n;
}

std::string today() { return local_date(now_millis()); }

std::string monday_after(int days) {
  std::string d = add_days(today(), days);
  while (weekday(d) != 1) d = add_days(d, 1);
  return d;
}

}  // namespace xiaoan::testing
