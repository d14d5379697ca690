// Statements of the people services (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::people::sql {

// Another person of a school with a student number.
inline constexpr std::string_view kStudentNoTaken =
    "SELECT id FROM people WHERE school_id = $1 AND student_no = $2 AND id <> $3";

// The school of a class.
inline constexpr std::string_view kSchoolOfClass =
    "SELECT school_id FROM classes WHERE org_id = $1";

// Whether another person of a school has a student number.
inline constexpr std::string_view kStudentNoUsed =
    "SELECT 1 FROM people WHERE school_id = $1 AND student_no = $2 AND id <> $3";

// The next `$1` ids of the people table's identity sequence (PostgreSQL), one row each.
inline constexpr std::string_view kNextPersonIdsPg =
    "SELECT nextval(pg_get_serial_sequence('people', 'id')) FROM generate_series(1, $1)";

// The highest people id ever given (SQLite AUTOINCREMENT: the larger of the sequence and the
// table's max); the single writer holds the lock, so the ids after it are free to take.
inline constexpr std::string_view kLastPersonIdSqlite =
    "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'people'), 0), "
    "COALESCE((SELECT MAX(id) FROM people), 0))";

}  // namespace xiaoan::people::sql
