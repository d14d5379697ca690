// The statements of the return-to-school module whose shape varies: an IN list or a set of
// subtrees. Values are bound with store::SqlBuilder; only placeholders are written into the text.
// Every other statement is a named constant in repo_sql*.h (docs/decisions/0013-sql-in-repos.md).
#include "reopen/repo_sql.h"
#include "store/sql.h"

namespace xiaoan::reopen::sql {
namespace {

// Whether person `p` is expected in school on the bound day `t`.
std::string expected_sql(const std::string& t) {
  return "(EXISTS (SELECT 1 FROM classes k JOIN return_slots s ON s.grade_id = k.grade_id "
         "JOIN return_batches b ON b.id = s.batch_id WHERE k.org_id = p.class_id AND b.return_date <= " +
         t +
         ") OR (p.kind = 'staff' AND EXISTS (SELECT 1 FROM return_batches b WHERE b.school_id = "
         "p.school_id AND b.return_date <= " +
         t +
         ")) OR (NOT EXISTS (SELECT 1 FROM classes k JOIN return_slots s ON s.grade_id = k.grade_id "
         "WHERE k.org_id = p.class_id) AND EXISTS (SELECT 1 FROM reopen_applications a WHERE "
         "a.school_id = p.school_id AND a.status = 'approved' AND a.planned_date <= " +
         t + ")))";
}

std::string in_list(store::SqlBuilder& b, const std::vector<int64_t>& ids) {
  std::string in;
  for (int64_t id : ids) in += (in.empty() ? "" : ", ") + b.bind(id);
  return in;
}

// The columns of a letter template with its node's name.
const char* const kTemplateSelect =
    "SELECT t.id, t.org_id, t.level, t.title, t.body, n.name, t.created_at FROM letter_templates t "
    "JOIN org_nodes n ON n.id = t.org_id ";

}  // namespace

store::Rows return_counts_under(store::Conn& c, const std::string& path, const std::string& today) {
  store::SqlBuilder b;
  std::string t = b.bind(today);
  std::string sql = "SELECT p.kind, COALESCE(r.state, ''), COALESCE(r.reason, ''), CASE WHEN " +
                    expected_sql(t) +
                    " THEN 1 ELSE 0 END AS expected, COUNT(*) FROM people p LEFT JOIN return_status r "
                    "ON r.person_id = p.id WHERE p.status IN ('enrolled', 'active') AND (" +
                    b.in_subtrees("p.org_path", {path}) + ") GROUP BY 1, 2, 3, 4";
  return c.query(sql, b.params());
}

store::Rows not_returned_people(store::Conn& c, int64_t school_id, const std::vector<std::string>& paths,
                                const std::string& today) {
  store::SqlBuilder b;
  std::string t = b.bind(today);
  std::string sql =
      "SELECT p.id, p.name, p.kind, COALESCE(k.name, ''), COALESCE(r.state, ''), "
      "COALESCE(r.reason, ''), r.expected_date, COALESCE(r.note, ''), r.dropout_case_id, "
      "(SELECT MIN(b.return_date) FROM classes c2 JOIN return_slots s ON s.grade_id = c2.grade_id "
      "JOIN return_batches b ON b.id = s.batch_id WHERE c2.org_id = p.class_id) "
      "FROM people p LEFT JOIN org_nodes k ON k.id = p.class_id "
      "LEFT JOIN return_status r ON r.person_id = p.id WHERE p.school_id = " + b.bind(school_id) +
      " AND p.status IN ('enrolled', 'active') AND (" + b.in_subtrees("p.org_path", paths) +
      ") AND (r.state = 'not_returned' OR (r.state IS NULL AND " + expected_sql(t) +
      ")) ORDER BY p.org_path, p.kind DESC, p.name LIMIT 2000";
  return c.query(sql, b.params());
}

store::Rows returned_among(store::Conn& c, const std::vector<int64_t>& person_ids) {
  store::SqlBuilder b;
  std::string in = in_list(b, person_ids);
  return c.query("SELECT person_id FROM return_status WHERE state = 'returned' AND "
                 "person_id IN (" + in + ")",
                 b.params());
}

store::Rows templates_of_nodes(store::Conn& c, const std::vector<int64_t>& org_ids) {
  store::SqlBuilder b;
  std::string ids = in_list(b, org_ids);
  return c.query(std::string(kTemplateSelect) + "WHERE t.org_id IN (" + ids +
                     ") ORDER BY t.created_at DESC, t.id DESC",
                 b.params());
}

}  // namespace xiaoan::reopen::sql
