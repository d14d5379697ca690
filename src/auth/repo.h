// Storage of accounts, grants, sessions and API tokens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "store/db.h"

namespace xiaoan::auth::repo {

struct UserRow {
  int64_t id = 0;
  std::string username, display_name;
  std::optional<std::string> phone;
  std::string password_hash;
  bool must_change_password = false;
  bool disabled = false;
  int failed_logins = 0;
  std::optional<int64_t> locked_until;
  int64_t created_at = 0;
};

std::optional<UserRow> find_user(store::Conn& c, int64_t id);
std::optional<UserRow> find_user_by_name(store::Conn& c, const std::string& username);
int64_t insert_user(store::Conn& c, const std::string& username, const std::string& display_name,
                    const std::optional<std::string>& phone, const std::string& hash,
                    bool must_change, int64_t now);
void update_profile(store::Conn& c, int64_t id, const std::string& display_name,
                    const std::optional<std::string>& phone, bool disabled, int64_t now);
void set_password(store::Conn& c, int64_t id, const std::string& hash, bool must_change,
                  int64_t now);
void record_login_failure(store::Conn& c, int64_t id, int failed, std::optional<int64_t> lock,
                          int64_t now);
void record_login_success(store::Conn& c, int64_t id, int64_t now);

std::vector<Grant> grants_of(store::Conn& c, int64_t user_id);
int64_t insert_grant(store::Conn& c, int64_t user_id, Role role, int64_t org_id, int64_t now);
void delete_grant(store::Conn& c, int64_t grant_id);

struct UserQuery {
  std::vector<std::string> scope_paths;
  std::string subtree;  // optional narrowing to one node's subtree
  std::string text;     // username / name / phone contains
  int limit = 50, offset = 0;
};
std::pair<std::vector<UserRow>, int64_t> list_users(store::Conn& c, const UserQuery& q);

struct SessionRow {
  int64_t id, user_id;
  std::string csrf_token;
  int64_t last_seen_at;
  std::optional<int64_t> ended_at;
};
int64_t insert_session(store::Conn& c, int64_t user_id, const std::string& token_hash,
                       const std::string& csrf, const std::string& ip, int64_t now);
std::optional<SessionRow> find_session(store::Conn& c, const std::string& token_hash);
void touch_session(store::Conn& c, int64_t id, int64_t now);
void end_session(store::Conn& c, int64_t id, int64_t now);
void end_user_sessions(store::Conn& c, int64_t user_id, std::optional<int64_t> except, int64_t now);

struct TokenRow {
  int64_t id, user_id;
  std::string name;
  int64_t created_at;
  std::optional<int64_t> last_used_at, revoked_at;
};
int64_t insert_token(store::Conn& c, int64_t user_id, const std::string& name,
                     const std::string& hash, int64_t now);
std::optional<TokenRow> find_token(store::Conn& c, const std::string& hash);
std::optional<TokenRow> find_token_by_id(store::Conn& c, int64_t id);
std::vector<TokenRow> tokens_of(store::Conn& c, int64_t user_id);
void revoke_token(store::Conn& c, int64_t id, int64_t now);
void touch_token(store::Conn& c, int64_t id, int64_t now);

}  // namespace xiaoan::auth::repo
