#include "auth/audit.h"

#include <map>

#include "auth/repo_sql.h"
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
  c.exec(sql::kInsertAudit,
         {now_millis(), actor ? store::Value(actor->user_id) : store::Value(nullptr), name, e.action,
          e.target_type, e.target_id, store::opt(e.org_id), e.org_path.empty() ? "/" : e.org_path, ip,
          e.before.is_null() ? store::Value(nullptr) : store::Value(e.before.dump()),
          e.after.is_null() ? store::Value(nullptr) : store::Value(e.after.dump())});
}

int64_t count_actions(store::Conn& c, int64_t actor_id, const std::string& action, int64_t since) {
  return c.query_one(sql::kCountActions, {actor_id, action, since})->i64(0);
}

namespace {

// Fills target_name of the items (one query per target type on the page, by primary key).
void add_target_names(store::Conn& c, Json& items) {
  std::map<std::string, std::vector<int64_t>> ids;
  for (const auto& it : items) {
    if (!it["target_id"].is_string() || !sql::has_target_names(it["target_type"].get<std::string>())) continue;
    auto id = parse_id(it["target_id"].get<std::string>());
    if (id) ids[it["target_type"].get<std::string>()].push_back(*id);
  }
  for (const auto& [type, list] : ids) {
    std::map<std::string, std::string> names;
    for (const auto& r : sql::target_names(c, type, list)) {
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
  store::Rows rows = sql::audit_page(c, q);
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
