// Roster import: one code path for the web wizard and `xiaoan import roster`. A table (CSV or
// XLSX, see tabular.h) is mapped by its Chinese or English headers, every row validated, and —
// unless it is a dry run — written in one transaction: new people inserted, known ones (same
// student number, else same ID number) updated, unchanged ones left alone.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "people/service.h"
#include "core/messages.h"
#include "people/tabular.h"

namespace xiaoan::people {

struct ImportOptions {
  std::string kind = "student";  // student | staff
  bool dry_run = true;
  bool valid_only = false;  // write the valid rows even when others are bad
  // Staff: a sign-in account per staff member with a mobile phone (username = the phone, a
  // grant by role on the school, password change at first sign-in). Passwords are hashed before
  // the transaction: `secrets` maps a phone to (temporary password, argon2id hash).
  bool create_accounts = false;
  std::map<std::string, std::pair<std::string, std::string>> secrets = {};
};

struct RowError {
  int row;             // row/line number in the file
  std::string column;  // the header as written in the file ("" for the whole row)
  Error error;
};

struct ImportReport {
  int rows = 0, valid = 0, invalid = 0;
  int created = 0, updated = 0, unchanged = 0, classes_created = 0;
  bool written = false;
  std::vector<RowError> errors;
  std::vector<std::string> ignored_columns;
  std::vector<std::string> accounts_needed;  // phones that need a new account
  Json accounts = Json::array();             // created: name, username, password (shown once), role
};

// Column headers understood for a kind (Chinese first), for the template and the docs.
std::vector<std::string> template_headers(const std::string& kind);
std::vector<std::string> template_example(const std::string& kind);

// Errors that concern the whole file (a missing required column, out of scope) are returned as
// an error; row problems are in the report.
Result<ImportReport> import_roster(store::Conn& c, const Caller& caller, int64_t school_id,
                                   const Table& table, const ImportOptions& options);

Json report_json(const ImportReport& r, Lang lang);

}  // namespace xiaoan::people
