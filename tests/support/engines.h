// Test support: which engine a test run uses, and a fresh empty database on it.
#pragma once

#include <string>

namespace xiaoan::testing {

// "sqlite" or "postgresql", from XIAOAN_TEST_ENGINE (default sqlite).
std::string test_engine();
// A URL of a new, empty database on the test engine. SQLite: a file in a new temp directory.
// PostgreSQL: a new database on the server named by XIAOAN_TEST_PG_URL (required: a missing
// server is a failure, never a skip).
std::string fresh_database_url();
// A new empty temporary directory.
std::string temp_dir();

}  // namespace xiaoan::testing
