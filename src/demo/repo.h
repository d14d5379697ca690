// Demo seeding's data access whose statement shape varies (multi-row inserts); the fixed statements
// are in demo/repo_sql.h.
#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace xiaoan::demo::repo {

// Inserts `rows` health reports in one statement; `params` holds kHealthReportColumns values per
// row (person_id, day, kind, school_id, class_id, org_path, temperature, symptoms, code_color,
// attending, absence_reason, late, reported_by, created_at, updated_at).
inline constexpr int kHealthReportColumns = 15;
void insert_health_reports(store::Conn& c, const store::Params& params, int rows);

// A bulk load of people into tables without rows: their secondary indexes are dropped first and
// built again from their own definitions (as the migrations made them) once the rows are in, which
// sorts each index once instead of inserting millions of random keys one by one.
struct IndexDef {
  std::string name, definition;
};
std::vector<IndexDef> drop_people_indexes(store::Conn& c);
void create_indexes(store::Conn& c, const std::vector<IndexDef>& indexes);

// PostgreSQL: ANALYZE of the org tables inside the seeding transaction (it counts the
// transaction's own rows), so that the statements prepared while the tables were nearly empty
// are planned again with index scans. Nothing on SQLite, whose plans do not depend on it.
void refresh_org_statistics(store::Conn& c);

}  // namespace xiaoan::demo::repo
