// The demo city: org tree of 临沂市 with two districts, townships and schools, and one account
// per role with documented passwords.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace xiaoan::demo {

struct DemoAccount {
  std::string username, password, role, scope;
};

// Creates the demo data when the database has no org nodes; returns the accounts either way
// (their passwords are fixed and documented in README.md).
std::vector<DemoAccount> ensure_demo(store::Db& db);
extern const char* const kDemoPassword;

}  // namespace xiaoan::demo
