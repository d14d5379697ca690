// Statements of the family links (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::family::sql {

// Revokes a person's live family links.
inline constexpr std::string_view kRevokeLinks =
    "UPDATE family_links SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL";

// Stores a family link (its hash and encrypted token).
inline constexpr std::string_view kInsertLink =
    "INSERT INTO family_links (person_id, token_hash, token_cipher, created_at, created_by) "
    "VALUES ($1,$2,$3,$4,$5)";

// The name of a class's school.
inline constexpr std::string_view kSchoolNameOfClass =
    "SELECT o.name FROM classes k JOIN org_nodes o ON o.id = k.school_id "
    "WHERE k.org_id = $1";

// The enrolled pupils of a class with their live link's encrypted token.
inline constexpr std::string_view kClassLinks =
    "SELECT p.id, p.name, p.student_no, l.token_cipher FROM people p "
    "LEFT JOIN family_links l ON l.person_id = p.id AND l.revoked_at IS NULL "
    "WHERE p.class_id = $1 AND p.status = 'enrolled' ORDER BY p.student_no, p.id";

}  // namespace xiaoan::family::sql
