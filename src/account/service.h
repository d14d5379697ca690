// Accounts, sessions, grants, API tokens and audit search.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/principal.h"
#include "auth/repo.h"
#include "core/json_input.h"
#include "http/pipeline.h"
#include "store/db.h"

namespace xiaoan::auth {

struct AuthOptions {
  int64_t idle_timeout_ms = 12LL * 3600 * 1000;
  int lock_after_failures = 5;
  int64_t lock_ms = 15LL * 60 * 1000;
  bool secure_cookies = false;  // set behind HTTPS
  int64_t family_idle_ms = 30LL * 24 * 3600 * 1000;  // families stay signed in on their phone
};

struct LoginResult {
  Principal principal;
  std::string token;  // the session cookie value
};

class AuthService : public http::Authenticator {
 public:
  AuthService(store::Db& db, AuthOptions options) : db_(db), opt_(options) {}

  Result<Principal> authenticate(const http::Request& req) override;
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& ip);
  Status logout(const Principal& who, const std::string& ip);
  Status change_password(const Principal& who, const std::string& old_pw,
                         const std::string& new_pw, const std::string& ip);
  std::string session_cookie(const std::string& token) const;
  std::string clear_cookie() const;

  // Family sign-in with a child's link secret. A phone that already holds a family session adds
  // the child to it (siblings); otherwise a new session starts. Returns the principal and the
  // cookie value to set.
  Result<LoginResult> family_sign_in(const std::string& link_token,
                                     const std::string& existing_cookie, const std::string& ip);
  Status family_logout(const Principal& who);
  std::string family_cookie(const std::string& token) const;
  const AuthOptions& options() const { return opt_; }

 private:
  Result<Principal> load_principal(store::Conn& c, int64_t user_id);
  Result<Principal> load_family(store::Conn& c, const std::string& cookie, int64_t now,
                                int64_t* last_seen = nullptr);
  // Counts a failed sign-in of a username that has no account, exactly as an account's failures
  // are counted, and returns the lock's end when it is locked: so that 423 tells nobody whether
  // an account exists. In memory (per app server) and bounded.
  std::optional<int64_t> unknown_user_failure(const std::string& username, int64_t now);

  store::Db& db_;
  AuthOptions opt_;
  struct UnknownUser {
    int failed = 0;
    int64_t locked_until = 0;
  };
  std::mutex unknown_mu_;
  std::unordered_map<std::string, UnknownUser> unknown_;
};

Json me_json(const Principal& p);
Json grant_json(const Grant& g);
Json user_json(const repo::UserRow& u, const std::vector<Grant>& grants);

// Users (inside the caller's transaction; `who` must hold users.read / users.write).
struct NewUser {
  std::string username, display_name, password;
  std::optional<std::string> phone;
  std::vector<std::pair<Role, int64_t>> grants;
};
Result<Json> create_user(store::Conn& c, const Principal& who, const std::string& ip,
                         const NewUser& in, const std::string& password_hash);
Result<Json> get_user(store::Conn& c, const Principal& who, int64_t id);
struct UserPatch {
  std::optional<std::string> display_name, phone;
  std::optional<bool> disabled;
};
Result<Json> update_user(store::Conn& c, const Principal& who, const std::string& ip, int64_t id,
                         const UserPatch& in);
Status reset_password(store::Conn& c, const Principal& who, const std::string& ip, int64_t id,
                      const std::string& password_hash);
Result<Json> add_grant(store::Conn& c, const Principal& who, const std::string& ip, int64_t user_id,
                       Role role, int64_t org_id);
Status remove_grant(store::Conn& c, const Principal& who, const std::string& ip, int64_t user_id,
                    int64_t grant_id);
Result<Json> list_users(store::Conn& c, const Principal& who, std::optional<int64_t> org_id,
                        const std::string& text, int limit, int offset);
// Validation shared by the API and the command line.
Status validate_username(const std::string& username);
Status validate_phone(const std::optional<std::string>& phone);

// API tokens of the caller.
Result<Json> create_token(store::Conn& c, const Principal& who, const std::string& ip,
                          const std::string& name);
Json list_tokens(store::Conn& c, const Principal& who);
Status revoke_token(store::Conn& c, const Principal& who, const std::string& ip, int64_t id);

}  // namespace xiaoan::auth
