// Statements of the return status, dropout cases and risk areas (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::reopen::sql {

// A person's open or escalated dropout case, the latest.
inline constexpr std::string_view kOpenDropoutCase =
    "SELECT id FROM dropout_cases WHERE person_id = $1 AND status IN ('open', 'escalated') "
    "ORDER BY opened_at DESC LIMIT 1";

// Opens a dropout case for a person; returns its id.
inline constexpr std::string_view kInsertDropoutCase =
    "INSERT INTO dropout_cases (person_id, school_id, org_path, opened_day, days_absent, status, "
    "failed_attempts, opened_at) VALUES ($1, $2, $3, $4, 0, 'open', 0, $5) RETURNING id";

// A person's return state, reason and expected day.
inline constexpr std::string_view kReturnStatus =
    "SELECT state, reason, expected_date FROM return_status WHERE person_id = $1";

// Stores a person's return status (one row per person).
inline constexpr std::string_view kUpsertReturnStatus =
    "INSERT INTO return_status (person_id, school_id, org_path, state, reason, expected_date, note, "
    "returned_on, dropout_case_id, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11) ON CONFLICT (person_id) DO UPDATE SET state = excluded.state, reason = "
    "excluded.reason, expected_date = excluded.expected_date, note = excluded.note, returned_on = "
    "excluded.returned_on, dropout_case_id = excluded.dropout_case_id, updated_at = "
    "excluded.updated_at, updated_by = excluded.updated_by";

// The children of an org node, by code.
inline constexpr std::string_view kChildNodes =
    "SELECT id, name, kind, path FROM org_nodes WHERE parent_id = $1 ORDER BY code";

// Marks a person returned on a day (from the gate).
inline constexpr std::string_view kMarkReturned =
    "INSERT INTO return_status (person_id, school_id, org_path, state, returned_on, updated_at) "
    "SELECT id, school_id, org_path, 'returned', $2, $3 FROM people WHERE id = $1 "
    "ON CONFLICT (person_id) DO UPDATE SET state = 'returned', reason = '', returned_on = "
    "excluded.returned_on, updated_at = excluded.updated_at";

// Stores a risk area; returns its id.
inline constexpr std::string_view kInsertRiskArea =
    "INSERT INTO risk_areas (org_id, region_code, street, level, start_date, end_date, note, "
    "created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

// Ends a risk area.
inline constexpr std::string_view kEndRiskArea =
    "UPDATE risk_areas SET end_date = $1, ended_at = $2, ended_by = $3 WHERE id = $4";

// Enrolled/active people in a subtree [$1, $2) by eligibility status.
inline constexpr std::string_view kEligibilityCountsUnder =
    "SELECT e.status, COUNT(*) FROM eligibility e JOIN people p ON p.id = e.person_id WHERE "
    "p.status IN ('enrolled', 'active') AND (((p.org_path >= $1 AND p.org_path < $2))) GROUP BY e.status";

// Every risk area with its creator's name, latest start first.
inline constexpr std::string_view kRiskAreasWithCreator =
    "SELECT a.id, a.org_id, a.region_code, a.street, a.level, a.start_date, a.end_date, a.note, "
    "a.created_at, COALESCE(u.display_name, '') FROM risk_areas a "
    "LEFT JOIN users u ON u.id = a.created_by "
    "ORDER BY a.start_date DESC, a.id DESC";

// A risk area with its creator's name.
inline constexpr std::string_view kRiskArea =
    "SELECT a.id, a.org_id, a.region_code, a.street, a.level, a.start_date, a.end_date, a.note, "
    "a.created_at, COALESCE(u.display_name, '') FROM risk_areas a "
    "LEFT JOIN users u ON u.id = a.created_by "
    "WHERE a.id = $1";

}  // namespace xiaoan::reopen::sql
