// Statements of the policy module (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "store/db.h"

namespace xiaoan::policy::sql {

// The latest policy values of a node and their version.
inline constexpr std::string_view kLatestVersion =
    "SELECT policy_values, version FROM policy_versions WHERE org_id = $1 "
    "ORDER BY version DESC LIMIT 1";

// The latest 50 policy versions of a node with their author.
inline constexpr std::string_view kVersionHistory =
    "SELECT v.version, v.policy_values, v.note, v.created_at, u.display_name "
    "FROM policy_versions v LEFT JOIN users u ON u.id = v.created_by "
    "WHERE v.org_id = $1 ORDER BY v.version DESC LIMIT 50";

// Stores a policy version.
inline constexpr std::string_view kInsertVersion =
    "INSERT INTO policy_versions (org_id, version, policy_values, note, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";

// The materialised path of an org node.
inline constexpr std::string_view kNodePath =
    "SELECT path FROM org_nodes WHERE id = $1";

// The latest version of each of the nodes `org_ids` that has one: org_id, values, the node's name
// (an IN list, built in repo.cpp).
store::Rows latest_versions_of(store::Conn& c, const std::vector<int64_t>& org_ids);

}  // namespace xiaoan::policy::sql
