#include "auth/repo.h"

#include "auth/rules.h"
#include "store/sql.h"

namespace xiaoan::auth::repo {
namespace {

constexpr const char* kUserCols =
    "u.id, u.username, u.display_name, u.phone, u.password_hash, u.must_change_password, "
    "u.disabled, u.failed_logins, u.locked_until, u.created_at";

UserRow user_from(const store::Row& r) {
  return UserRow{r.i64(0), r.str(1), r.str(2), r.opt_str(3), r.str(4), r.i64(5) != 0,
                 r.i64(6) != 0, static_cast<int>(r.i64(7)), r.opt_i64(8), r.i64(9)};
}

}  // namespace

std::optional<UserRow> find_user(store::Conn& c, int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kUserCols + " FROM users u WHERE u.id = $1", {id});
  if (!r) return std::nullopt;
  return user_from(*r);
}

std::optional<UserRow> find_user_by_name(store::Conn& c, const std::string& username) {
  auto r = c.query_one(std::string("SELECT ") + kUserCols + " FROM users u WHERE u.username = $1",
                       {username});
  if (!r) return std::nullopt;
  return user_from(*r);
}

int64_t insert_user(store::Conn& c, const std::string& username, const std::string& display_name,
                    const std::optional<std::string>& phone, const std::string& hash,
                    bool must_change, int64_t now) {
  return c
      .query_one(
          "INSERT INTO users (username, display_name, phone, password_hash, must_change_password, "
          "created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$6) RETURNING id",
          {username, display_name, store::opt(phone), hash, static_cast<int64_t>(must_change), now})
      ->i64(0);
}

void update_profile(store::Conn& c, int64_t id, const std::string& display_name,
                    const std::optional<std::string>& phone, bool disabled, int64_t now) {
  c.exec("UPDATE users SET display_name=$1, phone=$2, disabled=$3, updated_at=$4 WHERE id=$5",
         {display_name, store::opt(phone), static_cast<int64_t>(disabled), now, id});
}

void set_password(store::Conn& c, int64_t id, const std::string& hash, bool must_change,
                  int64_t now) {
  c.exec(
      "UPDATE users SET password_hash=$1, must_change_password=$2, failed_logins=0, "
      "locked_until=NULL, updated_at=$3 WHERE id=$4",
      {hash, static_cast<int64_t>(must_change), now, id});
}

void record_login_failure(store::Conn& c, int64_t id, int failed, std::optional<int64_t> lock,
                          int64_t now) {
  c.exec("UPDATE users SET failed_logins=$1, locked_until=$2, updated_at=$3 WHERE id=$4",
         {static_cast<int64_t>(failed), store::opt(lock), now, id});
}

void record_login_success(store::Conn& c, int64_t id, int64_t now) {
  c.exec("UPDATE users SET failed_logins=0, locked_until=NULL, updated_at=$1 WHERE id=$2",
         {now, id});
}

std::vector<Grant> grants_of(store::Conn& c, int64_t user_id) {
  std::vector<Grant> out;
  for (const auto& r : c.query(
           "SELECT g.id, g.role, g.org_id, o.path, o.name, o.kind FROM grants g "
           "JOIN org_nodes o ON o.id = g.org_id WHERE g.user_id = $1 ORDER BY g.id",
           {user_id})) {
    auto role = parse_role(r.str(1));
    if (!role) continue;
    out.push_back(Grant{r.i64(0), *role, r.i64(2), r.str(3), r.str(4), r.str(5)});
  }
  return out;
}

int64_t insert_grant(store::Conn& c, int64_t user_id, Role role, int64_t org_id, int64_t now) {
  return c
      .query_one(
          "INSERT INTO grants (user_id, role, org_id, created_at) VALUES ($1,$2,$3,$4) "
          "RETURNING id",
          {user_id, std::string(role_name(role)), org_id, now})
      ->i64(0);
}

void delete_grant(store::Conn& c, int64_t grant_id) {
  c.exec("DELETE FROM grants WHERE id = $1", {grant_id});
}

