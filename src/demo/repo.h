// Demo seeding's data access whose statement shape varies (multi-row inserts); the fixed statements
// are in demo/repo_sql.h.
#pragma once

#include "store/db.h"

namespace xiaoan::demo::repo {

// Inserts `rows` health reports in one statement; `params` holds kHealthReportColumns values per
// row (person_id, day, kind, school_id, class_id, org_path, temperature, symptoms, code_color,
// attending, absence_reason, late, reported_by, created_at, updated_at).
inline constexpr int kHealthReportColumns = 15;
void insert_health_reports(store::Conn& c, const store::Params& params, int rows);

}  // namespace xiaoan::demo::repo
