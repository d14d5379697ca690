// The policy statements whose shape varies (an IN list). Values are bound with store::SqlBuilder;
// every other statement is a named constant in repo_sql.h (docs/decisions/0013-sql-in-repos.md).
#include "policy/repo_sql.h"
#include "store/sql.h"

namespace xiaoan::policy::sql {

store::Rows latest_versions_of(store::Conn& c, const std::vector<int64_t>& org_ids) {
  store::SqlBuilder b;
  std::string in;
  for (int64_t id : org_ids) in += (in.empty() ? "" : ", ") + b.bind(id);
  return c.query(
      "SELECT v.org_id, v.policy_values, n.name FROM policy_versions v "
      "JOIN org_nodes n ON n.id = v.org_id WHERE v.org_id IN (" + in + ") AND v.version = "
      "(SELECT MAX(w.version) FROM policy_versions w WHERE w.org_id = v.org_id)",
      b.params());
}

}  // namespace xiaoan::policy::sql
