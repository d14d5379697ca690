// Statements of the reopening applications and return plans (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::reopen::sql {

// The number of return batches of a school, their first and last day and the latest id.
inline constexpr std::string_view kReturnBatchSummary =
    "SELECT COUNT(*), COALESCE(MIN(return_date), ''), COALESCE(MAX(return_date), ''), "
    "COALESCE(MAX(id), 0) FROM return_batches WHERE school_id = $1";

// The review steps of an application with the level's name and the reviewer, in order.
inline constexpr std::string_view kApplicationSteps =
    "SELECT st.at, st.level, n.name, COALESCE(u.display_name, ''), st.decision, st.comment "
    "FROM reopen_steps st JOIN org_nodes n ON n.id = st.org_id LEFT JOIN users u ON "
    "u.id = st.actor_id WHERE st.application_id = $1 ORDER BY st.at, st.id";

// Records a review step of an application.
inline constexpr std::string_view kInsertApplicationStep =
    "INSERT INTO reopen_steps (application_id, at, level, org_id, actor_id, decision, comment) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";

// Removes a school's closed/postponed periods that start on or after a day.
inline constexpr std::string_view kDeleteClosuresFrom =
    "DELETE FROM school_status_periods WHERE school_id = $1 AND status IN ('closed', 'postponed') "
    "AND start_date >= $2";

// Ends a school's closed/postponed periods still running on a day.
inline constexpr std::string_view kEndClosuresAt =
    "UPDATE school_status_periods SET end_date = $1 WHERE school_id = $2 AND status IN "
    "('closed', 'postponed') AND end_date >= $3";

// A school's pending application.
inline constexpr std::string_view kPendingApplication =
    "SELECT id FROM reopen_applications WHERE school_id = $1 AND status = 'pending'";

// A school's approved application for a planned day.
inline constexpr std::string_view kApprovedApplicationOn =
    "SELECT id FROM reopen_applications WHERE school_id = $1 AND status = 'approved' "
    "AND planned_date = $2";

// Files a reopening application; returns its id.
inline constexpr std::string_view kInsertApplication =
    "INSERT INTO reopen_applications (school_id, org_path, planned_date, plan, chain, stage, "
    "status, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8) "
    "RETURNING id";

// Marks an application rejected.
inline constexpr std::string_view kRejectApplication =
    "UPDATE reopen_applications SET status = 'rejected', decided_at = $1 WHERE id = $2";

// Marks an application approved with its notice number.
inline constexpr std::string_view kApproveApplication =
    "UPDATE reopen_applications SET status = 'approved', decided_at = $1, notice_no = $2 WHERE id = $3";

// Moves an application to the next review level.
inline constexpr std::string_view kAdvanceApplication =
    "UPDATE reopen_applications SET stage = $1 WHERE id = $2";

// The grades of a school with their enrolled pupils.
inline constexpr std::string_view kGradesWithEnrolled =
    "SELECT g.org_id, g.level, n.name, (SELECT COUNT(*) FROM people p JOIN classes k ON "
    "k.org_id = p.class_id WHERE k.grade_id = g.org_id AND p.status = 'enrolled') "
    "FROM grades g JOIN org_nodes n ON n.id = g.org_id WHERE g.school_id = $1 ORDER BY g.level";

// The gates of a school.
inline constexpr std::string_view kGatesOfSchool =
    "SELECT id, name FROM gates WHERE school_id = $1 ORDER BY id";

// The return batches of a school, in order.
inline constexpr std::string_view kReturnBatches =
    "SELECT id, seq, name, return_date FROM return_batches WHERE school_id = $1 ORDER BY seq";

// The time slots of a school's return plan, earliest first.
inline constexpr std::string_view kReturnSlots =
    "SELECT s.grade_id, s.batch_id, s.gate_id, s.start_time, s.end_time, s.meal_start, "
    "s.meal_end FROM return_slots s JOIN grades g ON g.org_id = s.grade_id "
    "WHERE s.school_id = $1 ORDER BY s.start_time, g.level DESC";

// Removes a school's return slots.
inline constexpr std::string_view kDeleteReturnSlots =
    "DELETE FROM return_slots WHERE school_id = $1";

// Removes a school's return batches.
inline constexpr std::string_view kDeleteReturnBatches =
    "DELETE FROM return_batches WHERE school_id = $1";

// Stores a return batch; returns its id.
inline constexpr std::string_view kInsertReturnBatch =
    "INSERT INTO return_batches (school_id, seq, name, return_date) VALUES ($1, $2, $3, $4) "
    "RETURNING id";

// Stores a grade's return slot.
inline constexpr std::string_view kInsertReturnSlot =
    "INSERT INTO return_slots (grade_id, school_id, batch_id, gate_id, start_time, end_time, "
    "meal_start, meal_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

// A person's batch, day, time, gate and meal times from the return plan.
inline constexpr std::string_view kReturnPlanOfPerson =
    "SELECT b.seq, b.name, b.return_date, s.start_time, s.end_time, COALESCE(g.name, ''), "
    "s.meal_start, s.meal_end FROM people p JOIN classes k ON k.org_id = p.class_id "
    "JOIN return_slots s ON s.grade_id = k.grade_id JOIN return_batches b ON b.id = s.batch_id "
    "LEFT JOIN gates g ON g.id = s.gate_id WHERE p.id = $1";

// An application with its school's name.
inline constexpr std::string_view kApplication =
    "SELECT a.id, a.school_id, a.org_path, a.planned_date, a.plan, a.stage, a.status, a.notice_no, "
    "s.name, a.chain, a.created_at, a.decided_at FROM reopen_applications a "
    "JOIN org_nodes s ON s.id = a.school_id "
    "WHERE a.id = $1";

// The applications of the schools in a subtree [$1, $2), newest first (at most 500).
inline constexpr std::string_view kApplicationsUnder =
    "SELECT a.id, a.school_id, a.org_path, a.planned_date, a.plan, a.stage, a.status, a.notice_no, "
    "s.name, a.chain, a.created_at, a.decided_at FROM reopen_applications a "
    "JOIN org_nodes s ON s.id = a.school_id "
    "WHERE "
    "((a.org_path >= $1 AND a.org_path < $2)) "
    "ORDER BY a.created_at DESC, a.id DESC LIMIT 500";

// The applications in one status of the schools in a subtree [$1, $2), newest first (at most 500).
inline constexpr std::string_view kApplicationsUnderInStatus =
    "SELECT a.id, a.school_id, a.org_path, a.planned_date, a.plan, a.stage, a.status, a.notice_no, "
    "s.name, a.chain, a.created_at, a.decided_at FROM reopen_applications a "
    "JOIN org_nodes s ON s.id = a.school_id "
    "WHERE "
    "((a.org_path >= $1 AND a.org_path < $2)) "
    "AND a.status = $3 "
    "ORDER BY a.created_at DESC, a.id DESC LIMIT 500";

}  // namespace xiaoan::reopen::sql
