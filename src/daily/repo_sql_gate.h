// SQL statements of the gate kiosk: gate checks, pass look-ups and visitors.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// The family's (or staff member's own) report of a day, as the gate reads it.
inline constexpr std::string_view kHomeReportOfDay =
    "SELECT temperature, code_color, attending, late, symptoms, household_fever, updated_at "
    "FROM health_reports WHERE person_id = $1 AND day = $2";

// A person's latest gate check of a day.
inline constexpr std::string_view kLastGatePassOfDay =
    "SELECT at, released, reason, temperature, temperature_source FROM gate_passes WHERE "
    "person_id = $1 AND day = $2 ORDER BY at DESC LIMIT 1";

// A class node's path and name.
inline constexpr std::string_view kClassPathName =
    "SELECT path, name FROM org_nodes WHERE id = $1 AND kind = 'class'";

// Up to 10 enrolled pupils / active staff of a school by name fragment (LIKE, escaped) or student
// number.
inline constexpr std::string_view kGateSearchPeople =
    "SELECT id FROM people WHERE school_id = $1 AND status IN ('enrolled', 'active') AND "
    "(name LIKE $2 ESCAPE '\\' OR student_no = $3) ORDER BY name LIMIT 10";

// A school's gates.
inline constexpr std::string_view kGatesOfSchool =
    "SELECT id, name FROM gates WHERE school_id = $1 ORDER BY id";

// Whether a gate belongs to the school.
inline constexpr std::string_view kGateOfSchool =
    "SELECT 1 FROM gates WHERE id = $1 AND school_id = $2";

// Records a gate check; returns its id.
inline constexpr std::string_view kInsertGatePass =
    "INSERT INTO gate_passes (person_id, school_id, gate_id, day, at, code_color, "
    "temperature, temperature_source, released, reason, guard_id) VALUES ($1, $2, "
    "$3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";

// A person's open observation or isolation episode, if any.
inline constexpr std::string_view kOpenObservationOfPerson =
    "SELECT id FROM observations WHERE person_id = $1 AND stage IN ('observation', "
    "'isolation') ";

// A school's approved visitors of a day.
inline constexpr std::string_view kVisitorsOfDay =
    "SELECT id, name, phone, reason, host, visit_date, approved_at, entered_at, temperature, "
    "code_color, outcome FROM visitors WHERE school_id = $1 AND visit_date = $2 ORDER BY id";

// Pre-approves a visitor; returns its id.
inline constexpr std::string_view kInsertVisitor =
    "INSERT INTO visitors (school_id, visit_date, name, phone, reason, host, "
    "approved_by, approved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

// A visitor's school, date, entry time and name.
inline constexpr std::string_view kVisitorById =
    "SELECT school_id, visit_date, entered_at, name FROM visitors WHERE id = $1";

// Records a visitor's entry check.
inline constexpr std::string_view kVisitorEntry =
    "UPDATE visitors SET entered_at = $1, temperature = $2, code_color = $3, outcome = $4 "
    "WHERE id = $5";

}  // namespace xiaoan::daily::sql
