// Statements of the health declarations, documents and eligibility (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::reopen::sql {

// A person's morning reports between two days, to prefill the declaration's daily readings.
inline constexpr std::string_view kPrefillReadings =
    "SELECT day, temperature, symptoms FROM health_reports WHERE person_id = $1 AND day >= $2 "
    "AND day <= $3 ORDER BY day";

// The stored body of a person's declaration (the audit's "before").
inline constexpr std::string_view kDeclarationBody =
    "SELECT body FROM declarations WHERE person_id = $1";

// Stores a person's submitted declaration (one per person).
inline constexpr std::string_view kUpsertDeclaration =
    "INSERT INTO declarations (person_id, school_id, org_path, body, submitted_at, submitted_by, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5) ON CONFLICT (person_id) DO UPDATE SET "
    "school_id = excluded.school_id, org_path = excluded.org_path, body = excluded.body, "
    "submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by, "
    "updated_at = excluded.updated_at";

// Stores an uploaded document, pending review; returns its id.
inline constexpr std::string_view kInsertDocument =
    "INSERT INTO documents (person_id, school_id, kind, filename, mime, size, sha256, content, "
    "status, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10) "
    "RETURNING id";

// A document's person and review status.
inline constexpr std::string_view kDocumentStatus =
    "SELECT id, person_id, status FROM documents WHERE id = $1";

// The stored decision of a person.
inline constexpr std::string_view kEligibilityDecision =
    "SELECT decision FROM eligibility WHERE person_id = $1";

// When a person's declaration was submitted (NULL: not yet).
inline constexpr std::string_view kDeclarationSubmittedAt =
    "SELECT submitted_at FROM declarations WHERE person_id = $1";

// Records the school's review of a document.
inline constexpr std::string_view kReviewDocument =
    "UPDATE documents SET status = $1, reason = $2, reviewed_at = $3, reviewed_by = $4 WHERE id = $5";

// A document's person, type, name and content (base64), for download.
inline constexpr std::string_view kDocumentContent =
    "SELECT person_id, mime, filename, content FROM documents WHERE id = $1";

// Marks a person as a key person (or not), creating an empty declaration when there is none.
inline constexpr std::string_view kUpsertKeyPerson =
    "INSERT INTO declarations (person_id, school_id, org_path, body, key_person, key_person_note, "
    "updated_at) VALUES ($1, $2, $3, '{}', $4, $5, $6) ON CONFLICT (person_id) DO UPDATE SET "
    "key_person = excluded.key_person, key_person_note = excluded.key_person_note, "
    "updated_at = excluded.updated_at";

// A class's path and name and its school's id and name.
inline constexpr std::string_view kClassWithSchool =
    "SELECT n.path, n.name, k.school_id, s.name FROM classes k JOIN org_nodes n ON n.id = k.org_id "
    "JOIN org_nodes s ON s.id = k.school_id WHERE k.org_id = $1";

// The classes of a school with name and path, by grade and number.
inline constexpr std::string_view kClassesOfSchool =
    "SELECT k.org_id, n.name, n.path FROM classes k JOIN org_nodes n ON n.id = k.org_id "
    "JOIN grades g ON g.org_id = k.grade_id WHERE k.school_id = $1 ORDER BY g.level, k.number";

// Enrolled pupils of a class by eligibility status.
inline constexpr std::string_view kEligibilityCountsOfClass =
    "SELECT e.status, COUNT(*) FROM people p JOIN eligibility e ON e.person_id = p.id "
    "WHERE p.class_id = $1 AND p.status = 'enrolled' GROUP BY e.status";

// The stored eligibility status of a person.
inline constexpr std::string_view kEligibilityStatus =
    "SELECT status FROM eligibility WHERE person_id = $1";

// The stored decision of a person and when it was computed.
inline constexpr std::string_view kEligibilityDecisionAt =
    "SELECT decision, computed_at FROM eligibility WHERE person_id = $1";

// Every risk area, for the decision engine.
inline constexpr std::string_view kRiskAreas =
    "SELECT id, region_code, street, level, start_date, end_date "
    "FROM risk_areas ORDER BY id";

// An org node's kind, code and name.
inline constexpr std::string_view kNodeKindCodeName =
    "SELECT kind, code, name FROM org_nodes WHERE id = $1";

// A school's street address.
inline constexpr std::string_view kSchoolAddress =
    "SELECT address FROM schools WHERE org_id = $1";

// A person's declaration, when it was submitted and the key-person flag.
inline constexpr std::string_view kDeclarationOfPerson =
    "SELECT body, submitted_at, key_person FROM declarations WHERE person_id = $1";

