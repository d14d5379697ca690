// SQL statements of demo seeding (schools, calendars, users, return-to-school and daily history
// data).
// Services execute them by name with bound values ($1..$n), never with values concatenated;
// keep each text stable (the PostgreSQL driver prepares statements per text).
#pragma once

#include <string_view>

namespace xiaoan::demo::sql {

// An org node's path.
inline constexpr std::string_view kNodePath = "SELECT path FROM org_nodes WHERE id = $1";

// Submits a school's daily report of a day.
inline constexpr std::string_view kSubmitDailyReport =
    "UPDATE daily_reports SET status = 'submitted', zero = $1, submitted_at = $2, late = $3 "
    "WHERE school_id = $4 AND day = $5";

// A school's enrolled pupils in classes.
inline constexpr std::string_view kEnrolledPupilsOfSchool =
    "SELECT id, class_id, org_path FROM people WHERE school_id = $1 AND kind = 'student' "
    "AND status = 'enrolled' AND class_id IS NOT NULL";

// Records a traced absence from a family report.
inline constexpr std::string_view kInsertTracedAbsence =
    "INSERT INTO absences (person_id, school_id, class_id, org_path, day, source, "
    "reason, recorded_at, traced_at) VALUES ($1, $2, $3, $4, $5, 'report', $6, $7, $7)";

// Adds a school's two gates.
inline constexpr std::string_view kInsertGates =
    "INSERT INTO gates (school_id, name, note) VALUES ($1,'正门',''), ($1,'东侧门','')";

// Adds a place (observation point, isolation room...) to a school.
inline constexpr std::string_view kInsertPlace =
    "INSERT INTO places (school_id, kind, name, building, capacity) VALUES ($1,$2,$3,'',NULL)";

// Adds a boarding school's dormitory.
inline constexpr std::string_view kInsertDormitory =
    "INSERT INTO places (school_id, kind, name, building, capacity) VALUES "
    "($1,'dormitory','学生宿舍1号楼','',400)";

// The number of org nodes (0 = an empty database).
inline constexpr std::string_view kOrgNodeCount = "SELECT COUNT(*) FROM org_nodes";

// Adds the 2026–2027 first-term calendar; returns its id.
inline constexpr std::string_view kInsertTermCalendar =
    "INSERT INTO term_calendars (org_id, name, start_date, end_date, created_at) "
    "VALUES ($1, '2026—2027学年第一学期', '2026-09-01', '2027-01-22', $2) RETURNING id";

// Adds a National Day holiday.
inline constexpr std::string_view kInsertNationalHoliday =
    "INSERT INTO calendar_days (calendar_id, day, kind, name) VALUES ($1,$2,'holiday','国庆节')";

// Adds the National Day make-up workday.
inline constexpr std::string_view kInsertMakeupWorkday =
    "INSERT INTO calendar_days (calendar_id, day, kind, name) VALUES "
    "($1,'2026-10-10','workday','国庆调休')";

// Adds New Year's Day.
inline constexpr std::string_view kInsertNewYearHoliday =
    "INSERT INTO calendar_days (calendar_id, day, kind, name) VALUES "
    "($1,'2027-01-01','holiday','元旦')";

// Sets a class's head teacher.
inline constexpr std::string_view kSetHeadTeacher =
    "UPDATE classes SET head_teacher_id = $1 WHERE org_id = $2";

// The school of a class node (or the node itself).
inline constexpr std::string_view kSchoolOfNode =
    "SELECT COALESCE((SELECT school_id FROM classes WHERE org_id = $1), $1)";

// Links a user to the school's first unlinked staff member of a role.
inline constexpr std::string_view kLinkStaffUser =
    "UPDATE people SET user_id = $1 WHERE id = (SELECT id FROM people WHERE school_id = $2 "
    "AND kind = 'staff' AND user_id IS NULL AND staff_role = $3 ORDER BY id LIMIT 1)";

// Adds a reviewed certificate document.
inline constexpr std::string_view kInsertDocument =
    "INSERT INTO documents (person_id, school_id, kind, filename, mime, size, sha256, content, "
    "status, uploaded_at, uploaded_by, reviewed_at) VALUES ($1, $2, $3, $4, 'image/png', $5, "
    "$6, $7, "
    "$8, $9, 'family', $10)";

// Adds a letter template.
inline constexpr std::string_view kInsertLetterTemplate =
    "INSERT INTO letter_templates (org_id, level, title, body, created_at) VALUES ($1, $2, $3, "
    "$4, $5)";

// Gives every school a postal address from its county and city.
inline constexpr std::string_view kSetSchoolAddresses =
    "UPDATE schools SET address = (SELECT '临沂市' || k.name || t.name || s.name FROM org_nodes s "
    "JOIN org_nodes t ON t.id = s.parent_id JOIN org_nodes k ON k.id = t.parent_id "
    "WHERE s.id = schools.org_id) WHERE address = ''";

// The first city node.
inline constexpr std::string_view kFirstCity =
    "SELECT id FROM org_nodes WHERE kind = 'city' ORDER BY id LIMIT 1";

// Adds a risk area.
inline constexpr std::string_view kInsertRiskArea =
    "INSERT INTO risk_areas (org_id, region_code, street, level, start_date, end_date, note, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, '省疫情防控指挥部通告', $7)";

// Enrolled pupils and active staff with their school's county code and names.
inline constexpr std::string_view kPeopleWithCounty =
    "SELECT p.id, p.school_id, p.org_path, COALESCE(k.code, ''), COALESCE(t.name, ''), "
    "COALESCE(cn.name, '') FROM people p JOIN org_nodes s ON s.id = p.school_id "
    "LEFT JOIN org_nodes t ON t.id = s.parent_id LEFT JOIN org_nodes k ON k.id = t.parent_id "
    "LEFT JOIN org_nodes cn ON cn.id = k.id WHERE p.status IN ('enrolled', 'active') ORDER BY "
    "p.id";

// Adds a family's return declaration.
inline constexpr std::string_view kInsertDeclaration =
    "INSERT INTO declarations (person_id, school_id, org_path, body, submitted_at, submitted_by, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, 'family', $5)";

// A user's id by username.
inline constexpr std::string_view kUserByName = "SELECT id FROM users WHERE username = $1";

// Schools of the approved county, with their county and city.
inline constexpr std::string_view kSchoolsOfApprovedCounty =
    "SELECT s.id, s.path, t.id, k.id FROM org_nodes s JOIN org_nodes t ON t.id = s.parent_id "
    "JOIN org_nodes k ON k.id = t.parent_id WHERE s.kind = 'school' AND k.code = '371302' "
    "ORDER BY s.code";

// Adds an approved reopening application.
inline constexpr std::string_view kInsertApprovedApplication =
    "INSERT INTO reopen_applications (school_id, org_path, planned_date, plan, chain, stage, "
    "status, "
    "notice_no, created_at, created_by, decided_at) VALUES ($1, $2, $3, $4, 'county,city', "
    "'city', "
    "'approved', $5, $6, NULL, $6) RETURNING id";

// Adds the steps of an approved reopening application.
inline constexpr std::string_view kInsertApprovedSteps =
    "INSERT INTO reopen_steps (application_id, at, level, org_id, actor_id, decision, comment) "
    "VALUES "
    "($1, $2, 'school', $3, NULL, 'submit', ''), ($1, $2, 'county', $4, $5, 'approve', '同意'), "
    "($1, $2, 'city', $6, $7, 'approve', '同意，报省专班备案')";

// Three schools of the closed county.
inline constexpr std::string_view kSchoolsOfClosedCounty =
    "SELECT s.id, s.path FROM org_nodes s JOIN org_nodes t ON t.id = s.parent_id JOIN "
    "org_nodes k "
    "ON k.id = t.parent_id WHERE s.kind = 'school' AND k.code = '371311' ORDER BY s.code LIMIT 3";

// Closes a school for a period.
inline constexpr std::string_view kInsertClosure =
    "INSERT INTO school_status_periods (school_id, status, start_date, end_date, note, "
    "created_at) "
    "VALUES ($1, 'closed', '2026-11-16', '2026-12-31', '疫情停课', $2)";

// Adds a pending reopening application.
inline constexpr std::string_view kInsertPendingApplication =
    "INSERT INTO reopen_applications (school_id, org_path, planned_date, plan, chain, stage, "
    "status, "
    "created_at) VALUES ($1, $2, $3, $4, 'county,city', 'county', 'pending', $5) RETURNING id";

// Adds the submit step of a reopening application.
inline constexpr std::string_view kInsertSubmitStep =
    "INSERT INTO reopen_steps (application_id, at, level, org_id, decision) VALUES ($1, $2, "
    "'school', $3, 'submit')";

// Enrolled pupils and active staff of the approved county.
inline constexpr std::string_view kPeopleOfApprovedCounty =
    "SELECT p.id, p.school_id, p.org_path FROM people p JOIN org_nodes s ON s.id = p.school_id "
    "JOIN org_nodes t ON t.id = s.parent_id JOIN org_nodes cn ON cn.id = t.parent_id "
    "WHERE cn.code = '371302' AND p.status IN ('enrolled', 'active') ORDER BY p.id";

// Adds a pupil's return status.
inline constexpr std::string_view kInsertReturnStatus =
    "INSERT INTO return_status (person_id, school_id, org_path, state, reason, expected_date, "
    "returned_on, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

// The first school-to-family letter template.
inline constexpr std::string_view kFamilyLetterTemplate =
    "SELECT id, body FROM letter_templates WHERE level = 'school_family' ORDER BY id LIMIT 1";

// Signs the family letter for a pupil.
inline constexpr std::string_view kInsertLetterSignature =
    "INSERT INTO letter_signatures (template_id, person_id, school_id, org_path, signer, "
    "signed_at, "
    "ip, text_hash, body) SELECT $1, id, school_id, org_path, name, $2, '10.0.0.1', $3, $4 "
    "FROM people "
    "WHERE id = $5 AND kind = 'student'";

// The secondary indexes of people and guardians (name, definition) on SQLite, built again after
// the city's people are loaded.
inline constexpr std::string_view kPeopleIndexesSqlite =
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('people', "
    "'guardians') AND sql IS NOT NULL ORDER BY name";

// The same on PostgreSQL (the primary keys stay).
inline constexpr std::string_view kPeopleIndexesPg =
    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND "
    "i.tablename IN ('people', 'guardians') AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE "
    "k.conname = i.indexname AND k.contype = 'p') ORDER BY i.indexname";

// Fresh planner statistics of the tables the city's seeding reads while it grows them
// (PostgreSQL): without them the plans made while they were empty (sequential scans) stay.
inline constexpr std::string_view kAnalyzeOrgTablesPg = "ANALYZE org_nodes, grades, classes, schools";

}  // namespace xiaoan::demo::sql
