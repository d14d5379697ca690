#include "auth/audit.h"

#include "core/time.h"
#include "store/sql.h"

namespace xiaoan::auth {

std::pair<std::optional<int64_t>, std::string> user_org(const std::vector<Grant>& gs) {
  if (gs.empty()) return {std::nullopt, "/"};
  return {gs.front().org_id, gs.front().org_path};
}

void audit(store::Conn& c, const Principal* actor, const std::string& ip, const AuditEntry& e,
           const std::string& actor_name_override) {
  std::string name = !actor_name_override.empty() ? actor_name_override
                     : actor                       ? actor->username
                                                   : "anonymous";
  c.exec(
      "INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, org_id, "
      "org_path, ip, before_json, after_json) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
      {now_millis(), actor ? store::Value(actor->user_id) : store::Value(nullptr), name, e.action,
       e.target_type, e.target_id, store::opt(e.org_id), e.org_path.empty() ? "/" : e.org_path, ip,
       e.before.is_null() ? store::Value(nullptr) : store::Value(e.before.dump()),
       e.after.is_null() ? store::Value(nullptr) : store::Value(e.after.dump())});
}

int64_t count_actions(store::Conn& c, int64_t actor_id, const std::string& action, int64_t since) {
  return c
      .query_one("SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND action = $2 AND at >= $3",
                 {actor_id, action, since})
      ->i64(0);
}

AuditPage search_audit(store::Conn& c, const AuditQuery& q) {
  AuditPage page;
  if (q.scope_paths.empty()) return page;
  store::SqlBuilder b;
  auto bind = [&](store::Value v) { return b.bind(std::move(v)); };
  std::string sql =
      "SELECT id, at, actor_id, actor_name, action, target_type, target_id, org_id, ip, "
      "before_json, after_json FROM audit_log WHERE " +
      b.in_subtrees("org_path", q.scope_paths);
  if (!q.org_path_filter.empty()) sql += " AND " + b.in_subtrees("org_path", {q.org_path_filter});
  if (q.actor) sql += " AND actor_name = " + bind(*q.actor);
  if (q.action) {
    sql += " AND action >= " + bind(*q.action) + " AND action < " + bind(*q.action + "\x7f");
  }
  if (q.from) sql += " AND at >= " + bind(*q.from);
  if (q.to) sql += " AND at < " + bind(*q.to);
  if (q.before_id > 0) sql += " AND id < " + bind(q.before_id);
  sql += " ORDER BY id DESC LIMIT " + bind(static_cast<int64_t>(q.limit + 1));
  store::Rows rows = c.query(sql, b.params());
  for (size_t i = 0; i < rows.size() && static_cast<int>(i) < q.limit; ++i) {
    const store::Row& r = rows[i];
    auto parse = [&](size_t col) -> Json {
      if (r.is_null(col)) return nullptr;
      auto j = Json::parse(r.str(col), nullptr, false);
      return j.is_discarded() ? Json(r.str(col)) : j;
    };
    page.items.push_back({{"id", id_str(r.i64(0))},
                          {"at", iso_utc(r.i64(1))},
                          {"actor_id", r.is_null(2) ? Json(nullptr) : Json(id_str(r.i64(2)))},
                          {"actor_name", r.str(3)},
                          {"action", r.str(4)},
                          {"target_type", r.str(5)},
                          {"target_id", r.is_null(6) ? Json(nullptr) : Json(r.str(6))},
                          {"org_id", r.is_null(7) ? Json(nullptr) : Json(id_str(r.i64(7)))},
                          {"ip", r.str(8)},
                          {"before", parse(9)},
                          {"after", parse(10)}});
  }
  if (static_cast<int>(rows.size()) > q.limit) page.next_before = rows[q.limit - 1].i64(0);
  return page;
}

}  // namespace xiaoan::auth
