// API test harness: runs the real xiaoan binary on port 0 against a fresh database of the
// engine under test (XIAOAN_TEST_ENGINE), and talks HTTP to it.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json_input.h"
#include "support/http_client.h"

namespace xiaoan::testing {

class ContractValidator;

// Every answer a Client gets from a running Server is checked against that server's OpenAPI
// document (contract_validator.h): a body that does not match its operation's schema, or an /api/
// route the document does not list, fails the test. The totals are printed at the end of the run
// (and appended to the file XIAOAN_VALIDATION_REPORT names, when set).
class Server {
 public:
  // Starts `xiaoan demo` (demo city + accounts) on a fresh database; extra CLI args appended.
  explicit Server(std::vector<std::string> extra_args = {}, std::string db_url = "");
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  // start() with other extra CLI args (after kill_hard or terminate), on the same database.
  void start_with(std::vector<std::string> extra_args);
  void kill_hard();              // SIGKILL, then reap
  int terminate();               // SIGTERM; returns the exit status
  uint16_t port() const { return port_; }
  const std::string& db_url() const { return db_url_; }
  const std::string& data_dir() const { return dir_; }
  std::string log() const;
  // The validator of this server's /api/openapi.json, fetched on first use (null while the
  // document cannot be fetched).
  std::shared_ptr<const ContractValidator> contract();

 private:
  void forget_port();
  std::vector<std::string> extra_;
  std::string db_url_, dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::shared_ptr<const ContractValidator> contract_;
};

// The id of the org node with this code, read through the API as the city admin.
std::string node_id(uint16_t port, const std::string& code);

// Moves the server's test clock (--test-clock) to `now` (ISO 8601); the answer lists the jobs run.
Json set_clock(Client& c, const std::string& now);
// The secret of a family link (…/f/<secret>).
std::string token_of(const std::string& url);
// A phone signed in through a new family link of the pupil, issued by `staff`.
Client family_phone(uint16_t port, Client& staff, const std::string& pupil);
// PUT of a JSON body.
HttpResponse put(Client& c, const std::string& path, const Json& body);
// How many items of a notification list (GET /api/notifications …) are of this kind.
int64_t count_of(const Json& notifications, const std::string& kind);
// Today in the server's time zone (the test process shares the machine's clock and zone).
std::string today();
// The first Monday at least `days` days from today.
std::string monday_after(int days);

}  // namespace xiaoan::testing
