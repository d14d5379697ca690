#include "support/engines.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>

namespace xiaoan::testing {

std::string test_engine() {
  const char* e = std::getenv("XIAOAN_TEST_ENGINE");
  return e && *e ? e : "sqlite";
}

std::string temp_dir() {
  static std::atomic<int> n{0};
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() /
             ("xiaoan-test-" + std::to_string(getpid()) + "-" + std::to_string(n++) + "-" +
              std::to_string(rd() % 100000));
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string fresh_database_url() {
  if (test_engine() == "sqlite") return "sqlite:" + temp_dir() + "/test.db";
  const char* base = std::getenv("XIAOAN_TEST_PG_URL");
  if (!base || !*base)
    throw std::runtime_error(
        "XIAOAN_TEST_PG_URL is not set: the PostgreSQL runs need a server (scripts/test starts one)");
  static std::atomic<int> n{0};
  std::random_device rd;
  std::string name = "xt_" + std::to_string(getpid()) + "_" + std::to_string(n++) + "_" +
                     std::to_string(rd() % 1000000);
  PGconn* c = PQconnectdb(base);
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot reach the test PostgreSQL: " + msg);
  }
  PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string err = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("CREATE DATABASE failed: " + err);
  // Replace the database name (the path after the last '/', before any '?').
  std::string url = base;
  auto q = url.find('?');
  std::string tail = q == std::string::npos ? "" : url.substr(q);
  std::string head = url.substr(0, q);
  auto slash = head.rfind('/');
  if (slash == std::string::npos || slash < head.find("//") + 2) head += "/";
  else head = head.substr(0, slash + 1);
  return head + name + tail;
}

}  // namespace xiaoan::testing
