#include "demo/repo.h"

#include <string>

namespace xiaoan::demo::repo {

void insert_health_reports(store::Conn& c, const store::Params& params, int rows) {
  // Only placeholders are generated ($1..$n, one group per row); the values are bound.
  std::string sql =
      "INSERT INTO health_reports (person_id, day, kind, school_id, class_id, org_path, "
      "temperature, symptoms, code_color, attending, absence_reason, late, reported_by, "
      "created_at, updated_at) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int i = 0; i < kHealthReportColumns; ++i)
      sql += (i ? ", $" : "$") + std::to_string(r * kHealthReportColumns + i + 1);
    sql += ")";
  }
  c.exec(sql, params);
}

}  // namespace xiaoan::demo::repo
