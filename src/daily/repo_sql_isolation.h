// SQL statements of observation and isolation episodes.
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::daily::sql {

// An observation episode.
inline constexpr std::string_view kObservationById =
    "SELECT id, person_id, school_id, stage, org_path, day, source, opened_at, stage_at, "
    "last_fever_at FROM observations WHERE id = $1";

// Records a step of an observation episode.
inline constexpr std::string_view kInsertObservationStep =
    "INSERT INTO observation_steps (observation_id, at, step, stage, temperature, note, "
    "actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

// A person's health code colours since a time, from gate checks and family reports.
inline constexpr std::string_view kCodeColorsSince =
    "SELECT code_color, at FROM (SELECT code_color, at FROM gate_passes WHERE person_id = $1 AND "
    "at >= $2 UNION ALL SELECT code_color, updated_at AS at FROM health_reports WHERE "
    "person_id = "
    "$1 AND updated_at >= $2 AND code_color <> '') latest ORDER BY at DESC LIMIT 1";

// The temperature and note of an observation episode's opening step.
inline constexpr std::string_view kObservationOpenStep =
    "SELECT temperature, note FROM observation_steps WHERE observation_id = $1 AND step = "
    "'open' ORDER BY id LIMIT 1";

// A person's first gate check of a day that did not release them, since a time.
inline constexpr std::string_view kFirstDivertedGatePass =
    "SELECT temperature, temperature_source, code_color, reason, at FROM gate_passes WHERE "
    "person_id = $1 AND day = $2 AND released = 0 AND at >= $3 ORDER BY at, id LIMIT 1";

// A person's family report reading of a day.
inline constexpr std::string_view kHealthReportReading =
    "SELECT temperature, symptoms, updated_at FROM health_reports WHERE person_id = $1 AND "
    "day = $2";

// A person's guardians.
inline constexpr std::string_view kGuardiansOfPerson =
    "SELECT name, relation, phone FROM guardians WHERE person_id = $1 ORDER BY position, id";

// The steps of an observation episode.
inline constexpr std::string_view kObservationSteps =
    "SELECT at, step, stage, temperature, note, actor_name FROM observation_steps "
    "WHERE observation_id = $1 ORDER BY at, id";

// An observation episode's clinic and diagnosis.
inline constexpr std::string_view kObservationClinic =
    "SELECT clinic, diagnosis FROM observations WHERE id = $1";

// Opens an observation episode; returns its id.
inline constexpr std::string_view kInsertObservation =
    "INSERT INTO observations (person_id, school_id, class_id, org_path, day, "
    "source, stage, opened_at, stage_at, last_fever_at) VALUES ($1, $2, $3, $4, "
    "$5, $6, 'observation', $7, $7, $8) RETURNING id";

// Whether a person has an episode not yet closed.
inline constexpr std::string_view kActiveObservationOfPerson =
    "SELECT 1 FROM observations WHERE person_id = $1 AND stage IN ('observation', "
    "'isolation', 'away', 'awaiting_return')";

// Moves an observation episode to a stage.
inline constexpr std::string_view kUpdateObservationStage =
    "UPDATE observations SET stage = $1, stage_at = $2, last_fever_at = $3, "
    "clinic = CASE WHEN $4 = '' THEN clinic ELSE $4 END, "
    "diagnosis = CASE WHEN $5 = '' THEN diagnosis ELSE $5 END, closed_at = $6 WHERE id = $7";

// A school's latest 200 episodes not yet returned or closed.
inline constexpr std::string_view kOpenObservationsOfSchool =
    "SELECT id FROM observations WHERE school_id = $1"
    " AND stage NOT IN ('returned', 'closed')"
    " ORDER BY opened_at DESC LIMIT 200";

// A school's latest 200 episodes still open or opened since $2.
inline constexpr std::string_view kRecentObservationsOfSchool =
    "SELECT id FROM observations WHERE school_id = $1"
    " AND (stage NOT IN ('returned', 'closed') OR day >= $2)"
    " ORDER BY opened_at DESC LIMIT 200";

}  // namespace xiaoan::daily::sql
