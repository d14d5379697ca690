// The demo city: 临沂市 with its districts, townships and schools of every type, pupils with
// guardians and special groups, staff, a term calendar, and one account per role with
// documented passwords.
#pragma once

#include <string>
#include <vector>

#include "people/id_vault.h"
#include "store/db.h"

namespace xiaoan::demo {

struct DemoAccount {
  std::string username, password, role, scope;
};

enum class Scale {
  kTiny,   // the org tree, accounts and one class of pupils: fast, for tests
  kSmall,  // ~24 schools, ~10k people: the default demo
  kCity,   // seed 004: 12 counties, 5,616 schools, 2.4 M pupils and staff (benchmarks)
};

// Creates the demo data when the database has no org nodes; returns the accounts either way
// (their passwords are fixed and documented in README.md).
// The small demo also gets `history_days` school days of daily-loop history (before today).
std::vector<DemoAccount> ensure_demo(store::Db& db, const people::IdVault& vault,
                                     Scale scale = Scale::kSmall, int history_days = 14);
extern const char* const kDemoPassword;

}  // namespace xiaoan::demo
