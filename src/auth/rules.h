// Authorization rules: pure functions over a Principal and org paths. Every handler asks
// authorize() before it touches data; nothing here reads storage.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "core/result.h"

namespace xiaoan::auth {

std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view s);
const std::vector<Role>& all_roles();

// Org node kinds from the top of the tree down.
const std::vector<std::string_view>& org_kinds();
bool valid_org_kind(std::string_view kind);
// Whether a node of `child` kind may sit directly under a node of `parent` kind.
bool kind_allowed_under(std::string_view parent, std::string_view child);
// The node kinds a grant of this role may sit on.
std::vector<std::string_view> grant_kinds(Role r);

// Actions and the roles that may perform them. Special: "public" (no sign-in), "authenticated"
// (any staff account) and "family" (a family session from a child's link).
struct ActionPolicy {
  std::string_view action;
  std::vector<Role> roles;
};
const std::vector<ActionPolicy>& action_policies();
bool known_action(std::string_view action);

// True when `path` is `ancestor` or lies beneath it. Paths look like "/1/5/23/".
bool path_within(std::string_view path, std::string_view ancestor);

// The one authorization decision: may `p` perform `action` on something that belongs to the org
// node at `target_path`? Forbidden when no grant of a permitted role covers the target.
Status authorize(const Principal& p, std::string_view action, std::string_view target_path);
// May `p` perform `action` anywhere at all (used for listing within scope)?
Status authorize_any(const Principal& p, std::string_view action);
// The subtree roots in which `p` may perform `action` (paths of the covering grants).
std::vector<std::string> scope_paths(const Principal& p, std::string_view action);

// May `granter` give `role` on the node at `target_path`? Checks users.write scope and the
// roles the granter's own roles may hand out.
Status authorize_grant(const Principal& granter, Role role, std::string_view target_path);

// Password policy: at least 8 characters with a letter and a digit, not a well-known password
// (password1, the demo password, a common word or keyboard run with digits or symbols after it),
// and not containing the username.
bool password_strong_enough(std::string_view pw, std::string_view username = {});

}  // namespace xiaoan::auth
