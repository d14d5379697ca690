// Statements of the commitment letters and their signatures (docs/decisions/0013-sql-in-repos.md).
#pragma once

#include <string_view>

namespace xiaoan::reopen::sql {

// The name of a person's first guardian.
inline constexpr std::string_view kFirstGuardianName =
    "SELECT name FROM guardians WHERE person_id = $1 ORDER BY position, id LIMIT 1";

// A person's signature of a letter.
inline constexpr std::string_view kSignatureOfPerson =
    "SELECT signer, signed_at, ip, text_hash, id FROM letter_signatures WHERE template_id = $1 "
    "AND person_id = $2";

// A school's own signature of a letter (no person).
inline constexpr std::string_view kSignatureOfSchool =
    "SELECT signer, signed_at, ip, text_hash, id FROM letter_signatures WHERE template_id = $1 "
    "AND school_id = $2 AND person_id IS NULL";

// Stores a signature; returns its id.
inline constexpr std::string_view kInsertSignature =
    "INSERT INTO letter_signatures (template_id, person_id, school_id, org_path, signer, signed_at, "
    "ip, text_hash, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";

// Stores a letter template; returns its id.
inline constexpr std::string_view kInsertTemplate =
    "INSERT INTO letter_templates (org_id, level, title, body, created_at, created_by) VALUES "
    "($1, $2, $3, $4, $5, $6) RETURNING id";

// The number of active staff of a school.
inline constexpr std::string_view kActiveStaffOfSchool =
    "SELECT COUNT(*) FROM people WHERE school_id = $1 AND kind = 'staff' AND status = 'active'";

// The number of a school's active staff who signed a letter.
inline constexpr std::string_view kStaffSignatures =
    "SELECT COUNT(*) FROM letter_signatures s JOIN people p ON p.id = "
    "s.person_id WHERE s.template_id = $1 AND p.school_id = $2 AND "
    "p.kind = 'staff' AND p.status = 'active'";

// The classes of a school with their names, by grade and number.
inline constexpr std::string_view kClassesOfSchoolByGrade =
    "SELECT k.org_id, n.name FROM classes k JOIN org_nodes n ON n.id = k.org_id JOIN grades g "
    "ON g.org_id = k.grade_id WHERE k.school_id = $1 ORDER BY g.level, k.number";

// The number of a class's enrolled pupils whose letter is signed.
inline constexpr std::string_view kClassSignatures =
    "SELECT COUNT(*) FROM letter_signatures s JOIN people p ON p.id = s.person_id "
    "WHERE s.template_id = $1 AND p.class_id = $2 AND p.status = 'enrolled'";

// A class's path and name and its school's id.
inline constexpr std::string_view kClassPathNameSchool =
    "SELECT n.path, n.name, k.school_id FROM classes k JOIN org_nodes n ON n.id = k.org_id "
    "WHERE k.org_id = $1";

// The latest template of a node for a level.
inline constexpr std::string_view kEffectiveTemplate =
    "SELECT t.id, t.org_id, t.level, t.title, t.body, n.name, t.created_at FROM letter_templates t "
    "JOIN org_nodes n ON n.id = t.org_id "
    "WHERE t.org_id = $1 AND t.level = $2 ORDER BY t.created_at DESC, t.id DESC LIMIT 1";

}  // namespace xiaoan::reopen::sql
