// SQL statements of absences, their tracing and dropout cases.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// Records an absence.
inline constexpr std::string_view kInsertAbsence =
    "INSERT INTO absences (person_id, school_id, class_id, org_path, day, source, reason, "
    "recorded_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

// Changes an absence's reason (a follow-up time only stays for a sick absence).
inline constexpr std::string_view kUpdateAbsenceReason =
    "UPDATE absences SET reason = $1, due_at = CASE WHEN $1 = 'sick' THEN due_at ELSE "
    "NULL END WHERE id = $2";

// Deletes an absence.
inline constexpr std::string_view kDeleteAbsence = "DELETE FROM absences WHERE id = $1";

// Records the trace of an absence.
inline constexpr std::string_view kTraceAbsence =
    "UPDATE absences SET reason = $1, symptoms = $2, clinic = $3, diagnosis = $4, note = $5, "
    "traced_at = $6, traced_by = $7, due_at = $8 WHERE id = $9";

// Records a pupil's return after an absence.
inline constexpr std::string_view kAbsenceReturned =
    "UPDATE absences SET returned_at = $1, return_temperature = $2, note = CASE WHEN $3 = '' "
    "THEN note ELSE $3 END WHERE id = $4";

// Pupils of a school absent without reason on a day and without a dropout case.
inline constexpr std::string_view kUntracedPupilAbsences =
    "SELECT a.person_id FROM absences a JOIN people p ON p.id = a.person_id "
    "WHERE a.school_id = $1 AND a.day = $2 AND a.reason = '' AND p.kind = 'student' AND "
    "NOT EXISTS (SELECT 1 FROM dropout_cases d WHERE d.person_id = a.person_id AND "
    "d.status IN ('open', 'escalated'))";

// A person's absence days without reason in a date range.
inline constexpr std::string_view kUnexplainedAbsenceDays =
    "SELECT day FROM absences WHERE person_id = $1 AND reason = '' AND day >= $2 AND "
    "day <= $3";

// Opens a dropout case.
inline constexpr std::string_view kInsertDropoutCase =
    "INSERT INTO dropout_cases (person_id, school_id, org_path, opened_day, days_absent, "
    "status, failed_attempts, opened_at) VALUES ($1, $2, $3, $4, $5, 'open', 0, $6)";

// The contact attempts of a dropout case.
inline constexpr std::string_view kDropoutAttempts =
    "SELECT at, method, outcome, note, actor_name FROM dropout_attempts WHERE case_id = $1 "
    "ORDER BY at";

// A dropout case's person, school, status and failed attempts.
inline constexpr std::string_view kDropoutCaseById =
    "SELECT person_id, school_id, org_path, status, failed_attempts FROM dropout_cases "
    "WHERE id = $1";

// Records a contact attempt of a dropout case.
inline constexpr std::string_view kInsertDropoutAttempt =
    "INSERT INTO dropout_attempts (case_id, at, method, outcome, note, actor_id, actor_name) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";

// Updates a dropout case's failed attempts, status and closing time.
inline constexpr std::string_view kUpdateDropoutCase =
    "UPDATE dropout_cases SET failed_attempts = $1, status = $2, closed_at = $3 WHERE id = $4";

// A person's absence of a day.
inline constexpr std::string_view kAbsenceOfPersonDay =
    "SELECT id, person_id, school_id, day, source, reason, org_path, class_id, traced_at, "
    "returned_at FROM absences WHERE "
    "person_id = $1 AND day = $2";

// An absence by id.
inline constexpr std::string_view kAbsenceById =
    "SELECT id, person_id, school_id, day, source, reason, org_path, class_id, traced_at, "
    "returned_at FROM absences WHERE "
    "id = $1";

// The absences of a day in the subtree [$2, $3), with the pupil and class names.
inline constexpr std::string_view kAbsencesUnder =
    "SELECT a.id, a.person_id, p.name, COALESCE(k.name, ''), a.source, a.reason, a.recorded_at, "
    "a.symptoms, a.clinic, a.due_at, a.traced_at, a.returned_at, a.diagnosis, a.note, "
    "COALESCE(p.student_no, ''), a.class_id, a.day FROM absences a "
    "JOIN people p ON p.id = a.person_id LEFT JOIN org_nodes k ON k.id = a.class_id WHERE "
    "a.day = $1 AND (((a.org_path >= $2 AND a.org_path < $3))) ORDER BY p.name";

// The latest 500 dropout cases in the subtree [$1, $2).
inline constexpr std::string_view kDropoutCasesUnder =
    "SELECT d.id, d.person_id, p.name, COALESCE(k.name, ''), d.opened_day, d.days_absent, "
    "d.status, d.failed_attempts, d.opened_at, s.name FROM dropout_cases d "
    "JOIN people p ON p.id = d.person_id LEFT JOIN org_nodes k ON k.id = p.class_id "
    "JOIN org_nodes s ON s.id = d.school_id WHERE (((d.org_path >= $1 AND d.org_path < $2)))"
    " ORDER BY d.opened_at DESC LIMIT 500";

// The latest 500 dropout cases in the subtree [$1, $2) with status $3.
inline constexpr std::string_view kDropoutCasesUnderWithStatus =
    "SELECT d.id, d.person_id, p.name, COALESCE(k.name, ''), d.opened_day, d.days_absent, "
    "d.status, d.failed_attempts, d.opened_at, s.name FROM dropout_cases d "
    "JOIN people p ON p.id = d.person_id LEFT JOIN org_nodes k ON k.id = p.class_id "
    "JOIN org_nodes s ON s.id = d.school_id WHERE (((d.org_path >= $1 AND d.org_path < $2)))"
    " AND d.status = $3"
    " ORDER BY d.opened_at DESC LIMIT 500";

}  // namespace xiaoan::daily::sql
