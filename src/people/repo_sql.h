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

}  // namespace xiaoan::people::sql
