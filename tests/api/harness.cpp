#include "api/harness.h"

#include "core/time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "api/contract_validator.h"
#include "support/engines.h"

namespace xiaoan::testing {
namespace {

// The running servers by port, so that an answer a Client gets is checked against the document
// of the server that gave it.
std::mutex servers_mu;
std::map<uint16_t, Server*> servers;

// What the checks found in this process.
struct Tally {
  std::mutex mu;
  int64_t validated = 0, trivial = 0, skipped = 0, failed = 0;
  std::set<std::string> operations;
};
Tally& tally() {
  static Tally t;
  return t;
}

thread_local bool in_observer = false;  // the observer's own fetch of the document is not checked

void check_response(uint16_t port, const std::string& method, const std::string& target,
                    const HttpResponse& r) {
  if (in_observer || r.status == 0) return;
  in_observer = true;
  struct Reset {
    ~Reset() { in_observer = false; }
  } reset;
  std::shared_ptr<const ContractValidator> contract;
  {
    std::lock_guard lock(servers_mu);
    auto it = servers.find(port);
    if (it == servers.end()) return;  // not a server of this harness
    contract = it->second->contract();
  }
  auto content_type = r.headers.find("content-type");
  auto c = contract ? contract->check(method, target, r.status,
                                      content_type == r.headers.end() ? "" : content_type->second,
                                      r.body)
                    : ContractValidator::Check{};
  using V = ContractValidator::Verdict;
  Tally& t = tally();
  {
    std::lock_guard lock(t.mu);
    switch (c.verdict) {
      case V::kSkipped: ++t.skipped; break;
      case V::kTrivial: ++t.trivial; break;
      case V::kValid:
      case V::kInvalid:
        ++t.validated;
        if (c.operation.rfind("(", 0) != 0) t.operations.insert(c.operation);  // not "(no route)"
        break;
      case V::kUndocumented: break;
    }
    if (c.verdict == V::kInvalid || c.verdict == V::kUndocumented) ++t.failed;
  }
  if (c.verdict != V::kInvalid && c.verdict != V::kUndocumented) return;
  std::string errors;
  const size_t shown = 12;  // a long array may fail on every item: the first few say enough
  for (size_t i = 0; i < c.errors.size() && i < shown; ++i) errors += "\n    " + c.errors[i];
  if (c.errors.size() > shown)
    errors += "\n    … " + std::to_string(c.errors.size() - shown) + " more";
  ADD_FAILURE() << (c.verdict == V::kUndocumented ? "Undocumented route: " : "Schema mismatch: ")
                << method << " " << target << " answered " << r.status << ", operation "
                << c.operation << ", schema " << (c.schema.empty() ? "-" : c.schema) << ":"
                << errors << "\n  body: " << r.body.substr(0, 500);
}

// Prints (and optionally records) the totals when the test program ends.
class ValidationReport : public ::testing::Environment {
 public:
  void SetUp() override { set_response_observer(&check_response); }
  void TearDown() override {
    Tally& t = tally();
    std::lock_guard lock(t.mu);
    std::ostringstream line;
    line << "validated " << t.validated << " API responses against their schemas ("
         << t.operations.size() << " operations); " << t.trivial
         << " more had only a free-form object schema, " << t.skipped
         << " were not checked (no JSON body, or not in the document); " << t.failed
         << " did not match";
    std::cout << "[contract] " << line.str() << std::endl;
    if (const char* f = std::getenv("XIAOAN_VALIDATION_REPORT"); f && *f) {
      std::ofstream out(f, std::ios::app);
      out << line.str() << "\n";
    }
  }
};
[[maybe_unused]] ::testing::Environment* const validation_report =
    ::testing::AddGlobalTestEnvironment(new ValidationReport);

}  // namespace

Server::Server(std::vector<std::string> extra_args, std::string db_url)
    : extra_(std::move(extra_args)), db_url_(std::move(db_url)) {
  dir_ = temp_dir();
  if (db_url_.empty()) db_url_ = fresh_database_url();
  start();
}

Server::~Server() {
  if (pid_ > 0) kill_hard();
  forget_port();
}

void Server::forget_port() {
  std::lock_guard lock(servers_mu);
  auto it = servers.find(port_);
  if (it != servers.end() && it->second == this) servers.erase(it);
}

std::shared_ptr<const ContractValidator> Server::contract() {
  if (!contract_ && pid_ > 0) {
    Client c(port_);
    auto r = c.get("/api/openapi.json");
    if (r.status == 200) contract_ = ContractValidator::for_document(r.body);
  }
  return contract_;
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
      std::lock_guard lock(servers_mu);
      servers[port_] = this;
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

void Server::start_with(std::vector<std::string> extra_args) {
  extra_ = std::move(extra_args);
  start();
}

void Server::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  forget_port();
}

int Server::terminate() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  forget_port();
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
