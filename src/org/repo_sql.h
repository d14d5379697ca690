// Statements of the org module's services (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::org::sql {

// The gates of a school.
inline constexpr std::string_view kGatesOfSchool =
    "SELECT id, name, note FROM gates WHERE school_id = $1 ORDER BY id";

// The places of a school by kind and name.
inline constexpr std::string_view kPlacesOfSchool =
    "SELECT id, kind, name, building, capacity FROM places WHERE school_id = $1 "
    "ORDER BY kind, name";

// The enrolled students and active staff of a school.
inline constexpr std::string_view kHeadcountOfSchool =
    "SELECT SUM(CASE WHEN kind = 'student' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN kind = 'staff' THEN 1 ELSE 0 END) FROM people "
    "WHERE school_id = $1 AND status IN ('enrolled', 'active')";

// Stores a grade of a school.
inline constexpr std::string_view kInsertGrade =
    "INSERT INTO grades (org_id, school_id, level) VALUES ($1,$2,$3)";

// The class with a number in a grade.
inline constexpr std::string_view kClassOfGradeNumber =
    "SELECT org_id FROM classes WHERE grade_id = $1 AND number = $2";

// Stores a class of a grade.
inline constexpr std::string_view kInsertClass =
    "INSERT INTO classes (org_id, school_id, grade_id, number) VALUES ($1,$2,$3,$4)";

// The level of a grade.
inline constexpr std::string_view kGradeLevel =
    "SELECT level FROM grades WHERE org_id = $1";

// Whether a grade has a class with a number.
inline constexpr std::string_view kClassNumberTaken =
    "SELECT 1 FROM classes WHERE grade_id = $1 AND number = $2";

// The school of a class.
inline constexpr std::string_view kSchoolOfClass =
    "SELECT school_id FROM classes WHERE org_id = $1";

// The paths of the nodes a user holds grants on.
inline constexpr std::string_view kGrantPathsOfUser =
    "SELECT o.path FROM grants g JOIN org_nodes o ON o.id = g.org_id WHERE g.user_id = $1";

// Whether a user holds the head-teacher grant on a class.
inline constexpr std::string_view kHeadTeacherGrant =
    "SELECT 1 FROM grants WHERE user_id = $1 AND role = 'head_teacher' AND org_id = $2";

// Grants a user the head-teacher role on a class.
inline constexpr std::string_view kInsertHeadTeacherGrant =
    "INSERT INTO grants (user_id, role, org_id, created_at) VALUES ($1,'head_teacher',$2,$3)";

// Sets the head teacher of a class.
inline constexpr std::string_view kSetHeadTeacher =
    "UPDATE classes SET head_teacher_id = $1 WHERE org_id = $2";

// Stores a gate of a school; returns its id.
inline constexpr std::string_view kInsertGate =
    "INSERT INTO gates (school_id, name, note) VALUES ($1,$2,$3) RETURNING id";

// Stores a place of a school; returns its id.
inline constexpr std::string_view kInsertPlace =
    "INSERT INTO places (school_id, kind, name, building, capacity) "
    "VALUES ($1,$2,$3,$4,$5) RETURNING id";

// Stores a status period of a school; returns its id.
inline constexpr std::string_view kInsertStatusPeriod =
    "INSERT INTO school_status_periods (school_id, status, start_date, end_date, note, "
    "created_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id";

// Stores a term calendar; returns its id.
inline constexpr std::string_view kInsertCalendar =
    "INSERT INTO term_calendars (org_id, name, start_date, end_date, created_at) "
    "VALUES ($1,$2,$3,$4,$5) RETURNING id";

// Whether a calendar has an entry for a day.
inline constexpr std::string_view kCalendarDayExists =
    "SELECT 1 FROM calendar_days WHERE calendar_id = $1 AND day = $2";

// Stores a calendar day.
inline constexpr std::string_view kInsertCalendarDay =
    "INSERT INTO calendar_days (calendar_id, day, kind, name) VALUES ($1,$2,$3,$4)";

// The school of a gate.
inline constexpr std::string_view kSchoolOfGate =
    "SELECT school_id FROM gates WHERE id = $1";

// Removes a gate.
inline constexpr std::string_view kDeleteGate =
    "DELETE FROM gates WHERE id = $1";

// The school of a place.
inline constexpr std::string_view kSchoolOfPlace =
    "SELECT school_id FROM places WHERE id = $1";

// Removes a place.
inline constexpr std::string_view kDeletePlace =
    "DELETE FROM places WHERE id = $1";

// The school of a status period.
inline constexpr std::string_view kSchoolOfStatusPeriod =
    "SELECT school_id FROM school_status_periods WHERE id = $1";

// Removes a status period.
inline constexpr std::string_view kDeleteStatusPeriod =
    "DELETE FROM school_status_periods WHERE id = $1";

}  // namespace xiaoan::org::sql
