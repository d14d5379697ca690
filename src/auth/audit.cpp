#include "auth/audit.h"

#include <map>

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

// Fills target_name of the items (one query per target type on the page, by primary key).
void add_target_names(store::Conn& c, Json& items) {
  std::map<std::string, std::vector<int64_t>> ids;
  for (const auto& it : items) {
    if (!it["target_id"].is_string() || !name_source(it["target_type"].get<std::string>())) continue;
    auto id = parse_id(it["target_id"].get<std::string>());
    if (id) ids[it["target_type"].get<std::string>()].push_back(*id);
  }
  for (const auto& [type, list] : ids) {
    store::SqlBuilder b;
    std::string in;
    for (int64_t id : list) in += (in.empty() ? "" : ",") + b.bind(id);
    std::map<std::string, std::string> names;
    for (const auto& r : c.query(std::string(name_source(type)) + in + ")", b.params())) {
      std::string name = r.str(1);
      if (!r.str(2).empty() && r.str(2) != name) name += " (" + r.str(2) + ")";
      names[id_str(r.i64(0))] = name;
    }
    for (auto& it : items)
      if (it["target_type"] == type && it["target_id"].is_string())
        if (auto f = names.find(it["target_id"].get<std::string>()); f != names.end())
          it["target_name"] = f->second;
  }
}

}  // namespace

AuditPage search_audit(store::Conn& c, const AuditQuery& q) {
  AuditPage page;
  if (q.scope_paths.empty()) return page;
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
                          {"after", parse(10)},
                          {"actor_display_name", r.is_null(11) ? Json(nullptr) : Json(r.str(11))},
                          {"org_name", r.is_null(12) ? Json(nullptr) : Json(r.str(12))},
                          {"target_name", nullptr}});
  }
  add_target_names(c, page.items);
  if (static_cast<int>(rows.size()) > q.limit) page.next_before = rows[q.limit - 1].i64(0);
  return page;
}

}  // namespace xiaoan::auth
