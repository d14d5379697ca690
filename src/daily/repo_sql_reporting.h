// SQL statements of school daily reports, the roll-up and school-day classification.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// Term calendars covering a day.
inline constexpr std::string_view kTermCalendarsOnDay =
    "SELECT id, org_id, name, start_date, end_date FROM term_calendars WHERE "
    "start_date <= $1 AND end_date >= $1 ORDER BY start_date";

// Calendar exceptions (holidays, make-up workdays) on a day.
inline constexpr std::string_view kCalendarDaysOn =
    "SELECT calendar_id, day, kind, name FROM calendar_days WHERE day = $1";

// School status periods covering a day.
inline constexpr std::string_view kStatusPeriodsOnDay =
    "SELECT school_id, id, status, start_date, end_date, note FROM school_status_periods "
    "WHERE start_date <= $1 AND end_date >= $1";

// A school's classes in grade order, with their node kind.
inline constexpr std::string_view kClassesOfSchoolWithKind =
    "SELECT n.id, n.name, n.kind FROM classes k JOIN org_nodes n ON n.id = k.org_id "
    "JOIN grades g ON g.org_id = k.grade_id WHERE k.school_id = $1 "
    "ORDER BY g.level, k.number";

// An org node's children, by code.
inline constexpr std::string_view kChildNodes =
    "SELECT id, name, kind FROM org_nodes WHERE parent_id = $1 ORDER BY code";

// A school's daily report of a day, with who submitted it.
inline constexpr std::string_view kDailyReportOfDay =
    "SELECT d.id, d.status, d.figures, d.zero, d.note, d.compiled_at, d.submitted_at, "
    "u.display_name, d.late, d.reopened_at, d.reopen_reason FROM daily_reports d "
    "LEFT JOIN users u ON u.id = d.submitted_by WHERE d.school_id = $1 AND d.day = $2";

// Enrolled pupils per class of a school.
inline constexpr std::string_view kEnrolledPerClass =
    "SELECT class_id, COUNT(*) FROM people WHERE school_id = $1 AND kind = 'student' AND "
    "status = 'enrolled' AND class_id IS NOT NULL GROUP BY class_id";

// The number of active staff of a school.
inline constexpr std::string_view kActiveStaffCount =
    "SELECT COUNT(*) FROM people WHERE school_id = $1 AND kind = 'staff' AND status = 'active'";

// Compiles a school's daily report of a day.
inline constexpr std::string_view kInsertDailyReport =
    "INSERT INTO daily_reports (school_id, org_path, day, status, figures, compiled_at) "
    "VALUES ($1, $2, $3, 'compiled', $4, $5)";

// Recompiles a daily report's figures.
inline constexpr std::string_view kUpdateDailyReportFigures =
    "UPDATE daily_reports SET figures = $1, compiled_at = $2 WHERE id = $3";

// Submits a school's daily report of a day.
inline constexpr std::string_view kSubmitDailyReport =
    "UPDATE daily_reports SET status = 'submitted', zero = $1, note = $2, submitted_at = $3, "
    "submitted_by = $4, late = $5 WHERE school_id = $6 AND day = $7";

// Reopens a submitted daily report.
inline constexpr std::string_view kReopenDailyReport =
    "UPDATE daily_reports SET status = 'reopened', reopened_at = $1, reopened_by = $2, "
    "reopen_reason = $3 WHERE id = $4";

// The daily reports of a day ($3) in the subtree [$1, $2).
inline constexpr std::string_view kDailyReportsUnder =
    "SELECT school_id, status, zero, late FROM daily_reports WHERE day = $3 AND (((org_path >= "
    "$1 AND org_path < $2)))";

// The school-level counters of a day ($3) in the subtree [$1, $2).
inline constexpr std::string_view kSchoolCountersUnder =
    "SELECT school_id, name, n FROM day_counters WHERE day = $3 AND class_id = 0 AND "
    "(((org_path >= $1 AND org_path < $2)))";

// Family reports of a day ($1) reading in [$2, $3) in the subtree [$4, $5).
inline constexpr std::string_view kReportReadingsBetween =
    "SELECT COUNT(*) FROM health_reports WHERE day = $1 AND temperature >= $2 AND temperature "
    "< $3 AND "
    "(((org_path >= $4 AND org_path < $5)))";

// Class-check marks of a day ($1) reading in [$2, $3) in the subtree [$4, $5).
inline constexpr std::string_view kCheckReadingsBetween =
    "SELECT COUNT(*) FROM check_marks m JOIN class_checks k ON k.id = m.check_id WHERE k.day = "
    "$1 AND "
    "m.temperature >= $2 AND m.temperature < $3 AND (((k.org_path >= $4 AND k.org_path < $5)))";

// Gate checks of a day ($1) reading in [$2, $3) in the subtree [$4, $5).
inline constexpr std::string_view kGateReadingsBetween =
    "SELECT COUNT(*) FROM gate_passes g JOIN people p ON p.id = g.person_id WHERE g.day = $1 AND "
    "g.temperature >= $2 AND g.temperature < $3 AND (((p.org_path >= $4 AND p.org_path < $5)))";

}  // namespace xiaoan::daily::sql
