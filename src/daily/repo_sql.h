// SQL statements of the daily module used by several services (org nodes, class lists), and of the
// scheduler.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// An org node's path and name.
inline constexpr std::string_view kNodePathName = "SELECT path, name FROM org_nodes WHERE id = $1";

// A school's classes in grade order.
inline constexpr std::string_view kClassesOfSchool =
    "SELECT n.id, n.name FROM classes k JOIN org_nodes n ON n.id = k.org_id "
    "JOIN grades g ON g.org_id = k.grade_id WHERE k.school_id = $1 ORDER BY g.level, k.number";

// An org node's path.
inline constexpr std::string_view kNodePath = "SELECT path FROM org_nodes WHERE id = $1";

// The number of a school's absences of a day left untraced past their due time.
inline constexpr std::string_view kOverdueUntracedAbsences =
    "SELECT COUNT(*) FROM absences WHERE school_id = $1 AND day = $2 AND reason = '' AND "
    "traced_at IS NULL AND due_at < $3";

// The status of a school's daily report of a day.
inline constexpr std::string_view kDailyReportStatus =
    "SELECT status FROM daily_reports WHERE school_id = $1 AND day = $2";

// Marks a school's daily report of a day late.
inline constexpr std::string_view kMarkDailyReportLate =
    "UPDATE daily_reports SET late = 1 WHERE school_id = $1 AND day = $2";

// The scheduled jobs already run on a day.
inline constexpr std::string_view kScheduledRunsOfDay =
    "SELECT job, school_id FROM scheduled_runs WHERE day = $1";

// Records a scheduled job's run (once per job, school and day).
inline constexpr std::string_view kInsertScheduledRun =
    "INSERT INTO scheduled_runs (job, school_id, day, ran_at) VALUES ($1, $2, $3, "
    "$4) ON CONFLICT (job, school_id, day) DO NOTHING";

// An org node's id, path, kind and name.
inline constexpr std::string_view kNodeRef =
    "SELECT id, path, kind, name FROM org_nodes WHERE id = $1";

}  // namespace xiaoan::daily::sql
