// The audit log: append-only rows for every write and every read of sensitive data, written in
// the same transaction as the change they describe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "core/json_input.h"
#include "store/db.h"

namespace xiaoan::auth {

struct AuditEntry {
  std::string action;       // e.g. "user.create", "org.move", "person.id_reveal"
  std::string target_type;  // "user", "org_node", …
  std::string target_id;
  std::optional<int64_t> org_id;  // the org node the target belongs to (for scoped search)
  std::string org_path;           // its path ("/" when it belongs to no node)
  Json before;                    // null for creations and reads
  Json after;                     // null for deletions and reads
};

// The org node a user "belongs" to for audit rows (their first grant's node), so that sign-ins
// and account changes are found by admins of that subtree.
std::pair<std::optional<int64_t>, std::string> user_org(const std::vector<Grant>& grants);

// Appends one row. `actor` may be null (anonymous, e.g. a failed sign-in).
void audit(store::Conn& c, const Principal* actor, const std::string& ip, const AuditEntry& e,
           const std::string& actor_name_override = "");

// How many rows of `action` the account `actor_id` caused since the instant `since` (per-account
// limits such as ID number conflicts are counted from the log).
int64_t count_actions(store::Conn& c, int64_t actor_id, const std::string& action, int64_t since);

struct AuditQuery {
  std::vector<std::string> scope_paths;  // rows whose org path lies under one of these
  std::optional<std::string> actor;      // username or display name contains
  std::optional<std::string> action;     // prefix, e.g. "user." or "user.create"
  std::optional<int64_t> from, to;       // instants, inclusive from, exclusive to
  std::string org_path_filter;  // narrow to a subtree (already authorised)
  int64_t before_id = 0;        // page backwards from this id (0: newest)
  int limit = 50;
};

struct AuditPage {
  Json items = Json::array();
  std::optional<int64_t> next_before;
};

AuditPage search_audit(store::Conn& c, const AuditQuery& q);

}  // namespace xiaoan::auth