// A person's key-person flag.
inline constexpr std::string_view kKeyPerson =
    "SELECT key_person FROM declarations WHERE person_id = $1";

// The status of each document of a person, oldest first.
inline constexpr std::string_view kDocumentStatuses =
    "SELECT kind, status FROM documents WHERE person_id = $1 ORDER BY uploaded_at, id";

// Stores the decision for a person (one eligibility row per person).
inline constexpr std::string_view kUpsertEligibility =
    "INSERT INTO eligibility (person_id, school_id, org_path, status, until_day, decision, "
    "computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (person_id) DO UPDATE SET "
    "school_id = excluded.school_id, org_path = excluded.org_path, status = excluded.status, "
    "until_day = excluded.until_day, decision = excluded.decision, "
    "computed_at = excluded.computed_at";

// A person's documents with their reviewer, newest first.
inline constexpr std::string_view kDocumentsOfPerson =
    "SELECT d.id, d.person_id, d.kind, d.filename, d.mime, d.size, d.status, d.reason, "
    "d.uploaded_at, d.reviewed_at, COALESCE(u.display_name, '') FROM documents d "
    "LEFT JOIN users u ON u.id = d.reviewed_by "
    "WHERE d.person_id = $1 ORDER BY d.uploaded_at DESC, d.id DESC";

// A document with its reviewer.
inline constexpr std::string_view kDocument =
    "SELECT d.id, d.person_id, d.kind, d.filename, d.mime, d.size, d.status, d.reason, "
    "d.uploaded_at, d.reviewed_at, COALESCE(u.display_name, '') FROM documents d "
    "LEFT JOIN users u ON u.id = d.reviewed_by "
    "WHERE d.id = $1";

// The documents of a school, oldest first (at most 500).
inline constexpr std::string_view kDocumentsOfSchool =
    "SELECT d.id, d.person_id, d.kind, d.filename, d.mime, d.size, d.status, d.reason, "
    "d.uploaded_at, d.reviewed_at, COALESCE(u.display_name, '') FROM documents d "
    "LEFT JOIN users u ON u.id = d.reviewed_by "
    "WHERE d.school_id = $1 "
    "ORDER BY d.uploaded_at, d.id LIMIT 500";

// The documents of a school in one review status, oldest first (at most 500).
inline constexpr std::string_view kDocumentsOfSchoolInStatus =
    "SELECT d.id, d.person_id, d.kind, d.filename, d.mime, d.size, d.status, d.reason, "
    "d.uploaded_at, d.reviewed_at, COALESCE(u.display_name, '') FROM documents d "
    "LEFT JOIN users u ON u.id = d.reviewed_by "
    "WHERE d.school_id = $1 "
    "AND d.status = $2 "
    "ORDER BY d.uploaded_at, d.id LIMIT 500";

// Every submitted declaration with the stored decision and the school's path.
inline constexpr std::string_view kSubmittedDeclarations =
    "SELECT d.person_id, e.status, e.decision, s.path FROM declarations d "
    "JOIN org_nodes s ON s.id = d.school_id LEFT JOIN eligibility e ON e.person_id = d.person_id "
    "WHERE d.submitted_at IS NOT NULL AND "
    "1 = 1";

// The submitted declarations in a subtree [$1, $2) with the stored decision and the school's path.
inline constexpr std::string_view kSubmittedDeclarationsUnder =
    "SELECT d.person_id, e.status, e.decision, s.path FROM declarations d "
    "JOIN org_nodes s ON s.id = d.school_id LEFT JOIN eligibility e ON e.person_id = d.person_id "
    "WHERE d.submitted_at IS NOT NULL AND "
    "((d.org_path >= $1 AND d.org_path < $2))";

// Every submitted declaration with its school's path and name, by school.
inline constexpr std::string_view kSubmittedDeclarationSchools =
    "SELECT d.person_id, s.path, s.name FROM declarations d JOIN org_nodes s ON s.id = d.school_id "
    "WHERE d.submitted_at IS NOT NULL AND "
    "1 = 1 "
    "ORDER BY s.path, d.org_path";

// The submitted declarations in a subtree [$1, $2) with their school's path and name, by school.
inline constexpr std::string_view kSubmittedDeclarationSchoolsUnder =
    "SELECT d.person_id, s.path, s.name FROM declarations d JOIN org_nodes s ON s.id = d.school_id "
    "WHERE d.submitted_at IS NOT NULL AND "
    "((d.org_path >= $1 AND d.org_path < $2)) "
    "ORDER BY s.path, d.org_path";

}  // namespace xiaoan::reopen::sql
