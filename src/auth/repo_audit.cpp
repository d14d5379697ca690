// The audit log's statements whose shape varies: the search with its optional filters and the
// names of the targets on a page. Values are bound with store::SqlBuilder; only placeholders are
// written into the text (docs/decisions/0013-sql-in-repos.md).
#include "auth/audit.h"
#include "auth/repo_sql.h"
#include "store/sql.h"

namespace xiaoan::auth::sql {
namespace {

// The table holding a readable name for each target type, when there is one. The rows were
// already narrowed to the caller's scope, and a target belongs to the row's org node.
const char* name_source(const std::string& target_type) {
  if (target_type == "user") return "SELECT id, display_name, username FROM users WHERE id IN (";
  if (target_type == "org_node" || target_type == "school" || target_type == "policy")
    return "SELECT id, name, '' FROM org_nodes WHERE id IN (";
  if (target_type == "person") return "SELECT id, name, '' FROM people WHERE id IN (";
  return nullptr;
}

}  // namespace

bool has_target_names(const std::string& target_type) { return name_source(target_type) != nullptr; }

store::Rows target_names(store::Conn& c, const std::string& target_type, const std::vector<int64_t>& ids) {
  store::SqlBuilder b;
  std::string in;
  for (int64_t id : ids) in += (in.empty() ? "" : ",") + b.bind(id);
  return c.query(std::string(name_source(target_type)) + in + ")", b.params());
}

store::Rows audit_page(store::Conn& c, const AuditQuery& q) {
  store::SqlBuilder b;
  auto bind = [&](store::Value v) { return b.bind(std::move(v)); };
  std::string sql =
      "SELECT a.id, a.at, a.actor_id, a.actor_name, a.action, a.target_type, a.target_id, "
      "a.org_id, a.ip, a.before_json, a.after_json, u.display_name, o.name "
      "FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id "
      "LEFT JOIN org_nodes o ON o.id = a.org_id WHERE " +
      b.in_subtrees("a.org_path", q.scope_paths);
  if (!q.org_path_filter.empty()) sql += " AND " + b.in_subtrees("a.org_path", {q.org_path_filter});
  if (q.actor) sql += " AND a.actor_name = " + bind(*q.actor);
  if (q.action) {
    sql += " AND a.action >= " + bind(*q.action) + " AND a.action < " + bind(*q.action + "\x7f");
  }
  if (q.from) sql += " AND a.at >= " + bind(*q.from);
  if (q.to) sql += " AND a.at < " + bind(*q.to);
  if (q.before_id > 0) sql += " AND a.id < " + bind(q.before_id);
  sql += " ORDER BY a.id DESC LIMIT " + bind(static_cast<int64_t>(q.limit + 1));
  return c.query(sql, b.params());
}

}  // namespace xiaoan::auth::sql
