// Statements of the audit log (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace xiaoan::auth {
struct AuditQuery;
}

namespace xiaoan::auth::sql {

// Appends an entry to the audit log.
inline constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, org_id, "
    "org_path, ip, before_json, after_json) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";

// How often an actor did an action since an instant.
inline constexpr std::string_view kCountActions =
    "SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND action = $2 AND at >= $3";

// Statements whose shape varies (IN lists, optional filters): built in repo_audit.cpp, values
// bound with store::SqlBuilder, never written into the text.

// One page of audit entries matching `q` (limit + 1 rows, newest first) with the actor's display
// name and the org node's name.
store::Rows audit_page(store::Conn& c, const AuditQuery& q);
// Whether targets of this type have readable names (a user, an org node, a person).
bool has_target_names(const std::string& target_type);
// id, name and a second name (a user's username, else "") of the targets `ids` of a type.
store::Rows target_names(store::Conn& c, const std::string& target_type, const std::vector<int64_t>& ids);

}  // namespace xiaoan::auth::sql
