#include "daily/repo_dynamic.h"

#include "store/sql.h"

namespace xiaoan::daily::repo {
namespace {

// "(role = $a AND org_path in the grant's subtree) OR …" over the reader's grants.
std::string addressed_to(store::SqlBuilder& b, const Addressees& to) {
  std::string where;
  for (const auto& [role, path] : to) {
    if (!where.empty()) where += " OR ";
    where += "(n.role = " + b.bind(role) + " AND (" + b.in_subtrees("n.org_path", {path}) + "))";
  }
  return where.empty() ? "1 = 0" : where;
}

}  // namespace

store::Rows class_counters_under(store::Conn& c, const std::string& path, const std::string& day,
                                 const std::vector<std::string>& names) {
  store::SqlBuilder b;
  std::string in = b.in_subtrees("org_path", {path});
  std::string d = b.bind(day);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + b.bind(n);
  return c.query("SELECT school_id, class_id, name, n FROM day_counters WHERE day = " + d +
                     " AND class_id <> 0 AND name IN (" + list + ") AND (" + in + ")",
                 b.params());
}

NotificationPage notifications(store::Conn& c, int64_t user_id, const Addressees& to,
                               int64_t since, bool unread_only) {
  store::SqlBuilder b;
  std::string user = b.bind(user_id);
  std::string where = addressed_to(b, to);
  std::string from = b.bind(since);
  std::string base = " FROM notifications n LEFT JOIN notification_reads r ON "
                     "r.notification_id = n.id AND r.user_id = " + user + " WHERE (" + where +
                     ") AND n.created_at >= " + from;
  NotificationPage page;
  page.unread = c.query_one("SELECT COUNT(*)" + base + " AND r.read_at IS NULL", b.params())->i64(0);
  std::string sql = "SELECT n.id, n.kind, n.title, n.body, n.link, n.created_at, r.read_at, "
                    "o.name" + base + (unread_only ? " AND r.read_at IS NULL" : "") +
                    " ORDER BY n.created_at DESC, n.id DESC LIMIT 50";
  sql.insert(sql.find(" WHERE ("), " JOIN org_nodes o ON o.id = n.org_id");
  page.rows = c.query(sql, b.params());
  return page;
}

int64_t mark_notifications_read(store::Conn& c, int64_t user_id, const Addressees& to, int64_t now,
                                std::optional<int64_t> id) {
  store::SqlBuilder b;
  std::string at = b.bind(now);
  std::string user = b.bind(user_id);
  std::string sql = "INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT "
                    "n.id, " + user + ", " + at + " FROM notifications n WHERE (" +
                    addressed_to(b, to) + ")";
  if (id) sql += " AND n.id = " + b.bind(*id);
  sql += " AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND "
         "r.user_id = " + user + ")";
  return c.exec(sql, b.params());
}

}  // namespace xiaoan::daily::repo
