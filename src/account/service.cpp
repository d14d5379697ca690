#include "account/service.h"

#include "account/repo_sql.h"
#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/rules.h"
#include "core/time.h"
#include "org/service.h"

namespace xiaoan::auth {
namespace {

// How often a session's last-seen time is written: at most once a minute, and often enough that
// short idle timeouts stay accurate.
int64_t touch_every(int64_t idle_ms) { return std::min<int64_t>(60 * 1000, idle_ms / 4); }

std::string bearer_token(const http::Request& req) {
  std::string h = req.header("authorization");
  if (h.size() > 7 && (h.rfind("Bearer ", 0) == 0 || h.rfind("bearer ", 0) == 0)) return h.substr(7);
  return {};
}

}  // namespace

Json grant_json(const Grant& g) {
  return {{"id", id_str(g.id)},
          {"role", role_name(g.role)},
          {"org_id", id_str(g.org_id)},
          {"org_name", g.org_name},
          {"org_kind", g.org_kind}};
}

Json me_json(const Principal& p) {
  Json grants = Json::array();
  for (const auto& g : p.grants) grants.push_back(grant_json(g));
  return {{"id", id_str(p.user_id)},
          {"username", p.username},
          {"display_name", p.display_name},
          {"must_change_password", p.must_change_password},
          {"grants", grants}};
}

Json user_json(const repo::UserRow& u, const std::vector<Grant>& grants) {
  Json gs = Json::array();
  for (const auto& g : grants) gs.push_back(grant_json(g));
  return {{"id", id_str(u.id)},
          {"username", u.username},
          {"display_name", u.display_name},
          {"phone", u.phone ? Json(*u.phone) : Json(nullptr)},
          {"disabled", u.disabled},
          {"must_change_password", u.must_change_password},
          {"locked_until", u.locked_until && *u.locked_until > now_millis()
                               ? Json(iso_utc(*u.locked_until))
                               : Json(nullptr)},
          {"created_at", iso_utc(u.created_at)},
          {"grants", gs}};
}

Result<Principal> AuthService::load_principal(store::Conn& c, int64_t user_id) {
  auto u = repo::find_user(c, user_id);
  if (!u || u->disabled) return Error::unauthenticated();
  Principal p;
  p.user_id = u->id;
  p.username = u->username;
  p.display_name = u->display_name;
  p.must_change_password = u->must_change_password;
  p.grants = repo::grants_of(c, u->id);
  return p;
}

Result<Principal> AuthService::load_family(store::Conn& c, const std::string& cookie, int64_t now,
                                           int64_t* last_seen) {
  auto s = c.query_one(account::sql::kFamilySession, {token_hash(cookie)});
  if (!s || !s->is_null(3)) return Error::unauthenticated();
  if (now - s->i64(2) > opt_.family_idle_ms) return Error::unauthenticated("session_expired");
  if (last_seen) *last_seen = s->i64(2);
  Principal p;
  p.family_session_id = s->i64(0);
  p.csrf_token = s->str(1);
  p.username = "family";
  for (const auto& r : c.query(account::sql::kSessionChildren, {*p.family_session_id}))
    p.family_person_ids.push_back(r.i64(0));
  if (p.family_person_ids.empty()) return Error::unauthenticated();  // every link was revoked
  return p;
}

Result<Principal> AuthService::authenticate(const http::Request& req) {
  int64_t now = now_millis();
  if (req.path.rfind("/api/family/", 0) == 0) {
    std::string cookie = req.cookie("xa_family");
    if (cookie.empty()) return Error::unauthenticated();
    std::optional<Result<Principal>> out;
    int64_t last_seen = now;
    XA_TRY(db_.read([&](store::Conn& c) -> Status {
      out = load_family(c, cookie, now, &last_seen);
      return ok_status();
    }));
    if (out->ok() && now - last_seen > touch_every(opt_.family_idle_ms)) {
      int64_t sid = *(*out)->family_session_id;
      XA_TRY(db_.write([&](store::Conn& c) -> Status {
        c.exec(account::sql::kTouchFamilySession, {now, sid});
        return ok_status();
      }));
    }
    return std::move(*out);
  }
  std::string bearer = bearer_token(req);
  std::string cookie = req.cookie("xa_session");
  if (bearer.empty() && cookie.empty()) return Error::unauthenticated();
  std::optional<Principal> out;
  std::optional<Error> err;
  bool touch = false;
  int64_t touch_id = 0;
  Status st = db_.read([&](store::Conn& c) -> Status {
    if (!bearer.empty()) {
      auto t = repo::find_token(c, token_hash(bearer));
      if (!t || t->revoked_at) {
        err = Error::unauthenticated();
        return ok_status();
      }
      auto p = load_principal(c, t->user_id);
      if (!p.ok()) {
        err = p.error();
        return ok_status();
      }
      out = std::move(p).value();
      out->via_token = true;
      touch = !t->last_used_at || now - *t->last_used_at > 60 * 1000;
      touch_id = t->id;
      return ok_status();
    }
    auto s = repo::find_session(c, token_hash(cookie));
    if (!s || s->ended_at) {
      err = Error::unauthenticated();
      return ok_status();
    }
    if (now - s->last_seen_at > opt_.idle_timeout_ms) {
      err = Error::unauthenticated("session_expired");
      return ok_status();
    }
    auto p = load_principal(c, s->user_id);
    if (!p.ok()) {
      err = p.error();
      return ok_status();
    }
    out = std::move(p).value();
    out->session_id = s->id;
    out->csrf_token = s->csrf_token;
    touch = now - s->last_seen_at > touch_every(opt_.idle_timeout_ms);
    touch_id = s->id;
    return ok_status();
  });
  XA_TRY(st);
  if (err) return *err;
  if (touch) {
    bool token = out->via_token;
    XA_TRY(db_.write([&](store::Conn& c) -> Status {
      if (token) repo::touch_token(c, touch_id, now);
      else repo::touch_session(c, touch_id, now);
      return ok_status();
    }));
  }
  return std::move(*out);
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& ip) {
  // A valid argon2id hash to verify against when the user does not exist, so the answer takes
  // as long for unknown users as for wrong passwords.
  static const std::string kDummy = hash_password("not-a-password-0");
  int64_t now = now_millis();
  std::optional<repo::UserRow> user;
  XA_TRY(db_.read([&](store::Conn& c) -> Status {
    user = repo::find_user_by_name(c, username);
    return ok_status();
  }));
  if (!user) {
    if (auto until = unknown_user_failure(username, now))
      return Error{ErrorCode::kLocked, "", "locked", {{"until", iso_utc(*until)}}};
    verify_password(kDummy, password);
    XA_TRY(db_.write([&](store::Conn& c) -> Status {
      audit(c, nullptr, ip, {"auth.login_failed", "user", "", std::nullopt, "/", nullptr,
                             {{"username", username}, {"reason", "unknown_user"}}});
      return ok_status();
    }));
    return Error{ErrorCode::kBadCredentials, "", "bad_credentials", {}};
  }
  if (user->locked_until && *user->locked_until > now)
    return Error{ErrorCode::kLocked, "", "locked", {{"until", iso_utc(*user->locked_until)}}};
  bool good = verify_password(user->password_hash, password);
  std::optional<Error> err;
  LoginResult result;
  XA_TRY(db_.write([&](store::Conn& c) -> Status {
    auto u = repo::find_user(c, user->id);  // fresh counters inside the transaction
    auto [org_id, org_path] = user_org(repo::grants_of(c, u->id));
    if (!good || u->disabled) {
      int failed = u->failed_logins + (good ? 0 : 1);
      std::optional<int64_t> lock;
      if (failed >= opt_.lock_after_failures) lock = now + opt_.lock_ms;
      if (!good) repo::record_login_failure(c, u->id, failed, lock, now);
      audit(c, nullptr, ip,
            {lock ? "auth.locked" : "auth.login_failed", "user", id_str(u->id), org_id, org_path,
             nullptr, {{"username", username}, {"failed_logins", failed}}});
      err = u->disabled && good ? Error{ErrorCode::kBadCredentials, "", "account_disabled", {}}
                                : Error{ErrorCode::kBadCredentials, "", "bad_credentials", {}};
      return ok_status();
    }
    repo::record_login_success(c, u->id, now);
    result.token = random_token();
    std::string csrf = random_token(24);
    int64_t sid = repo::insert_session(c, u->id, token_hash(result.token), csrf, ip, now);
    auto p = load_principal(c, u->id);
    if (!p.ok()) return p.error();
    result.principal = std::move(p).value();
    result.principal.session_id = sid;
    result.principal.csrf_token = csrf;
    audit(c, &result.principal, ip,
          {"auth.login", "user", id_str(u->id), org_id, org_path, nullptr, nullptr});
    return ok_status();
  }));
  if (err) return *err;
  return result;
}

std::optional<int64_t> AuthService::unknown_user_failure(const std::string& username,
                                                         int64_t now) {
  std::lock_guard lk(unknown_mu_);
  if (unknown_.size() > 100000) unknown_.clear();  // bounded under a username spray
  UnknownUser& u = unknown_[username.substr(0, 64)];
  // As for an account: locked → 423 before the password is looked at; otherwise the failure is
  // counted and the lock starts with the attempt that reaches the limit.
  if (u.locked_until > now) return u.locked_until;
  ++u.failed;
  if (u.failed >= opt_.lock_after_failures) u.locked_until = now + opt_.lock_ms;
  return std::nullopt;
}

Status AuthService::logout(const Principal& who, const std::string& ip) {
  return db_.write([&](store::Conn& c) -> Status {
    if (who.session_id) repo::end_session(c, *who.session_id, now_millis());
    auto [org_id, org_path] = user_org(who.grants);
    audit(c, &who, ip, {"auth.logout", "user", id_str(who.user_id), org_id, org_path, nullptr, nullptr});
    return ok_status();
  });
}

Status AuthService::change_password(const Principal& who, const std::string& old_pw,
                                    const std::string& new_pw, const std::string& ip) {
  if (!password_strong_enough(new_pw, who.username))
    return Error::invalid("new_password", "password_weak");
  if (old_pw == new_pw) return Error::invalid("new_password", "password_same");
  std::optional<repo::UserRow> u;
  XA_TRY(db_.read([&](store::Conn& c) -> Status {
    u = repo::find_user(c, who.user_id);
    return ok_status();
  }));
  if (!u || !verify_password(u->password_hash, old_pw))
    return Error::invalid("old_password", "password_wrong");
  std::string hash = hash_password(new_pw);  // slow: outside the transaction
  return db_.write([&](store::Conn& c) -> Status {
    int64_t now = now_millis();
    repo::set_password(c, who.user_id, hash, false, now);
    repo::end_user_sessions(c, who.user_id, who.session_id, now);
    auto [org_id, org_path] = user_org(who.grants);
    audit(c, &who, ip,
          {"auth.password_change", "user", id_str(who.user_id), org_id, org_path, nullptr, nullptr});
    return ok_status();
  });
}

Result<LoginResult> AuthService::family_sign_in(const std::string& link_token,
                                                const std::string& existing_cookie,
                                                const std::string& ip) {
  int64_t now = now_millis();
  LoginResult out;
  std::optional<Error> err;
  XA_TRY(db_.write([&](store::Conn& c) -> Status {
    auto link = c.query_one(account::sql::kLiveLinkByHash, {token_hash(link_token)});
    if (!link) {
      err = Error{ErrorCode::kUnauthenticated, "token", "family_link_invalid", {}};
      return ok_status();
    }
    std::optional<int64_t> sid;
    if (!existing_cookie.empty()) {
      auto s = c.query_one(account::sql::kOpenFamilySession, {token_hash(existing_cookie)});
      if (s && now - s->i64(1) <= opt_.family_idle_ms) {
        sid = s->i64(0);
        out.token = existing_cookie;
      }
    }
    if (!sid) {
      out.token = random_token();
      sid = c.query_one(account::sql::kInsertFamilySession,
                        {token_hash(out.token), random_token(24), ip, now})
                ->i64(0);
    }
    if (!c.query_one(account::sql::kSessionHasLink, {*sid, link->i64(0)}))
      c.exec(account::sql::kInsertSessionLink, {*sid, link->i64(0)});
    c.exec(account::sql::kTouchLink, {now, link->i64(0)});
    audit(c, nullptr, ip,
          {"family.sign_in", "person", id_str(link->i64(1)), link->i64(2), link->str(3), nullptr, nullptr},
          "family");
    auto p = load_family(c, out.token, now);
    if (!p.ok()) return p.error();
    out.principal = std::move(p).value();
    return ok_status();
  }));
  if (err) return *err;
  return out;
}

Status AuthService::family_logout(const Principal& who) {
  if (!who.family_session_id) return ok_status();
  return db_.write([&](store::Conn& c) -> Status {
    c.exec(account::sql::kEndFamilySession, {now_millis(), *who.family_session_id});
    return ok_status();
  });
}

std::string AuthService::family_cookie(const std::string& token) const {
  return "xa_family=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(opt_.family_idle_ms / 1000) +
         (opt_.secure_cookies ? "; Secure" : "");
}

std::string AuthService::session_cookie(const std::string& token) const {
  return "xa_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(opt_.idle_timeout_ms / 1000) + (opt_.secure_cookies ? "; Secure" : "");
}

std::string AuthService::clear_cookie() const {
  return std::string("xa_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0") +
         (opt_.secure_cookies ? "; Secure" : "");
}

// ---- users -------------------------------------------------------------------------------

Status validate_username(const std::string& username) {
  bool ok = username.size() >= 3 && username.size() <= 64;
  for (char ch : username)
    ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-');
  return ok ? ok_status() : Error::invalid("username", "username_format");
}

Status validate_phone(const std::optional<std::string>& phone) {
  if (!phone || phone->empty()) return ok_status();
  bool ok = phone->size() == 11 && (*phone)[0] == '1';
  for (char ch : *phone) ok = ok && std::isdigit(static_cast<unsigned char>(ch));
  return ok ? ok_status() : Error::invalid("phone", "phone_format");
}

namespace {

// Writes to a user need users.write over every one of their grants.
Status authorize_user_write(const Principal& who, const std::vector<Grant>& grants) {
  XA_TRY(authorize_any(who, "users.write"));
  for (const auto& g : grants) XA_TRY(authorize(who, "users.write", g.org_path));
  return ok_status();
}

Status authorize_user_read(const Principal& who, const std::vector<Grant>& grants) {
  XA_TRY(authorize_any(who, "users.read"));
  for (const auto& g : grants)
    if (authorize(who, "users.read", g.org_path).ok()) return ok_status();
  return Error::forbidden("out_of_scope");
}

Result<Grant> check_grant(store::Conn& c, const Principal& who, Role role, int64_t org_id) {
  auto node = org::require_node(c, org_id);
  if (!node.ok()) return Error::invalid("org_id", "invalid_value", {{"value", id_str(org_id)}});
  auto kinds = grant_kinds(role);
  if (std::find(kinds.begin(), kinds.end(), node->kind) == kinds.end())
    return Error::invalid("role", "role_org_kind",
                          {{"role", std::string(role_name(role))}, {"kind", node->kind}});
  XA_TRY(authorize_grant(who, role, node->path));
  return Grant{0, role, node->id, node->path, node->name, node->kind};
}

}  // namespace

Result<Json> create_user(store::Conn& c, const Principal& who, const std::string& ip,
                         const NewUser& in, const std::string& password_hash) {
  XA_TRY(authorize_any(who, "users.write"));
  if (in.grants.empty()) return Error::invalid("grants", "required");
  std::vector<Grant> checked;
  for (const auto& [role, org] : in.grants) {
    XA_ASSIGN(Grant g, check_grant(c, who, role, org));
    checked.push_back(g);
  }
  if (repo::find_user_by_name(c, in.username))
    return Error::conflict("username", "username_taken", {{"value", in.username}});
  int64_t now = now_millis();
  int64_t id = repo::insert_user(c, in.username, in.display_name, in.phone, password_hash, true, now);
  for (auto& g : checked) {
    bool dup = false;
    for (const auto& h : checked)
      if (&h != &g && h.id != 0 && h.role == g.role && h.org_id == g.org_id) dup = true;
    if (!dup) g.id = repo::insert_grant(c, id, g.role, g.org_id, now);
  }
  auto u = repo::find_user(c, id);
  auto grants = repo::grants_of(c, id);
  Json j = user_json(*u, grants);
  auto [org_id, path] = user_org(grants);
  audit(c, &who, ip, {"user.create", "user", id_str(id), org_id, path, nullptr, j});
  return j;
}

Result<Json> get_user(store::Conn& c, const Principal& who, int64_t id) {
  auto u = repo::find_user(c, id);
  if (!u) return Error::not_found("user");
  auto grants = repo::grants_of(c, id);
  if (id != who.user_id) XA_TRY(authorize_user_read(who, grants));
  return user_json(*u, grants);
}

Result<Json> update_user(store::Conn& c, const Principal& who, const std::string& ip, int64_t id,
                         const UserPatch& in) {
  auto u = repo::find_user(c, id);
  if (!u) return Error::not_found("user");
  auto grants = repo::grants_of(c, id);
  XA_TRY(authorize_user_write(who, grants));
  Json before = user_json(*u, grants);
  if (in.disabled && *in.disabled && id == who.user_id)
    return Error::invalid("disabled", "self_disable");
  XA_TRY(validate_phone(in.phone));
  std::string name = in.display_name.value_or(u->display_name);
  std::optional<std::string> phone = in.phone ? (in.phone->empty() ? std::nullopt : in.phone) : u->phone;
  bool disabled = in.disabled.value_or(u->disabled);
  int64_t now = now_millis();
  repo::update_profile(c, id, name, phone, disabled, now);
  if (disabled && !u->disabled) repo::end_user_sessions(c, id, std::nullopt, now);
  Json after = user_json(*repo::find_user(c, id), grants);
  auto [org_id, path] = user_org(grants);
  audit(c, &who, ip, {"user.update", "user", id_str(id), org_id, path, before, after});
  return after;
}

Status reset_password(store::Conn& c, const Principal& who, const std::string& ip, int64_t id,
                      const std::string& password_hash) {
  auto u = repo::find_user(c, id);
  if (!u) return Error::not_found("user");
  auto grants = repo::grants_of(c, id);
  XA_TRY(authorize_user_write(who, grants));
  int64_t now = now_millis();
  repo::set_password(c, id, password_hash, true, now);
  repo::end_user_sessions(c, id, std::nullopt, now);
  auto [org_id, path] = user_org(grants);
  audit(c, &who, ip, {"user.password_reset", "user", id_str(id), org_id, path, nullptr, nullptr});
  return ok_status();
}

Result<Json> add_grant(store::Conn& c, const Principal& who, const std::string& ip, int64_t user_id,
                       Role role, int64_t org_id) {
  auto u = repo::find_user(c, user_id);
  if (!u) return Error::not_found("user");
  auto grants = repo::grants_of(c, user_id);
  XA_TRY(authorize_user_read(who, grants));
  XA_ASSIGN(Grant g, check_grant(c, who, role, org_id));
  for (const auto& h : grants)
    if (h.role == role && h.org_id == org_id) return grant_json(h);  // already held
  g.id = repo::insert_grant(c, user_id, role, org_id, now_millis());
  Json j = grant_json(g);
  audit(c, &who, ip, {"user.grant_add", "user", id_str(user_id), g.org_id, g.org_path, nullptr, j});
  return j;
}

Status remove_grant(store::Conn& c, const Principal& who, const std::string& ip, int64_t user_id,
                    int64_t grant_id) {
  XA_TRY(authorize_any(who, "users.write"));
  auto grants = repo::grants_of(c, user_id);
  auto it = std::find_if(grants.begin(), grants.end(), [&](const Grant& g) { return g.id == grant_id; });
  if (it == grants.end()) return Error::not_found("grant");
  XA_TRY(authorize_grant(who, it->role, it->org_path));
  if (grants.size() == 1) return Error::rule("grant_id", "grant_last");
  repo::delete_grant(c, grant_id);
  audit(c, &who, ip,
        {"user.grant_remove", "user", id_str(user_id), it->org_id, it->org_path, grant_json(*it), nullptr});
  return ok_status();
}

Result<Json> list_users(store::Conn& c, const Principal& who, std::optional<int64_t> org_id,
                        const std::string& text, int limit, int offset) {
  XA_TRY(authorize_any(who, "users.read"));
  repo::UserQuery q;
  q.scope_paths = scope_paths(who, "users.read");
  if (org_id) {
    auto n = org::require_node(c, *org_id);
    if (!n.ok()) return Error::invalid("org_id", "invalid_value", {{"value", id_str(*org_id)}});
    XA_TRY(authorize(who, "users.read", n->path));
    q.subtree = n->path;
  }
  q.text = text;
  q.limit = limit;
  q.offset = offset;
  auto [rows, total] = repo::list_users(c, q);
  Json items = Json::array();
  for (const auto& u : rows) items.push_back(user_json(u, repo::grants_of(c, u.id)));
  return Json{{"items", items}, {"total", total}};
}

// ---- API tokens --------------------------------------------------------------------------

Result<Json> create_token(store::Conn& c, const Principal& who, const std::string& ip,
                          const std::string& name) {
  if (repo::tokens_of(c, who.user_id).size() >= 20) return Error::rule("name", "token_limit");
  std::string token = "xa_" + random_token();
  int64_t id = repo::insert_token(c, who.user_id, name, token_hash(token), now_millis());
  auto [org_id, org_path] = user_org(who.grants);
  audit(c, &who, ip, {"token.create", "api_token", id_str(id), org_id, org_path, nullptr, {{"name", name}}});
  return Json{{"id", id_str(id)}, {"name", name}, {"token", token}};
}

Json list_tokens(store::Conn& c, const Principal& who) {
  Json items = Json::array();
  for (const auto& t : repo::tokens_of(c, who.user_id))
    items.push_back({{"id", id_str(t.id)},
                     {"name", t.name},
                     {"created_at", iso_utc(t.created_at)},
                     {"last_used_at", t.last_used_at ? Json(iso_utc(*t.last_used_at)) : Json(nullptr)}});
  return {{"items", items}};
}

Status revoke_token(store::Conn& c, const Principal& who, const std::string& ip, int64_t id) {
  auto t = repo::find_token_by_id(c, id);
  if (!t || t->user_id != who.user_id || t->revoked_at) return Error::not_found("token");
  repo::revoke_token(c, id, now_millis());
  auto [org_id, org_path] = user_org(who.grants);
  audit(c, &who, ip, {"token.revoke", "api_token", id_str(id), org_id, org_path, nullptr, nullptr});
  return ok_status();
}

}  // namespace xiaoan::auth
