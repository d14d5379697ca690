#include "demo/repo.h"

#include <string>

#include "demo/repo_sql.h"

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

std::vector<IndexDef> drop_people_indexes(store::Conn& c) {
  std::vector<IndexDef> out;
  for (const auto& r : c.query(c.engine() == store::Engine::kPostgres ? sql::kPeopleIndexesPg
                                                                      : sql::kPeopleIndexesSqlite))
    out.push_back({r.str(0), r.str(1)});
  // Names come from the catalogue, never from input (identifiers cannot be bound).
  for (const auto& i : out) c.exec_script("DROP INDEX " + i.name);
  return out;
}

void create_indexes(store::Conn& c, const std::vector<IndexDef>& indexes) {
  for (const auto& i : indexes) c.exec_script(i.definition);
}

void refresh_org_statistics(store::Conn& c) {
  if (c.engine() == store::Engine::kPostgres) c.exec_script(sql::kAnalyzeOrgTablesPg);
}

}  // namespace xiaoan::demo::repo
