// SQL statements of class checks, staff checks and family health reports.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// A class node with its school.
inline constexpr std::string_view kClassWithSchool =
    "SELECT n.id, k.school_id, n.path, n.name FROM org_nodes n JOIN classes k ON k.org_id = n.id "
    "WHERE n.id = $1";

// The marks of a class check.
inline constexpr std::string_view kCheckMarks =
    "SELECT person_id, status, temperature, symptoms, absence_reason FROM check_marks "
    "WHERE check_id = $1";

// A class's family reports of a day, as a check pre-fills them.
inline constexpr std::string_view kClassHealthReportsForCheck =
    "SELECT person_id, temperature, symptoms, attending FROM health_reports "
    "WHERE class_id = $1 AND day = $2";

// A class's check of a day and session, with who took it.
inline constexpr std::string_view kClassCheckOfSession =
    "SELECT ch.id, ch.checked_at, COALESCE(u.display_name, '') FROM class_checks ch "
    "LEFT JOIN users u ON u.id = ch.checked_by WHERE ch.class_id = $1 AND ch.day = $2 AND "
    "ch.session = $3";

// A class's family reports of a day, for the report overview.
inline constexpr std::string_view kClassHealthReportsOfDay =
    "SELECT person_id, temperature, symptoms, code_color, attending, absence_reason, late "
    "FROM health_reports WHERE class_id = $1 AND day = $2";

// The id of a class's check of a day and session.
inline constexpr std::string_view kClassCheckId =
    "SELECT id FROM class_checks WHERE class_id = $1 AND day = $2 AND session = $3";

// Deletes a check's marks (before they are written again).
inline constexpr std::string_view kDeleteCheckMarks = "DELETE FROM check_marks WHERE check_id = $1";

// Updates a class check's checker, time and enrolment.
inline constexpr std::string_view kUpdateClassCheck =
    "UPDATE class_checks SET checked_by = $1, checked_at = $2, enrolled = $3 WHERE id = $4";

// Records a class check; returns its id.
inline constexpr std::string_view kInsertClassCheck =
    "INSERT INTO class_checks (class_id, school_id, org_path, day, session, "
    "enrolled, checked_by, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "RETURNING id";

// Records one pupil's mark in a class check.
inline constexpr std::string_view kInsertCheckMark =
    "INSERT INTO check_marks (check_id, person_id, status, temperature, symptoms, "
    "absence_reason) VALUES ($1, $2, $3, $4, $5, $6)";

// A person's observation episode opened on a day.
inline constexpr std::string_view kObservationOfPersonDay =
    "SELECT id FROM observations WHERE person_id = $1 AND day = $2";

// A school's staff checks of a day.
inline constexpr std::string_view kStaffChecksOfDay =
    "SELECT person_id, at, temperature, symptoms FROM staff_checks WHERE school_id = $1 AND "
    "day = $2 ORDER BY at";

// A school's active staff, by role and name.
inline constexpr std::string_view kActiveStaffOfSchool =
    "SELECT id, name, COALESCE(staff_role, ''), outsourced FROM people WHERE school_id = $1 "
    "AND kind = 'staff' AND status = 'active' ORDER BY staff_role, name";

// Records a staff check; returns its id.
inline constexpr std::string_view kInsertStaffCheck =
    "INSERT INTO staff_checks (person_id, school_id, day, at, temperature, "
    "symptoms, checked_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";

// A person's family report of a day.
inline constexpr std::string_view kHealthReportOfDay =
    "SELECT id, temperature, symptoms, code_color, household_fever, left_city, attending, "
    "absence_reason, absence_note, late, created_at, updated_at FROM health_reports "
    "WHERE person_id = $1 AND day = $2";

// Updates a family report.
inline constexpr std::string_view kUpdateHealthReport =
    "UPDATE health_reports SET temperature = $1, symptoms = $2, code_color = $3, "
    "household_fever = $4, left_city = $5, attending = $6, absence_reason = $7, "
    "absence_note = $8, updated_at = $9 WHERE id = $10";

// Records a family report; returns its id.
inline constexpr std::string_view kInsertHealthReport =
    "INSERT INTO health_reports (temperature, symptoms, code_color, household_fever, "
    "left_city, attending, absence_reason, absence_note, created_at, updated_at, person_id, "
    "day, kind, school_id, class_id, org_path, late, reported_by) VALUES ($1, $2, $3, $4, $5, "
    "$6, $7, $8, $9, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id";

// Copies a report's symptoms onto the day's untraced absence.
inline constexpr std::string_view kAbsenceSymptomsFromReport =
    "UPDATE absences SET symptoms = $1 WHERE person_id = $2 AND day = $3 AND "
    "traced_at IS NULL";

}  // namespace xiaoan::daily::sql