std::pair<std::vector<UserRow>, int64_t> list_users(store::Conn& c, const UserQuery& q) {
  std::vector<UserRow> rows;
  if (q.scope_paths.empty()) return {rows, 0};
  store::SqlBuilder b;
  auto bind = [&](store::Value v) { return b.bind(std::move(v)); };
  std::string where = b.in_subtrees("o.path", q.scope_paths);
  if (!q.subtree.empty()) where += " AND " + b.in_subtrees("o.path", {q.subtree});
  if (!q.text.empty()) {
    std::string p = bind(store::like_contains(q.text));
    std::string esc = store::kLikeEscape;
    where += " AND (u.username LIKE " + p + esc + " OR u.display_name LIKE " + p + esc +
             " OR u.phone LIKE " + p + esc + ")";
  }
  std::string ids =
      "SELECT DISTINCT u.id FROM users u JOIN grants g ON g.user_id = u.id "
      "JOIN org_nodes o ON o.id = g.org_id WHERE " + where;
  int64_t total = c.query_one("SELECT COUNT(*) FROM (" + ids + ") t", b.params())->i64(0);
  std::string sql = std::string("SELECT ") + kUserCols + " FROM users u WHERE u.id IN (" + ids +
                    ") ORDER BY u.id LIMIT " + bind(static_cast<int64_t>(q.limit)) + " OFFSET " +
                    bind(static_cast<int64_t>(q.offset));
  for (const auto& r : c.query(sql, b.params())) rows.push_back(user_from(r));
  return {rows, total};
}

int64_t insert_session(store::Conn& c, int64_t user_id, const std::string& token_hash,
                       const std::string& csrf, const std::string& ip, int64_t now) {
  return c
      .query_one(
          "INSERT INTO sessions (user_id, token_hash, csrf_token, ip, created_at, last_seen_at) "
          "VALUES ($1,$2,$3,$4,$5,$5) RETURNING id",
          {user_id, token_hash, csrf, ip, now})
      ->i64(0);
}

std::optional<SessionRow> find_session(store::Conn& c, const std::string& token_hash) {
  auto r = c.query_one(
      "SELECT id, user_id, csrf_token, last_seen_at, ended_at FROM sessions WHERE token_hash = $1",
      {token_hash});
  if (!r) return std::nullopt;
  return SessionRow{r->i64(0), r->i64(1), r->str(2), r->i64(3), r->opt_i64(4)};
}

void touch_session(store::Conn& c, int64_t id, int64_t now) {
  c.exec("UPDATE sessions SET last_seen_at = $1 WHERE id = $2", {now, id});
}

void end_session(store::Conn& c, int64_t id, int64_t now) {
  c.exec("UPDATE sessions SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL", {now, id});
}

void end_user_sessions(store::Conn& c, int64_t user_id, std::optional<int64_t> except,
                       int64_t now) {
  c.exec(
      "UPDATE sessions SET ended_at = $1 WHERE user_id = $2 AND ended_at IS NULL AND id <> $3",
      {now, user_id, except.value_or(0)});
}

namespace {
TokenRow token_from(const store::Row& r) {
  return TokenRow{r.i64(0), r.i64(1), r.str(2), r.i64(3), r.opt_i64(4), r.opt_i64(5)};
}
constexpr const char* kTokenCols = "id, user_id, name, created_at, last_used_at, revoked_at";
}  // namespace

int64_t insert_token(store::Conn& c, int64_t user_id, const std::string& name,
                     const std::string& hash, int64_t now) {
  return c
      .query_one(
          "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1,$2,$3,$4) "
          "RETURNING id",
          {user_id, name, hash, now})
      ->i64(0);
}

std::optional<TokenRow> find_token(store::Conn& c, const std::string& hash) {
  auto r = c.query_one(std::string("SELECT ") + kTokenCols + " FROM api_tokens WHERE token_hash = $1",
                       {hash});
  if (!r) return std::nullopt;
  return token_from(*r);
}

std::optional<TokenRow> find_token_by_id(store::Conn& c, int64_t id) {
  auto r = c.query_one(std::string("SELECT ") + kTokenCols + " FROM api_tokens WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return token_from(*r);
}

std::vector<TokenRow> tokens_of(store::Conn& c, int64_t user_id) {
  std::vector<TokenRow> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kTokenCols +
                   " FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id",
               {user_id}))
    out.push_back(token_from(r));
  return out;
}

void revoke_token(store::Conn& c, int64_t id, int64_t now) {
  c.exec("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2", {now, id});
}

void touch_token(store::Conn& c, int64_t id, int64_t now) {
  c.exec("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", {now, id});
}

}  // namespace xiaoan::auth::repo
